"""Numbers as people type them at the board, read one way everywhere.

A decimal comma is common on plant floors (``2,5``). The unit is never part
of what is typed (forms name it in the label), so ``18 min`` is refused rather
than half-read: a reading typed as ``25 yesterday`` must not quietly lose its date.
"""

from __future__ import annotations

import math
import re

from kata_tui.domain.errors import InvalidInput

_THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+")
MAX_VALUE = 1e12
"""Largest measured value either way (readings, metric targets): a trillion is past
any plant measure, and the run chart and the exports can label every value up to it."""


def parse_number(text: str) -> float:
    if _THOUSANDS.fullmatch(text.strip()):
        # "1,000": a thousand, or one with a decimal comma? Guessing would store a
        # number a thousand times off.
        raise InvalidInput(f"unclear number: {text.strip()!r} (write 1000, or 1.5 with a point)")
    word = text.strip().replace(",", ".")
    try:
        value = float(word)
    except ValueError:
        raise InvalidInput(f"not a number: {text.strip()!r} (try 25 or 2.5)") from None
    if not math.isfinite(value):
        raise InvalidInput(f"not a number: {text.strip()!r} (try 25 or 2.5)")
    return in_range(value, text.strip())


def in_range(value: float, shown: object) -> float:
    """``value`` if it is finite and within ``MAX_VALUE`` either way; else one clear error."""
    if not math.isfinite(value) or abs(value) > MAX_VALUE:
        raise InvalidInput(
            f"out of range: {shown!r} (numbers are at most 1,000,000,000,000 either way)"
        )
    return value


def parse_optional_number(text: str) -> float | None:
    """Empty means none (a metric without a target value)."""
    return parse_number(text) if text.strip() else None


def number_text(value: float | None) -> str:
    """``25`` not ``25.0``, and every digit kept: a form saved unchanged must not
    round a value (``f"{v:g}"`` would turn 1234567 into 1.23457e+06)."""
    if value is None:
        return ""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text
