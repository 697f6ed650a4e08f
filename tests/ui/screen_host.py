"""A bare app that shows one screen or widget, for testing it on its own."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widget import Widget

from kata_tui.ui.stylesheets import stylesheet


class ScreenHost(App[None]):
    """Pushes ``make_screen()`` on mount and keeps what it dismisses with."""

    TITLE = "kata-tui"
    CSS_PATH = [stylesheet("app.tcss")]

    def __init__(self, make_screen: Callable[[], Screen[Any]]) -> None:
        super().__init__()
        self.make_screen = make_screen
        self.results: list[Any] = []

    def on_mount(self) -> None:
        self.push_screen(self.make_screen(), self.results.append)


class WidgetHost(App[None]):
    """Composes the given widgets on the default screen."""

    TITLE = "kata-tui"

    def __init__(self, *widgets: Widget, css: list[str] | None = None) -> None:
        self.CSS_PATH = [stylesheet(name) for name in ["app.tcss", *(css or [])]]
        super().__init__()
        self.widgets = widgets

    def compose(self) -> ComposeResult:
        yield from self.widgets
