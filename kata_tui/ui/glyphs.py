"""Characters a limited terminal can draw, put in place of the ones it cannot.

A line filter (Textual's last step before the terminal) passes every painted
character through a table, so nothing escapes it: Textual's own borders,
scrollbars and toasts, the header's dash, and text people typed. Each
character keeps its width, so layout is untouched.

- ``console`` (the Linux console's Lat15 font): ASCII, Latin-1, Latin-9's
  extra letters and the light and double box-drawing lines stay; heavy and
  rounded lines become light ones; block elements (tall and thick borders,
  scrollbar ends, toast edges) become lines; anything else its letter without
  accents, or ``?``.
- ``ascii`` (a locale that is not UTF-8): only ASCII; box drawing becomes
  ``+ - |``, letters lose their accents.

The CSS (``App.-glyphs-console``, ``App.-glyphs-ascii`` in styles/app.tcss)
chooses border types these terminals draw well; this table is the guarantee.
"""

from __future__ import annotations

import unicodedata

from rich.cells import cell_len
from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from kata_tui.ui.terminal import Glyphs

_LATIN9 = set("€ŠšŽžŒœŸ")
_CONSOLE_BOX = set(
    "─│┌┐└┘├┤┬┴┼"  # light
    "═║╒╓╔╕╖╗╘╙╚╛╜╝╞╟╠╡╢╣╤╥╦╧╨╩╪╫╬"  # double, and light meeting double
)
"""The box-drawing characters of the PC character set, all in Lat15."""

_PUNCTUATION = {
    "—": "-",
    "–": "-",
    "‒": "-",
    "―": "-",
    "‐": "-",
    "‑": "-",
    "…": ".",
    "‘": "'",
    "’": "'",
    "‚": ",",
    "“": '"',
    "”": '"',
    "„": '"',
    "•": "*",
    "·": ".",
    "⏎": "<",
    "←": "<",
    "→": ">",
    "↑": "^",
    "↓": "v",
    "▼": "v",
    "▲": "^",
    "▶": ">",
    "◀": "<",
    "✓": "v",
    "✔": "v",
    "✗": "x",
    "✘": "x",
    "×": "x",
    "«": "<",
    "»": ">",
    "°": "o",
    "\u00a0": " ",
}
"""Common typographic characters and their ASCII stand-ins, one cell each."""


def in_console_font(char: str) -> bool:
    code = ord(char)
    return 0x20 <= code < 0x7F or 0xA0 <= code <= 0xFF or char in _LATIN9 or char in _CONSOLE_BOX


def _box(name: str, glyphs: Glyphs) -> str:
    """A box-drawing character by its name's parts."""
    vertical = "VERTICAL" in name or "UP" in name or "DOWN" in name
    horizontal = "HORIZONTAL" in name or "LEFT" in name or "RIGHT" in name
    if glyphs == "console":
        if vertical != horizontal:  # a straight line
            double = "DOUBLE" in name and "DASH" not in name
            if vertical:
                return "║" if double else "│"
            return "═" if double else "─"
        lighter = name.replace("HEAVY", "LIGHT").replace("ARC ", "")
        try:
            char = unicodedata.lookup(lighter)
        except KeyError:
            return "┼"
        return char if char in _CONSOLE_BOX else "┼"
    if vertical and horizontal:
        return "+"
    return "|" if vertical else "-"


def _block(name: str, glyphs: Glyphs) -> str:
    """A block element: a line where it draws an edge, a space where it fills."""
    console = glyphs == "console"
    if name.startswith("LEFT") or name.startswith("RIGHT"):
        return "│" if console else "|"
    if name.startswith("UPPER") or name == "UPPER HALF BLOCK":
        return "¯" if console else "-"
    if name.startswith("LOWER"):
        return "_"
    if "SHADE" in name:
        return "#"
    return " "


def stand_in(char: str, glyphs: Glyphs) -> str:
    """What ``glyphs`` draws for ``char``: the same number of cells."""
    width = cell_len(char)
    if width == 0:
        return ""
    if (glyphs == "ascii" and char.isascii()) or (glyphs == "console" and in_console_font(char)):
        return char
    if char in _PUNCTUATION:
        return _PUNCTUATION[char]
    name = unicodedata.name(char, "")
    if name.startswith("BOX DRAWINGS"):
        return _box(name, glyphs)
    if 0x2580 <= ord(char) <= 0x259F:
        return _block(name, glyphs)
    bare = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    drawable = str.isascii if glyphs == "ascii" else _all_in_console_font
    if bare and cell_len(bare) == width and drawable(bare):
        return bare
    return "?" * width


class _Table(dict[int, str]):
    """``str.translate``'s table, filled in as characters are met."""

    def __init__(self, glyphs: Glyphs) -> None:
        super().__init__()
        self.glyphs = glyphs

    def __missing__(self, code: int) -> str:
        char = chr(code)
        self[code] = replacement = stand_in(char, self.glyphs)
        return replacement


class GlyphFilter(LineFilter):
    """Every painted character through the table of ``glyphs``."""

    def __init__(self, glyphs: Glyphs) -> None:
        super().__init__()
        self.table = _Table(glyphs)
        self.keep = (lambda text: text.isascii()) if glyphs == "ascii" else _all_in_console_font

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        keep, table = self.keep, self.table
        return [
            segment
            if segment.control or keep(segment.text)
            else Segment(segment.text.translate(table), segment.style, segment.control)
            for segment in segments
        ]


def _all_in_console_font(text: str) -> bool:
    return text.isascii() or all(in_console_font(c) for c in text)
