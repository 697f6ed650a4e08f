"""A save that skips re-reading an unchanged file, and checks only what it changes,
still sees every change made behind its back and still refuses a broken board."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from kata_tui.domain.codec import encode
from kata_tui.domain.model import Experiment, Obstacle, Reading, Role
from kata_tui.store.board_file import BoardFile, Editor
from kata_tui.store.datadir import DataDir
from kata_tui.store.errors import BoardFileError
from tests.conftest import TODAY

AT = datetime(2026, 11, 23, 10, 0)
ME = Editor("me", Role.LEARNER)


def test_a_hand_edit_between_two_saves_is_merged_not_overwritten(demo_data: DataDir) -> None:
    board = demo_data.board("maria")
    story = board.commit([replace(demo_data.load("maria").board, coach="first")], ME, AT)
    step = story.experiments[0]
    text = board.path.read_text()
    board.path.write_text(text.replace(step.step, "edited by hand", 1))  # in place: same inode
    obstacle = story.obstacles[0]
    saved = board.commit([replace(obstacle, text="saved after the edit")], ME, AT)
    assert saved.find(Experiment, step.id).step == "edited by hand"
    fresh = BoardFile(board.path).load()
    assert fresh == saved
    assert fresh.find(Experiment, step.id).step == "edited by hand"


def test_a_same_size_edit_with_the_old_mtime_is_still_seen(demo_data: DataDir) -> None:
    """mtime and size can be put back; the change time cannot."""
    board = demo_data.board("ken")
    story = board.commit([replace(demo_data.load("ken").board, coach="first")], ME, AT)
    before = board.path.stat()
    step = story.experiments[0]
    text = board.path.read_text()
    same_length = "z" * len(step.step)
    board.path.write_text(text.replace(step.step, same_length, 1))
    os.utime(board.path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert board.path.stat().st_size == before.st_size
    saved = board.commit([replace(story.board, coach="second")], ME, AT)
    assert saved.find(Experiment, step.id).step == same_length
    assert BoardFile(board.path).load() == saved


def test_a_save_after_another_process_saved_reads_their_records(demo_data: DataDir) -> None:
    mine, theirs = demo_data.board("jonas"), BoardFile(demo_data.board("jonas").path)
    story = mine.commit([replace(mine.load().board, coach="mine")], ME, AT)
    other = theirs.commit([Obstacle(story.target.id, "theirs", TODAY)], ME, AT)
    saved = mine.commit([replace(story.obstacles[0], text="mine too")], ME, AT)
    assert len(saved.obstacles) == len(other.obstacles)
    assert BoardFile(mine.path).load() == saved


def test_a_change_that_breaks_a_reference_or_an_id_is_refused(demo_data: DataDir) -> None:
    board = demo_data.board("aisha")
    story = board.commit([replace(demo_data.load("aisha").board, coach="warm")], ME, AT)
    on_disk = board.path.read_bytes()
    dangling = Reading("no-such-target", TODAY, "m", 1.0)
    with pytest.raises(BoardFileError, match="no target condition"):
        board.commit([dangling], ME, AT)
    lost = Experiment(
        story.target.id, 99, TODAY, "step", happened="x", learned="y", obstacle_id="gone"
    )
    with pytest.raises(BoardFileError, match="no obstacle"):
        board.commit([lost], ME, AT)
    twin = replace(Obstacle(story.target.id, "twin", TODAY), id=story.experiments[0].id)
    with pytest.raises(BoardFileError, match="duplicate"):
        board.commit([twin], ME, AT)
    assert board.path.read_bytes() == on_disk
    # and the cache was not left holding any of them
    fine = board.commit([Obstacle(story.target.id, "fine", TODAY)], ME, AT)
    assert fine == BoardFile(board.path).load()
    assert len(fine.obstacles) == len(story.obstacles) + 1


def test_new_records_added_one_save_at_a_time_keep_ids_unique(demo_data: DataDir) -> None:
    board = demo_data.board("maria")
    story = board.load()
    added = [Obstacle(story.target.id, f"o{i}", TODAY) for i in range(3)]
    for obstacle in added:
        story = board.commit([obstacle], ME, AT)
    again = replace(Obstacle(story.target.id, "again", TODAY), id=added[1].id)
    saved = board.commit([replace(again, rev=story.find(Obstacle, added[1].id).rev)], ME, AT)
    assert [o.text for o in saved.obstacles].count("again") == 1
    assert len(saved.obstacles) == len(story.obstacles)
    with pytest.raises(BoardFileError, match="duplicate"):
        board.commit([replace(Reading(story.target.id, TODAY, "m", 2.0), id=added[0].id)], ME, AT)
    assert BoardFile(board.path).load() == saved


def test_the_head_summary_reads_as_the_codec_reads_it(demo_data: DataDir) -> None:
    from kata_tui.domain.codec import decode, encode
    from kata_tui.domain.errors import InvalidInput
    from kata_tui.domain.summary import BoardSummary, summarize

    for slug in demo_data.slugs():
        assert demo_data.board(slug).head()[1] == replace(
            summarize(demo_data.load(slug)), slug=slug
        )
    good = encode(summarize(demo_data.load("maria")))
    expected = decode(BoardSummary, good, "summary")
    assert expected.archived is False
    # a default left out: still fine, and the default
    without = {k: v for k, v in good.items() if k != "archived"}
    assert decode(BoardSummary, without, "summary") == expected
    bad = [
        {**good, "experiments": True},
        {**good, "experiments": 10**12},
        {**good, "achieve_by": "2026-13-01"},
        {**good, "last_cycle": "2026-W47-1"},  # date.fromisoformat takes it; FORMAT.md does not
        {**good, "coach": None},
        {**good, "extra": 1},
        {**good, "learner": "x" * 20_001},
    ]
    for data in bad:
        with pytest.raises(InvalidInput):
            decode(BoardSummary, data, "summary")


def test_a_save_right_after_our_read_is_still_noticed_by_the_poll(
    demo_data: DataDir, clock
) -> None:
    """The session remembers the file it read, not the one there a moment later:
    a save landing between the two must not be taken for what we already have."""
    from kata_tui.store.session import BoardSession

    session = BoardSession(demo_data, "maria", ME, clock)
    other = BoardFile(session.file.path)
    story = other.load()
    other.commit([replace(story.target, actual_pattern="saved just after")], ME, AT)
    session._state = session.file.seen  # what reload() keeps: the read, not a new stat
    assert session.file.state() != session.file.seen
    polled = session.poll()
    assert polled is not None and polled.target.actual_pattern == "saved just after"


def test_loading_an_unchanged_file_again_reuses_the_board_and_any_change_is_read(
    demo_data: DataDir,
) -> None:
    """``kata BOARD`` loads a board to check it, then the app loads it again."""
    board = demo_data.board("ken")
    story = board.load()
    assert board.load() is story  # not read and decoded a second time
    before = board.path.stat()
    step = story.experiments[0]
    text = board.path.read_text()
    board.path.write_text(text.replace(step.step, "q" * len(step.step), 1))
    os.utime(board.path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert board.load().find(Experiment, step.id).step == "q" * len(step.step)
    other = BoardFile(board.path).commit([replace(story.board, coach="elsewhere")], ME, AT)
    assert board.load() == other


def test_an_edited_record_keeps_its_place_and_the_cached_row_is_not_touched(
    demo_data: DataDir,
) -> None:
    board = demo_data.board("maria")
    story = board.load()
    before = json.loads(board.path.read_text())["obstacles"]
    first = story.obstacles[0]
    cached_rows = list(board._tables["obstacles"].raw.values())
    cached_copy = [dict(row) for row in cached_rows]
    saved = board.commit([replace(first, text="edited in place")], ME, AT)
    after = json.loads(board.path.read_text())["obstacles"]
    assert list(after) == list(before)  # same doc ids, same order
    assert saved.obstacles[0].text == "edited in place"
    assert [dict(row) for row in cached_rows] == cached_copy  # the old rows as read
    assert BoardFile(board.path).load() == saved


def test_a_file_touched_but_unchanged_is_read_again_and_then_known_as_it_is_now(
    demo_data: DataDir,
) -> None:
    """A touch (a backup tool, ``cp -p`` back) moves the stat, not the board: the
    load reads the file again, decodes nothing anew, and from then on knows
    the file by its new stat, so the next poll or save need not read it again."""
    board = BoardFile(demo_data.board("ken").path)
    story = board.load()
    seen = board.seen
    assert seen is not None and seen == board.state()
    os.utime(board.path, ns=(1_000_000_000, 1_000_000_000))
    assert board.state() != seen
    assert board.load() is story
    assert board.seen == board.state()


def test_only_the_lines_that_changed_are_parsed_again(demo_data: DataDir) -> None:
    """Each table of our layout is one line: a table whose line is as read
    before is the table read before, the last line as well as the first."""
    from kata_tui.store.board_file import split_tables

    path = demo_data.board("maria").path
    text = path.read_text()
    first = split_tables(text, path, {})
    lines = text.rstrip()[1:-1].split(",\n")
    assert [table.line for table in first.values()] == lines
    again = split_tables(text, path, first)
    assert all(again[name] is table for name, table in first.items())
    last = next(reversed(first))
    step = demo_data.load("maria").experiments[0]
    edited = split_tables(text.replace(step.step, "edited by hand", 1), path, first)
    changed = [name for name, table in edited.items() if table is not first[name]]
    assert changed == ["experiments"] and last != "experiments"


def test_a_row_written_without_its_defaulted_fields_is_saved_whole(demo_data: DataDir) -> None:
    """A row from an older writer or a hand edit may leave out fields that have a
    default (``kind``, ``step_id``): it loads with the defaults, a save of that
    record writes every field, and the table's other rows stay as they were."""
    board = demo_data.board("maria")
    story = board.load()
    first, other = story.obstacles[0], story.obstacles[1]
    lines = board.path.read_text().split("\n")
    at = next(n for n, line in enumerate(lines) if line.startswith('"obstacles"'))
    rows = json.loads("{" + lines[at].rstrip(",") + "}")["obstacles"]
    key = next(k for k, row in rows.items() if row["id"] == first.id)
    rows[key] = {k: v for k, v in rows[key].items() if k not in ("kind", "step_id")}
    lines[at] = '"obstacles": ' + json.dumps(rows) + ("," if lines[at].endswith(",") else "")
    board.path.write_text("\n".join(lines))
    fresh = BoardFile(board.path)
    loaded = fresh.load()
    assert loaded.find(Obstacle, first.id) == first
    saved = fresh.commit([replace(first, text="saved whole")], ME, AT)
    stored = json.loads(board.path.read_text())["obstacles"]
    assert stored[key] == json.loads(json.dumps(encode(saved.find(Obstacle, first.id))))
    assert {"kind", "step_id"} <= stored[key].keys()
    other_key = next(k for k, row in stored.items() if row["id"] == other.id)
    assert stored[other_key] == rows[other_key]
    assert list(stored) == list(rows)  # every row kept its place
    assert BoardFile(board.path).load() == saved


