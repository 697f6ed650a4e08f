"""Scrolling widgets (and the answer line) that leave PgUp and PgDn to the screen.

On the board PgUp/PgDn step the coaching-kata card. Textual's scroll
containers, and the Input (a scroll view), bind them to paging, and the
focused section or answer line sits in or is one, so it would take them
first. Declaring their keys without the page keys (``inherit_bindings=False``,
as toolong's ``LogLines``) lets PgUp/PgDn reach the screen as normal keys,
after the keys typed before them.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode

from kata_tui.ui.widgets.kata_input import KataInput

PAGE_KEYS = frozenset({"pageup", "pagedown"})


def without_page_keys(widget: type[DOMNode]) -> list[BindingType]:
    """The keys ``widget`` has, less PgUp and PgDn: each class's ``BINDINGS``, base
    first, a key bound again replacing the base's binding (as Textual merges them)."""
    merged: dict[str, list[Binding]] = {}
    for cls in reversed(widget.__mro__):
        own: dict[str, list[Binding]] = {}
        for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", [])):
            own.setdefault(binding.key, []).append(binding)
        merged.update(own)
    return [b for key, bindings in merged.items() if key not in PAGE_KEYS for b in bindings]


class PagelessScroll(VerticalScroll, inherit_bindings=False):
    """``VerticalScroll`` without PgUp/PgDn (the screen pages it when no cycle runs)."""

    BINDINGS: ClassVar[list[BindingType]] = without_page_keys(VerticalScroll)


class PagelessInput(KataInput, inherit_bindings=False):
    """``KataInput`` without PgUp/PgDn (a one-line input never pages anyway)."""

    BINDINGS: ClassVar[list[BindingType]] = without_page_keys(KataInput)
