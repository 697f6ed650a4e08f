"""Numbers as people type them at the board, read one way everywhere.

A decimal comma is common on plant floors (``2,5``). The unit is never part
of what is typed (forms name it in the label), so ``18 min`` is refused rather
than half-read: a reading typed as ``25 yesterday`` must not quietly lose its date.
"""

from __future__ import annotations

import math

from kata_tui.domain.errors import InvalidInput


def parse_number(text: str) -> float:
    word = text.strip().replace(",", ".")
    try:
        value = float(word)
    except ValueError:
        raise InvalidInput(f"not a number: {text.strip()!r} (try 25 or 2.5)") from None
    if not math.isfinite(value):
        raise InvalidInput(f"not a number: {text.strip()!r} (try 25 or 2.5)")
    return value


def parse_optional_number(text: str) -> float | None:
    """Empty means none (a metric without a target value)."""
    return parse_number(text) if text.strip() else None


def number_text(value: float | None) -> str:
    """``25`` not ``25.0``; empty for none."""
    return "" if value is None else f"{value:g}"
