"""Writing an export to a file, in-process: whole or not at all, modes kept, one-line errors."""

from __future__ import annotations

import io
import os
import stat
import threading
from pathlib import Path

import pytest

from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.model import Board
from kata_tui.domain.storyboard import Storyboard
from kata_tui.export.formats import (
    ExportError,
    default_name,
    render,
    would_replace,
    write_output,
    write_stream,
)
from tests.conftest import TODAY


def test_a_new_file_is_written_whole_with_the_umask_mode(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_output(tmp_path / "out.md", "line one\r\nzwei ü\n")
    finally:
        os.umask(old)
    out = tmp_path / "out.md"
    assert out.read_bytes() == "line one\r\nzwei ü\n".encode()  # no newline translation
    assert stat.S_IMODE(out.stat().st_mode) == 0o644  # not mkstemp's 0600
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]  # no temp file left


def test_an_existing_file_is_replaced_and_keeps_its_mode(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    out.write_text("old")
    out.chmod(0o604)
    write_output(out, "new")
    assert out.read_text() == "new"
    assert stat.S_IMODE(out.stat().st_mode) == 0o604
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_a_home_relative_path_is_expanded(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    write_output(Path("~/board.html"), "<p>")
    assert (tmp_path / "board.html").read_text() == "<p>"


def test_a_directory_or_a_missing_directory_is_one_clear_line(tmp_path: Path) -> None:
    with pytest.raises(ExportError) as caught:
        write_output(tmp_path, "x")
    assert str(caught.value) == f"{tmp_path}: is a directory; give a file name"
    with pytest.raises(ExportError) as caught:
        write_output(tmp_path / "nowhere" / "out.md", "x")
    assert str(caught.value) == f"{tmp_path / 'nowhere'}: no such directory"
    assert list(tmp_path.iterdir()) == []


def test_names_and_formats() -> None:
    story = Storyboard(board=Board("lea", "tom", "c"), slug="lea")
    assert default_name(story, "md") == "lea.md"
    assert default_name(Storyboard(board=Board("lea", "tom", "c")), "html") == "board.html"
    with pytest.raises(InvalidInput) as caught:
        render(story, "pdf", today=TODAY)
    assert str(caught.value) == "unknown export format 'pdf' (one of: md, html, csv, json)"


def test_a_fifo_and_dev_null_are_written_into_never_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    assert not would_replace(fifo)
    write_output(fifo, "through the pipe ü")
    reader.join(timeout=10)
    assert got == ["through the pipe ü".encode()]
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # still the FIFO
    write_output(Path("/dev/null"), "gone")  # a device: written into, not replaced
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_data_directory_files_are_never_written_over(tmp_path: Path) -> None:
    data = tmp_path / "plant"
    data.mkdir()
    (data / "ana.json").write_text('{"_meta": {}}\n')
    for name in ("ana.json", ".ana.json.lock", ".ana.json.last-good", "ana.json.broken-1"):
        with pytest.raises(ExportError) as caught:
            write_output(data / name, "x", data_dirs=[data])
        assert str(caught.value) == (
            f"{data / name}: a board, lock or last-good file of a data directory; "
            "refused, export elsewhere"
        )
    elsewhere = tmp_path / "copy.json"  # a board file found by its first bytes
    elsewhere.write_text('{"_meta": {"1": {}}}\n')
    with pytest.raises(ExportError):
        write_output(elsewhere, "x")
    link = tmp_path / "link.md"
    link.symlink_to(data / "ana.json")
    with pytest.raises(ExportError):
        write_output(link, "x")  # through a link too
    assert (data / "ana.json").read_text() == '{"_meta": {}}\n'
    write_output(data / "notes.md", "fine", data_dirs=[data])  # any other name is fine
    assert would_replace(data / "notes.md") and not would_replace(data / "none.md")


def test_stdout_gets_utf8_whatever_its_encoding() -> None:
    raw = io.BytesIO()
    latin = io.TextIOWrapper(raw, encoding="latin-1")
    latin.write("before ")
    write_stream(latin, "Ümläute 漢字\n")
    assert raw.getvalue() == b"before " + "Ümläute 漢字\n".encode()
    plain = io.StringIO()
    write_stream(plain, "no buffer")
    assert plain.getvalue() == "no buffer"
