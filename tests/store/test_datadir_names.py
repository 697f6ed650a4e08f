"""The data directory's own rules: free board names, the plant stamped on the
boards that have none, and what ``kata check`` reports beside the boards
(real files in a temporary data directory)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from kata_tui.domain.model import Board, Role
from kata_tui.domain.storyboard import Storyboard
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir, Problem, _check_boards, slugify
from kata_tui.store.errors import BoardFileError, StoreError
from tests.domain.test_card_sets import FIVE_WHYS

AT = datetime(2026, 11, 23, 10, 0)
ME = Editor("ana", Role.COACH)


def board(learner: str, plant: str = "") -> Storyboard:
    return Storyboard(board=Board(learner, "tom", "c", plant=plant))


def test_a_third_board_of_one_learner_gets_the_next_free_number(data: DataDir) -> None:
    made = [data.create(board("Maria"), ME, AT) for _ in range(4)]
    assert data.slugs() == ["maria", "maria-2", "maria-3", "maria-4"]
    assert [data.load(s).board.id for s in data.slugs()] == [m.board.id for m in made]
    (data.path / "maria-2.json").unlink()
    assert data.free_slug("Maria") == "maria-2"


def test_the_plant_is_stamped_on_every_board_without_one_past_a_broken_one(
    data: DataDir,
) -> None:
    (data.path / "a-broken.json").write_text('{"_meta": {')
    data.create(board("lea"), ME, AT, slug="lea")
    data.create(board("bo", plant="south"), ME, AT, slug="bo")
    data.create(board("zoe"), ME, AT, slug="zoe")
    assert data.stamp_plant("north", Editor("cy", Role.COACH), AT) == 2
    assert {s: data.load(s).board.plant for s in ("bo", "lea", "zoe")} == {
        "bo": "south",
        "lea": "north",
        "zoe": "north",
    }
    assert data.load("lea").board.stamp.by == "cy"
    assert (data.path / "a-broken.json").read_text() == '{"_meta": {'
    assert data.stamp_plant("north", ME, AT) == 0


def test_a_plant_name_is_a_board_like_name_kept_in_one_file(data: DataDir) -> None:
    assert data.plant == ""
    data.set_plant("  north-2  ")
    assert (data.path / ".kata-plant").read_text() == "north-2\n"
    assert data.plant == "north-2"
    for bad in ("North", "", "a b", "../x"):
        with pytest.raises(ValueError, match="is not a plant name"):
            data.set_plant(bad)
    assert data.plant == "north-2"


def test_check_names_a_file_that_is_no_board_name_and_leaves_hidden_files_alone(
    data: DataDir,
) -> None:
    data.create(board("lea"), ME, AT, slug="lea")
    (data.path / ".editor-backup.json").write_text("not a board")
    (data.path / "Lea Copy.json").write_text("{}")
    (data.path / "notes.txt").write_text("not a board")
    (data.path / "cards").mkdir()
    bad_card = data.path / "cards" / "whys.toml"
    bad_card.write_text(FIVE_WHYS.replace('text = "Why does it happen?"', 'text = ""'))
    line = FIVE_WHYS.splitlines().index('text = "Why does it happen?"') + 1
    assert data.check(workers=1) == [
        Problem(data.path / "Lea Copy.json", "file name is not a board name; ignored"),
        Problem(bad_card, f"line {line}: question 2 ('why'): text is empty"),
    ]


def test_a_board_gone_between_listing_and_reading_is_one_problem(data: DataDir) -> None:
    """``check`` lists the boards, then reads them (in a pool of processes for
    many): a board removed in between is reported by name, and the rest are read."""
    data.create(board("lea"), ME, AT, slug="lea")
    (data.path / "zoe.json").write_text('{"_meta": {')
    problems = _check_boards(data.path, ["gone", "lea", "zoe"])
    assert problems[0] == Problem(data.path / "gone.json", f"no board 'gone' in {data.path}")
    assert [p.path.name for p in problems] == ["gone.json", "zoe.json"]


def test_a_data_directory_opens_only_as_a_directory(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    (tmp_path / "link").symlink_to(tmp_path / "nowhere")
    for path, create, message in (
        (tmp_path / "none", False, "no such data directory"),
        (tmp_path / "file", True, "not a directory"),
        (tmp_path / "file" / "below", True, "cannot open data directory (Not a directory)"),
        # a link to nowhere on the way: the directory cannot be made
        (tmp_path / "link" / "plant", True, "cannot create data directory (File exists)"),
    ):
        with pytest.raises(StoreError) as caught:
            DataDir.open(path, create=create)
        assert str(caught.value) == f"{path}: {message}"
    assert not (tmp_path / "none").exists()
    made = DataDir.open(tmp_path / "new" / "plant")
    assert made.path.is_dir() and (made.path.stat().st_mode & 0o002) == 0


def test_restoring_names_the_board_and_why_it_cannot(data: DataDir) -> None:
    data.create(board("lea"), ME, AT, slug="lea")
    with pytest.raises(StoreError) as caught:
        data.restore_last_good("lea", AT)
    assert str(caught.value) == "lea: no last good copy to restore"
    previous = data.board("lea").previous_path
    previous.write_text('{"_meta": {')
    with pytest.raises(StoreError) as caught:
        data.restore_last_good("lea", AT)
    assert str(caught.value).startswith(
        f"lea: the last good copy is not usable either ({previous}: "
    )
    assert data.load("lea").board.learner == "lea"
    assert data.last_good("lea") == previous
    previous.unlink()
    assert data.last_good("lea") is None


def test_a_board_name_is_cut_at_48_letters_and_a_link_beside_the_boards_is_refused(
    data: DataDir,
) -> None:
    assert slugify("a" * 47 + " " + "b" * 10) == "a" * 47
    assert slugify("x" * 60) == "x" * 48
    assert slugify("", "Ana", "", "Line 2") == "ana-line-2"
    data.create(board("lea"), ME, AT, slug="lea")
    (data.path / "copy.json").symlink_to(data.path / "lea.json")
    with pytest.raises(BoardFileError) as caught:
        data.board("copy")
    assert str(caught.value) == f"{data.path / 'copy.json'}: is a symbolic link; refused"
    assert data.exists("copy") and not data.exists("none")
    (data.path / "dangling.json").symlink_to(data.path / "none.json")
    assert data.exists("dangling")
    assert data.slugs() == ["copy", "dangling", "lea"]
