"""Wording shared by the renderings, so md, html and csv name things alike."""

from __future__ import annotations

from datetime import date

from kata_tui.domain.dates import days_left, due_words
from kata_tui.domain.model import CoachingCycle, Metric, Obstacle, TargetCondition
from kata_tui.domain.numbers import number_text
from kata_tui.domain.storyboard import Storyboard


def number(value: float | None) -> str:
    """``25`` rather than ``25.0``, every digit kept; empty when unset."""
    if value is None:
        return ""
    return number_text(value) if abs(value) < 1e15 else f"{value:.0f}"


def metric_target(metric: Metric) -> str:
    if metric.target is None:
        return "not set"
    return f"{number(metric.target)} {metric.unit}".strip()


def day(value: date | None) -> str:
    return value.isoformat() if value else "-"


def target_title(target: TargetCondition) -> str:
    return f"Target condition {target.seq} ({target.status})"


def obstacle_text(story: Storyboard, obstacle_id: str | None) -> str:
    obstacle = story.find(Obstacle, obstacle_id) if obstacle_id else None
    return obstacle.text if obstacle is not None else ""


def due_text(target: TargetCondition, today: date) -> str:
    """ "achieve by 2026-12-14 (21 days left)", the days only while it is active."""
    left = days_left(target.achieve_by, today)
    due = f"achieve by {day(target.achieve_by)}"
    if left is not None and target.status == "active":
        due += f" ({due_words(left)})"
    return due


def others_first(story: Storyboard) -> list[TargetCondition]:
    """Earlier (or other) target conditions than the current one, oldest first."""
    current = story.target
    return [t for t in story.targets_in_order() if current is None or t.id != current.id]


def cycle_heading(cycle: CoachingCycle) -> str:
    minutes = cycle.minutes
    length = "running" if minutes is None else f"{minutes} min"
    return f"{cycle.day.isoformat()}: coach {cycle.coach}, learner {cycle.learner}, {length}"
