"""User text into Rich ``Text``: never markup, control characters visible.

Every widget that shows what a person typed goes through here (or through
``Static(..., markup=False)`` with ``visible``), so ``[bold]`` shows as typed
and an escape sequence cannot reach the terminal.
"""

from __future__ import annotations

from rich.text import Text

from kata_tui.domain.text import visible


def literal(text: str, *, one_line: bool = False, style: str = "") -> Text:
    return Text(visible(text, one_line=one_line), style=style, no_wrap=False, end="")
