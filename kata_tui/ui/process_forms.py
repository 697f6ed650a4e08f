"""The forms of the process analysis: demand and the process's steps.

Available time and planned losses are typed in minutes, demand in units;
the planned cycle time is computed, never typed, so it cannot disagree with
the numbers it comes from. A demand that leaves no planned cycle time (no
units, or losses eating the whole time) is refused in one line. A step is
typed with its place in the block diagram, where work waits after it, and
its times per unit in seconds (each optional).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from kata_tui.domain.analysis import place_step
from kata_tui.domain.dates import parse_date
from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.numbers import number_text, parse_number
from kata_tui.domain.process import Demand, ProcessStep, planned_cycle_time
from kata_tui.domain.storyboard import Storyboard
from kata_tui.ui.edits import date_field
from kata_tui.ui.screens.form import FormField, FormScreen, required, whole_number

TITLE = "Customer demand and planned cycle time"
MAX_WHOLE = 10**9


def _not_negative(text: str) -> float:
    value = parse_number(text)
    if value < 0:
        raise InvalidInput(f"not negative: {text.strip()!r}")
    return value


def _optional_seconds(text: str) -> float | None:
    return _not_negative(text) if text.strip() else None


_position = whole_number(1, MAX_WHOLE, "position")
_batch = whole_number(1, MAX_WHOLE, "batch")


def _optional_batch(text: str) -> int | None:
    return _batch(text) if text.strip() else None


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


# -- the process's steps (block diagram, equipment capacity) ---------------------------


def step_form(step: ProcessStep | None, story: Storyboard, today: date) -> FormScreen:
    """A new step goes last unless another position is typed; the later ones move on."""
    position = step.position if step else len(story.steps) + 1
    seconds = [
        ("work", "Work content (s)", step.work_seconds if step else None, "manual work per unit"),
        ("machine", "Machine time (s)", step.machine_seconds if step else None, "per unit"),
        ("changeover", "Changeover (s)", step.changeover_seconds if step else None, "per change"),
    ]
    return FormScreen(
        f"Process step {position}" if step else "New process step",
        [
            FormField("name", "Step", step.name if step else "", validate=required("the step")),
            FormField("position", "Position", str(position), validate=_position),
            FormField(
                "waits",
                "Work waits after it",
                step.waits_after if step else "",
                placeholder="empty: flows on (or: tote of 12, buffer)",
            ),
            *(
                FormField(
                    key, label, number_text(value), placeholder=hint, validate=_optional_seconds
                )
                for key, label, value, hint in seconds
            ),
            FormField(
                "batch",
                "Batch (units)",
                str(step.batch) if step and step.batch is not None else "",
                placeholder="units between changeovers",
                validate=_optional_batch,
            ),
            date_field("day", "Drawn or measured on", step.day if step else today, today),
        ],
    )


def steps_from(
    step: ProcessStep | None, story: Storyboard, parsed: dict[str, object]
) -> list[ProcessStep]:
    """The steps to save: this one, and the others whose place in the order changed."""
    base = step or ProcessStep(parsed["day"], 1, "")  # type: ignore[arg-type]
    edited = replace(
        base,
        day=parsed["day"],
        name=str(parsed["name"]).strip(),
        waits_after=str(parsed["waits"]).strip(),
        work_seconds=parsed["work"],
        machine_seconds=parsed["machine"],
        changeover_seconds=parsed["changeover"],
        batch=parsed["batch"],
    )
    return place_step(story, edited, int(parsed["position"]))  # type: ignore[call-overload]
