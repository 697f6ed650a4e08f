"""The observed cycle times for a spreadsheet: one row per marked cycle.

Each row names the observation (what was timed, when the stopwatch started),
the cycle's number in the order marked, its time to a tenth of a second, the
time of day it was marked and why it was odd. Cells are neutralised as in the
experiment record's CSV (no formula can run); UTF-8 with a byte-order mark.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from kata_tui.domain.process import ProcessStep
from kata_tui.domain.storyboard import Storyboard
from kata_tui.export.csv_export import neutral, spreadsheet

HEADER = (
    "learner",
    "observed",
    "process step",
    "started",
    "cycle",
    "seconds",
    "marked at",
    "note",
    "observation ended",
)


def render_cycles_csv(story: Storyboard, today: date) -> str:
    del today  # the record is the same whenever it is exported
    return spreadsheet(HEADER, _cycle_rows(story))


def _cycle_rows(story: Storyboard) -> Iterator[list[object]]:
    for seen in story.observations_in_order():
        step = story.find(ProcessStep, seen.step_id)
        ended = seen.ended.isoformat(timespec="seconds") if seen.ended else ""
        for number, mark in enumerate(seen.marks, start=1):
            yield [
                neutral(story.board.learner),
                neutral(seen.what),
                neutral(f"{step.position} {step.name}") if step else "",
                seen.started.isoformat(timespec="seconds"),
                number,
                f"{mark.seconds:.1f}",
                mark.at.isoformat(timespec="seconds"),
                neutral(mark.note),
                ended,
            ]
