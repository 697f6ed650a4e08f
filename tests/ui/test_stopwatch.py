"""The stopwatch screen, keyboard only, with a clock the test moves by hand:
the recorded times are the differences of the clock's readings, and every mark
is in the board file the moment it is made."""

from __future__ import annotations

from datetime import datetime, timedelta

from kata_tui.domain.clock import Clock
from kata_tui.domain.model import Board, Editor, Role, TargetCondition
from kata_tui.domain.process import Demand, ProcessStep
from kata_tui.domain.storyboard import Storyboard
from kata_tui.store.datadir import DataDir
from kata_tui.ui.app import KataApp
from kata_tui.ui.screens.board_screen import BoardScreen
from kata_tui.ui.screens.form import FormScreen
from kata_tui.ui.screens.stopwatch import StopwatchScreen
from tests.conftest import TODAY

START = datetime(TODAY.year, TODAY.month, TODAY.day, 10, 0)


class HandClock(Clock):
    """A stopwatch reading and a time of day that move only when the test says."""

    def __init__(self) -> None:
        super().__init__()
        object.__setattr__(self, "elapsed", 0.0)  # Clock is frozen; this one is moved by hand

    def advance(self, seconds: float) -> None:
        object.__setattr__(self, "elapsed", self.elapsed + seconds)

    def reading(self) -> float:
        return 5000.0 + self.elapsed

    def now(self) -> datetime:
        return START + timedelta(seconds=int(self.elapsed))


def board_with_analysis(data: DataDir, *, target: bool = False) -> None:
    data.create(
        Storyboard(
            board=Board("lea", "tom", "One-piece flow", focus_process="pack line"),
            targets=(TargetCondition(seq=1),) if target else (),
            demand=(Demand(TODAY, 480.0, 450.0, 30.0, "shift"),),  # 60 s planned
            steps=(ProcessStep(TODAY, 1, "pack"),),
        ),
        Editor("setup", Role.COACH),
        START,
        slug="lea",
    )


def stored(data: DataDir):
    return DataDir.open(data.path).load("lea")


def text(app: KataApp, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def test_marks_notes_and_stop_record_the_clock_differences(data: DataDir) -> None:
    board_with_analysis(data)
    clock = HandClock()
    app = KataApp(data, editor=Editor("lea", Role.LEARNER), clock=clock, board="lea")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        await pilot.press("o")
        await pilot.pause()
        watch = app.screen
        assert isinstance(watch, StopwatchScreen)
        await pilot.press("enter")  # the first step's name is offered: start
        await pilot.pause()
        assert watch.running
        for seconds in (61.23, 58.77, 75.0, 59.96):
            clock.advance(seconds)
            await pilot.press("space")
            await pilot.pause()
        # every mark so far is in the file, read afresh as another process would
        (seen,) = stored(data).observations
        # readings 0, 61.23, 120.0, 195.0, 254.96 -> 61.2, 58.8, 75.0, 60.0
        assert seen.times == [61.2, 58.8, 75.0, 60.0]
        assert seen.running and seen.what == "pack"
        assert seen.step_id == stored(data).steps[0].id
        assert [m.at for m in seen.marks] == [
            START + timedelta(seconds=s) for s in (61, 120, 195, 254)
        ]
        assert "Lowest repeatable 58.8 s" in text(app, "#stopwatch-spread")
        assert "range 16.2 s" in text(app, "#stopwatch-spread")
        assert "60" in text(app, "#stopwatch-chart")  # the planned cycle time's line

        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*"dropped a part", "ctrl+s")
        await pilot.pause()
        assert app.screen is watch
        assert stored(data).observations[0].marks[-1].note == "dropped a part"

        clock.advance(30)
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert not watch.running
        await pilot.press("space")  # stopped: no more marks
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
    (seen,) = stored(data).observations
    assert seen.ended == START + timedelta(seconds=284)
    assert len(seen.marks) == 4
    assert DataDir.open(data.path).check(workers=1) == []


async def test_leaving_while_it_runs_is_refused(data: DataDir) -> None:
    board_with_analysis(data, target=True)
    clock = HandClock()
    app = KataApp(data, editor=Editor("lea", Role.LEARNER), clock=clock, board="lea")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("o", "enter")
        clock.advance(12.5)
        await pilot.press("space", "escape")
        await pilot.pause()
        assert isinstance(app.screen, StopwatchScreen)
        assert app.screen.running
    assert stored(data).observations[0].times == [12.5]


async def test_enter_starts_again_after_a_stop_and_s_n_do_nothing(data: DataDir) -> None:
    # s and n sort and make a new board on the list: here they are not stopwatch keys
    board_with_analysis(data)
    clock = HandClock()
    app = KataApp(data, editor=Editor("lea", Role.LEARNER), clock=clock, board="lea")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("o", "enter")
        clock.advance(40.0)
        await pilot.press("space", "n", "ctrl+t")
        await pilot.pause()
        watch = app.screen
        assert isinstance(watch, StopwatchScreen) and not watch.running
        await pilot.press("s")
        await pilot.pause()
        assert not watch.running
        await pilot.press("enter")
        await pilot.pause()
        assert watch.running
        clock.advance(41.5)
        await pilot.press("space", "ctrl+t")
        await pilot.pause()
    first, second = stored(data).observations
    assert first.times == [40.0] and first.marks[0].note == ""
    assert second.times == [41.5] and second.what == first.what
