"""Follow-ups: a date kept on a cycle record (TWI Job Relations' step 4, check
results), due on the dashboard like a go-and-see.

A follow-up stays open until the coach marks it checked, with what the check
showed (did the action help?), or until a later cycle on the same card set
takes its place (its own step 4 says when to look again).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.model import CoachingCycle
from kata_tui.domain.storyboard import Storyboard

NONE_OPEN = "no follow-up is open on this board"
NO_RESULT = "say what the check showed: did the action help?"


def open_follow_ups(story: Storyboard) -> list[CoachingCycle]:
    """The cycles whose follow-up is still due, the earliest date first: each card
    set's latest cycle, when it has a follow-up not checked yet."""
    latest: dict[str, CoachingCycle] = {}
    for cycle in story.cycles:
        known = latest.get(cycle.card)
        if known is None or cycle.started >= known.started:
            latest[cycle.card] = cycle
    due = [c for c in latest.values() if c.follow_up is not None and c.follow_up_checked is None]
    return sorted(due, key=lambda c: (c.follow_up, c.started))


def open_follow_up(story: Storyboard) -> date | None:
    """The earliest follow-up still due (None when none is)."""
    due = open_follow_ups(story)
    return due[0].follow_up if due else None


def check_follow_up(story: Storyboard, today: date, result: str) -> CoachingCycle:
    """The cycle of the earliest open follow-up, marked checked ``today`` with what
    the check showed (``result``, required)."""
    due = open_follow_ups(story)
    if not due:
        raise InvalidInput(NONE_OPEN)
    result = result.strip()
    if not result:
        raise InvalidInput(NO_RESULT)
    return replace(due[0], follow_up_checked=today, follow_up_result=result)
