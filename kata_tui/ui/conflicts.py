"""Conflicts on a board: the dialog for a record changed elsewhere, one at a time.

A save that meets someone else's newer version, or a record two plants changed
at once (``kata sync`` kept both versions), is settled in the conflict dialog;
nothing already saved is overwritten unasked. ``ConflictHandler`` is held by
the board screen, which keeps the saving itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kata_tui.domain.model import Record
from kata_tui.store.errors import ConflictError, PendingConflict, StoreError

if TYPE_CHECKING:
    from kata_tui.ui.screens.board_screen import BoardScreen


class ConflictHandler:
    """The board's conflict dialogs: a refused save, and versions pending from sync."""

    def __init__(self, screen: BoardScreen) -> None:
        self.screen = screen
        self.offering = False
        """A pending version (from kata sync) is in the conflict dialog now."""

    def resolve(
        self, error: ConflictError, then: Callable[[], None] | None, rest: list[Record]
    ) -> None:
        """One record at a time: once it is settled, the rest of the same edit is saved."""
        self.screen.session.reload()
        self.screen.show_story(self.screen.session.story)

        def chosen(record: Any) -> None:
            if record is None:  # theirs kept: the rest of this edit may not fit it
                if rest:
                    self.screen.notify(
                        "Kept the other version; the rest of this change was not saved.",
                        severity="warning",
                    )
                return
            if self.screen.save(record, *rest, then=then) and then is not None:
                then()

        from kata_tui.ui.screens.conflict import ConflictScreen

        self.screen.app.push_screen(ConflictScreen(error), chosen)

    def offer_pending(self) -> None:
        """A record two plants changed at once (kata sync kept both versions):
        the conflict dialog, one record at a time, until each is decided."""
        pending = self.screen.session.pending()
        if self.offering or self.screen.follow or not pending:
            return
        item = pending[0]
        shown = self.screen.story.find(type(item.record), item.record.id)
        if shown is None:
            return
        self.offering = True

        def chosen(record: Any) -> None:
            self.offering = False
            try:
                self.screen.show_story(self.screen.session.settle(item, record))
            except ConflictError:  # the record changed again meanwhile: ask with it as now
                self.screen.show_story(self.screen.session.reload())
            except StoreError as error:
                self.screen.notify(str(error), severity="error", markup=False)
                return
            self.offer_pending()

        from kata_tui.ui.screens.conflict import ConflictScreen

        error = PendingConflict(item.record, shown, self.screen.story, item.origin)
        self.screen.app.push_screen(ConflictScreen(error), chosen)
