"""kata sync's less travelled paths, with real git: set-up run again or from a
relative path, a central server down at set-up, hooks a data directory may
carry, and git's own words turned into one line."""

from __future__ import annotations

import dataclasses
import os
import shlex
import sys
from pathlib import Path

import pytest

from kata_tui.domain.storyboard import TABLES
from kata_tui.store.datadir import DataDir
from kata_tui.store.files import locked
from kata_tui.store.sync import (
    ATTRIBUTES,
    IGNORED,
    SYNC_LOCK,
    Repo,
    SyncError,
    _first_line,
    _git_env,
    _refusal,
    init,
    status,
    sync,
)
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


def test_git_s_first_line_is_the_reason_without_its_prefix_or_hints() -> None:
    assert _first_line(b"") == "no reason given"
    assert _first_line(b"\n  \nhint: try this\n") == "no reason given"
    assert (
        _first_line(
            b"hint: Updates were rejected\nfatal: 'x' does not appear to be a git repository\n"
            b"fatal: Could not read from remote repository.\n"
        )
        == "'x' does not appear to be a git repository"
    )
    assert _first_line(b"  error: failed to push some refs\n") == "failed to push some refs"
    assert _first_line(b"fatal: bad path \xff.json\n") == "bad path \ufffd.json"


def test_a_refused_push_is_named_by_the_remote_s_words_else_git_s_reason() -> None:
    said = (
        b"remote:    \nremote: the central disk is full  \nremote: second line\n"
        b" ! [remote rejected] HEAD -> main (pre-receive hook declined)\n"
    )
    assert _refusal(said) == "the central disk is full"
    assert _refusal(b" ! [remote rejected] HEAD -> main (failed to update ref)\n") == (
        "failed to update ref"
    )
    # a proc-receive hook gives its own reason, parentheses and all
    assert _refusal(b" ! [remote rejected] HEAD -> main (quota (10 GB) reached)\n") == (
        "quota (10 GB) reached"
    )
    assert _refusal(b" ! [remote rejected] HEAD -> main (frozen by PROJECT-X)\n") == (
        "frozen by PROJECT-X"
    )
    assert _refusal(b"error: failed to push some refs\n") == "no reason given"
    assert _refusal(b" ! [remote rejected] HEAD -> main\n") == "no reason given"
    assert _refusal(b"remote: full \xff\n") == "full \ufffd"


def test_git_never_asks_for_a_password_and_keeps_a_chosen_ssh_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("GIT_SSH_COMMAND", raising=False)
    assert _git_env("ana", "north")["GIT_SSH_COMMAND"] == "ssh -o BatchMode=yes"
    monkeypatch.setenv("GIT_SSH_COMMAND", "ssh -i /srv/kata/key")
    assert _git_env("ana", "north")["GIT_SSH_COMMAND"] == "ssh -i /srv/kata/key"
    assert _git_env("ana", "north")["HOME"] == os.environ["HOME"]  # the rest is kept


def test_a_git_command_that_takes_too_long_is_stopped_with_one_line(
    plants: tuple[DataDir, DataDir, str],
) -> None:
    north, _, _ = plants
    repo = Repo(north, "ana")
    with pytest.raises(SyncError) as caught:
        repo.run("hash-object", "--stdin", input=b"x" * 10_000_000, timeout=0.000_001)
    assert str(caught.value) == "git hash-object took over 0 s; stopped"
    assert repo.out("hash-object", "--stdin") == "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"
    with pytest.raises(SyncError) as caught:
        repo.run("cat-file", "blob", "HEAD:no-such-file")
    assert str(caught.value) == "git cat-file failed: path 'no-such-file' does not exist in 'HEAD'"
    assert repo.run("cat-file", "blob", "HEAD:no-such-file", check=False).returncode == 128
    assert repo.blob(repo.rev("HEAD") or "", "no-such-file") is None
    assert repo.rev("no-such-branch") is None
    assert repo.rev("HEAD") == git(north.path, "rev-parse", "HEAD").strip()


def test_init_run_again_with_its_remote_puts_back_its_files_and_merge_driver(
    plants: tuple[DataDir, DataDir, str],
) -> None:
    north, _, remote = plants
    (north.path / ".gitattributes").write_text("*.json -merge\n")
    (north.path / ".gitignore").unlink()
    git(north.path, "config", "merge.kata-board.driver", "false")
    report = init(north, remote, editor("ana"), NOW)
    assert report.lines == [f"{north.path} syncs with {remote}", f"up to date with {remote}"]
    assert (north.path / ".gitattributes").read_text() == ATTRIBUTES
    assert (north.path / ".gitignore").read_text() == IGNORED
    assert "kata_tui.store.merge" in git(north.path, "config", "merge.kata-board.driver")
    assert git(north.path, "status", "--porcelain") == ""


