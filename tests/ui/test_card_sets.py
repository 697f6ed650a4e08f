"""Whole coaching cycles at 80x24 on each card set: the coaching kata in each
language, and a plant's own kata from ``<data>/cards/``; each answer checked in
the record and in the Markdown export, with the set, version and language the
cycle used. A set is picked per board (``k``) or per cycle (``K``); a broken
set file is refused with its line and never breaks a board."""

from __future__ import annotations

from datetime import date

import pytest

from kata_tui.domain.card import COACHING_KATA, CardRef
from kata_tui.domain.model import Board, ObstacleStatus, Role, TargetCondition
from kata_tui.domain.storyboard import Storyboard
from kata_tui.export.formats import render
from kata_tui.export.markdown import cell
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir
from kata_tui.ui.screens.board_screen import BoardScreen
from kata_tui.ui.screens.card_choice import CardChoiceScreen
from kata_tui.ui.widgets.card import QuestionList
from tests.conftest import TODAY
from tests.domain.test_card_sets import FIVE_WHYS
from tests.ui.screen_text import screen_grid

SETUP = Editor("setup", Role.COACH)


def new_board(data: DataDir, clock, slug: str = "lea", **board: str) -> None:
    data.create(
        Storyboard(
            board=Board("lea", "tom", "Ship every order on time", **board),
            targets=(TargetCondition(seq=1),),
        ),
        SETUP,
        clock.now(),
        slug=slug,
    )


def write_card(data: DataDir, name: str, text: str) -> None:
    (data.path / "cards").mkdir(exist_ok=True)
    (data.path / "cards" / name).write_text(text, encoding="utf-8")


def card_text(app) -> str:
    return str(app.screen.query_one(QuestionList).render())


async def run_coaching_cycle(pilot) -> None:
    """The five questions answered on a fresh board, the back of the card passed."""
    await pilot.press("c", *"Orders packed in 2 hours", "enter")  # 1
    await pilot.press(*"Packing takes 4 hours", "enter")  # 2 (Enter again: no reading)
    await pilot.press("enter", "enter", "enter", "enter")  # R1-R4: no step yet
    await pilot.press(*"Labels printed late", "enter")  # 3
    await pilot.press(*"Print labels at 6:00", "enter", *"Labels ready at 6:30", "enter")  # 4
    await pilot.press(*"tomorrow", "enter")  # 5: the end-of-cycle form opens
    await pilot.pause()
    await pilot.press(*"Let her find the obstacle", "ctrl+s")
    await pilot.pause()


COACHING_ANSWERS = [
    ("q1", "Orders packed in 2 hours", "", "lea"),
    ("q2", "Packing takes 4 hours", "", "lea"),
    ("q3", "Labels printed late", 'obstacle 1 "Labels printed late": added, working on', "lea"),
    (
        "q4",
        "Print labels at 6:00\nexpect: Labels ready at 6:30",
        'step 1 on obstacle 1 "Labels printed late"',
        "lea",
    ),
    ("q5", "tomorrow", "2026-11-24", "lea"),
]
"""What ``run_coaching_cycle`` says, as the cycle record keeps it: (key, text, meaning, by)."""


@pytest.mark.parametrize("language", ["en", "de", "es", "fr", "pl"])
async def test_a_whole_cycle_on_the_coaching_kata_in_each_language(language, data, clock, make_app):
    new_board(data, clock, card_language=language)
    card = data.cards.get(CardRef("coaching-kata", 1, language))
    app = make_app(data, board="lea", user="lea")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert card.get("q3").text.split()[0] in card_text(app)  # the learner's language
        assert app.screen.card.border_title == card.title.split(":")[0].strip()
        await run_coaching_cycle(pilot)
        assert app.screen.card.position == ""

    story = DataDir.open(data.path).load("lea")
    (cycle,) = story.cycles
    assert (cycle.card, cycle.card_version, cycle.card_language) == ("coaching-kata", 1, language)
    assert [a.key for a in cycle.answers] == ["q1", "q2", "q3", "q4", "q5"]
    assert cycle.answer("q1") == "Orders packed in 2 hours"
    assert cycle.answer("q4") == "Print labels at 6:00\nexpect: Labels ready at 6:30"
    assert story.target.next_go_see == date(2026, 11, 24)
    (obstacle,) = story.obstacles_for()
    assert (obstacle.text, obstacle.status) == ("Labels printed late", ObstacleStatus.WORKING)
    said = [(a.key, a.text, a.meaning, a.by) for a in cycle.answers]
    assert said == COACHING_ANSWERS
    markdown = render(story, "md", today=TODAY, cards=data.cards.find)
    for key, text, meaning, by in COACHING_ANSWERS:  # every answer, under its question
        question = card.get(key)
        row = [f"{question.label}. {question.text}", text, meaning, by]
        assert "| " + " | ".join(map(cell, row)) + " |" in markdown
    card_line = f"- Card: {card.title} (coaching-kata v1 ({language}))"
    assert (card_line in markdown) is (language != "en")  # English goes without saying


