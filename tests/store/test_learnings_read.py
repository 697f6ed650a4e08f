"""Learnings across many boards read each board's own few tables, a group at a time."""

from __future__ import annotations

import shutil

import pytest

from kata_tui.domain.history import learnings, order
from kata_tui.store.datadir import DataDir
from kata_tui.store.errors import BoardFileError


def _with_line(data: DataDir, slug: str, table: str, line: str) -> None:
    path = data.board(slug).path
    lines = path.read_text().split("\n")
    at = next(n for n, text in enumerate(lines) if text.lstrip("{").startswith(f'"{table}"'))
    opening = "{" if lines[at].startswith("{") else ""
    lines[at] = opening + line + ("," if lines[at].endswith(",") else "")
    path.write_text("\n".join(lines))


def test_load_part_reads_the_board_and_the_tables_asked_for(demo_data: DataDir) -> None:
    full = demo_data.load("maria")
    part = DataDir(demo_data.path).board("maria").load_part(("targets", "experiments"))
    assert (part.board, part.targets, part.experiments) == (
        full.board,
        full.targets,
        full.experiments,
    )
    assert part.revision == full.revision and part.slug == "maria"
    assert full.cycles and part.cycles == () and part.obstacles == ()
    assert learnings(part) == learnings(full)


def test_load_part_of_a_file_in_another_json_layout_reads_the_same(demo_data: DataDir) -> None:
    """A hand-edited file (any JSON layout, read by one full parse) gives the
    same tables, and only those asked for: the learnings view lists its
    learnings (it listed the board as unreadable: no board table)."""
    import json

    path = demo_data.board("maria").path
    ours = DataDir(demo_data.path).board("maria").load_part(("targets", "experiments"))
    path.write_text(json.dumps(json.loads(path.read_text()), indent=4))
    part = DataDir(demo_data.path).board("maria").load_part(("targets", "experiments"))
    assert part == ours
    assert part.experiments and part.cycles == () and part.obstacles == ()
    found, failed = next(DataDir(demo_data.path).learnings_apart(["maria"], workers=1))
    assert failed == [] and sorted(found, key=order) == sorted(learnings(ours), key=order)


def test_learnings_do_not_parse_the_tables_they_do_not_need(demo_data: DataDir) -> None:
    """A board's coaching cycles are most of its file and no part of its learnings."""
    _with_line(demo_data, "maria", "cycles", '"cycles": {this is not JSON')
    with pytest.raises(BoardFileError):
        DataDir(demo_data.path).load("maria")
    found, failed = next(DataDir(demo_data.path).learnings_apart(["maria"], workers=1))
    assert failed == [] and {e.slug for e in found} == {"maria"} and len(found) > 3


@pytest.mark.parametrize(
    ("table", "line", "message"),
    [
        ("experiments", '"experiments": {"1": {"day": "soon"}}', r"experiments\[1\]"),
        ("targets", '"targets": {"1": 3}', r"targets\[1\]: expected an object"),
        ("board", '"board": {"1": {"learner": "a"}, "1": {}}', "duplicate key"),
        ("_meta", '"_meta": {"1": {"format": 9}}', "newer kata-tui"),
    ],
)
def test_the_tables_learnings_read_are_checked_as_a_load_checks_them(
    demo_data: DataDir, table: str, line: str, message: str
) -> None:
    _with_line(demo_data, "maria", table, line)
    with pytest.raises(BoardFileError, match=message):
        DataDir(demo_data.path).board("maria").load_part(("targets", "experiments"))
    found, failed = next(DataDir(demo_data.path).learnings_apart(["maria", "jonas"], workers=1))
    assert failed == ["maria"] and {e.slug for e in found} == {"jonas"}


def test_one_process_hands_learnings_back_a_few_boards_at_a_time(demo_data: DataDir) -> None:
    """The screen shows the first boards' learnings while the rest are read."""
    for n in range(12):
        shutil.copyfile(demo_data.board("maria").path, demo_data.path / f"copy{n}.json")
    slugs = DataDir(demo_data.path).slugs()
    groups = list(DataDir(demo_data.path).learnings_apart(slugs, workers=1))
    assert len(groups) > 2
    first, _ = groups[0]
    assert len({e.slug for e in first}) <= 4
    everything = sorted((e for found, _ in groups for e in found), key=order)
    assert {e.slug for e in everything} == set(slugs)
    assert everything == sorted(
        (e for slug in slugs for e in learnings(demo_data.load(slug))), key=order
    )


@pytest.mark.parametrize("workers", [1, 2])
def test_each_group_comes_back_in_the_screen_s_order(demo_data: DataDir, workers: int) -> None:
    """The screen sorts 600,000 learnings once all are read: groups already in its
    order (oldest first across boards) leave it a merge of a few runs."""
    for n in range(12):
        shutil.copyfile(demo_data.board("jonas").path, demo_data.path / f"copy{n}.json")
    slugs = DataDir(demo_data.path).slugs()
    groups = list(DataDir(demo_data.path).learnings_apart(slugs, workers=workers))
    assert any(len({e.slug for e in found}) > 1 for found, _ in groups)
    for found, _ in groups:
        assert found == sorted(found, key=order)
