"""The Starter Kata as one whole flow at 80x24, keyboard only, with a clock moved by
hand: a new board grasping the current condition, customer demand and the planned
cycle time, the process's steps, a 25-cycle stopwatch observation with odd cycles
noted, readings of the outcome, the first target condition set beside the
analysis; then the record checked field by field, in every export, and exported
as JSON and imported elsewhere unchanged."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from itertools import accumulate

from kata_tui.domain.model import BEFORE_FIRST_TARGET, Better, Editor, MetricKind, Role
from kata_tui.domain.process import Phase, cycle_times
from kata_tui.export.formats import render
from kata_tui.export.importer import import_file
from kata_tui.store.datadir import DataDir
from kata_tui.ui.app import KataApp
from kata_tui.ui.screens.board_list import BoardListScreen
from kata_tui.ui.screens.board_screen import BoardScreen
from kata_tui.ui.screens.form import FormScreen
from kata_tui.ui.screens.process_analysis import ProcessAnalysisScreen
from kata_tui.ui.screens.stopwatch import StopwatchScreen
from tests.conftest import TODAY
from tests.export.test_roundtrip import IMPORTER, assert_same_board
from tests.ui.test_stopwatch import START, HandClock

CYCLES = [
    61.23, 58.77, 60.04, 59.5, 62.1, 58.9, 75.0, 60.3, 59.1, 61.0, 58.8, 60.6, 59.9,
    60.2, 61.7, 58.95, 59.4, 60.8, 48.0, 60.1, 59.6, 61.4, 58.7, 60.0, 59.2,
]  # fmt: skip
"""Seconds between the learner's key presses; cycle 7 (a changeover) and 19 (a
part missing) are odd."""
NOTES = {7: "changeover", 19: "part missing"}


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def test_grasp_the_current_condition_then_set_the_first_target(data, tmp_path) -> None:
    clock = HandClock()
    app = KataApp(data, editor=Editor("ann", Role.LEARNER), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        # -- a new board: challenge and focus process, no target condition
        await pilot.pause()
        assert isinstance(app.screen, BoardListScreen)
        await pilot.press("n")
        for text in ("Ann", "Tom", "Pack line 3 at takt", "line 3 packing"):
            await pilot.press(*text, "enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen)
        assert "[grasping the current condition]" in board.sub_title
        assert board.story.targets == ()

        # -- the process analysis: demand, then the steps in order
        await pilot.press("P")
        await pilot.pause()
        analysis = app.screen
        assert isinstance(analysis, ProcessAnalysisScreen)
        await pilot.press("D", "enter", *"480", "enter", "ctrl+u", *"30", "enter", *"450")
        await pilot.press("ctrl+s")
        await pilot.pause()
        for name, waits, work, machine, changeover, batch in (
            ("Cut", "tote of 12", "20", "50", "600", "100"),
            ("Weld", "", "40", "62", "", ""),
            ("Pack", "", "25", "", "", ""),
        ):
            await pilot.press("a", *name, "enter", "enter", *waits, "enter", *work, "enter")
            await pilot.press(*machine, "enter", *changeover, "enter", *batch, "ctrl+s")
            await pilot.pause()
            assert app.screen is analysis
        assert shown(app, "#analysis-diagram") == "[Cut] > (tote of 12) > [Weld] > [Pack]"

        # -- the stopwatch on the weld: 25 cycles, two odd ones noted
        await pilot.press("o")
        await pilot.pause()
        watch = app.screen
        assert isinstance(watch, StopwatchScreen)
        await pilot.press("ctrl+u", *"Weld", "enter")
        await pilot.pause()
        for number, seconds in enumerate(CYCLES, start=1):
            clock.advance(seconds)
            await pilot.press("space")
            if number in NOTES:
                await pilot.press("a", *NOTES[number], "ctrl+s")
            await pilot.pause()
        assert f"Running: Weld, {len(CYCLES)} cycles" in shown(app, "#stopwatch-status")
        spread_text = shown(app, "#stopwatch-spread")
        assert spread_text.startswith("Lowest repeatable 58.7 s   range 27.0 s")
        assert "average" not in spread_text.lower()
        clock.advance(10)
        await pilot.press("ctrl+t", "escape")
        await pilot.pause()
        assert app.screen is analysis
        assert "Weld, " in shown(app, "#analysis-observed")
        assert "25 cycles, lowest repeatable 58.7 s" in shown(app, "#analysis-observed")

        # -- the outcome before the first target condition: three readings
        for value, when in (("41", "-2d"), ("44", "yesterday"), ("39", "today")):
            await pilot.press("r", *value, "enter", "ctrl+u", *when, "enter", "enter")
            await pilot.press("ctrl+u", *"boxes/h", "ctrl+s")
            await pilot.pause()
        assert shown(app, "#analysis-baseline") == "boxes/h: 41, 44, 39"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is board

        # -- the first target condition, written beside the analysis
        board.sections[0].focus()
        await pilot.press("tab", "e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        aside = str(form.query_one("#form-aside Static").render())
        assert aside.splitlines() == [
            "Planned cycle time 60.0 s",
            "(takt 64.0 s; 450 per shift)",
            "Operators needed 1.4",  # (20 + 40 + 25) s / 60 s
            "Equipment per unit:",
            " 1 Cut 56.0 s fits",  # 50 s + 600 s / 100
            " 2 Weld 62.0 s too slow",
            "Observed: lowest repeatable, range",
            " Weld 58.7 s, 27.0 s (48.0-75.0 s), 25 cycles",
            "Outcome so far: boxes/h: 41, 44, 39",
        ]
        region = form.query_one("#form-aside").region
        assert region.x > form.query_one("#form-fields").region.right - 1 and region.right <= 80
        await pilot.press(*"Weld in 58 s every cycle; one piece to pack", "tab")
        await pilot.press(*"+4w", "enter", "enter", *"boxes", "enter", *"50", "enter")
        await pilot.press("down", "down", "enter")  # better is: higher
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is board
        assert "grasping" not in board.sub_title

    # -- the record, read afresh from the file, field by field
    assert DataDir.open(data.path).check(workers=1) == []  # kata check accepts it
    story = DataDir.open(data.path).load("ann")
    assert story.phase is Phase.STRIVING
    assert (story.board.learner, story.board.coach, story.board.challenge) == (
        "Ann", "Tom", "Pack line 3 at takt",
    )  # fmt: skip
    assert story.board.focus_process == "line 3 packing"
    (demand,) = story.demand
    assert (demand.available_minutes, demand.planned_losses_minutes, demand.demand) == (
        480.0, 30.0, 450.0,
    )  # fmt: skip
    assert demand.planned_cycle_seconds == 60.0 and demand.day == TODAY
    cut, weld, pack = story.steps_in_order()
    assert (cut.position, cut.name, cut.waits_after, cut.work_seconds) == (
        1, "Cut", "tote of 12", 20.0,
    )  # fmt: skip
    assert (cut.machine_seconds, cut.changeover_seconds, cut.batch) == (50.0, 600.0, 100)
    assert (weld.position, weld.work_seconds, weld.machine_seconds, weld.batch) == (
        2, 40.0, 62.0, None,
    )  # fmt: skip
    assert (pack.position, pack.work_seconds, pack.machine_seconds) == (3, 25.0, None)
    (seen,) = story.observations
    assert (seen.what, seen.step_id, seen.started) == ("Weld", weld.id, START)
    # each time is a difference of the clock's readings, to a tenth of a second
    readings = [5000.0, *(5000.0 + t for t in accumulate(CYCLES))]
    assert seen.times == cycle_times(readings)
    assert seen.times[:3] == [61.2, 58.8, 60.0] and len(seen.times) == 25
    assert [m.at for m in seen.marks] == [
        START + timedelta(seconds=int(t)) for t in accumulate(CYCLES)
    ]
    assert {i: m.note for i, m in enumerate(seen.marks, start=1) if m.note} == NOTES
    assert seen.ended == START + timedelta(seconds=int(sum(CYCLES) + 10))
    (target,) = story.targets
    assert target.seq == 1 and target.pattern == "Weld in 58 s every cycle; one piece to pack"
    assert target.achieve_by == TODAY + timedelta(weeks=4)
    (outcome,) = target.metrics
    assert (outcome.name, outcome.unit, outcome.target, outcome.kind, outcome.better) == (
        "boxes/h", "boxes", 50.0, MetricKind.OUTCOME, Better.HIGHER,
    )  # fmt: skip
    before = story.readings_for(BEFORE_FIRST_TARGET)
    assert [(r.value, r.day) for r in before] == [
        (41.0, TODAY - timedelta(days=2)), (44.0, TODAY - timedelta(days=1)), (39.0, TODAY),
    ]  # fmt: skip
    # the first target condition's run chart starts with them
    assert [r.value for r in story.readings_for(target.id, "boxes/h")] == [41.0, 44.0, 39.0]

    # -- in every export
    md = render(story, "md", today=TODAY)
    assert "- Planned cycle time: 60.0 s (takt time 64.0 s)" in md
    assert "| 2 | Weld | 40.0 s | 62.0 s | too slow |   |" in md
    assert "25 cycles; lowest repeatable 58.7 s, range 27.0 s (48.0 s to 75.0 s)." in md
    assert "| 7 | 75.0 s |" in md and "changeover |" in md
    page = render(story, "html", today=TODAY)
    assert "Process analysis: planned cycle time 60.0 s, 3 steps, 1 observations" in page
    rows = list(csv.reader(io.StringIO(render(story, "cycles", today=TODAY)[1:])))
    assert [r[5] for r in rows[1:]] == [f"{t:.1f}" for t in seen.times]
    assert rows[7][7] == "changeover" and rows[19][7] == "part missing"
    assert all(r[1] == "Weld" and r[2] == "2 Weld" for r in rows[1:])
    exported = tmp_path / "ann.json"
    text = render(story, "json", today=TODAY)
    assert len(json.loads(text)["board"]["observations"][0]["marks"]) == 25
    exported.write_text(text, encoding="utf-8")

    # -- imported at another plant: the same board, every field
    other = DataDir.open(tmp_path / "other-plant")
    got = import_file(other, exported, name=None, replace=False, editor=IMPORTER, at=START)
    assert got == "ann"
    assert_same_board(story, DataDir.open(tmp_path / "other-plant").load("ann"))
