"""The storyboard as plain, immutable records.

Every record carries its own stable ``id`` and a ``rev`` counter so that two
processes editing one board can tell "someone else changed this record since I
read it" (a conflict) from "someone changed another record" (a merge). Records
are frozen: an edit is ``dataclasses.replace`` and a save, never mutation, so
the version a session read stays available to show in a conflict.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from kata_tui.domain.card import CardRef

WORKING_DAY = timedelta(hours=8)
"""A cycle still running this long after it started was left, not paused: interrupted."""


def new_id() -> str:
    """Short random id: unique across processes without a shared counter."""
    return uuid.uuid4().hex[:12]


class Role(StrEnum):
    LEARNER = "learner"
    COACH = "coach"
    SECOND_COACH = "second coach"


class ObstacleStatus(StrEnum):
    PARKED = "parked"
    WORKING = "working on"
    CLEARED = "cleared"
    DROPPED = "dropped"


class ObstacleKind(StrEnum):
    PROCESS = "process"
    """Hurts the outcome metric."""
    IMPLEMENTATION = "implementation"
    """Only blocks the next step (for instance a step that could not be taken)."""


class TargetStatus(StrEnum):
    ACTIVE = "active"
    ACHIEVED = "achieved"
    CLOSED = "closed"


class MetricKind(StrEnum):
    OUTCOME = "outcome"
    PROCESS = "process"


class Better(StrEnum):
    LOWER = "lower"
    HIGHER = "higher"


@dataclass(frozen=True, slots=True)
class Stamp:
    """Who last changed a record, so a shared directory needs no accounts."""

    by: str
    role: Role
    at: datetime

    def label(self) -> str:
        return f"{self.by} ({self.role})"


@dataclass(frozen=True, slots=True)
class Editor:
    """Who is typing in this session: stamped on every record they change."""

    user: str
    role: Role

    def stamp(self, at: datetime) -> Stamp:
        return Stamp(by=self.user, role=self.role, at=at)


@dataclass(frozen=True, slots=True)
class Metric:
    name: str
    unit: str = ""
    target: float | None = None
    kind: MetricKind = MetricKind.OUTCOME
    better: Better = Better.LOWER

    def reached_by(self, value: float) -> bool:
        if self.target is None:
            return False
        if self.better is Better.LOWER:
            return value <= self.target
        return value >= self.target


@dataclass(frozen=True, slots=True)
class Board:
    """One learner's storyboard for one challenge."""

    learner: str
    coach: str
    challenge: str
    horizon: date | None = None
    set_by: str = ""
    focus_process: str = ""
    created: date | None = None
    archived: bool = False
    plant: str = ""
    """The plant (server) the board is kept at, when plant servers sync (``kata sync``)."""
    cycle_minutes: int = 20
    """The usual length of a coaching cycle on this board: the timer warns once past it."""
    card: str = "coaching-kata"
    """The card set a cycle on this board uses unless another is picked for it."""
    card_language: str = "en"
    """The language of that card set (the learner's)."""
    id: str = field(default_factory=new_id)
    rev: int = 0
    stamp: Stamp | None = None

    @property
    def card_ref(self) -> CardRef:
        """The board's card set (its version is whatever the file holds when a cycle starts)."""
        return CardRef(self.card, 0, self.card_language)


@dataclass(frozen=True, slots=True)
class EarlierVersion:
    """A target condition's text or date as it was before a deliberate change.

    In the kata the target condition and its achieve-by date stay fixed while
    the learner iterates; when the coach does replace one, the old wording
    stays in the record instead of vanishing.
    """

    what: str
    """Which field: ``pattern``, ``actual_pattern`` or ``achieve_by``."""
    text: str
    """The earlier value (a date as ``YYYY-MM-DD``, empty for none)."""
    until: date
    """The day it was replaced."""
    by: str = ""


@dataclass(frozen=True, slots=True)
class TargetCondition:
    """One step of the challenge; target conditions form a sequence (``seq``)."""

    seq: int
    achieve_by: date | None = None
    metrics: tuple[Metric, ...] = ()
    pattern: str = ""
    """The intended operating pattern."""
    actual_pattern: str = ""
    """The current condition: the actual pattern now."""
    status: TargetStatus = TargetStatus.ACTIVE
    next_go_see: date | None = None
    """Set by question 5: when we go and see what the last step taught us."""
    next_go_see_time: str = ""
    """Optional time of day of that go-and-see, ``HH:MM``."""
    closed_on: date | None = None
    summary: str = ""
    """The summary reflection when closed: what we learned on the way to it."""
    override: str = ""
    """Why it was closed as achieved although its latest readings missed the target."""
    earlier: tuple[EarlierVersion, ...] = ()
    """Earlier wordings of its pattern, actual pattern and achieve-by date, oldest first."""
    id: str = field(default_factory=new_id)
    rev: int = 0
    stamp: Stamp | None = None

    @property
    def outcome(self) -> Metric | None:
        for metric in self.metrics:
            if metric.kind is MetricKind.OUTCOME:
                return metric
        return self.metrics[0] if self.metrics else None


BEFORE_FIRST_TARGET = ""
"""The ``target_id`` of a reading of the outcome taken while grasping the current
condition, before the first target condition: its run chart starts with them."""


