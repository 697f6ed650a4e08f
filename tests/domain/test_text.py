"""Typed text is shown, never executed."""

from __future__ import annotations

import unicodedata

import pytest

from kata_tui.domain.text import clip, visible


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("plain words", "plain words"),
        ("\x1b[31mred\x1b[0m", "^[[31mred^[[0m"),
        ("\x1b]0;pwned\x07", "^[]0;pwned^G"),
        ("\x9b31m", "<U+009B>31m"),
        ("bell\x07", "bell^G"),
        ("nul\x00", "nul^@"),
        ("del\x7f", "del^?"),
        ("back\bspace", "back^Hspace"),
        ("carriage\rreturn", "carriage^Mreturn"),
        ("[bold]not markup[/bold]", "[bold]not markup[/bold]"),
        ("[red]x[/]", "[red]x[/]"),
        ("a\tb", "a b"),
        ("two\nlines", "two\nlines"),
        ("windows\r\nline", "windows\nline"),
        ("lone \ud800 surrogate", "lone <U+D800> surrogate"),
        ("low \udcff half", "low <U+DCFF> half"),
        ("Übergabe – 5 µm ✓ 工程", "Übergabe – 5 µm ✓ 工程"),
        ("", ""),
    ],
)
def test_control_characters_are_spelled_out(typed: str, shown: str) -> None:
    assert visible(typed) == shown


def test_every_result_is_printable_and_encodable() -> None:
    every = "".join(chr(c) for c in range(0x0, 0x250)) + "\ud800\udfff"
    out = visible(every)
    out.encode("utf-8")  # no lone surrogate left to crash the terminal writer
    categories = {unicodedata.category(ch) for ch in out if ch != "\n"}
    assert not categories & {"Cc", "Cs"}  # no control character, no surrogate
    assert "\x1b" not in out


def test_one_line_joins_lines() -> None:
    assert visible("first\nsecond\r\nthird", one_line=True) == "first / second / third"
    assert "\n" not in visible("a\n\x1b\n", one_line=True)


def test_clip() -> None:
    assert clip("abcdef", 10) == "abcdef"
    assert clip("abcdef", 6) == "abcdef"
    assert clip("abcdef", 4) == "abc~"
    assert clip("abcdef", 1) == "~"
    assert clip("abcdef", 0) == ""


def test_clip_cuts_between_words() -> None:
    assert clip("Cut first-pass yield", 8) == "Cut~"
    assert clip("Cut first-pass yield", 15) == "Cut first-pass~"
    assert clip("Cut first-pass yield", 16) == "Cut first-pass~"
    assert clip("ab  cd ef", 6) == "ab~"
    assert clip("Changeover on press", 7) == "Change~"  # one long first word
    assert clip("   abcdef", 5) == "   a~"


def test_bidi_controls_are_spelled_out():
    assert visible("gnp\u202e.exe") == "gnp<U+202E>.exe"
    for ch in "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069":
        assert ch not in visible(f"a{ch}b", one_line=True)


def test_the_edges_of_the_control_ranges() -> None:
    """Exactly C0 (below 0x20), DEL, C1 (0x80-0x9F) and lone surrogates are spelled out."""
    assert visible("\x1f") == "^_" and visible(" x") == " x"
    assert visible("\x7f") == "^?" and visible("~") == "~"
    assert visible("\x80") == "<U+0080>" and visible("\x9f") == "<U+009F>"
    assert visible("a\xa0b") == "a\xa0b"  # no-break space: not printable, not control
    assert visible("\ud800") == "<U+D800>" and visible("\udfff") == "<U+DFFF>"
    assert visible("a\ue000") == "a\ue000"  # private use: kept
