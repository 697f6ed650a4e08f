"""One board, one TinyDB JSON file, and the protocol that keeps it whole.

Every commit: lock the board, re-read the file, check the revision of each
record being changed, number new obstacles, steps and readings from the file
as it is, refuse a second open step and park the obstacle worked on before
when another one is (``domain/save_rules.py``), apply the
changes through TinyDB, write the file atomically, unlock. The file is
TinyDB's own layout (``{table: {doc_id: doc}}``), written one table per line
with a small ``_meta`` table first; that first line carries the file revision
and the board's summary, so a listing of 200 boards reads 200 first lines and
a session polling for changes reads one.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import json
import os
import re
import stat
from collections.abc import Collection, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage

from kata_tui.domain.codec import (
    RECORD_TYPES,
    check_storyboard,
    decode,
    encode,
)
from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.merge import merge
from kata_tui.domain.model import Editor, Record
from kata_tui.domain.save_rules import (
    allocate_numbers,
    park_the_one_worked_on,
    refuse_second_open_step,
)
from kata_tui.domain.storyboard import TABLES, Storyboard, number_obstacles
from kata_tui.domain.summary import BoardSummary, summarize
from kata_tui.store.errors import (
    BoardFileError,
    BoardNotFound,
    ConflictError,
    Refused,
    StoreError,
)
from kata_tui.store.files import (
    atomic_write,
    locked,
    no_constants,
    open_nofollow,
    parse_json,
    read_text_and_stat,
)

FORMAT = 1
META = "_meta"
_DOC_ID = re.compile(r"[1-9][0-9]{0,9}")
PENDING = "_pending"
"""Versions of records that two plants changed at once (``kata sync``), kept
beside the version the board shows until someone chooses between them."""
TABLE_ORDER = (META, *TABLES.values(), PENDING)


@dataclass(frozen=True, slots=True)
class Pending:
    """Another version of a board's record, waiting for someone to choose."""

    key: str
    """Its row in the ``_pending`` table: what a resolution removes."""
    record: Record
    origin: str
    """Where it came from, for people: e.g. ``"plant-b (kata sync)"``."""


class _StagedStorage(Storage):
    """TinyDB storage over data already read under the lock.

    The file is written once per commit by ``BoardFile``, after every change
    of the commit is applied: never left in memory past the commit, unlike
    TinyDB's CachingMiddleware.
    """

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    def read(self) -> dict[str, Any]:
        return self.data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self.data = data


