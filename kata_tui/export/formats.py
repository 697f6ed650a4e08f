"""One entry point for every rendering, and writing one to a file safely."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from kata_tui.domain.errors import InvalidInput, KataError
from kata_tui.domain.storyboard import Storyboard
from kata_tui.export.csv_export import render_csv
from kata_tui.export.html import render_html
from kata_tui.export.json_format import render_json
from kata_tui.export.markdown import render_markdown

RENDERERS: dict[str, Callable[[Storyboard, date], str]] = {
    "md": render_markdown,
    "html": render_html,
    "csv": render_csv,
    "json": render_json,
}
FORMATS = tuple(RENDERERS)
DESCRIPTIONS = {
    "md": "Markdown: the whole storyboard, to read or send",
    "html": "HTML: one page to print on A3 landscape",
    "csv": "CSV: the experiment record for a spreadsheet",
    "json": "JSON: the complete board, for kata import",
}


class ExportError(KataError):
    """An export that could not be written; the message says why."""


def render(story: Storyboard, fmt: str, *, today: date) -> str:
    renderer = RENDERERS.get(fmt)
    if renderer is None:
        raise InvalidInput(f"unknown export format {fmt!r} (one of: {', '.join(FORMATS)})")
    return renderer(story, today)


def default_name(story: Storyboard, fmt: str) -> str:
    return f"{story.slug or 'board'}.{fmt}"


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
    return path.exists() and not path.is_dir()


def write_output(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all (temp file, then rename).

    An existing file is replaced only once the new one is complete, so a full
    disk never leaves half an export where a good one was.
    """
    path = path.expanduser()
    directory = path.parent
    if path.is_dir():
        raise ExportError(f"{path}: is a directory; give a file name")
    if not directory.is_dir():
        raise ExportError(f"{directory}: no such directory")
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise ExportError(f"{path}: cannot write ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise ExportError(f"{path}: cannot write ({exc.strerror or exc})") from None
