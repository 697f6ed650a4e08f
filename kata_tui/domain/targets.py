"""Reaching a target condition and setting the next one under the same challenge.

The old target is never deleted or rewritten beyond its status, date and
summary reflection: its obstacles, experiments and readings keep pointing at
it, so it stays browsable. The next target starts from where the old one ended
(its metrics, actual pattern and the coach's next go-and-see), because the
learner's new current condition is the old target's reached condition.

A target condition stays fixed while the learner iterates: changing its
pattern or achieve-by date is a deliberate choice, and the earlier wording is
kept (``revise_target``). It is closed as achieved only when its latest
readings meet it, or with a recorded override.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from datetime import date

from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.model import (
    EarlierVersion,
    MetricKind,
    Obstacle,
    ObstacleStatus,
    Record,
    TargetCondition,
    TargetStatus,
)
from kata_tui.domain.numbers import number_text
from kata_tui.domain.storyboard import Storyboard

REVISED = ("pattern", "actual_pattern", "achieve_by")
"""The fields of a target condition whose earlier values are kept when replaced."""
SUMMARY_HINT = "What did we learn on the way to this target condition?"


def revise_target(
    target: TargetCondition, today: date, by: str, **changes: object
) -> TargetCondition:
    """``target`` with ``changes``; a replaced pattern, actual pattern or achieve-by
    date goes into its earlier versions (an unchanged one does not)."""
    earlier = list(target.earlier)
    for name in REVISED:
        if name not in changes:
            continue
        old = getattr(target, name)
        if changes[name] == old:
            continue
        text = old.isoformat() if isinstance(old, date) else (old or "")
        if text:
            earlier.append(EarlierVersion(name, text, today, by))
    return replace(target, earlier=tuple(earlier), **changes)  # type: ignore[arg-type]


def shortfall(story: Storyboard, target: TargetCondition) -> str:
    """Why the latest readings do not meet ``target``, or "" when they do.

    Every metric with a target value that has readings must meet it with its
    latest one; the outcome metric must have a target and a reading.
    """
    outcome = target.outcome
    if outcome is None or outcome.target is None:
        return "the target condition has no outcome target value"
    for metric in target.metrics:
        if metric.target is None:
            continue
        readings = story.readings_for(target.id, metric.name)
        if not readings:
            if metric is outcome:
                return f"no reading of {metric.name} yet"
            continue
        latest = readings[-1].value
        if not metric.reached_by(latest):
            unit = f" {metric.unit}" if metric.unit else ""
            return (
                f"latest {metric.name} {number_text(latest)}{unit} against a target of "
                f"{number_text(metric.target)}{unit} ({metric.better} is better)"
            )
    return ""


ENDINGS = (TargetStatus.ACHIEVED, TargetStatus.CLOSED)


def end_target(target: TargetCondition, status: TargetStatus, day: date) -> TargetCondition:
    """The target marked achieved or closed on ``day``; its rev is kept for the save."""
    if status not in ENDINGS:
        raise InvalidInput("a target condition ends as achieved or closed")
    if target.status is not TargetStatus.ACTIVE:
        raise InvalidInput(f"target condition {target.seq} is already {target.status}")
    return replace(target, status=status, closed_on=day)


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
        next_go_see=previous.next_go_see,
        next_go_see_time=previous.next_go_see_time,
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


def close_target(
    story: Storyboard,
    *,
    achieved: bool,
    summary: str,
    override: str = "",
    open_step: str = "",
    carry: Collection[str] = (),
    pattern: str,
    achieve_by: date | None,
    outcome_target: float | None,
    today: date,
) -> list[Record]:
    """Records to save when the current target condition is closed, in one commit.

    ``achieved`` needs the latest readings to meet the target, or an
    ``override`` (why it counts as achieved anyway), which is recorded. The
    ``summary`` reflection is required. An open step is resolved as not taken
    with ``open_step`` as the reason. Parked obstacles whose ids are in
    ``carry`` are parked again, renumbered from 1, under the next target
    condition, which keeps the coach's next go-and-see.
    """
    current = story.target
    if current is None:
        raise InvalidInput("this board has no target condition yet")
    summary = summary.strip()
    if not summary:
        raise InvalidInput(SUMMARY_HINT)
    override = " ".join(override.split())
    missed = shortfall(story, current)
    if achieved and missed and not override:
        raise InvalidInput(
            f"not met: {missed}; say why it counts as achieved, or close it as not achieved"
        )
    status = TargetStatus.ACHIEVED if achieved else TargetStatus.CLOSED
    ended, new = reach_target(
        story,
        status,
        pattern=pattern,
        achieve_by=achieve_by,
        outcome_target=outcome_target,
        today=today,
    )
    ended = replace(ended, summary=summary, override=override if achieved and missed else "")
    records: list[Record] = [ended, new]
    step = story.threshold(current.id)
    if step is not None:
        reason = " ".join(open_step.split()) or f"target condition {current.seq} closed first"
        records.append(replace(step, not_taken=reason))
    parked = [
        o
        for o in story.obstacles_for(current.id)
        if o.status in (ObstacleStatus.PARKED, ObstacleStatus.WORKING)
    ]
    unknown = set(carry) - {o.id for o in parked}
    if unknown:
        raise InvalidInput("only obstacles still open on this target condition can be carried over")
    for number, obstacle in enumerate((o for o in parked if o.id in carry), start=1):
        records.append(Obstacle(new.id, obstacle.text, today, kind=obstacle.kind, number=number))
    return records


def outcome_kind_label(target: TargetCondition) -> str:
    """``changeover time (min)``: how the outcome metric is named in forms."""
    outcome = target.outcome
    if outcome is None:
        return "outcome"
    unit = f" ({outcome.unit})" if outcome.unit else ""
    kind = "" if outcome.kind is MetricKind.OUTCOME else " [process]"
    return f"{outcome.name}{unit}{kind}"
