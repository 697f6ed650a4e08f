"""The CSV experiment record, row by row and column by column, for a small board."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

from kata_tui.domain.model import (
    Board,
    CoachingCycle,
    Experiment,
    Obstacle,
    Role,
    Stamp,
    TargetCondition,
    TargetStatus,
)
from kata_tui.domain.storyboard import Storyboard
from kata_tui.export.formats import render
from tests.conftest import TODAY

D = date(2026, 11, 2)


def _story() -> Storyboard:
    old = TargetCondition(seq=1, status=TargetStatus.ACHIEVED, closed_on=D)
    new = TargetCondition(seq=2)
    obstacle = Obstacle(new.id, "Shims", D, number=1)
    stamp = Stamp("ana", Role.LEARNER, datetime(2026, 11, 3, 9, 30, 15, 123))
    steps = (
        # listed out of order: the export sorts by target, then number
        Experiment(new.id, 2, D, "open step", "e2", obstacle.id, stamp=stamp),
        Experiment(new.id, 1, D, "done step", "e1", None, "h", "l"),
        Experiment(old.id, 1, D, "first ever", "e0", None, "h0", "l0"),
        Experiment(old.id, 2, D, "left open", "e9"),  # the old target's own threshold
        Experiment(new.id, 3, D, "newest open", "e3", None, "half", ""),
        Experiment(old.id, 3, D, "skipped", "e8", None, not_taken="press down"),
    )
    cycle = CoachingCycle(new.id, D, "tom", "ana", datetime(2026, 11, 2, 9, 0))
    return Storyboard(
        board=Board("ana", "tom", "c"),
        targets=(new, old),
        obstacles=(obstacle,),
        experiments=steps,
        cycles=(cycle,),
    )


def test_rows_columns_and_states() -> None:
    text = render(_story(), "csv", today=TODAY)
    assert text.startswith("\ufeff") and "\r\n" in text and "\n\n" not in text
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    assert rows[1:] == [
        ["ana", "1", "1", "2026-11-02", "", "", "first ever", "e0", "h0", "l0", "", "done", "", ""],
        [
            "ana", "1", "2", "2026-11-02", "", "", "left open", "e9", "", "", "", "threshold",
            "", "",
        ],
        [
            "ana", "1", "3", "2026-11-02", "", "", "skipped", "e8", "", "", "press down",
            "not taken", "", "",
        ],
        ["ana", "2", "1", "2026-11-02", "", "", "done step", "e1", "h", "l", "", "done", "", ""],
        [
            "ana", "2", "2", "2026-11-02", "1", "Shims", "open step", "e2", "", "", "", "open",
            "ana (learner)", "2026-11-03T09:30:15",
        ],
        [
            "ana", "2", "3", "2026-11-02", "", "", "newest open", "e3", "half", "", "",
            "threshold", "", "",
        ],
    ]  # fmt: skip


def test_a_running_cycle_is_headed_running_in_markdown() -> None:
    text = render(_story(), "md", today=TODAY)
    assert "### 2026-11-02: coach tom, learner ana, running\n" in text
