"""The process analysis on the printed sheet and the observed cycle times as CSV."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date, datetime

from kata_tui.domain.model import BEFORE_FIRST_TARGET, Board, Reading, TargetCondition
from kata_tui.domain.process import Demand, Mark, Observation, ProcessStep
from kata_tui.domain.storyboard import Storyboard
from kata_tui.export.formats import default_name, render

DAY = date(2026, 10, 1)
STEP = ProcessStep(DAY, 1, "=press", "tote of 12", 58.0, 52.0, 1200.0, 300)


def _board() -> Storyboard:
    at = datetime(2026, 10, 1, 10, 0)
    return Storyboard(
        board=Board("ana", "ben", "flow"),
        demand=(Demand(DAY, 480.0, 450.0, 30.0, "shift"),),
        steps=(STEP, ProcessStep(DAY, 2, "weld", machine_seconds=64.0)),
        observations=(
            Observation(
                DAY,
                "press operator",
                at,
                ended=datetime(2026, 10, 1, 10, 3),
                step_id=STEP.id,
                marks=(
                    Mark(61.2, datetime(2026, 10, 1, 10, 1, 1)),
                    Mark(48.0, datetime(2026, 10, 1, 10, 1, 49), "skipped a weld"),
                    Mark(59.0, datetime(2026, 10, 1, 10, 2, 48)),
                ),
            ),
        ),
        readings=(
            Reading(BEFORE_FIRST_TARGET, DAY, "boxes/h", 41.0, seq=1),
            Reading(BEFORE_FIRST_TARGET, date(2026, 10, 2), "boxes/h", 44.5, seq=2),
        ),
    )


def test_the_sheet_of_a_grasping_board_is_its_process_analysis() -> None:
    page = render(_board(), "html", today=DAY)
    assert "No target condition yet: grasping the current condition." in page
    assert "<p><b>Grasping the current condition</b> (process analysis)</p>" in page
    assert "<p>Planned cycle time 60.0 s (takt 64.0 s)</p>" in page
    # the outcome so far, with its run chart
    assert "<b>Outcome so far, boxes/h:</b> 44.5 on 2026-10-02" in page
    assert 'aria-label="run chart of boxes/h"' in page
    assert '<section class="experiments process"><h2>Process analysis</h2>' in page
    assert "[=press] &gt; (tote of 12) &gt; [weld]" in page
    # 52 + 1200 / 300 = 56 s fits the 60 s planned cycle time; 64 s does not
    assert "<td>1</td><td>=press</td><td>58.0 s</td><td>56.0 s</td><td>fits</td>" in page
    assert "<td>weld</td><td>-</td><td>64.0 s</td><td>too slow</td>" in page
    assert "3 cycles, lowest repeatable 59.0 s, range 13.2 s (48.0 s to 61.2 s)" in page
    assert "In order: 61.2 48.0* 59.0" in page
    assert "* cycle 2: skipped a weld" in page
    assert "average" not in page.lower()


def test_once_a_target_is_set_the_sheet_names_the_analysis_in_its_footer() -> None:
    story = _board().with_record(TargetCondition(seq=1, pattern="one by one"))
    page = render(story, "html", today=DAY)
    assert "Process analysis</h2>" not in page
    assert "Experiment record" in page
    assert (
        "Process analysis: planned cycle time 60.0 s, 2 steps, 1 observations "
        "(all of it in the Markdown export)" in page
    )
    # without any analysis the sheet is as it was
    bare = replace(story, demand=(), steps=(), observations=(), readings=())
    assert "Process analysis" not in render(bare, "html", today=DAY)


def test_the_cycles_csv_has_one_row_per_cycle_in_order() -> None:
    text = render(_board(), "cycles", today=DAY)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0] == [
        "learner", "observed", "process step", "started", "cycle", "seconds", "marked at",
        "note", "observation ended",
    ]  # fmt: skip
    assert rows[1:] == [
        ["ana", "press operator", "1 =press", "2026-10-01T10:00:00", "1", "61.2",
         "2026-10-01T10:01:01", "", "2026-10-01T10:03:00"],
        ["ana", "press operator", "1 =press", "2026-10-01T10:00:00", "2", "48.0",
         "2026-10-01T10:01:49", "skipped a weld", "2026-10-01T10:03:00"],
        ["ana", "press operator", "1 =press", "2026-10-01T10:00:00", "3", "59.0",
         "2026-10-01T10:02:48", "", "2026-10-01T10:03:00"],
    ]  # fmt: skip
    assert default_name(replace(_board(), slug="ana"), "cycles") == "ana.cycles.csv"


def test_the_markdown_carries_the_outcome_before_the_first_target() -> None:
    text = render(_board(), "md", today=DAY)
    assert (
        "- Outcome before the first target condition: boxes/h 41 (2026-10-01), "
        "boxes/h 44.5 (2026-10-02)" in text
    )
