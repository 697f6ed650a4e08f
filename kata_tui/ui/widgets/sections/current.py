"""The current condition: the actual pattern now, and the metric readings over time."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType

from kata_tui.domain.card import Section
from kata_tui.domain.dates import short_date
from kata_tui.domain.job_methods import BreakdownOf
from kata_tui.domain.model import Reading, Record
from kata_tui.domain.storyboard import Storyboard
from kata_tui.ui.literal import literal
from kata_tui.ui.widgets.run_chart import RunChart
from kata_tui.ui.widgets.sections.base import (
    LIST_BINDINGS,
    StorySection,
    breakdown_line,
    glance_lines,
    joined,
    labelled,
    number_or_dash,
    one_line,
)
from kata_tui.ui.widgets.sections.messages import AddItem, EditActual, EditItem


class CurrentSection(StorySection):
    TITLE = "Current condition"
    SECTION = Section.CURRENT
    BINDINGS: ClassVar[list[BindingType]] = [
        *LIST_BINDINGS[:2],
        Binding("e", "edit", "Edit actual"),
        Binding("r", "add", "Add reading"),
        Binding("enter", "edit_reading", "Edit reading"),
    ]
    SHOWN = 3

    def compose(self) -> ComposeResult:
        yield from super().compose()
        # Composed with the section, not mounted once the board is known: a late
        # mount lays out the whole board screen a second time.
        yield RunChart()

    def show(self, story: Storyboard, today: date) -> None:
        super().show(story, today)
        for chart in self.query(RunChart):
            chart.update_story(story)

    def list_items(self, story: Storyboard) -> list[Record]:
        return list(reversed(story.readings_for()))

    def body(self, story: Storyboard, today: date) -> RenderableType:
        target = story.target
        actual = target.actual_pattern if target else ""
        lines: list[Text] = [
            labelled("Actual", actual or "-"),
            *breakdown_line(story, BreakdownOf.CURRENT),
        ]
        if not self.items:
            lines.append(Text("No readings yet (r adds one)."))
            return joined(lines)
        lines.append(Text("Readings (newest first):", style="bold"))
        shown = self.items if self.has_focus else self.items[: self.SHOWN]
        for index, reading in enumerate(shown):
            when = short_date(reading.day, today)  # type: ignore[union-attr]
            if reading.time:  # type: ignore[union-attr]
                when += f" {reading.time}"  # type: ignore[union-attr]
            value = f"{when:>7}  {number_or_dash(reading.value)}  "  # type: ignore[union-attr]
            row = Text(value, style=self.row_style(index), end="")
            row.append_text(literal(reading.metric, one_line=True))  # type: ignore[union-attr]
            lines.append(row)
        hidden = len(self.items) - len(shown)
        if hidden:
            lines.append(Text(f"  ... {hidden} more (focus to list all)"))
        return joined(lines)

    def glance_body(self, story: Storyboard, today: date) -> RenderableType:
        """The actual pattern's first line and the latest readings, newest first."""
        target = story.target
        actual = one_line(
            labelled(
                "Actual", literal(target.actual_pattern if target else "", one_line=True) or "-"
            )
        )
        if not self.items:
            return glance_lines(actual, one_line(Text("No readings yet (r adds one).")))
        shown: list[Reading] = self.items[: self.SHOWN]  # type: ignore[assignment]
        metrics = {reading.metric for reading in shown}
        named = len(metrics) > 1
        latest = Text("Latest", style="bold", end="")
        if not named:
            latest.append(" ")
            latest.append_text(literal(shown[0].metric, one_line=True))
        latest.append(": ", style="bold")
        for n, reading in enumerate(shown):
            latest.append(", " if n else "")
            latest.append(number_or_dash(reading.value))
            if named:
                latest.append(" ")
                latest.append_text(literal(reading.metric, one_line=True))
            latest.append(f" ({short_date(reading.day, today)})")
        return glance_lines(actual, one_line(latest))

    def action_edit(self) -> None:
        if self.story is not None:
            self.post_message(EditActual(self.story.target))

    def action_add(self) -> None:
        self.post_message(AddItem(Reading))

    def action_edit_reading(self) -> None:
        reading = self.selected()
        if reading is not None:
            self.post_message(EditItem(reading))
