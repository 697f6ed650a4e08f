"""Cyclic garbage collection stays off while the app starts, and comes back on once it runs.

Textual's import and the first screens build tens of thousands of objects that
live as long as the app; collecting while they are built only walks over them
again and again (a tenth of the start-up). ``kata`` turns collection off
before it imports Textual (``paused``), and the app turns it back on a moment
after its first screen has painted (``resume_later``). Imports no Textual.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App


@contextmanager
def paused() -> Iterator[None]:
    """Around the whole run of the app: off now, on again when the app is over."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def resume_later(app: App[object], delay: float) -> None:
    """Collection back on ``delay`` seconds from now, if start-up turned it off."""
    if not gc.isenabled():
        app.set_timer(delay, _resume)


def _resume() -> None:
    # Start-up's garbage collected once, while idle; what it built and kept
    # stays for the whole run: frozen, later collections skip it.
    gc.collect()
    gc.freeze()
    gc.enable()
