"""The board merge driver in-process: the rules of ``kata sync`` record by record.

tests/store/test_sync.py runs it through git (a process git starts); these call
``merge_boards`` and ``main`` directly on three versions of one board, so each
rule is checked on its own: one side's change taken, both sides' change kept
as a pending version, removals, settled pending versions, and every refusal's
one line.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime
from pathlib import Path

import pytest

from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.job_methods import BreakdownOf, JobDetail, breakdown
from kata_tui.domain.model import Experiment, Obstacle, Reading
from kata_tui.export.formats import render
from kata_tui.export.importer import import_file
from kata_tui.store.board_file import PENDING, parse_board, pending_rows
from kata_tui.store.datadir import DataDir
from kata_tui.store.files import MAX_FILE_BYTES
from kata_tui.store.merge import MergeRefused, main, merge_boards
from tests.store.sync_helpers import TODAY, editor, plant_dir, session

NAME = Path("board0.json")


class Versions:
    """A board's file text as it is, and after changes made from its base."""

    def __init__(self, tmp_path: Path) -> None:
        self.data = plant_dir(tmp_path, "plant", boards=1)
        self.path = self.data.path / NAME.name
        self.base = self.path.read_text(encoding="utf-8")

    def changed(self, user: str, *edits: object, remove: tuple[object, ...] = ()) -> str:
        """The text after ``user`` saves ``edits`` on the base version."""
        self.path.write_text(self.base, encoding="utf-8")
        s = session(self.data, "board0", user)
        s.save(*edits, remove=remove)  # type: ignore[arg-type]
        text = self.path.read_text(encoding="utf-8")
        self.path.write_text(self.base, encoding="utf-8")
        return text

    def steps(self) -> list[Experiment]:
        story, _ = parse_board(self.base, NAME)
        return sorted(story.experiments, key=lambda e: e.number)


def _merged(base: str | None, ours: str, theirs: str, **kw: str):
    result = merge_boards(base, ours, theirs, NAME, **kw)
    story, raw = parse_board(result.text.decode(), NAME)
    return result, story, raw


@pytest.fixture
def v(tmp_path: Path) -> Versions:
    return Versions(tmp_path)


def test_changes_to_different_records_are_both_kept(v: Versions) -> None:
    first, second = v.steps()[:2]
    ours = v.changed("ana", dataclasses.replace(first, learned="ours"))
    theirs = v.changed("ben", dataclasses.replace(second, learned="theirs"))
    result, story, raw = _merged(v.base, ours, theirs)
    assert (result.taken, result.conflicts) == (1, 0)
    assert story.find(Experiment, first.id).learned == "ours"
    assert story.find(Experiment, second.id).learned == "theirs"
    assert raw.get(PENDING, {}) == {}
    revisions = [parse_board(t, NAME)[0].revision for t in (ours, theirs)]
    assert story.revision == max(revisions) + 1


def test_one_record_changed_on_both_sides_keeps_ours_and_holds_theirs(v: Versions) -> None:
    first = v.steps()[0]
    ours = v.changed("ana", dataclasses.replace(first, learned="ours"))
    theirs = v.changed("ben", dataclasses.replace(first, learned="theirs"))
    result, story, raw = _merged(v.base, ours, theirs, origin="plant-b")
    assert (result.taken, result.conflicts) == (0, 1)
    assert story.find(Experiment, first.id).learned == "ours"
    [entry] = raw.get(PENDING, {}).values()
    assert entry["table"] == "experiments"
    assert entry["origin"] == "plant-b"
    assert entry["record"]["learned"] == "theirs"
    assert list(raw.get(PENDING, {})) == ["1"]


def test_the_same_change_on_both_sides_is_no_conflict(v: Versions) -> None:
    first = v.steps()[0]
    ours = v.changed("ana", dataclasses.replace(first, learned="same"))
    result, story, raw = _merged(v.base, ours, ours)
    assert (result.taken, result.conflicts) == (0, 0)
    assert story.find(Experiment, first.id).learned == "same"
    assert raw.get(PENDING, {}) == {}


def test_removals_keep_whatever_was_changed(v: Versions) -> None:
    story, _ = parse_board(v.base, NAME)
    reading, other = story.readings[:2]
    # removed here, untouched there: gone
    ours = v.changed("ana", remove=(reading,))
    _, merged, _ = _merged(v.base, ours, v.base)
    assert merged.find(Reading, reading.id) is None
    # removed there, untouched here: gone too
    _, merged, _ = _merged(v.base, v.base, ours)
    assert merged.find(Reading, reading.id) is None
    # removed there, changed here: the change is kept
    changed = v.changed("ben", dataclasses.replace(reading, value=1234.5))
    result, merged, _ = _merged(v.base, changed, ours)
    assert merged.find(Reading, reading.id).value == 1234.5
    assert (result.taken, result.conflicts) == (0, 0)
    # removed here, changed there: theirs comes back
    result, merged, _ = _merged(v.base, ours, changed)
    assert merged.find(Reading, reading.id).value == 1234.5
    assert result.taken == 1
    assert merged.find(Reading, other.id) == other


