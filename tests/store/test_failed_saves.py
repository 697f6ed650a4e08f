"""A save that cannot be written leaves the previous file whole and says why."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from kata_tui.domain.demo import demo_boards
from kata_tui.domain.model import Role
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir
from kata_tui.store.errors import StoreError
from tests.conftest import TODAY
from tests.store.conftest import as_nobody, run_worker

AT = datetime(2026, 11, 23, 9, 0)


def _plant(path: Path) -> DataDir:
    data = DataDir.open(path)
    for story in demo_boards(TODAY)[:2]:
        data.create(story, Editor("demo", Role.COACH), AT)
    return data


def _snapshot(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in directory.iterdir() if p.is_file()}


def _read_only(directory: Path) -> dict:
    """Popen arguments under which ``directory`` cannot be written (root or not)."""
    drop = as_nobody()
    if drop is None:
        directory.chmod(0o555)
        return {}
    return drop


@pytest.mark.parametrize("lock_exists", [False, True], ids=["no-lock-file", "lock-file-exists"])
def test_save_into_a_read_only_directory_fails_clearly(open_dir: Path, lock_exists: bool) -> None:
    data = _plant(open_dir / "data")
    data.path.chmod(0o755)
    lock = data.board("maria").lock_path
    if lock_exists:
        lock.touch()
        lock.chmod(0o644)
    elif lock.exists():
        lock.unlink()
    before = _snapshot(data.path)
    result = run_worker("commit", str(data.path), "maria", "changed", **_read_only(data.path))
    data.path.chmod(0o755)
    assert result.returncode == 3, result.stderr
    assert "Traceback" not in result.stderr
    line = result.stdout.strip()
    assert line.startswith("error StoreError: cannot ")
    assert "maria.json" in line
    assert "no permission to write in the data directory; nothing was changed" in line
    assert _snapshot(data.path) == before  # previous file intact, no temp file left
    assert DataDir(data.path).load("maria").board.challenge != "changed"


def test_save_over_the_file_size_limit_fails_clearly(open_dir: Path) -> None:
    data = _plant(open_dir / "data")
    size = data.board("maria").path.stat().st_size
    before = _snapshot(data.path)

    def limit() -> None:  # Python already ignores SIGXFSZ: the write gets EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    result = run_worker("commit", str(data.path), "maria", "x" * 5000, preexec_fn=limit)
    assert result.returncode == 3, result.stderr
    assert "Traceback" not in result.stderr
    line = result.stdout.strip()
    assert line.startswith("error StoreError: cannot save maria.json: ")
    assert "file size limit" in line and "nothing was changed" in line
    assert _snapshot(data.path) == before
    # within the limit the same process would have saved
    assert run_worker("commit", str(data.path), "maria", "short").stdout.strip() == "ok"


@pytest.fixture
def small_disk(open_dir: Path) -> Iterator[Path]:
    """A real 512 KiB tmpfs, where root is available to mount one."""
    mount = open_dir / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root); the size-limit test covers EFBIG")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_save_on_a_full_disk_fails_clearly_and_works_once_there_is_room(small_disk: Path) -> None:
    data = _plant(small_disk / "data")
    board = data.board("maria")
    story = board.load()
    filler = small_disk / "filler"
    with open(filler, "wb", buffering=0) as handle:  # fill the disk to the last block
        try:
            while True:
                handle.write(b"\0" * 4096)
        except OSError:
            pass
    before = _snapshot(data.path)
    with pytest.raises(StoreError) as caught:
        board.commit([replace(story.board, challenge="y" * 8000)], Editor("t", Role.COACH), AT)
    message = str(caught.value)
    assert message == (
        "cannot save maria.json: the disk is full (or the disk quota is used up); "
        "nothing was changed"
    )
    assert _snapshot(data.path) == before
    assert DataDir(data.path).load("maria") == story

    filler.unlink()
    saved = board.commit([replace(story.board, challenge="room")], Editor("t", Role.COACH), AT)
    assert DataDir(data.path).load("maria") == saved


def test_data_dir_that_cannot_be_created_is_one_clear_error(open_dir: Path) -> None:
    blocker = open_dir / "file"
    blocker.write_text("not a directory")
    with pytest.raises(StoreError, match="not a directory"):
        DataDir.open(blocker)
    with pytest.raises(StoreError, match=r"cannot open data directory \(Not a directory\)"):
        DataDir.open(blocker / "data")
    with pytest.raises(StoreError, match="no such data directory"):
        DataDir.open(open_dir / "missing", create=False)
    shutil.rmtree(open_dir / "missing", ignore_errors=True)
    assert not os.path.exists(open_dir / "missing")
