"""kata sync with real git: two plant servers and a bare central repository."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kata_tui.domain.job_methods import BreakdownOf, add_detail, breakdown
from kata_tui.domain.model import Experiment, Obstacle
from kata_tui.domain.storyboard import TABLES, Storyboard
from kata_tui.store.datadir import DataDir
from kata_tui.store.errors import StoreError
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


def records(story: Storyboard) -> dict[str, object]:
    return {r.id: r for kind in TABLES for r in story.records(kind)}


def same_everywhere(a: DataDir, b: DataDir) -> None:
    """Every board, every record, equal at both plants (and each file loads)."""
    assert a.slugs() == b.slugs()
    for slug in a.slugs():
        left, right = DataDir.open(a.path).load(slug), DataDir.open(b.path).load(slug)
        assert records(left) == records(right), slug


@pytest.fixture
def plants(tmp_path: Path) -> tuple[DataDir, DataDir, str]:
    remote = bare_remote(tmp_path)
    north = plant_dir(tmp_path, "north", boards=3)
    south = plant_dir(tmp_path, "south")
    init(north, remote, editor("ana"), NOW, plant="north")
    report = init(south, remote, editor("ben"), NOW, plant="south")
    assert any("joined" in line for line in report.lines), report.lines
    return north, south, remote


def experiment(data: DataDir, slug: str, record_id: str) -> Experiment:
    found = DataDir.open(data.path).load(slug).find(Experiment, record_id)
    assert found is not None
    return found


def test_init_shares_the_boards_and_stamps_the_plant(plants: tuple[DataDir, DataDir, str]) -> None:
    north, south, _remote = plants
    same_everywhere(north, south)
    assert north.plant == "north" and south.plant == "south"
    assert {DataDir.open(south.path).load(s).board.plant for s in south.slugs()} == {"north"}
    assert (north.path / ".gitattributes").read_text() == "*.json merge=kata-board\n"
    ignored = git(north.path, "status", "--porcelain", "--ignored")
    assert ".board0.json.lock" in ignored and ".kata-plant" in ignored
    assert git(north.path, "log", "-1", "--format=%an").strip() == "ana"


def test_edits_to_different_boards_meet(plants: tuple[DataDir, DataDir, str]) -> None:
    north, south, _ = plants
    a = edit_experiment(north, "board0", 0, "ana", "north learned this")
    b = edit_experiment(south, "board1", 0, "ben", "south learned that")
    sync(north, "ana")
    sync(south, "ben")
    sync(north, "ana")
    for data in (north, south):
        assert experiment(data, "board0", a).learned == "north learned this"
        assert experiment(data, "board1", b).learned == "south learned that"
    same_everywhere(north, south)
    message = git(north.path, "log", "--format=%an: %s")
    assert "ana: kata sync by ana at north: board0 (1 record)" in message
    assert "ben: kata sync by ben at south: board1 (1 record)" in message


def test_edits_to_different_records_of_one_board_merge(
    plants: tuple[DataDir, DataDir, str],
) -> None:
    north, south, _ = plants
    a = edit_experiment(north, "board2", 0, "ana", "first step, north")
    b = edit_experiment(south, "board2", 1, "ben", "second step, south")
    sync(north, "ana")
    sync(south, "ben")
    sync(north, "ana")
    for data in (north, south):
        assert experiment(data, "board2", a).learned == "first step, north"
        assert experiment(data, "board2", b).learned == "second step, south"
        assert session(data, "board2", "x").pending() == ()
    same_everywhere(north, south)


def test_one_record_changed_at_both_plants_keeps_both_versions(
    plants: tuple[DataDir, DataDir, str],
) -> None:
    north, south, _ = plants
    rid = edit_experiment(north, "board2", 2, "ana", "north's version")
    edit_experiment(south, "board2", 2, "ben", "south's version")
    sync(north, "ana")
    sync(south, "ben")
    sync(north, "ana")
    same_everywhere(north, south)
    for data in (north, south):
        s = session(data, "board2", "cara")
        shown = s.story.find(Experiment, rid)
        (pending,) = s.pending()
        assert {shown.learned, pending.record.learned} == {"north's version", "south's version"}
        assert pending.record.id == rid
    # choosing settles it, and the choice travels like any edit
    s = session(south, "board2", "cara")
    (pending,) = s.pending()
    s.settle(pending, None)
    sync(south, "cara")
    sync(north, "ana")
    for data in (north, south):
        assert session(data, "board2", "x").pending() == ()
    same_everywhere(north, south)


def test_status_says_what_would_be_sent_and_received(
    plants: tuple[DataDir, DataDir, str],
) -> None:
    north, south, _ = plants
    edit_experiment(north, "board0", 0, "ana", "to send")
    sync(north, "ana")
    edit_experiment(south, "board1", 0, "ben", "local")
    before = {p.name: p.read_bytes() for p in south.path.glob("*.json")}
    lines = status(south, "ben")
    assert "to send: board1" in lines
    assert "to receive: board0" in lines
    assert {p.name: p.read_bytes() for p in south.path.glob("*.json")} == before


def test_unreachable_remote_is_one_line_and_changes_nothing(
    plants: tuple[DataDir, DataDir, str], tmp_path: Path
) -> None:
    north, _, _ = plants
    git(north.path, "remote", "set-url", "origin", str(tmp_path / "gone.git"))
    edit_experiment(north, "board0", 0, "ana", "kept")
    before = {p.name: p.read_bytes() for p in north.path.glob("*.json")}
    for run in (lambda: sync(north, "ana"), lambda: status(north, "ana")):
        with pytest.raises(SyncError) as caught:
            run()
        assert "\n" not in str(caught.value)
        assert "cannot fetch" in str(caught.value)
    assert {p.name: p.read_bytes() for p in north.path.glob("*.json")} == before


def test_unrelated_history_is_refused(plants: tuple[DataDir, DataDir, str], tmp_path: Path) -> None:
    north, _, _ = plants
    other = plant_dir(tmp_path, "elsewhere", boards=1)
    other_remote = bare_remote(tmp_path / "x")
    init(other, other_remote, editor("eve"), NOW)
    git(north.path, "remote", "set-url", "origin", other_remote)
    before = {p.name: p.read_bytes() for p in north.path.glob("*.json")}
    with pytest.raises(SyncError, match="unrelated"):
        sync(north, "ana")
    assert {p.name: p.read_bytes() for p in north.path.glob("*.json")} == before


def test_a_board_that_does_not_load_is_not_sent_and_stops_nothing(
    plants: tuple[DataDir, DataDir, str],
) -> None:
    north, south, _ = plants
    (north.path / "board1.json").write_text('{"_meta": {')
    edit_experiment(north, "board0", 0, "ana", "still sent")
    report = sync(north, "ana")
    assert any("board1.json: not sent" in line for line in report.lines)
    sync(south, "ben")
    assert DataDir.open(south.path).load("board1")  # south's copy untouched, loads


def test_a_broken_board_at_the_other_side_stops_the_merge_and_writes_nothing(
    plants: tuple[DataDir, DataDir, str], tmp_path: Path
) -> None:
    _north, south, remote = plants
    # someone pushes a broken board by hand, outside kata sync
    clone = tmp_path / "hand"
    subprocess.run(["git", "clone", "-q", remote, str(clone)], check=True)
    (clone / "board1.json").write_text('{"_meta": {')
    git(clone, "-c", "user.name=x", "-c", "user.email=x@x", "commit", "-qam", "broken")
    git(clone, "push", "-q", "origin", "HEAD:main")
    edit_experiment(south, "board1", 0, "ben", "south edit")
    before = {p.name: p.read_bytes() for p in south.path.glob("*.json")}
    with pytest.raises(SyncError) as caught:
        sync(south, "ben")
    message = str(caught.value)
    assert "board1.json" in message and "does not load" in message and "\n" not in message
    assert {p.name: p.read_bytes() for p in south.path.glob("*.json")} == before


def test_init_refuses_a_second_remote(plants: tuple[DataDir, DataDir, str], tmp_path: Path) -> None:
    north, _, _ = plants
    with pytest.raises(StoreError, match="already syncs"):
        init(north, str(tmp_path / "other.git"), editor("ana"), NOW)


SYNC_PROCESS = (
    "import sys; from pathlib import Path; from kata_tui.store.datadir import DataDir; "
    "from kata_tui.store.sync import sync; "
    "print('\\n'.join(sync(DataDir(Path(sys.argv[1])), sys.argv[2]).lines))"
)


def test_a_sync_while_a_session_saves_the_same_board_loses_nothing(
    plants: tuple[DataDir, DataDir, str], tmp_path: Path
) -> None:
    """Real processes: a writer saving board0 at south 150 times while south's
    syncs receive north's edits to board0 and write them into the same file."""
    from tests.store.conftest import REPO, start_worker, worker_env

    north, south, _ = plants
    story = DataDir.open(south.path).load("board0")
    obstacle = story.obstacles_for()[0]
    go = tmp_path / "go"
    writer = start_worker("insert", str(south.path), "board0", "wri", "150", obstacle.id, str(go))
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == "ready"
    go.touch()
    env = dict(worker_env(), HOME=str(tmp_path / "home"))
    north_ids = []
    for n in range(4):
        north_ids.append(edit_experiment(north, "board0", n, "ana", f"north edit {n}"))
        sync(north, "ana")
        done = subprocess.run(
            [sys.executable, "-c", SYNC_PROCESS, str(south.path), "ben"],
            capture_output=True,
            text=True,
            cwd=REPO,
            env=env,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
    out, err = writer.communicate(timeout=120)
    assert writer.returncode == 0, err
    assert out.split().count("ack") == 150
    sync(south, "ben")
    sync(north, "ana")
    for data in (north, south):
        board = DataDir.open(data.path).load("board0")  # loads: no broken file
        readings = {r.value for r in board.readings if r.metric == "wri"}
        assert readings == {float(i) for i in range(150)}
        for n, rid in enumerate(north_ids):
            assert experiment(data, "board0", rid).learned == f"north edit {n}"
        assert not list(data.path.glob("*.broken-*"))
    same_everywhere(north, south)


def test_two_syncs_never_interleave(plants: tuple[DataDir, DataDir, str]) -> None:
    """While one sync holds the data directory, a second (cron, a person) says so and stops."""
    from kata_tui.store.files import locked
    from kata_tui.store.sync import SYNC_LOCK

    north, _, _ = plants
    edit_experiment(north, "board0", 0, "ana", "waits for the next sync")
    head = git(north.path, "rev-parse", "HEAD")
    with locked(north.path / SYNC_LOCK):
        with pytest.raises(SyncError, match="another kata sync is running"):
            sync(north, "ana")
        assert git(north.path, "rev-parse", "HEAD") == head  # nothing committed
    assert any("sent to" in line for line in sync(north, "ana").lines)


def test_a_plant_with_nothing_new_takes_the_remote_as_it_is(
    plants: tuple[DataDir, DataDir, str],
) -> None:
    north, south, _ = plants
    rid = edit_experiment(north, "board0", 0, "ana", "only north changed")
    sync(north, "ana")
    sync(south, "ben")
    assert git(south.path, "rev-parse", "HEAD") == git(north.path, "rev-parse", "HEAD")
    assert experiment(south, "board0", rid).learned == "only north changed"
    assert git(south.path, "status", "--porcelain") == ""


def test_kata_check_accepts_a_pending_version_and_refuses_a_stray_one(
    plants: tuple[DataDir, DataDir, str],
) -> None:
    """The _pending table (FORMAT.md): a version of a record on the board loads;
    one whose record is not on the board is one problem line, file untouched."""
    north, south, _ = plants
    edit_experiment(north, "board2", 2, "ana", "north's version")
    edit_experiment(south, "board2", 2, "ben", "south's version")
    sync(north, "ana")
    sync(south, "ben")
    assert DataDir(south.path).check() == []
    path = south.path / "board2.json"
    text = path.read_text()
    assert '"_pending": {"1":{"table":"experiments",' in text
    stray = text.replace('{"table":"experiments",', '{"table":"obstacles",')
    path.write_text(stray)
    (problem,) = DataDir(south.path).check()
    assert problem.path == path and "_pending[1]" in problem.message
    assert path.read_text() == stray


def test_a_push_the_remote_refuses_is_one_line_and_keeps_the_boards(
    plants: tuple[DataDir, DataDir, str],
) -> None:
    """A central repository whose hook refuses pushes (full disk, no permission):
    one line saying the remote refused, not that others are syncing; the boards
    here stay as they were, committed, and the next sync sends them."""
    north, _, remote = plants
    hook = Path(remote) / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'the central disk is full' >&2\nexit 1\n")
    hook.chmod(0o755)
    rid = edit_experiment(north, "board0", 0, "ana", "kept at north")
    before = {p.name: p.read_bytes() for p in north.path.glob("*.json")}
    with pytest.raises(SyncError) as caught:
        sync(north, "ana")
    message = str(caught.value)
    assert "\n" not in message
    assert message == (
        f"push to {remote} refused by the remote: the central disk is full; "
        "the boards here are merged and committed, the next kata sync sends them"
    )
    assert {p.name: p.read_bytes() for p in north.path.glob("*.json")} == before
    assert experiment(north, "board0", rid).learned == "kept at north"
    hook.unlink()
    assert "sent to" in " ".join(sync(north, "ana").lines)


def test_a_silent_refusal_names_git_s_reason(plants: tuple[DataDir, DataDir, str]) -> None:
    north, _, remote = plants
    hook = Path(remote) / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\nexit 1\n")
    hook.chmod(0o755)
    edit_experiment(north, "board0", 0, "ana", "kept at north")
    with pytest.raises(SyncError, match=r"refused by the remote: pre-receive hook declined; "):
        sync(north, "ana")


def test_joining_with_another_board_of_the_same_name_is_refused_whole(tmp_path: Path) -> None:
    remote = bare_remote(tmp_path)
    north = plant_dir(tmp_path, "north", boards=1)
    init(north, remote, editor("ana"), NOW, plant="north")
    south = plant_dir(tmp_path, "south", boards=1)  # its own board0, started apart
    before = DataDir.open(south.path).load("board0")
    with pytest.raises(SyncError) as caught:
        init(south, remote, editor("ben"), NOW, plant="south")
    assert str(caught.value) == (
        f"cannot join {remote}: board0.json: two different boards of one name, started at "
        "two plants; rename one (kata export, then kata import --as NAME) and sync again; "
        "nothing changed"
    )
    after = DataDir.open(south.path).load("board0")
    for kind in (Experiment, Obstacle):
        assert after.records(kind) == before.records(kind)  # none of north's merged in


def test_job_details_added_at_both_plants_all_arrive_at_positions_of_their_own(
    plants: tuple[DataDir, DataDir, str],
) -> None:
    """git runs the board merge driver: each plant adds two details to one breakdown."""
    north, south, _ = plants
    for data, who in ((north, "ana"), (south, "ben")):
        s = session(data, "board2", who)
        tid = s.story.target.id
        for text in (f"{who} first", f"{who} second"):
            s.save(add_detail(s.story, tid, BreakdownOf.CURRENT, text, NOW.date()))
    sync(north, "ana")
    sync(south, "ben")
    sync(north, "ana")
    for data in (north, south):
        story = DataDir.open(data.path).load("board2")
        details = breakdown(story, story.target.id, BreakdownOf.CURRENT)
        assert sorted(d.text for d in details) == [
            "ana first", "ana second", "ben first", "ben second"
        ]  # fmt: skip
        assert len({d.position for d in details}) == 4
        for who in ("ana", "ben"):  # each plant's own in the order it added them
            mine = [d.text for d in details if d.text.startswith(who)]
            assert mine == [f"{who} first", f"{who} second"]
        assert DataDir.open(data.path).check() == []
    same_everywhere(north, south)
