"""Three versions of one board merged record by record: git's merge driver for boards.

The rules are a save's (design.md, storage protocol): a record changed on one
side only is taken from that side; a record changed on both sides, differently,
keeps both versions: the board shows one and holds the other in its
``_pending`` table, so the next person to open the board chooses between them
in the conflict dialog. Records are matched by their stable ``id``, never by
their place in the file. A side that does not load as a board stops the merge
of that board with one line, and nothing is written.

Git runs it for every ``*.json`` in a synced data directory (``.gitattributes``
names the driver, ``kata sync init`` configures it)::

    python -m kata_tui.store.merge BASE OURS THEIRS PATH

It writes the merged board over OURS (git's own temporary file) and exits 0,
or prints one line and exits 1, leaving OURS as it was.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kata_tui.domain.codec import decode, encode
from kata_tui.domain.job_methods import JobDetail, positions_settled
from kata_tui.domain.storyboard import TABLES
from kata_tui.store.board_file import PENDING, board_text, parse_board
from kata_tui.store.errors import BoardFileError, StoreError
from kata_tui.store.files import MAX_FILE_BYTES

ORIGIN_ENV = "KATA_SYNC_ORIGIN"
"""Where the other side comes from, shown with a pending version (set by kata sync)."""

Rows = dict[str, dict[str, Any]]


class MergeRefused(StoreError):
    """A board that cannot be merged; the message names it and why, in one line."""


@dataclass(frozen=True, slots=True)
class Merged:
    text: bytes
    taken: int
    """Records taken from the other side (new or changed there only)."""
    conflicts: int
    """Records changed on both sides: the other side's version is now pending."""


def _load(text: str | None, path: Path, side: str) -> tuple[int, Rows]:
    """(revision, rows of every table) of one side; ``MergeRefused`` if it does not load."""
    if text is None:
        return 0, {}
    try:
        story, raw = parse_board(text, path)
    except BoardFileError as exc:
        raise MergeRefused(f"{path.name}: does not load {side} ({exc.reason})") from None
    return story.revision, raw


def _by_id(rows: dict[str, Any]) -> dict[str, tuple[str, dict[str, Any]]]:
    """Rows by record id (a hand-written row without one is known by its place)."""
    return {row.get("id") or f"row {doc_id}": (doc_id, row) for doc_id, row in rows.items()}


def _merge_table(
    base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any]
) -> tuple[dict[str, Any], list[dict[str, Any]], int]:
    """(merged rows, their versions of records changed on both sides, records taken)."""
    b, o, t = _by_id(base), _by_id(ours), _by_id(theirs)
    merged: dict[str, Any] = {}
    pending: list[dict[str, Any]] = []
    taken = 0
    next_doc = max((int(k) for k in ours if k.isdigit()), default=0) + 1
    for record_id in [*o, *(i for i in t if i not in o)]:
        base_row = b.get(record_id, (None, None))[1]
        our_doc, our_row = o.get(record_id, (None, None))
        their_row = t.get(record_id, (None, None))[1]
        if our_row == their_row or their_row == base_row:
            row = our_row  # the same on both sides, or changed here only
        elif our_row == base_row or our_row is None:
            row = their_row  # changed (or added) there only; or removed here, changed there
            taken += 1
        elif their_row is None:
            row = our_row  # removed there, changed here: nothing changed is lost
        else:
            row = our_row
            pending.append(their_row)
        if row is None:
            continue  # removed on one side, untouched on the other
        if our_doc is None:
            our_doc = str(next_doc)
            next_doc += 1
        merged[our_doc] = row
    return merged, pending, taken


def _pending_key(row: dict[str, Any]) -> str:
    return json.dumps(row, sort_keys=True, separators=(",", ":"))


