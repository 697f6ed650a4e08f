"""Every way an import can be refused: one clear line, and nothing written.

Each case snapshots the data directory (every name and every byte) before
and after, so "nothing written" includes lock files and last-good copies.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kata_tui.domain.clock import Clock
from kata_tui.domain.model import Role
from kata_tui.domain.storyboard import Storyboard
from kata_tui.export.formats import render
from kata_tui.export.importer import ImportRefused, import_file
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir
from tests.conftest import TODAY
from tests.export.conftest import snapshot

IMPORTER = Editor("importer", Role.COACH)
Doc = dict[str, Any]


def _set(path: str, value: Any) -> Callable[[Doc], None]:
    """A mutation of the export document at a dotted path (list indexes as numbers)."""

    def apply(doc: Doc) -> None:
        *parents, last = path.split(".")
        node: Any = doc
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return apply


def _delete(key: str) -> Callable[[Doc], None]:
    return lambda doc: doc.pop(key)


def _two_boards(doc: Doc) -> None:
    doc["board"]["board"].append(dict(doc["board"]["board"][0], id="another"))


def _duplicate_id(doc: Doc) -> None:
    doc["board"]["obstacles"][1]["id"] = doc["board"]["obstacles"][0]["id"]


# (case, mutation, message after "FILE: ")
DOC_CASES: list[tuple[str, Callable[[Doc], None], str]] = [
    ("no format", _delete("format"), 'not a kata-tui board export (no "format": "kata-tui-board")'),
    ("wrong format", _set("format", "trello"), "format: expected 'kata-tui-board', got 'trello'"),
    (
        "newer version",
        _set("version", 2),
        "version: 2 is a newer format; this kata-tui reads version 1",
    ),
    ("version as text", _set("version", "1"), "version: expected a whole number, got '1'"),
    (
        "long value shown whole up to 40 characters",
        _set("format", "t" * 38),
        f"format: expected 'kata-tui-board', got '{'t' * 38}'",
    ),
    (
        "longer value cut with a mark",
        _set("format", "t" * 39),
        f"format: expected 'kata-tui-board', got '{'t' * 36}...",
    ),
    ("unknown field", _set("comment", "hi"), "comment: unknown field"),
    (
        "bad export date",
        _set("exported", "yesterday"),
        "exported: expected a date like 2026-11-23, got 'yesterday'",
    ),
    ("slug not text", _set("slug", 7), "slug: expected text, got 7"),
    ("generator not text", _set("generator", 7), "generator: expected text, got 7"),
    (
        "pending version of no record",
        _set("pending", [{"table": "experiments", "record": {"id": "nope"}, "origin": ""}]),
        "pending[0].record.target_id: missing",
    ),
    ("no board", _delete("board"), "board: missing"),
    ("board not an object", _set("board", []), "board: expected an object of tables, got []"),
    (
        "table not a list",
        _set("board.targets", {}),
        "board.targets: expected a list, got {}",
    ),
    (
        "unknown table (a typo of obstacles)",
        lambda doc: doc["board"].__setitem__("obstacle", doc["board"].pop("obstacles")[:0]),
        "board.obstacle: unknown table",
    ),
    (
        "unknown table beside the real one",
        _set("board.obstacle", []),
        "board.obstacle: unknown table",
    ),
    (
        "bad date in a record",
        _set("board.experiments.0.day", "soon"),
        "board.experiments[0].day: expected a date like 2026-11-23, got 'soon'",
    ),
    (
        "missing field",
        lambda doc: doc["board"]["obstacles"][0].pop("text"),
        "board.obstacles[0].text: missing",
    ),
    (
        "unknown record field",
        _set("board.readings.0.colour", "red"),
        "board.readings[0].colour: unknown field",
    ),
    (
        "bad status",
        _set("board.obstacles.0.status", "done"),
        "board.obstacles[0].status: 'done' is not one of: parked, working on, cleared, dropped",
    ),
    (
        "number out of range",
        _set("board.readings.0.value", 10**20),
        "board.readings[0].value: number out of range "
        "(numbers are at most 1,000,000,000,000 either way)",
    ),
    (
        "text too long",
        _set("board.board.0.challenge", "x" * 20_001),
        "board.board[0].challenge: text longer than 20000 characters",
    ),
    ("two boards", _two_boards, "board.board: expected exactly one board, found 2"),
    (
        "dangling reference",
        _set("board.experiments.0.target_id", "nowhere"),
        "board.experiments[0].target_id: no target condition 'nowhere'",
    ),
]


@pytest.fixture
def export_doc(demo_data: DataDir) -> Doc:
    return json.loads(render(demo_data.load("maria"), "json", today=TODAY))


def refused(data: DataDir, path: Path, clock: Clock, **options: Any) -> str:
    before = snapshot(data.path)
    with pytest.raises(ImportRefused) as caught:
        import_file(
            data,
            path,
            name=options.get("name"),
            replace=options.get("replace", False),
            editor=IMPORTER,
            at=clock.now(),
        )
    assert snapshot(data.path) == before
    message = str(caught.value)
    assert "\n" not in message
    return message


@pytest.mark.parametrize(("case", "mutate", "reason"), DOC_CASES, ids=[c[0] for c in DOC_CASES])
def test_bad_document(
    case: str,
    mutate: Callable[[Doc], None],
    reason: str,
    export_doc: Doc,
    demo_data: DataDir,
    tmp_path: Path,
    clock: Clock,
) -> None:
    mutate(export_doc)
    path = tmp_path / "in.json"
    path.write_text(json.dumps(export_doc), encoding="utf-8")
    # --as a fresh name: the refusal is about the content, not the name
    assert refused(demo_data, path, clock, name="fresh") == f"{path}: {reason}"


def test_duplicate_id(export_doc: Doc, demo_data: DataDir, tmp_path: Path, clock: Clock) -> None:
    _duplicate_id(export_doc)
    path = tmp_path / "in.json"
    path.write_text(json.dumps(export_doc), encoding="utf-8")
    duplicate = export_doc["board"]["obstacles"][0]["id"]
    assert refused(demo_data, path, clock, name="fresh") == (
        f"{path}: board.obstacles[1].id: duplicate or empty id {duplicate!r}"
    )


RAW_CASES: list[tuple[str, bytes, str]] = [
    ("empty", b"", "the file is empty"),
    ("not json", b"hello world\n", "not a JSON file"),
    (
        "truncated",
        b'{"format": "kata-tui-board", "version": 1,',
        "not valid JSON (Expecting property name enclosed in double quotes; line 1 column 43)",
    ),
    (
        "duplicate keys",
        b'{"format": 1, "format": 2}',
        "not valid board data: duplicate key 'format'",
    ),
    ("nan", b'{"value": NaN}', "not valid board data: NaN is not a number JSON allows"),
    ("not utf-8", b'{"x": "\xff\xfe"}', "not a text file (not UTF-8)"),
    ("deep nesting", b"[" * 100_000 + b"]" * 100_000, "not valid board data: nested too deeply"),
    ("a list", b"[1, 2]", 'not a kata-tui board export (no "format": "kata-tui-board")'),
]


@pytest.mark.parametrize(("case", "raw", "reason"), RAW_CASES, ids=[c[0] for c in RAW_CASES])
def test_bad_file(
    case: str, raw: bytes, reason: str, demo_data: DataDir, tmp_path: Path, clock: Clock
) -> None:
    path = tmp_path / "in.json"
    path.write_bytes(raw)
    assert refused(demo_data, path, clock, name="fresh") == f"{path}: {reason}"


def test_missing_file(demo_data: DataDir, tmp_path: Path, clock: Clock) -> None:
    path = tmp_path / "nowhere.json"
    assert refused(demo_data, path, clock) == f"{path}: no such file"


def test_huge_file(demo_data: DataDir, tmp_path: Path, clock: Clock) -> None:
    path = tmp_path / "huge.json"
    with open(path, "wb") as handle:
        handle.truncate(17 * 1024 * 1024)  # sparse: costs no disk
    assert refused(demo_data, path, clock) == f"{path}: too large to be a board (17 MB)"


def test_a_board_file_is_not_an_export(demo_data: DataDir, clock: Clock) -> None:
    path = demo_data.board("maria").path
    assert refused(demo_data, path, clock, name="fresh") == (
        f'{path}: not a kata-tui board export (no "format": "kata-tui-board")'
    )


def test_existing_board_is_never_overwritten_without_replace(
    export_doc: Doc, demo_data: DataDir, tmp_path: Path, clock: Clock
) -> None:
    path = tmp_path / "maria.json"
    path.write_text(json.dumps(export_doc), encoding="utf-8")
    assert refused(demo_data, path, clock) == (
        f"board 'maria' already exists in {demo_data.path}; use --as NAME to import it "
        "under another name, or --replace to overwrite it"
    )
    assert refused(demo_data, path, clock, name="ken") == (
        f"board 'ken' already exists in {demo_data.path}; use --as NAME to import it "
        "under another name, or --replace to overwrite it"
    )


def test_bad_names(export_doc: Doc, demo_data: DataDir, tmp_path: Path, clock: Clock) -> None:
    path = tmp_path / "in.json"
    path.write_text(json.dumps(export_doc), encoding="utf-8")
    assert refused(demo_data, path, clock, name="../etc/passwd") == (
        "--as: '../etc/passwd' is not a board name (lower-case letters, digits, - and _)"
    )
    export_doc["slug"] = "Maria Smith"
    path.write_text(json.dumps(export_doc), encoding="utf-8")
    assert refused(demo_data, path, clock) == (
        f"{path}: slug: 'Maria Smith' is not a board name (lower-case letters, digits, - and _); "
        "choose one with --as NAME"
    )
    export_doc["slug"] = ""
    path.write_text(json.dumps(export_doc), encoding="utf-8")
    assert refused(demo_data, path, clock) == (
        f"{path}: slug: missing; choose a board name with --as NAME"
    )


def test_bad_input_with_replace_leaves_the_board_alone(
    export_doc: Doc, demo_data: DataDir, tmp_path: Path, clock: Clock
) -> None:
    export_doc["board"]["experiments"][0]["number"] = "first"
    path = tmp_path / "maria.json"
    path.write_text(json.dumps(export_doc), encoding="utf-8")
    assert refused(demo_data, path, clock, replace=True) == (
        f"{path}: board.experiments[0].number: expected a whole number, got 'first'"
    )


def test_refused_import_into_a_new_directory_creates_no_board(
    tmp_path: Path, clock: Clock, stories: dict[str, Storyboard]
) -> None:
    data = DataDir.open(tmp_path / "empty")
    path = tmp_path / "bad.json"
    path.write_text("{}", encoding="utf-8")
    assert refused(data, path, clock) == (
        f'{path}: not a kata-tui board export (no "format": "kata-tui-board")'
    )
    assert data.slugs() == []
