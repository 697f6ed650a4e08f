"""Several processes on one board: merges keep everything, conflicts are never silent."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from kata_tui.domain.model import Obstacle, Role
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir
from tests.conftest import TODAY
from tests.store.conftest import PROCESS_TIMEOUT, start_worker

AT = datetime(2026, 11, 23, 10, 0)
WRITERS = 4
WRITES = 100


def _add_obstacles(data: DataDir, slug: str, names: list[str]) -> dict[str, str]:
    board = data.board(slug)
    story = board.load()
    target = story.target
    obstacles = {n: Obstacle(target.id, f"{n}-start", TODAY) for n in names}
    board.commit(obstacles.values(), Editor("setup", Role.COACH), story.board.stamp.at)
    return {n: o.id for n, o in obstacles.items()}


def _run_together(mode: str, data: DataDir, slug: str, names: list[str], args, go: Path):
    """Start one writer per name, let them all import, then release them at once."""
    procs = {n: start_worker(mode, str(data.path), slug, n, *args(n), str(go)) for n in names}
    try:
        for proc in procs.values():
            assert proc.stdout.readline() == "ready\n", proc.stderr.read()
        go.touch()
        out = {}
        for name, proc in procs.items():
            stdout, stderr = proc.communicate(timeout=2 * PROCESS_TIMEOUT)
            assert proc.returncode == 0, stderr
            assert "Traceback" not in stderr
            out[name] = stdout.splitlines()
        return out
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()
                proc.wait()


@pytest.mark.slow
def test_four_processes_writing_different_records_lose_nothing(demo_data: DataDir) -> None:
    names = [f"p{k}" for k in range(WRITERS)]
    ids = _add_obstacles(demo_data, "jonas", names)
    before = demo_data.load("jonas")
    go = demo_data.path.parent / "go"
    acks = _run_together(
        "insert", demo_data, "jonas", names, lambda n: (str(WRITES), ids[n]), go=go
    )
    for n in names:
        assert acks[n] == [f"ack {i}" for i in range(WRITES)]

    story = DataDir(demo_data.path).load("jonas")
    for n in names:
        values = sorted(r.value for r in story.readings if r.metric == n)
        assert values == [float(i) for i in range(WRITES)]  # all 100 of each, once
        mine = story.find(Obstacle, ids[n])
        assert mine.text == f"{n}-{WRITES - 1}"
        assert mine.rev == 1 + WRITES
    assert len(story.readings) == len(before.readings) + WRITERS * WRITES
    assert story.revision == before.revision + WRITERS * WRITES  # one revision per save
    # records nobody touched came through the 400 merges unchanged
    assert story.experiments == before.experiments
    assert story.board == before.board


@pytest.mark.slow
def test_two_processes_on_one_record_land_or_conflict_never_vanish(demo_data: DataDir) -> None:
    ids = _add_obstacles(demo_data, "aisha", ["shared"])
    shared = ids["shared"]
    rev_before = demo_data.load("aisha").find(Obstacle, shared).rev
    attempts = 60
    go = demo_data.path.parent / "go"
    lines = _run_together(
        "same", demo_data, "aisha", ["a", "b"], lambda n: (str(attempts), shared), go=go
    )

    landed: list[tuple[int, str]] = []  # (rev it got, text)
    conflicts = 0
    for out in lines.values():
        assert len(out) == attempts  # every attempt reported exactly once
        for line in out:
            kind, _, *rest = line.split()
            if kind == "landed":
                landed.append((int(rest[0]), rest[1]))
            else:
                assert kind == "conflict"
                conflicts += 1
        assert [int(line.split()[1]) for line in out] == list(range(attempts))

    assert len(landed) + conflicts == 2 * attempts
    assert conflicts > 0  # they really raced
    revs = sorted(rev for rev, _ in landed)
    # each landed save bumped the record by exactly one: none overwrote another
    assert revs == list(range(rev_before + 1, rev_before + 1 + len(landed)))
    final = DataDir(demo_data.path).load("aisha").find(Obstacle, shared)
    assert final.rev == rev_before + len(landed)
    assert final.text == max(landed)[1]  # the last landed write is what is stored
    assert final.stamp.role is Role.COACH


def test_conflict_carries_both_versions_and_writes_nothing(demo_data: DataDir) -> None:
    from kata_tui.store.errors import ConflictError

    board_a = DataDir(demo_data.path).board("ken")
    board_b = DataDir(demo_data.path).board("ken")
    story_a = board_a.load()
    obstacle = story_a.obstacles[0]
    other = story_a.experiments[0]
    board_b.commit([replace(obstacle, text="B was here")], Editor("bea", Role.COACH), AT)
    saved = board_b.path.read_bytes()
    mine = replace(obstacle, text="A was here")
    with pytest.raises(ConflictError) as caught:
        board_a.commit([replace(other, learned="also this"), mine], Editor("al", Role.LEARNER), AT)
    err = caught.value
    assert err.mine == mine
    assert err.theirs.text == "B was here"
    assert err.theirs.stamp.by == "bea"
    assert err.story.find(Obstacle, obstacle.id).text == "B was here"
    assert "bea (coach)" in str(err)
    assert board_a.path.read_bytes() == saved  # the other record of the commit was not saved
    # a change to another record merges with B's save
    story = board_a.commit([replace(other, learned="also this")], Editor("al", Role.LEARNER), AT)
    assert story.find(Obstacle, obstacle.id).text == "B was here"
    assert story.find(type(other), other.id).learned == "also this"
