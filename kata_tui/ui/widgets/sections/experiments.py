"""The experiment record: one row per step, the threshold of knowledge marked.

The newest steps show (``SHOWN``), as a table when the section is wide
enough, else one block per step; older steps come into view one at a time
under the cursor.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import ClassVar

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text
from textual.binding import Binding, BindingType

from kata_tui.domain.card import Section
from kata_tui.domain.dates import short_date
from kata_tui.domain.model import Experiment, Record
from kata_tui.domain.storyboard import Storyboard
from kata_tui.domain.text import visible
from kata_tui.ui.literal import literal
from kata_tui.ui.widgets.sections.base import (
    LIST_BINDINGS,
    THRESHOLD,
    StorySection,
    glance_lines,
    joined,
    labelled,
    one_line,
)
from kata_tui.ui.widgets.sections.messages import AddItem, EditItem


class FittedTable:
    """A table built for the width it is rendered at (``build(width)``)."""

    def __init__(self, build: Callable[[int], Table]) -> None:
        self.build = build

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.build(options.max_width)


def s_text(step: Experiment, field: str) -> list[str]:
    """The words of one of the step's texts, as the table shows them."""
    return visible(getattr(step, field), one_line=True).split()


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
    RATIOS = (3, 2, 2, 2)
    """Shares of the step, expected, happened and learned columns."""
    WORD = 12
    """Longest word a table column keeps whole; a longer one folds, so one long
    word (a path, a URL) cannot starve the other columns."""

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
        numbers = {o.id: str(o.number) for o in story.obstacles_for()}
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
            return joined([*head, *blocks, legend])
        table = self._table(self._rows, threshold, numbers, today, layout == "wide")
        return Group(*head, table, legend)

    GLANCE = 4
    """Newest steps drawn when trimmed (and the threshold step, if older)."""

    def glance_body(self, story: Storyboard, today: date) -> RenderableType:
        """The newest steps, one line each, the threshold of knowledge marked."""
        if not self.items:
            return Text("No steps yet (a adds one, or answer question 4).")
        threshold = story.threshold()
        numbers = {o.id: str(o.number) for o in story.obstacles_for()}
        count = len(self.items)
        rows = set(range(max(0, count - self.GLANCE), count))
        rows.update(i for i, step in enumerate(self.items) if threshold and step.id == threshold.id)
        lines = []
        for index in sorted(rows):
            step: Experiment = self.items[index]  # type: ignore[assignment]
            mark = self._mark(step, threshold)
            line = Text(
                f"{mark}{step.number:>2} {short_date(step.day, today):>6} "
                f"o{numbers.get(step.obstacle_id or '', '-')}  ",
                style="bold" if mark != " " else "",
                end="",
            )
            line.append_text(literal(step.step, one_line=True))
            for label, value in (
                ("expect", step.expected),
                ("happened", step.happened),
                ("learned", step.learned),
            ):
                if value:
                    line.append(f" | {label}: ", style="italic")
                    line.append_text(literal(value, one_line=True))
            lines.append(one_line(line))
        if threshold is not None:
            legend = f"{THRESHOLD} threshold of knowledge; o: obstacle"
            lines.append(one_line(Text(legend, style="italic")))
        return glance_lines(*lines)

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
                    lines.append(labelled(f"   {label}", value or "-"))
            blocks.append(joined(lines))
        return blocks

    def _table(
        self,
        rows: list[int],
        threshold: Experiment | None,
        numbers: dict[str, str],
        today: date,
        wide: bool,
    ) -> RenderableType:
        """The table, its columns sized when the width it is drawn at is known."""
        return FittedTable(
            lambda width: self._table_at(width, rows, threshold, numbers, today, wide)
        )

    def _table_at(
        self,
        width: int,
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
        fields = ("step", "expected", "happened", "learned")
        steps: list[Experiment] = [self.items[index] for index in rows]  # type: ignore[misc]
        fixed = 3 + (6 + 4 if wide else 0)
        for field, cells in zip(fields, self._text_widths(steps, width, fixed, wide), strict=True):
            table.add_column(field, width=cells, overflow="fold")
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
            for field in fields:
                cells.append(literal(getattr(step, field), one_line=True))
            style = self.row_style(index)
            if mark != " ":
                style = f"{style} bold".strip()
            table.add_row(*cells, style=style)
        return table

    def _text_widths(
        self, steps: list[Experiment], width: int, fixed: int, wide: bool
    ) -> list[int]:
        """The four text columns' widths: their ``RATIOS`` shares of the room left,
        each widened to its longest word (up to ``WORD``) where the others can give:
        a word split across lines ("Operator/s") reads as two words."""
        before = 3 if wide else 1  # the number (and the date and obstacle) columns
        pads = [2] * (len(self.RATIOS) - 1) + [1]  # cell padding; none at the right edge
        # the room: the width less the separators and the fixed columns with their
        # padding (none at the left edge)
        room = width - (before + len(pads) - 1) - (fixed + 2 * before - 1)
        shares: list[int] = []
        ratio_left, room_left = sum(self.RATIOS), room
        for ratio in self.RATIOS:  # as Rich shares out ratio columns
            share = -(-ratio * room_left // ratio_left) if ratio_left else room_left
            shares.append(share)
            ratio_left, room_left = ratio_left - ratio, room_left - share
        needs = [
            pad + min(self.WORD, max((len(w) for s in steps for w in s_text(s, f)), default=1))
            for f, pad in zip(("step", "expected", "happened", "learned"), pads, strict=True)
        ]
        if sum(needs) <= room:
            for i in range(len(shares)):
                while shares[i] < needs[i]:
                    giver = max(range(len(shares)), key=lambda j: shares[j] - needs[j])
                    shares[giver] -= 1
                    shares[i] += 1
        return [max(1, share - pad) for share, pad in zip(shares, pads, strict=True)]

    def on_resize(self) -> None:
        self._redraw()  # a no-op unless the width crossed TABLE or WIDE

    def action_add(self) -> None:
        self.post_message(AddItem(Experiment))

    def action_edit(self) -> None:
        step = self.selected()
        if step is not None:
            self.post_message(EditItem(step))
