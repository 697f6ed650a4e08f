"""The cadence of practice: how often a learner is coached and experiments.

A coach reads it on the board and, across learners, on the dashboard: days
since the last coaching cycle, cycles and experiments per week over the last
four weeks, the usual length of a cycle, and whether the go-and-see dates
agreed in cycles were kept.

Two steps, so the board and the dashboard always agree: ``cadence_facts``
takes from a board the few dates and numbers the figures need (small enough
for the summary line at the head of the board file, which is all the
dashboard reads), and ``cadence`` turns them into the figures for a day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from kata_tui.domain.model import CoachingCycle
from kata_tui.domain.numbers import number_text
from kata_tui.domain.storyboard import Storyboard

WEEKS = 4
"""Cycles and experiments per week, and go-and-see dates kept, over this many weeks."""
WINDOW = timedelta(days=7 * WEEKS)
KEPT_BACK = 2 * WINDOW
"""How far before the board's newest cycle or step the facts count days: the window
of any later day lies inside that, with room for steps dated ahead."""
USUAL_OF = 10
"""The usual cycle length is the median of this many most recent ended cycles."""
DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
"""A day's count as one character (base 36, at most 35 a day)."""


def median(values: list[int]) -> float:
    """The middle value (the mean of the two middle ones for an even count); kept here
    rather than importing ``statistics``, which costs the dashboard's start-up."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def _counts(days: Iterable[date], since: date, length: int) -> str:
    """One character per day from ``since``: how many of ``days`` fell on it."""
    counts = [0] * length
    for day in days:
        offset = (day - since).days
        if 0 <= offset < length:
            counts[offset] += 1
    return "".join(DIGITS[min(n, len(DIGITS) - 1)] for n in counts)


@dataclass(frozen=True, slots=True)
class CadenceFacts:
    """What the cadence figures are computed from, sized for the summary line: per
    day since ``since``, one character (``DIGITS``) each for the cycles held, the
    steps, the go-and-see dates kept and those missed."""

    since: date | None = None
    """The first day counted (None: the board has no cycle and no step)."""
    cycles: str = ""
    """Coaching cycles held (running ones too), by the day held."""
    experiments: str = ""
    """Steps (experiments), by their day."""
    kept: str = ""
    """Go-and-see dates kept, by the day of the cycle held on or before the date."""
    missed: str = ""
    """Go-and-see dates missed, by the date: the next cycle came later."""
    open_go_see: date | None = None
    """The go-and-see date the last cycle agreed, no cycle held since: kept if one is
    held by then, missed once it passes."""
    last_cycle: date | None = None
    """The day of the last cycle held."""
    usual_minutes: float | None = None
    """Median length in minutes of the last ``USUAL_OF`` ended cycles."""

    def count(self, what: str, start: date, end: date) -> int:
        """How many ``what`` (a count field) fell from ``start`` to ``end``, both included."""
        if self.since is None:
            return 0
        counts: str = getattr(self, what)
        first = max(0, (start - self.since).days)
        last = (end - self.since).days
        return sum(DIGITS.index(c) for c in counts[first : last + 1]) if last >= 0 else 0


@dataclass(frozen=True, slots=True)
class Cadence:
    """The figures for one day."""

    days_since_cycle: int | None
    """Days since the last coaching cycle (0: one today); None: never coached."""
    cycles_per_week: float
    experiments_per_week: float
    usual_minutes: float | None
    go_see_kept: int
    """Go-and-see dates kept (a cycle held on or before the date) in the last four weeks."""
    go_see_due: int
    """Go-and-see dates decided in the last four weeks: kept (on the day the cycle was
    held) or missed (on the date, passed with no cycle held)."""

    @property
    def kept_share(self) -> float | None:
        """Kept of decided, 0 to 1; None when none was due."""
        return self.go_see_kept / self.go_see_due if self.go_see_due else None


def planned_go_see(cycle: CoachingCycle) -> date | None:
    """The go-and-see date the cycle agreed: its last answer to question 5, by what it meant."""
    for answer in reversed(cycle.answers):
        if answer.key == "q5":
            try:
                return date.fromisoformat(answer.meaning[:10])
            except ValueError:
                return None
    return None


def cadence_facts(cycles: Iterable[CoachingCycle], experiment_days: Iterable[date]) -> CadenceFacts:
    """The facts of a board's cycles and steps (every target condition's).

    Each go-and-see date a cycle agreed is decided by the next cycle held: on or
    before the date it was kept, later it was missed.
    """
    ordered = sorted(cycles, key=lambda c: c.started)
    steps = list(experiment_days)
    newest = max([*(c.day for c in ordered[-1:]), *steps], default=None)
    if newest is None:
        return CadenceFacts()
    kept: list[date] = []
    missed: list[date] = []
    open_go_see = None
    for index, cycle in enumerate(ordered):
        planned = planned_go_see(cycle)
        if planned is None:
            continue
        if index + 1 == len(ordered):
            open_go_see = planned
            continue
        held = ordered[index + 1].day
        (kept if held <= planned else missed).append(held if held <= planned else planned)
    days = [c.day for c in ordered]
    first = min(
        [d for d in (*days, *steps, *kept, *missed) if d >= newest - KEPT_BACK], default=newest
    )
    length = (newest - first).days + 1
    minutes = [m for c in ordered if (m := c.minutes) is not None][-USUAL_OF:]
    return CadenceFacts(
        since=first,
        cycles=_counts(days, first, length),
        experiments=_counts(steps, first, length),
        kept=_counts(kept, first, length),
        missed=_counts(missed, first, length),
        open_go_see=open_go_see,
        last_cycle=ordered[-1].day if ordered else None,
        usual_minutes=median(minutes) if minutes else None,
    )


def cadence(facts: CadenceFacts, today: date) -> Cadence:
    """The figures on ``today``: per week over the four weeks ending today (today
    and the 27 days before it)."""
    start = today - WINDOW + timedelta(days=1)
    kept = facts.count("kept", start, today)
    missed = facts.count("missed", start, today)
    planned = facts.open_go_see
    if planned is not None and start <= planned < today:
        missed += 1
    last = facts.last_cycle
    return Cadence(
        days_since_cycle=(today - last).days if last is not None else None,
        cycles_per_week=facts.count("cycles", start, today) / WEEKS,
        experiments_per_week=facts.count("experiments", start, today) / WEEKS,
        usual_minutes=facts.usual_minutes,
        go_see_kept=kept,
        go_see_due=kept + missed,
    )


def board_facts(story: Storyboard) -> CadenceFacts:
    """The cadence facts of a whole board (every target condition's cycles and steps)."""
    return cadence_facts(story.cycles, (e.day for e in story.experiments))


def since_words(days: int | None) -> str:
    if days is None:
        return "no cycle yet"
    if days <= 0:
        return "last cycle today"
    return f"last cycle {days} day{'s' if days != 1 else ''} ago"


def kept_words(figures: Cadence) -> str:
    if not figures.go_see_due:
        return "no go-and-see due"
    return f"go-and-see kept {figures.go_see_kept} of {figures.go_see_due}"


def cadence_words(figures: Cadence) -> str:
    """The figures in one line, as the board and the dashboard say them."""
    usual = figures.usual_minutes
    parts = [
        since_words(figures.days_since_cycle),
        f"a week over {WEEKS} weeks: {number_text(figures.cycles_per_week)} cycles, "
        f"{number_text(figures.experiments_per_week)} experiments",
        f"usual cycle {number_text(usual)} min" if usual is not None else "no cycle ended yet",
        kept_words(figures),
    ]
    return "; ".join(parts)