async def test_a_whole_cycle_on_a_plant_written_kata(data, clock, make_app):
    write_card(data, "five-whys.toml", FIVE_WHYS)
    new_board(data, clock, card="five-whys")
    app = make_app(data, board="lea", user="lea")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "What is the problem, as seen" in card_text(app)
        assert app.screen.card.border_title == "Five whys"
        await pilot.press("c")
        assert app.screen.card.position == "problem"
        await pilot.press(*"Orders leave late", "enter")  # the cycle record only
        await pilot.press(*"Labels printed late", "enter")  # a new obstacle
        await pilot.press(*"Print labels at 6:00", "enter", *"Ready at 6:30", "enter")  # a step
        await pilot.pause()
        await pilot.press(*"Ask, do not tell", "ctrl+s")  # the end-of-cycle form
        await pilot.pause()
        assert app.screen.card.position == ""

    story = DataDir.open(data.path).load("lea")
    (cycle,) = story.cycles
    assert (cycle.card, cycle.card_version, cycle.card_language) == ("five-whys", 3, "en")
    assert [(a.key, a.text) for a in cycle.answers] == [
        ("problem", "Orders leave late"),
        ("why", "Labels printed late"),
        ("counter", "Print labels at 6:00\nexpect: Ready at 6:30"),
    ]
    assert cycle.reflection == "Ask, do not tell"
    (obstacle,) = story.obstacles_for()
    assert obstacle.text == "Labels printed late"
    (step,) = story.experiments_for()
    assert (step.step, step.expected, step.obstacle_id) == (
        "Print labels at 6:00",
        "Ready at 6:30",
        obstacle.id,
    )
    assert story.target.pattern == ""  # nothing landed on the board but what the card says
    markdown = render(story, "md", today=TODAY, cards=data.cards.find)
    assert "- Card: Five whys (five-whys v3 (en))" in markdown
    assert "| P. What is the problem, as seen at the gemba? | Orders leave late |" in markdown
    assert "| 2\\. Why does it happen? | Labels printed late |" in markdown
    for a in cycle.answers:  # every answer, under its question, with what it meant
        question = data.cards.get(cycle.card_ref).get(a.key)
        row = [f"{question.label}. {question.text}", a.text, a.meaning, a.by]
        assert "| " + " | ".join(map(cell, row)) + " |" in markdown
    assert [(a.meaning, a.by) for a in cycle.answers] == [
        ("", "lea"),
        ('obstacle 1 "Labels printed late": added, working on', "lea"),
        ('step 1 on obstacle 1 "Labels printed late"', "lea"),
    ]
    # on a server without the set the answers still show, under their keys
    assert "| problem | Orders leave late |" in render(story, "md", today=TODAY)


async def test_k_picks_the_boards_card_set_and_language(data, clock, make_app):
    new_board(data, clock)
    app = make_app(data, board="lea", user="tom", role=Role.COACH)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, CardChoiceScreen)
        await pilot.press("down", "enter")  # the English card is first, German next
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert "Was ist der Ziel-Zustand?" in card_text(app)
        await pilot.press("c")
        assert app.screen.card.card.language == "de"
    story = DataDir.open(data.path).load("lea")
    assert (story.board.card, story.board.card_language) == ("coaching-kata", "de")
    assert story.cycles[0].card_language == "de"


