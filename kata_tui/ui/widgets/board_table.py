"""The dashboard's list of boards: a header line and rows of fixed-width cells.

A line-API widget (as toolong's log view) rather than Textual's DataTable:
the table sizes its columns (``fit``), its cells arrive clipped to those
widths, and it needs no sorting, editing or per-cell cursor. Filling a
DataTable with 200 boards and drawing its cells would be a fifth of the
dashboard's start-up; here a row is a few segments, drawn when it shows.
The cursor row carries a ``>`` mark besides its style, so it shows without
colour.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar, NamedTuple

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

PADDING = 1
"""Cells between two columns' text, on each side of a cell."""
MARK = ">"


class TableColumn(NamedTuple):
    key: str
    title: Text
    width: int


class TableRow(NamedTuple):
    slug: str
    cells: tuple[Text, ...]
    """One per column; a cell of several lines is shown over the row's height."""


class BoardTable(ScrollView, can_focus=True):
    """Rows of boards; Enter (or a click on the cursor row) opens one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Open", tooltip="Open board", key_display="Enter"),
        Binding("up", "cursor_up", "Previous board", show=False),
        Binding("down", "cursor_down", "Next board", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home", "first", "First board", show=False),
        Binding("end", "last", "Last board", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"board-table--header", "board-table--cursor"}

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class BoardMessage(Message):
        """About one board of the list (``slug``)."""

        def __init__(self, table: BoardTable, slug: str) -> None:
            super().__init__()
            self.table = table
            self.slug = slug

        @property
        def control(self) -> BoardTable:
            return self.table

    class Highlighted(BoardMessage):
        """The cursor is on another board."""

    class Selected(BoardMessage):
        """The board under the cursor is to be opened."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.columns: tuple[TableColumn, ...] = ()
        self.rows: tuple[TableRow, ...] = ()
        self.row_height = 1
        self._lines: dict[tuple[int, int, bool], Strip] = {}

    # -- data down ------------------------------------------------------------------

    def show(
        self,
        columns: tuple[TableColumn, ...],
        rows: tuple[TableRow, ...],
        *,
        row_height: int = 1,
        keep: str | None = None,
    ) -> None:
        """Show these rows; the cursor stays on ``keep`` if it is still listed."""
        self.columns, self.rows, self.row_height = columns, rows, row_height
        self._lines.clear()
        width = len(MARK) + 2 * PADDING + sum(c.width + 2 * PADDING for c in columns)
        self.virtual_size = Size(width, 1 + len(rows) * row_height)
        slugs = self.slugs
        index = slugs.index(keep) if keep in slugs else 0
        self.set_reactive(BoardTable.cursor, min(index, max(0, len(rows) - 1)))
        self._scroll_to_cursor()
        self.refresh()

    @staticmethod
    def fit(fixed: Mapping[str, int], width: int) -> dict[str, int]:
        """Each column's width in a table ``width`` cells wide, keeping room for a
        scrollbar: ``fixed`` widths as given, columns of width 0 share what is left
        (at least 8 each, the last one taking the remainder). The width is passed
        in because rows are built, clipped to these widths, before the first layout."""
        padding = 2 * PADDING
        available = width - 2
        flexible = [key for key, fixed_width in fixed.items() if fixed_width == 0]
        spare = available - sum(fixed.values()) - len(MARK) - padding * (len(fixed) + 1)
        share = max(8, spare // max(1, len(flexible)))
        widths = {key: fixed_width or share for key, fixed_width in fixed.items()}
        if flexible and spare > share * len(flexible):
            widths[flexible[-1]] += spare - share * len(flexible)
        return widths

    @property
    def slugs(self) -> list[str]:
        return [row.slug for row in self.rows]

    @property
    def cursor_slug(self) -> str | None:
        return self.rows[self.cursor].slug if 0 <= self.cursor < len(self.rows) else None

    @property
    def column_keys(self) -> list[str]:
        return [column.key for column in self.columns]

    def cell_text(self, slug: str, key: str) -> str:
        row = self.rows[self.slugs.index(slug)]
        return row.cells[self.column_keys.index(key)].plain

    # -- cursor -----------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        self._lines = {k: v for k, v in self._lines.items() if k[0] not in (old, new)}
        self._scroll_to_cursor()
        self.refresh()
        slug = self.cursor_slug
        if slug is not None and old != new:
            self.post_message(self.Highlighted(self, slug))

    def _move(self, to: int) -> None:
        if self.rows:
            self.cursor = max(0, min(len(self.rows) - 1, to))

    @property
    def _page(self) -> int:
        return max(1, (self.size.height - 1) // self.row_height)

    def action_cursor_up(self) -> None:
        self._move(self.cursor - 1)

    def action_cursor_down(self) -> None:
        self._move(self.cursor + 1)

    def action_page_up(self) -> None:
        self._move(self.cursor - self._page)

    def action_page_down(self) -> None:
        self._move(self.cursor + self._page)

    def action_first(self) -> None:
        self._move(0)

    def action_last(self) -> None:
        self._move(len(self.rows) - 1)

    def action_select(self) -> None:
        slug = self.cursor_slug
        if slug is not None:
            self.post_message(self.Selected(self, slug))

    def _scroll_to_cursor(self) -> None:
        """Keep every line of the cursor row below the header and in view."""
        view = max(1, self.size.height - 1)
        top = self.cursor * self.row_height
        y = self.scroll_offset.y
        if top < y:
            y = top
        elif top + self.row_height > y + view:
            y = top + self.row_height - view
        if y != self.scroll_offset.y:
            self.scroll_to(y=y, animate=False, immediate=True)

    def on_click(self, event: events.Click) -> None:
        if event.y < 1 or not self.rows:
            return
        row = (self.scroll_offset.y + event.y - 1) // self.row_height
        if row >= len(self.rows):
            return
        if row == self.cursor:
            self.action_select()
        else:
            self.cursor = row

    def on_resize(self) -> None:
        # Laid out at the new size by now: the cursor row may have left the view.
        self._lines.clear()
        self._scroll_to_cursor()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()

    # -- drawing ----------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        """Line ``y`` of the view: the header, then rows scrolled by ``scroll_offset``;
        narrower than the columns, the view scrolls sideways too."""
        width = self.size.width
        base = self.rich_style
        full = max(width, self.virtual_size.width)
        x = self.scroll_offset.x
        if y == 0:
            return self._line(-1, 0, False, full, base).crop(x, x + width)
        content = self.scroll_offset.y + y - 1
        row, line = divmod(content, self.row_height)
        if row >= len(self.rows):
            return Strip.blank(width, base)
        return self._line(row, line, row == self.cursor, full, base).crop(x, x + width)

    def _line(self, row: int, line: int, cursor: bool, width: int, base: Style) -> Strip:
        key = (row, line, cursor)
        cached = self._lines.get(key)
        if cached is not None and cached.cell_length == width:
            return cached
        if row < 0:
            cells = [column.title for column in self.columns]
            style = base + self.get_component_rich_style("board-table--header")
            mark = " "
        else:
            cells = list(self.rows[row].cells)
            style = base
            if cursor:
                style += self.get_component_rich_style("board-table--cursor")
            mark = MARK if cursor and line == 0 else " "
        segments: list[Segment] = [Segment(" " * PADDING + mark + " " * PADDING, style)]
        for column, cell in zip(self.columns, cells, strict=False):
            lines = cell.split("\n") if "\n" in cell.plain else [cell]
            text = lines[line].copy() if line < len(lines) else Text("")
            text.truncate(column.width, overflow="crop")
            text.align(text.justify if text.justify == "right" else "left", column.width)
            text.stylize_before(style)
            segments.append(Segment(" " * PADDING, style))
            segments.extend(text.render(self.app.console))
            segments.append(Segment(" " * PADDING, style))
        strip = Strip(segments).adjust_cell_length(width, style)
        self._lines[key] = strip
        return strip
