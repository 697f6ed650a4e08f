"""Taking back a one-key change at once (``ctrl+z`` on the board).

A letter typed on the board with no field focused may start a cycle (``c``)
or change an obstacle's status (``w``, ``p``, ``x``); on a job breakdown it
may move or delete a detail, or start the target condition's breakdown. Such
a change is saved at once, so it offers its own undo: the records as they
were before, and as the key saved them (and the ones it removed). The undo
holds while every record it touched is still exactly as the key left it (a
removed one still gone); any later change to one of them (another save here,
a move of the card, another session's save) retires it, so an undo never
overwrites anything saved since.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from kata_tui.domain.model import Record
from kata_tui.domain.storyboard import Storyboard


@dataclass(frozen=True)
class Undo:
    label: str
    """What ctrl+z takes back, in words: ``the start of the coaching cycle``."""
    saved: tuple[Record, ...]
    """The records as the key saved them."""
    before: tuple[Record | None, ...]
    """Each of them as it was before the key (None: the key created it)."""
    removed: tuple[Record, ...] = ()
    """What the key removed (a deleted detail), as it was stored."""

    def holds(self, story: Storyboard) -> bool:
        """Every record is still as the key saved it, and every removed one still gone."""
        return all(story.find(type(r), r.id) == r for r in self.saved) and all(
            story.find(type(r), r.id) is None for r in self.removed
        )

    def restored(self) -> tuple[Record, ...]:
        """The earlier versions, to save over what the key saved; removed ones made
        again (same id, as new: the file no longer holds them)."""
        return tuple(
            replace(old, rev=new.rev, stamp=new.stamp)
            for old, new in zip(self.before, self.saved, strict=True)
            if old is not None
        ) + tuple(replace(gone, rev=0, stamp=None) for gone in self.removed)

    def created(self) -> tuple[Record, ...]:
        """What the key created: removed again."""
        return tuple(new for old, new in zip(self.before, self.saved, strict=True) if old is None)
