"""Wording shared by the renderings, so md, html and csv name things alike."""

from __future__ import annotations

from datetime import date

from kata_tui.domain.dates import days_left, due_words
from kata_tui.domain.model import (
    CoachingCycle,
    Experiment,
    Metric,
    Obstacle,
    Reading,
    TargetCondition,
)
from kata_tui.domain.numbers import number_text
from kata_tui.domain.storyboard import Storyboard


def number(value: float | None) -> str:
    """``25`` rather than ``25.0``, every digit kept; empty when unset."""
    if value is None:
        return ""
    text = number_text(value)
    return f"{value:.0f}" if "e+" in text else text  # 1e+16 written out, digit by digit


def metric_target(metric: Metric) -> str:
    if metric.target is None:
        return "not set"
    return f"{number(metric.target)} {metric.unit}".strip()


def reading_time(reading: Reading) -> str:
    """`` 14:30`` after a reading's date when its time of day was said, else ""."""
    return f" {reading.time}" if reading.time else ""


def day(value: date | None) -> str:
    return value.isoformat() if value else "-"


def target_title(target: TargetCondition) -> str:
    return f"Target condition {target.seq} ({target.status})"


def obstacle_text(story: Storyboard, obstacle_id: str | None) -> str:
    """``#2 Bolts need a wrench``: the obstacle a step addresses, by its lasting number."""
    obstacle = story.find(Obstacle, obstacle_id)
    if obstacle is None:
        return ""
    return f"{number_mark(obstacle)}{obstacle.text}"


def number_mark(obstacle: Obstacle) -> str:
    """``#2 ``: an obstacle's lasting number ("" for one built without a number)."""
    return f"#{obstacle.number} " if obstacle.number else ""


def go_see_text(target: TargetCondition) -> str:
    """``2026-11-27 14:00``, or "" when no go-and-see is set."""
    if target.next_go_see is None:
        return ""
    return f"{target.next_go_see.isoformat()} {target.next_go_see_time}".rstrip()


def what_happened(step: Experiment) -> str:
    """The step's facts, or that it was not taken and why."""
    if step.not_taken.strip():
        return f"not taken: {step.not_taken}" + (f"; {step.happened}" if step.happened else "")
    return step.happened


EARLIER_NAMES = {
    "pattern": "intended pattern",
    "actual_pattern": "actual pattern",
    "achieve_by": "achieve-by date",
}


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
