"""A TWI Job Relations record run as a cycle on the shipped card set at 80x24:
the objective and the four steps kept in the cycle record and the Markdown
export, and step 4's follow-up date due on the coach's dashboard."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from kata_tui.domain.card import CardRef
from kata_tui.domain.model import Board, Obstacle, ObstacleStatus, TargetCondition
from kata_tui.domain.storyboard import Storyboard
from kata_tui.domain.summary import summarize
from kata_tui.export.formats import render
from kata_tui.export.markdown import cell
from kata_tui.store.datadir import DataDir
from kata_tui.ui.board_rows import details
from kata_tui.ui.screens.board_list import BoardListScreen
from kata_tui.ui.screens.card_choice import CardChoiceScreen
from tests.conftest import TODAY
from tests.domain.test_follow_up import board, running
from tests.ui.test_card_sets import SETUP

JR = CardRef("twi-job-relations", 1, "en")
SAID = [
    ("objective", "Ana and Ben work the line together again"),
    ("obstacle", "1"),
    ("facts", "Ben swaps shifts without asking; Ana covers"),
    ("decide", "Talk with both; agree a swap rule"),
    ("action", "Met both on Tuesday; rule on the board"),
    ("check", "No unplanned swaps; Ana not covering"),
]


def board_with_an_obstacle(data: DataDir, clock) -> None:
    target = TargetCondition(seq=1)
    data.create(
        Storyboard(
            board=Board("lea", "tom", "Ship every order on time"),
            targets=(target,),
            obstacles=(Obstacle(target.id, "Shift swaps leave the line short", TODAY, number=1),),
        ),
        SETUP,
        clock.now(),
        slug="lea",
    )


async def test_a_whole_job_relations_record_at_80x24(data, clock, make_app, notices) -> None:
    board_with_an_obstacle(data, clock)
    app = make_app(data, board="lea", user="tom")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("K")  # a cycle on another card set, the board keeps its own
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CardChoiceScreen)
        jr = next(i for i, c in enumerate(screen.choices) if c.ref.name == JR.name)
        await pilot.press(*["down"] * jr, "enter")
        await pilot.pause()
        assert app.screen.card.card.ref == JR
        assert app.screen.card.position == "objective"
        for _key, text in SAID:
            await pilot.press(*text, "enter")
        assert app.screen.card.position == "follow"
        await pilot.press(*"yesterday", "enter")  # a past date is refused, nothing moves
        await pilot.pause()
        assert app.screen.card.position == "follow"
        assert any("2026-11-22 is already past" in m for m in notices), notices
        await pilot.press(*["backspace"] * 9, *"fri", "enter")  # the end-of-cycle form
        await pilot.pause()
        await pilot.press(*"Heard both sides first", "ctrl+s")
        await pilot.pause()
        assert app.screen.card.position == ""

    story = DataDir.open(data.path).load("lea")
    (cycle,) = story.cycles
    assert (cycle.card, cycle.card_version, cycle.card_language) == ("twi-job-relations", 1, "en")
    assert [(a.key, a.text) for a in cycle.answers] == [*SAID, ("follow", "fri")]
    assert cycle.answers[-1].meaning == "follow-up 2026-11-27"
    assert cycle.follow_up == date(2026, 11, 27)
    assert cycle.reflection == "Heard both sides first"
    assert story.board.card == "coaching-kata"  # the board keeps its own card
    (obstacle,) = story.obstacles_for()
    assert cycle.obstacle_id == obstacle.id  # the record is about it; it stays parked
    assert cycle.answer("obstacle") == "1"
    assert cycle.answers[1].meaning == 'obstacle 1 "Shift swaps leave the line short"'
    assert obstacle.status is ObstacleStatus.PARKED and not story.experiments_for()

    card = data.cards.get(JR)
    markdown = render(story, "md", today=TODAY, cards=data.cards.find)
    assert f"- Card: {card.title} (twi-job-relations v1 (en))" in markdown
    for key, text in SAID:
        question = card.get(key)
        assert f"| {cell(f'{question.label}. {question.text}')} | {text} |" in markdown
    assert "follow-up 2026-11-27" in markdown
    assert [a.by for a in cycle.answers] == ["tom"] * len(cycle.answers)
    assert [a.meaning for a in cycle.answers if a.key not in ("obstacle", "follow")] == [""] * 5
    for a in cycle.answers:  # every answer, under its question, with what it meant
        question = card.get(a.key)
        row = [f"{question.label}. {question.text}", a.text, a.meaning, a.by]
        assert "| " + " | ".join(map(cell, row)) + " |" in markdown
    question = card.get("obstacle")
    linked = cell('obstacle 1 "Shift swaps leave the line short"')
    assert f"| {cell(f'{question.label}. {question.text}')} | 1 | {linked} |" in markdown

    app = make_app(data, user="tom")  # the coach's dashboard
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BoardListScreen)
        details = str(app.screen.query_one("#details").content)
        assert "Follow-up due: 2026-11-27" in details


def test_the_dashboard_says_the_follow_up_is_due_and_when_overdue() -> None:
    story = board().with_record(replace(running(board()), follow_up=date(2026, 11, 27)))
    summary = summarize(story)
    assert summary.next_follow_up == date(2026, 11, 27)
    assert "Follow-up due: 2026-11-27" in str(details(summary, TODAY))
    assert not summary.follow_up_overdue(date(2026, 11, 27))
    assert "Follow-up due: ! 2026-11-27 overdue" in str(details(summary, date(2026, 11, 28)))
    assert "Follow-up" not in str(details(summarize(board()), TODAY))
