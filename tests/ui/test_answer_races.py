"""Answers are taken once and never lost, whatever order Enter, PgDn, a conflict
and a cancelled dialog arrive in (keys come in bursts over a laggy SSH link)."""

from __future__ import annotations

from dataclasses import replace

from textual.widgets import Input

from kata_tui.domain.model import Role
from kata_tui.store.board_file import BoardFile, Editor
from kata_tui.store.datadir import DataDir
from kata_tui.ui.screens.board_screen import BoardScreen
from kata_tui.ui.screens.conflict import ConflictScreen


async def _at(pilot, screen: BoardScreen, key: str) -> None:
    for _ in range(12):
        if screen.card.position == key:
            return
        await pilot.press("pagedown")
        await pilot.pause()
    raise AssertionError(f"never reached {key}, at {screen.card.position}")


async def _r3_answered(pilot, app, text: str) -> tuple[BoardScreen, Input]:
    """A cycle on maria at R3 (what actually happened?), ``text`` on the answer line."""
    await pilot.pause()
    await pilot.press("c")
    screen = app.screen
    await _at(pilot, screen, "r3")
    answer = screen.card.query_one("#answer", Input)
    answer.value = text
    return screen, answer


async def test_pgdn_arriving_before_the_card_takes_an_enter_answers_once(demo_data, make_app):
    step = demo_data.load("maria").threshold()
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        screen, answer = await _r3_answered(pilot, app, "Cart came late")
        await answer.action_submit()  # Enter, not handled yet ...
        screen.action_next_question()  # ... when PgDn runs
        await pilot.pause()
        assert screen.card.position == "r4"
    stored = DataDir.open(demo_data.path).load("maria").find(type(step), step.id)
    assert stored.happened == "Cart came late"
    assert stored.learned == step.learned


async def test_pgdn_arriving_after_the_card_took_an_answer_loses_nothing(demo_data, make_app):
    step = demo_data.load("maria").threshold()
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        screen, answer = await _r3_answered(pilot, app, "Cart came late")
        screen.card.on_input_submitted(Input.Submitted(answer, answer.value))  # taken ...
        screen.action_next_question()  # ... and PgDn before the screen moved on
        await pilot.pause()
        assert screen.card.position == "r4"
    stored = DataDir.open(demo_data.path).load("maria").find(type(step), step.id)
    assert stored.happened == "Cart came late"


async def test_after_cancelling_the_end_of_cycle_form_enter_answers_again(demo_data, make_app):
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        screen = app.screen
        await _at(pilot, screen, "q5")
        await pilot.press(*"fri", "enter")
        await pilot.pause()
        assert app.screen is not screen  # the reflection form
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.card.position == "q5"
        await pilot.press(*"+2d", "enter")
        await pilot.pause()
        assert app.screen is not screen  # asked to end the cycle again
    target = DataDir.open(demo_data.path).load("maria").target
    assert target.next_go_see.isoformat() == "2026-11-25"


async def test_an_answer_caught_in_a_conflict_is_saved_once(demo_data, make_app, clock):
    before = len(demo_data.load("maria").readings)
    other = BoardFile(demo_data.path / "maria.json")
    # No actual condition on the board yet: the answer to question 2 fills it.
    blank = replace(other.load().target, actual_pattern="")
    other.commit([blank], Editor("maria", Role.LEARNER), clock.now())
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c", "enter")
        await pilot.pause()
        screen = app.screen
        assert screen.card.position == "q2"
        story = other.load()
        changed = replace(story.target, actual_pattern="changed by anna")
        other.commit([changed], Editor("anna", Role.COACH), clock.now())
        # Enter on the reading line, before this session has polled the file:
        screen.cycles.answered(screen.card.Answered("q2", "Cart staged at 9:50", "31"))
        await pilot.pause()
        assert isinstance(app.screen, ConflictScreen)
        await pilot.press("m")  # keep mine
        await pilot.pause()
        assert screen.card.position == "q2"  # saved: on to the process metric's reading
        assert screen.cycles.metric_step == 1
        await pilot.press("enter")  # skipped
        await pilot.pause()
        assert screen.card.position == "r1"
        await pilot.press("enter")
        await pilot.pause()
    stored = DataDir.open(demo_data.path).load("maria")
    assert len(stored.readings) == before + 1
    assert stored.target.actual_pattern == "Cart staged at 9:50"
    cycle = stored.running_cycle()
    assert [a.text for a in cycle.answers if a.key == "q2"] == ["Cart staged at 9:50\nreading: 31"]


async def test_text_typed_in_one_burst_with_pgdn_answers_the_question_it_was_typed_for(
    demo_data, make_app
):
    """PgDn works from the answer line; arriving in the same burst as the answer,
    it reaches the screen after the keys typed before it."""
    from textual import events

    step = demo_data.load("maria").threshold()
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        screen, answer = await _r3_answered(pilot, app, "")
        for key in [*"Cart came late", "pagedown"]:
            app.post_message(events.Key(key, None if len(key) > 1 else key))
        await pilot.pause()
        await pilot.pause()
        assert screen.card.position == "r4"
        assert answer.value == ""  # nothing spilled into R4's line
    stored = DataDir.open(demo_data.path).load("maria").find(type(step), step.id)
    assert stored.happened == "Cart came late"
