"""A board's history: every coaching cycle and target condition reached, oldest first.

One scrolling column of entries rather than a table, because answers are
sentences: at 80 columns a table would cut them. Search narrows the column to
matching entries and marks the words found in reverse video, so a match shows
without colour.
"""

from __future__ import annotations

from datetime import date, datetime

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, Static

from kata_tui.domain.card import Cards
from kata_tui.domain.history import HistoryEntry, history, search
from kata_tui.domain.storyboard import Storyboard
from kata_tui.ui.literal import literal
from kata_tui.ui.screens.base import KataScreen
from kata_tui.ui.stylesheets import stylesheet
from kata_tui.ui.widgets.footer import Footer
from kata_tui.ui.widgets.heading import Heading
from kata_tui.ui.widgets.search_bar import SearchBar

MARK = "reverse"
SEARCH_PAUSE = 0.3
"""Seconds typing pauses before the history is searched: a long board re-renders
every matching entry per search."""


def highlighted(text: str, needle: str, *, style: str = "") -> Text:
    """User text made literal, with each searched word shown in reverse video."""
    out = literal(text, style=style)
    words = [w for w in needle.split() if w]
    if words:
        out.highlight_words(words, style=MARK, case_sensitive=False)
    return out


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def entry_renderable(entry: HistoryEntry, needle: str = "", *, current: bool = False) -> Group:
    """The entry as one renderable: wrapped lines keep their indent (hanging indent).

    One widget per entry, not per line, keeps a board with hundreds of cycles
    quick to open and to search.
    """
    head = Table.grid(expand=True)
    head.add_column(width=2, no_wrap=True)
    head.add_column(ratio=1)
    head.add_row(
        Text("> " if current else "  ", style="bold"),
        highlighted(entry.title, needle, style="bold"),
    )
    parts: list[RenderableType] = [head]
    for line in entry.lines:
        parts.append(Padding(highlighted(line.label, needle, style="italic"), (0, 0, 0, 4)))
        answer = highlighted(line.text, needle)
        if line.by:
            answer.append_text(highlighted(f"  ({line.by})", needle, style="italic"))
        parts.append(Padding(answer, (0, 0, 0, 6)))
    return Group(*parts)


class EntryView(Static):
    """One history entry; redrawn only when the search or the current match changes."""

    def __init__(self, entry: HistoryEntry) -> None:
        super().__init__(entry_renderable(entry), classes=f"entry -{entry.kind}")
        self.entry = entry
        self._shown: tuple[str, bool] = ("", False)

    def show(self, needle: str, *, current: bool) -> None:
        key = (needle if self.entry.matches(needle) else "", current)
        if key == self._shown:
            return
        self._shown = key
        self.set_class(current, "-current")
        self.update(entry_renderable(self.entry, key[0], current=current))


class HistoryScreen(KataScreen[None]):
    CSS_PATH = [stylesheet("history.tcss")]
    BINDINGS = [
        Binding("slash", "search", "Search", key_display="/"),
        Binding("n", "step(1)", "Next match"),
        Binding("N", "step(-1)", "Previous match", key_display="N"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(
        self,
        story: Storyboard,
        today: date,
        now: datetime | None = None,
        cards: Cards | None = None,
    ) -> None:
        super().__init__()
        self.story = story
        self.today = today
        self.entries = history(story, now=now, cards=cards)
        self.needle = ""
        self.hits: list[int] = list(range(len(self.entries)))
        self.current: int | None = None
        """Index into ``hits`` of the match n/N last moved to."""

    def compose(self) -> ComposeResult:
        yield Header(icon="*")
        board = self.story.board
        yield Heading(
            f"History of {board.learner}'s board (coach {board.coach}): {board.challenge}",
            id="history-heading",
        )
        with VerticalScroll(id="history-entries"):
            for entry in self.entries:
                yield EntryView(entry)
            if not self.entries:
                yield Static("No coaching cycles yet.", id="history-empty")
        yield SearchBar(
            "search history (Enter to read, Escape to clear)",
            id="history-search",
            debounce=SEARCH_PAUSE,
        )
        yield Static(self._status(), id="history-status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#history-entries").focus()

    # -- search -----------------------------------------------------------------

    def _status(self) -> str:
        cycles = sum(1 for e in self.entries if e.kind == "cycle")
        reached = len(self.entries) - cycles
        total = f"{plural(cycles, 'coaching cycle')}, {plural(reached, 'target condition')} reached"
        if not self.needle.strip():
            return f"{total}, oldest first. / search"
        where = "" if self.current is None else f", at {self.current + 1}"
        return (
            f"{len(self.hits)} of {len(self.entries)} entries match {self.needle.strip()!r}"
            f"{where}; n next, N previous, Escape clears"
        )

    def _views(self) -> list[EntryView]:
        return list(self.query(EntryView))

    def apply_search(self, needle: str) -> None:
        self.needle = needle
        self.hits = search(self.entries, needle)
        self.current = None
        hits = set(self.hits)
        for i, view in enumerate(self._views()):
            view.display = i in hits
            view.show(needle.strip(), current=False)
        self.query_one("#history-status", Static).update(self._status())

    def action_search(self) -> None:
        self.query_one(SearchBar).show()

    @on(SearchBar.Changed)
    def _typed(self, event: SearchBar.Changed) -> None:
        self.apply_search(event.value)

    @on(SearchBar.Submitted)
    def _submitted(self, event: SearchBar.Submitted) -> None:
        if event.value != self.needle:
            self.apply_search(event.value)
        self.query_one("#history-entries").focus()
        if self.needle.strip() and self.hits:
            self.action_step(1)

    def action_step(self, delta: int) -> None:
        if not self.needle.strip() or not self.hits:
            return
        views = self._views()
        if self.current is not None:
            views[self.hits[self.current]].show(self.needle.strip(), current=False)
        if self.current is None:
            self.current = 0 if delta > 0 else len(self.hits) - 1
        else:
            self.current = (self.current + delta) % len(self.hits)
        view = views[self.hits[self.current]]
        view.show(self.needle.strip(), current=True)
        self.query_one("#history-entries", VerticalScroll).scroll_to_widget(
            view, top=True, animate=False
        )
        self.query_one("#history-status", Static).update(self._status())

    def action_back(self) -> None:
        search = self.query_one(SearchBar)
        if search.typing or self.needle:
            search.clear()
            self.apply_search("")
            self.query_one("#history-entries").focus()
            return
        self.dismiss(None)
