"""The five storyboard sections, each a focusable box that draws one part of the board.

Sections only draw and ask: the screen hands them each new ``Storyboard``
(``show``) and answers their ``EditRequested`` messages, so the same
widgets serve a learner typing and a follower watching (``read_only``).
User text goes through ``literal`` so it never becomes markup.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import ScrollableContainer, Vertical
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from kata_tui.domain.card import Section
from kata_tui.domain.dates import short_date
from kata_tui.domain.model import (
    Experiment,
    Metric,
    Obstacle,
    ObstacleKind,
    ObstacleStatus,
    Record,
)
from kata_tui.domain.numbers import number_text
from kata_tui.domain.storyboard import Storyboard, days_left
from kata_tui.ui.literal import literal
from kata_tui.ui.rendered_once import RenderedOnce
from kata_tui.ui.widgets.run_chart import RunChart

THRESHOLD = ">"
WORKING = "*"


def _line(label: str, value: str | Text) -> Text:
    out = Text(f"{label}: ", style="bold", end="")
    out.append_text(value if isinstance(value, Text) else literal(value))
    return out


def _lines(lines: list[Text]) -> Text:
    return Text("\n", end="").join(lines)


def _number(value: float | None) -> str:
    return number_text(value) or "-"


def metric_text(metric: Metric) -> str:
    sign = "<=" if metric.better == "lower" else ">="
    unit = f" {metric.unit}" if metric.unit else ""
    target = f" {sign} {_number(metric.target)}{unit}" if metric.target is not None else ""
    return f"{metric.name}{target}"


class StorySection(Vertical, can_focus=True):
    """One section: a border title, a body, and (for lists) a row cursor."""

    TITLE: ClassVar[str] = ""
    SECTION: ClassVar[Section]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", "Edit"),
    ]

    read_only: reactive[bool] = reactive(False)
    asked: reactive[bool] = reactive(False)
    """The current card question is about this section."""
    cursor: reactive[int] = reactive(0, init=False)

    class EditRequested(Message):
        """The user wants to change something in a section (``what`` names it)."""

        def __init__(self, section: StorySection, what: str, record: Record | None) -> None:
            super().__init__()
            self.section = section
            self.what = what
            self.record = record

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.story: Storyboard | None = None
        self.today: date | None = None
        self.items: list[Record] = []
        self._drawn: tuple[object, ...] | None = None
        """What the body was last drawn from (see ``draw_key``)."""

    def compose(self) -> ComposeResult:
        yield Static("", classes="section-body")

    def on_mount(self) -> None:
        self._set_title()

    # -- data down ----------------------------------------------------------------

    def show(self, story: Storyboard, today: date) -> None:
        self.story = story
        self.today = today
        self.items = self.list_items(story)
        if self.cursor >= len(self.items):
            self.cursor = max(0, len(self.items) - 1)
        self._redraw()

    def list_items(self, story: Storyboard) -> list[Record]:
        return []

    def body(self, story: Storyboard, today: date) -> RenderableType:
        raise NotImplementedError

    def draw_key(self) -> tuple[object, ...]:
        """Everything ``body`` depends on: the body is drawn again only when this changes.

        Focus and resize events come in bursts (start-up, every screen
        switch); redrawing a section that would look the same costs a
        layout pass for nothing.
        """
        return (self.today, self.cursor, self.has_focus)

    def _redraw(self) -> None:
        if self.story is None or self.today is None or not self.is_mounted:
            return
        key = (self.story, *self.draw_key())
        if self._drawn is not None and self._drawn[0] is key[0] and self._drawn[1:] == key[1:]:
            return
        bodies = self.query(".section-body").results(Static)
        body = next(bodies, None)
        if body is None:  # a late focus or blur while the screen is being closed
            return
        self._drawn = key
        content = self.body(self.story, self.today)
        body.update(content if isinstance(content, Text) else RenderedOnce(body, content))

    def watch_asked(self) -> None:
        self.set_class(self.asked, "-asked")
        self._set_title()

    def watch_cursor(self) -> None:
        self._redraw()
        self.call_after_refresh(self._scroll_to_cursor)

    def _scroll_to_cursor(self) -> None:
        """Keep the title and the cursor row in view; in a section taller than the
        storyboard, the cursor row wins (rows are spread evenly)."""
        parent = self.parent
        if not self.has_focus or not isinstance(parent, ScrollableContainer):
            return
        region = self.virtual_region
        view = parent.scrollable_content_region.height
        if self.items:
            position, rows = self.cursor_row()
            row = region.y + 1 + (region.height - 2) * position // max(1, rows)
        else:
            row = region.y
        top = region.y
        bottom = min(region.bottom, row + 4)
        if bottom - top > view:
            top = max(region.y, row - 2)
        parent.scroll_to_region(Region(0, top, 1, max(1, bottom - top)), animate=False)

    def on_focus(self) -> None:
        self.call_after_refresh(self._redraw)
        # After Textual's own scroll on focus, which may leave the title above the view.
        self.call_after_refresh(self._scroll_to_cursor)

    def on_blur(self) -> None:
        # Focus has moved once the screen refreshed; draw without the cursor then.
        self.call_after_refresh(self._redraw)

    def _set_title(self) -> None:
        self.border_title = f"{THRESHOLD} {self.TITLE} (asked)" if self.asked else self.TITLE

    def cursor_row(self) -> tuple[int, int]:
        """Where the cursor row is among the rows drawn: (position, rows)."""
        return self.cursor, len(self.items)

    def selected(self) -> Record | None:
        return self.items[self.cursor] if 0 <= self.cursor < len(self.items) else None

    def row_style(self, index: int) -> str:
        """Reverse marks the cursor row: visible without colour."""
        return "reverse" if self.has_focus and index == self.cursor else ""

    # -- keys ---------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("cursor_up", "cursor_down"):
            return bool(self.items)
        return not self.read_only

    def action_cursor_up(self) -> None:
        self.cursor = max(0, self.cursor - 1)

    def action_cursor_down(self) -> None:
        self.cursor = min(max(0, len(self.items) - 1), self.cursor + 1)

    def request(self, what: str, record: Record | None = None) -> None:
        self.post_message(self.EditRequested(self, what, record))

    def action_edit(self) -> None:
        self.request("edit", self.selected())


LIST_BINDINGS: list[BindingType] = [
    Binding("up,k", "cursor_up", "Up", show=False),
    Binding("down,j", "cursor_down", "Down", show=False),
    Binding("a", "add", "Add"),
]


class ChallengeSection(StorySection):
    TITLE = "Challenge"
    SECTION = Section.CHALLENGE

    def body(self, story: Storyboard, today: date) -> RenderableType:
        board = story.board
        lines = [
            literal(board.challenge),
            _line("Focus process", board.focus_process or "-"),
            _line(
                "Horizon",
                f"{short_date(board.horizon, today)}   set by: {board.set_by or '-'}",
            ),
            _line("Learner", f"{board.learner}   coach: {board.coach}"),
        ]
        return _lines(lines)


class TargetSection(StorySection):
    TITLE = "Target condition"
    SECTION = Section.TARGET

    def body(self, story: Storyboard, today: date) -> RenderableType:
        target = story.target
        if target is None:
            return Text("No target condition yet: e sets one, or start a cycle (c).")
        left = days_left(target.achieve_by, today)
        when = short_date(target.achieve_by, today)
        if left is not None:
            when += f" ({left} days left)" if left >= 0 else f" (! {-left} days over)"
        lines: list[Text] = [
            _line(f"#{target.seq} achieve by", f"{when}   [{target.status}]"),
            _line("Pattern", target.pattern or "-"),
        ]
        outcome = target.outcome
        for metric in target.metrics:
            label = "Outcome" if metric is outcome else "Process"
            text = metric_text(metric)
            if metric is outcome:
                latest = story.latest_reading(target.id)
                if latest is not None:
                    reached = " (reached)" if metric.reached_by(latest.value) else ""
                    text += (
                        f"   latest {_number(latest.value)} on "
                        f"{short_date(latest.day, today)}{reached}"
                    )
            lines.append(_line(label, text))
        go_see = short_date(target.next_go_see, today)
        if target.next_go_see is not None and target.next_go_see < today:
            go_see += " (! overdue)"
        lines.append(_line("Next go-and-see", go_see))
        return _lines(lines)


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
        # mount lays out the whole board screen a second time (issue 6).
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
        lines: list[Text] = [_line("Actual", actual or "-")]
        if not self.items:
            lines.append(Text("No readings yet (r adds one)."))
            return _lines(lines)
        lines.append(Text("Readings (newest first):", style="bold"))
        shown = self.items if self.has_focus else self.items[: self.SHOWN]
        for index, reading in enumerate(shown):
            value = f"{short_date(reading.day, today):>7}  {_number(reading.value)}  "  # type: ignore[union-attr]
            row = Text(value, style=self.row_style(index), end="")
            row.append_text(literal(reading.metric, one_line=True))  # type: ignore[union-attr]
            lines.append(row)
        hidden = len(self.items) - len(shown)
        if hidden:
            lines.append(Text(f"  ... {hidden} more (focus to list all)"))
        return _lines(lines)

    def action_edit(self) -> None:
        self.request("actual")

    def action_add(self) -> None:
        self.request("add_reading")

    def action_edit_reading(self) -> None:
        if self.selected() is not None:
            self.request("edit_reading", self.selected())


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
            grid.add_row(Text(f"{mark}{index + 1:>2}. "), text, style=style)
        return grid

    def action_add(self) -> None:
        self.request("add_obstacle")

    def action_edit(self) -> None:
        if self.selected() is not None:
            self.request("edit_obstacle", self.selected())

    def action_status(self, status: str) -> None:
        if self.selected() is not None:
            self.request(f"status:{status}", self.selected())


class ExperimentsSection(StorySection):
    TITLE = "Experiment record"
    SECTION = Section.EXPERIMENTS
    BINDINGS: ClassVar[list[BindingType]] = [
        *LIST_BINDINGS,
        Binding("e,enter", "edit", "Edit step"),
    ]
    TABLE = 56
    """Inner width from which the steps show as a table (else one block per step)."""
    WIDE = 66
    """Inner width from which the date and obstacle columns fit too."""
    SHOWN = 15
    """Newest steps drawn. Older ones show one at a time under the cursor, all of them
    in History (h): a board years old draws as fast as a new one."""
    GAP = "..."

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._rows: list[int] = []
        """Indices into ``items`` drawn last time, in order."""

    def list_items(self, story: Storyboard) -> list[Record]:
        return list(story.experiments_for())

    def _layout(self) -> str:
        width = self.content_size.width
        if width and width < self.TABLE:
            return "stacked"
        return "wide" if width >= self.WIDE else "table"

    def draw_key(self) -> tuple[object, ...]:
        return (*super().draw_key(), self._layout())

    def shown_rows(self, threshold: Experiment | None) -> list[int]:
        """The newest steps, plus the threshold step and the cursor's step if older."""
        count = len(self.items)
        rows = set(range(max(0, count - self.SHOWN), count))
        if self.has_focus and 0 <= self.cursor < count:
            rows.add(self.cursor)
        if threshold is not None and rows and min(rows) > 0:
            for index in range(min(rows) - 1, -1, -1):
                if self.items[index].id == threshold.id:
                    rows.add(index)
                    break
        return sorted(rows)

    def cursor_row(self) -> tuple[int, int]:
        drawn = self._with_gaps(self._rows)
        if self.cursor not in drawn:
            return super().cursor_row()
        extra = 1 if len(self._rows) < len(self.items) else 0  # the "earlier steps" line
        return drawn.index(self.cursor) + extra + 1, len(drawn) + extra + 2

    def body(self, story: Storyboard, today: date) -> RenderableType:
        if not self.items:
            self._rows = []
            return Text("No steps yet (a adds one, or answer question 4).")
        layout = self._layout()
        threshold = story.threshold()
        numbers = {o.id: str(i + 1) for i, o in enumerate(story.obstacles_for())}
        legend = Text(f"{THRESHOLD} threshold of knowledge (newest open step)", style="italic")
        self._rows = self.shown_rows(threshold)
        hidden = len(self.items) - len(self._rows)
        head = (
            [Text(f"{hidden} earlier steps not shown: up/k reaches them, h opens History")]
            if hidden
            else []
        )
        if layout == "stacked":
            blocks = self._stacked(self._rows, threshold, numbers, today)
            return _lines([*head, *blocks, legend])
        table = self._table(self._rows, threshold, numbers, today, layout == "wide")
        return Group(*head, table, legend)

    def _mark(self, step: Experiment, threshold: Experiment | None) -> str:
        return THRESHOLD if threshold is not None and step.id == threshold.id else " "

    def _with_gaps(self, rows: list[int]) -> list[int | None]:
        """``rows`` with None where steps in between are left out."""
        out: list[int | None] = []
        for n, index in enumerate(rows):
            if n and index > rows[n - 1] + 1:
                out.append(None)
            out.append(index)
        return out

    def _stacked(
        self,
        rows: list[int],
        threshold: Experiment | None,
        numbers: dict[str, str],
        today: date,
    ) -> list[Text]:
        """Narrow: one block per step, so no column is squeezed unreadable."""
        blocks = []
        for index in self._with_gaps(rows):
            if index is None:
                blocks.append(Text(f"  {self.GAP}"))
                continue
            step: Experiment = self.items[index]  # type: ignore[assignment]
            head = (
                f"{self._mark(step, threshold)}{step.number:>2}  {short_date(step.day, today)}"
                f"  obstacle {numbers.get(step.obstacle_id or '', '-')}"
            )
            style = self.row_style(index) or ("bold" if self._mark(step, threshold) != " " else "")
            lines = [Text(head, style=style or "bold", end="")]
            for label, value in (
                ("Step", step.step),
                ("Expect", step.expected),
                ("Happened", step.happened),
                ("Learned", step.learned),
            ):
                if value or label in ("Step", "Expect"):
                    lines.append(_line(f"   {label}", value or "-"))
            blocks.append(_lines(lines))
        return blocks

    def _table(
        self,
        rows: list[int],
        threshold: Experiment | None,
        numbers: dict[str, str],
        today: date,
        wide: bool,
    ) -> Table:
        table = Table(box=box.ASCII2, expand=True, show_edge=False, pad_edge=False)
        table.add_column("#", no_wrap=True, width=3)
        if wide:
            table.add_column("date", no_wrap=True, width=6)
            table.add_column("obst", no_wrap=True, width=4)
        table.add_column("step", ratio=3, overflow="fold")
        table.add_column("expected", ratio=2, overflow="fold")
        table.add_column("happened", ratio=2, overflow="fold")
        table.add_column("learned", ratio=2, overflow="fold")
        blank = len(table.columns) - 1
        for index in self._with_gaps(rows):
            if index is None:
                table.add_row(Text(self.GAP), *[Text("")] * blank)
                continue
            step: Experiment = self.items[index]  # type: ignore[assignment]
            mark = self._mark(step, threshold)
            cells: list[Text] = [Text(f"{mark}{step.number}")]
            if wide:
                cells.append(Text(short_date(step.day, today)))
                cells.append(Text(numbers.get(step.obstacle_id or "", "-")))
            for field in ("step", "expected", "happened", "learned"):
                cells.append(literal(getattr(step, field), one_line=True))
            style = self.row_style(index)
            if mark != " ":
                style = f"{style} bold".strip()
            table.add_row(*cells, style=style)
        return table

    def on_resize(self) -> None:
        self._redraw()  # a no-op unless the width crossed TABLE or WIDE

    def action_add(self) -> None:
        self.request("add_step")

    def action_edit(self) -> None:
        if self.selected() is not None:
            self.request("edit_step", self.selected())


SECTIONS: tuple[type[StorySection], ...] = (
    ChallengeSection,
    TargetSection,
    CurrentSection,
    ObstaclesSection,
    ExperimentsSection,
)
