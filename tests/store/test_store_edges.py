"""Store paths mutmut found unchecked: the conflict's one line, setting a broken
file aside where the file system has no hard links, and a partial load of a
file with no board table."""

from __future__ import annotations

import errno
import os
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from kata_tui.domain.model import Board, Obstacle, Role, Stamp
from kata_tui.domain.storyboard import Storyboard
from kata_tui.store.board_file import BoardFile, Editor
from kata_tui.store.datadir import DataDir
from kata_tui.store.errors import BoardFileError, ConflictError, PendingConflict, StoreError
from kata_tui.store.sync import _git_env
from tests.store.sync_helpers import plant_dir, session

AT = datetime(2026, 11, 23, 10, 0)


def test_a_conflict_names_the_record_kind_and_who_changed_it() -> None:
    mine = Obstacle("t", "mine", date(2026, 11, 1))
    theirs = Obstacle("t", "theirs", date(2026, 11, 1), stamp=Stamp("ben", Role.COACH, AT))
    story = Storyboard(board=Board("ana", "ben", "c"))
    assert str(ConflictError(mine, theirs, story)) == (
        "Obstacle was changed by ben (coach) while you were editing it"
    )
    unstamped = Obstacle("t", "theirs", date(2026, 11, 1))
    assert str(ConflictError(mine, unstamped, story)) == (
        "Obstacle was changed by another session while you were editing it"
    )


def test_a_pending_version_is_told_as_a_change_by_who_made_the_version_shown() -> None:
    """``kata sync`` kept two versions: the board shows one, the other waits.
    The question names who made the one shown and keeps both, and where the
    other came from."""
    other = Obstacle("t", "plant b's", date(2026, 11, 1), stamp=Stamp("eva", Role.COACH, AT))
    shown = Obstacle("t", "shown", date(2026, 11, 1), stamp=Stamp("ben", Role.LEARNER, AT))
    story = Storyboard(board=Board("ana", "ben", "c"))
    error = PendingConflict(other, shown, story, "plant-b (kata sync)")
    assert str(error) == "Obstacle was changed by ben (learner) while you were editing it"
    assert (error.mine, error.theirs, error.story, error.origin) == (
        other,
        shown,
        story,
        "plant-b (kata sync)",
    )
    assert isinstance(error, ConflictError) and error.merge is None


@pytest.fixture
def no_hard_links(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file system that refuses hard links (as some network and FAT mounts do)."""

    def link(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", link)


def test_without_hard_links_a_broken_file_is_renamed_never_over_another(
    tmp_path: Path, no_hard_links: None
) -> None:
    path = tmp_path / "ana.json"
    path.write_text("{broken")
    taken = tmp_path / "ana.json.broken-20261123T100000"
    taken.write_text("set aside earlier")
    moved = BoardFile(path).set_aside(AT)
    assert moved == tmp_path / "ana.json.broken-20261123T100000-2"
    assert moved.read_text() == "{broken"
    assert taken.read_text() == "set aside earlier"
    assert not path.exists()


def test_a_rename_that_fails_is_one_line(
    tmp_path: Path, no_hard_links: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "ana.json"
    path.write_text("{broken")

    def rename(*args: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(StoreError) as caught:
        BoardFile(path).set_aside(AT)
    assert str(caught.value) == "cannot set ana.json aside: Read-only file system"
    assert path.read_text() == "{broken"


def test_a_link_that_fails_otherwise_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "ana.json"
    path.write_text("{broken")

    def link(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "link", link)
    with pytest.raises(StoreError) as caught:
        BoardFile(path).set_aside(AT)
    assert str(caught.value) == "cannot set ana.json aside: No space left on device"
    assert path.read_text() == "{broken"


def test_a_partial_load_of_a_file_without_a_board_table_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "ana.json"
    path.write_text('{"_meta": {"1": {"format": 1, "revision": 1}}}\n')
    with pytest.raises(BoardFileError) as caught:
        BoardFile(path).load_part(["targets"])
    assert str(caught.value) == f"{path}: not a kata-tui board (no board table)"
    assert caught.value.path == path


def test_a_version_the_session_never_showed_is_none(tmp_path: Path) -> None:
    data = plant_dir(tmp_path, "plant", boards=1)
    s = session(data, "board0", "ana")
    shown = s.story.obstacles[0]
    assert s.version(Obstacle, shown.id, shown.rev) is shown
    assert s.version(Obstacle, shown.id, shown.rev + 5) is None
    assert s.version(Obstacle, "never-shown", 1) is None


def test_sync_commits_as_the_login_at_the_plant_or_at_kata() -> None:
    env = _git_env("ana", "north")
    assert (env["GIT_AUTHOR_NAME"], env["GIT_AUTHOR_EMAIL"]) == ("ana", "ana@north")
    assert (env["GIT_COMMITTER_NAME"], env["GIT_COMMITTER_EMAIL"]) == ("ana", "ana@north")
    assert _git_env("ana", "")["GIT_AUTHOR_EMAIL"] == "ana@kata"
    assert env["GIT_TERMINAL_PROMPT"] == "0"
    assert env["LC_ALL"] == "C"


def test_a_change_over_only_this_sessions_own_writes_is_no_conflict(tmp_path: Path) -> None:
    """Two edits made from one version, both by this session (w, then p in one read):
    the versions between are its own, so the second is written over the first;
    a version someone else wrote in between is a conflict."""
    data = plant_dir(tmp_path, "plant", boards=1)
    board = data.board("board0")
    shown = board.load().obstacles[0]
    me = Editor("ana", Role.COACH)
    first = board.commit([replace(shown, text="first")], me, AT).find(Obstacle, shown.id)
    assert first.rev == shown.rev + 1
    own = {(shown.id, first.rev)}
    second = board.commit([replace(shown, text="second")], me, AT, own=own)
    assert second.find(Obstacle, shown.id).text == "second"
    assert second.find(Obstacle, shown.id).rev == shown.rev + 2
    with pytest.raises(ConflictError):  # rev +2 was not written by this session
        board.commit([replace(shown, text="third")], me, AT, own=own)


def test_a_board_made_on_a_plant_server_carries_the_plant_unless_it_has_one(
    tmp_path: Path,
) -> None:
    data = DataDir.open(tmp_path / "plant")
    data.set_plant("north")
    me = Editor("ana", Role.COACH)
    made = data.create(Storyboard(board=Board("lea", "tom", "c")), me, AT, slug="lea")
    assert made.board.plant == "north"
    assert data.load("lea").board.plant == "north"
    moved = data.create(Storyboard(board=Board("bo", "tom", "c", plant="south")), me, AT, slug="bo")
    assert moved.board.plant == "south"
    assert data.load("bo").board.plant == "south"
