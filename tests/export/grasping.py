"""A board still grasping the current condition, with every part of the process analysis.

No demo board has a process analysis, so the golden files of the demo plant
never show it: this board fills the gap (tests/export/test_grasping_golden.py,
written again only by ``python -m tests.export.update_golden``). It is built
the same every time, and no export it is compared in shows a record id.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from kata_tui.domain.model import BEFORE_FIRST_TARGET, Board, Reading
from kata_tui.domain.process import Demand, Mark, Observation, ProcessStep
from kata_tui.domain.storyboard import Storyboard

DAY = date(2026, 10, 1)
FORMATS = ("md", "html", "cycles", "readings")
"""The exports compared whole (JSON carries record ids, which are random)."""
SUFFIX = {"md": "md", "html": "html", "cycles": "cycles.csv", "readings": "readings.csv"}


def _marks(start: datetime, seconds: list[float], notes: dict[int, str]) -> tuple[Mark, ...]:
    at = start
    marks = []
    for n, value in enumerate(seconds, start=1):
        at += timedelta(seconds=value)
        marks.append(Mark(value, at, notes.get(n, "")))
    return tuple(marks)


def grasping_board() -> Storyboard:
    press = ProcessStep(DAY, 1, "Press", "tote of 12", 58.0, 52.0, 1200.0, 300)
    steps = (
        press,
        ProcessStep(DAY, 2, "Weld", machine_seconds=64.0),
        ProcessStep(DAY, 3, "Pack", "", 40.5),
        ProcessStep(DAY, 4, "Ship"),
    )
    observations = []
    for n in range(7):  # the sheet shows the newest six
        start = datetime(2026, 10, 1 + n, 9, 0)
        times = [61.2, 48.0, 59.0, 60.1, 59.4]
        if n == 6:  # more marks than the sheet shows
            times = [58.0 + (k % 5) / 2 for k in range(42)]
        observations.append(
            Observation(
                DAY + timedelta(days=n),
                f"press operator, shift {n + 1}",
                start,
                ended=start + timedelta(minutes=50),
                step_id=press.id if n % 2 == 0 else None,
                marks=_marks(start, times, {2: "skipped a weld", 5: "die stuck"}),
            )
        )
    observations.append(
        Observation(DAY + timedelta(days=8), "Weld robot", datetime(2026, 10, 9, 14, 30))
    )
    return Storyboard(
        board=Board(
            "ana",
            "ben",
            "Ship every order the day it comes in",
            set_by="plant manager",
            focus_process="Packing line 2",
            horizon=date(2027, 6, 30),
        ),
        demand=(
            Demand(date(2026, 9, 20), 450.0, 400.0, 20.0, "shift"),
            Demand(DAY, 480.0, 450.0, 30.0, "shift"),
        ),
        steps=steps,
        observations=tuple(observations),
        readings=(
            Reading(BEFORE_FIRST_TARGET, DAY, "scrap", 4.0, seq=1),
            Reading(BEFORE_FIRST_TARGET, DAY, "boxes/h", 41.0, seq=2, time="10:30"),
            Reading(BEFORE_FIRST_TARGET, date(2026, 10, 2), "boxes/h", 44.5, seq=3),
            Reading(BEFORE_FIRST_TARGET, date(2026, 10, 3), "boxes/h", 43.0, seq=4),
        ),
        slug="ana",
    )
