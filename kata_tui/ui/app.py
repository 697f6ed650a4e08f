"""The Textual application: holds the data directory, the clock and who is typing.

Screens reach the store only through ``self.app.data`` (listing, creating)
and a ``BoardSession`` (one board), both handed out here. Screens other than
the first are imported where they are opened: start-up pays only for what
it shows.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import Any

from textual.app import App, SystemCommand
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.content import Content
from textual.filter import LineFilter
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen

from kata_tui.domain.clock import Clock
from kata_tui.domain.model import Editor
from kata_tui.domain.text import visible
from kata_tui.store.datadir import DataDir
from kata_tui.store.session import BoardSession
from kata_tui.ui import startup_gc
from kata_tui.ui.merge_runs import MergeRuns
from kata_tui.ui.screens.base import KataScreen
from kata_tui.ui.stylesheets import stylesheet
from kata_tui.ui.terminal import TerminalPolicy, colour_wanted

GC_AFTER_START = 1.0
"""Seconds after start when cyclic garbage collection comes back on: the first
screen has painted well before, on the plant server's 300-experiment boards too."""


FIRST = "first"
"""The mode kata starts in: its first screen at the bottom of the stack."""
LIST = "boards"
"""The mode of the board list built when the board kata opened on is left."""


class KataApp(App[int]):
    TITLE = "kata-tui"
    SUB_TITLE = "Toyota Kata coaching"
    CSS_PATH = [stylesheet("app.tcss")]
    DEFAULT_MODE = FIRST
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("question_mark", "help", "Help", key_display="?"),
        # Tab moves the focus before the next key is handed on: keys that arrive
        # with it (a quick typist, a paste, an SSH link sending a burst) go to the
        # field Tab moved to. Without priority, Tab travels to the focused widget
        # and back up to the screen first, and the keys behind it land in the
        # field it was meant to leave.
        Binding("tab", "focus_next", "Next field", show=False, priority=True),
        Binding("shift+tab", "focus_previous", "Previous field", show=False, priority=True),
    ]

    def __init__(
        self,
        data: DataDir,
        *,
        editor: Editor,
        clock: Clock,
        board: str | None = None,
        follow: bool = False,
        terminal: TerminalPolicy | None = None,
    ) -> None:
        self.terminal = terminal or TerminalPolicy(colour=colour_wanted(os.environ))
        """What the terminal shows (colour, characters), chosen once by ``kata``."""
        if not self.terminal.colour:
            # Textual's NoColor filter (every colour dropped) applies only with
            # ANSI colours; otherwise it greys them (truecolour codes still).
            super().__init__(ansi_color=True)
        else:
            # An empty NO_COLOR means colour (no-color.org); Textual counts it as set.
            os.environ.pop("NO_COLOR", None)
            super().__init__()
        self.add_mode(FIRST, self._first_screen)
        self._own_filters: list[LineFilter] = [MergeRuns()]
        if self.terminal.glyphs != "unicode":
            from kata_tui.ui.glyphs import GlyphFilter

            self._own_filters.insert(0, GlyphFilter(self.terminal.glyphs))
            self.add_class(f"-glyphs-{self.terminal.glyphs}")
        self.data = data
        self.editor = editor
        self.clock = clock
        self.initial_board = board
        self.follow = follow
        self._list_below = board is not None
        """Opened on a board: the board list is built when that board is left."""

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, then the terminal's characters, then one run per style."""
        return [*super().get_line_filters(), *self._own_filters]

    def get_key_display(self, binding: Binding) -> str:
        """Key names in words where the terminal lacks Textual's symbols (``⏎``)."""
        display = super().get_key_display(binding)
        if self.terminal.glyphs == "unicode" or display.isascii():
            return display
        return binding.key.split(",")[0].replace("_", " ").title()

    def _first_screen(self) -> Screen[Any]:
        """The first screen (the board list, or the board ``kata BOARD`` names) is the
        bottom of its mode's stack: nothing lies under it. A screen under it would
        repaint itself and then the whole terminal over it, once or more as start-up
        settles: bytes a slow link pays for."""
        if self.initial_board is None:
            from kata_tui.ui.screens.board_list import BoardListScreen

            return BoardListScreen()
        # ``kata BOARD``: no time spent building a list nobody sees yet.
        return self._board_screen(self.initial_board, follow=self.follow)

    def on_mount(self) -> None:
        startup_gc.resume_later(self, GC_AFTER_START)

    @property
    def can_go_back(self) -> bool:
        """Whether the current screen has one to go back to (the board list is built
        when the first board is left)."""
        return len(self.screen_stack) > 1 or self._list_below

    def pop_screen(self) -> AwaitComplete:
        """Leaving the first board shows the board list, as if it had been under it
        (the list's own mode; the first board's goes)."""
        if self._list_below and len(self.screen_stack) == 1:
            from kata_tui.ui.screens.board_list import BoardListScreen

            self._list_below = False
            self.add_mode(LIST, BoardListScreen)
            self.switch_mode(LIST)
            return self.remove_mode(FIRST)
        return super().pop_screen()

    def open_session(self, slug: str) -> BoardSession:
        return BoardSession(self.data, slug, self.editor, self.clock)

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        """A dialog opens clear of the notices about the screen below it."""
        if isinstance(screen, ModalScreen):
            self.clear_notifications()
        return super().push_screen(screen, *args, **kwargs)

    def open_board(
        self, slug: str, *, follow: bool = False, experiment: str = "", start_cycle: bool = False
    ) -> None:
        """Show one board; ``follow`` opens it read-only, tracking a cycle elsewhere;
        ``experiment`` puts the cursor on that step; ``start_cycle`` then does what
        c does there."""
        screen = self._board_screen(
            slug, follow=follow, experiment=experiment, start_cycle=start_cycle
        )
        self.push_screen(screen)

    def _board_screen(
        self, slug: str, *, follow: bool, experiment: str = "", start_cycle: bool = False
    ) -> Screen[Any]:
        from kata_tui.ui.screens.board_screen import BoardScreen

        return BoardScreen(
            self.open_session(slug),
            follow=follow,
            experiment=experiment,
            start_cycle=start_cycle,
        )

    def format_title(self, title: str, sub_title: str) -> Content:
        """Every screen's header: titles hold names from board files, shown, never run."""
        return super().format_title(
            visible(title, one_line=True), visible(sub_title, one_line=True)
        )

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every toast: messages quote names and texts from board files. Over a
        dialog one at a time, so notices never pile down over its fields."""
        if isinstance(self.screen, ModalScreen):
            # queued like the notice itself (Textual adds it when its message is
            # handled), so the clearing lands between the one before and this one
            self.call_later(self.clear_notifications)
        super().notify(
            visible(message),
            title=visible(title, one_line=True),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's commands plus every key of the current screen, by its description."""
        from kata_tui.ui.screens.help import binding_commands

        yield from super().get_system_commands(screen)
        yield from binding_commands(self, screen)

    def action_help(self) -> None:
        from kata_tui.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        self.leave()

    def leave(self) -> None:
        """Quit, but ask first when a coaching cycle is driven from here (pause or end
        it, then the rest is asked again) or an editor holds text not yet saved."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, KataScreen) and screen.ask_before_leaving(self.leave):
                return
        if any(isinstance(screen, KataScreen) and screen.is_dirty for screen in self.screen_stack):
            from kata_tui.ui.screens.confirm import ConfirmScreen

            def answered(leave: bool | None) -> None:
                if leave:
                    self.exit(0)

            self.push_screen(
                ConfirmScreen("An editor has text that is not saved. Quit and lose it?"),
                answered,
            )
            return
        self.exit(0)