async def test_K_runs_one_cycle_on_another_set_and_the_board_keeps_its_own(data, clock, make_app):
    write_card(data, "five-whys.toml", FIVE_WHYS)
    new_board(data, clock)
    app = make_app(data, board="lea", user="tom", role=Role.COACH)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("K")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CardChoiceScreen)
        five = next(i for i, c in enumerate(screen.choices) if c.ref.name == "five-whys")
        await pilot.press(*["down"] * five, "enter")
        await pilot.pause()
        assert app.screen.card.position == "problem"
        await pilot.press(*"Orders leave late", "enter", "ctrl+t")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.card.card is COACHING_KATA  # back to the board's card
    story = DataDir.open(data.path).load("lea")
    assert story.board.card == "coaching-kata"
    assert [(c.card, c.answers[0].key) for c in story.cycles] == [("five-whys", "problem")]


async def test_a_broken_set_is_refused_with_its_line_and_breaks_no_board(
    data, clock, make_app, notices
):
    broken = FIVE_WHYS.replace('lands = "obstacle"', 'lands = "obstacles"')
    write_card(data, "five-whys.toml", broken)
    line = FIVE_WHYS.splitlines().index('lands = "obstacle"') + 1
    new_board(data, clock, card="five-whys")
    new_board(data, clock, slug="ken")
    app = make_app(data, board="lea", user="tom", role=Role.COACH)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.card.card is COACHING_KATA  # the board opens and shows
        await pilot.press("c")
        await pilot.pause()
        assert app.screen.card.position == ""  # no cycle on a card that cannot be read
        assert any(
            f"five-whys.toml:{line}: question 2 ('why'): lands 'obstacles'" in m for m in notices
        ), notices
    assert DataDir.open(data.path).load("lea").cycles == ()
    app = make_app(data, board="ken", user="tom", role=Role.COACH)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c", *"Orders packed in 2 hours", "enter")
        await pilot.pause()
        assert app.screen.card.position == "q2"  # another board's cycle runs as ever


def test_snapshot_german_card_80x24(snap_compare, data, clock, make_app) -> None:
    """The German card mid-cycle at question 3, the back of the card above it, on a
    board short enough not to scroll (so the picture is the card's, not the board's)."""
    data.create(
        Storyboard(
            board=Board("lea", "tom", "Jeden Auftrag pünktlich", card_language="de"),
            targets=(TargetCondition(seq=1, pattern="Aufträge in 2 h gepackt"),),
        ),
        SETUP,
        clock.now(),
        slug="lea",
    )
    keys = ["c", *["pagedown"] * 6, *"Stapler kommt zu spät"]
    assert snap_compare(make_app(data, board="lea"), terminal_size=(80, 24), press=keys)


async def test_a_card_title_is_shown_as_written_never_as_markup(data, clock, make_app):
    write_card(data, "five-whys.toml", FIVE_WHYS.replace("Five whys", "Fix [b]it[/] [/]", 1))
    new_board(data, clock, card="five-whys")
    app = make_app(data, board="lea", user="lea")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert "Fix [b]it[/] [/]" in "\n".join(screen_grid(app))
        await pilot.press("c")
        assert app.screen.card.position == "problem"


async def test_a_running_cycle_whose_card_set_is_gone_still_opens(data, clock, make_app):
    # kata sync carries board files, not a plant's card files: the set may be missing here
    write_card(data, "five-whys.toml", FIVE_WHYS)
    new_board(data, clock, card="five-whys")
    app = make_app(data, board="lea", user="lea")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c", *"Orders leave late", "enter")
        await pilot.pause()
        assert app.screen.card.position == "why"
    (data.path / "cards" / "five-whys.toml").unlink()
    again = make_app(DataDir.open(data.path), board="lea", user="tom", role=Role.COACH)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, BoardScreen)
    story = DataDir.open(data.path).load("lea")
    (cycle,) = story.cycles
    assert [(a.key, a.text) for a in cycle.answers] == [("problem", "Orders leave late")]
