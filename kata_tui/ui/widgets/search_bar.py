"""The search line of the board list, the history and the learnings.

One behaviour everywhere: ``/`` opens it (``show``), what is typed filters
(``Changed``, after a pause if ``debounce``), Enter hands the keys back to the
list (``Submitted``), Escape clears it (``clear``). Escape itself stays with
the screen, because what else it clears or closes differs from screen to screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Static

from kata_tui.ui.widgets.kata_input import KataInput


class SearchBar(Horizontal):
    DEFAULT_CSS = """
    SearchBar {
        width: 100%;
        height: 1;
        display: none;
    }
    SearchBar > .search-label {
        width: auto;
        padding-right: 1;
        text-style: bold;
    }
    """

    @dataclass
    class Changed(Message):
        """The search text is now ``value``."""

        bar: SearchBar
        value: str

        @property
        def control(self) -> SearchBar:
            return self.bar

    @dataclass
    class Submitted(Message):
        """Enter was pressed on ``value``; the list is to take the keys again."""

        bar: SearchBar
        value: str

        @property
        def control(self) -> SearchBar:
            return self.bar

    def __init__(
        self,
        placeholder: str,
        *,
        label: str = "",
        select_on_focus: bool = True,
        debounce: float = 0.0,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.label = label
        self.debounce = debounce
        """Seconds typing must pause before ``Changed``: for searches that redraw much."""
        self.input = KataInput(
            placeholder=placeholder,
            compact=True,
            select_on_focus=select_on_focus,
        )
        self.input.display = False  # hidden with its bar, so it cannot hold focus
        self._pending: Timer | None = None

    def compose(self) -> ComposeResult:
        if self.label:
            yield Static(self.label, classes="search-label", markup=False)
        yield self.input

    @property
    def value(self) -> str:
        return self.input.value

    @property
    def typing(self) -> bool:
        return self.input.has_focus

    def show(self) -> None:
        self.display = self.input.display = True
        self.input.focus()

    def hide(self) -> None:
        self.display = self.input.display = False

    def clear(self) -> None:
        """Empty and hidden; no ``Changed`` is sent (the screen resets its own view)."""
        self._stop_pending()
        with self.input.prevent(Input.Changed):
            self.input.value = ""
        self.hide()

    def _stop_pending(self) -> None:
        if self._pending is not None:
            self._pending.stop()
            self._pending = None

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        value = event.value
        if not self.debounce:
            self.post_message(self.Changed(self, value))
            return
        self._stop_pending()
        self._pending = self.set_timer(
            self.debounce, lambda: self.post_message(self.Changed(self, value))
        )

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._stop_pending()
        self.post_message(self.Submitted(self, event.value))
