"""What ``kata check`` accepts, a save keeps whole; what a save could not keep, check
refuses in one line naming the file and the field (issue 13, faults 3, 5 and 6)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime

import pytest

from kata_tui.domain.model import Role
from kata_tui.store.board_file import BoardFile, Editor
from kata_tui.store.datadir import DataDir
from kata_tui.store.errors import BoardFileError

AT = datetime(2026, 11, 23, 10, 0)
ME = Editor("me", Role.LEARNER)


def _tables(data: DataDir, slug: str) -> dict:
    return json.loads(data.board(slug).path.read_text())


def _write(data: DataDir, slug: str, tables: dict) -> None:
    data.board(slug).path.write_text(json.dumps(tables))


def _problems(data: DataDir) -> dict[str, str]:
    return {p.path.name: p.message for p in DataDir(data.path).check()}


@pytest.mark.parametrize("second", ["01", "+2", " 2", "x", "0", "-1", "1.0", "１"])
def test_document_ids_that_a_save_would_merge_or_crash_on_are_refused(
    demo_data: DataDir, second: str
) -> None:
    tables = _tables(demo_data, "maria")
    readings = tables["readings"]
    first_id, row = next(iter(readings.items()))
    copy = dict(row, id="another-reading")
    tables["readings"] = {"1": readings[first_id], second: copy}
    _write(demo_data, "maria", tables)
    message = _problems(demo_data)["maria.json"]
    assert f"readings[{second}]" in message or f"readings[{second!r}]" in message
    assert "document id" in message
    with pytest.raises(BoardFileError):
        BoardFile(demo_data.board("maria").path).load()


def test_canonical_document_ids_pass_and_every_record_survives_a_save(demo_data: DataDir) -> None:
    tables = _tables(demo_data, "maria")
    readings = tables["readings"]
    rows = list(readings.values())
    tables["readings"] = {str(7 + 10 * i): row for i, row in enumerate(rows)}
    _write(demo_data, "maria", tables)
    assert "maria.json" not in _problems(demo_data)
    board = BoardFile(demo_data.board("maria").path)
    story = board.load()
    saved = board.commit([replace(story.board, challenge="saved")], ME, AT)
    assert len(saved.readings) == len(rows)
    assert len(BoardFile(board.path).load().readings) == len(rows)


@pytest.mark.parametrize(
    ("table", "field", "value"),
    [
        ("readings", "value", 1e40),
        ("readings", "value", -1e13),
        ("readings", "day", "2026-W48-1"),
        ("readings", "day", "9999-12-31"),
        ("cycles", "started", "2026-11-23T09:00:00+05:00"),
        ("obstacles", "added", "0001-01-01"),
    ],
)
def test_values_out_of_range_fail_kata_check_naming_the_field(
    demo_data: DataDir, table: str, field: str, value: object
) -> None:
    tables = _tables(demo_data, "maria")
    first = next(iter(tables[table]))
    tables[table][first][field] = value
    _write(demo_data, "maria", tables)
    message = _problems(demo_data)["maria.json"]
    assert f".{field}:" in message and table in message


@pytest.mark.parametrize("today", ["0001-01-01", "0001-01-02", "9999-12-30", "9999-12-31"])
def test_kata_demo_near_the_calendar_ends_is_one_line(tmp_path, today: str) -> None:
    from tests.store.conftest import kata, worker_env

    run = kata(
        "demo",
        "--no-open",
        "--data",
        str(tmp_path / "d"),
        env={**worker_env(), "KATA_TODAY": today},
    )
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    assert run.stderr.count("\n") == 1 and "KATA_TODAY" in run.stderr


def test_a_board_with_a_reading_out_of_range_is_one_line_not_a_crash(demo_data: DataDir) -> None:
    from tests.store.conftest import kata

    tables = _tables(demo_data, "maria")
    first = next(iter(tables["readings"]))
    tables["readings"][first]["value"] = float("9" * 40)
    _write(demo_data, "maria", tables)
    for args in (("check",), ("maria",), ("export", "maria")):
        run = kata(*args, "--data", str(demo_data.path))
        assert run.returncode in (1, 2) and "Traceback" not in run.stderr
        assert "maria.json" in run.stdout + run.stderr and ".value: number out of range" in (
            run.stdout + run.stderr
        )


@pytest.mark.parametrize("name", ["evil\n", "maria\n", "", " ", "a/b", "..", "x" * 65, "Ünï"])
def test_board_names_are_checked_whole(demo_data: DataDir, name: str) -> None:
    from kata_tui.domain.errors import InvalidInput

    with pytest.raises(InvalidInput, match="not a board name"):
        demo_data.check_slug(name)


def test_import_as_a_name_ending_in_a_newline_is_refused(demo_data: DataDir, tmp_path) -> None:
    from tests.store.conftest import kata

    export = tmp_path / "maria.json"
    export.write_text(
        kata("export", "maria", "--format", "json", "--data", str(demo_data.path)).stdout
    )
    run = kata("import", str(export), "--as", "evil\n", "--data", str(demo_data.path))
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert not [p for p in demo_data.path.iterdir() if "\n" in p.name]


@pytest.mark.parametrize("challenge", [" ", "\n", " \n\t "])
def test_a_challenge_of_blanks_is_saved_not_crashed(data: DataDir, challenge: str) -> None:
    """Found by the property suite: the head line's summary took the first line of
    a challenge that had none."""
    from kata_tui.domain.model import Board
    from kata_tui.domain.storyboard import Storyboard

    data.create(Storyboard(board=Board("l", "c", challenge)), ME, AT, slug="b")
    assert DataDir(data.path).board("b").summary().challenge == ""
    assert DataDir(data.path).check() == []


@pytest.mark.parametrize(
    ("field", "value"),
    [("position", "q9"), ("position", "Q1"), ("answers", [{"key": "zz", "text": "t", "by": ""}])],
)
def test_a_cycle_off_the_card_fails_kata_check(demo_data: DataDir, field: str, value) -> None:
    """Found by the property suite: a followed cycle at an unknown question crashed
    the board screen; the card's questions are the only positions there are."""
    for slug in demo_data.slugs():
        tables = _tables(demo_data, slug)
        if tables.get("cycles"):
            break
    first = next(iter(tables["cycles"]))
    tables["cycles"][first][field] = value
    _write(demo_data, slug, tables)
    message = _problems(demo_data)[f"{slug}.json"]
    assert "cycles[" in message and "is not a question of the card" in message
