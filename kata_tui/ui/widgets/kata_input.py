"""The one-line input of every kata-tui screen: a cursor that does not blink, and a
long line shown from its start when the input is left.

Over SSH a blinking cursor costs bandwidth every half second while idle.
Typing scrolls a long line to show its end; a field left that way would show
the tail of its text to the next reader, so leaving it scrolls back to the
start, and coming back scrolls to the cursor again.
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from textual import events
from textual.geometry import Region
from textual.widgets import Input


class KataInput(Input):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cursor_blink = False

    def on_blur(self, event: events.Blur) -> None:
        self.scroll_home(animate=False, immediate=True)

    def on_focus(self, event: events.Focus) -> None:
        cursor = cell_len(self.value[: self.cursor_position])
        self.scroll_to_region(Region(cursor, 0, 1, 1), force=True, animate=False, immediate=True)
