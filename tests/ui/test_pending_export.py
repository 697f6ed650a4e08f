"""A board with a version pending after a sync moves between servers whole: the JSON
export carries the pending version, the import keeps it, and whoever opens the
imported board gets the conflict dialog with both versions (real git, real
processes, then Pilot)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rich.console import Console

from kata_tui.domain.model import Experiment
from kata_tui.store.datadir import DataDir
from kata_tui.ui.screens.conflict import ConflictScreen, comparison
from tests.store.conftest import kata
from tests.store.sync_helpers import git_identity  # noqa: F401  (autouse: a clean machine's git)
from tests.ui.conftest import AppFactory
from tests.ui.test_sync_conflict import two_versions


def exported(tmp_path: Path) -> tuple[DataDir, str, Path]:
    south, rid = two_versions(tmp_path)
    out = tmp_path / "board0.json"
    done = kata("export", "board0", "--format", "json", "-o", str(out), "--data", str(south.path))
    assert done.returncode == 0, done.stderr
    return south, rid, out


def test_the_json_export_carries_the_pending_version(tmp_path: Path) -> None:
    south, rid, out = exported(tmp_path)
    doc = json.loads(out.read_text())
    [row] = doc["pending"]
    assert row["table"] == "experiments" and row["record"]["id"] == rid
    assert row["record"]["learned"] == "north: the cart waits at press 2"
    shown = next(r for r in doc["board"]["experiments"] if r["id"] == rid)
    assert shown["learned"] == "south: the forklift is the bottleneck"
    plain = kata("export", "board0", "--format", "md", "--data", str(south.path))
    assert "north: the cart waits" not in plain.stdout  # the others show the board as shown


@pytest.mark.parametrize("replace", [False, True])
def test_an_import_keeps_the_pending_version(tmp_path: Path, replace: bool) -> None:
    south, rid, out = exported(tmp_path)
    third = DataDir.open(tmp_path / "third")
    if replace:
        assert kata("import", str(out), "--data", str(third.path)).returncode == 0
    args = ["--replace"] if replace else []
    done = kata("import", str(out), *args, "--data", str(third.path))
    assert done.returncode == 0, done.stderr
    theirs, ours = DataDir(south.path).board("board0"), third.board("board0")
    theirs.load(), ours.load()
    assert [(p.record, p.origin) for p in ours.pending()] == [
        (p.record, p.origin) for p in theirs.pending()
    ]
    assert third.load("board0").find(Experiment, rid).learned.startswith("south:")
    assert kata("check", "--data", str(third.path)).returncode == 0


@pytest.mark.parametrize(
    ("pending", "message"),
    [
        ({}, "pending: expected a list, got {}"),
        ([{"table": "experiments", "record": {"id": "nope"}}], r"pending\[0\]\.record"),
        ([{"table": "cards", "record": {}, "origin": ""}], r"pending\[0\]\.table"),
    ],
)
def test_an_import_refuses_a_pending_version_of_nothing(
    tmp_path: Path, pending: object, message: str
) -> None:
    _, _, out = exported(tmp_path)
    doc = json.loads(out.read_text())
    doc["pending"] = pending
    out.write_text(json.dumps(doc))
    third = tmp_path / "third"
    done = kata("import", str(out), "--data", str(third))
    assert done.returncode != 0 and not third.exists()
    assert done.stderr.count("\n") == 1
    assert re.search(message, done.stderr), done.stderr


async def test_the_imported_board_opens_on_the_conflict_dialog(
    tmp_path: Path, make_app: AppFactory
) -> None:
    _, _, out = exported(tmp_path)
    third = DataDir.open(tmp_path / "third")
    assert kata("import", str(out), "--data", str(third.path)).returncode == 0
    app = make_app(DataDir.open(third.path), "board0", user="cara")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ConflictScreen)
        console = Console(width=100, record=True)
        console.print(comparison(screen.error))
        table = console.export_text()
        assert "north: the cart waits" in table and "south: the forklift is" in table


async def test_the_export_dialog_writes_the_pending_version_too(
    tmp_path: Path, make_app: AppFactory
) -> None:
    from kata_tui.ui.screens.export_dialog import ExportScreen
    from tests.conftest import TODAY
    from tests.ui.test_export_dialog import _wait_for_result

    south, rid = two_versions(tmp_path)
    board = south.board("board0")
    story = board.load()
    app = make_app(DataDir.open(south.path))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = ExportScreen(story, TODAY, directory=tmp_path, pending=board.pending())
        app.push_screen(screen)
        await pilot.pause()
        await pilot.press("up", "enter")  # wraps from md to json
        await pilot.press("tab", "enter")
        await _wait_for_result(pilot, screen)
    doc = json.loads((tmp_path / "board0.json").read_text())
    assert [row["record"]["id"] for row in doc["pending"]] == [rid]