def test_a_record_added_there_is_taken_with_a_new_row_number(v: Versions) -> None:
    first = v.steps()[0]
    _, raw = parse_board(v.base, NAME)
    added = Obstacle(first.target_id, "new there", first.day, number=99)
    theirs = v.changed("ben", added)
    ours = v.changed("ana", dataclasses.replace(first, learned="ours"))
    result, merged, merged_raw = _merged(v.base, ours, theirs)
    assert merged.find(Obstacle, added.id).text == "new there"
    assert result.taken == 1
    rows = merged_raw["obstacles"]
    assert len(rows) == len(raw["obstacles"]) + 1
    assert max(int(k) for k in rows) == max(int(k) for k in raw["obstacles"]) + 1
    # a board new on both sides (no common version): theirs added to ours
    result, merged, _ = _merged(None, ours, theirs)
    assert merged.find(Obstacle, added.id) is not None


def test_a_pending_version_settled_on_one_side_stays_settled(v: Versions) -> None:
    first = v.steps()[0]
    ours = v.changed("ana", dataclasses.replace(first, learned="ours"))
    theirs = v.changed("ben", dataclasses.replace(first, learned="theirs"))
    conflicted = merge_boards(v.base, ours, theirs, NAME, origin="b").text.decode()
    # both sides hold the pending version: it stays
    _, _, raw = _merged(conflicted, conflicted, conflicted)
    assert len(raw.get(PENDING, {})) == 1
    # one side settled it (kept its own version): it goes
    v.path.write_text(conflicted, encoding="utf-8")
    s = session(v.data, "board0", "ana")
    s.settle(s.pending()[0], None)
    settled = v.path.read_text(encoding="utf-8")
    _, story, raw = _merged(conflicted, settled, conflicted)
    assert raw.get(PENDING, {}) == {}
    assert story.find(Experiment, first.id).learned == "ours"
    # a pending version new on one side is kept
    _, _, raw = _merged(v.base, conflicted, v.base)
    assert len(raw.get(PENDING, {})) == 1


def test_two_boards_of_one_name_are_refused(v: Versions, tmp_path: Path) -> None:
    other = plant_dir(tmp_path, "other", boards=1)
    theirs = (other.path / NAME.name).read_text(encoding="utf-8")
    with pytest.raises(MergeRefused) as caught:
        merge_boards(v.base, v.base, theirs, NAME)
    assert str(caught.value) == (
        "board0.json: two different boards of one name, started at two plants; "
        "rename one (kata export, then kata import --as NAME) and sync again"
    )


@pytest.mark.parametrize(
    ("which", "side"),
    [(0, "in the common version"), (1, "on this side"), (2, "on the other side")],
)
def test_a_side_that_does_not_load_is_named(v: Versions, which: int, side: str) -> None:
    texts = [v.base, v.base, v.base]
    texts[which] = "{not json"
    with pytest.raises(MergeRefused) as caught:
        merge_boards(*texts, NAME)  # type: ignore[arg-type]
    assert str(caught.value).startswith(f"board0.json: does not load {side} (")


