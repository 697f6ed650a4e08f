"""Reaching a target condition and setting the next one under the same challenge.

The old target is never deleted or rewritten beyond its status and date: its
obstacles, experiments and readings keep pointing at it, so it stays
browsable. The next target starts from where the old one ended (its metrics
and actual pattern), because the learner's new current condition is the old
target's reached condition.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.model import MetricKind, Record, TargetCondition, TargetStatus
from kata_tui.domain.storyboard import Storyboard

ENDINGS = (TargetStatus.ACHIEVED, TargetStatus.CLOSED)


def end_target(target: TargetCondition, status: TargetStatus, day: date) -> TargetCondition:
    """The target marked achieved or closed on ``day``; its rev is kept for the save."""
    if status not in ENDINGS:
        raise InvalidInput("a target condition ends as achieved or closed")
    if target.status is not TargetStatus.ACTIVE:
        raise InvalidInput(f"target condition {target.seq} is already {target.status}")
    return replace(target, status=status, closed_on=day, next_go_see=None)


def next_target(
    story: Storyboard,
    previous: TargetCondition,
    *,
    pattern: str,
    achieve_by: date | None,
    outcome_target: float | None,
    today: date,
) -> TargetCondition:
    """A new target condition after ``previous``, metrics carried forward."""
    if not pattern.strip():
        raise InvalidInput("the next target condition needs its intended pattern")
    if achieve_by is not None and achieve_by < today:
        raise InvalidInput(f"achieve-by {achieve_by.isoformat()} is already past")
    outcome = previous.outcome
    metrics = tuple(
        replace(m, target=outcome_target)
        if outcome is not None and m is outcome and outcome_target is not None
        else m
        for m in previous.metrics
    )
    if not metrics and outcome_target is not None:
        raise InvalidInput("there is no outcome metric to set a target value for")
    seq = max((t.seq for t in story.targets), default=0) + 1
    return TargetCondition(
        seq=seq,
        achieve_by=achieve_by,
        metrics=metrics,
        pattern=pattern.strip(),
        actual_pattern=previous.actual_pattern,
        status=TargetStatus.ACTIVE,
    )


def reach_target(
    story: Storyboard,
    status: TargetStatus,
    *,
    pattern: str,
    achieve_by: date | None,
    outcome_target: float | None,
    today: date,
) -> list[Record]:
    """Records to save: the current target ended, then the next one started.

    Both go in one commit, so another session never sees a board with no
    active target, and a conflict on the old target stops the new one too.
    """
    current = story.target
    if current is None:
        raise InvalidInput("this board has no target condition yet")
    ended = end_target(current, status, today)
    new = next_target(
        story,
        current,
        pattern=pattern,
        achieve_by=achieve_by,
        outcome_target=outcome_target,
        today=today,
    )
    return [ended, new]


def outcome_kind_label(target: TargetCondition) -> str:
    """``changeover time (min)``: how the outcome metric is named in forms."""
    outcome = target.outcome
    if outcome is None:
        return "outcome"
    unit = f" ({outcome.unit})" if outcome.unit else ""
    kind = "" if outcome.kind is MetricKind.OUTCOME else " [process]"
    return f"{outcome.name}{unit}{kind}"
