"""Files honour the umask, stay in the group when shared, and links are refused."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from kata_tui.domain.demo import demo_boards
from kata_tui.domain.model import Role
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir
from kata_tui.store.errors import BoardFileError, StoreError
from kata_tui.store.files import file_mode_for, locked
from tests.conftest import TODAY
from tests.store.conftest import as_nobody, run_worker

AT = datetime(2026, 11, 23, 9, 0)
EDITOR = Editor("t", Role.COACH)


@pytest.fixture
def umask() -> Iterator[object]:
    """Set the process umask for one test, and put the old one back."""
    old = os.umask(0o022)

    def set_to(value: int) -> None:
        os.umask(value)

    yield set_to
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _board_files(data: DataDir, slug: str) -> list[Path]:
    board = data.board(slug)
    return [board.path, board.lock_path]


@pytest.mark.parametrize(
    ("mask", "expected"),
    [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664), (0o000, 0o664), (0o027, 0o640)],
)
def test_new_files_honour_the_umask_and_are_never_world_writable(
    tmp_path: Path, umask, mask: int, expected: int
) -> None:
    umask(mask)
    data = DataDir.open(tmp_path / "data")
    assert not _mode(data.path) & 0o002
    story = data.create(demo_boards(TODAY)[0], EDITOR, AT, slug="maria")
    for path in _board_files(data, "maria"):
        assert _mode(path) == expected, path
    # a save keeps the mode; the last-good copy is the old file itself
    saved = data.board("maria").commit([replace(story.board, coach="x")], EDITOR, AT)
    assert saved.board.coach == "x"
    assert _mode(data.board("maria").path) == expected
    assert _mode(data.board("maria").previous_path) == expected


@pytest.mark.parametrize("shared", ["g+w", "setgid"])
@pytest.mark.parametrize("mask", [0o022, 0o077])
def test_group_shared_directory_gives_the_group_read_write(
    tmp_path: Path, umask, shared: str, mask: int
) -> None:
    directory = tmp_path / "data"
    directory.mkdir()
    directory.chmod(0o2755 if shared == "setgid" else 0o775)
    umask(mask)
    data = DataDir.open(directory)
    data.create(demo_boards(TODAY)[1], EDITOR, AT, slug="jonas")
    for path in _board_files(data, "jonas"):
        mode = _mode(path)
        assert mode & 0o060 == 0o060, oct(mode)  # the team can read, write and lock
        assert not mode & 0o002
    assert file_mode_for(directory) & 0o660 == 0o660


def test_an_admins_mode_on_an_existing_board_is_kept_minus_world_write(
    tmp_path: Path, umask
) -> None:
    data = DataDir.open(tmp_path / "data")
    story = data.create(demo_boards(TODAY)[2], EDITOR, AT, slug="aisha")
    path = data.board("aisha").path
    path.chmod(0o666)
    data.board("aisha").commit([replace(story.board, coach="y")], EDITOR, AT)
    assert _mode(path) == 0o664
    path.chmod(0o640)
    story = data.load("aisha")
    data.board("aisha").commit([replace(story.board, coach="z")], EDITOR, AT)
    assert _mode(path) == 0o640


def test_a_board_that_links_out_of_the_data_directory_is_refused(tmp_path: Path) -> None:
    data = DataDir.open(tmp_path / "data")
    outside = tmp_path / "elsewhere.json"
    DataDir.open(tmp_path).create(demo_boards(TODAY)[3], EDITOR, AT, slug="elsewhere")
    content = outside.read_bytes()
    (data.path / "ken.json").symlink_to(outside)
    with pytest.raises(BoardFileError, match="link out of the data directory; refused"):
        data.board("ken")
    with pytest.raises(BoardFileError, match="link out of the data directory"):
        data.load("ken")
    summaries, problems = data.summaries()
    assert summaries == []
    assert [p.path.name for p in problems] == ["ken.json"]
    assert [p.path.name for p in data.check()] == ["ken.json"]
    assert outside.read_bytes() == content


def test_a_link_made_after_the_board_was_opened_is_refused_too(tmp_path: Path) -> None:
    data = DataDir.open(tmp_path / "data")
    story = data.create(demo_boards(TODAY)[3], EDITOR, AT, slug="ken")
    board = data.board("ken")  # opened while still a plain file
    outside = tmp_path / "outside.json"
    os.replace(board.path, outside)
    board.path.symlink_to(outside)
    content = outside.read_bytes()
    with pytest.raises(BoardFileError, match="symbolic link; refused"):
        board.load()
    with pytest.raises(StoreError):
        board.commit([replace(story.board, coach="z")], EDITOR, AT)
    assert board.head() is None
    assert outside.read_bytes() == content
    assert board.path.is_symlink()


def test_a_link_inside_the_directory_is_refused_rather_than_forked(tmp_path: Path) -> None:
    data = DataDir.open(tmp_path / "data")
    data.create(demo_boards(TODAY)[3], EDITOR, AT, slug="ken")
    (data.path / "alias.json").symlink_to("ken.json")
    with pytest.raises(BoardFileError, match="symbolic link; refused"):
        data.load("alias")


def test_the_lock_file_is_never_followed_through_a_symlink(tmp_path: Path) -> None:
    data = DataDir.open(tmp_path / "data")
    story = data.create(demo_boards(TODAY)[3], EDITOR, AT, slug="ken")
    board = data.board("ken")
    board.lock_path.unlink()
    victim = tmp_path / "victim"
    board.lock_path.symlink_to(victim)  # dangling: O_CREAT would make it
    with pytest.raises(StoreError, match=r"cannot lock \.ken\.json\.lock: it is a symbolic link"):
        board.commit([replace(story.board, coach="z")], EDITOR, AT)
    assert not victim.exists()
    victim.write_text("precious")
    with pytest.raises(StoreError, match="symbolic link"), locked(board.lock_path):
        pass
    assert victim.read_text() == "precious"
    assert data.load("ken").board.coach == story.board.coach


def test_a_refused_link_still_takes_its_name(tmp_path: Path) -> None:
    data = DataDir.open(tmp_path / "data")
    (data.path / "maria.json").symlink_to(tmp_path / "nowhere.json")
    assert data.exists("maria")
    assert data.free_slug("Maria") == "maria-2"
    created = data.create(demo_boards(TODAY)[0], EDITOR, AT)
    assert created.slug == "maria-2"
    assert (data.path / "maria.json").is_symlink()


def test_another_member_of_the_group_can_save_what_one_created(open_dir: Path, umask) -> None:
    """Root creates a board under umask 077; uid 65534, in the directory's group, saves it."""
    if os.geteuid() != 0:
        pytest.skip("needs root to act as a second user")
    directory = open_dir / "shared"
    directory.mkdir()
    os.chown(directory, 0, 65534)
    directory.chmod(0o2770)  # the team's directory: setgid, group rwx, others nothing
    umask(0o077)
    data = DataDir.open(directory)
    data.create(demo_boards(TODAY)[0], EDITOR, AT, slug="maria")
    result = run_worker("commit", str(directory), "maria", "saved by a teammate", **as_nobody())
    assert result.stdout.strip() == "ok", result.stdout + result.stderr
    story = DataDir(directory).load("maria")
    assert story.board.challenge == "saved by a teammate"
    assert story.board.stamp.by == "worker"
    for path in _board_files(data, "maria"):
        assert path.stat().st_gid == 65534
        assert _mode(path) == 0o660