def test_the_driver_writes_the_merge_over_ours_and_refuses_in_one_line(
    v: Versions, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    first = v.steps()[0]
    files = {name: tmp_path / name for name in ("base", "ours", "theirs")}
    files["base"].write_text(v.base)
    files["ours"].write_text(v.changed("ana", dataclasses.replace(first, learned="ours")))
    files["theirs"].write_text(v.changed("ben", dataclasses.replace(first, learned="theirs")))
    monkeypatch.setenv("KATA_SYNC_ORIGIN", "plant-b")
    argv = [str(files[n]) for n in ("base", "ours", "theirs")] + ["board0.json"]
    assert main(argv) == 0
    story, raw = parse_board(files["ours"].read_text(), NAME)
    assert story.find(Experiment, first.id).learned == "ours"
    assert [e["origin"] for e in raw.get(PENDING, {}).values()] == ["plant-b"]
    monkeypatch.delenv("KATA_SYNC_ORIGIN")
    files["ours"].write_text(v.changed("ana", dataclasses.replace(first, learned="x")))
    assert main(argv) == 0
    _, raw = parse_board(files["ours"].read_text(), NAME)
    assert [e["origin"] for e in raw.get(PENDING, {}).values()] == ["another plant"]
    assert capsys.readouterr().err == ""

    assert main(argv[:3]) == 2
    assert capsys.readouterr().err == (
        "usage: python -m kata_tui.store.merge BASE OURS THEIRS PATH\n"
    )
    before = files["ours"].read_bytes()
    files["theirs"].write_text("  \n")
    assert main(argv) == 1
    assert capsys.readouterr().err == "kata merge: board0.json: one side is empty\n"
    files["theirs"].write_bytes(b"x" * (MAX_FILE_BYTES + 1))
    assert main(argv) == 1
    assert capsys.readouterr().err == f"kata merge: {files['theirs']}: too large to be a board\n"
    files["theirs"].write_text("{not json")
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith("kata merge: board0.json: does not load on the other side (")
    assert err.count("\n") == 1
    assert files["ours"].read_bytes() == before  # a refused merge writes nothing
    # an empty common version: the board is new on both sides
    files["base"].write_text("")
    files["theirs"].write_text(v.base)
    assert main(argv) == 0
    story, _ = parse_board(files["ours"].read_text(), NAME)
    assert story.find(Experiment, first.id).learned == "x"


def test_pending_rows_are_checked_and_named_by_their_place(v: Versions) -> None:
    story, raw = parse_board(v.base, NAME)
    row = next(iter(raw["experiments"].values()))
    good = {"table": "experiments", "record": row, "origin": "plant-b"}
    [kept] = pending_rows({"7": good}, story)
    assert (kept.key, kept.origin, kept.record) == (
        "7",
        "plant-b",
        story.find(Experiment, row["id"]),
    )
    [no_origin] = pending_rows({"1": {"table": "experiments", "record": row}}, story)
    assert no_origin.origin == ""
    stray = {"table": "experiments", "record": dict(row, id="zzz"), "origin": ""}
    cases = [
        ({"0": stray}, "_pending[0].record: no experiments record with id 'zzz'"),
        ({"0": dict(good, origin="o" * 201)}, "_pending[0].origin: expected a short text"),
        # the second row is named by its own place, whatever the first one's table
        (
            {"0": good, "1": dict(good, table="cards")},
            "_pending[1].table: not a table of records: 'cards'",
        ),
    ]
    for rows, message in cases:
        with pytest.raises(InvalidInput) as caught:
            pending_rows(rows, story)
        assert str(caught.value) == message
    with pytest.raises(InvalidInput) as caught:
        pending_rows({"0": good, "1": stray}, story, "pending")
    assert str(caught.value) == "pending[1].record: no experiments record with id 'zzz'"


def test_a_pending_version_travels_through_an_export_and_an_import(
    v: Versions, tmp_path: Path
) -> None:
    """An export carries the versions waiting for a choice; the imported board holds
    them with where they came from (in-process: kata import as a process is slow)."""
    first = v.steps()[0]
    ours = v.changed("ana", dataclasses.replace(first, learned="ours"))
    theirs = v.changed("ben", dataclasses.replace(first, learned="theirs"))
    v.path.write_bytes(merge_boards(v.base, ours, theirs, NAME, origin="plant-b").text)
    board = v.data.board("board0")
    story = board.load()
    out = tmp_path / "board0-export.json"
    out.write_text(render(story, "json", today=TODAY, pending=board.pending()), encoding="utf-8")
    other = DataDir.open(tmp_path / "elsewhere")
    name = import_file(
        other, out, name=None, replace=False, editor=editor("cara"), at=datetime(2026, 11, 23, 9)
    )
    imported = other.board(name)
    imported.load()
    [waiting] = imported.pending()
    assert waiting.origin == "plant-b"
    assert waiting.record.learned == "theirs"
    assert other.load(name).find(Experiment, first.id).learned == "ours"


def test_records_added_on_both_sides_are_told_apart_by_id_not_by_row(v: Versions) -> None:
    first = v.steps()[0]
    mine = Obstacle(first.target_id, "added here", first.day, number=98)
    other = Obstacle(first.target_id, "added there", first.day, number=99)
    result, merged, raw = _merged(v.base, v.changed("ana", mine), v.changed("ben", other))
    assert merged.find(Obstacle, mine.id).text == "added here"
    assert merged.find(Obstacle, other.id).text == "added there"
    assert (result.taken, result.conflicts) == (1, 0)
    assert raw.get(PENDING, {}) == {}


def test_two_records_changed_on_both_sides_keep_two_pending_versions(v: Versions) -> None:
    first, second = v.steps()[:2]
    ours = v.changed(
        "ana", dataclasses.replace(first, learned="a1"), dataclasses.replace(second, learned="a2")
    )
    theirs = v.changed(
        "ben", dataclasses.replace(first, learned="b1"), dataclasses.replace(second, learned="b2")
    )
    result, _, raw = _merged(v.base, ours, theirs)
    assert result.conflicts == 2
    held = sorted(entry["record"]["learned"] for entry in raw[PENDING].values())
    assert held == ["b1", "b2"]


def test_job_details_added_at_two_plants_both_stay_and_never_share_a_position(
    v: Versions,
) -> None:
    tid = v.steps()[0].target_id
    first = JobDetail(tid, BreakdownOf.CURRENT, 1, "Fetch the die", id="aaa")
    base = v.changed("setup", first)  # the common version has one detail
    v.base = base
    ours = v.changed("ana", JobDetail(tid, BreakdownOf.CURRENT, 2, "ours", id="ddd"))
    theirs = v.changed(
        "ben",
        JobDetail(tid, BreakdownOf.CURRENT, 2, "theirs", id="ccc"),
        JobDetail(tid, BreakdownOf.TARGET, 1, "new method", id="eee"),
    )
    result, story, _ = _merged(base, ours, theirs)
    assert result.conflicts == 0
    current = breakdown(story, tid, BreakdownOf.CURRENT)
    # the one of the two with the lower id keeps position 2, the other goes last
    assert [(d.position, d.text) for d in current] == [
        (1, "Fetch the die"),
        (2, "theirs"),
        (3, "ours"),
    ]
    assert [d.text for d in breakdown(story, tid, BreakdownOf.TARGET)] == ["new method"]
    # the other plant, merging the other way round, writes the same details: the
    # next sync of the two finds nothing changed on both sides
    _, mirrored, _ = _merged(base, theirs, ours)
    assert sorted(mirrored.job_details, key=lambda d: d.id) == sorted(
        story.job_details, key=lambda d: d.id
    )
    moved = story.find(JobDetail, "ddd")
    assert moved.rev == parse_board(ours, NAME)[0].find(JobDetail, "ddd").rev + 1


def test_two_sessions_choosing_on_one_pending_version_both_save(v: Versions) -> None:
    """Two people at two terminals answer the same conflict dialog: the first
    choice removes the pending version, the second is saved as an edit on top
    (it is no longer pending, and nothing fails)."""
    first = v.steps()[0]
    ours = v.changed("ana", dataclasses.replace(first, learned="ours"))
    theirs = v.changed("ben", dataclasses.replace(first, learned="theirs"))
    v.path.write_text(merge_boards(v.base, ours, theirs, NAME, origin="b").text.decode())
    ana, ben = session(v.data, "board0", "ana"), session(v.data, "board0", "ben")
    ana.settle(ana.pending()[0], None)
    assert ana.pending() == ()
    (pending,) = ben.pending()
    ben.settle(pending, pending.record)
    assert ben.pending() == () and PENDING not in v.path.read_text()
    story, _ = parse_board(v.path.read_text(encoding="utf-8"), NAME)
    assert story.find(Experiment, first.id).learned == "theirs"


def test_a_merged_board_file_names_its_format_on_its_head_line(v: Versions) -> None:
    """FORMAT.md: the head line is ``_meta`` with ``format`` 1; a merged file
    is written anew, head line too."""
    first = v.steps()[0]
    ours = v.changed("ana", dataclasses.replace(first, learned="ours"))
    theirs = v.changed("ben", dataclasses.replace(v.steps()[1], learned="theirs"))
    result, _, _ = _merged(v.base, ours, theirs)
    head = result.text.decode().split("\n", 1)[0]
    assert head.startswith('{"_meta": ') and head.endswith(",")
    meta = json.loads(head[:-1] + "}")["_meta"]["1"]
    assert meta["format"] == 1


def test_the_plant_with_the_lowest_new_id_keeps_all_its_job_detail_positions(
    v: Versions,
) -> None:
    """Ours adds bbb at 2 and zzz at 3, theirs ccc at 2: bbb is the lowest new id,
    so ours keep 2 and 3 and theirs follows at 4 (ordering by position and id
    alone would put ccc at 4 and move zzz to 5, leaving 3 empty)."""
    tid = v.steps()[0].target_id
    base = v.changed("setup", JobDetail(tid, BreakdownOf.CURRENT, 1, "Fetch the die", id="aaa"))
    v.base = base
    ours = v.changed(
        "ana",
        JobDetail(tid, BreakdownOf.CURRENT, 2, "ours one", id="bbb"),
        JobDetail(tid, BreakdownOf.CURRENT, 3, "ours two", id="zzz"),
    )
    theirs = v.changed("ben", JobDetail(tid, BreakdownOf.CURRENT, 2, "theirs", id="ccc"))
    for a, b in ((ours, theirs), (theirs, ours)):
        _, story, _ = _merged(base, a, b)
        assert [(d.position, d.text) for d in breakdown(story, tid, BreakdownOf.CURRENT)] == [
            (1, "Fetch the die"),
            (2, "ours one"),
            (3, "ours two"),
            (4, "theirs"),
        ]
