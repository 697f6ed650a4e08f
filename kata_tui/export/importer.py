"""``kata import``: a board from kata-tui JSON, checked whole before anything is written.

Only the versioned export format is read (FORMAT.md). Every problem is one
line naming the file and the field; until the whole file has passed, nothing
in the data directory is touched. An existing board is overwritten only with
``replace`` (its old file stays as the last-good copy), and a board is never
silently renamed: without ``name`` it keeps the name stored in the export.

What an import keeps: every record with every field, ids and stamps (who
changed it last, and when) included, and the versions of records still
waiting for a choice after a sync (the next person to open the board
chooses). Each record's ``rev`` is one more than in the export, because the
import is a save; the file revision starts at 1 for a new board and
continues the old count when replacing.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from kata_tui.domain.codec import MAX_INT, RECORD_TYPES, decode, decode_storyboard
from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.model import Editor
from kata_tui.domain.storyboard import Storyboard
from kata_tui.export.json_format import FIELDS, FORMAT_NAME, VERSION
from kata_tui.store.board_file import Pending, pending_rows
from kata_tui.store.datadir import DataDir
from kata_tui.store.errors import BoardFileError
from kata_tui.store.files import parse_json, read_text


class ImportRefused(InvalidInput):
    """The file was not imported; nothing was written."""


def _describe(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def read_export(path: Path) -> tuple[dict[str, Any], Storyboard]:
    """The export document and its board, or ``ImportRefused`` saying what is wrong."""
    doc, story, _ = read_export_pending(path)
    return doc, story


def read_export_pending(path: Path) -> tuple[dict[str, Any], Storyboard, tuple[Pending, ...]]:
    """``read_export``, and the versions of records waiting for a choice (``pending``),
    each checked to be another version of a record of the board."""

    def refuse(reason: str) -> ImportRefused:
        return ImportRefused(f"{path}: {reason}")

    try:
        doc = parse_json(read_text(path), path)  # read_text drops a Windows editor's BOM
    except FileNotFoundError:
        raise refuse("no such file") from None
    except BoardFileError as exc:
        raise ImportRefused(str(exc)) from None  # "{path}: {reason}"
    if not isinstance(doc, dict) or "format" not in doc:
        raise refuse(f'not a kata-tui board export (no "format": "{FORMAT_NAME}")')
    if doc["format"] != FORMAT_NAME:
        raise refuse(f"format: expected {FORMAT_NAME!r}, got {_describe(doc['format'])}")
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise refuse(f"version: expected a whole number, got {_describe(version)}")
    if version > VERSION:
        raise refuse(f"version: {version} is a newer format; this kata-tui reads version {VERSION}")
    if version != VERSION:
        raise refuse(
            f"version: {version} is an unknown format; this kata-tui reads version {VERSION}"
        )
    unknown = sorted(set(doc) - set(FIELDS))
    if unknown:
        raise refuse(f"{unknown[0]}: unknown field")
    try:
        decode(date, doc.get("exported"), "exported")
        for name in ("generator", "slug"):  # optional, text when given
            if name in doc:
                decode(str, doc[name], name)
        if "board" not in doc:
            raise InvalidInput("board: missing")
        try:
            story = decode_storyboard(doc["board"])  # named "board" in every message
        except InvalidInput as exc:
            message = str(exc)
            if not message.startswith(("board.", "board:")):
                message = "board." + message
            raise InvalidInput(message) from None
    except InvalidInput as exc:
        raise refuse(str(exc)) from None
    for name, kind in RECORD_TYPES.items():
        for i, record in enumerate(story.records(kind)):
            if record.rev >= MAX_INT:  # the import is a save: rev + 1 must still be valid
                raise refuse(f"board.{name}[{i}].rev: at most {MAX_INT - 1} (an import is a save)")
    rows = doc.get("pending", [])
    if not isinstance(rows, list):
        raise refuse(f"pending: expected a list, got {_describe(rows)}")
    try:
        pending = pending_rows({str(i): row for i, row in enumerate(rows)}, story, "pending")
    except InvalidInput as exc:
        raise refuse(str(exc)) from None
    return doc, story, pending


def import_file(
    data: DataDir,
    path: Path,
    *,
    name: str | None,
    replace: bool,
    editor: Editor,
    at: datetime,
) -> str:
    """Import the export at ``path``; returns the board name it was stored under."""
    doc, story, pending = read_export_pending(path)
    if name is not None:
        try:
            slug = data.check_slug(name)
        except InvalidInput as exc:
            raise ImportRefused(f"--as: {exc}") from None
    else:
        stored = doc.get("slug")
        if not stored:
            raise ImportRefused(f"{path}: slug: missing; choose a board name with --as NAME")
        try:
            slug = data.check_slug(stored)
        except InvalidInput as exc:
            raise ImportRefused(f"{path}: slug: {exc}; choose one with --as NAME") from None
    board = data.board(slug)
    if replace:
        board.replace_all(story, editor, at, pending=pending)
        return slug
    if data.exists(slug) or board.path.is_symlink():
        raise ImportRefused(
            f"board {slug!r} already exists in {data.path}; "
            "use --as NAME to import it under another name, or --replace to overwrite it"
        )
    try:
        board.create(story, editor, at, keep_stamps=True, pending=pending)
    except BoardFileError as exc:  # created by someone else a moment ago
        raise ImportRefused(f"board {slug!r}: {exc.reason}; nothing was imported") from None
    return slug


__all__ = ["ImportRefused", "import_file", "read_export", "read_export_pending"]
