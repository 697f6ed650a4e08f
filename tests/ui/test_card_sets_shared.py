"""A cycle on another card set or language, shared: a follower's card shows the
cycle's card (not its own board's), a session taking over drives on it, and the
answer line's hint is in the card's language."""

from __future__ import annotations

from textual.widgets import Input

from kata_tui.domain import cycle as cycle_rules
from kata_tui.domain.card import COACHING_KATA, CardRef
from kata_tui.domain.model import Role
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir
from kata_tui.store.session import BoardSession
from kata_tui.ui.screens.cycle_choice import CycleChoiceScreen
from tests.domain.test_card_sets import FIVE_WHYS
from tests.ui.test_card_sets import card_text, new_board, write_card


def coach(data: DataDir, clock) -> BoardSession:
    return BoardSession(DataDir.open(data.path), "lea", Editor("tom", Role.COACH), clock)


async def test_a_follower_sees_the_cycles_card_and_its_answers(data, clock, make_app):
    new_board(data, clock)  # the board's own card: the English coaching kata
    german = data.cards.get(CardRef("coaching-kata", 1, "de"))
    app = make_app(data, board="lea", follow=True, role=Role.SECOND_COACH, user="anna")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.card.card is COACHING_KATA
        tom = coach(data, clock)
        (cycle,) = cycle_rules.start_cycle(tom.story, clock.now(), "tom", card=german).records
        tom.save(cycle)
        said = cycle_rules.answer(
            tom.story, "q1", "2 h", clock.today(), "tom", cycle=cycle, card=german
        )
        tom.save(*said.records)
        await pilot.pause(1.0)
        assert app.screen.card.card.language == "de"
        assert "Was ist der Ziel-Zustand?" in card_text(app)
        tom.save(cycle_rules.end_cycle(tom.story.running_cycle(), clock.now()))
        await pilot.pause(1.0)
        assert app.screen.card.card is COACHING_KATA  # no cycle: the board's card again


async def test_taking_over_a_plant_kata_cycle_drives_on_its_card(data, clock, make_app):
    write_card(data, "five-whys.toml", FIVE_WHYS)
    new_board(data, clock)
    plant = data.cards.get(CardRef("five-whys", 0, "en"))
    tom = coach(data, clock)
    (cycle,) = cycle_rules.start_cycle(tom.story, clock.now(), "tom", card=plant).records
    tom.save(cycle_rules.move_to(cycle, "why", plant))
    app = make_app(data, board="lea", user="lea")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.card.card.name == "five-whys"  # shown as it runs
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CycleChoiceScreen)
        await pilot.press("d")
        await pilot.pause()
        assert app.screen.card.position == "why"
        await pilot.press(*"Labels printed late", "enter")
        await pilot.pause()
        assert app.screen.card.position == "counter"
    story = DataDir.open(data.path).load("lea")
    assert story.running_cycle().answer("why") == "Labels printed late"
    assert [o.text for o in story.obstacles] == ["Labels printed late"]


async def test_the_answer_lines_hint_is_in_the_cards_language(data, clock, make_app):
    new_board(data, clock, card_language="pl")
    polish = data.cards.get(CardRef("coaching-kata", 1, "pl"))
    app = make_app(data, board="lea", user="lea")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        line = app.screen.card.query_one("#answer", Input)
        assert line.placeholder == polish.get("q1").prompt == "stan docelowy (wzorzec pracy)"


async def test_a_card_that_needs_no_target_runs_on_a_grasping_board(data, clock, make_app):
    from kata_tui.domain.model import Board
    from kata_tui.domain.storyboard import Storyboard
    from tests.domain.test_cycle_no_target import TALK
    from tests.ui.test_card_sets import SETUP

    write_card(data, "talk.toml", TALK)
    data.create(
        Storyboard(board=Board("lea", "tom", "Ship on time", card="talk")),
        SETUP,
        clock.now(),
        slug="lea",
    )
    app = make_app(data, board="lea", user="tom", role=Role.COACH)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c", *"A late truck", "enter", *"Call the carrier", "enter")
        await pilot.pause()
        await pilot.press("ctrl+s")  # the end-of-cycle form
        await pilot.pause()
    (cycle,) = DataDir.open(data.path).load("lea").cycles
    assert (cycle.card, cycle.target_id, cycle.running) == ("talk", "", False)
    assert [a.text for a in cycle.answers] == ["A late truck", "Call the carrier"]
