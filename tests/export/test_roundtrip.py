"""Export to JSON, import, and get the same board back, field by field.

Preserved exactly: every record, every field, ids and stamps included.
Changed on purpose: each record's ``rev`` is one more (the import is a save)
and the file revision starts again (new board) or continues (--replace).
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from kata_tui.domain.clock import Clock
from kata_tui.domain.model import Role
from kata_tui.domain.storyboard import TABLES, Storyboard
from kata_tui.export.formats import render
from kata_tui.export.importer import import_file
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir
from tests.conftest import TODAY
from tests.export.conftest import SLUGS

IMPORTER = Editor("importer", Role.COACH)


def assert_same_board(before: Storyboard, after: Storyboard) -> None:
    for kind, name in TABLES.items():
        old = sorted(before.records(kind), key=lambda r: r.id)
        new = sorted(after.records(kind), key=lambda r: r.id)
        assert [r.id for r in new] == [r.id for r in old], name
        for a, b in zip(old, new, strict=True):
            for field in dataclasses.fields(a):
                want = getattr(a, field.name)
                if field.name == "rev":
                    want += 1
                assert getattr(b, field.name) == want, f"{name} {a.id}.{field.name}"


@pytest.mark.parametrize("slug", SLUGS)
def test_every_field_of_every_demo_board_survives(
    stories: dict[str, Storyboard], tmp_path: Path, clock: Clock, slug: str
) -> None:
    story = stories[slug]
    exported = tmp_path / f"{slug}.json"
    exported.write_text(render(story, "json", today=TODAY), encoding="utf-8")
    target = DataDir.open(tmp_path / "other-plant")

    got = import_file(target, exported, name=None, replace=False, editor=IMPORTER, at=clock.now())

    assert got == slug
    after = DataDir.open(tmp_path / "other-plant").load(slug)  # fresh read from disk
    assert_same_board(story, after)
    assert after.revision == 1
    # who changed what is kept: nothing is stamped with the importer
    assert all(r.stamp and r.stamp.by == "demo" for k in TABLES for r in after.records(k))


def test_replace_keeps_fields_and_continues_the_file_revision(
    stories: dict[str, Storyboard], demo_data: DataDir, tmp_path: Path, clock: Clock
) -> None:
    story = stories["jonas"]
    exported = tmp_path / "jonas.json"
    exported.write_text(render(story, "json", today=TODAY), encoding="utf-8")
    old_bytes = demo_data.board("jonas").path.read_bytes()

    import_file(demo_data, exported, name=None, replace=True, editor=IMPORTER, at=clock.now())

    after = DataDir.open(demo_data.path).load("jonas")
    assert_same_board(story, after)
    assert after.revision == story.revision + 1
    assert demo_data.last_good("jonas") is not None
    assert demo_data.last_good("jonas").read_bytes() == old_bytes


def test_import_as_another_name_keeps_the_original(
    stories: dict[str, Storyboard], demo_data: DataDir, tmp_path: Path, clock: Clock
) -> None:
    exported = tmp_path / "ken.json"
    exported.write_text(render(stories["ken"], "json", today=TODAY), encoding="utf-8")
    ken_before = demo_data.board("ken").path.read_bytes()

    got = import_file(
        demo_data, exported, name="ken-copy", replace=False, editor=IMPORTER, at=clock.now()
    )

    assert got == "ken-copy"
    fresh = DataDir.open(demo_data.path)
    assert_same_board(stories["ken"], fresh.load("ken-copy"))
    assert fresh.board("ken").path.read_bytes() == ken_before


def test_the_json_document_is_the_documented_format(stories: dict[str, Storyboard]) -> None:
    doc = json.loads(render(stories["maria"], "json", today=TODAY))
    assert list(doc) == ["format", "version", "exported", "generator", "slug", "board"]
    assert doc["format"] == "kata-tui-board"
    assert doc["version"] == 1
    assert doc["exported"] == "2026-11-23"
    assert doc["slug"] == "maria"
    assert list(doc["board"]) == list(TABLES.values())
    documented = (Path(__file__).parents[2] / "kata_tui/export/FORMAT.md").read_text()
    for table, rows in doc["board"].items():
        for row in rows:
            for field in row:
                assert f"`{field}`" in documented, f"{table}.{field} is not documented"


def test_a_grasping_board_with_its_process_analysis_survives(tmp_path: Path, clock: Clock) -> None:
    from kata_tui.domain.model import Stamp
    from tests.domain.test_process import _analysed

    stamp = Stamp("ana", Role.LEARNER, clock.now())
    story = _analysed()
    for kind in TABLES:
        for record in story.records(kind):
            story = story.with_record(dataclasses.replace(record, stamp=stamp))
    story = dataclasses.replace(story, slug="grasp")
    exported = tmp_path / "grasp.json"
    exported.write_text(render(story, "json", today=TODAY), encoding="utf-8")
    target = DataDir.open(tmp_path / "other-plant")
    import_file(target, exported, name=None, replace=False, editor=IMPORTER, at=clock.now())
    after = DataDir.open(tmp_path / "other-plant").load("grasp")
    assert after.targets == ()
    assert after.observations[0].times == [61.2, 59.0]
    assert_same_board(story, after)


def test_every_field_the_kata_rules_added_survives(tmp_path: Path, clock: Clock) -> None:
    """A board that went through what issue 12 records (an adopted answer keeping
    the earlier text, a step not taken with its reason parked and linked, a
    go-and-see with a time, a target closed as achieved with a reason, numbered
    obstacles, ordered readings, answers with their meaning): exported and
    imported, nothing of it is lost."""
    from kata_tui.domain.cycle import adopt, answer, start_cycle, step_not_taken
    from kata_tui.domain.demo import SCENARIOS, demo_board
    from kata_tui.domain.targets import close_target

    story = demo_board(SCENARIOS[0], TODAY)

    def saved(records) -> Storyboard:
        out = story
        for record in records:
            out = out.with_record(record)
        return out

    story = saved(adopt(story, "q1", "Changeover under 20 min", TODAY, "tom").records)
    story = saved(step_not_taken(story, TODAY, "Die 7 at the toolmaker").records)
    cycle = start_cycle(story, clock.now(), "tom").records[-1]
    story = saved(answer(story, "q5", "fri 9:30", TODAY, "tom", cycle=cycle).records)
    story = saved(
        close_target(
            story,
            achieved=True,
            summary="Clamps first",
            override="Met on 4 of 5 shifts",
            pattern="Clamp heights standard",
            achieve_by=None,
            outcome_target=None,
            today=TODAY,
        )
    )
    here = DataDir.open(tmp_path / "here")
    here.create(story, Editor("tom", Role.COACH), clock.now(), slug="maria")
    story = here.load("maria")  # stamped, as a board on disk is
    closed = next(t for t in story.targets if t.override)
    assert closed.earlier and closed.next_go_see_time == "09:30"
    assert any(o.step_id for o in story.obstacles) and any(e.not_taken for e in story.experiments)
    exported = tmp_path / "maria.json"
    exported.write_text(render(story, "json", today=TODAY), encoding="utf-8")
    target = DataDir.open(tmp_path / "other-plant")
    import_file(target, exported, name="maria", replace=False, editor=IMPORTER, at=clock.now())
    assert_same_board(story, DataDir.open(tmp_path / "other-plant").load("maria"))
