"""Creating a board in one short keyboard flow: one form, Enter through it.

Only what a first coaching cycle needs is asked (who, the challenge and the
focus process, the first target condition and its outcome metric);
everything else is filled in at the board. The target condition may be left
empty: the board then starts in the Starter Kata's process analysis
(grasping the current condition) and no target condition is made. The form
keeps what was typed if saving fails, so nothing is lost to a full disk or a
busy lock.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from kata_tui.domain.dates import parse_optional_date
from kata_tui.domain.model import Better, Board, Metric, TargetCondition
from kata_tui.domain.numbers import parse_optional_number
from kata_tui.domain.storyboard import Storyboard
from kata_tui.ui.edits import choice
from kata_tui.ui.screens.form import FormField, FormScreen, required

TITLE = "New storyboard"


_better = choice(Better, "type lower or higher (which way the metric should move)")


def new_board_form(today: date, values: dict[str, str] | None = None) -> FormScreen:
    """The form; ``values`` refills it after a failed save."""
    given = values or {}

    def field(
        key: str,
        label: str,
        validate: Callable[[str], object] | None = None,
        placeholder: str = "",
        default: str = "",
    ) -> FormField:
        return FormField(
            key,
            label,
            value=given.get(key, default),
            placeholder=placeholder,
            validate=validate,
        )

    return FormScreen(
        TITLE,
        [
            field("learner", "Learner", required("the learner's name"), "who holds the pen"),
            field("coach", "Coach", required("the coach's name"), "who asks the questions"),
            field("challenge", "Challenge", required("a challenge"), "the longer-range goal"),
            field("focus_process", "Focus process", None, "the process being improved"),
            field("pattern", "Target condition", None, "the pattern; empty: grasp it first"),
            field(
                "achieve_by",
                "Achieve by",
                lambda t: parse_optional_date(t, today),
                "e.g. +4w, 18 Dec",
            ),
            field("metric", "Outcome metric", None, "e.g. changeover time"),
            field("unit", "Unit", None, "e.g. min"),
            field("target", "Target value", parse_optional_number, "e.g. 25"),
            FormField(
                "better",
                "Better is",
                value=given.get("better", "lower"),
                choices=tuple(Better),
                validate=_better,
            ),
        ],
    )


def storyboard_from(values: dict[str, str], today: date) -> Storyboard:
    """The new board from the form's (already validated) text."""
    achieve_by = parse_optional_date(values["achieve_by"], today)
    target_value = parse_optional_number(values["target"])
    name = values["metric"].strip()
    metrics: tuple[Metric, ...] = ()
    if name or target_value is not None:
        metrics = (
            Metric(
                name=name or "outcome",
                unit=values["unit"].strip(),
                target=target_value,
                better=_better(values["better"] or "lower"),
            ),
        )
    board = Board(
        learner=values["learner"].strip(),
        coach=values["coach"].strip(),
        challenge=values["challenge"].strip(),
        focus_process=values.get("focus_process", "").strip(),
        created=today,
    )
    pattern = values["pattern"].strip()
    if not (pattern or achieve_by or metrics):
        return Storyboard(board=board)  # grasping the current condition first
    target = TargetCondition(seq=1, achieve_by=achieve_by, metrics=metrics, pattern=pattern)
    return Storyboard(board=board, targets=(target,))
