"""The obstacle parking lot: numbered obstacles, the one worked on marked."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import ClassVar

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.binding import Binding, BindingType

from kata_tui.domain.card import Section
from kata_tui.domain.model import Obstacle, ObstacleKind, ObstacleStatus, Record
from kata_tui.domain.storyboard import Storyboard
from kata_tui.ui.literal import literal
from kata_tui.ui.widgets.sections.base import (
    LIST_BINDINGS,
    WORKING,
    StorySection,
    glance_lines,
    one_line,
)
from kata_tui.ui.widgets.sections.messages import AddItem, EditItem, ObstacleStatusChosen


class ObstaclesSection(StorySection):
    TITLE = "Obstacle parking lot"
    SECTION = Section.OBSTACLES
    BINDINGS: ClassVar[list[BindingType]] = [
        *LIST_BINDINGS,
        Binding("e,enter", "edit", "Edit"),
        Binding("w", "status('working on')", "Work on"),
        Binding("p", "status('parked')", "Park"),
        Binding("x", "status('cleared')", "Clear"),
    ]

    def list_items(self, story: Storyboard) -> list[Record]:
        return list(story.obstacles_for())

    def body(self, story: Storyboard, today: date) -> RenderableType:
        if not self.items:
            return Text("No obstacles yet (a adds one, or answer question 3).")
        grid = Table.grid(expand=True)
        grid.add_column(width=5, no_wrap=True)
        grid.add_column(ratio=1)
        obstacles: list[Obstacle] = self.items  # type: ignore[assignment]
        for index, obstacle in enumerate(obstacles):
            working = obstacle.status is ObstacleStatus.WORKING
            text = literal(obstacle.text, one_line=True)
            tags = [str(obstacle.status)]
            if obstacle.kind is ObstacleKind.IMPLEMENTATION:
                tags.append("implementation")
            text.append(f"  ({', '.join(tags)})", style="italic")
            style = f"{self.row_style(index)} {'bold' if working else ''}".strip()
            mark = WORKING if working else " "
            grid.add_row(Text(f"{mark}{obstacle.number:>2}. "), text, style=style)
        return grid

    def glance_body(self, story: Storyboard, today: date) -> RenderableType:
        """The obstacle worked on, and how many wait in the parking lot."""
        obstacles: list[Obstacle] = self.items  # type: ignore[assignment]
        working = next((o for o in obstacles if o.status is ObstacleStatus.WORKING), None)
        if working is not None:
            first = Text(f"{WORKING}{working.number:>2}. ", style="bold", end="")
            first.append_text(literal(working.text, one_line=True))
            first.append("  (working on)", style="italic")
        else:
            first = Text("No obstacle worked on (w on one works on it).")
        counts = Counter(o.status for o in obstacles)
        parked = counts[ObstacleStatus.PARKED]
        rest = ", ".join(
            f"{counts[status]} {status}"
            for status in (ObstacleStatus.CLEARED, ObstacleStatus.DROPPED)
            if counts[status]
        )
        second = Text(f"{parked} parked" + (f"; {rest}" if rest else ""), end="")
        return glance_lines(one_line(first), one_line(second))

    def action_add(self) -> None:
        self.post_message(AddItem(Obstacle))

    def action_edit(self) -> None:
        obstacle = self.selected()
        if obstacle is not None:
            self.post_message(EditItem(obstacle))

    def action_status(self, status: str) -> None:
        obstacle = self.selected()
        if isinstance(obstacle, Obstacle):
            self.post_message(ObstacleStatusChosen(obstacle, ObstacleStatus(status)))
