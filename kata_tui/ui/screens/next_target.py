"""Closing a target condition: achieved or not, what we learned, the next one.

Two steps, both by keyboard: a one-key choice (achieved, or not achieved),
then one form. "Achieved" is accepted only when the latest readings meet the
target, or with a reason that is recorded; the form always asks the summary
reflection, what became of the open step, which open obstacles go on to the
next target condition, and that next target condition. The screen returns the
records to save (``close_target``) and saves nothing itself, so the caller
handles a conflict the same way as every other save.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from kata_tui.domain.dates import HINT, parse_optional_date
from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.history import metric_text
from kata_tui.domain.model import ObstacleStatus, Record
from kata_tui.domain.numbers import number_text, parse_optional_number
from kata_tui.domain.storyboard import Storyboard
from kata_tui.domain.targets import SUMMARY_HINT, close_target, outcome_kind_label, shortfall
from kata_tui.ui.literal import literal
from kata_tui.ui.screens.base import KataModal
from kata_tui.ui.screens.form import FormField, FormScreen, required
from kata_tui.ui.stylesheets import stylesheet
from kata_tui.ui.widgets.footer import Footer

OPEN = (ObstacleStatus.PARKED, ObstacleStatus.WORKING)


class NextTargetScreen(KataModal[list[Record] | None]):
    CSS_PATH = [stylesheet("next_target.tcss")]
    BINDINGS = [
        Binding("a", "close(True)", "Achieved"),
        Binding("n,c", "close(False)", "Not achieved"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, story: Storyboard, today: date) -> None:
        super().__init__()
        self.story = story
        self.today = today

    def compose(self) -> ComposeResult:
        target = self.story.target
        with Vertical(id="next-target-dialog"):
            if target is None:
                yield Static("This board has no target condition yet.", markup=False)
            else:
                yield Static(
                    Text(f"Closing target condition {target.seq}", style="bold"),
                    id="next-target-title",
                )
                yield Static(self._summary(), id="next-target-summary")
                yield Static(
                    "a: achieved   n: not achieved   Escape: cancel\n"
                    "Then what we learned on the way, and the next target condition. "
                    "This one stays in the history with its obstacles and experiments.",
                    id="next-target-choices",
                    markup=False,
                )
        yield Footer()

    def _summary(self) -> Text:
        target = self.story.target
        assert target is not None
        lines = [f"pattern: {target.pattern or '-'}"]
        if target.achieve_by:
            left = (target.achieve_by - self.today).days
            lines.append(f"achieve by: {target.achieve_by.isoformat()} ({left} days left)")
        lines.extend(f"metric: {metric_text(m)}" for m in target.metrics)
        outcome = target.outcome
        latest = self.story.latest_reading()
        if outcome is not None and latest is not None:
            state = "reached" if outcome.reached_by(latest.value) else "not reached"
            lines.append(
                f"last reading: {number_text(latest.value)} {outcome.unit} on "
                f"{latest.day.isoformat()} (target {state})"
            )
        return literal("\n".join(lines))

    def _open_obstacles(self) -> dict[int, str]:
        """Number -> id of the obstacles still open on this target condition."""
        return {o.number: o.id for o in self.story.obstacles_for() if o.status in OPEN}

    def action_close(self, achieved: bool) -> None:
        target = self.story.target
        if target is None:
            return
        outcome = target.outcome
        missed = shortfall(self.story, target)
        step = self.story.threshold(target.id)
        open_obstacles = self._open_obstacles()
        fields = [
            FormField(
                "summary",
                SUMMARY_HINT,
                "",
                multiline=True,
                placeholder="the summary reflection",
                validate=required("the summary reflection"),
            )
        ]
        if achieved and missed:
            fields.append(
                FormField(
                    "override",
                    f"Not met ({missed}). Why does it count as achieved?",
                    "",
                    placeholder="recorded with the target condition",
                    validate=required("a reason to close it as achieved"),
                )
            )
        if step is not None:
            fields.append(
                FormField(
                    "open_step",
                    f"Step {step.number} has no result. Why was it not taken?",
                    f"target condition {target.seq} closed first",
                )
            )
        if open_obstacles:
            fields.append(
                FormField(
                    "carry",
                    "Obstacles to carry to the next target condition (numbers)",
                    " ".join(str(n) for n in open_obstacles),
                    placeholder="empty: none",
                    validate=lambda text: self._carried(text, open_obstacles),
                )
            )
        fields += [
            FormField(
                "pattern",
                "Next target condition: intended pattern",
                "",
                multiline=True,
                placeholder="how the process should operate at the next target",
                validate=required("the intended pattern of the next target"),
            ),
            FormField("achieve_by", "Achieve by", "", placeholder=HINT, validate=self._check_day),
        ]
        if outcome is not None:
            fields.append(
                FormField(
                    "target",
                    f"Target: {outcome_kind_label(target)}",
                    "" if outcome.target is None else number_text(outcome.target),
                    placeholder="the outcome value to reach",
                    validate=parse_optional_number,
                )
            )

        def done(values: dict[str, str] | None) -> None:
            if values is None:
                return
            try:
                records = close_target(
                    self.story,
                    achieved=achieved,
                    summary=values["summary"],
                    override=values.get("override", ""),
                    open_step=values.get("open_step", ""),
                    carry=self._carried(values.get("carry", ""), open_obstacles),
                    pattern=values["pattern"],
                    achieve_by=self._day(values["achieve_by"]),
                    outcome_target=parse_optional_number(values.get("target", "")),
                    today=self.today,
                )
            except InvalidInput as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self.dismiss(records)

        how = "achieved" if achieved else "not achieved"
        title = f"Target condition {target.seq} {how}: what we learned, and what next"
        self.app.push_screen(FormScreen(title, fields), done)

    @staticmethod
    def _carried(text: str, open_obstacles: dict[int, str]) -> list[str]:
        ids = []
        for word in text.replace(",", " ").split():
            number = word.lstrip("#")
            if not number.isdecimal() or int(number) not in open_obstacles:
                have = ", ".join(str(n) for n in open_obstacles) or "none"
                raise InvalidInput(f"no open obstacle {word} (open: {have})")
            ids.append(open_obstacles[int(number)])
        return ids

    def _day(self, text: str) -> date | None:
        return parse_optional_date(text, self.today)

    def _check_day(self, text: str) -> None:
        day = self._day(text)
        if day is not None and day < self.today:
            raise InvalidInput(f"{day.isoformat()} is already past")

    def action_cancel(self) -> None:
        self.dismiss(None)