@dataclass(frozen=True, slots=True)
class Reading:
    """A single measured value of a metric: one point of the run chart."""

    target_id: str
    """Its target condition, or ``BEFORE_FIRST_TARGET``."""
    day: date
    metric: str
    value: float
    seq: int = 0
    """Order of entry within the target condition: the last entered is the latest
    of its day (0: entered before the order was kept)."""
    time: str = ""
    """Time of day it was measured, ``HH:MM``; "" when not said. The order of entry,
    not the time, says which reading of a day is the latest."""
    id: str = field(default_factory=new_id)
    rev: int = 0
    stamp: Stamp | None = None


@dataclass(frozen=True, slots=True)
class Obstacle:
    target_id: str
    text: str
    added: date
    status: ObstacleStatus = ObstacleStatus.PARKED
    kind: ObstacleKind = ObstacleKind.PROCESS
    number: int = 0
    """Its number in the parking lot, given once when added and kept for the life of
    the target condition (0 only in files written before numbers were stored)."""
    step_id: str | None = None
    """The step that could not be taken, for an implementation obstacle parked so."""
    id: str = field(default_factory=new_id)
    rev: int = 0
    stamp: Stamp | None = None


@dataclass(frozen=True, slots=True)
class Experiment:
    """One row of the experiment record (PDCA cycles record)."""

    target_id: str
    number: int
    day: date
    step: str
    expected: str = ""
    obstacle_id: str | None = None
    happened: str = ""
    learned: str = ""
    not_taken: str = ""
    """Why the step could not be taken; a step not taken is no longer open."""
    id: str = field(default_factory=new_id)
    rev: int = 0
    stamp: Stamp | None = None

    @property
    def is_open(self) -> bool:
        """Open until both the facts and the learning are written down, or it is
        marked not taken."""
        if self.not_taken.strip():
            return False
        return not (self.happened.strip() and self.learned.strip())


@dataclass(frozen=True, slots=True)
class Answer:
    """What was said to one card question, and who typed it."""

    key: str
    text: str
    """As typed (empty: "as on the board" for questions 1 and 2)."""
    by: str = ""
    meaning: str = ""
    """What the typed text resolved to when it was said, so the record reads the
    same a month later: ``obstacle 2 "Bolts ...": working on``, ``2026-11-27 14:00``."""


@dataclass(frozen=True, slots=True)
class Driver:
    """Who drives the card of a running cycle, from when: every hand-over is kept."""

    by: str
    role: Role
    since: datetime

    def label(self) -> str:
        return f"{self.by} ({self.role})"


@dataclass(frozen=True, slots=True)
class CoachingCycle:
    target_id: str
    day: date
    coach: str
    learner: str
    started: datetime
    ended: datetime | None = None
    second_coach: str = ""
    answers: tuple[Answer, ...] = ()
    position: str = ""
    """Key of the card question on screen while the cycle runs (for followers)."""
    reflection: str = ""
    """The coach's own learning about coaching."""
    second_coach_feedback: str = ""
    drivers: tuple[Driver, ...] = ()
    """Who drove the card, in order; the last one drives unless the cycle is paused."""
    paused: bool = False
    """Left running with nobody driving (its driver quit); the next ``c`` resumes it."""
    card: str = "coaching-kata"
    """The card set the cycle asked (its questions are the keys of ``answers``)."""
    card_version: int = 1
    card_language: str = "en"
    follow_up: date | None = None
    """When the results are checked again (a Job Relations record's step 4): open
    until a later cycle on the same card set, and due on the dashboard meanwhile."""
    obstacle_id: str | None = None
    """The obstacle on the board the record is about (``Lands.LINK_OBSTACLE``)."""
    follow_up_checked: date | None = None
    """When the coach marked the follow-up's results checked: no longer due."""
    follow_up_result: str = ""
    """What that check showed (did the action help?)."""
    id: str = field(default_factory=new_id)
    rev: int = 0
    stamp: Stamp | None = None

    @property
    def running(self) -> bool:
        return self.ended is None

    @property
    def card_ref(self) -> CardRef:
        return CardRef(self.card, self.card_version, self.card_language)

    @property
    def driver(self) -> Driver | None:
        """Who drives the card now: one session at a time, never two."""
        if self.ended is not None or self.paused or not self.drivers:
            return None
        return self.drivers[-1]

    @property
    def minutes(self) -> int | None:
        if self.ended is None:
            return None
        return max(0, round((self.ended - self.started).total_seconds() / 60))

    def answer(self, key: str) -> str:
        for item in reversed(self.answers):
            if item.key == key:
                return item.text
        return ""


class NoteKind(StrEnum):
    OBSERVATION = "observation"
    """What the second coach saw of the coaching (during the cycle)."""
    FEEDBACK = "feedback"
    """What the second coach tells the coach about coaching (after it)."""


@dataclass(frozen=True, slots=True)
class CycleNote:
    """A follower's own words on a cycle, typed on the follow screen.

    A record of its own, stamped with the follower's login and role: the
    driver never writes it, so a second coach's notes and the coach's
    answers cannot conflict.
    """

    cycle_id: str
    text: str
    at: datetime
    question: str = ""
    """Key of the question the card showed when the note was typed."""
    kind: NoteKind = NoteKind.OBSERVATION
    id: str = field(default_factory=new_id)
    rev: int = 0
    stamp: Stamp | None = None


Record = Board | TargetCondition | Reading | Obstacle | Experiment | CoachingCycle | CycleNote