def test_a_table_written_twice_is_refused_even_when_its_line_is_the_one_known(
    demo_data: DataDir,
) -> None:
    """A line reused from the last read still counts once: a copy of it pasted
    into the file is a duplicate table, refused as a fresh read refuses it."""
    board = demo_data.board("maria")
    story = board.load()
    lines = board.path.read_text().split("\n")
    at = next(n for n, line in enumerate(lines) if line.startswith('"targets"'))
    board.path.write_text("\n".join([*lines[: at + 1], lines[at], *lines[at + 1 :]]))
    for reader in (board, BoardFile(board.path)):
        with pytest.raises(BoardFileError, match="duplicate key 'targets'"):
            reader.load()
    assert story.targets


def _bytes_read() -> int:
    """What this process has read so far (``rchar``: every read call, cache or disk)."""
    for line in Path("/proc/self/io").read_text().splitlines():
        if line.startswith("rchar:"):
            return int(line.split()[1])
    raise AssertionError("no rchar in /proc/self/io")


@pytest.mark.skipif(not Path("/proc/self/io").exists(), reason="needs Linux /proc")
def test_loading_an_unchanged_board_again_reads_its_head_line_not_the_file(
    demo_data: DataDir,
) -> None:
    """``kata BOARD`` loads a board to check it and the app loads it again: the
    second load reads the head line that proves nothing changed, not the board."""
    board = BoardFile(demo_data.board("maria").path)
    story = board.load()
    size = board.path.stat().st_size
    head = len(board.path.read_text().split("\n", 1)[0])
    assert head < size // 2
    before = _bytes_read()
    assert board.load() is story
    assert _bytes_read() - before < size // 2
    board.commit([replace(story.board, coach="after")], ME, AT)
    before = _bytes_read()
    board.load()
    assert _bytes_read() - before < size // 2  # nor after its own save
