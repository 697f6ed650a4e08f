"""The Starter Kata's process analysis: grasping the current condition.

Before the first target condition the learner studies the focus process:
customer demand and the planned cycle time it asks for, the process's steps
in order (and where work waits between them), each step's equipment
capacity, how many operators the planned cycle time needs, and series of
observed cycle times. Each part is its own dated record and each is
optional: a board may hold any of them, in any order of discovery.

Times are seconds (a tenth of a second is the finest an observer marks by
hand); available time and planned losses are minutes, as a shift plan
states them.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from kata_tui.domain.model import Stamp, new_id


class Phase(StrEnum):
    """Where the learner is in the Improvement Kata on this board."""

    GRASPING = "grasping the current condition"
    """Process analysis, before the first target condition is set."""
    STRIVING = "striving for a target condition"


REPEAT_TOLERANCE = 0.05
"""Two cycle times within 5 % of the faster one count as the same time again."""


@dataclass(frozen=True, slots=True)
class Demand:
    """Customer demand over a period and the time available to meet it.

    The planned cycle time is the available time, less planned losses
    (changeovers, planned stops), divided by the demand: the pace the process
    must be able to repeat.
    """

    day: date
    available_minutes: float
    """Working time in the period (e.g. 480 for an 8-hour shift)."""
    demand: float
    """Units the customer needs in that period."""
    planned_losses_minutes: float = 0.0
    """Time in the period planned to go to changeovers, meetings, planned stops."""
    period: str = ""
    """What the period is, in the plant's words ("shift", "day")."""
    id: str = field(default_factory=new_id)
    rev: int = 0
    stamp: Stamp | None = None

    @property
    def takt_seconds(self) -> float | None:
        """Available time over demand, before planned losses."""
        if self.demand <= 0 or self.available_minutes <= 0:
            return None
        return self.available_minutes * 60 / self.demand

    @property
    def planned_cycle_seconds(self) -> float | None:
        """(available - planned losses) / demand, in seconds; None if nothing is left."""
        return planned_cycle_time(self.available_minutes, self.planned_losses_minutes, self.demand)


def planned_cycle_time(
    available_minutes: float, losses_minutes: float, demand: float
) -> float | None:
    """Seconds per unit the process must achieve, or None when it cannot be computed."""
    working = available_minutes - losses_minutes
    if demand <= 0 or working <= 0:
        return None
    return working * 60 / demand


@dataclass(frozen=True, slots=True)
class ProcessStep:
    """One block of the process diagram, in order (``position``).

    ``waits_after`` says where the work waits once this step is done (a
    queue, a buffer, "12 pieces in a tote"); empty means it flows on.
    """

    day: date
    position: int
    name: str
    waits_after: str = ""
    work_seconds: float | None = None
    """Manual work content per unit (the operator's lowest repeatable time)."""
    machine_seconds: float | None = None
    """Equipment time per unit."""
    changeover_seconds: float | None = None
    """Time per changeover of this step's equipment."""
    batch: int | None = None
    """Units made between changeovers."""
    id: str = field(default_factory=new_id)
    rev: int = 0
    stamp: Stamp | None = None

    @property
    def capacity_seconds(self) -> float | None:
        """Equipment time per unit with the changeover spread over the batch."""
        return equipment_seconds(self.machine_seconds, self.changeover_seconds, self.batch)


def equipment_seconds(
    machine: float | None, changeover: float | None, batch: int | None
) -> float | None:
    """Machine time per unit plus changeover / batch; None without a machine time."""
    if machine is None:
        return None
    if changeover and batch and batch > 0:
        return machine + changeover / batch
    return machine


def meets(seconds: float | None, planned: float | None) -> bool | None:
    """Whether a per-unit time fits within the planned cycle time (None: unknown)."""
    if seconds is None or planned is None:
        return None
    return seconds <= planned


def operators_needed(
    steps: list[ProcessStep] | tuple[ProcessStep, ...], planned: float | None
) -> float | None:
    """Total manual work content / planned cycle time (unrounded: 2.3 reads as
    "more than two"). None when no step has a work content or no planned cycle
    time is known."""
    work = [s.work_seconds for s in steps if s.work_seconds is not None]
    if not work or not planned or planned <= 0:
        return None
    return sum(work) / planned


@dataclass(frozen=True, slots=True)
class Mark:
    """One observed cycle: its time, when it ended, and why it was odd (if it was)."""

    seconds: float
    at: datetime
    note: str = ""


@dataclass(frozen=True, slots=True)
class Observation:
    """A series of cycle times of one step or operator, in the order marked.

    Saved after every mark, so a session killed mid-observation keeps all
    cycles marked so far.
    """

    day: date
    what: str
    """The step or operator observed, in the observer's words."""
    started: datetime
    ended: datetime | None = None
    step_id: str | None = None
    """The process step observed, when it is one of the diagram's."""
    marks: tuple[Mark, ...] = ()
    id: str = field(default_factory=new_id)
    rev: int = 0
    stamp: Stamp | None = None

    @property
    def running(self) -> bool:
        return self.ended is None

    @property
    def times(self) -> list[float]:
        return [m.seconds for m in self.marks]


def tenths(seconds: float) -> float:
    """A time to the tenth of a second, as the observer's stopwatch shows it."""
    return round(seconds + 0.0, 1)


def cycle_times(readings: list[float]) -> list[float]:
    """Individual cycle times from stopwatch readings (the start, then one per mark).

    Each time is the difference of two consecutive readings, to 0.1 s. The
    readings are rounded before subtracting, so the times add up to the
    rounded elapsed time and no rounding error creeps along a long series.
    """
    rounded = [tenths(r - readings[0]) for r in readings]
    return [tenths(b - a) for a, b in itertools.pairwise(rounded)]


@dataclass(frozen=True, slots=True)
class Spread:
    """How much the cycle times vary: the headline is the lowest repeatable time
    and the range, never an average (an average hides the variation the learner
    is there to see)."""

    count: int
    lowest: float
    highest: float
    lowest_repeatable: float | None
    """The lowest time that occurs again (within 5 %); None while none has."""

    @property
    def range(self) -> float:
        return tenths(self.highest - self.lowest)


def spread(times: list[float]) -> Spread | None:
    """The spread of a series of cycle times; None for no times."""
    if not times:
        return None
    ordered = sorted(times)
    return Spread(
        count=len(times),
        lowest=ordered[0],
        highest=ordered[-1],
        lowest_repeatable=lowest_repeatable(ordered),
    )


def lowest_repeatable(times: list[float]) -> float | None:
    """The lowest time reached at least twice: a time is repeated when another
    cycle took at most 5 % longer. A single fast one-off does not count."""
    ordered = sorted(times)
    for fast, next_one in itertools.pairwise(ordered):
        if next_one <= fast * (1 + REPEAT_TOLERANCE) + 1e-9:
            return fast
    return None


def seconds_text(seconds: float | None) -> str:
    """``62.5 s``; ``-`` for unknown. Times up to ten minutes stay in seconds."""
    if seconds is None or not math.isfinite(seconds):
        return "-"
    return f"{seconds:.1f} s"


ProcessRecord = Demand | ProcessStep | Observation
