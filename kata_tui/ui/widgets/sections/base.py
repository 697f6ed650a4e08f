"""What every storyboard section shares: a focusable box that draws one part of the board.

Sections only draw and ask: the screen hands them each new ``Storyboard``
(``show``) and answers their messages (``messages.py``), so the same
widgets serve a learner typing and a follower watching (``read_only``).
User text goes through ``literal`` so it never becomes markup.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import ScrollableContainer, Vertical
from textual.geometry import Region
from textual.reactive import reactive

from kata_tui.domain.card import Section
from kata_tui.domain.job_methods import BreakdownOf, breakdown
from kata_tui.domain.model import (
    Record,
)
from kata_tui.domain.numbers import number_text
from kata_tui.domain.storyboard import Storyboard
from kata_tui.ui.literal import literal
from kata_tui.ui.widgets.sections.body import SectionBody

THRESHOLD = ">"
WORKING = "*"


def labelled(label: str, value: str | Text) -> Text:
    """``label: value`` with the label bold and the value as typed (never markup)."""
    out = Text(f"{label}: ", style="bold", end="")
    out.append_text(value if isinstance(value, Text) else literal(value))
    return out


def breakdown_line(story: Storyboard, of: BreakdownOf) -> list[Text]:
    """``Job breakdown: 4 details (J)`` under the pattern it describes, when it has any."""
    target = story.target
    details = breakdown(story, target.id, of) if target is not None else []
    if not details:
        return []
    count = f"{len(details)} detail{'' if len(details) == 1 else 's'} (J)"
    return [labelled("Job breakdown", count)]


def joined(lines: list[Text]) -> Text:
    return Text("\n", end="").join(lines)


def number_or_dash(value: float | None) -> str:
    return number_text(value) or "-"


def one_line(text: Text) -> Text:
    """``text`` on one line, cut with an ellipsis where the section is too narrow."""
    text.no_wrap = True
    text.overflow = "ellipsis"
    return text


def glance_lines(*lines: Text) -> Group:
    """Lines drawn one under another, each as it is set (``one_line`` or wrapping)."""
    for line in lines:
        line.end = "\n"
    if lines:
        lines[-1].end = ""
    return Group(*lines)


class StorySection(Vertical, can_focus=True):
    """One section: a border title, a body, and (for lists) a row cursor."""

    TITLE: ClassVar[str] = ""
    SECTION: ClassVar[Section]
    GLANCE_HINT: ClassVar[str] = "Tab: all"
    """In the title of a trimmed section: how to see all of it (focus it)."""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", "Edit"),
    ]

    read_only: reactive[bool] = reactive(False, bindings=True)
    asked: reactive[bool] = reactive(False)
    """The current card question is about this section."""
    glance: reactive[bool] = reactive(False)
    """The whole storyboard shows at once: unless it holds the focus or the card asks
    about it, the section shows what matters now (``glance_body``), and says so in
    its title."""
    cursor: reactive[int] = reactive(0, init=False)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.story: Storyboard | None = None
        self.today: date | None = None
        self.items: list[Record] = []
        self._drawn: tuple[object, ...] | None = None
        """What the body was last drawn from (see ``draw_key``)."""

    def compose(self) -> ComposeResult:
        yield SectionBody(classes="section-body")

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

    def glance_body(self, story: Storyboard, today: date) -> RenderableType:
        """What matters now, in a few lines; the whole ``body`` when focused or asked."""
        return self.body(story, today)

    @property
    def trimmed(self) -> bool:
        """Drawn with ``glance_body``."""
        return self.glance and not self.has_focus and not self.asked

    def draw_key(self) -> tuple[object, ...]:
        """Everything ``body`` depends on: the body is drawn again only when this changes.

        Focus and resize events come in bursts (start-up, every screen
        switch); redrawing a section that would look the same costs a
        layout pass for nothing.
        """
        return (self.today, self.cursor, self.has_focus, self.trimmed)

    def _redraw(self) -> None:
        if self.story is None or self.today is None or not self.is_mounted:
            return
        key = (self.story, *self.draw_key())
        if self._drawn is not None and self._drawn[0] is key[0] and self._drawn[1:] == key[1:]:
            return
        bodies = self.query(".section-body").results(SectionBody)
        body = next(bodies, None)
        if body is None:  # a late focus or blur while the screen is being closed
            return
        self._drawn = key
        trimmed = self.trimmed
        self.set_class(trimmed, "-trimmed")
        self._set_title()
        content = (self.glance_body if trimmed else self.body)(self.story, self.today)
        body.update(content)

    def watch_asked(self) -> None:
        self.set_class(self.asked, "-asked")
        self._set_title()
        self._redraw()

    def watch_glance(self) -> None:
        self._redraw()

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
        if self.asked:
            self.border_title = f"{THRESHOLD} {self.TITLE} (asked)"
        elif self.trimmed and self.GLANCE_HINT:
            self.border_title = f"{self.TITLE} ({self.GLANCE_HINT})"
        else:
            self.border_title = self.TITLE

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

    def action_edit(self) -> None:
        """``e``: each section says what it edits."""
        raise NotImplementedError


LIST_BINDINGS: list[BindingType] = [
    Binding("up,k", "cursor_up", "Up", show=False),
    Binding("down,j", "cursor_down", "Down", show=False),
    Binding("a", "add", "Add"),
]
