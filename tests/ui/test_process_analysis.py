"""The process analysis screen (P on the board), by keyboard at 80x24: the block
diagram's steps with equipment capacity, demand, readings of the outcome
before the first target condition; each saved at once, read back from the file."""

from __future__ import annotations

from kata_tui.domain.model import BEFORE_FIRST_TARGET, Board, Editor, Role
from kata_tui.domain.storyboard import Storyboard
from kata_tui.store.datadir import DataDir
from kata_tui.ui.screens.board_screen import BoardScreen
from kata_tui.ui.screens.form import FormScreen
from kata_tui.ui.screens.process_analysis import ProcessAnalysisScreen
from tests.conftest import TODAY


def new_board(data: DataDir, clock) -> None:
    data.create(
        Storyboard(board=Board("lea", "tom", "Flow", focus_process="line 3")),
        Editor("setup", Role.COACH),
        clock.now(),
        slug="lea",
    )


def stored(data: DataDir) -> Storyboard:
    return DataDir.open(data.path).load("lea")


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def test_steps_are_typed_in_order_with_waits_and_capacity(data, clock, make_app) -> None:
    new_board(data, clock)
    app = make_app(data, board="lea")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("P")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProcessAnalysisScreen)
        assert "No steps yet" in shown(app, "#analysis-diagram")
        # demand: 480 min, 30 min planned losses, 450 units -> 60 s planned cycle time
        await pilot.press("D", "enter", *"480", "enter", "ctrl+u", *"30", "enter", *"450")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert "Planned cycle time 60.0 s" in shown(app, "#analysis-demand")
        # step 1: name, position (last), waits, work, machine, changeover, batch
        await pilot.press("a", *"Weld", "enter", "enter", "enter", *"40", "enter", *"62")
        await pilot.press("ctrl+s")
        await pilot.pause()
        # a step put in front: 50 s + 600 s / 100 units = 56 s per unit
        await pilot.press("a", *"Cut", "enter", "ctrl+u", "1", "enter", *"tote of 12", "enter")
        await pilot.press(*"20", "enter", *"50", "enter", *"600", "enter", *"100", "ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert shown(app, "#analysis-diagram") == "[Cut] > (tote of 12) > [Weld]"
        demand = shown(app, "#analysis-demand")
        assert "Operators needed 1.0" in demand  # (20 + 40) s / 60 s
        # a negative time is refused in one line under the field, the form stays
        await pilot.press("a", *"Pack", "enter", "enter", "enter", *"-5", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        errors = [str(e.render()) for e in app.screen.query(".form-error") if e.display]
        assert errors == ["not negative: '-5'"]
        await pilot.press("ctrl+u", "enter", "enter", "enter", *"0", "ctrl+s")  # a batch of 0
        await pilot.pause()
        errors = [str(e.render()) for e in app.screen.query(".form-error") if e.display]
        assert errors == ["batch: a whole number from 1 to 1,000,000,000, not '0'"]
        await pilot.press("escape")
        await pilot.pause()
        # Enter edits the step under the cursor: Weld (2nd) gets a buffer after it
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press("enter", "enter", *"buffer", "ctrl+s")
        await pilot.pause()
        assert app.screen is screen
    cut, weld = stored(data).steps_in_order()
    assert (cut.position, cut.name, cut.waits_after) == (1, "Cut", "tote of 12")
    assert (cut.work_seconds, cut.machine_seconds, cut.changeover_seconds, cut.batch) == (
        20.0, 50.0, 600.0, 100,
    )  # fmt: skip
    assert cut.capacity_seconds == 56.0 and cut.day == TODAY
    assert (weld.position, weld.name, weld.waits_after) == (2, "Weld", "buffer")
    assert (weld.work_seconds, weld.machine_seconds, weld.batch) == (40.0, 62.0, None)


async def test_outcome_readings_before_the_first_target_condition(data, clock, make_app) -> None:
    new_board(data, clock)
    app = make_app(data, board="lea")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # value, date (today), time of day (none said), metric
        await pilot.press("P", "r", *"41", "enter", "enter", "enter", *"boxes/h", "ctrl+s")
        await pilot.pause()
        # the metric is offered again; the date typed relative to today
        await pilot.press("r", *"44", "enter", "ctrl+u", *"yesterday", "enter", *"14:30")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert shown(app, "#analysis-baseline") == "boxes/h: 44, 41"  # in date order
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
    before = stored(data).readings_for(BEFORE_FIRST_TARGET)
    assert [(r.value, r.metric, r.day.toordinal(), r.time) for r in before] == [
        (44.0, "boxes/h", TODAY.toordinal() - 1, "14:30"),
        (41.0, "boxes/h", TODAY.toordinal(), ""),
    ]
    assert stored(data).targets == ()


async def test_the_first_target_condition_is_set_beside_the_analysis(data, clock, make_app):
    from datetime import datetime

    from kata_tui.domain.model import Reading
    from kata_tui.domain.process import Demand, Mark, Observation, ProcessStep

    at = datetime(TODAY.year, TODAY.month, TODAY.day, 9, 0)
    data.create(
        Storyboard(
            board=Board("lea", "tom", "Flow", focus_process="line 3"),
            demand=(Demand(TODAY, 480.0, 450.0, 30.0, "shift"),),
            steps=(ProcessStep(TODAY, 1, "Weld", work_seconds=40.0, machine_seconds=62.0),),
            observations=(Observation(TODAY, "Weld", at, marks=(Mark(63.0, at), Mark(64.0, at))),),
            readings=(Reading(BEFORE_FIRST_TARGET, TODAY, "boxes/h", 41.0, seq=1),),
        ),
        Editor("setup", Role.COACH),
        clock.now(),
        slug="lea",
    )
    app = make_app(data, board="lea")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        board = app.screen
        board.sections[0].focus()
        await pilot.press("tab", "e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        aside = form.query_one("#form-aside")
        fields = form.query_one("#form-fields")
        text = str(aside.query_one("Static").render())
        assert text.splitlines() == [
            "Planned cycle time 60.0 s",
            "(takt 64.0 s; 450 per shift)",
            "Operators needed 0.7",
            "Equipment per unit:",
            " 1 Weld 62.0 s too slow",
            "Observed: lowest repeatable, range",
            " Weld 63.0 s, 1.0 s (63.0-64.0 s), 2 cycles",
            "Outcome so far: boxes/h: 41",
        ]
        # beside the fields, on screen at 80x24
        assert aside.region.x >= fields.region.right and aside.region.right <= 80
        assert aside.region.width >= 20 and fields.region.width >= 40
        # the outcome metric is offered from the readings taken before
        assert form.values()["metric"] == "boxes/h"
        await pilot.press(*"One weld every 60 s", "ctrl+s")
        await pilot.pause()
        assert app.screen is board
        # the first target's run chart starts with the readings before it
        (target,) = board.story.targets
        assert [r.value for r in board.story.readings_for(target.id, "boxes/h")] == [41.0]
    after = stored(data)
    assert after.targets[0].outcome.name == "boxes/h"


def test_only_the_first_target_condition_is_written_beside_the_analysis() -> None:
    from kata_tui.domain.model import TargetCondition
    from kata_tui.domain.process import Demand
    from kata_tui.ui.edits import first_target_aside

    first, second = TargetCondition(seq=1), TargetCondition(seq=2)
    story = Storyboard(
        board=Board("lea", "tom", "Flow"),
        demand=(Demand(TODAY, 480.0, 450.0, 30.0, "shift"),),
    )
    assert first_target_aside(None, story)[0] == "Planned cycle time 60.0 s"
    story = story.with_record(first).with_record(second)
    assert first_target_aside(first, story)[0].startswith("Planned cycle time")
    assert first_target_aside(second, story) == []
    assert first_target_aside(None, story) == []


async def test_on_a_grasping_board_r_reads_the_outcome_and_the_run_chart_shows_it(
    data, clock, make_app
) -> None:
    from kata_tui.ui.widgets.sections.current import CurrentSection

    new_board(data, clock)
    app = make_app(data, board="lea")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        board = app.screen
        current = board.query_one(CurrentSection)
        current.focus()
        for value, when in (("41", "yesterday"), ("44", "today")):
            await pilot.press("r", *value, "enter", "ctrl+u", *when, "enter", "enter")
            await pilot.press("ctrl+u", *"boxes/h", "ctrl+s")
            await pilot.pause()
            assert app.screen is board
        body = str(current.body(board.story, TODAY))
        assert "Readings (newest first):" in body and "44  boxes/h" in body
        chart = str(current.query_one("RunChart").render())
        assert "last 44" in chart and "No target condition" not in chart
        assert board.story.targets == ()  # no target condition made by a reading
        # the actual pattern belongs to a target condition: none is made for it
        await pilot.press("e")
        await pilot.pause()
        assert app.screen is board
    story = stored(data)
    assert [(r.target_id, r.value) for r in story.readings_for(BEFORE_FIRST_TARGET)] == [
        (BEFORE_FIRST_TARGET, 41.0), (BEFORE_FIRST_TARGET, 44.0),
    ]  # fmt: skip
    assert story.targets == ()
