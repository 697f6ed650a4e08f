"""One open step at a time, whichever way a step is added (issue 12).

Question 4 refused a second open step, but ``a`` on the experiment record
opened one at once, with no expectation; a form begun before another
session opened a step, or an edit that reopened an old step, saved a second
open step too. Driven by keys at 80x24 on the demo board "maria", whose
step 4 is open.
"""

from __future__ import annotations

from dataclasses import replace

from kata_tui.domain.cycle import EXPECTATION_HINT
from kata_tui.domain.model import Experiment, Role
from kata_tui.domain.save_rules import still_open
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir
from kata_tui.ui.screens.board_screen import BoardScreen
from kata_tui.ui.screens.form import FormScreen

SIZE = (80, 24)
RECORD = 4
"""Tabs from the challenge to the experiment record."""


def stored(data: DataDir):
    return DataDir.open(data.path).load("maria")


def form_errors(app) -> list[str]:
    return [str(e.render()) for e in app.screen.query(".form-error") if e.display]


def close_open_step(data: DataDir, clock) -> Experiment:
    story = data.load("maria")
    done = replace(story.threshold(), happened="Took 4 min", learned="Clamp heights differ")
    data.board("maria").commit([done], Editor("tom", Role.COACH), clock.now())
    return done


async def test_a_on_the_record_refuses_a_step_while_the_last_is_open(demo_data, make_app, notices):
    before = demo_data.load("maria")
    open_step = before.threshold()
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*["tab"] * RECORD, "a")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)  # no form to fill in vain
        assert notices[-1] == still_open(open_step)
        assert "\n" not in notices[-1]
    assert stored(demo_data).experiments == before.experiments


async def test_a_new_step_needs_its_expectation(demo_data, make_app, clock):
    close_open_step(demo_data, clock)
    before = demo_data.load("maria")
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*["tab"] * RECORD, "a", *"Clamps on die 9", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert form_errors(app) == [EXPECTATION_HINT]
        await pilot.press(*"Under 5 min", "ctrl+s")  # the field refused has the focus
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
    story = stored(demo_data)
    new = story.last_experiment()
    assert (new.number, new.step, new.expected) == (
        before.next_experiment_number(),
        "Clamps on die 9",
        "Under 5 min",
    )
    assert [e.number for e in story.experiments_for() if e.is_open] == [new.number]


async def test_a_form_begun_before_another_session_opened_a_step_is_refused(
    demo_data, make_app, clock, notices
):
    close_open_step(demo_data, clock)
    before = demo_data.load("maria")
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*["tab"] * RECORD, "a", *"Clamps on die 9", "tab", *"Under 5 min")
        await pilot.pause()
        # meanwhile, at another terminal, the learner opens step 5
        theirs = Experiment(
            before.target.id, before.next_experiment_number(), clock.today(), "Shims", "Under 6"
        )
        demo_data.board("maria").commit([theirs], Editor("anna", Role.LEARNER), clock.now())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any(f"step {theirs.number} is still open" in m for m in notices)
    story = stored(demo_data)
    assert [e.step for e in story.experiments_for() if e.is_open] == ["Shims"]
    assert len(story.experiments) == len(before.experiments) + 1


async def test_an_edit_that_reopens_an_old_step_is_refused(demo_data, make_app, notices):
    before = demo_data.load("maria")
    first = before.experiments_for()[0]
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # step 1 (the cursor's): clear what we learned, leaving step 4 open
        await pilot.press(*["tab"] * RECORD, "e", "tab", "tab", "tab")
        await pilot.press(*["backspace"] * (len(first.learned) + 1), "ctrl+s")
        await pilot.pause()
        assert any(still_open(before.threshold()) in m for m in notices)
    assert stored(demo_data).find(Experiment, first.id) == first


async def test_an_obstacle_added_at_the_same_moment_elsewhere_takes_the_next_number(
    demo_data, make_app, clock, monkeypatch, notices
):
    """Question 3 adds an obstacle while another session has just added one this
    session has not seen yet: the save numbers it after the other, and the cycle
    record and the screen say the number it got."""
    from kata_tui.domain.model import CoachingCycle, Obstacle
    from kata_tui.store.session import BoardSession

    before = demo_data.load("maria")
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c", *["pagedown"] * 6)
        await pilot.pause()
        assert app.screen.card.position == "q3"
        monkeypatch.setattr(BoardSession, "poll", lambda self: None)  # not seen yet
        theirs = Obstacle(before.target.id, "Crane busy", clock.today(), number=6)
        demo_data.board("maria").commit([theirs], Editor("anna", Role.LEARNER), clock.now())
        await pilot.press(*"Wrong bolts in the box", "enter")
        await pilot.pause()
        assert "Another session added obstacle 6 a moment ago: this one is obstacle 7." in (notices)
        assert not any(m.startswith("obstacle 6 added") for m in notices)
    story = stored(demo_data)
    mine = next(o for o in story.obstacles if o.text == "Wrong bolts in the box")
    assert (mine.number, story.find(Obstacle, theirs.id).number) == (7, 6)
    said = story.find(CoachingCycle, story.running_cycle().id).answers[-1]
    assert said.meaning == 'obstacle 7 "Wrong bolts in the box": added, parked'
