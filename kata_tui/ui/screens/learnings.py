"""Every "what we learned", for one board or across a coach's boards.

Learnings are where co-learning shows: a coach reading them across learners
sees the same obstacle recur. Each entry names its board and experiment, and
Enter hands both back so the caller can open the board at that experiment.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from kata_tui.domain.dates import short_date
from kata_tui.domain.history import Learning, order, search_learnings
from kata_tui.ui.screens.base import KataScreen
from kata_tui.ui.screens.history import highlighted
from kata_tui.ui.stylesheets import stylesheet
from kata_tui.ui.widgets.footer import Footer
from kata_tui.ui.widgets.heading import Heading
from kata_tui.ui.widgets.search_bar import SearchBar

Picked = tuple[str, str]
"""(board slug, experiment id)."""
LISTED = 1000
"""Entries in the list at most: ten plants hold 600,000 learnings; the search
(over all of them) narrows the list, nobody scrolls that far."""


def learning_text(item: Learning, needle: str = "", *, current: bool = False) -> Text:
    """Three lines: where and when, the step, what was learned."""
    out = Text("> " if current else "  ", style="bold", end="")
    plant = f" at {item.plant}" if item.plant else ""
    where = (
        f"{short_date(item.day)}  {item.learner} (coach {item.coach}){plant}, "
        f"target {item.target_seq}, experiment {item.number}"
    )
    out.append_text(highlighted(where, needle, style="bold"))
    out.append("\n    step: ", style="italic")
    out.append_text(highlighted(item.step, needle))
    out.append("\n    learned: ", style="italic")
    out.append_text(highlighted(item.learned, needle))
    return out


class LearningsScreen(KataScreen[Picked | None]):
    CSS_PATH = [stylesheet("learnings.tcss")]
    BINDINGS = [
        Binding("slash", "search", "Search", key_display="/"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(
        self, entries: Sequence[Learning], *, title: str = "What we learned", boards: int = 0
    ) -> None:
        """``boards``: how many boards are still to be read (``add``, then ``finish``)."""
        super().__init__()
        self.entries = list(entries)
        self.heading = title
        self.needle = ""
        self.shown: list[Learning] = list(self.entries)
        self._marked: int | None = None
        self.boards = boards
        self.reading = boards > 0
        self.failed: list[str] = []

    def compose(self) -> ComposeResult:
        yield Header(icon="*")
        yield Heading(self.heading, id="learnings-heading")
        yield SearchBar("search learnings (Enter to pick, Escape to clear)", id="learnings-search")
        yield OptionList(id="learnings-list")
        yield Static(id="learnings-status")
        yield Footer()

    def on_mount(self) -> None:
        self._fill()
        self.query_one(OptionList).focus()

    def add(self, entries: list[Learning], failed: list[str]) -> None:
        """More boards read: their learnings join the list (shown at once while it is short)."""
        self.entries.extend(entries)
        self.failed.extend(failed)
        if len(self.shown) < LISTED:
            self.entries.sort(key=order)
            self._fill()
        else:
            self.query_one("#learnings-status", Static).update(self._status())

    def finish(self) -> None:
        """Every board read: the list in its order, and the boards left out said."""
        self.reading = False
        self.entries.sort(key=order)
        self._fill()
        if self.failed:
            self.notify(
                f"Not readable, left out: {', '.join(self.failed)}",
                severity="warning",
                markup=False,
            )

    def _fill(self) -> None:
        listing = self.query_one(OptionList)
        listing.clear_options()
        self._marked = None
        needle = self.needle.strip()
        self.shown = search_learnings(self.entries, needle, LISTED)
        listing.add_options(
            Option(learning_text(e, needle), id=str(i)) for i, e in enumerate(self.shown)
        )
        if self.shown:
            listing.highlighted = 0
        self.query_one("#learnings-status", Static).update(self._status())

    def _status(self) -> str:
        if self.reading:
            return f"Reading {self.boards} boards: {len(self.entries)} learnings so far..."
        if not self.entries:
            return "Nothing learned yet: learnings come from the reflection on each step."
        cut = f" (the first {LISTED} listed)" if len(self.shown) >= LISTED else ""
        if not self.needle.strip():
            return f"{len(self.entries)} learnings, oldest first{cut}. / search, Enter opens"
        return (
            f"{len(self.shown)} of {len(self.entries)} learnings match{cut} "
            f"{self.needle.strip()!r}; Escape clears"
        )

    @on(OptionList.OptionHighlighted, "#learnings-list")
    def _moved(self, event: OptionList.OptionHighlighted) -> None:
        """Mark the highlighted entry with ``>`` so it shows without colour."""
        listing = self.query_one(OptionList)
        needle = self.needle.strip()
        if self._marked is not None and self._marked < len(self.shown):
            listing.replace_option_prompt_at_index(
                self._marked, learning_text(self.shown[self._marked], needle)
            )
        self._marked = event.option_index
        listing.replace_option_prompt_at_index(
            event.option_index, learning_text(self.shown[event.option_index], needle, current=True)
        )

    @on(OptionList.OptionSelected, "#learnings-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        item = self.shown[event.option_index]
        self.dismiss((item.slug, item.experiment_id))

    def action_search(self) -> None:
        self.query_one(SearchBar).show()

    @on(SearchBar.Changed)
    def _typed(self, event: SearchBar.Changed) -> None:
        self.needle = event.value
        self._fill()

    @on(SearchBar.Submitted)
    def _submitted(self) -> None:
        self.query_one(OptionList).focus()

    def action_back(self) -> None:
        search = self.query_one(SearchBar)
        if search.typing or self.needle:
            search.clear()
            self.needle = ""
            self._fill()
            self.query_one(OptionList).focus()
            return
        self.dismiss(None)
