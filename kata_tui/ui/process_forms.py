"""The form for customer demand and the planned cycle time it gives.

Available time and planned losses are typed in minutes, demand in units;
the planned cycle time is computed, never typed, so it cannot disagree with
the numbers it comes from. A demand that leaves no planned cycle time (no
units, or losses eating the whole time) is refused in one line.
"""

from __future__ import annotations

from datetime import date

from kata_tui.domain.dates import parse_date
from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.numbers import number_text, parse_number
from kata_tui.domain.process import Demand, planned_cycle_time
from kata_tui.domain.storyboard import Storyboard
from kata_tui.ui.edits import date_field
from kata_tui.ui.screens.form import FormField, FormScreen

TITLE = "Customer demand and planned cycle time"


def _not_negative(text: str) -> float:
    value = parse_number(text)
    if value < 0:
        raise InvalidInput(f"not negative: {text.strip()!r}")
    return value


def demand_form(story: Storyboard, today: date) -> FormScreen:
    """Prefilled from the current demand, dated today."""
    now = story.current_demand
    return FormScreen(
        TITLE,
        [
            date_field("day", "Worked out on", today, today),
            FormField(
                "available",
                "Available time (min)",
                number_text(now.available_minutes) if now else "",
                placeholder="e.g. 480 for a shift",
                validate=_not_negative,
            ),
            FormField(
                "losses",
                "Planned losses (min)",
                number_text(now.planned_losses_minutes) if now else "0",
                placeholder="changeovers, planned stops",
                validate=_not_negative,
            ),
            FormField(
                "demand",
                "Customer demand (units)",
                number_text(now.demand) if now else "",
                placeholder="units in that time",
                validate=_not_negative,
            ),
            FormField("period", "Period", now.period if now else "shift", placeholder="shift, day"),
        ],
    )


def demand_from(values: dict[str, str], today: date) -> Demand:
    """The Demand record from the form's text; InvalidInput if it gives no planned cycle time."""
    available = _not_negative(values["available"])
    losses = _not_negative(values["losses"] or "0")
    demand = _not_negative(values["demand"])
    if planned_cycle_time(available, losses, demand) is None:
        raise InvalidInput(
            "no planned cycle time: demand must be above 0 and losses less than the available time"
        )
    return Demand(
        parse_date(values["day"], today), available, demand, losses, values["period"].strip()
    )
