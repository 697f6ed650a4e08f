"""Every save is write -> fsync(temp) -> os.replace -> fsync(directory), on a new inode.

The README promises that a killed writer never leaves a half-written board.
The kill tests show it statistically; these pin the protocol itself, call by
call: the real ``os`` functions run, a recorder only notes what each call
touched (by the inode behind the file descriptor, so a renamed or reused name
cannot fool it). Writing in place, skipping either fsync, or fsyncing the
directory before the rename each fails here.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import pytest

from kata_tui.domain.model import Role
from kata_tui.store.board_file import BoardFile, Editor
from kata_tui.store.datadir import DataDir

AT = datetime(2026, 11, 23, 10, 0)
ME = Editor("me", Role.LEARNER)


@dataclass(frozen=True)
class Call:
    what: str  # "write", "fsync" or "replace"
    inode: int  # the file or directory the call acted on
    is_dir: bool = False
    target: str = ""  # for replace: the name it replaced


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Call]]:
    """The write, fsync and replace calls made, in order, each by the real function."""
    recorded: list[Call] = []
    real_write, real_fsync, real_replace = os.write, os.fsync, os.replace

    def on_fd(what: str, real: Callable[..., object]) -> Callable[..., object]:
        def call(fd: int, *args: object) -> object:
            info = os.fstat(fd)
            if what != "write" or stat.S_ISREG(info.st_mode):
                recorded.append(Call(what, info.st_ino, stat.S_ISDIR(info.st_mode)))
            return real(fd, *args)

        return call

    def replace_(src: str | Path, dst: str | Path, **kwargs: object) -> None:
        inode = os.stat(src, follow_symlinks=False).st_ino
        real_replace(src, dst, **kwargs)
        recorded.append(Call("replace", inode, target=Path(dst).name))

    monkeypatch.setattr(os, "write", on_fd("write", real_write))
    monkeypatch.setattr(os, "fsync", on_fd("fsync", real_fsync))
    monkeypatch.setattr(os, "replace", replace_)
    yield recorded


def _protocol(calls: list[Call], board: Path) -> list[tuple[str, str]]:
    """The calls as (what, on what), repeated writes to one file collapsed."""
    directory = board.parent.stat().st_ino
    final = board.stat().st_ino
    named: list[tuple[str, str]] = []
    for call in calls:
        if call.is_dir:
            on = "directory" if call.inode == directory else f"other directory {call.inode}"
        elif call.what == "replace":
            on = f"temp -> {call.target}" if call.inode == final else f"-> {call.target}"
        else:
            on = "temp" if call.inode == final else f"other file {call.inode}"
        if named and named[-1] == ("write", on) == (call.what, on):
            continue
        named.append((call.what, on))
    return named


def _save_on_a_held_inode(board: Path, save: Callable[[], object]) -> int:
    """Save while holding the old file open, so its inode cannot be handed out again."""
    fd = os.open(board, os.O_RDONLY)
    try:
        before = os.fstat(fd).st_ino
        save()
    finally:
        os.close(fd)
    return before


def test_a_commit_writes_syncs_renames_then_syncs_the_directory(
    demo_data: DataDir, calls: list[Call]
) -> None:
    board = demo_data.board("maria")
    story = board.load()
    step = story.experiments[0]
    calls.clear()
    before = _save_on_a_held_inode(
        board.path, lambda: board.commit([replace(step, learned="kept")], ME, AT)
    )
    assert board.path.stat().st_ino != before  # a new file, never the old one rewritten
    assert _protocol(calls, board.path) == [
        ("write", "temp"),
        ("fsync", "temp"),
        ("replace", f"-> {board.previous_path.name}"),  # the last-good link, staged
        ("replace", f"temp -> {board.path.name}"),
        ("fsync", "directory"),
    ]
    assert BoardFile(board.path).load().experiments[0].learned == "kept"


def test_every_save_lands_on_a_new_inode(demo_data: DataDir) -> None:
    board = demo_data.board("jonas")
    seen = {board.path.stat().st_ino}
    held = [os.open(board.path, os.O_RDONLY)]  # every old version stays allocated
    try:
        for n in range(4):
            step = board.load().experiments[0]
            board.commit([replace(step, learned=f"save {n}")], ME, AT)
            inode = board.path.stat().st_ino
            assert inode not in seen
            seen.add(inode)
            held.append(os.open(board.path, os.O_RDONLY))
    finally:
        for fd in held:
            os.close(fd)


def test_a_new_board_is_written_synced_renamed_then_the_directory_synced(
    demo_data: DataDir, calls: list[Call]
) -> None:
    story = demo_data.load("ken")
    fresh = BoardFile(demo_data.path / "fresh.json")
    calls.clear()
    fresh.create(replace(story, slug="fresh"), ME, AT)
    assert _protocol(calls, fresh.path) == [
        ("write", "temp"),
        ("fsync", "temp"),
        ("replace", "temp -> fresh.json"),
        ("fsync", "directory"),
    ]


def test_replace_all_and_restore_follow_the_same_protocol(
    demo_data: DataDir, calls: list[Call]
) -> None:
    board = demo_data.board("aisha")
    story = board.load()
    calls.clear()
    before = _save_on_a_held_inode(board.path, lambda: board.replace_all(story, ME, AT))
    assert board.path.stat().st_ino != before
    assert _protocol(calls, board.path) == [
        ("write", "temp"),
        ("fsync", "temp"),
        ("replace", f"-> {board.previous_path.name}"),
        ("replace", f"temp -> {board.path.name}"),
        ("fsync", "directory"),
    ]

    calls.clear()
    before = _save_on_a_held_inode(board.path, lambda: demo_data.restore_last_good("aisha", AT))
    assert board.path.stat().st_ino != before
    assert _protocol(calls, board.path) == [
        ("write", "temp"),
        ("fsync", "temp"),
        ("replace", f"temp -> {board.path.name}"),
        ("fsync", "directory"),
    ]
