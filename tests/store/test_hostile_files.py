"""Hostile neighbours and odd files in a shared data directory (issue 13).

A member of the group that shares the directory can rename, link and plant
files beside the boards. None of it may copy a private file into the
directory, hang a session, end in a traceback, or pass an old copy off as the
last good one.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import shutil
import signal
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from kata_tui.domain.model import Role
from kata_tui.store import files
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir
from kata_tui.store.errors import StoreError
from kata_tui.store.session import BoardSession
from tests.store.conftest import kata

AT = datetime(2026, 11, 23, 10, 0)
EDITOR = Editor("tester", Role.LEARNER)
SECRET = b"SECRET-do-not-share-0600"
GROUP = 54321
VICTIM, ATTACKER = 65533, 65534


def _two_saves(data: DataDir, slug: str) -> None:
    """Two saves, so ``slug`` has a last good copy."""
    board = data.board(slug)
    story = board.load()
    story = board.commit([replace(story.board, challenge="first save")], EDITOR, AT)
    board.commit([replace(story.board, challenge="second save")], EDITOR, AT)
    assert data.last_good(slug) is not None


@pytest.fixture
def shared() -> Iterator[Path]:
    """A group-shared (setgid, 2770) directory for two accounts, and a private one."""
    root = Path(tempfile.mkdtemp(prefix="kata-shared-"))
    root.chmod(0o755)
    yield root
    shutil.rmtree(root, ignore_errors=True)


def _as(uid: int, body: object) -> int:
    """Run ``body()`` in a forked child as ``uid`` in the shared group; its pid."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 1
        try:
            os.setgroups([GROUP])
            os.setgid(GROUP)
            os.setuid(uid)
            code = body()  # type: ignore[operator]
        finally:
            os._exit(code)
    return pid


@pytest.mark.slow
@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to run two real accounts")
def test_restoring_never_copies_a_private_file_a_neighbour_linked_in(
    shared: Path, clock, demo_data: DataDir
) -> None:
    """The attack of issue 13, fault 1, with two real accounts: the attacker keeps
    swapping the last-good copy between a good board and a link to the victim's
    0600 file while the victim restores it again and again."""
    home = shared / "victim-home"
    home.mkdir(mode=0o700)
    secret = home / "secret.txt"
    secret.write_bytes(SECRET)
    secret.chmod(0o600)
    directory = shared / "kata"
    shutil.copytree(demo_data.path, directory)
    data = DataDir(directory)
    _two_saves(data, "maria")
    last_good = data.board("maria").previous_path
    good_copy = directory / ".attacker-good"
    shutil.copyfile(last_good, good_copy)
    for path in [directory, *directory.iterdir()]:
        os.chown(path, VICTIM, GROUP)
        path.chmod(0o2770 if path.is_dir() else 0o660)
    os.chown(home, VICTIM, GROUP)
    os.chown(secret, VICTIM, GROUP)
    stop = shared / "stop"

    def attacker() -> int:
        n = 0
        while not stop.exists():
            n += 1
            link = directory / f".a{n}"
            os.symlink(secret, link)
            os.rename(link, last_good)
            os.link(good_copy, link)
            os.rename(link, last_good)
        return 0

    def victim() -> int:
        mine = DataDir(directory)
        for _ in range(500):
            with contextlib.suppress(StoreError):
                mine.restore_last_good("maria", AT)
            if SECRET in (directory / "maria.json").read_bytes():
                return 3
        return 0

    attacking = _as(ATTACKER, attacker)
    restoring = _as(VICTIM, victim)
    try:
        _, status = os.waitpid(restoring, 0)
    finally:
        stop.touch()
        _, attacked = os.waitpid(attacking, 0)
    assert os.waitstatus_to_exitcode(attacked) == 0
    leaked = [
        p.name
        for p in directory.iterdir()
        if not p.is_symlink() and p.is_file() and SECRET in p.read_bytes()
    ]
    assert leaked == []
    assert os.waitstatus_to_exitcode(status) == 0


def test_a_last_good_copy_that_is_a_link_is_refused(demo_data: DataDir, tmp_path: Path) -> None:
    _two_saves(demo_data, "maria")
    board = demo_data.board("maria")
    private = tmp_path / "private.json"
    shutil.copyfile(board.previous_path, private)  # even a valid board behind the link
    board.previous_path.unlink()
    board.previous_path.symlink_to(private)
    before = board.path.read_bytes()
    with pytest.raises(StoreError, match=r"last good copy.*symbolic link"):
        demo_data.restore_last_good("maria", AT)
    assert board.path.read_bytes() == before


