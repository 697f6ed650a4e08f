"""The metric readings for a spreadsheet: one row per reading, every metric.

Each row is one single reading (never an average) with its target
condition, its metric's unit, target and direction, whether it meets that
target condition's target, the date and time of day measured, and its place
in the order of entry. Cells are neutralised as in the experiment record's
CSV (no formula can run); UTF-8 with a byte-order mark.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from kata_tui.domain.model import TargetCondition
from kata_tui.domain.storyboard import Storyboard
from kata_tui.export.common import number
from kata_tui.export.csv_export import neutral, spreadsheet

HEADER = (
    "learner",
    "target condition",
    "metric",
    "kind",
    "unit",
    "target",
    "better",
    "date",
    "time",
    "value",
    "meets target",
    "order of entry",
)


def render_readings_csv(story: Storyboard, today: date) -> str:
    del today  # the record is the same whenever it is exported
    return spreadsheet(HEADER, _reading_rows(story))


def _reading_rows(story: Storyboard) -> Iterator[list[object]]:
    seqs = {t.id: t.seq for t in story.targets}
    rows = sorted(
        story.readings, key=lambda r: (seqs.get(r.target_id, 0), r.day, r.seq, r.metric, r.id)
    )
    for reading in rows:
        target = story.find(TargetCondition, reading.target_id)
        metrics = target.metrics if target else ()
        metric = next((m for m in metrics if m.name == reading.metric), None)
        meets = "" if metric is None or metric.target is None else metric.reached_by(reading.value)
        yield [
            neutral(story.board.learner),
            target.seq if target else "",
            neutral(reading.metric),
            str(metric.kind) if metric else "",
            neutral(metric.unit) if metric else "",
            number(metric.target) if metric else "",
            str(metric.better) if metric else "",
            reading.day.isoformat(),
            reading.time,
            number(reading.value),
            {True: "yes", False: "no", "": ""}[meets],
            reading.seq,
        ]
