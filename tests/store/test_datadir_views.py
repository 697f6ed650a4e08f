"""What the board list asks of the data directory instead of touching files itself."""

from __future__ import annotations

import os

from kata_tui.domain.clock import Clock
from kata_tui.domain.demo import demo_boards
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir


def test_signature_changes_when_a_board_is_created_saved_or_removed(
    data: DataDir, editor: Editor, clock: Clock
) -> None:
    empty = data.signature()
    assert empty == ()
    story = demo_boards(clock.today())[0]
    created = data.create(story, editor, clock.now())
    one = data.signature()
    assert [name for name, *_ in one] == [f"{created.slug}.json"]
    assert data.signature() == one  # nothing changed, nothing differs
    board = data.board(created.slug)
    board.commit([created.board], editor, clock.now())
    assert data.signature() != one
    (data.path / "notes.txt").write_text("not a board")
    (data.path / ".hidden.json").write_text("{}")
    saved = data.signature()
    assert [name for name, *_ in saved] == [f"{created.slug}.json"]
    os.remove(data.path_of(created.slug))
    assert data.signature() == ()


def test_signature_of_a_directory_gone_is_empty(tmp_path) -> None:
    gone = DataDir(tmp_path / "gone")
    assert gone.signature() == ()


def test_stamp_tells_a_changed_file(data: DataDir) -> None:
    assert data.stamp("nobody") is None
    path = data.path_of("broken")
    path.write_text("not json")
    first = data.stamp("broken")
    assert first == (path.stat().st_size, path.stat().st_mtime_ns)
    path.write_text("still not json, longer")
    assert data.stamp("broken") != first


def test_load_apart_reads_each_board_without_filling_this_directory(demo_data: DataDir) -> None:
    (demo_data.path / "broken.json").write_text("{")
    slugs = [*demo_data.slugs(), "missing"]
    loaded = dict(demo_data.load_apart(slugs))
    assert loaded["broken"] is None and loaded["missing"] is None
    assert loaded["maria"] is not None and loaded["maria"].board.learner
    fresh = DataDir(demo_data.path)
    [(slug, story)] = fresh.load_apart(["maria"])
    assert slug == "maria" and story is not None
    assert fresh._files == {}
