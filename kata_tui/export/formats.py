"""One entry point for every rendering, and writing one to a file safely."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

from kata_tui.domain.card import Cards
from kata_tui.domain.errors import InvalidInput, KataError
from kata_tui.domain.storyboard import Storyboard
from kata_tui.export.csv_export import render_csv
from kata_tui.export.cycles_csv import render_cycles_csv
from kata_tui.export.html import render_html
from kata_tui.export.json_format import PendingVersion, render_json
from kata_tui.export.markdown import render_markdown
from kata_tui.export.readings_csv import render_readings_csv

RENDERERS: dict[str, Callable[[Storyboard, date], str]] = {
    "md": render_markdown,
    "html": render_html,
    "csv": render_csv,
    "cycles": render_cycles_csv,
    "readings": render_readings_csv,
    "json": render_json,
}
FORMATS = tuple(RENDERERS)
DESCRIPTIONS = {
    "md": "Markdown: the whole storyboard, to read or send",
    "html": "HTML: one page to print on A3 landscape",
    "csv": "CSV: the experiment record for a spreadsheet",
    "cycles": "CSV: the observed cycle times, one row per cycle",
    "readings": "CSV: every metric reading, one row per reading",
    "json": "JSON: the complete board, for kata import",
}


class ExportError(KataError):
    """An export that could not be written; the message says why."""


def render(
    story: Storyboard,
    fmt: str,
    *,
    today: date,
    pending: Sequence[PendingVersion] = (),
    cards: Cards | None = None,
) -> str:
    """``story`` as ``fmt``; the JSON export, the one an import reads back, also
    carries the ``pending`` versions of its records (the others show the board);
    ``cards`` finds the card sets its cycles used (Markdown labels their answers
    with them)."""
    renderer = RENDERERS.get(fmt)
    if renderer is None:
        raise InvalidInput(f"unknown export format {fmt!r} (one of: {', '.join(FORMATS)})")
    if fmt == "json":
        return render_json(story, today, pending)
    if fmt == "md":
        return render_markdown(story, today, cards)
    return renderer(story, today)


EXTENSIONS = {"cycles": "cycles.csv", "readings": "readings.csv"}
"""A file name's ending where it is not the format's name."""


def default_name(story: Storyboard, fmt: str) -> str:
    return f"{story.slug or 'board'}.{EXTENSIONS.get(fmt, fmt)}"


def _mode_for(path: Path) -> int:
    """An existing file keeps its mode; a new one honours the umask (mkstemp gives 0600)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def would_replace(path: Path) -> bool:
    """Whether writing to ``path`` replaces a file there now (asked before it does)."""
    path = path.expanduser()
    return path.is_file()  # a FIFO or a terminal is written into, not replaced


def write_stream(stream: TextIO, text: str) -> None:
    """``text`` as UTF-8 bytes on ``stream`` (stdout), whatever the locale's encoding:
    an export is UTF-8 wherever it goes, and a Latin-1 terminal must not end it in
    an encoding error half-way."""
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(text)
        stream.flush()
        return
    stream.flush()
    buffer.write(text.encode())
    buffer.flush()


_DATA_FILE = re.compile(r"\..+\.json\.(lock|last-good)(\..*)?|.+\.json\.broken-.*|\..+\.tmp")
"""Names only a data directory holds beside its boards: locks, last-good copies,
set-aside files, temp files."""


def _is_data_file(path: Path, data_dirs: Sequence[Path]) -> bool:
    """Whether ``path`` is (or would become) a board, lock or last-good file of a
    data directory: the one given, or any whose boards show by their lock files."""
    if _DATA_FILE.fullmatch(path.name):
        return True
    if not path.name.endswith(".json"):
        return False
    directory = path.parent
    if any(os.path.realpath(directory) == os.path.realpath(d) for d in data_dirs):
        return True  # any NAME.json there is listed as a board
    if os.path.lexists(directory / f".{path.name}.lock"):
        return True
    try:
        with open(path, "rb") as handle:
            return handle.read(9) == b'{"_meta":'  # a board file, wherever it is
    except OSError:
        return False


_FD_LINK = re.compile(r"/(?:proc/self|dev)/fd/([0-9]+)")


def _own_descriptor(path: Path) -> int | None:
    """The descriptor ``/dev/stdout`` or ``/dev/fd/N`` names, followed through links:
    written by its number, since reopening it by path is refused to an ordinary user
    whose stdout is a pipe someone else made."""
    current = os.path.abspath(path)
    for _ in range(40):
        found = _FD_LINK.fullmatch(current)
        if found:
            return int(found.group(1))
        if not os.path.islink(current):
            return None
        current = os.path.join(os.path.dirname(current), os.readlink(current))
    return None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _stream_to(path: Path, data: bytes) -> None:
    """Write into what is already there (a FIFO, a terminal, /dev/null, stdout)."""
    fd = os.open(path, os.O_WRONLY | os.O_CLOEXEC)
    try:
        _write_all(fd, data)
    finally:
        os.close(fd)


def write_output(path: Path, text: str, *, data_dirs: Sequence[Path] = ()) -> None:
    """Write ``text`` to ``path`` whole or not at all (temp file, then rename).

    An existing file is replaced only once the new one is complete, so a full
    disk never leaves half an export where a good one was. A board, lock or
    last-good file of a data directory (``data_dirs``, or any recognisable one)
    is never written over, even through a link. A FIFO, a terminal or a device
    like /dev/null, and /dev/stdout, are written into as a stream, never replaced.
    """
    path = path.expanduser()
    data = text.encode()
    try:
        own = _own_descriptor(path)
        if own is not None:
            _write_all(own, data)
            return
        try:
            info = os.stat(path)  # what a write would reach, through links
        except FileNotFoundError:
            info = None
        if info is not None and stat.S_ISDIR(info.st_mode):
            raise ExportError(f"{path}: is a directory; give a file name")
        if info is not None and (stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode)):
            _stream_to(path, data)
            return
        if info is not None and not stat.S_ISREG(info.st_mode):
            raise ExportError(f"{path}: not a regular file, a FIFO or a terminal; refused")
    except OSError as exc:
        raise ExportError(f"{path}: cannot write ({exc.strerror or exc})") from None
    for candidate in {path, Path(os.path.realpath(path))}:
        if _is_data_file(candidate, data_dirs):
            raise ExportError(
                f"{path}: a board, lock or last-good file of a data directory; "
                "refused, export elsewhere"
            )
    directory = path.parent
    if not directory.is_dir():
        raise ExportError(f"{directory}: no such directory")
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise ExportError(f"{path}: cannot write ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise ExportError(f"{path}: cannot write ({exc.strerror or exc})") from None
