"""Every metric reading for a spreadsheet, one row each, with its time of day."""

from __future__ import annotations

import csv
import io
from datetime import date

from kata_tui.domain.model import (
    Better,
    Board,
    Metric,
    MetricKind,
    Reading,
    TargetCondition,
    TargetStatus,
)
from kata_tui.domain.storyboard import Storyboard
from kata_tui.export.formats import default_name, render

D = date(2026, 11, 2)


def test_one_row_per_reading_of_every_metric_across_target_conditions() -> None:
    first = TargetCondition(
        seq=1, metrics=(Metric("lead time", "h", 30),), status=TargetStatus.ACHIEVED
    )
    second = TargetCondition(
        seq=2,
        metrics=(
            Metric("lead time", "h", 24),
            Metric("=steps", "%", 90, MetricKind.PROCESS, Better.HIGHER),
        ),
    )
    story = Storyboard(
        board=Board("ana", "ben", "c"),
        targets=(second, first),
        readings=(
            Reading(second.id, D, "=steps", 85.5, seq=2, time="14:30"),
            Reading(second.id, D, "lead time", 26.0, seq=1),
            Reading(first.id, date(2026, 11, 1), "lead time", 29.0, seq=1),
        ),
        slug="ana",
    )
    text = render(story, "readings", today=D)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows == [
        [
            "learner", "target condition", "metric", "kind", "unit", "target", "better",
            "date", "time", "value", "meets target", "order of entry",
        ],
        ["ana", "1", "lead time", "outcome", "h", "30", "lower", "2026-11-01", "", "29", "yes",
         "1"],
        ["ana", "2", "lead time", "outcome", "h", "24", "lower", "2026-11-02", "", "26", "no",
         "1"],
        [
            "ana", "2", "'=steps", "process", "%", "90", "higher", "2026-11-02", "14:30", "85.5",
            "no", "2",
        ],
    ]  # fmt: skip
    assert default_name(story, "readings") == "ana.readings.csv"