def test_restoring_opens_the_last_good_copy_once(
    demo_data: DataDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check and the copy read one descriptor: nothing can be swapped in between
    (the race above, made certain)."""
    _two_saves(demo_data, "maria")
    previous = demo_data.board("maria").previous_path
    opened: list[str] = []
    real_open, real_io_open = os.open, io.open

    def os_open(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(os.fspath(path))
        return real_open(path, *args, **kwargs)

    def io_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if not isinstance(file, int):
            opened.append(os.fspath(file))
        return real_io_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(io, "open", io_open)
    monkeypatch.setattr("builtins.open", io_open)
    demo_data.restore_last_good("maria", AT)
    monkeypatch.undo()
    assert opened.count(str(previous)) == 1


def test_a_last_good_copy_that_is_a_fifo_is_refused_without_hanging(demo_data: DataDir) -> None:
    _two_saves(demo_data, "maria")
    board = demo_data.board("maria")
    board.previous_path.unlink()
    os.mkfifo(board.previous_path)
    with pytest.raises(StoreError, match="not a regular file"):
        demo_data.restore_last_good("maria", AT)


def test_a_board_that_is_a_symlink_loop_is_one_line_everywhere(demo_data: DataDir) -> None:
    loop = demo_data.path / "loop.json"
    loop.symlink_to(loop.name)
    problems = {p.path.name: p.message for p in demo_data.check()}
    assert "symbolic link" in problems["loop.json"]
    summaries, unlisted = DataDir(demo_data.path).summaries()
    assert {s.slug for s in summaries} == {"maria", "jonas", "aisha", "ken"}
    assert [p.path.name for p in unlisted] == ["loop.json"]
    for args in (("check",), ("loop",), ("follow", "loop"), ("export", "loop")):
        run = kata(*args, "--data", str(demo_data.path))
        assert "Traceback" not in run.stderr, args
        assert run.returncode in (1, 2), args
        lines = (run.stdout + run.stderr).strip().splitlines()
        assert any("loop.json" in line and "symbolic link" in line for line in lines), args


def test_a_board_that_is_a_fifo_is_refused_in_one_line(demo_data: DataDir) -> None:
    os.mkfifo(demo_data.path / "pipe.json")
    problems = {p.path.name: p.message for p in demo_data.check()}
    assert problems["pipe.json"] == "is not a regular file"
    run = kata("pipe", "--data", str(demo_data.path))
    assert run.returncode == 2
    assert run.stderr.strip().endswith("pipe.json: is not a regular file")


def _fifo_lock(data: DataDir, slug: str) -> Path:
    lock = data.board(slug).lock_path
    if lock.exists():
        lock.unlink()
    os.mkfifo(lock)
    return lock


def test_a_lock_that_is_a_fifo_is_refused_not_waited_on(demo_data: DataDir) -> None:
    _fifo_lock(demo_data, "maria")
    board = DataDir(demo_data.path).board("maria")
    story = board.load()

    def hung(*_: object) -> None:
        raise AssertionError("the save hung on a FIFO lock")

    old = signal.signal(signal.SIGALRM, hung)
    signal.alarm(10)
    try:
        with pytest.raises(StoreError, match=r"lock.*not a regular file"):
            board.commit([replace(story.board, challenge="x")], EDITOR, AT)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def test_import_replace_over_a_fifo_lock_ends_in_one_line(
    demo_data: DataDir, tmp_path: Path
) -> None:
    export = tmp_path / "maria.json"
    run = kata("export", "maria", "--format", "json", "--data", str(demo_data.path))
    export.write_text(run.stdout)
    _fifo_lock(demo_data, "maria")
    before = demo_data.board("maria").path.read_bytes()
    run = kata("import", str(export), "--replace", "--data", str(demo_data.path))
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    assert "not a regular file" in run.stderr
    assert demo_data.board("maria").path.read_bytes() == before


def test_a_last_good_link_that_fails_for_lack_of_space_leaves_no_older_copy(
    demo_data: DataDir, clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last good copy is the previous version or absent; the save says so."""
    _two_saves(demo_data, "maria")
    session = BoardSession(DataDir(demo_data.path), "maria", EDITOR, clock)
    previous = session.file.previous_path

    def no_space(*_: object, **__: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files.os, "link", no_space)
    story = session.save(replace(session.story.board, challenge="third save"))
    assert story.board.challenge == "third save"
    # "first save" must not stay behind, passed off as the version before this one
    assert not previous.exists()
    assert DataDir(demo_data.path).last_good("maria") is None
    assert session.warning is not None and "last good copy" in session.warning
    monkeypatch.undo()
    session.save(replace(session.story.board, challenge="fourth save"))
    assert session.warning is None
    kept = DataDir(demo_data.path).last_good("maria")
    assert kept is not None and b"third save" in kept.read_bytes()


def test_an_import_replace_that_cannot_keep_the_last_good_copy_says_so(
    demo_data: DataDir, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    from kata_tui import cli

    _two_saves(demo_data, "maria")
    export = tmp_path / "maria.json"
    assert (
        cli.main(
            [
                "export",
                "maria",
                "--format",
                "json",
                "--data",
                str(demo_data.path),
                "-o",
                str(export),
            ]
        )
        == 0
    )

    def no_space(*_: object, **__: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files.os, "link", no_space)
    monkeypatch.setenv("KATA_TODAY", "2026-11-23")
    capsys.readouterr()
    code = cli.main(["import", str(export), "--replace", "--data", str(demo_data.path)])
    assert code == 0
    err = capsys.readouterr().err
    assert "no last good copy could be kept" in err
    assert DataDir(demo_data.path).last_good("maria") is None
