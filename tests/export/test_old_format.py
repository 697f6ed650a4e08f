"""An export written by an older kata-tui still imports, with the numbers it showed.

``fixtures/maria-8077429.json`` was written by ``kata export`` on main at
8077429, before obstacles stored their number, readings their order of
entry and answers their meaning. Nothing in it may be lost, and its
obstacles get the numbers the parking lot showed then.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from kata_tui.domain.codec import RECORD_TYPES, encode
from kata_tui.domain.cycle import answer
from kata_tui.domain.model import Obstacle
from kata_tui.domain.run_chart import charts
from kata_tui.export.formats import render
from kata_tui.export.importer import import_file, read_export
from kata_tui.store.datadir import DataDir
from tests.conftest import TODAY
from tests.export.test_importer import IMPORTER

OLD = Path(__file__).parent / "fixtures" / "maria-8077429.json"


def _old_rows() -> dict[str, list[dict]]:
    return json.loads(OLD.read_text())["board"]


def test_the_fixture_is_the_old_format() -> None:
    rows = _old_rows()
    assert rows["obstacles"] and all("number" not in o for o in rows["obstacles"])
    assert all("seq" not in r for r in rows["readings"])


def test_an_old_export_imports_with_every_field_kept(data: DataDir, clock) -> None:
    slug = import_file(data, OLD, name=None, replace=False, editor=IMPORTER, at=clock.now())
    story = data.load(slug)
    for table, rows in _old_rows().items():
        assert len(rows) == len(story.records(RECORD_TYPES[table]))
        for row in rows:
            encoded = encode(_find(story, table, row["id"]))
            for field, value in row.items():
                if field == "rev":
                    assert encoded["rev"] == value + 1  # the import is a save
                else:
                    assert _holds(encoded[field], value), (table, field)


def _holds(new: object, old: object) -> bool:
    """``new`` carries everything ``old`` had; objects may have gained fields."""
    if isinstance(old, dict):
        return isinstance(new, dict) and all(k in new and _holds(new[k], v) for k, v in old.items())
    if isinstance(old, list):
        return (
            isinstance(new, list)
            and len(new) == len(old)
            and all(_holds(n, o) for n, o in zip(new, old, strict=True))
        )
    return new == old


def _find(story, table: str, record_id: str):
    if table == "board":
        return story.board
    return next(r for r in getattr(story, table) if r.id == record_id)


def test_old_obstacles_get_the_numbers_the_parking_lot_showed(data: DataDir, clock) -> None:
    rows = _old_rows()["obstacles"]
    slug = import_file(data, OLD, name=None, replace=False, editor=IMPORTER, at=clock.now())
    story = data.load(slug)
    for target in story.targets:
        shown = sorted(
            (r for r in rows if r["target_id"] == target.id), key=lambda r: (r["added"], r["text"])
        )
        numbered = story.obstacles_for(target.id)
        assert [o.id for o in numbered] == [r["id"] for r in shown]
        assert [o.number for o in numbered] == list(range(1, len(shown) + 1))


def test_an_old_export_exported_again_keeps_its_numbers(data: DataDir, clock, tmp_path) -> None:
    slug = import_file(data, OLD, name=None, replace=False, editor=IMPORTER, at=clock.now())
    story = data.load(slug)
    again = tmp_path / "again.json"
    again.write_text(render(story, "json", today=TODAY))
    _, reread = read_export(again)
    assert {o.id: o.number for o in reread.obstacles} == {o.id: o.number for o in story.obstacles}
    assert all(o.number for o in reread.obstacles)
    for fmt in ("md", "html", "csv"):
        assert render(story, fmt, today=TODAY)


def test_a_board_file_without_numbers_keeps_them_across_saves(data: DataDir, clock, editor):
    """A board file of the old format (obstacles stored with no number, read as 0):
    saving one obstacle stores its number, and no other obstacle's number moves."""
    _, story = read_export(OLD)
    old = replace(story, obstacles=tuple(replace(o, number=0) for o in story.obstacles))
    data.create(old, IMPORTER, clock.now(), slug="old")
    before = data.load("old")
    numbers = {o.id: o.number for o in before.obstacles}
    assert sorted(numbers.values()) != [0] * len(numbers)
    renamed = before.obstacles_for()[0]
    data.board("old").commit([replace(renamed, text="AAA renamed")], editor, clock.now())
    (added,) = answer(data.load("old"), "q3", "Zz a new one", TODAY, "maria").records
    data.board("old").commit([added], editor, clock.now())
    after = DataDir.open(data.path).load("old")
    assert {o.id: o.number for o in after.obstacles if o.id in numbers} == numbers
    assert (
        after.find(Obstacle, added.id).number == max(o.number for o in before.obstacles_for()) + 1
    )


def test_old_readings_import_without_a_time_of_day_and_chart_as_before(data, clock) -> None:
    """Written before readings had a time of day or several metrics were charted."""
    assert all("time" not in r for r in _old_rows()["readings"])
    slug = import_file(data, OLD, name=None, replace=False, editor=IMPORTER, at=clock.now())
    story = data.load(slug)
    assert story.readings and all(r.time == "" for r in story.readings)
    (first, *_) = charts(story)
    assert len(first.points) == len(story.readings_for(metric=first.metric)) + sum(
        len(story.readings_for(t.id, first.metric))
        for t in story.targets_in_order()
        if t.id != story.target.id
    )
