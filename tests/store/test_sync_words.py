"""What kata sync tells people, word for word, and what it does when the data
directory changes under it: real git, two plant servers and a central repository.

A session saving, a board set aside or a file broken while a sync runs is made
to happen at one exact point by a git hook in the data directory (a shell
script, run by git itself in between two steps of the sync), so the race is
the same on every run.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest

from kata_tui.domain.model import Experiment
from kata_tui.store.datadir import DataDir
from kata_tui.store.sync import SyncError, init, status, sync
from tests.store.sync_helpers import (
    NOW,
    bare_remote,
    edit_experiment,
    editor,
    git,
    git_identity,  # noqa: F401  (autouse fixture)
    plant_dir,
    session,
)


@pytest.fixture
def plants(tmp_path: Path) -> tuple[DataDir, DataDir, str]:
    remote = bare_remote(tmp_path)
    north = plant_dir(tmp_path, "north", boards=3)
    south = plant_dir(tmp_path, "south")
    init(north, remote, editor("ana"), NOW, plant="north")
    init(south, remote, editor("ben"), NOW, plant="south")
    return north, south, remote


def learned(data: DataDir, slug: str, record_id: str) -> str:
    found = DataDir.open(data.path).load(slug).find(Experiment, record_id)
    assert found is not None
    return found.learned


def hook(data: DataDir, name: str, script: str) -> None:
    """A git hook in the data directory that runs ``script`` once, then removes itself."""
    path = data.path / ".git" / "hooks" / name
    path.write_text(f'#!/bin/sh\nrm -f -- "$0"\n{script}\n')
    path.chmod(0o755)


def files(data: DataDir) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in data.path.glob("*.json")}


def test_init_sync_and_status_say_what_they_did_word_for_word(tmp_path: Path) -> None:
    remote = bare_remote(tmp_path)
    north = plant_dir(tmp_path, "north", boards=3)
    south = plant_dir(tmp_path, "south")
    assert init(north, remote, editor("ana"), NOW, plant="north").lines == [
        f"{north.path} syncs with {remote} as plant north",
        "plant north set on 3 board(s)",
        "committed: board0 (new), board1 (new), board2 (new)",
        f"sent to {remote}",
    ]
    assert init(south, remote, editor("ben"), NOW, plant="south").lines == [
        f"{south.path} syncs with {remote} as plant south",
        f"joined {remote}: 3 board(s) from there",
        f"up to date with {remote}",
    ]
    edit_experiment(north, "board0", 0, "ana", "one")
    edit_experiment(north, "board2", 0, "ana", "two")
    edit_experiment(north, "board2", 1, "ana", "three")
    assert sync(north, "ana").lines == [
        "committed: board0 (1 record), board2 (2 records)",
        f"sent to {remote}",
    ]
    assert status(south, "ben") == [
        f"remote: {remote}",
        "to send: nothing",
        "to receive: board0, board2",
    ]
    assert sync(south, "ben").lines == ["received: board0, board2", f"up to date with {remote}"]
    assert sync(south, "ben").lines == [f"up to date with {remote}"]
    assert status(south, "ben") == [f"remote: {remote}", "to send: nothing", "to receive: nothing"]
    assert git(north.path, "log", "--format=%an <%ae> %s").splitlines() == [
        "ana <ana@north> kata sync by ana at north: board0 (1 record), board2 (2 records)",
        "ana <ana@north> kata sync by ana at north: board0 (new), board1 (new), board2 (new)",
    ]


def test_the_merge_driver_is_this_python_and_boards_are_never_converted(
    plants: tuple[DataDir, DataDir, str],
) -> None:
    north, _, _ = plants
    driver = f"{shlex.quote(sys.executable)} -m kata_tui.store.merge %O %A %B %P"
    assert git(north.path, "config", "--get-regexp", r"^(merge|commit|core\.autocrlf)").split(
        "\n"
    ) == [
        "core.autocrlf false",
        "merge.kata-board.name kata-tui boards, record by record",
        f"merge.kata-board.driver {driver}",
        "commit.gpgsign false",
        "",
    ]
    assert git(north.path, "ls-files").split() == [
        ".gitattributes",
        ".gitignore",
        "board0.json",
        "board1.json",
        "board2.json",
    ]


def test_an_empty_data_directory_is_set_up_without_a_plant(tmp_path: Path) -> None:
    remote = bare_remote(tmp_path)
    data = plant_dir(tmp_path, "lone")
    assert init(data, remote, editor("cy"), NOW).lines == [
        f"{data.path} syncs with {remote}",
        "committed: set-up",
        f"sent to {remote}",
    ]
    assert (
        git(data.path, "log", "--format=%an <%ae> %s").strip()
        == "cy <cy@kata> kata sync by cy: set-up"
    )


def test_a_session_saving_during_a_sync_keeps_its_save_and_receives_the_other_plants(
    plants: tuple[DataDir, DataDir, str], tmp_path: Path
) -> None:
    """board0 saved at south just after the sync committed (git's post-commit hook
    puts the saved file in place): the merge from north is merged with it."""
    north, south, _ = plants
    before = (south.path / "board0.json").read_bytes()
    mine = edit_experiment(south, "board0", 1, "ben", "saved during the sync")
    saved = tmp_path / "saved.json"
    saved.write_bytes((south.path / "board0.json").read_bytes())
    (south.path / "board0.json").write_bytes(before)  # not saved yet when the sync starts
    theirs = edit_experiment(north, "board0", 0, "ana", "from north")
    sync(north, "ana")
    edit_experiment(south, "board1", 0, "ben", "something to commit")
    hook(south, "post-commit", f"cp {shlex.quote(str(saved))} board0.json")
    report = sync(south, "ben")
    assert report.lines[0] == "committed: board1 (1 record)"
    assert "received: board0" in report.lines
    assert learned(south, "board0", theirs) == "from north"
    assert learned(south, "board0", mine) == "saved during the sync"
    sync(south, "ben")
    sync(north, "ana")
    assert learned(north, "board0", mine) == "saved during the sync"
    assert DataDir(south.path).check() == [] and DataDir(north.path).check() == []


def test_a_board_set_aside_during_a_sync_is_not_written_back(
    plants: tuple[DataDir, DataDir, str],
) -> None:
    north, south, _ = plants
    edit_experiment(north, "board0", 0, "ana", "from north")
    sync(north, "ana")
    edit_experiment(south, "board1", 0, "ben", "something to commit")
    hook(south, "post-commit", "mv board0.json board0.json.broken-1")
    report = sync(south, "ben")
    assert "board0.json: missing here (set aside?); the merged version is kept in git" in (
        report.lines
    )
    assert not (south.path / "board0.json").exists()
    assert (south.path / "board0.json.broken-1").exists()


def test_a_board_broken_during_a_sync_is_left_as_it_is_with_one_line(
    plants: tuple[DataDir, DataDir, str],
) -> None:
    north, south, _ = plants
    edit_experiment(north, "board0", 0, "ana", "from north")
    sync(north, "ana")
    edit_experiment(south, "board1", 0, "ben", "something to commit")
    hook(south, "post-commit", "printf '{\"_meta\": {' > board0.json")
    report = sync(south, "ben")
    (line,) = [line for line in report.lines if line.startswith("board0.json")]
    assert line.startswith("board0.json: not updated here: board0.json: does not load")
    assert (south.path / "board0.json").read_bytes() == b'{"_meta": {'


def test_a_board_removed_set_aside_or_unreadable_here_is_not_sent_and_the_rest_is(
    plants: tuple[DataDir, DataDir, str],
) -> None:
    north, south, remote = plants
    edit_experiment(north, "board0", 0, "ana", "sent")
    edit_experiment(north, "board2", 0, "ana", "sent too")
    (north.path / "board1.json").rename(north.path / "board1.json.broken-1")
    (north.path / "a.json").symlink_to(north.path / "gone.json")  # sorts first
    (north.path / "b.json").write_text('{"_meta": {')
    assert sync(north, "ana").lines == [
        "board1.json: missing here (set aside?); not sent as deleted",
        "a.json: not sent (No such file or directory)",
        "b.json: not sent: it does not load (see kata check)",
        "committed: board0 (1 record), board2 (1 record)",
        f"sent to {remote}",
    ]
    assert git(north.path, "ls-tree", "--name-only", "HEAD").split() == [
        ".gitattributes",
        ".gitignore",
        "board0.json",
        "board1.json",
        "board2.json",
    ]
    sync(south, "ben")
    assert DataDir.open(south.path).load("board1")


def test_a_board_deleted_at_another_plant_is_kept_here_and_other_files_follow(
    plants: tuple[DataDir, DataDir, str], tmp_path: Path
) -> None:
    """Someone removes board1 in a clone of the central repository and adds a
    line to .gitignore: south keeps board1, takes the new .gitignore."""
    _north, south, remote = plants
    hand = tmp_path / "hand"
    git(tmp_path, "clone", "-q", remote, str(hand))
    git(hand, "rm", "-q", "board1.json")
    with (hand / ".gitignore").open("a") as ignore:
        ignore.write("# by hand\n")
    git(hand, "-c", "user.name=x", "-c", "user.email=x@x", "commit", "-qam", "by hand")
    git(hand, "push", "-q", "origin", "HEAD:main")
    before = (south.path / "board1.json").read_bytes()
    assert sync(south, "ben").lines == [
        "board1.json: removed at another plant; kept here",
        f"up to date with {remote}",
    ]
    assert (south.path / "board1.json").read_bytes() == before
    assert (south.path / ".gitignore").read_text().endswith("# by hand\n")


def test_a_conflict_outside_the_boards_stops_the_merge_naming_the_file(
    plants: tuple[DataDir, DataDir, str],
) -> None:
    north, south, _ = plants
    for data, word in ((north, "north"), (south, "south")):
        with (data.path / ".gitignore").open("a") as ignore:
            ignore.write(f"# {word}\n")
    sync(north, "ana")
    before = files(south)
    with pytest.raises(SyncError) as caught:
        sync(south, "ben")
    assert str(caught.value) == "merge stopped: conflicts in .gitignore; nothing changed here"
    assert files(south) == before
    assert (south.path / ".gitignore").read_text().endswith("# south\n")


def test_a_push_rejected_three_times_says_others_are_syncing(
    plants: tuple[DataDir, DataDir, str], tmp_path: Path
) -> None:
    """Each time south's branch moves (its commit, each merge), someone else pushes
    (git's reference-transaction hook pushes from another clone): south's push
    is rejected, it fetches and merges again, three tries, then one line."""
    _north, south, remote = plants
    hand = tmp_path / "hand"
    git(tmp_path, "clone", "-q", remote, str(hand))
    script = tmp_path / "push-first.sh"
    script.write_text(
        "#!/bin/sh\n"
        '[ "$1" = committed ] || exit 0\n'
        "grep -q ' refs/heads/main$' || exit 0\n"
        "unset GIT_DIR GIT_INDEX_FILE GIT_WORK_TREE GIT_PREFIX\n"
        f"cd {shlex.quote(str(hand))}\n"
        "git -c user.name=x -c user.email=x@x commit -q --allow-empty -m first\n"
        "git push -q origin HEAD:main\n"
    )
    script.chmod(0o755)
    hook_path = south.path / ".git" / "hooks" / "reference-transaction"
    hook_path.symlink_to(script)
    edit_experiment(south, "board1", 0, "ben", "waits")
    with pytest.raises(SyncError) as caught:
        sync(south, "ben")
    assert str(caught.value) == (
        f"push to {remote} rejected three times (others are syncing); "
        "the boards here are merged and committed, the next kata sync sends them"
    )
    # one push after south's commit, one after each of its three merges
    assert git(hand, "rev-list", "--count", "--grep=first", "HEAD").strip() == "4"
    hook_path.unlink()
    assert sync(south, "ben").lines[-1] == f"sent to {remote}"


def test_what_stops_a_sync_is_one_line_word_for_word(
    plants: tuple[DataDir, DataDir, str], tmp_path: Path
) -> None:
    north, _, _ = plants
    lone = plant_dir(tmp_path, "lone")
    for run in (lambda: sync(lone, "cy"), lambda: status(lone, "cy")):
        with pytest.raises(SyncError) as caught:
            run()
        assert str(caught.value) == (
            f"{lone.path} is not synced yet: run kata sync init REMOTE first"
        )
    with pytest.raises(SyncError) as caught:
        init(north, str(tmp_path / "other.git"), editor("ana"), NOW)
    assert (
        str(caught.value)
        == f"{north.path} already syncs with {tmp_path / 'central.git'}; nothing changed"
    )
    gone = tmp_path / "gone.git"
    git(north.path, "remote", "set-url", "origin", str(gone))
    with pytest.raises(SyncError) as caught:
        sync(north, "ana")
    assert str(caught.value) == (
        f"cannot fetch from {gone}: '{gone}' does not appear to be a git repository; "
        "nothing sent or received, the data directory is as it was"
    )
    (north.path / ".git" / "index").write_bytes(b"not an index")
    with pytest.raises(SyncError) as caught:
        sync(north, "ana")
    assert str(caught.value).startswith("git status failed: ")
    assert "\n" not in str(caught.value)


def test_without_git_sync_says_what_to_install(
    plants: tuple[DataDir, DataDir, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    north, _, _ = plants
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    with pytest.raises(SyncError) as caught:
        sync(north, "ana")
    assert str(caught.value) == (
        "kata sync needs git: install the git command line (apt-get install git)"
    )


def test_status_after_a_refused_first_push_lists_every_board_to_send(tmp_path: Path) -> None:
    remote = bare_remote(tmp_path)
    hook_path = Path(remote) / "hooks" / "pre-receive"
    hook_path.write_text("#!/bin/sh\nexit 1\n")
    hook_path.chmod(0o755)
    data = plant_dir(tmp_path, "north", boards=2)
    with pytest.raises(SyncError, match="refused by the remote"):
        init(data, remote, editor("ana"), NOW)
    edit_experiment(data, "board1", 0, "ana", "changed since")
    (data.path / "x.json").write_bytes((data.path / "board0.json").read_bytes())
    assert status(data, "ana") == [
        f"remote: {remote}",
        "to send: board0, board1, x",
        "to receive: nothing",
    ]


def test_a_push_that_loses_a_race_at_the_remote_is_tried_again(
    plants: tuple[DataDir, DataDir, str], tmp_path: Path
) -> None:
    """Another plant's push lands between the remote's answer and south's update
    (git's pre-push hook pushes from another clone at that moment): the remote
    says it cannot lock the branch, which is not a refusal; south merges and
    tries again, and says others are syncing when that happens three times."""
    _north, south, remote = plants
    hand = tmp_path / "hand"
    git(tmp_path, "clone", "-q", remote, str(hand))
    script = tmp_path / "push-first.sh"
    script.write_text(
        "#!/bin/sh\n"
        "unset GIT_DIR GIT_INDEX_FILE GIT_WORK_TREE GIT_PREFIX\n"
        f"cd {shlex.quote(str(hand))}\n"
        "git -c user.name=x -c user.email=x@x commit -q --allow-empty -m first\n"
        "git push -q origin HEAD:main\n"
    )
    script.chmod(0o755)
    hook_path = south.path / ".git" / "hooks" / "pre-push"
    hook_path.symlink_to(script)
    edit_experiment(south, "board1", 0, "ben", "waits")
    with pytest.raises(SyncError) as caught:
        sync(south, "ben")
    assert str(caught.value) == (
        f"push to {remote} rejected three times (others are syncing); "
        "the boards here are merged and committed, the next kata sync sends them"
    )
    assert git(hand, "rev-list", "--count", "--grep=first", "HEAD").strip() == "3"
    hook_path.unlink()
    assert sync(south, "ben").lines[-1] == f"sent to {remote}"


def test_a_version_kept_pending_by_a_merge_says_which_remote_it_came_from(
    plants: tuple[DataDir, DataDir, str],
) -> None:
    """git's merge driver runs as its own process: sync hands it the remote's
    address, which the pending version carries to the person who chooses."""
    north, south, remote = plants
    edit_experiment(north, "board2", 2, "ana", "north's version")
    edit_experiment(south, "board2", 2, "ben", "south's version")
    sync(north, "ana")
    sync(south, "ben")
    (pending,) = session(south, "board2", "cy").pending()
    assert pending.origin == remote


def test_a_board_renamed_at_another_plant_arrives_under_its_new_name(
    plants: tuple[DataDir, DataDir, str], tmp_path: Path
) -> None:
    """git mv board1 board9 in a clone of the central repository: south keeps
    board1 (never deleted by a sync) and receives board9, read as a removal and
    an addition, never as a rename."""
    _north, south, remote = plants
    hand = tmp_path / "hand"
    git(tmp_path, "clone", "-q", remote, str(hand))
    git(hand, "mv", "board1.json", "board9.json")
    git(hand, "-c", "user.name=x", "-c", "user.email=x@x", "commit", "-qm", "renamed")
    git(hand, "push", "-q", "origin", "HEAD:main")
    before = (south.path / "board1.json").read_bytes()
    assert sync(south, "ben").lines == [
        "board1.json: removed at another plant; kept here",
        "received: board9",
        f"up to date with {remote}",
    ]
    assert (south.path / "board1.json").read_bytes() == before
    assert (south.path / "board9.json").read_bytes() == before


def test_a_save_during_a_sync_on_a_record_changed_there_keeps_the_remotes_version_with_its_address(
    plants: tuple[DataDir, DataDir, str], tmp_path: Path
) -> None:
    """board0's step saved at south just after the sync committed (post-commit
    hook) and changed at north: south's save stays on the board, north's waits as
    a pending version that names the remote it came from."""
    north, south, remote = plants
    before = (south.path / "board0.json").read_bytes()
    mine = edit_experiment(south, "board0", 0, "ben", "saved during the sync")
    saved = tmp_path / "saved.json"
    saved.write_bytes((south.path / "board0.json").read_bytes())
    (south.path / "board0.json").write_bytes(before)  # not saved yet when the sync starts
    theirs = edit_experiment(north, "board0", 0, "ana", "from north")
    assert theirs == mine
    sync(north, "ana")
    edit_experiment(south, "board1", 0, "ben", "something to commit")
    hook(south, "post-commit", f"cp {shlex.quote(str(saved))} board0.json")
    sync(south, "ben")
    assert learned(south, "board0", mine) == "saved during the sync"
    (pending,) = session(south, "board0", "cy").pending()
    assert (pending.record.learned, pending.origin) == ("from north", remote)
