"""Bytes on disk: strict JSON reading, atomic replacing writes, advisory locks.

These are the primitives of the storage protocol (README, "On a plant server";
the write steps are in board_file.py). Nothing here
knows what a board is, so each rule is written once and tested on its own.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kata_tui.store.errors import BoardFileError, LockTimeout, StoreError

MAX_FILE_BYTES = 16 * 1024 * 1024
"""A board with years of daily cycles is well under 2 MB; past this, something is wrong."""


class _Duplicate(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Duplicate(f"duplicate key {key!r}")
            seen.add(key)
    return out


def no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def parse_json(text: str, path: Path) -> Any:
    """Parse ``text`` or raise one ``BoardFileError`` that names ``path``.

    Rejects what the standard parser lets through silently (NaN, Infinity,
    duplicate keys) and turns what it crashes on (deep nesting, huge
    integers) into the same clear error.
    """
    if not text.strip():
        raise BoardFileError(path, "the file is empty")
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=no_constants)
    except _Duplicate as exc:
        raise BoardFileError(path, f"not valid board data: {exc}") from None
    except json.JSONDecodeError as exc:
        if "[" in text[: exc.pos + 1] or "{" in text[: exc.pos + 1]:
            where = f"line {exc.lineno} column {exc.colno}"
            raise BoardFileError(path, f"not valid JSON ({exc.msg}; {where})") from None
        raise BoardFileError(path, "not a JSON file") from None
    except RecursionError:
        raise BoardFileError(path, "not valid board data: nested too deeply") from None
    except ValueError as exc:
        if "integer string conversion" in str(exc):
            raise BoardFileError(path, "not valid board data: a number far too long") from None
        raise BoardFileError(path, f"not valid board data: {exc}") from None


def open_nofollow(path: Path) -> int:
    """A read-only descriptor of ``path`` itself, never of what a symlink points to.

    A board file is replaced on every save, so a symlinked board would be
    silently turned into a copy; refusing links keeps one board one file.
    """
    try:
        # O_NONBLOCK: a FIFO planted under a board's name must not hang the app
        return os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK)
    except FileNotFoundError:
        raise
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise BoardFileError(path, "is a symbolic link; refused") from None
        raise BoardFileError(path, f"cannot be read: {exc.strerror or exc}") from None


def read_text(path: Path) -> str:
    """The whole file as text, refusing oversized or undecodable files and links."""
    return read_text_and_stat(path)[0]


def read_text_and_stat(path: Path) -> tuple[str, os.stat_result]:
    """``read_text``, and the stat of the very file read (not of a later one)."""
    fd = open_nofollow(path)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise BoardFileError(path, "is not a regular file")
        size = info.st_size
        if size > MAX_FILE_BYTES:
            raise BoardFileError(path, f"too large to be a board ({size // (1024 * 1024)} MB)")
        with open(fd, "rb", closefd=False) as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise BoardFileError(path, f"cannot be read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if len(raw) > MAX_FILE_BYTES:
        raise BoardFileError(path, "too large to be a board (it grew while being read)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BoardFileError(path, "not a text file (not UTF-8)") from None
    return text.removeprefix("\ufeff"), info  # a hand edit in an editor that adds a BOM


def file_mode_for(directory: Path, existing: Path | None = None) -> int:
    """The mode a board file should get: never world-writable.

    An existing file keeps the mode an admin gave it. A new one honours the
    umask, and is group read/write when the directory is group-shared
    (group-writable or setgid), so a plant's team keeps access.
    """
    if existing is not None:
        try:
            return stat.S_IMODE(existing.stat().st_mode) & ~0o002
        except FileNotFoundError:
            pass
    umask = os.umask(0)
    os.umask(umask)
    mode = 0o666 & ~umask
    try:
        dir_mode = directory.stat().st_mode
    except OSError:
        dir_mode = 0
    if dir_mode & (stat.S_IWGRP | stat.S_ISGID):
        mode |= 0o660
    return mode & ~0o002


def fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes, *, keep_previous: Path | None = None) -> bool:
    """Replace ``path`` with ``data`` so a reader sees the old or the new, never half.

    Temp file in the same directory, fsync, optional hard link of the old file
    as the "last good copy", os.replace, fsync of the directory. On any
    failure the old file is untouched and a ``StoreError`` says why.

    Returns False when ``keep_previous`` was asked for and could not be
    kept: then no last good copy is left at all, rather than an older one
    passed off as the version before this write.
    """
    directory = path.parent
    mode = file_mode_for(directory, path)
    tmp = directory / f".{path.name}.{os.getpid()}.{time.monotonic_ns()}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except OSError as exc:
        raise StoreError(f"cannot save {path.name}: {_reason(exc)}") from None
    kept = True
    try:
        try:
            os.fchmod(fd, mode)
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        if keep_previous is not None and os.path.lexists(path):
            kept = _link_previous(path, keep_previous)
        os.replace(tmp, path)
        fsync_dir(directory)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise StoreError(f"cannot save {path.name}: {_reason(exc)}") from None
    return kept


def _link_previous(path: Path, previous: Path) -> bool:
    """Hard-link the current file as ``previous``; False if it could not be.

    When the link fails (no space for the directory entry, no hard links on
    this file system) the old ``previous`` is removed, so it is never an
    older version passed off as the last one; if even that fails the write
    is refused (the OSError propagates and nothing is changed).
    """
    staging = previous.with_name(previous.name + f".{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        staging.unlink()
    try:
        os.link(path, staging, follow_symlinks=False)
    except OSError:
        with contextlib.suppress(FileNotFoundError):
            previous.unlink()
        return False
    os.replace(staging, previous)
    return True


def _reason(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full (or the disk quota is used up); nothing was changed"
    if exc.errno == errno.EFBIG:
        return "the file size limit was reached (disk full or ulimit -f); nothing was changed"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "no permission to write in the data directory; nothing was changed"
    if exc.errno == errno.EROFS:
        return "the data directory is on a read-only file system; nothing was changed"
    if exc.errno == errno.ELOOP:
        return "it is a symbolic link; refused, nothing was changed"
    return f"{exc.strerror or exc}; nothing was changed"


def _open_lock(lock_path: Path) -> int:
    """A descriptor of the lock file itself, checked through that descriptor.

    O_NONBLOCK: opening a FIFO planted under the lock's name would otherwise
    wait for a writer for ever; the fstat then refuses anything but a regular
    file (a FIFO, a device, a directory) before it is locked.
    """
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK
    for _ in range(3):
        created = True
        try:
            fd = os.open(lock_path, flags | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            created = False
            try:
                fd = os.open(lock_path, flags)
            except FileNotFoundError:
                continue  # removed between the two opens: create it again
            except OSError as exc:
                raise StoreError(f"cannot lock {lock_path.name}: {_reason(exc)}") from None
        except OSError as exc:
            raise StoreError(f"cannot lock {lock_path.name}: {_reason(exc)}") from None
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise StoreError(f"cannot lock {lock_path.name}: it is not a regular file; refused")
        if created:
            with contextlib.suppress(OSError):
                os.fchmod(fd, file_mode_for(lock_path.parent))
        return fd
    raise StoreError(f"cannot lock {lock_path.name}: it keeps disappearing; try again")


@contextlib.contextmanager
def locked(lock_path: Path, *, timeout: float = 10.0) -> Iterator[None]:
    """Hold an exclusive advisory lock on ``lock_path`` (created if needed).

    ``fcntl.flock`` on a file opened with O_NOFOLLOW: no symlink games, and
    the kernel drops the lock when a killed process's descriptor closes.
    flock needs only a read-only descriptor, so anyone who can read the lock
    file can take it; a new lock file gets the board mode (umask-proof), so a
    group sharing the directory can lock what one of them created.
    """
    fd = _open_lock(lock_path)
    try:
        deadline = time.monotonic() + timeout
        delay = 0.001
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise LockTimeout(
                        f"{lock_path.name}: another session has held the board for "
                        f"{timeout:.0f} s; try again"
                    ) from None
                time.sleep(delay)
                delay = min(delay * 2, 0.05)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
