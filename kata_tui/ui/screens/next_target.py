"""Reaching a target condition: end it (achieved or closed), set the next one.

Two steps, both by keyboard: a one-key choice of how the target ended, then
the shared form for the next target condition. The screen returns the
records to save (the old target ended, the new one) and saves nothing itself,
so the caller handles a conflict the same way as every other save.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from kata_tui.domain.dates import HINT, due_words, parse_optional_date
from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.history import metric_text
from kata_tui.domain.model import Record, TargetStatus
from kata_tui.domain.numbers import number_text, parse_optional_number
from kata_tui.domain.storyboard import Storyboard
from kata_tui.domain.targets import outcome_kind_label, reach_target
from kata_tui.ui.literal import literal
from kata_tui.ui.screens.base import KataModal
from kata_tui.ui.screens.form import FormField, FormScreen, required
from kata_tui.ui.stylesheets import stylesheet
from kata_tui.ui.widgets.footer import Footer


class NextTargetScreen(KataModal[list[Record] | None]):
    CSS_PATH = [stylesheet("next_target.tcss")]
    BINDINGS = [
        Binding("a", "end('achieved')", "Achieved"),
        Binding("c", "end('closed')", "Closed (not reached)"),
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
                    Text(f"Reaching target condition {target.seq}", style="bold"),
                    id="next-target-title",
                )
                yield Static(self._summary(), id="next-target-summary")
                yield Static(
                    "a: achieved   c: closed without reaching it   Escape: cancel\n"
                    "Then set the next target condition under the same challenge. "
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
            left = due_words((target.achieve_by - self.today).days)
            lines.append(f"achieve by: {target.achieve_by.isoformat()} ({left})")
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

    def action_end(self, status: str) -> None:
        target = self.story.target
        if target is None:
            return
        ending = TargetStatus(status)
        outcome = target.outcome
        value = "" if outcome is None else number_text(outcome.target)
        fields = [
            FormField(
                "pattern",
                "Intended pattern",
                "",
                multiline=True,
                placeholder="how the process should operate at the next target",
                validate=required("the intended pattern of the next target"),
            ),
            FormField(
                "achieve_by",
                "Achieve by",
                "",
                placeholder=HINT,
                validate=self._check_day,
            ),
        ]
        if outcome is not None:
            fields.append(
                FormField(
                    "target",
                    f"Target: {outcome_kind_label(target)}",
                    value,
                    placeholder="the outcome value to reach",
                    validate=parse_optional_number,
                )
            )

        def done(values: dict[str, str] | None) -> None:
            if values is None:
                return
            try:
                records = reach_target(
                    self.story,
                    ending,
                    pattern=values["pattern"],
                    achieve_by=self._day(values["achieve_by"]),
                    outcome_target=parse_optional_number(values.get("target", "")),
                    today=self.today,
                )
            except InvalidInput as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self.dismiss(records)

        title = f"Target condition {target.seq} {ending}: the next target condition"
        self.app.push_screen(FormScreen(title, fields), done)

    def _day(self, text: str) -> date | None:
        return parse_optional_date(text, self.today)

    def _check_day(self, text: str) -> None:
        day = self._day(text)
        if day is not None and day < self.today:
            raise InvalidInput(f"{day.isoformat()} is already past")

    def action_cancel(self) -> None:
        self.dismiss(None)
