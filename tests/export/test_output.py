"""Where ``kata export -o`` writes (issue 13, faults 4, 10 and 12).

An export never overwrites a board, a lock or a last-good copy of any data
directory it can detect; a FIFO or a terminal is written as a stream, never
replaced by a regular file; ``-o -`` is stdout; and the bytes are UTF-8 whatever
the locale.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import threading
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from kata_tui.domain.model import Role
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir
from tests.export.conftest import GOLDEN, snapshot


def kata(
    *args: str | Path, env: dict[str, str] | None = None, **run
) -> subprocess.CompletedProcess:
    base = dict(os.environ, KATA_TODAY="2026-11-23", USER="cli-user")
    base.pop("KATA_DATA", None)
    return subprocess.run(
        [sys.executable, "-m", "kata_tui.cli", *map(str, args)],
        capture_output=True,
        env={**base, **(env or {})},
        timeout=60,
        check=False,
        **run,
    )


def _refused(run: subprocess.CompletedProcess) -> str:
    assert run.returncode == 2, run.stderr
    assert b"Traceback" not in run.stderr
    lines = run.stderr.decode().strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


@pytest.mark.parametrize(
    "name", ["maria.json", "ken.json", ".maria.json.lock", ".maria.json.last-good", "new.json"]
)
def test_an_export_never_writes_over_a_data_directory_file(demo_data: DataDir, name: str) -> None:
    board = demo_data.board("maria")
    board.commit([board.load().board], _editor(), _at())  # a last-good copy exists
    before = snapshot(demo_data.path)
    run = kata(
        "export", "maria", "--format", "json", "--data", demo_data.path, "-o", demo_data.path / name
    )
    assert "data directory" in _refused(run)
    assert snapshot(demo_data.path) == before


def test_an_export_never_writes_over_another_data_directorys_board(
    demo_data: DataDir, tmp_path: Path
) -> None:
    other = tmp_path / "other"
    shutil.copytree(demo_data.path, other)
    DataDir(other).board("ken").commit([DataDir(other).load("ken").board], _editor(), _at())
    before = snapshot(other)
    for target in (other / "ken.json", other / ".ken.json.last-good", other / ".ken.json.lock"):
        run = kata("export", "maria", "--format", "json", "--data", demo_data.path, "-o", target)
        assert "data directory" in _refused(run)
    link = tmp_path / "innocent.json"
    link.symlink_to(other / "ken.json")
    run = kata("export", "maria", "--format", "json", "--data", demo_data.path, "-o", link)
    assert "data directory" in _refused(run)
    assert snapshot(other) == before
    assert link.is_symlink()


def test_dash_means_stdout(demo_data: DataDir, tmp_path: Path) -> None:
    run = kata("export", "maria", "--data", demo_data.path, "-o", "-", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout == (GOLDEN / "maria.md").read_bytes()
    assert not (tmp_path / "-").exists()


def test_a_fifo_is_written_as_a_stream_not_replaced(demo_data: DataDir, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    run = kata("export", "maria", "--data", demo_data.path, "-o", fifo)
    reader.join(30)
    assert run.returncode == 0, run.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert got == [(GOLDEN / "maria.md").read_bytes()]


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_a_device_node_is_written_as_a_stream_not_replaced(
    demo_data: DataDir, tmp_path: Path
) -> None:
    """As root, ``-o /dev/null`` replaced /dev/null; a private copy of the node proves it."""
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    run = kata("export", "maria", "--data", demo_data.path, "-o", null)
    assert run.returncode == 0, run.stderr
    info = os.lstat(null)
    assert stat.S_ISCHR(info.st_mode) and info.st_rdev == os.makedev(1, 3)


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to run as an ordinary user")
def test_an_ordinary_user_can_export_to_dev_stdout(demo_data: DataDir, open_dir: Path) -> None:
    data = open_dir / "data"
    shutil.copytree(demo_data.path, data)
    for path in [data, *data.iterdir()]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    # the interpreter lives where nobody may not read: import, then drop root
    script = (
        "import os, sys, locale, gettext, tempfile; from kata_tui import cli; "
        "import kata_tui.export.formats; "
        "import kata_tui.export.markdown; "
        "os.setgroups([]); os.setgid(65534); os.setuid(65534); "
        "sys.exit(cli.main(sys.argv[1:]))"
    )
    env = dict(os.environ, KATA_TODAY="2026-11-23", USER="nobody", HOME=str(open_dir))
    env.pop("XDG_CONFIG_HOME", None)
    run = subprocess.run(
        [sys.executable, "-c", script, "export", "maria", "--data", str(data), "-o", "/dev/stdout"],
        capture_output=True,
        env=env,
        cwd=open_dir,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout == (GOLDEN / "maria.md").read_bytes()


@pytest.mark.parametrize("to", ["stdout", "dash", "file"])
def test_exports_are_utf8_under_a_latin1_locale(
    demo_data: DataDir, tmp_path: Path, to: str
) -> None:
    board = demo_data.board("maria")
    board.commit(
        [replace(board.load().board, challenge="Takt → 45 s 東京")],
        _editor(),
        _at(),
    )
    out = tmp_path / "out.md"
    args = {"stdout": [], "dash": ["-o", "-"], "file": ["-o", out]}[to]
    run = kata(
        "export",
        "maria",
        "--data",
        demo_data.path,
        *args,
        env={"PYTHONIOENCODING": "latin-1", "LANG": "C", "LC_ALL": "C"},
    )
    assert run.returncode == 0, run.stderr
    written = out.read_bytes() if to == "file" else run.stdout
    assert "Takt → 45 s 東京".encode() in written


def _editor() -> Editor:
    return Editor("tester", Role.LEARNER)


def _at() -> datetime:
    return datetime(2026, 11, 23, 10, 0)
