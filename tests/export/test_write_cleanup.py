"""A failed export whose temp file cannot be removed either still ends in one clear line
naming what failed first (the rename), never a second error's traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kata_tui.export.formats import ExportError, write_output


def test_a_temp_file_that_cannot_be_removed_after_a_failed_rename_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out.md"
    out.write_text("old")

    def full(src: str | Path, dst: str | Path) -> None:
        raise OSError(28, "No space left on device")

    def stuck(path: str | Path) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", full)
    monkeypatch.setattr(os, "unlink", stuck)
    with pytest.raises(ExportError) as caught:
        write_output(out, "new")
    assert str(caught.value) == f"{out}: cannot write (No space left on device)"
    assert out.read_text() == "old"
