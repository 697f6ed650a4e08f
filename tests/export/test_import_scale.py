"""An import is linear in the board's size and holds the lock only for its final write
(issue 13, fault 8). How long it takes is measured in tests/bench/run.py; here, what
makes it linear and what keeps others' saves from waiting is checked directly."""

from __future__ import annotations

import fcntl
import os
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from tinydb.table import Table

from kata_tui.domain.model import Board, Metric, Reading, Role, TargetCondition
from kata_tui.domain.storyboard import Storyboard
from kata_tui.export.importer import import_file
from kata_tui.export.json_format import render_json
from kata_tui.store.board_file import BoardFile, Editor
from kata_tui.store.datadir import DataDir

AT = datetime(2026, 11, 23, 9, 0)
ME = Editor("importer", Role.COACH)


def _export(tmp_path: Path, n: int) -> Path:
    target = TargetCondition(seq=1, metrics=(Metric("m", "u"),))
    readings = tuple(
        Reading(target.id, date(2024, 1, 1) + timedelta(days=i % 700), "m", float(i))
        for i in range(n)
    )
    story = Storyboard(
        board=Board("l", "c", "ch"), targets=(target,), readings=readings, slug="big"
    )
    path = tmp_path / "big.json"
    path.write_text(render_json(story, date(2026, 11, 23)), encoding="utf-8")
    return path


@pytest.mark.parametrize("replace", [False, True])
def test_an_import_never_copies_a_table_per_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, replace: bool
) -> None:
    """TinyDB's insert copies the whole table: one per record made imports quadratic."""
    data = DataDir.open(tmp_path / "data")
    path = _export(tmp_path, 500)
    if replace:
        import_file(data, path, name=None, replace=False, editor=ME, at=AT)
    copies = []
    real = Table._update_table

    def counted(self, updater):  # type: ignore[no-untyped-def]
        copies.append(self.name)
        return real(self, updater)

    monkeypatch.setattr(Table, "_update_table", counted)
    import_file(data, path, name=None, replace=replace, editor=ME, at=AT)
    assert len(copies) <= 6  # at most once per table, whatever the number of records
    assert len(DataDir.open(data.path).load("big").readings) == 500


@pytest.mark.parametrize("replace", [False, True])
def test_an_import_prepares_the_board_before_it_takes_the_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, replace: bool
) -> None:
    data = DataDir.open(tmp_path / "data")
    path = _export(tmp_path, 50)
    if replace:
        import_file(data, path, name=None, replace=False, editor=ME, at=AT)
    lock = data.board("big").lock_path
    free_while_encoding: list[bool] = []
    real = BoardFile._decode

    def decode(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        fd = os.open(lock, os.O_RDONLY | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            fcntl.flock(fd, fcntl.LOCK_UN)
            free_while_encoding.append(True)
        except BlockingIOError:
            free_while_encoding.append(False)
        finally:
            os.close(fd)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(BoardFile, "_decode", decode)
    import_file(data, path, name=None, replace=replace, editor=ME, at=AT)
    assert free_while_encoding and all(free_while_encoding)
