"""The form of one detail of a job breakdown (TWI Job Methods).

One form holds the whole of a detail as Job Methods works it: the detail
(what is done, one line), the six questions asked of every detail with the
notes written against each, the change proposed (a choice: keep, eliminate,
combine, rearrange, simplify) and the proposal in the learner's words. Every
field is one line, so Enter goes from the detail to the proposal and saves
there, as in every other form.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from kata_tui.domain.job_methods import (
    QUESTIONS,
    BreakdownOf,
    Change,
    JobDetail,
    add_detail,
    check_detail,
)
from kata_tui.domain.storyboard import Storyboard
from kata_tui.ui.screens.form import FormField, FormScreen, required

SIDE = {BreakdownOf.CURRENT: "current condition", BreakdownOf.TARGET: "target condition"}
"""Which pattern a breakdown describes, in words."""


def detail_title(of: BreakdownOf, number: int | None) -> str:
    """``Detail 2 of the current condition`` (``New detail ...`` before it has a place)."""
    what = f"Detail {number}" if number is not None else "New detail"
    return f"{what} of the {SIDE[of]}"


def detail_form(detail: JobDetail | None, of: BreakdownOf, number: int | None) -> FormScreen:
    """The detail, its six questions with their notes, the change and the proposal."""
    return FormScreen(
        detail_title(of, number),
        [
            FormField(
                "text",
                "Detail",
                detail.text if detail else "",
                placeholder="what is done, in a few words",
                validate=required("the detail"),
            ),
            *(
                FormField(key, question, getattr(detail, key) if detail else "")
                for key, question in QUESTIONS
            ),
            FormField(
                "change",
                "Change",
                str(detail.change if detail else Change.KEEP),
                choices=tuple(str(c) for c in Change),
            ),
            FormField(
                "proposal",
                "Proposal",
                detail.proposal if detail else "",
                placeholder="the new method for this detail",
            ),
        ],
        check=_check,
    )


def _check(parsed: dict[str, object]) -> None:
    """The domain's rules for a detail (lengths), before the form closes."""
    values = {key: str(value) for key, value in parsed.items()}
    check_detail(_edited(JobDetail("", BreakdownOf.CURRENT, 1, ""), values))


def _edited(detail: JobDetail, values: dict[str, str]) -> JobDetail:
    notes = {key: values[key].strip() for key, _ in QUESTIONS}
    return replace(
        detail,
        text=values["text"].strip(),
        change=Change(values["change"]),
        proposal=values["proposal"].strip(),
        **notes,
    )


def detail_from(
    detail: JobDetail | None,
    values: dict[str, str],
    story: Storyboard,
    target_id: str,
    of: BreakdownOf,
    today: date,
) -> JobDetail:
    """The detail to save: ``detail`` edited, or a new one at the end of its breakdown."""
    base = detail or add_detail(story, target_id, of, values["text"], today)
    return check_detail(_edited(base, values))
