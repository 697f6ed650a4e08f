"""``kata export`` and ``kata import`` as a person runs them, in a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from kata_tui.store.datadir import DataDir
from tests.export.conftest import GOLDEN, snapshot


def kata(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, KATA_TODAY="2026-11-23", USER="cli-user")
    env.pop("KATA_DATA", None)
    return subprocess.run(
        [sys.executable, "-m", "kata_tui.cli", *map(str, args)],
        capture_output=True,
        env=env,
        cwd=cwd,
        timeout=60,
        check=False,
    )


def test_export_markdown_to_stdout(demo_data: DataDir) -> None:
    run = kata("export", "maria", "--data", demo_data.path, "--format", "md")
    assert run.returncode == 0, run.stderr
    assert run.stdout == (GOLDEN / "maria.md").read_bytes()


def test_export_csv_to_a_file(demo_data: DataDir, tmp_path: Path) -> None:
    out = tmp_path / "record.csv"
    run = kata("export", "jonas", "--data", demo_data.path, "--format", "csv", "-o", out)
    assert run.returncode == 0, run.stderr
    assert run.stdout == b""
    assert run.stderr.decode() == f"wrote {out}\n"
    assert out.read_bytes() == (GOLDEN / "jonas.csv").read_bytes()


def test_export_to_a_file_replaces_it_whole(demo_data: DataDir, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "board.html"
    out.write_text("old")
    run = kata("export", "ken", "--data", demo_data.path, "--format", "html", "--output", out)
    assert run.returncode == 0, run.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in out.parent.iterdir()] == ["board.html"]  # no temp file left


def test_unknown_board_is_one_line_and_exit_2(demo_data: DataDir) -> None:
    before = snapshot(demo_data.path)
    run = kata("export", "nobody", "--data", demo_data.path)
    assert run.returncode == 2
    assert run.stdout == b""
    assert run.stderr.decode() == f"kata: no board 'nobody' in {demo_data.path}\n"
    assert snapshot(demo_data.path) == before


def test_unwritable_output_is_one_line(demo_data: DataDir, tmp_path: Path) -> None:
    run = kata("export", "ken", "--data", demo_data.path, "-o", tmp_path / "no" / "such.md")
    assert run.returncode == 2
    assert run.stderr.decode() == f"kata: {tmp_path / 'no'}: no such directory\n"


def test_unknown_format_is_a_usage_error(demo_data: DataDir) -> None:
    run = kata("export", "ken", "--data", demo_data.path, "--format", "pdf")
    assert run.returncode == 2
    assert run.stderr.decode().count("\n") == 1
    assert "invalid choice: 'pdf'" in run.stderr.decode()


def test_export_json_then_import_elsewhere(demo_data: DataDir, tmp_path: Path) -> None:
    exported = tmp_path / "aisha.json"
    assert kata("export", "aisha", "--data", demo_data.path, "--format", "json", "-o", exported)
    other = tmp_path / "other-plant"
    run = kata("import", exported, "--data", other)
    assert run.returncode == 0, run.stderr
    assert run.stderr.decode() == f"imported as aisha in {other}\n"
    original = demo_data.load("aisha").board
    assert DataDir.open(other).load("aisha").board == replace(original, rev=original.rev + 1)


def test_import_refuses_to_overwrite_then_replaces(demo_data: DataDir, tmp_path: Path) -> None:
    exported = tmp_path / "ken.json"
    kata("export", "ken", "--data", demo_data.path, "--format", "json", "-o", exported)
    before = snapshot(demo_data.path)

    run = kata("import", exported, "--data", demo_data.path)
    assert run.returncode == 2
    assert run.stderr.decode() == (
        f"kata: board 'ken' already exists in {demo_data.path}; use --as NAME to import it "
        "under another name, or --replace to overwrite it\n"
    )
    assert snapshot(demo_data.path) == before

    run = kata("import", exported, "--data", demo_data.path, "--as", "ken-2")
    assert run.returncode == 0, run.stderr
    assert DataDir.open(demo_data.path).load("ken-2").board.learner == "ken"

    run = kata("import", exported, "--data", demo_data.path, "--replace")
    assert run.returncode == 0, run.stderr
    assert DataDir.open(demo_data.path).last_good("ken") is not None


def test_import_of_bad_json_is_one_line(demo_data: DataDir, tmp_path: Path) -> None:
    exported = tmp_path / "ken.json"
    kata("export", "ken", "--data", demo_data.path, "--format", "json", "-o", exported)
    doc = json.loads(exported.read_text())
    doc["board"]["cycles"][0]["started"] = "at nine"
    exported.write_text(json.dumps(doc))
    before = snapshot(demo_data.path)
    run = kata("import", exported, "--data", demo_data.path, "--as", "fresh")
    assert run.returncode == 2
    assert run.stderr.decode() == (
        f"kata: {exported}: board.cycles[0].started: expected a time like "
        "2026-11-23T09:00:00, got 'at nine'\n"
    )
    assert snapshot(demo_data.path) == before


def test_refused_import_leaves_no_new_data_directory(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "kata-tui-board", "version": 7}')
    target = tmp_path / "new-plant"
    run = kata("import", bad, "--data", target)
    assert run.returncode == 2
    assert run.stderr.decode() == (
        f"kata: {bad}: version: 7 is a newer format; this kata-tui reads version 1\n"
    )
    assert not target.exists()
