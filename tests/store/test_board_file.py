"""One board file: merges, caches that never go stale, the head line, sessions."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from kata_tui.domain.clock import Clock
from kata_tui.domain.demo import demo_boards
from kata_tui.domain.model import Experiment, Obstacle, Role
from kata_tui.domain.summary import summarize
from kata_tui.store.board_file import BoardFile, Editor
from kata_tui.store.datadir import DataDir, default_data_dir, slugify
from kata_tui.store.errors import BoardFileError, BoardNotFound, ConflictError, StoreError
from kata_tui.store.session import BoardSession
from tests.conftest import TODAY
from tests.store.conftest import as_nobody, run_worker

AT = datetime(2026, 11, 23, 10, 0)
ME = Editor("me", Role.LEARNER)
OTHER = Editor("other", Role.COACH)


def test_two_board_files_on_one_path_see_each_others_saves(demo_data: DataDir) -> None:
    path = demo_data.board("maria").path
    a, b = BoardFile(path), BoardFile(path)
    story_a, story_b = a.load(), b.load()
    step = story_a.experiments[0]
    obstacle = story_a.obstacles[0]
    saved_b = b.commit([replace(step, learned="B learned")], OTHER, AT)
    assert a.load().find(Experiment, step.id).learned == "B learned"
    saved_a = a.commit([replace(obstacle, text="A's obstacle")], ME, AT)
    assert saved_a.find(Experiment, step.id).learned == "B learned"  # merged
    again_b = b.load()
    assert again_b == saved_a
    assert again_b.revision == saved_b.revision + 1 == story_b.revision + 2
    assert story_a == story_b


def test_a_row_changed_behind_our_back_with_the_same_id_and_rev_is_seen(
    demo_data: DataDir,
) -> None:
    """The decode cache is keyed by the exact line, never by id or rev."""
    board = demo_data.board("jonas")
    story = board.load()
    step = story.experiments[0]
    text = board.path.read_text()
    assert text.count(step.step) >= 1
    board.path.write_text(text.replace(step.step, "edited by hand", 1))
    fresh = board.load()
    assert fresh.find(Experiment, step.id).step == "edited by hand"
    assert fresh.find(Experiment, step.id).rev == step.rev
    assert fresh == BoardFile(board.path).load()  # the cached reader agrees with a fresh one
    # and back again: the old line (still cached) comes back as the old row
    board.path.write_text(text)
    assert board.load() == story


def test_a_file_in_another_json_layout_loads_and_is_rewritten_whole(demo_data: DataDir) -> None:
    board = demo_data.board("aisha")
    story = board.load()
    raw = json.loads(board.path.read_text())
    board.path.write_text(json.dumps(raw, indent=4))  # what TinyDB's JSONStorage(indent=4) writes
    assert BoardFile(board.path).load() == story
    assert board.load() == story
    assert board.head() is None  # no head line: the summary comes from a full load
    assert board.summary() == summarize(story)
    saved = board.commit([replace(story.obstacles[0], text="after")], ME, AT)
    assert board.path.read_text().startswith('{"_meta": ')
    assert BoardFile(board.path).load() == saved


def test_a_failed_commit_leaves_no_trace_in_the_cache(demo_data: DataDir) -> None:
    board = demo_data.board("ken")
    story = board.load()
    obstacle = story.obstacles[0]
    BoardFile(board.path).commit([replace(obstacle, text="theirs")], OTHER, AT)
    with pytest.raises(ConflictError):
        board.commit([replace(obstacle, text="mine"), replace(story.board, coach="x")], ME, AT)
    assert board.seen == board.state()  # the file it read to refuse is the one there now
    on_disk = BoardFile(board.path).load()
    assert board.load() == on_disk
    assert on_disk.board.coach == story.board.coach


def test_untouched_tables_keep_their_exact_bytes(demo_data: DataDir) -> None:
    board = demo_data.board("maria")
    story = board.load()
    before = board.path.read_text().split("\n")
    board.commit([replace(story.obstacles[0], text="changed")], ME, AT)
    after = board.path.read_text().split("\n")
    changed = [b.split(":", 1)[0] for b, a in zip(before, after, strict=True) if a != b]
    assert changed == ['{"_meta"', '"obstacles"']


def test_head_carries_revision_and_summary_and_falls_back_when_it_cannot(
    demo_data: DataDir,
) -> None:
    board = demo_data.board("maria")
    story = board.load()
    revision, summary = board.head()
    assert revision == story.revision
    assert summary == summarize(story)
    saved = board.commit([replace(story.board, challenge="new challenge\nsecond line")], ME, AT)
    assert board.head() == (saved.revision, summarize(saved))
    assert board.summary().challenge == "new challenge"

    text = board.path.read_text()
    head, rest = text.split("\n", 1)
    meta = json.loads(head.rstrip(",") + "}")
    usable = {
        "no summary": {"_meta": {"1": {"format": 1, "revision": 2}}},
        "summary of the wrong shape": {"_meta": {"1": {"revision": 2, "summary": [1]}}},
    }
    broken = {
        "revision not a number": {"_meta": {"1": {**meta["_meta"]["1"], "revision": "2"}}},
        "meta not an object": {"_meta": {"1": 7}},
    }
    for why, replacement in {**usable, **broken}.items():
        line = json.dumps(replacement)[:-1]
        board.path.write_text(line + ",\n" + rest)
        assert board.head() is None, why
        if why in usable:
            assert board.summary().learner == "maria", why  # from the full load
        else:
            with pytest.raises(BoardFileError, match="not a kata-tui board"):
                board.summary()
    board.path.write_text('{"_meta": {"1": {"pad": "' + "x" * 300_000 + '"}},\n' + rest)
    assert board.head() is None
    board.path.unlink()
    assert board.head() is None
    with pytest.raises(BoardNotFound, match="no board 'maria'"):
        board.summary()


def test_create_refuses_an_existing_board_and_commit_needs_a_board(data: DataDir) -> None:
    story = demo_boards(TODAY)[0]
    data.create(story, ME, AT, slug="maria")
    content = data.board("maria").path.read_bytes()
    with pytest.raises(BoardFileError, match="already exists"):
        data.create(story, ME, AT, slug="maria")
    assert data.board("maria").path.read_bytes() == content
    with pytest.raises(BoardNotFound):
        data.board("nobody").commit([story.board], ME, AT)
    assert not data.exists("nobody")


def test_new_records_are_stamped_and_revisions_counted(demo_data: DataDir) -> None:
    board = demo_data.board("ken")
    story = board.load()
    new = Obstacle(story.target.id, "new one", TODAY)
    saved = board.commit([new], ME, AT)
    stored = saved.find(Obstacle, new.id)
    assert stored.rev == 1 and stored.stamp.by == "me" and stored.stamp.at == AT
    with pytest.raises(ConflictError):  # the same new record twice is a conflict
        board.commit([new], ME, AT)
    gone = replace(new, id="not-there", rev=3)
    with pytest.raises(StoreError, match="ken: this obstacle is no longer on the board") as err:
        board.commit([gone], ME, AT)
    assert not isinstance(err.value, BoardFileError)  # the file itself is fine


def test_session_notices_other_saves_but_not_its_own(demo_data: DataDir) -> None:
    clock = Clock.fixed(TODAY)
    mine = BoardSession(demo_data, "maria", ME, clock)
    theirs = BoardSession(DataDir(demo_data.path), "maria", OTHER, clock)
    assert mine.poll() is None
    mine.save(replace(mine.story.obstacles[0], text="mine"))
    assert not mine.changed_on_disk()
    assert theirs.changed_on_disk()
    assert not theirs.changed_on_disk()  # asked once, answered once: the stat moved on
    theirs.reload()
    saved = theirs.save(replace(theirs.story.experiments[0], learned="theirs"))
    seen = mine.poll()
    assert seen == saved
    assert mine.story.experiments == saved.experiments
    assert mine.poll() is None
    mine.editor = Editor(mine.editor.user, Role.COACH)
    assert mine.save(replace(mine.story.board, coach="z")).board.stamp.role is Role.COACH


def test_session_notices_a_save_that_kept_size_and_mtime(demo_data: DataDir) -> None:
    clock = Clock.fixed(TODAY)
    mine = BoardSession(demo_data, "ken", ME, clock)
    before = mine.file.path.stat()
    obstacle = mine.story.obstacles[0]
    same_length = "y" * len(obstacle.text)
    BoardFile(mine.file.path).commit([replace(obstacle, text=same_length)], ME, AT)
    after = mine.file.path.stat()
    assert after.st_size == before.st_size  # same stamp, same lengths: same size
    os.utime(mine.file.path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert mine.changed_on_disk()  # a new inode (and a new revision in the head)
    assert mine.poll() is None  # (already noticed: the next poll looks again from here)
    assert mine.reload().find(Obstacle, obstacle.id).text == same_length


def test_check_reports_an_unreadable_file_and_lists_the_rest(open_dir: Path) -> None:
    data = DataDir.open(open_dir / "data")
    data.path.chmod(0o755)
    for story in demo_boards(TODAY)[:2]:
        data.create(story, OTHER, AT)
    secret = data.board("jonas").path
    secret.chmod(0o600 if as_nobody() else 0o000)
    result = run_worker("check", str(data.path), "-", **(as_nobody() or {}))
    secret.chmod(0o644)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines == [
        f"{secret}: cannot be read: Permission denied",
        "summaries maria",
        "unlisted jonas.json",
    ]


def test_default_data_dir_is_the_platform_user_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KATA_DATA", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_data_dir() == tmp_path / "xdg" / "kata-tui"
    monkeypatch.setenv("KATA_DATA", "  ")
    assert default_data_dir() == tmp_path / "xdg" / "kata-tui"
    monkeypatch.setenv("KATA_DATA", "~/plant")
    assert default_data_dir() == tmp_path / "home" / "plant"


def test_board_names(data: DataDir) -> None:
    assert slugify("María José", "") == "mar-a-jos"
    assert slugify("!!!") == "board"
    assert data.free_slug("Maria") == "maria"
    data.create(demo_boards(TODAY)[0], ME, AT, slug="maria")
    assert data.free_slug("Maria") == "maria-2"
    assert data.check_slug("maria.json") == "maria"
    for bad in ["../etc/passwd", "Maria", "", ".hidden", "a/b", "x" * 65]:
        with pytest.raises(ValueError, match="is not a board name"):
            data.board(bad)


def test_a_table_line_built_from_reused_rows_is_byte_identical(demo_data: DataDir) -> None:
    from kata_tui.store.board_file import encode_table, table_line

    rows = {
        "1": {"text": 'Übergabe \u2028 \x1b[31m "quoted" \\ \ud800', "n": 1.5, "none": None},
        "2": {"list": [1, {"a": "b"}], "big": 10**15},
    }
    first = encode_table("obstacles", rows, None)
    assert first.line == table_line("obstacles", rows)
    changed = {**rows, "2": {"list": []}, "3": {"x": "new"}}
    second = encode_table("obstacles", changed, first)
    assert second.line == table_line("obstacles", changed)
    assert second.pieces["1"] is not None and second.pieces["1"][1] == first.pieces["1"][1]
    # the same doc_id holding a different row object is encoded afresh
    third = encode_table("obstacles", {"1": dict(rows["1"], n=2)}, second)
    assert third.line == table_line("obstacles", {"1": dict(rows["1"], n=2)})


def test_many_saves_from_one_board_file_match_a_fresh_read(demo_data: DataDir) -> None:
    """The decode and encode caches never drift from what the file holds."""
    board = demo_data.board("maria")
    other = BoardFile(board.path)
    story = board.load()
    for i in range(12):
        writer = board if i % 3 else other
        current = writer.load()
        step = current.experiments[i % len(current.experiments)]
        story = writer.commit(
            [replace(step, learned=f"round {i}"), Obstacle(current.target.id, f"o{i}", TODAY)],
            ME,
            AT,
        )
        fresh = BoardFile(board.path).load()
        assert fresh == story
        assert board.load() == fresh and other.load() == fresh
        assert json.loads(board.path.read_text())  # plain JSON for any other tool


def test_a_hand_edit_saved_with_a_byte_order_mark_still_loads(demo_data: DataDir) -> None:
    board = demo_data.board("ken")
    story = board.load()
    board.path.write_bytes(b"\xef\xbb\xbf" + board.path.read_bytes())
    assert BoardFile(board.path).load() == story
    saved = board.commit([replace(story.board, coach="after bom")], ME, AT)
    assert not board.path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert DataDir(demo_data.path).load("ken") == saved


def test_sweep_removes_only_this_boards_dead_temp_files(demo_data: DataDir) -> None:
    board = demo_data.board("maria")
    story = board.load()
    board.commit([replace(story.board, coach="x")], ME, AT)  # makes a last-good copy
    d = demo_data.path
    dead = [d / ".maria.json.123.456.tmp", d / ".maria.json.last-good.123.tmp"]
    keep = [d / ".maria-2.json.1.2.tmp", d / ".jonas.json.1.2.tmp", d / "maria.json.broken-x"]
    for path in dead + keep:
        path.write_text("leftover")
    before = {p.name for p in d.iterdir()} - {p.name for p in dead}
    assert board.sweep() == 2
    assert {p.name for p in d.iterdir()} == before
    assert board.previous_path.exists() and board.lock_path.exists()
    assert BoardFile(board.previous_path).load().board.coach == story.board.coach


def test_replace_all_continues_the_revision_and_keeps_stamps(demo_data: DataDir) -> None:
    """import --replace: one save on top of the replaced board's count; records keep
    who changed them, and only unstamped ones get the importer's stamp."""
    board = demo_data.board("ken")
    before = board.load()
    unstamped = replace(before.experiments[0], stamp=None)
    incoming = before.with_record(unstamped)
    saved = board.replace_all(incoming, OTHER, AT)
    assert saved.revision == before.revision + 1
    assert BoardFile(board.path).load() == saved
    step = saved.find(Experiment, unstamped.id)
    assert step.rev == unstamped.rev + 1
    assert (step.stamp.by, step.stamp.at) == ("other", AT)
    kept = before.experiments[1]
    assert saved.find(Experiment, kept.id).stamp == kept.stamp
    fresh = BoardFile(demo_data.path / "fresh.json").replace_all(incoming, OTHER, AT)
    assert fresh.revision == 1  # a new board starts at 1


