"""The one-line input of every kata-tui screen: a cursor that does not blink.

Over SSH a blinking cursor costs bandwidth every half second while idle.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Input


class KataInput(Input):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cursor_blink = False
