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
    assert str(caught.value) == (
        "unknown export format 'pdf' (one of: md, html, csv, cycles, readings, json)"
    )


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


def test_the_new_text_is_written_beside_the_target_then_renamed_over_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The temp file is made in the target's own directory (a rename across file
    systems would fail on a plant server), named as a data directory's temp files
    are, and holds the whole text before it replaces the old export."""
    out = tmp_path / "out.md"
    out.write_text("old")
    seen: list[tuple[Path, bytes, str]] = []
    real_replace = os.replace

    def replace_(src: str | Path, dst: str | Path) -> None:
        seen.append((Path(src), Path(src).read_bytes(), Path(dst).read_text()))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace_)
    write_output(out, "new ü")
    [(tmp, written, before)] = seen
    assert tmp.parent == tmp_path
    assert tmp.name.startswith(".out.md.") and tmp.name.endswith(".tmp")
    assert written == "new ü".encode()
    assert before == "old"  # the old export stays whole until the rename
    assert out.read_text() == "new ü"


def test_a_failed_rename_leaves_the_old_export_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out.md"
    out.write_text("old")

    def full(src: str | Path, dst: str | Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(ExportError) as caught:
        write_output(out, "new")
    assert str(caught.value) == f"{out}: cannot write (No space left on device)"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]
    assert out.read_text() == "old"


def test_a_temp_file_that_cannot_be_made_is_one_clear_line(tmp_path: Path) -> None:
    """A 250-character name leaves no room for the temp file's name (255 at most)."""
    out = tmp_path / ("x" * 250 + ".md")
    with pytest.raises(ExportError) as caught:
        write_output(out, "text")
    assert str(caught.value) == f"{out}: cannot write (File name too long)"
    assert list(tmp_path.iterdir()) == []


def test_a_path_that_cannot_be_looked_up_is_one_clear_line(tmp_path: Path) -> None:
    afile = tmp_path / "notes.txt"
    afile.write_text("mine")
    with pytest.raises(ExportError) as caught:
        write_output(afile / "out.md", "text")
    assert str(caught.value) == f"{afile / 'out.md'}: cannot write (Not a directory)"
    loop = tmp_path / "loop.md"
    loop.symlink_to(loop)
    with pytest.raises(ExportError) as caught:
        write_output(loop, "text")
    assert str(caught.value) == f"{loop}: cannot write (Too many levels of symbolic links)"
    assert afile.read_text() == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["loop.md", "notes.txt"]


def test_a_socket_is_refused_not_replaced(tmp_path: Path) -> None:
    import socket

    path = tmp_path / "s.md"
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(path))
        with pytest.raises(ExportError) as caught:
            write_output(path, "text")
    assert str(caught.value) == f"{path}: not a regular file, a FIFO or a terminal; refused"
    assert stat.S_ISSOCK(os.lstat(path).st_mode)


def test_a_descriptor_path_is_written_through_the_open_descriptor(tmp_path: Path) -> None:
    """``-o /dev/stdout`` with stdout sent to a file (``>> log``): the text goes
    where the descriptor points, after what is there, and no file is replaced."""
    log = tmp_path / "log"
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        os.write(fd, b"before\n")
        write_output(Path(f"/dev/fd/{fd}"), "export ü\n")
        write_output(Path(f"/proc/self/fd/{fd}"), "again\n")
        link = tmp_path / "to-fd"
        link.symlink_to(f"/dev/fd/{fd}")
        write_output(link, "through a link\n")
    finally:
        os.close(fd)
    assert log.read_bytes() == "before\nexport ü\nagain\nthrough a link\n".encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["log", "to-fd"]


def test_a_board_is_recognised_by_its_directory_its_lock_or_its_first_bytes(
    tmp_path: Path,
) -> None:
    """Each of the three signs alone refuses the file; none of them, and it is written."""
    data = tmp_path / "plant"
    data.mkdir()
    (data / "empty.json").write_text("")  # listed as a board of the data directory given
    with pytest.raises(ExportError):
        write_output(data / "empty.json", "x", data_dirs=[data])
    other = tmp_path / "other"
    other.mkdir()
    (other / ".ana.json.lock").write_text("")
    (other / "ana.json").write_text("")  # a board of a data directory not given: its lock
    with pytest.raises(ExportError):
        write_output(other / "ana.json", "x")
    (other / "bob.json").write_text('{"_meta": {}}')  # no lock: its first bytes
    with pytest.raises(ExportError):
        write_output(other / "bob.json", "x")
    assert [(other / n).read_text() for n in ("ana.json", "bob.json")] == ["", '{"_meta": {}}']
    assert (data / "empty.json").read_text() == ""
    # Not a board: another name with the same first bytes, or a .json that is not one.
    (other / "meta.txt").write_text('{"_meta": {}}')
    write_output(other / "meta.txt", "x")
    (other / "plain.json").write_text("[]")
    write_output(other / "plain.json", "y")
    write_output(tmp_path / "new.json", "z", data_dirs=[data])
    assert [(other / "meta.txt").read_text(), (other / "plain.json").read_text()] == ["x", "y"]
