"""The one-line view of a board that the board picker and dashboard list, and the query
(sort and filters) that picks and orders them.

Kept small and flat on purpose: the store writes it at the head of every board
file, so listing 200 boards reads 200 short lines instead of parsing years of
experiments.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from kata_tui.domain.cadence import Cadence, CadenceFacts, board_facts, cadence
from kata_tui.domain.dates import days_left
from kata_tui.domain.follow_up import open_follow_up
from kata_tui.domain.model import WORKING_DAY
from kata_tui.domain.process import Phase
from kata_tui.domain.storyboard import Storyboard


@dataclass(frozen=True, slots=True)
class BoardSummary:
    slug: str
    learner: str
    coach: str
    challenge: str
    target: str
    """The current target condition's intended pattern (first line)."""
    achieve_by: date | None
    last_cycle: date | None
    next_go_see: date | None
    experiments: int
    archived: bool = False
    plant: str = ""
    grasping: bool = False
    """No target condition yet: the learner is grasping the current condition."""
    running_since: datetime | None = None
    """When the cycle still running on the board started (None: none runs)."""
    cadence_facts: CadenceFacts = field(default_factory=CadenceFacts)
    """What the cadence of practice on the board is computed from (``cadence``)."""
    next_follow_up: date | None = None
    """The earliest follow-up still open (``open_follow_up``): due like a go-and-see."""

    def days_left(self, today: date) -> int | None:
        return days_left(self.achieve_by, today)

    def interrupted(self, now: datetime) -> bool:
        """A cycle left running past a working day: left, not paused."""
        return self.running_since is not None and now - self.running_since > WORKING_DAY

    def cadence(self, today: date) -> Cadence:
        """Days since the last cycle, cycles and steps a week, usual length, go-and-see kept."""
        facts = self.cadence_facts
        if facts.last_cycle is None and self.last_cycle is not None:
            facts = replace(facts, last_cycle=self.last_cycle)  # a head line written before
        return cadence(facts, today)

    def overdue(self, today: date) -> bool:
        return self.next_go_see is not None and self.next_go_see < today

    def follow_up_overdue(self, today: date) -> bool:
        return self.next_follow_up is not None and self.next_follow_up < today

    def follow_up_first(self) -> bool:
        """The earliest open follow-up is due before the next go-and-see (or none is set)."""
        if self.next_follow_up is None:
            return False
        return self.next_go_see is None or self.next_follow_up < self.next_go_see

    def next_due(self) -> date | None:
        """Whichever is due first: the next go-and-see or the earliest open follow-up."""
        return self.next_follow_up if self.follow_up_first() else self.next_go_see


def summarize(story: Storyboard) -> BoardSummary:
    target = story.target
    last = story.last_cycle()
    running = story.running_cycle()
    pattern = target.pattern.strip().splitlines()[0] if target and target.pattern.strip() else ""
    return BoardSummary(
        slug=story.slug,
        learner=story.board.learner,
        coach=story.board.coach,
        challenge=next(iter(story.board.challenge.strip().splitlines()), ""),
        target=pattern,
        achieve_by=target.achieve_by if target else None,
        last_cycle=last.day if last else None,
        next_go_see=target.next_go_see if target else None,
        experiments=len(story.experiments),
        archived=story.board.archived,
        plant=story.board.plant,
        grasping=story.phase is Phase.GRASPING,
        running_since=running.started if running is not None else None,
        cadence_facts=board_facts(story),
        next_follow_up=open_follow_up(story),
    )


ALL = ""
"""The "no filter" choice of the coach and learner filters."""


def _text(value: str) -> object:
    return value.casefold()


