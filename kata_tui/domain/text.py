"""Typed text is data: make control characters visible, never executed.

The terminal must never receive an escape sequence someone typed (or pasted,
or imported), nor a bidi control that reorders what is shown. Caret notation
(``^[``) is used rather than Unicode control pictures because the Linux console
font lacks those glyphs.
"""

from __future__ import annotations

MAX_TEXT = 20_000
"""Longest text field accepted: a page of notes, not a pasted log file."""

_KEEP = {"\n"}
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
"""Marks, embeddings, overrides and isolates: they reorder what is shown around
them ("gnp.exe" shown as "exe.png", 41 as 14), so they are spelled out too."""


def _caret(ch: str) -> str:
    code = ord(ch)
    if code == 0x7F:
        return "^?"
    if code < 0x20:
        return "^" + chr(code + 0x40)
    return f"<U+{code:04X}>"


def _is_control(ch: str) -> bool:
    code = ord(ch)
    # a lone surrogate (from a bad paste or a file read with surrogateescape)
    # cannot be encoded for the terminal at all: spell it out too
    return (
        code < 0x20
        or code == 0x7F
        or 0x80 <= code < 0xA0
        or 0xD800 <= code <= 0xDFFF
        or ch in BIDI_CONTROLS
    )


def visible(text: str, *, one_line: bool = False) -> str:
    """``text`` with every control character spelled out.

    Tabs become a space; Windows line ends count as newlines. With
    ``one_line`` newlines become `` / `` so a multi-line answer fits one
    table cell.
    """
    if text.isprintable():  # no control character, tab or line end: nothing to spell out
        return text
    text = text.replace("\r\n", "\n")
    out: list[str] = []
    for ch in text:
        if ch == "\t":
            out.append(" ")
        elif ch in _KEEP:
            out.append(" / " if one_line else ch)
        elif _is_control(ch):
            out.append(_caret(ch))
        else:
            out.append(ch)
    return "".join(out)


def clip(text: str, width: int) -> str:
    """At most ``width`` characters, ending in "~" when cut (ASCII: the Linux console
    font has no ellipsis).

    The cut falls between words, so no word is shown half ("Cut~", not "Cut fir~");
    only a first word longer than the room is cut inside itself.
    """
    if width <= 0:
        return ""
    if len(text) <= width:
        return text
    kept = text[: width - 1]
    if not text[width - 1].isspace():
        space = kept.rfind(" ")
        if space > 0 and kept[:space].strip():
            kept = kept[:space]
    return kept.rstrip() + "~" if kept.strip() else kept + "~"
