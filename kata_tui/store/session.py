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
from kata_tui.domain.merge import rebase
from kata_tui.domain.model import Editor, Record
from kata_tui.domain.storyboard import TABLES, Storyboard
from kata_tui.store.board_file import BoardFile, Pending
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
        self._own: set[tuple[str, int]] = set()
        """(record id, rev) of every version this session wrote: never a conflict with itself."""
        self._earlier: dict[str, dict[int, Record]] = {}
        """Versions this session showed that a newer one replaced since: the base an
        edit begun on them is merged from."""
        self.file.sweep()  # opening a board tidies what killed sessions left

    @property
    def warning(self) -> str | None:
        """What the last save could not do although it saved, to tell the user."""
        return self.file.warning

    @property
    def slug(self) -> str:
        return self.file.slug

    def save(
        self, *records: Record, bases: Iterable[Record] = (), remove: Iterable[Record] = ()
    ) -> Storyboard:
        """Save records edited from what this session showed; drop ``remove``.

        Each edit is merged from its base: given in ``bases`` (what a card
        question showed when it was asked), else the version with the
        edit's ``rev`` that this session read. ConflictError when someone
        else changed a field this edit changes too.
        """
        known = {base.id: base for base in bases}
        edits = []
        for record in records:
            base = known.get(record.id)
            if base is not None and base.rev != record.rev:
                # made on a newer version than the base: the same edit, made on the base
                made_from = self.version(type(record), record.id, record.rev)
                record = rebase(made_from, record, base) if made_from is not None else record
            elif base is None and record.rev:
                base = self.version(type(record), record.id, record.rev)
                if base is not None:
                    known[record.id] = base
            edits.append(record)
        records = tuple(edits)
        before = self.story
        self.story = self.file.commit(
            records, self.editor, self.clock.now(), bases=known, own=self._own, remove=remove
        )
        self._state = self.file.seen
        for record in records:
            stored = self.story.find(type(record), record.id)
            if stored is not None:
                self._own.add((stored.id, stored.rev))
        self._remember(before, self.story)
        return self.story

    def version(self, kind: type, record_id: str, rev: int) -> Record | None:
        """The version ``rev`` of a record, if this session has shown it."""
        current = self.story.find(kind, record_id)
        if current is not None and current.rev == rev:
            return current
        return self._earlier.get(record_id, {}).get(rev)

    def _remember(self, old: Storyboard, new: Storyboard) -> None:
        """Keep the versions ``new`` replaced: edits begun on them merge from them."""
        if old is new:
            return
        for kind in TABLES:
            before, after = old.records(kind), new.records(kind)
            if before is after:
                continue
            now = {record.id: record for record in after}
            for record in before:
                if now.get(record.id) is not record:
                    self._earlier.setdefault(record.id, {})[record.rev] = record

    def pending(self) -> tuple[Pending, ...]:
        """Versions of records that two plants changed at once, still to be chosen between."""
        return self.file.pending()

    def settle(self, pending: Pending, keep: Record | None) -> Storyboard:
        """Decide on a pending version: save ``keep`` (rebased on the stored
        record) in its place, or keep the stored record when ``keep`` is None."""
        before = self.story
        self.story = self.file.commit(
            [keep] if keep is not None else [], self.editor, self.clock.now(), decided=[pending.key]
        )
        self._state = self.file.seen
        self._remember(before, self.story)
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
        before = self.story
        self.story = self.file.load()
        self._state = self.file.seen
        self._remember(before, self.story)
        return self.story

    def poll(self) -> Storyboard | None:
        """The new board if another process saved it since we last looked."""
        if self.changed_on_disk():
            return self.reload()
        return None