def _identity(info: os.stat_result) -> tuple[int, int, int, int]:
    """What changes whenever a file is replaced or written: inode, size, mtime, ctime."""
    return (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def table_line(name: str, table: dict[str, Any]) -> str:
    return f"{json.dumps(name)}: {json.dumps(table, separators=(',', ':'))}"


def join_lines(lines: list[str]) -> bytes:
    """TinyDB's layout, one table per line."""
    return ("{" + ",\n".join(lines) + "}\n").encode("ascii")


@dataclass(slots=True)
class _Table:
    """One table as read: its exact line (reused when unchanged) and records."""

    line: str | None
    raw: dict[str, Any]
    records: tuple[Record, ...] = ()
    pieces: dict[str, tuple[Any, str]] | None = None
    """doc_id -> (row object, its encoded text), once this process has encoded the table."""
    ids: dict[str, str] | None = None
    """record id -> doc_id, built on first need from the decoded ``records``."""

    def doc_id(self, record_id: str) -> str | None:
        """Where a record is in this table: a dict lookup, not a scan per save."""
        if self.ids is None:
            if len(self.records) == len(self.raw):
                self.ids = {r.id: doc_id for r, doc_id in zip(self.records, self.raw, strict=True)}
            else:  # not decoded (cannot happen after a load): look at the rows themselves
                return next(
                    (
                        k
                        for k, row in self.raw.items()
                        if isinstance(row, dict) and row.get("id") == record_id
                    ),
                    None,
                )
        return self.ids.get(record_id)


def encode_table(name: str, raw: dict[str, Any], known: _Table | None) -> _Table:
    """A table with its line, re-encoding only rows that are not the ones ``known`` encoded.

    The line is exactly ``table_line(name, raw)``: a save of one row of a
    300-row table costs one row's encoding, not 300.
    """
    old = known.pieces if known is not None and known.pieces else {}
    pieces: dict[str, tuple[Any, str]] = {}
    parts = []
    for doc_id, row in raw.items():
        hit = old.get(doc_id)
        if hit is not None and hit[0] is row:
            piece = hit[1]
        else:
            piece = f"{json.dumps(doc_id)}:{json.dumps(row, separators=(',', ':'))}"
        pieces[doc_id] = (row, piece)
        parts.append(piece)
    return _Table(f"{json.dumps(name)}: {{{','.join(parts)}}}", raw, pieces=pieces)


def _split_lines(
    lines: list[str], path: Path, known: dict[str, _Table], only: Container[str] | None
) -> dict[str, _Table] | None:
    """The tables of a file in our layout, one a line; None when a line is not
    one whole table of its own (the file is then parsed whole)."""
    tables: dict[str, _Table] = {}
    for line in lines:
        if not line.startswith('"'):
            return None  # another layout (indented, say): a table's name is not at hand
        name = line[1 : line.find('"', 1)]
        if only is not None and name not in only:
            continue
        seen = known.get(name)
        if seen is not None and seen.line == line:
            if name in tables:
                return None
            tables[name] = seen
            continue
        try:
            parsed = parse_json("{" + line + "}", path)
        except BoardFileError:
            return None
        if len(parsed) != 1 or name not in parsed or name in tables:
            return None
        if not isinstance(parsed[name], dict):
            raise BoardFileError(path, f"not a kata-tui board (table {name!r} is not a table)")
        tables[name] = _Table(line, parsed[name])
    return tables


def split_tables(
    text: str, path: Path, known: dict[str, _Table], only: Container[str] | None = None
) -> dict[str, _Table]:
    """Tables of a board file, parsing only lines that differ from ``known``.

    A file in our one-table-per-line layout costs a parse of the changed
    lines only; any other valid JSON (a hand-edited file, TinyDB's default
    writer) falls back to one full strict parse. With ``only``, the lines
    of other tables are not parsed at all (nor returned).
    """
    body = text.rstrip()
    if body.startswith("{") and body.endswith("}"):
        tables = _split_lines(body[1:-1].split(",\n"), path, known, only)
        if tables is not None:
            return tables
    data = parse_json(text, path)
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise BoardFileError(path, "not a kata-tui board (wrong shape)")
    return {
        name: _Table(None, table) for name, table in data.items() if only is None or name in only
    }


class BoardFile:
    """Access to one board file. Cheap to create; holds only a decode cache."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.slug = path.stem
        self.lock_path = path.with_name(f".{path.name}.lock")
        self.previous_path = path.with_name(f".{path.name}.last-good")
        self._tables: dict[str, _Table] = {}
        """What was last read or written, reused while the file's line is unchanged."""
        self._rows: dict[str, list[dict[str, Any]]] = {}
        self._story: Storyboard | None = None
        """The board decoded from exactly ``_tables``."""
        self._seen: tuple[int, int, int, int] | None = None
        """(inode, size, mtime, ctime) of the file ``_tables`` was read from or written as."""
        self.warning: str | None = None
        """What the last write could not do although it saved (no last good copy kept)."""
        self._pending: tuple[Pending, ...] = ()
        """The ``_pending`` rows of ``_tables``, decoded with the board."""

    # -- reading ----------------------------------------------------------------

    def state(self) -> tuple[int, int, int, int] | None:
        """The file's identity now (a stat): compare with ``seen``."""
        try:
            return _identity(os.stat(self.path, follow_symlinks=False))
        except FileNotFoundError:
            return None

    @property
    def seen(self) -> tuple[int, int, int, int] | None:
        """The identity of the very file last read or written: a change saved by
        someone else right after that read still differs from it."""
        return self._seen

    def _read(self) -> tuple[dict[str, _Table], tuple[int, int, int, int]]:
        """The tables, and the identity of the very file they were read from."""
        try:
            text, info = read_text_and_stat(self.path)
        except FileNotFoundError:
            raise BoardNotFound(f"no board {self.slug!r} in {self.path.parent}") from None
        return split_tables(text, self.path, self._tables), _identity(info)

    def _read_tables(self) -> dict[str, _Table]:
        return self._read()[0]

    def _cached(self) -> Storyboard | None:
        """The board as last read or written, if the file is still exactly what
        ``_tables`` holds: then a commit or a load need not read 2 MB again.
        Protocol writers replace the file by rename, so the path never shows a
        half-written board; the stat (new inode on every save, ctime on any
        change) is the cheap first look and the head line's revision the proof
        (inode numbers get reused, revision counters do not)."""
        meta = self._tables.get(META)
        if self._story is None or self._seen is None or meta is None or meta.line is None:
            return None
        try:
            expected = ("{" + meta.line + ",\n").encode("ascii")
            with open(open_nofollow(self.path), "rb") as handle:
                # the stat and the read are of one descriptor: one file
                if _identity(os.fstat(handle.fileno())) != self._seen:
                    return None
                same = handle.read(len(expected)) == expected
        except (OSError, BoardFileError, UnicodeEncodeError):
            return None
        return self._story if same else None

    def _revision(self, tables: dict[str, _Table]) -> int:
        meta_table = tables.get(META)
        meta = meta_table.raw.get("1", {}) if meta_table else {}
        if not isinstance(meta, dict):
            raise BoardFileError(self.path, "not a kata-tui board (bad _meta)")
        if meta.get("format", FORMAT) != FORMAT:
            raise BoardFileError(
                self.path, f"written by a newer kata-tui (format {meta.get('format')!r})"
            )
        revision = meta.get("revision", 0)
        if not isinstance(revision, int) or isinstance(revision, bool):
            raise BoardFileError(self.path, "not a kata-tui board (bad revision)")
        return revision

    def _decode_table(self, name: str, table: _Table) -> tuple[Record, ...]:
        """Records of one table, re-decoding only rows not seen before."""
        kind = RECORD_TYPES[name]
        previous = (
            {
                id(row): rec
                for row, rec in zip(
                    self._rows.get(name, ()), self._tables[name].records, strict=False
                )
            }
            if name in self._tables
            else {}
        )
        records = []
        for doc_id, row in table.raw.items():
            record = previous.get(id(row)) if previous else None
            if record is None:
                if not _DOC_ID.fullmatch(doc_id):
                    # TinyDB reads keys with int(): "01" would merge with "1" on the
                    # next save (one record lost), "x" would end it in a traceback
                    raise InvalidInput(
                        f"{name}[{doc_id!r}]: document id must be a whole number "
                        "like 1, 2, 3 (no sign, no leading zero)"
                    )
                record = decode(kind, row, f"{name}[{doc_id}]")
            records.append(record)
        return tuple(records)

    def _decode(
        self, tables: dict[str, _Table], seen: tuple[int, int, int, int] | None = None
    ) -> Storyboard:
        """The board from ``tables``; ``seen`` is the file they were read from, if any."""
        if (
            self._story is not None
            and tables.keys() == self._tables.keys()
            and all(table is self._tables[name] for name, table in tables.items())
        ):
            if seen is not None:
                self._seen = seen
            return self._story  # every line as last decoded (and checked) or written
        if "board" not in tables:
            raise BoardFileError(self.path, "not a kata-tui board (no board table)")
        unknown = sorted(set(tables) - set(TABLE_ORDER))
        if unknown:
            raise BoardFileError(self.path, f"not a kata-tui board (unknown table {unknown[0]!r})")
        try:
            for name in RECORD_TYPES:
                table = tables.setdefault(name, _Table(None, {}))
                if table is not self._tables.get(name) or (not table.records and table.raw):
                    table.records = self._decode_table(name, table)
            boards = tables["board"].records
            if len(boards) != 1:
                raise InvalidInput(f"board: expected exactly one board, found {len(boards)}")
            story = number_obstacles(
                Storyboard(
                    board=boards[0],  # type: ignore[arg-type]
                    revision=self._revision(tables),
                    slug=self.slug,
                    **{name: tables[name].records for name in RECORD_TYPES if name != "board"},
                )
            )
            check_storyboard(story)
            pending = decode_pending(tables.get(PENDING), story)
        except InvalidInput as exc:
            raise BoardFileError(self.path, f"not valid board data: {exc}") from None
        self._pending = pending
        self._tables = tables
        self._rows = {name: list(t.raw.values()) for name, t in tables.items()}
        self._story = story
        self._seen = seen
        return story

    def load(self) -> Storyboard:
        """The board as saved now. A file provably unchanged since this object
        last read or wrote it is not read again: ``kata BOARD`` loads the board
        to check it, then the app opens it: a 2 MB board is read once."""
        cached = self._cached()
        return cached if cached is not None else self._decode(*self._read())

    def load_part(self, names: Collection[str]) -> Storyboard:
        """The board with only the tables ``names`` read (and ``board``), the others
        left empty: for a view across many boards that needs a few of a board's
        tables (learnings need the board, its targets and experiments). The
        lines of other tables are not parsed; those read are decoded and
        checked record by record as a load checks them, but references to
        records of tables not read are not. Nothing is cached."""
        wanted = {META, "board", *names}
        try:
            text, _ = read_text_and_stat(self.path)
        except FileNotFoundError:
            raise BoardNotFound(f"no board {self.slug!r} in {self.path.parent}") from None
        tables = split_tables(text, self.path, {}, only=wanted)
        if "board" not in tables:
            raise BoardFileError(self.path, "not a kata-tui board (no board table)")
        try:
            records = {
                name: self._decode_table(name, tables[name])
                for name in RECORD_TYPES
                if name in tables
            }
            boards = records.pop("board")
            if len(boards) != 1:
                raise InvalidInput(f"board: expected exactly one board, found {len(boards)}")
            return Storyboard(
                board=boards[0],  # type: ignore[arg-type]
                revision=self._revision(tables),
                slug=self.slug,
                **records,  # type: ignore[arg-type]
            )
        except InvalidInput as exc:
            raise BoardFileError(self.path, f"not valid board data: {exc}") from None

    def parse(self, text: str) -> Storyboard:
        """The board in ``text`` (already read from this path), checked as a load checks it."""
        return self._decode(split_tables(text, self.path, self._tables))

    def pending(self) -> tuple[Pending, ...]:
        """Other versions of records waiting for a choice, as of the last load or commit."""
        return self._pending

    def head(self) -> tuple[int, BoardSummary] | None:
        """Revision and summary from the first line alone, or None if it can't tell."""
        try:
            with open(open_nofollow(self.path), "rb") as handle:
                if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                    return None  # a full load refuses it in one line
                first = handle.readline(256 * 1024)
        except (OSError, BoardFileError):
            return None
        text = first.decode("utf-8", "replace").rstrip().rstrip(",")
        if not text.startswith('{"_meta"'):
            return None
        try:
            meta = json.loads(text + "}", parse_constant=no_constants)[META]["1"]
            summary = decode(BoardSummary, meta["summary"], "summary")
            revision = meta.get("revision", 0)
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return None
        if not isinstance(revision, int) or isinstance(revision, bool):
            return None
        return revision, replace(summary, slug=self.slug)

    def summary(self) -> BoardSummary:
        head = self.head()
        if head is not None:
            return head[1]
        return replace(summarize(self.load()), slug=self.slug)

    # -- writing ----------------------------------------------------------------

    def create(
        self,
        story: Storyboard,
        editor: Editor,
        at: datetime,
        *,
        keep_stamps: bool = False,
        pending: Sequence[Pending] = (),
    ) -> Storyboard:
        """Write a new board file; refuses to touch an existing one.

        ``keep_stamps`` (import) keeps who changed each record and when, and
        counts the write as one more revision, as ``replace_all`` does.
        ``pending`` (import): other versions of its records, kept as they are
        for whoever opens the board next to choose between.
        """
        stamped = [
            replace(r, rev=r.rev + 1, stamp=r.stamp or editor.stamp(at))
            if keep_stamps
            else replace(r, rev=1, stamp=editor.stamp(at))
            for kind in TABLES
            for r in story.records(kind)
        ]
        staged = self._stage_new(stamped, pending)  # all the work, before the lock
        with locked(self.lock_path):  # held for the final write only
            if self.path.exists() or self.path.is_symlink():
                self._story = None
                raise BoardFileError(self.path, "a board with this name already exists")
            return self._write_staged(*staged, revision=0)

    def commit(
        self,
        changes: Iterable[Record],
        editor: Editor,
        at: datetime,
        *,
        bases: Mapping[str, Record] | None = None,
        own: Container[tuple[str, int]] = frozenset(),
        remove: Iterable[Record] = (),
        decided: Iterable[str] = (),
    ) -> Storyboard:
        """Save changed or new records (and drop ``remove``); returns the board as now stored.

        Each change carries the ``rev`` it was edited from. A record whose
        stored rev differs was changed since: if every revision in between
        is in ``own`` (this session's own writes: fast keys, a burst over
        SSH), the change goes on top of them; else, with its base (the
        version it was edited from, from ``bases``), fields only one side
        changed merge and fields both changed are a ``ConflictError``
        (without a base, any change is). Nothing of a commit with a conflict
        is written. Records this commit does not touch keep whatever others
        saved. New obstacles, steps and readings are numbered after those in
        the file (``allocate_numbers``); a step opened over an open one is
        ``Refused``; an obstacle worked on parks the one stored as worked on
        (``park_the_one_worked_on``).
        ``decided`` names pending versions (``Pending.key``) this commit decides
        on: they leave the file with it.
        """
        decided = set(decided)
        changes = list(changes)
        removals = list(remove)
        with locked(self.lock_path):
            cached = self._cached()
            if cached is not None:
                tables, current = self._tables, cached
            else:
                tables, seen = self._read()
                current = self._decode(tables, seen)
            settled = [self._settle(change, current, bases or {}, own) for change in changes]
            settled = allocate_numbers(current, settled)
            settled = park_the_one_worked_on(current, settled)
            try:
                refuse_second_open_step(current, settled)
            except InvalidInput as exc:
                raise Refused(f"not saved: {exc}") from None
            gone = []
            for record in removals:
                theirs = current.find(type(record), record.id)
                if theirs is not None:
                    self._settle(record, current, {}, own)
                    gone.append(theirs)
            stamp = editor.stamp(at)
            stamped = [replace(c, rev=c.rev + 1, stamp=stamp) for c in settled]
            if decided and PENDING in tables:
                rows = {k: v for k, v in tables[PENDING].raw.items() if k not in decided}
                tables = {**tables, PENDING: _Table(None, rows)}
            return self._write(tables, stamped, revision=current.revision, removed=gone)

    def _settle(
        self,
        change: Record,
        current: Storyboard,
        bases: Mapping[str, Record],
        own: Container[tuple[str, int]],
    ) -> Record:
        """``change`` as it can be written on ``current``, or ``ConflictError``."""
        theirs = current.find(type(change), change.id)
        if theirs is None:
            if change.rev != 0:
                # not a broken file: the record went (a board replaced by import)
                raise StoreError(
                    f"{self.slug}: this {type(change).__name__.lower()} is no longer on "
                    "the board (replaced by another session?); reload to see it as it is"
                )
            return change
        if theirs.rev == change.rev:
            return change
        if change.rev < theirs.rev and all(
            (change.id, rev) in own for rev in range(change.rev + 1, theirs.rev + 1)
        ):
            return replace(change, rev=theirs.rev)
        base = bases.get(change.id)
        if base is None or base.rev != change.rev or type(base) is not type(change):
            raise ConflictError(change, theirs, current)
        merged = merge(base, change, theirs)
        if not merged.clean:
            raise ConflictError(change, theirs, current, merged)
        return merged.resolved("mine")

    def replace_all(
        self, story: Storyboard, editor: Editor, at: datetime, *, pending: Sequence[Pending] = ()
    ) -> Storyboard:
        """Overwrite the whole board (import --replace); the old file stays as last-good.

        A file that does not parse is set aside under a new name first: it
        is neither overwritten nor kept as the "last good" copy. ``pending``
        as in ``create``.
        """
        stamped = [
            replace(r, rev=r.rev + 1, stamp=r.stamp or editor.stamp(at))
            for kind in TABLES
            for r in story.records(kind)
        ]
        staged = self._stage_new(stamped, pending)  # all the work, before the lock
        with locked(self.lock_path):  # held for the old revision and the write only
            revision = 0
            if self.path.exists() or self.path.is_symlink():
                try:
                    revision = self._revision(self._read_tables())
                except BoardFileError:
                    self.set_aside(at)
                    revision = 0
            return self._write_staged(*staged, revision=revision)

    def sweep(self) -> int:
        """Remove temp files that killed writers left behind; how many went.

        Every temp file of this board is made and renamed under the lock, so
        while we hold it, any that exists belongs to a writer that died.
        Best effort: a directory we may not write in is left as it is.
        """
        prefix = f".{self.path.name}."
        removed = 0
        try:
            with locked(self.lock_path, timeout=1.0):
                for entry in os.scandir(self.path.parent):
                    if entry.name.startswith(prefix) and entry.name.endswith(".tmp"):
                        try:
                            os.unlink(entry.path)
                        except OSError:
                            continue
                        removed += 1
        except (StoreError, OSError):
            pass
        return removed

    def set_aside(self, at: datetime) -> Path:
        """Move this file to a new name (``NAME.json.broken-STAMP``), never over anything.

        Callers hold the lock or accept a race with a concurrent save; the
        moved file is kept either way.
        """
        stamp = at.strftime("%Y%m%dT%H%M%S")
        n = 1
        while True:
            suffix = f".broken-{stamp}" if n == 1 else f".broken-{stamp}-{n}"
            target = self.path.with_name(self.path.name + suffix)
            try:
                # a hard link fails if the target exists: no check-then-rename race
                os.link(self.path, target, follow_symlinks=False)
            except FileExistsError:
                n += 1
                continue
            except OSError as exc:
                if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EMLINK):
                    raise StoreError(f"cannot set {self.path.name} aside: {exc.strerror}") from None
                if os.path.lexists(target):  # no hard links here: rename, checking first
                    n += 1
                    continue
                try:
                    os.rename(self.path, target)
                except OSError as err:
                    raise StoreError(f"cannot set {self.path.name} aside: {err.strerror}") from None
            else:
                os.unlink(self.path)
            self._tables = {}
            self._rows = {}
            self._story = None
            self._seen = None
            self._pending = ()
            return target

    def _write(
        self,
        tables: dict[str, _Table],
        records: list[Record],
        *,
        revision: int,
        removed: Sequence[Record] = (),
    ) -> Storyboard:
        touched = {TABLES[type(r)] for r in (*records, *removed)}
        # TinyDB works on shallow copies of the touched tables only: the rows
        # it replaces stay untouched in the cache, and untouched tables keep
        # their exact line.
        db = TinyDB(
            {n: dict(tables[n].raw) if n in tables else {} for n in touched}, storage=_StagedStorage
        )
        placed: dict[tuple[str, str], int] = {}
        """Records this commit inserted: a second change to one finds it here."""
        for record in records:
            name = TABLES[type(record)]
            table = db.table(name)
            doc = encode(record)
            doc_id = placed.get((name, record.id))
            if doc_id is None and name in tables:
                known = tables[name].doc_id(record.id)
                doc_id = int(known) if known is not None else None
            if doc_id is None:
                placed[(name, record.id)] = table.insert(doc)
                continue
            # The stored row was decoded as this record (unknown fields are refused),
            # so every field it has is written again: an update is a replace, in one
            # pass over the table (saves scale with the board). TinyDB updates the
            # row in place: give it a copy, never the row the decode cache holds.
            rows = db.storage.data[name]  # type: ignore[attr-defined]
            rows[str(doc_id)] = dict(rows[str(doc_id)])
            table.update(doc, doc_ids=[doc_id])
        for record in removed:
            name = TABLES[type(record)]
            known = tables[name].doc_id(record.id) if name in tables else None
            if known is not None:
                db.table(name).remove(doc_ids=[int(known)])
        staged = db.storage.read()  # type: ignore[attr-defined]
        new_tables = {name: t for name, t in tables.items() if name != META}
        for name in touched:
            new_tables[name] = encode_table(name, staged[name], self._tables.get(name))
        return self._write_staged(new_tables, self._decode(new_tables), revision=revision)

    def _stage_new(
        self, records: list[Record], pending: Sequence[Pending] = ()
    ) -> tuple[dict[str, _Table], Storyboard]:
        """The tables of a new file holding exactly ``records`` (and ``pending``
        versions of them, waiting for a choice), encoded and checked.

        Rows are numbered 1, 2, 3 per table as TinyDB would number them, without
        TinyDB: its insert copies the whole table each time, which made an import
        quadratic in the board's size (16,000 records took minutes).
        """
        raw: dict[str, dict[str, Any]] = {name: {} for name in TABLES.values()}
        for record in records:
            rows = raw[TABLES[type(record)]]
            rows[str(len(rows) + 1)] = encode(record)
        raw[PENDING] = {
            str(n): {
                "table": TABLES[type(p.record)],
                "record": encode(p.record),
                "origin": p.origin,
            }
            for n, p in enumerate(pending, start=1)
        }
        new_tables = {name: encode_table(name, rows, None) for name, rows in raw.items()}
        return new_tables, self._decode(new_tables)

    def _write_staged(
        self, new_tables: dict[str, _Table], decoded: Storyboard, *, revision: int
    ) -> Storyboard:
        """Write tables already staged and decoded, with the head line of ``revision + 1``."""
        story = dataclasses.replace(decoded, revision=revision + 1)
        meta = {
            "1": {"format": FORMAT, "revision": revision + 1, "summary": encode(summarize(story))}
        }
        new_tables[META] = _Table(table_line(META, meta), meta)
        written = [
            (name, table)
            for name in TABLE_ORDER
            # no line for an empty pending table: such boards look as before
            if (table := new_tables.get(name)) is not None and (name != PENDING or table.raw)
        ]
        lines = []
        for name, table in written:
            if table.line is None:
                table.line = table_line(name, table.raw)
            lines.append(table.line)
        self._story = None  # until the file holds it
        kept = atomic_write(self.path, join_lines(lines), keep_previous=self.previous_path)
        self.warning = (
            None
            if kept
            else f"{self.slug}: saved, but no last good copy could be kept (disk full?)"
        )
        self._story = story
        with contextlib.suppress(OSError):  # still under the lock: the file just written
            self._seen = _identity(os.stat(self.path))
        return story