def test_sync_sets_the_merge_driver_again(plants: tuple[DataDir, DataDir, str]) -> None:
    """A data directory moved to another server (another Python): each sync names
    this Python as the merge driver."""
    north, _, _ = plants
    git(north.path, "config", "merge.kata-board.driver", "/old/python -m kata_tui.store.merge")
    sync(north, "ana")
    assert git(north.path, "config", "merge.kata-board.driver").strip() == (
        f"{shlex.quote(sys.executable)} -m kata_tui.store.merge %O %A %B %P"
    )


def test_a_remote_given_as_a_relative_path_is_kept_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bare_remote(tmp_path)
    data = plant_dir(tmp_path, "north", boards=1)
    monkeypatch.chdir(tmp_path)
    report = init(data, "central.git", editor("ana"), NOW)
    assert report.lines[0] == f"{data.path} syncs with {tmp_path / 'central.git'}"
    assert git(data.path, "remote", "get-url", "origin").strip() == str(tmp_path / "central.git")


def test_a_hook_that_refuses_commits_does_not_stop_a_sync(
    plants: tuple[DataDir, DataDir, str],
) -> None:
    """A server-wide pre-commit hook (a lint of source code) has nothing to say
    about boards: sync commits past it."""
    north, south, remote = plants
    for name in ("pre-commit", "commit-msg"):
        hook = north.path / ".git" / "hooks" / name
        hook.write_text("#!/bin/sh\necho 'refused' >&2\nexit 1\n")
        hook.chmod(0o755)
    rid = edit_experiment(north, "board0", 0, "ana", "past the hook")
    assert sync(north, "ana").lines == ["committed: board0 (1 record)", f"sent to {remote}"]
    sync(south, "ben")
    assert "past the hook" in (south.path / "board0.json").read_text()
    assert rid


def test_a_server_down_at_set_up_shows_what_would_come_once_it_is_up(tmp_path: Path) -> None:
    later = tmp_path / "later.git"
    south = plant_dir(tmp_path, "south")
    with pytest.raises(SyncError, match="cannot fetch"):
        init(south, str(later), editor("ben"), NOW, plant="south")
    assert git(south.path, "remote", "get-url", "origin").strip() == str(later)
    north = plant_dir(tmp_path, "north", boards=2)
    (south.path / "own.json").write_bytes((north.path / "board0.json").read_bytes())
    bare_remote(tmp_path / "x")
    (tmp_path / "x" / "central.git").rename(later)
    init(north, str(later), editor("ana"), NOW, plant="north")
    assert status(south, "ben") == [
        f"remote: {later}",
        "to send: own",
        "to receive: board0, board1",
    ]


def test_histories_that_do_not_meet_are_refused_word_for_word(
    plants: tuple[DataDir, DataDir, str], tmp_path: Path
) -> None:
    north, _, _ = plants
    other = plant_dir(tmp_path, "elsewhere", boards=1)
    other_remote = bare_remote(tmp_path / "x")
    init(other, other_remote, editor("eve"), NOW)
    git(north.path, "remote", "set-url", "origin", other_remote)
    with pytest.raises(SyncError) as caught:
        sync(north, "ana")
    assert str(caught.value) == (
        f"{other_remote} holds a history unrelated to this data directory's "
        "(another group's repository, or re-created?); nothing changed"
    )
    with pytest.raises(SyncError) as caught:
        status(north, "ana")
    assert str(caught.value) == (
        f"{other_remote} holds a history unrelated to this data directory's; "
        "a sync would stop there"
    )


def test_a_second_sync_at_once_says_so_and_the_merge_commit_says_where_from(
    plants: tuple[DataDir, DataDir, str],
) -> None:
    north, south, remote = plants
    with locked(south.path / SYNC_LOCK), pytest.raises(SyncError) as caught:
        sync(south, "ben")
    assert str(caught.value) == (
        "another kata sync is running on this data directory; nothing done, try later"
    )
    edit_experiment(north, "board0", 0, "ana", "north")
    sync(north, "ana")
    edit_experiment(south, "board1", 0, "ben", "south")
    assert sync(south, "ben").lines == [
        "committed: board1 (1 record)",
        "received: board0",
        f"sent to {remote}",
    ]
    assert git(south.path, "log", "-1", "--format=%an %P%n%s").splitlines()[1] == (
        f"kata sync by ben at south: merged {remote}"
    )
    assert len(git(south.path, "log", "-1", "--format=%P").split()) == 2


