"""The end-of-cycle form: the coach's reflection and the second coach's feedback.

Co-learning needs both sides on record: what the coach learned about
coaching, and what the second coach saw. The form's keys match the keyword
arguments of ``kata_tui.domain.cycle.end_cycle`` (``reflection``,
``second_coach``, ``feedback``), so the caller does
``end_cycle(cycle, now, **values)``.
"""

from __future__ import annotations

from kata_tui.domain.model import CoachingCycle
from kata_tui.ui.screens.form import FormField, FormScreen


def reflection_fields(cycle: CoachingCycle, second_coach: str = "") -> list[FormField]:
    """Prefilled with what the cycle already holds; all optional."""
    return [
        FormField(
            "reflection",
            "Coach: what I learned about coaching",
            cycle.reflection,
            multiline=True,
            placeholder="optional",
        ),
        FormField(
            "second_coach",
            "Second coach (login name)",
            cycle.second_coach or second_coach,
            placeholder="optional: who watched the cycle",
        ),
        FormField(
            "feedback",
            "Second coach's feedback to the coach",
            cycle.second_coach_feedback,
            multiline=True,
            placeholder="optional",
        ),
    ]


def reflection_form(cycle: CoachingCycle, second_coach: str = "") -> FormScreen:
    """Dismisses with ``{"reflection", "second_coach", "feedback"}`` or None."""
    return FormScreen(
        f"End of the coaching cycle {cycle.day.isoformat()}: reflection and feedback",
        reflection_fields(cycle, second_coach),
    )
