"""One layout per size for every kata-tui screen.

When a screen is first laid out, or after the terminal was resized, Textual
sends the screen a Resize event for the size it has just been laid out at,
and the screen lays out and paints everything once more. The terminal
driver also reports the unchanged size once after start-up, with the same
effect. On the board screen each of those was a tenth of the start-up
(issue 6). Screens with this mixin drop a Resize to the size they already
have; a real change of size goes through.
"""

from __future__ import annotations

from textual import events
from textual.geometry import Size


class LayoutOncePerSize:
    """Mix in before Textual's ``Screen`` or ``ModalScreen``. A screen's own
    ``on_resize`` still runs first: Textual calls the handler of each class in
    turn until one prevents the default."""

    outer_size: Size

    def on_resize(self, event: events.Resize) -> None:
        if event.size == self.outer_size:
            event.prevent_default()
