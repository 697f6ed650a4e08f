"""A writer process for the store tests: real processes, real files, real kills.

Run as ``python tests/store/_worker.py MODE DATA SLUG ...``. Every save that
returned is acknowledged on stdout with one flushed line, so the parent knows
exactly which writes a kill -9 must not have lost.
"""

from __future__ import annotations

import os
import random
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

from kata_tui.domain.clock import Clock
from kata_tui.domain.errors import KataError
from kata_tui.domain.job_methods import BreakdownOf, add_detail
from kata_tui.domain.model import Experiment, Obstacle, Reading, Role
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir
from kata_tui.store.errors import ConflictError
from kata_tui.store.session import BoardSession

CLOCK = Clock.fixed(date(2026, 11, 23))


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def wait_for_go(go: Path) -> None:
    """Say "ready", then start when the parent creates ``go``: every writer overlaps."""
    say("ready")
    while not go.exists():
        time.sleep(0.001)


def kill_target(data: DataDir, slug: str, tag: str) -> None:
    """Write forever: each save adds one experiment and renames the challenge."""
    board = data.board(slug)
    editor = Editor(f"writer-{tag}", Role.LEARNER)
    story = board.load()
    target = story.target
    assert target is not None
    i = 0
    while True:
        step = Experiment(
            target_id=target.id,
            number=story.next_experiment_number(target.id),
            day=CLOCK.today(),
            step=f"{tag}-{i}",
            expected="it holds",
            happened="it held",  # a step with its result: never a second open step
            learned="keep it",
        )
        challenge = replace(story.board, challenge=f"{tag}-{i}")
        story = board.commit([step, challenge], editor, CLOCK.now())
        say(f"ack {i}")
        i += 1


def insert(data: DataDir, slug: str, who: str, count: int, obstacle_id: str, go: Path) -> None:
    """``count`` saves, each adding a reading and changing this process's own obstacle."""
    board = data.board(slug)
    editor = Editor(who, Role.LEARNER)
    story = board.load()
    mine = story.find(Obstacle, obstacle_id)
    assert mine is not None
    wait_for_go(go)
    for i in range(count):
        reading = Reading(mine.target_id, CLOCK.today(), f"{who}", float(i))
        story = board.commit([reading, replace(mine, text=f"{who}-{i}")], editor, CLOCK.now())
        mine = story.find(Obstacle, obstacle_id)
        assert mine is not None
        say(f"ack {i}")


def same_record(data: DataDir, slug: str, who: str, count: int, obstacle_id: str, go: Path) -> None:
    """``count`` attempts at one shared record: each lands or is a conflict."""
    session = BoardSession(data, slug, Editor(who, Role.COACH), CLOCK)
    rng = random.Random(who)
    wait_for_go(go)
    for i in range(count):
        mine = session.story.find(Obstacle, obstacle_id)
        assert mine is not None
        time.sleep(rng.uniform(0, 0.004))  # think time: the other may save meanwhile
        text = f"{who}-{i}"
        try:
            story = session.save(replace(mine, text=text))
        except ConflictError as exc:
            say(f"conflict {i} {exc.theirs.rev}")
            session.reload()
            continue
        landed = story.find(Obstacle, obstacle_id)
        assert landed is not None
        say(f"landed {i} {landed.rev} {text}")


def number(data: DataDir, slug: str, who: str, count: int, go: Path) -> None:
    """``count`` saves, each adding an obstacle and a step (with its result) numbered
    from the board as this process last read it; after each save it reads
    nothing more, so the next numbers are guessed from a view others have moved on."""
    session = BoardSession(data, slug, Editor(who, Role.COACH), CLOCK)
    wait_for_go(go)
    for i in range(count):
        seen = session.story
        target = seen.target
        assert target is not None
        obstacle = Obstacle(
            target.id, f"{who}-{i}", CLOCK.today(), number=seen.next_obstacle_number()
        )
        step = Experiment(
            target_id=target.id,
            number=seen.next_experiment_number(),
            day=CLOCK.today(),
            step=f"{who}-{i}",
            expected="fewer minutes",
            happened="done",
            learned="learned",
        )
        session.save(obstacle, step)
        say(f"ack {i}")


def detail(data: DataDir, slug: str, who: str, count: int, go: Path) -> None:
    """``count`` saves, each adding one detail to the current condition's job
    breakdown, placed after the last one this process has seen."""
    session = BoardSession(data, slug, Editor(who, Role.LEARNER), CLOCK)
    wait_for_go(go)
    for i in range(count):
        seen = session.story
        target = seen.target
        assert target is not None
        session.save(add_detail(seen, target.id, BreakdownOf.CURRENT, f"{who}-{i}", CLOCK.today()))
        say(f"ack {i}")


def commit_once(data: DataDir, slug: str, text: str) -> None:
    """One save of the board's challenge, then a one-line verdict; exit 3 on a store error."""
    board = data.board(slug)
    story = board.load()
    # a long text makes the file big enough to cross a small size limit
    challenge = replace(story.board, challenge=text)
    try:
        board.commit([challenge], Editor("worker", Role.LEARNER), CLOCK.now())
    except KataError as exc:
        say(f"error {type(exc).__name__}: {exc}")
        sys.exit(3)
    say("ok")


def drop_privileges() -> None:
    """Become uid/gid 65534 after the imports (the interpreter may live under /root)."""
    uid = os.environ.get("KATA_TEST_UID")
    if uid:
        os.setgroups([])
        os.setgid(int(uid))
        os.setuid(int(uid))


def main(argv: list[str]) -> None:
    drop_privileges()
    mode, root, slug, *rest = argv
    data = DataDir(Path(root))
    if mode == "kill":
        kill_target(data, slug, rest[0])
    elif mode == "insert":
        insert(data, slug, rest[0], int(rest[1]), rest[2], Path(rest[3]))
    elif mode == "same":
        same_record(data, slug, rest[0], int(rest[1]), rest[2], Path(rest[3]))
    elif mode == "check":
        for problem in data.check():
            say(f"{problem.path}: {problem.message}")
        summaries, problems = data.summaries()
        say("summaries " + " ".join(sorted(s.slug for s in summaries)))
        say("unlisted " + " ".join(sorted(p.path.name for p in problems)))
    elif mode == "number":
        number(data, slug, rest[0], int(rest[1]), Path(rest[2]))
    elif mode == "detail":
        detail(data, slug, rest[0], int(rest[1]), Path(rest[2]))
    elif mode == "commit":
        commit_once(data, slug, rest[0])
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main(sys.argv[1:])
