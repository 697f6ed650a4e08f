"""STUB (owner: coaching-screen helper): storyboard beside the coaching-kata card."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from kata_tui.store.session import BoardSession
from kata_tui.ui.literal import literal


class BoardScreen(Screen[None]):
    def __init__(self, session: BoardSession, *, follow: bool = False) -> None:
        super().__init__()
        self.session = session
        self.follow = follow

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(literal(self.session.story.board.challenge))
        yield Footer()
