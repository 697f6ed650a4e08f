"""Job breakdowns on disk, through ``kata`` in a real process: ``kata check`` names
a bad detail in one line, ``kata import`` refuses one in one line (nothing
written), an export moves the breakdowns to another server and back intact."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from kata_tui.domain.demo import SCENARIOS, demo_board
from kata_tui.domain.job_methods import BreakdownOf, Change, JobDetail, breakdown
from kata_tui.domain.model import Editor, Role
from kata_tui.store.datadir import DataDir
from tests.conftest import TODAY
from tests.test_cli import assert_user_error, kata

CURRENT, TARGET = BreakdownOf.CURRENT, BreakdownOf.TARGET


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture
def plant(tmp_path: Path) -> Path:
    """A data directory with one board whose target condition has both breakdowns."""
    story = demo_board(SCENARIOS[0], TODAY)
    tid = story.target.id
    details = (
        JobDetail(tid, CURRENT, 1, "Fetch the die", why="next job", change=Change.SIMPLIFY,
                  proposal="Die on a cart", id="d1"),
        JobDetail(tid, CURRENT, 2, "Walk for the wrench", change=Change.ELIMINATE, id="d2"),
        JobDetail(tid, TARGET, 1, "Die on a cart", from_id="d1", id="d3"),
    )  # fmt: skip
    data = DataDir.open(tmp_path / "plant")
    data.create(
        replace(story, job_details=details),
        Editor("setup", Role.COACH),
        datetime(2026, 11, 23, 9),
        slug="maria",
    )
    return data.path


def _edit_detail(board: Path, detail_id: str, **fields: object) -> None:
    """Change one stored detail's fields in the board file, as a hand edit would."""
    lines = board.read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(lines):
        if line.startswith('"job_details": '):
            rows = json.loads(line.removeprefix('"job_details": ').rstrip(",").removesuffix("}"))
            for row in rows.values():
                if row["id"] == detail_id:
                    row.update(fields)
            tail = "}" if line.endswith("}}") and not line.endswith(",") else ""
            lines[i] = '"job_details": ' + json.dumps(rows, separators=(",", ":")) + tail
    board.write_text("\n".join(lines), encoding="utf-8")


def test_a_board_with_breakdowns_is_all_good(home: Path, plant: Path) -> None:
    result = kata(home, "check", "--data", plant)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "1 boards, all good\n")


@pytest.mark.parametrize(
    ("fields", "said"),
    [
        ({"position": 1}, "job_details[1].position: current breakdown already has a detail at 1"),
        ({"target_id": "gone"}, "job_details[1].target_id: no target condition 'gone'"),
        ({"text": " "}, "job_details[1].text: a detail needs its words (what is done)"),
        ({"text": "a\nb"}, "job_details[1].text: a detail is one line (put the rest in its notes)"),
        ({"change": "scrap"}, "job_details[2].change: 'scrap' is not one of: keep, eliminate, "
                              "combine, rearrange, simplify"),
        ({"from_id": "d1"}, "job_details[1].from_id: only a target condition's detail is "
                            "started from another"),
    ],
)  # fmt: skip
def test_check_names_a_bad_detail_in_one_line(
    home: Path, plant: Path, fields: dict[str, object], said: str
) -> None:
    board = plant / "maria.json"
    _edit_detail(board, "d2", **fields)
    before = board.read_bytes()
    result = kata(home, "check", "--data", plant)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stdout == f"{board}: not valid board data: {said}\n"
    assert board.read_bytes() == before  # check reads, never writes


def test_a_board_file_from_before_job_methods_reads_with_no_breakdowns(
    home: Path, plant: Path
) -> None:
    board = plant / "maria.json"
    text = board.read_text(encoding="utf-8")
    older, found = re.subn(r',\n"job_details": \{.*\}\}\n?$', "}\n", text)
    assert found == 1
    board.write_text(older, encoding="utf-8")
    assert kata(home, "check", "--data", plant).returncode == 0
    assert DataDir.open(plant, create=False).load("maria").job_details == ()


def test_export_and_import_carry_every_detail(home: Path, plant: Path, tmp_path: Path) -> None:
    exported = kata(home, "export", "maria", "--format", "json", "--data", plant)
    assert exported.returncode == 0, exported.stderr
    doc = json.loads(exported.stdout)
    assert [r["id"] for r in doc["board"]["job_details"]] == ["d1", "d3", "d2"]
    moved = tmp_path / "maria.export.json"
    moved.write_text(exported.stdout, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    result = kata(home, "import", moved, "--data", elsewhere)
    assert result.returncode == 0, result.stderr
    before = DataDir.open(plant, create=False).load("maria")
    after = DataDir.open(elsewhere, create=False).load("maria")
    for of in (CURRENT, TARGET):
        was = breakdown(before, before.target.id, of)
        now = breakdown(after, after.target.id, of)
        assert [replace(d, rev=d.rev + 1) for d in was] == now  # the import is a save


@pytest.mark.parametrize(
    ("fields", "said"),
    [
        ({"position": 0}, "board.job_details[2].position: positions count from 1"),
        ({"text": ""}, "board.job_details[2].text: a detail needs its words (what is done)"),
        ({"of": "later"}, "board.job_details[2].of: 'later' is not one of: current, target"),
        ({"who": None}, "board.job_details[2].who: expected text, got None"),
        ({"hwo": "typo"}, "board.job_details[2].hwo: unknown field"),
    ],
)
def test_import_refuses_a_bad_detail_in_one_line_naming_the_field(
    home: Path, plant: Path, tmp_path: Path, fields: dict[str, object], said: str
) -> None:
    exported = kata(home, "export", "maria", "--format", "json", "--data", plant)
    doc = json.loads(exported.stdout)
    doc["board"]["job_details"][2].update(fields)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    line = assert_user_error(kata(home, "import", bad, "--data", elsewhere))
    assert line.endswith(said), line
    assert not (elsewhere / "maria.json").exists()
