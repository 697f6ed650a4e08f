"""What can go wrong with saved data, each with a one-line message for people."""

from __future__ import annotations

from pathlib import Path

from kata_tui.domain.errors import KataError
from kata_tui.domain.merge import Merge
from kata_tui.domain.model import Record
from kata_tui.domain.storyboard import Storyboard


class StoreError(KataError):
    """Saving or loading failed; the message says why and that nothing was lost."""


class LockTimeout(StoreError):
    pass


class BoardNotFound(StoreError):
    pass


class Refused(StoreError):
    """The kata's rules refuse this change as the board is stored now (another
    session opened a step a moment ago); nothing of the save was written."""


class BoardFileError(StoreError):
    """A board file that cannot be used as it is. It is never overwritten."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class ConflictError(StoreError):
    """Someone else changed this record since this session read it.

    Carries both versions so the user can keep theirs, take the other, or
    merge by hand. ``theirs`` is the record as it is in the file now;
    ``merge`` (when the version this change was made from is known) tells
    which fields both changed and which only one side did.
    """

    def __init__(
        self, mine: Record, theirs: Record, story: Storyboard, merge: Merge | None = None
    ) -> None:
        self.mine = mine
        self.theirs = theirs
        self.story = story
        self.merge = merge
        who = theirs.stamp.label() if theirs.stamp else "another session"
        kind = type(mine).__name__
        super().__init__(f"{kind} was changed by {who} while you were editing it")


class PendingConflict(ConflictError):
    """A record two plants changed at once (``kata sync``): the board shows
    ``theirs``; ``mine`` is the other version, held pending until someone chooses."""

    def __init__(self, other: Record, shown: Record, story: Storyboard, origin: str) -> None:
        super().__init__(other, shown, story)
        self.origin = origin
