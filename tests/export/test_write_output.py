"""Writing an export to a file, in-process: whole or not at all, modes kept, one-line errors."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.model import Board
from kata_tui.domain.storyboard import Storyboard
from kata_tui.export.formats import ExportError, default_name, render, write_output
from tests.conftest import TODAY


def test_a_new_file_is_written_whole_with_the_umask_mode(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_output(tmp_path / "out.md", "line one\r\nzwei ü\n")
    finally:
        os.umask(old)
    out = tmp_path / "out.md"
    assert out.read_bytes() == "line one\r\nzwei ü\n".encode()  # no newline translation
    assert stat.S_IMODE(out.stat().st_mode) == 0o640  # not mkstemp's 0600
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
