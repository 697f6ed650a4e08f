"""The one narrow object the UI talks to about a board.

A ``BoardSession`` holds what this user last saw of one board, saves their
changes through the storage protocol, and tells whether another process has
saved since. The UI never touches files: it gets Storyboards and hands back
records.
"""

from __future__ import annotations

import os
import pwd
from collections.abc import Iterable

from kata_tui.domain.clock import Clock
from kata_tui.domain.model import Record, Role
from kata_tui.domain.storyboard import Storyboard
from kata_tui.store.board_file import BoardFile, Editor
from kata_tui.store.datadir import DataDir


def login_name() -> str:
    """``$USER`` (what people see in their prompt), else the account name."""
    name = os.environ.get("USER") or os.environ.get("LOGNAME")
    if name:
        return name
    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except KeyError:
        return f"uid{os.getuid()}"


class BoardSession:
    def __init__(self, data: DataDir, slug: str, editor: Editor, clock: Clock) -> None:
        self.data = data
        self.file: BoardFile = data.board(slug)
        self.editor = editor
        self.clock = clock
        self.story: Storyboard = self.file.load()
        self._state = self.file.seen
        self.file.sweep()  # opening a board tidies what killed sessions left

    @property
    def warning(self) -> str | None:
        """What the last save could not do although it saved, to tell the user."""
        return self.file.warning

    @property
    def slug(self) -> str:
        return self.file.slug

    def set_role(self, role: Role) -> None:
        self.editor = Editor(self.editor.user, role)

    def save(self, *records: Record) -> Storyboard:
        """Save records edited from ``self.story``; ConflictError if someone beat us."""
        return self.save_all(records)

    def save_all(self, records: Iterable[Record]) -> Storyboard:
        self.story = self.file.commit(records, self.editor, self.clock.now())
        self._state = self.file.seen
        return self.story

    def changed_on_disk(self) -> bool:
        """Cheap: a stat, then the head line only if the stat moved."""
        state = self.file.state()
        if state == self._state:
            return False
        self._state = state
        head = self.file.head()
        if head is None:
            return True
        return head[0] != self.story.revision

    def reload(self) -> Storyboard:
        self.story = self.file.load()
        self._state = self.file.seen
        return self.story

    def poll(self) -> Storyboard | None:
        """The new board if another process saved it since we last looked."""
        if self.changed_on_disk():
            return self.reload()
        return None
