"""Timing a process by keyboard: one step or operator, cycle by cycle.

The learner watches the process and presses a key at the same point of each
cycle. Every mark is saved at once through the board's session, so a session
killed mid-observation keeps every cycle marked so far. Times are the
differences of the clock's stopwatch readings (``Clock.reading``), to a tenth
of a second; the time of day of each mark is the clock's ``now``. The screen
shows the individual times in order against the planned cycle time, and
their spread; no average is the headline.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Header, Input, Static

from kata_tui.domain.cycle_chart import cycle_chart
from kata_tui.domain.process import Mark, Observation, seconds_text, spread, tenths
from kata_tui.store.errors import ConflictError, StoreError
from kata_tui.store.session import BoardSession
from kata_tui.ui.literal import literal
from kata_tui.ui.screens.base import KataScreen
from kata_tui.ui.screens.form import FormField, FormScreen
from kata_tui.ui.stylesheets import stylesheet
from kata_tui.ui.widgets.footer import Footer
from kata_tui.ui.widgets.kata_input import KataInput

CHART_HEIGHT = 8
RECENT = 5
"""How many of the latest cycles are listed under the chart."""


class StopwatchScreen(KataScreen[None]):
    """Observe one step or operator: start, mark each cycle, note odd ones, stop."""

    CSS_PATH = [stylesheet("stopwatch.tcss")]
    BINDINGS = [
        Binding("space", "mark", "Mark", tooltip="Mark the end of a cycle", key_display="Space"),
        Binding("a", "note", "Note odd", tooltip="Add why the last cycle was odd"),
        Binding("ctrl+t", "stop", "Stop", tooltip="Stop the stopwatch"),
        Binding("enter", "start", "Start", tooltip="Start the stopwatch", key_display="Enter"),
        Binding("escape", "back", "Back", tooltip="Back to the board", key_display="Esc"),
    ]

    def __init__(self, session: BoardSession) -> None:
        super().__init__()
        self.session = session
        self.observation: Observation | None = None
        """The observation being made, as last saved (None before the start)."""
        self.marks: list[Mark] = []
        self.readings: list[float] = []
        """The stopwatch readings: at the start, then at each mark."""

    # -- building ---------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(icon="*")
        with Vertical(id="stopwatch"):
            yield KataInput(
                self._first_step(),
                placeholder="the step or operator observed",
                id="stopwatch-what",
            )
            yield Static("", id="stopwatch-status", markup=False)
            yield Static("", id="stopwatch-chart", markup=False)
            yield Static("", id="stopwatch-spread", markup=False)
            yield Static("", id="stopwatch-recent", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Cycle-time observation"
        self._show()

    def _first_step(self) -> str:
        steps = self.session.story.steps_in_order()
        return steps[0].name if steps else ""

    @property
    def running(self) -> bool:
        return self.observation is not None and self.observation.running

    @property
    def planned(self) -> float | None:
        return self.session.story.planned_cycle_seconds

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "start":
            return not self.running
        if action in ("mark", "stop"):
            return self.running
        if action == "note":
            return bool(self.marks)
        return True

    # -- keys -------------------------------------------------------------------

    @on(Input.Submitted, "#stopwatch-what")
    def _submitted(self) -> None:
        self.action_start()

    def action_start(self) -> None:
        if self.running:
            return
        what = self.query_one("#stopwatch-what", Input).value.strip()
        if not what:
            self.notify("Name the step or operator observed first.", severity="warning")
            return
        story = self.session.story
        step = next((s for s in story.steps if s.name.casefold() == what.casefold()), None)
        now = self.app.clock.now()
        self.readings = [self.app.clock.reading()]
        self.marks = []
        observation = Observation(
            now.date(), what, now, step_id=step.id if step is not None else None
        )
        if self._save(observation):
            self.query_one("#stopwatch-what", Input).disabled = True
            self.set_focus(None)
        self.refresh_bindings()
        self._show()

    def action_mark(self) -> None:
        if not self.running or self.observation is None:
            return
        reading = self.app.clock.reading()
        start = self.readings[0]
        seconds = tenths(tenths(reading - start) - tenths(self.readings[-1] - start))
        self.readings.append(reading)
        self.marks.append(Mark(seconds, self._now()))
        self._save(replace(self.observation, marks=tuple(self.marks)))
        self.refresh_bindings()
        self._show()

    def action_note(self) -> None:
        if not self.marks:
            return
        number = len(self.marks)
        form = FormScreen(
            f"Why was cycle {number} odd?",
            [FormField("note", "Note", self.marks[-1].note, placeholder="what happened")],
        )

        def noted(values: dict[str, str] | None) -> None:
            if values is None or self.observation is None or len(self.marks) < number:
                return
            self.marks[number - 1] = replace(self.marks[number - 1], note=values["note"].strip())
            self._save(replace(self.observation, marks=tuple(self.marks)))
            self._show()

        self.app.push_screen(form, noted)

    def action_stop(self) -> None:
        if not self.running or self.observation is None:
            return
        self._save(replace(self.observation, marks=tuple(self.marks), ended=self._now()))
        self.refresh_bindings()
        self._show()

    def action_back(self) -> None:
        if self.running:
            self.notify("The stopwatch runs: ctrl+t stops it first.", severity="warning")
            return
        self.dismiss(None)

    # -- saving -----------------------------------------------------------------

    def _now(self) -> datetime:
        """The time of day of a mark: never before the one before it (a wall clock
        set back mid-observation must not make the record refuse to load)."""
        now = self.app.clock.now()
        last = self.marks[-1].at if self.marks else None
        floor = last or (self.observation.started if self.observation else now)
        return max(now, floor)

    def _save(self, observation: Observation) -> bool:
        """Save at once; the marks stay on screen and go with the next save if this fails."""
        try:
            story = self.session.save(observation)
        except ConflictError as error:
            # one writer per observation: a conflict is this session's own stale rev
            try:
                story = self.session.save(replace(observation, rev=error.theirs.rev))
            except StoreError as again:
                self.notify(str(again), severity="error", markup=False)
                self.observation = observation
                return False
        except StoreError as error:
            self.notify(str(error), severity="error", markup=False)
            self.observation = observation
            return False
        self.observation = story.find(Observation, observation.id) or observation
        return True

    # -- showing ----------------------------------------------------------------

    def _show(self) -> None:
        times = [m.seconds for m in self.marks]
        planned = self.planned
        status = self.query_one("#stopwatch-status", Static)
        planned_text = f"planned cycle time {seconds_text(planned)}" if planned else ""
        if self.observation is None:
            status.update(
                f"Enter starts; Space marks each cycle, n notes an odd one, ctrl+t stops.  "
                f"{planned_text}"
            )
        else:
            state = "Running" if self.running else "Stopped"
            what = self.observation.what
            status.update(literal(f"{state}: {what}, {len(times)} cycles  {planned_text}"))
        width = max(20, self.size.width - 4) if self.size.width else 60
        chart = cycle_chart(times, planned, width=width, height=CHART_HEIGHT)
        self.query_one("#stopwatch-chart", Static).update(Text("\n".join(chart)))
        result = spread(times)
        self.query_one("#stopwatch-spread", Static).update(
            ""
            if result is None
            else (
                f"Lowest repeatable {seconds_text(result.lowest_repeatable)}   "
                f"range {seconds_text(result.range)} "
                f"({seconds_text(result.lowest)} to {seconds_text(result.highest)})"
            )
        )
        recent = []
        for index in range(max(0, len(self.marks) - RECENT), len(self.marks)):
            mark = self.marks[index]
            line = f"#{index + 1:<3} {seconds_text(mark.seconds):>9}  {mark.at:%H:%M:%S}"
            recent.append(f"{line}  {mark.note}" if mark.note else line)
        self.query_one("#stopwatch-recent", Static).update(literal("\n".join(recent)))
