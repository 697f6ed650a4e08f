"""The whole storyboard of one board, and the questions people ask of it.

A ``Storyboard`` is a value: the store builds one from a file, the UI shows
one, and a change is a new record handed back to the store. The queries here
(which target is current, which obstacle is worked on, where the threshold of
knowledge is) live in one place so that the screen, the exports and the
dashboard cannot disagree about them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TypeVar

from kata_tui.domain.job_methods import JobDetail
from kata_tui.domain.model import (
    BEFORE_FIRST_TARGET,
    Board,
    CoachingCycle,
    CycleNote,
    Experiment,
    Obstacle,
    ObstacleStatus,
    Reading,
    Record,
    TargetCondition,
    TargetStatus,
)
from kata_tui.domain.process import Demand, Observation, Phase, ProcessStep

R = TypeVar("R", bound=Record)

TABLES: dict[type, str] = {
    Board: "board",
    TargetCondition: "targets",
    Reading: "readings",
    Obstacle: "obstacles",
    Experiment: "experiments",
    CoachingCycle: "cycles",
    CycleNote: "notes",
    Demand: "demand",
    ProcessStep: "steps",
    Observation: "observations",
    JobDetail: "job_details",
}
"""Which table of a board file holds each record type."""


@dataclass(frozen=True, slots=True)
class Storyboard:
    board: Board
    targets: tuple[TargetCondition, ...] = ()
    readings: tuple[Reading, ...] = ()
    obstacles: tuple[Obstacle, ...] = ()
    experiments: tuple[Experiment, ...] = ()
    cycles: tuple[CoachingCycle, ...] = ()
    notes: tuple[CycleNote, ...] = ()
    """Followers' own observations and feedback on cycles."""
    demand: tuple[Demand, ...] = ()
    """Process analysis: customer demand and planned cycle time, dated."""
    steps: tuple[ProcessStep, ...] = ()
    """Process analysis: the process's steps (the block diagram)."""
    observations: tuple[Observation, ...] = ()
    """Process analysis: series of observed cycle times."""
    job_details: tuple[JobDetail, ...] = ()
    """TWI Job Methods: the details of the job breakdowns of target conditions."""
    revision: int = 0
    """The file's revision counter when this snapshot was read."""
    slug: str = field(default="", compare=False)
    """Name of the board file without extension, as the store knows it."""

    # -- target conditions ---------------------------------------------------

    @property
    def target(self) -> TargetCondition | None:
        """The target condition being worked toward (else the newest one)."""
        active = [t for t in self.targets if t.status is TargetStatus.ACTIVE]
        pool = active or list(self.targets)
        return max(pool, key=lambda t: t.seq) if pool else None

    def targets_in_order(self) -> list[TargetCondition]:
        return sorted(self.targets, key=lambda t: t.seq)

    @property
    def phase(self) -> Phase:
        """Grasping the current condition until a first target condition is set."""
        return Phase.STRIVING if self.targets else Phase.GRASPING

    # -- process analysis ------------------------------------------------------

    @property
    def current_demand(self) -> Demand | None:
        """The newest demand and planned cycle time (by day)."""
        return max(self.demand, key=lambda d: (d.day, d.id)) if self.demand else None

    @property
    def planned_cycle_seconds(self) -> float | None:
        demand = self.current_demand
        return demand.planned_cycle_seconds if demand else None

    def steps_in_order(self) -> list[ProcessStep]:
        return sorted(self.steps, key=lambda s: (s.position, s.id))

    def observations_in_order(self) -> list[Observation]:
        return sorted(self.observations, key=lambda o: (o.started, o.id))

    # -- per-target views ----------------------------------------------------

    def _target_id(self, target_id: str | None) -> str | None:
        if target_id is not None:
            return target_id
        target = self.target
        return target.id if target else None

    def obstacles_for(self, target_id: str | None = None) -> list[Obstacle]:
        """The parking lot in the order of its numbers, which never change."""
        tid = self._target_id(target_id)
        return sorted(
            (o for o in self.obstacles if o.target_id == tid),
            key=lambda o: (o.number, o.added, o.text, o.id),
        )

    def obstacle_numbered(self, number: int, target_id: str | None = None) -> Obstacle | None:
        tid = self._target_id(target_id)
        for obstacle in self.obstacles:
            if obstacle.target_id == tid and obstacle.number == number:
                return obstacle
        return None

    def next_obstacle_number(self, target_id: str | None = None) -> int:
        tid = self._target_id(target_id)
        return max((o.number for o in self.obstacles if o.target_id == tid), default=0) + 1

    def experiments_for(self, target_id: str | None = None) -> list[Experiment]:
        tid = self._target_id(target_id)
        return sorted((e for e in self.experiments if e.target_id == tid), key=lambda e: e.number)

    def readings_for(
        self, target_id: str | None = None, metric: str | None = None
    ) -> list[Reading]:
        """A target condition's readings in order; the first target condition's run
        chart starts with those taken before it (``BEFORE_FIRST_TARGET``). Without a
        target condition these are the board's readings."""
        tid = self._reading_target(target_id)
        tids = {tid}
        if tid and self.targets and tid == min(self.targets, key=lambda t: (t.seq, t.id)).id:
            tids.add(BEFORE_FIRST_TARGET)
        return sorted(
            (
                r
                for r in self.readings
                if r.target_id in tids and (metric is None or r.metric == metric)
            ),
            key=lambda r: (r.day, r.target_id != BEFORE_FIRST_TARGET, r.seq, r.id),
        )

    def _reading_target(self, target_id: str | None) -> str:
        tid = self._target_id(target_id)
        return BEFORE_FIRST_TARGET if tid is None else tid

    def next_reading_seq(self, target_id: str | None = None) -> int:
        tid = self._reading_target(target_id)
        return max((r.seq for r in self.readings if r.target_id == tid), default=0) + 1

    def cycles_in_order(self) -> list[CoachingCycle]:
        return sorted(self.cycles, key=lambda c: (c.started, c.id))

    # -- the questions the card asks ------------------------------------------

    def working_obstacle(self, target_id: str | None = None) -> Obstacle | None:
        for obstacle in self.obstacles_for(target_id):
            if obstacle.status is ObstacleStatus.WORKING:
                return obstacle
        return None

    def threshold(self, target_id: str | None = None) -> Experiment | None:
        """The newest open step: the threshold of knowledge."""
        open_steps = [e for e in self.experiments_for(target_id) if e.is_open]
        return open_steps[-1] if open_steps else None

    def last_experiment(self, target_id: str | None = None) -> Experiment | None:
        steps = self.experiments_for(target_id)
        return steps[-1] if steps else None

    def next_experiment_number(self, target_id: str | None = None) -> int:
        steps = self.experiments_for(target_id)
        return steps[-1].number + 1 if steps else 1

    def latest_reading(self, target_id: str | None = None) -> Reading | None:
        """The outcome metric's reading of the newest day, the last entered that day."""
        target = self.target if target_id is None else self.find(TargetCondition, target_id)
        if target is None:
            return None
        outcome = target.outcome
        readings = self.readings_for(target.id, outcome.name if outcome else None)
        return readings[-1] if readings else None

    def running_cycle(self) -> CoachingCycle | None:
        running = [c for c in self.cycles if c.running]
        return max(running, key=lambda c: c.started) if running else None

    def notes_on(self, cycle_id: str) -> list[CycleNote]:
        return sorted((n for n in self.notes if n.cycle_id == cycle_id), key=lambda n: (n.at, n.id))

    def last_cycle(self) -> CoachingCycle | None:
        done = [c for c in self.cycles if not c.running]
        return max(done, key=lambda c: c.started) if done else None

    # -- records by id --------------------------------------------------------

    def records(self, kind: type) -> tuple[Record, ...]:
        if kind is Board:
            return (self.board,)
        return getattr(self, TABLES[kind])

    def find(self, kind: type[R], record_id: str | None) -> R | None:
        """The record of ``kind`` with this id; None for none (a ``None`` id names none)."""
        for record in self.records(kind):
            if record.id == record_id:
                return record  # type: ignore[return-value]
        return None

    def with_record(self, record: Record) -> Storyboard:
        """This storyboard with one record added or replaced (by id)."""
        kind = type(record)
        if kind is Board:
            return replace(self, board=record)
        name = TABLES[kind]
        rows = [r for r in getattr(self, name) if r.id != record.id]
        rows.append(record)
        return replace(self, **{name: tuple(rows)})


def number_obstacles(story: Storyboard) -> Storyboard:
    """Numbers for obstacles read from a file written before numbers were stored.

    They get the numbers the parking lot showed then (by date added, then
    text), skipping numbers already taken, so the same file always reads the
    same way and an old obstacle saved with its number keeps it.
    """
    if all(o.number for o in story.obstacles):
        return story
    by_target: dict[str, list[Obstacle]] = {}
    for obstacle in story.obstacles:
        by_target.setdefault(obstacle.target_id, []).append(obstacle)
    out: list[Obstacle] = []
    for obstacles in by_target.values():
        taken = {o.number for o in obstacles if o.number}
        numbered = [o for o in obstacles if o.number]
        candidates = (n for n in range(1, len(obstacles) + len(taken) + 1) if n not in taken)
        for obstacle, number in zip(
            sorted((o for o in obstacles if not o.number), key=lambda o: (o.added, o.text, o.id)),
            candidates,
            strict=False,
        ):
            numbered.append(replace(obstacle, number=number))
        out.extend(numbered)
    return replace(story, obstacles=tuple(out))
