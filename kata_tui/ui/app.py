"""The Textual application: holds the data directory, the clock and who is typing."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from kata_tui.domain.clock import Clock
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir
from kata_tui.ui.screens.board_list import BoardListScreen
from kata_tui.ui.stylesheets import stylesheet


class KataApp(App[int]):
    TITLE = "kata-tui"
    SUB_TITLE = "Toyota Kata coaching"
    CSS_PATH = [stylesheet("app.tcss")]
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(
        self,
        data: DataDir,
        *,
        editor: Editor,
        clock: Clock,
        board: str | None = None,
        follow: bool = False,
    ) -> None:
        super().__init__()
        self.data = data
        self.editor = editor
        self.clock = clock
        self.initial_board = board
        self.follow = follow

    def on_mount(self) -> None:
        self.push_screen(BoardListScreen())