def merge_boards(
    base: str | None, ours: str, theirs: str, path: Path, *, origin: str = ""
) -> Merged:
    """The merged board file; ``MergeRefused`` (nothing written) if a side does not load
    or the two sides are different boards under one name."""
    _, base_rows = _load(base, path, "in the common version")
    our_revision, our_rows = _load(ours, path, "on this side")
    their_revision, their_rows = _load(theirs, path, "on the other side")
    our_board = next(iter(our_rows["board"].values())).get("id")
    their_board = next(iter(their_rows["board"].values())).get("id")
    if our_board != their_board:
        raise MergeRefused(
            f"{path.name}: two different boards of one name, started at two plants; "
            "rename one (kata export, then kata import --as NAME) and sync again"
        )
    merged: Rows = {}
    pending_rows: dict[str, dict[str, Any]] = {}
    taken = conflicts = 0
    for name in TABLES.values():
        rows, pending, n = _merge_table(
            base_rows.get(name, {}), our_rows.get(name, {}), their_rows.get(name, {})
        )
        merged[name] = rows
        taken += n
        conflicts += len(pending)
        for row in pending:
            entry = {"table": name, "record": row, "origin": origin}
            pending_rows[_pending_key(entry)] = entry
    # pending versions: kept from both sides, except those either side settled
    base_pending = {_pending_key(r) for r in base_rows.get(PENDING, {}).values()}
    sides = [
        {_pending_key(r): r for r in s.get(PENDING, {}).values()} for s in (our_rows, their_rows)
    ]
    for side in sides:
        for key, row in side.items():
            if key in base_pending and not all(key in s for s in sides):
                continue  # settled on one side since the common version
            pending_rows.setdefault(key, row)
    details = TABLES[JobDetail]
    _settle_positions(
        merged[details], *(s.get(details, {}) for s in (base_rows, our_rows, their_rows))
    )
    shown = {(name, row["id"]): row for name in TABLES.values() for row in merged[name].values()}
    merged[PENDING] = {
        str(n): row
        for n, row in enumerate(
            (
                r
                for r in pending_rows.values()
                if shown.get((r["table"], r["record"]["id"])) not in (None, r["record"])
            ),
            start=1,
        )
    }
    try:
        text = board_text(path, merged, max(our_revision, their_revision) + 1)
    except BoardFileError as exc:
        raise MergeRefused(f"{path.name}: the merged board would not load ({exc.reason})") from None
    return Merged(text, taken, conflicts)


def _settle_positions(rows: Rows, base: Rows, ours: Rows, theirs: Rows) -> None:
    """Job details added at both plants at one position: all kept, at positions of
    their own (``positions_settled``), so the merged board keeps ``kata check``'s
    rules. The plant whose new details have the lowest id keeps its positions
    and the other's follow, in their order: both plants settle the same way,
    whichever side each is. The rows loaded with their side, so they decode."""
    known = {row.get("id") for row in base.values()}
    new_ours = {row.get("id") for row in ours.values()} - known
    new_theirs = {row.get("id") for row in theirs.values()} - known - new_ours
    later: set[Any] = set()
    if new_ours and new_theirs:
        first = min(new_ours | new_theirs, key=str)
        later = new_theirs if first in new_ours else new_ours
    decoded = [(doc, decode(JobDetail, row, "job_details")) for doc, row in rows.items()]
    doc_of = {detail.id: doc for doc, detail in decoded}
    for moved in positions_settled((detail for _, detail in decoded), later):
        rows[doc_of[moved.id]] = encode(moved)


def _read(path: str) -> str | None:
    """A version git hands the driver; an empty base means the board is new on both sides."""
    data = Path(path).read_bytes()[: MAX_FILE_BYTES + 1]
    if len(data) > MAX_FILE_BYTES:
        raise MergeRefused(f"{path}: too large to be a board")
    text = data.decode("utf-8", "replace")
    return text if text.strip() else None


def main(argv: list[str]) -> int:
    """git's merge driver: ``%O %A %B %P``; exit 0 merged into %A, 1 refused."""
    if len(argv) != 4:
        print("usage: python -m kata_tui.store.merge BASE OURS THEIRS PATH", file=sys.stderr)
        return 2
    base, ours, theirs, name = argv
    try:
        our_text = _read(ours)
        their_text = _read(theirs)
        if our_text is None or their_text is None:
            raise MergeRefused(f"{name}: one side is empty")
        merged = merge_boards(
            _read(base),
            our_text,
            their_text,
            Path(name),
            origin=os.environ.get(ORIGIN_ENV, "") or "another plant",
        )
    except (MergeRefused, OSError) as exc:
        print(f"kata merge: {exc}", file=sys.stderr)
        return 1
    Path(ours).write_bytes(merged.text)  # git's temporary copy, not the data directory
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