def test_joining_keeps_this_plant_s_own_boards_and_its_copy_of_a_shared_one(
    tmp_path: Path,
) -> None:
    """South started with a board of its own and an edited copy of north's board0:
    joining takes north's boards and sends south's. With no common version, the
    record that differs is kept in both versions: south's shown, north's pending."""
    remote = bare_remote(tmp_path)
    north = plant_dir(tmp_path, "north", boards=2)
    init(north, remote, editor("ana"), NOW, plant="north")
    south = plant_dir(tmp_path, "south")
    (south.path / "board0.json").write_bytes((north.path / "board0.json").read_bytes())
    (south.path / "own.json").write_bytes((north.path / "board1.json").read_bytes())
    rid = edit_experiment(south, "board0", 1, "ben", "edited at south before joining")
    assert init(south, remote, editor("ben"), NOW).lines == [
        f"{south.path} syncs with {remote}",
        f"joined {remote}: 2 board(s) from there",
        "committed: board0 (1 record), own (new)",
        f"sent to {remote}",
    ]
    sync(north, "ana")
    for data in (north, south):
        assert DataDir.open(data.path).slugs() == ["board0", "board1", "own"]
        s = session(data, "board0", "cy")
        assert {e.id: e.learned for e in s.story.experiments}[rid] == (
            "edited at south before joining"
        )
        (pending,) = s.pending()
        assert pending.record.id == rid and pending.record.rev == 1


def test_a_board_here_that_is_not_text_stops_the_join_and_changes_nothing(
    tmp_path: Path,
) -> None:
    remote = bare_remote(tmp_path)
    north = plant_dir(tmp_path, "north", boards=1)
    init(north, remote, editor("ana"), NOW)
    south = plant_dir(tmp_path, "south")
    (south.path / "board0.json").write_bytes(b"\xff not text")
    with pytest.raises(SyncError) as caught:
        init(south, remote, editor("ben"), NOW)
    assert str(caught.value) == (
        f"cannot join {remote}: 'utf-8' codec can't decode byte 0xff in position 0: "
        "invalid start byte; nothing changed"
    )
    assert (south.path / "board0.json").read_bytes() == b"\xff not text"
    assert git(south.path, "branch", "--list") == ""  # nothing committed


def test_names_and_messages_that_are_not_utf8_stop_nothing(
    plants: tuple[DataDir, DataDir, str], tmp_path: Path
) -> None:
    """git passes file names and a remote hook's words as bytes: a file here or
    at the central repository whose name is not UTF-8, and a refusal in Latin-1,
    are read with a replacement character, never a crash."""
    north, south, remote = plants
    os.close(os.open(bytes(north.path) + b"/caf\xe9.txt", os.O_CREAT | os.O_WRONLY))
    hand = tmp_path / "hand"
    git(tmp_path, "clone", "-q", remote, str(hand))
    os.close(os.open(bytes(hand) + b"/r\xe9sum\xe9.txt", os.O_CREAT | os.O_WRONLY))
    git(hand, "add", "-A")
    git(hand, "-c", "user.name=x", "-c", "user.email=x@x", "commit", "-qm", "by hand")
    git(hand, "push", "-q", "origin", "HEAD:main")
    edit_experiment(north, "board0", 0, "ana", "sent past the file")
    assert status(north, "ana")[1:] == ["to send: board0", "to receive: nothing"]
    assert sync(north, "ana").lines == [
        "committed: board0 (1 record)",
        f"sent to {remote}",
    ]
    assert sync(south, "ben").lines == ["received: board0", f"up to date with {remote}"]
    assert "sent past the file" in (south.path / "board0.json").read_text()
    hook = Path(remote) / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\nprintf 'disque \\351 plein\\n' >&2\nexit 1\n")
    hook.chmod(0o755)
    edit_experiment(north, "board1", 0, "ana", "refused")
    with pytest.raises(SyncError) as caught:
        sync(north, "ana")
    assert str(caught.value) == (
        f"push to {remote} refused by the remote: disque \ufffd plein; "
        "the boards here are merged and committed, the next kata sync sends them"
    )


def test_a_board_replaced_whole_counts_every_record_changed_or_gone(
    plants: tuple[DataDir, DataDir, str],
) -> None:
    """kata import --replace with two steps fewer: every record kept is a new
    version, and the two gone count as changed too."""
    north, _, remote = plants
    story = DataDir.open(north.path).load("board0")
    before = sum(len(story.records(kind)) for kind in TABLES)
    fewer = dataclasses.replace(story, experiments=story.experiments[2:])
    DataDir.open(north.path).board("board0").replace_all(fewer, editor("ana"), NOW)
    assert sync(north, "ana").lines == [
        f"committed: board0 ({before} records)",
        f"sent to {remote}",
    ]
