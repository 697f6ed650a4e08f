"""A write that the system refuses: one clear reason per cause, and the board untouched.

In-process, deterministic: ``os.write`` refuses the temp file with a given
errno (the real one runs otherwise). The slow tests in test_failed_saves.py
make the same failures for real (a full disk, ulimit -f, a read-only
directory) where the machine allows it.
"""

from __future__ import annotations

import errno
import os
from dataclasses import replace
from datetime import datetime

import pytest

from kata_tui.domain.model import Role
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir
from kata_tui.store.errors import StoreError

AT = datetime(2026, 11, 23, 10, 0)

REASONS = [
    (errno.ENOSPC, "the disk is full (or the disk quota is used up); nothing was changed"),
    (errno.EDQUOT, "the disk is full (or the disk quota is used up); nothing was changed"),
    (errno.EFBIG, "the file size limit was reached (disk full or ulimit -f); nothing was changed"),
    (errno.EACCES, "no permission to write in the data directory; nothing was changed"),
    (errno.EPERM, "no permission to write in the data directory; nothing was changed"),
    (errno.EROFS, "the data directory is on a read-only file system; nothing was changed"),
    (errno.ELOOP, "it is a symbolic link; refused, nothing was changed"),
    (errno.EIO, "Input/output error; nothing was changed"),
]


@pytest.mark.parametrize(("code", "reason"), REASONS, ids=[errno.errorcode[c] for c, _ in REASONS])
def test_a_refused_write_names_its_cause_and_changes_nothing(
    demo_data: DataDir, monkeypatch: pytest.MonkeyPatch, code: int, reason: str
) -> None:
    board = demo_data.board("maria")
    story = board.load()
    before = {p.name: p.read_bytes() for p in demo_data.path.iterdir() if p.is_file()}
    real_write = os.write

    def refusing(fd: int, data: bytes) -> int:
        if os.readlink(f"/proc/self/fd/{fd}").endswith(".tmp"):
            raise OSError(code, os.strerror(code))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", refusing)
    step = replace(story.experiments[0], learned="never saved")
    with pytest.raises(StoreError) as caught:
        board.commit([step], Editor("me", Role.LEARNER), AT)
    assert str(caught.value) == f"cannot save maria.json: {reason}"
    after = {p.name: p.read_bytes() for p in demo_data.path.iterdir() if p.is_file()}
    assert after == before  # the board as it was, no temp file left, no new last-good copy
