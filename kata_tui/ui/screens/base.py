"""The base of every kata-tui screen: a typed ``app``, ``is_dirty``, and layout once per size.

``KataScreen`` is for full screens, ``KataModal`` for dialogs; a ``KataModal``
is a ``KataScreen`` too, so the app asks any screen of its stack whether it
holds unsaved text.

Layout once per size: when a screen is first laid out, or after the terminal
was resized, Textual sends the screen a Resize event for the size it has just
been laid out at, and the screen lays out and paints everything once more; the
terminal driver also reports the unchanged size once after start-up. On the
two screens kata-tui starts on (the board list and a board) that second pass
is a tenth of the start-up, so they declare ``layout_once=True`` and drop a
Resize to the size they already have; a real change of size goes through.
The other screens open on a key press, where one more layout is not felt.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import events
from textual.screen import ModalScreen, Screen, ScreenResultType

from kata_tui.store.errors import StoreError

if TYPE_CHECKING:
    from kata_tui.domain.storyboard import Storyboard
    from kata_tui.store.session import BoardSession
    from kata_tui.ui.app import KataApp


class KataScreen(Screen[ScreenResultType]):
    LAYOUT_ONCE: ClassVar[bool] = False
    """Drop a Resize to the size the screen already has (set by ``layout_once=True``)."""
    poll_failed: bool = False
    """The last poll of the board failed, and the screen said so."""

    def __init_subclass__(cls, layout_once: bool | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if layout_once is not None:
            cls.LAYOUT_ONCE = layout_once

    @property
    def app(self) -> KataApp:
        """The running app, typed: the data directory, clock and editor live on it."""
        return cast("KataApp", super().app)

    @property
    def is_dirty(self) -> bool:
        """Whether the screen holds typed text not saved yet (asked before quitting)."""
        return False

    def ask_before_leaving(self, leave: Callable[[], None]) -> bool:
        """Whether leaving needs a choice first; if so the screen asks and calls ``leave``
        once it is settled (a board driving a coaching cycle: pause it or end it)."""
        return False

    def poll_session(self, session: BoardSession) -> Storyboard | None:
        """What another process saved since the last read (None: nothing new, or a
        read that failed). A failing read is said once, not on every tick of the
        poll, until a read succeeds again."""
        try:
            story = session.poll()
        except StoreError as error:
            if not self.poll_failed:
                self.poll_failed = True
                self.notify(str(error), severity="error", markup=False)
            return None
        self.poll_failed = False
        return story

    def on_resize(self, event: events.Resize) -> None:
        # A subclass's own ``on_resize`` runs first: Textual calls the handler of
        # each class in turn until one prevents the default.
        if self.LAYOUT_ONCE and event.size == self.outer_size:
            event.prevent_default()


class KataModal(ModalScreen[ScreenResultType], KataScreen[ScreenResultType]):
    """A dialog over another screen."""
