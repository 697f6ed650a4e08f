"""kill -9 of a writer at random moments never costs a write that had returned."""

from __future__ import annotations

import os
import random
import signal
import time

import pytest

from kata_tui.domain.clock import Clock
from kata_tui.domain.model import Role
from kata_tui.store.board_file import BoardFile, Editor
from kata_tui.store.datadir import DataDir
from kata_tui.store.session import BoardSession
from tests.conftest import TODAY
from tests.store.conftest import kata, start_worker

MIN_WRITES = 200
MIN_KILLS = 10  # about 4 in 10 kills land inside a save (a temp file is left)


@pytest.mark.slow
def test_kill_9_at_random_moments_keeps_every_acknowledged_write(demo_data: DataDir) -> None:
    rng = random.Random(20261123)
    slug = "maria"
    path = demo_data.board(slug).path
    runs: list[tuple[str, int]] = []  # (tag, acknowledged writes)
    total = 0
    while total < MIN_WRITES or len(runs) < MIN_KILLS:
        tag = f"run{len(runs)}"
        proc = start_worker("kill", str(demo_data.path), slug, tag)
        stop_after = rng.randint(15, 60)
        acked = 0
        try:
            while acked < stop_after:
                line = proc.stdout.readline()
                assert line == f"ack {acked}\n", line or proc.stderr.read()
                acked += 1
            # the writer runs saves back to back: a random pause lands the
            # kill anywhere in the next save (lock, read, temp file, rename)
            time.sleep(rng.uniform(0, 0.012))
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        # whatever was still in the pipe was acknowledged before the kill
        acked += sum(1 for line in proc.stdout.read().splitlines() if line.startswith("ack "))
        proc.stdout.close()
        proc.stderr.close()
        assert proc.returncode == -signal.SIGKILL
        runs.append((tag, acked))
        total += acked

        # a fresh reader (no cache) finds every acknowledged write of this run
        story = BoardFile(path).load()
        steps = {e.step for e in story.experiments}
        for i in range(acked):
            assert f"{tag}-{i}" in steps
        # the save in flight either landed whole or not at all
        assert story.board.challenge in (f"{tag}-{acked - 1}", f"{tag}-{acked}")
        in_flight = f"{tag}-{acked}" in steps
        assert (story.board.challenge == f"{tag}-{acked}") == in_flight

    assert total >= MIN_WRITES
    story = DataDir(demo_data.path).load(slug)
    steps = [e.step for e in story.experiments]
    for tag, acked in runs:
        for i in range(acked):
            assert f"{tag}-{i}" in steps
    assert len(steps) == len(set(steps))  # nothing written twice
    numbers = [e.number for e in story.experiments_for(story.target.id)]
    assert len(numbers) == len(set(numbers))
    # the last good copy is a whole board too, and the directory checks clean
    assert BoardFile(path.with_name(f".{path.name}.last-good")).load().board.learner == "maria"
    # temp files of saves cut short are swept when a session opens the board
    BoardSession(DataDir(demo_data.path), slug, Editor("t", Role.LEARNER), Clock.fixed(TODAY))
    assert not [p for p in demo_data.path.iterdir() if p.name.endswith(".tmp")]
    result = kata("check", "--data", str(demo_data.path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