def test_a_board_file_has_a_line_per_table_and_a_pending_line_only_with_pending_versions(
    demo_data: DataDir,
) -> None:
    """FORMAT.md: ``_meta`` first, every record table (an empty one too) on its own
    line, ``_pending`` last and absent when empty."""
    from kata_tui.domain.storyboard import TABLES
    from kata_tui.store.board_file import Pending

    board = demo_data.board("maria")
    story = board.load()

    def names() -> list[str]:
        return [json.loads(line.removeprefix("{").split(": ", 1)[0]) for line in lines()]

    def lines() -> list[str]:
        return board.path.read_text().removesuffix("}\n").split(",\n")

    every = ["_meta", *TABLES.values()]
    assert names() == every and not story.notes and '"notes": {}' in lines()
    board.commit([replace(story.board, coach="after")], ME, AT)
    assert names() == every
    other = replace(story.obstacles[0], text="the other plant's")
    board.replace_all(story, ME, AT, pending=[Pending("1", other, "plant-b")])
    assert names() == [*every, "_pending"]
    fresh = BoardFile(board.path)
    fresh.load()
    (pending,) = fresh.pending()
    assert (pending.record.text, pending.origin) == ("the other plant's", "plant-b")
    board.commit([], ME, AT, decided=["1"])
    assert names() == every