def decode_pending(table: _Table | None, story: Storyboard) -> tuple[Pending, ...]:
    """The ``_pending`` rows: each ``{"table", "record", "origin"}``, its record
    another version of one the board holds (same table, same id)."""
    if table is None or not table.raw:
        return ()
    return pending_rows(table.raw, story)


def pending_rows(
    rows: Mapping[str, Any], story: Storyboard, name: str = PENDING
) -> tuple[Pending, ...]:
    """Rows ``{"table", "record", "origin"}`` by key (a board file's ``_pending``
    table, an export's ``pending`` list), each checked to be another version of
    a record ``story`` holds; ``InvalidInput`` names ``name[key]`` and the field."""
    out = []
    for key, row in rows.items():
        where = f"{name}[{key}]"
        if not isinstance(row, dict) or set(row) - {"table", "record", "origin"}:
            raise InvalidInput(f"{where}: expected an object with table, record and origin")
        table = row.get("table")
        if table not in RECORD_TYPES:
            raise InvalidInput(f"{where}.table: not a table of records: {table!r}")
        kind = RECORD_TYPES[table]
        record = decode(kind, row.get("record"), f"{where}.record")
        if story.find(kind, record.id) is None:
            raise InvalidInput(f"{where}.record: no {table} record with id {record.id!r}")
        origin = row.get("origin", "")
        if not isinstance(origin, str) or len(origin) > 200:
            raise InvalidInput(f"{where}.origin: expected a short text")
        out.append(Pending(key, record, origin))
    return tuple(out)


def parse_board(text: str, path: Path) -> tuple[Storyboard, dict[str, dict[str, Any]]]:
    """A board held as text (a version git keeps), checked exactly as a load
    checks the file: the board and its tables' rows, nothing cached."""
    tables = split_tables(text, path, {})
    story = BoardFile(path)._decode(tables)
    return story, {name: table.raw for name, table in tables.items()}


def board_text(path: Path, raw: dict[str, dict[str, Any]], revision: int) -> bytes:
    """A board file's bytes from its tables' rows (the ``_meta`` line made
    anew for ``revision``), refused with ``BoardFileError`` unless it loads."""
    tables = {name: _Table(None, rows) for name, rows in raw.items() if name != META}
    story = dataclasses.replace(BoardFile(path)._decode(tables), revision=revision)
    meta = {"1": {"format": FORMAT, "revision": revision, "summary": encode(summarize(story))}}
    tables[META] = _Table(table_line(META, meta), meta)
    return join_lines(
        [
            table_line(name, tables[name].raw)
            for name in TABLE_ORDER
            if name in tables and (name != PENDING or tables[name].raw)
        ]
    )
