"""The process analysis (Starter Kata) on a screen of its own: grasping the current
condition of the focus process before the first target condition.

It shows what was found so far (demand and planned cycle time, operators
needed, the block diagram with each step's equipment time per unit against
the planned cycle time, every observation's spread, the outcome's readings
before the first target condition) and takes each part by one key. Saving
goes through the board's ``save``, so a conflict is handled as on the board.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from kata_tui.domain.analysis import (
    baseline_line,
    block_diagram,
    demand_lines,
    observation_line,
    step_line,
)
from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.model import Reading, Record
from kata_tui.domain.process import Phase, ProcessStep
from kata_tui.domain.storyboard import Storyboard
from kata_tui.store.session import BoardSession
from kata_tui.ui.literal import literal
from kata_tui.ui.screens.base import KataScreen
from kata_tui.ui.stylesheets import stylesheet
from kata_tui.ui.widgets.footer import Footer

Save = Callable[..., bool]
"""The board's save: records in, whether they were saved."""


class ProcessAnalysisScreen(KataScreen[None]):
    """Demand, steps, observations and the outcome before the first target condition."""

    CSS_PATH = [stylesheet("process_analysis.tcss")]
    BINDINGS = [
        Binding("a", "add_step", "Add step", tooltip="Add a step of the process"),
        Binding("enter", "edit_step", "Edit step", tooltip="Edit the step under the cursor"),
        Binding("D", "demand", "Demand", tooltip="Customer demand, planned cycle time"),
        Binding("o", "observe", "Observe", tooltip="Time the process's cycles (stopwatch)"),
        Binding("r", "reading", "Reading", tooltip="Outcome reading before the first target"),
        Binding("escape", "back", "Back", tooltip="Back to the board", key_display="Esc"),
    ]

    def __init__(self, session: BoardSession, save: Save) -> None:
        super().__init__()
        self.session = session
        self.save = save

    @property
    def story(self) -> Storyboard:
        return self.session.story

    def compose(self) -> ComposeResult:
        yield Header(icon="*")
        with VerticalScroll(id="analysis"):
            yield Static("", id="analysis-demand", markup=False)
            yield Static(
                "Process steps (a adds one, Enter edits the one under the cursor)",
                classes="analysis-heading",
                markup=False,
            )
            yield OptionList(id="analysis-steps")
            yield Static("", id="analysis-diagram", markup=False)
            yield Static("Observed cycle times", classes="analysis-heading", markup=False)
            yield Static("", id="analysis-observed", markup=False)
            yield Static(
                "Outcome before the first target condition",
                classes="analysis-heading",
                markup=False,
            )
            yield Static("", id="analysis-baseline", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.show()
        self.query_one("#analysis-steps", OptionList).focus()

    def on_screen_resume(self) -> None:
        self.show()

    def show(self) -> None:
        """Draw the analysis as the session has it now."""
        story = self.story
        phase = " [grasping the current condition]" if story.phase is Phase.GRASPING else ""
        self.sub_title = f"Process analysis{phase}"
        lines = demand_lines(story) or ["No demand yet: D types it."]
        self.query_one("#analysis-demand", Static).update(literal("\n".join(lines)))
        steps = story.steps_in_order()
        planned = story.planned_cycle_seconds
        options = self.query_one("#analysis-steps", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options(
            [Option(literal(step_line(s, planned), one_line=True), id=s.id) for s in steps]
        )
        if steps:
            options.highlighted = min(highlighted or 0, len(steps) - 1)
        self.query_one("#analysis-diagram", Static).update(
            literal(block_diagram(story) if steps else "No steps yet: a adds one.")
        )
        observed = [observation_line(o) for o in story.observations_in_order()]
        self.query_one("#analysis-observed", Static).update(
            literal("\n".join(observed) or "None yet: o starts the stopwatch.")
        )
        self.query_one("#analysis-baseline", Static).update(
            literal(baseline_line(story) or "No readings yet: r takes one.")
        )

    # -- keys -----------------------------------------------------------------------------

    def _saved(self, *records: Record) -> None:
        self.save(*records)
        self.show()

    def _step_form(self, step: ProcessStep | None) -> None:
        from kata_tui.ui.process_forms import step_form, steps_from

        form = step_form(step, self.story, self.app.clock.today())

        def done(values: dict[str, str] | None) -> None:
            if values is not None:
                self._saved(*steps_from(step, self.story, form.parsed))

        self.app.push_screen(form, done)

    def action_add_step(self) -> None:
        self._step_form(None)

    @on(OptionList.OptionSelected, "#analysis-steps")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit_step()

    def action_edit_step(self) -> None:
        options = self.query_one("#analysis-steps", OptionList)
        if options.highlighted is None:
            self.notify("No step yet: a adds one.", severity="warning")
            return
        option = options.get_option_at_index(options.highlighted)
        step = self.story.find(ProcessStep, option.id or "")
        if step is not None:
            self._step_form(step)

    def action_demand(self) -> None:
        from kata_tui.ui.process_forms import demand_form, demand_from

        def done(values: dict[str, str] | None) -> None:
            if values is None:
                return
            try:
                record = demand_from(values, self.app.clock.today())
            except InvalidInput as error:
                self.notify(str(error), severity="warning", markup=False)
                return
            self._saved(record)
            if record.planned_cycle_seconds is not None:
                self.notify(f"Planned cycle time {record.planned_cycle_seconds:.1f} s")

        self.app.push_screen(demand_form(self.story, self.app.clock.today()), done)

    def action_observe(self) -> None:
        from kata_tui.ui.screens.stopwatch import StopwatchScreen

        self.app.push_screen(StopwatchScreen(self.session))

    def action_reading(self) -> None:
        if self.story.phase is not Phase.GRASPING:
            self.notify(
                "The board has a target condition: its readings go to it (a on Current condition).",
                severity="warning",
            )
            return
        from kata_tui.ui.edits import EDITS
        from kata_tui.ui.screens.form import FormScreen

        edit, today = EDITS[Reading], self.app.clock.today()
        form = FormScreen(
            "Outcome reading before the first target condition", edit.form(None, self.story, today)
        )

        def done(values: dict[str, Any] | None) -> None:
            if values is not None:
                self._saved(*edit.apply(None, self.story, form.parsed, today))

        self.app.push_screen(form, done)

    def action_back(self) -> None:
        self.dismiss(None)