def test_after_a_save_the_file_is_known_by_what_was_written(demo_data: DataDir) -> None:
    """The stat of the file the save wrote is kept: the next save or poll need not read it."""
    board = BoardFile(demo_data.board("jonas").path)
    saved = board.commit([replace(board.load().board, coach="after")], ME, AT)
    assert board.seen == board.state()
    assert board.load() is saved


def test_the_head_line_is_read_up_to_256_kib_and_never_stops_a_listing(
    demo_data: DataDir,
) -> None:
    """A listing reads at most 256 KiB of each board; a longer head line, a byte
    that is not UTF-8 in it, or no revision in it still give a summary."""
    board = demo_data.board("maria")
    story = board.load()
    head, rest = board.path.read_text().split("\n", 1)
    fill = 256 * 1024 - len(head) - 1  # the line with its "\n" is exactly 256 KiB
    assert head.endswith("}},")
    padded = head[:-3] + " " * fill + "}},"  # spaces JSON takes, before the last braces
    board.path.write_text(padded + "\n" + rest)
    assert board.head() == (story.revision, summarize(story))
    board.path.write_text(head[:-3] + " " * (fill + 4) + "}},\n" + rest)  # cut in its braces
    assert board.head() is None
    assert board.summary() == summarize(story)  # from the full load

    at = head.index('"learner":"maria"') + len('"learner":"ma')
    board.path.write_bytes(
        head[:at].encode() + b"\xff" + head[at:].encode() + b"\n" + rest.encode()
    )
    assert board.head()[1].learner == "ma\ufffdria"

    meta = json.loads(head.rstrip(",") + "}")
    del meta["_meta"]["1"]["revision"]
    board.path.write_text(json.dumps(meta)[:-1] + ",\n" + rest)
    assert board.head() == (0, summarize(story))


def test_a_board_copied_under_another_name_is_listed_under_that_name(demo_data: DataDir) -> None:
    copy = demo_data.path / "copy.json"
    copy.write_bytes(demo_data.board("maria").path.read_bytes())
    summary = BoardFile(copy).head()[1]
    assert summary.slug == "copy" and summary.learner == "maria"