SORTS: dict[str, tuple[str, Callable[[BoardSummary, date], object]]] = {
    "learner": ("learner", lambda s, _t: _text(s.learner)),
    "coach": ("coach", lambda s, _t: _text(s.coach)),
    "challenge": ("challenge", lambda s, _t: _text(s.challenge)),
    "target": ("target condition", lambda s, _t: _text(s.target)),
    "due": ("days left", lambda s, t: s.days_left(t)),
    "last": ("last coaching cycle", lambda s, _t: s.last_cycle),
    "go_see": ("next go-and-see", lambda s, _t: s.next_due()),
    "experiments": ("experiments", lambda s, _t: s.experiments),
    "since": ("days since the last cycle", lambda s, t: s.cadence(t).days_since_cycle),
    "cycles_week": ("cycles a week", lambda s, t: s.cadence(t).cycles_per_week),
    "experiments_week": ("experiments a week", lambda s, t: s.cadence(t).experiments_per_week),
    "cycle_minutes": ("usual cycle length", lambda s, t: s.cadence(t).usual_minutes),
    "go_see_kept": ("go-and-see dates kept", lambda s, t: s.cadence(t).kept_share),
}
"""Sort key name -> (how the status line names it, the key); ``s`` steps in this order."""
DEFAULT_SORT = "go_see"
"""The next go-and-see (or open follow-up) first: whose coaching is due shows at the top."""


def choices(values: Iterable[str]) -> list[str]:
    """``ALL`` and then each value once (whatever its case), in alphabetical order."""
    seen: dict[str, str] = {}
    for value in values:
        seen.setdefault(value.casefold(), value)
    return [ALL, *sorted(seen.values(), key=str.casefold)]


def _next_choice(current: str, values: Iterable[str]) -> str:
    options = choices(values)
    folded = [c.casefold() for c in options]
    index = folded.index(current.casefold()) if current.casefold() in folded else 0
    return options[(index + 1) % len(options)]


@dataclass(frozen=True, slots=True)
class BoardQuery:
    """Which boards the dashboard lists and in what order: a value, changed by replacing it."""

    sort: str = DEFAULT_SORT
    reverse: bool = False
    text: str = ""
    """Contained in the learner, coach, plant or challenge (any case)."""
    coach: str = ALL
    learner: str = ALL

    @property
    def sort_name(self) -> str:
        return SORTS[self.sort][0]

    @property
    def filtered(self) -> bool:
        return bool(self.text or self.coach or self.learner)

    def matches(self, summary: BoardSummary) -> bool:
        if self.coach and summary.coach.casefold() != self.coach.casefold():
            return False
        if self.learner and summary.learner.casefold() != self.learner.casefold():
            return False
        needle = self.text.strip().casefold()
        if needle:
            haystack = (
                f"{summary.learner}\n{summary.coach}\n{summary.plant}\n{summary.challenge}"
            ).casefold()
            return needle in haystack
        return True

    def apply(self, summaries: Iterable[BoardSummary], today: date) -> list[BoardSummary]:
        """The matching boards, sorted; boards without a value go last either way."""
        key = SORTS[self.sort][1]
        rows = [s for s in summaries if self.matches(s)]
        known = [s for s in rows if key(s, today) not in (None, "")]
        unknown = [s for s in rows if key(s, today) in (None, "")]
        known.sort(key=lambda s: (key(s, today), s.slug), reverse=self.reverse)
        unknown.sort(key=lambda s: s.slug)
        return known + unknown

    def next_sort(self) -> BoardQuery:
        keys = list(SORTS)
        return replace(self, sort=keys[(keys.index(self.sort) + 1) % len(keys)], reverse=False)

    def reversed(self) -> BoardQuery:
        return replace(self, reverse=not self.reverse)

    def next_coach(self, summaries: Iterable[BoardSummary]) -> BoardQuery:
        return replace(self, coach=_next_choice(self.coach, (s.coach for s in summaries)))

    def next_learner(self, summaries: Iterable[BoardSummary]) -> BoardQuery:
        return replace(self, learner=_next_choice(self.learner, (s.learner for s in summaries)))

    def cleared(self) -> BoardQuery:
        """The same order, no filters."""
        return replace(self, text="", coach=ALL, learner=ALL)

    def describe(self, shown: int, total: int) -> str:
        """The status line: how many shown, the order, the filters."""
        parts = [f"{shown} of {total} boards"]
        parts.append(f"sorted by {self.sort_name}{' (reversed)' if self.reverse else ''}")
        if self.coach:
            parts.append(f"coach: {self.coach}")
        if self.learner:
            parts.append(f"learner: {self.learner}")
        if self.text.strip():
            parts.append(f"filter: {self.text.strip()}")
        return "  |  ".join(parts)
