"""The obstacle parking lot: numbered obstacles, the one worked on marked."""

from __future__ import annotations

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
from kata_tui.ui.widgets.sections.base import LIST_BINDINGS, WORKING, StorySection
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
