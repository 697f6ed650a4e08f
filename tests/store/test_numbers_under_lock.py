"""Numbers are given by the save, from the file as it is under the lock.

Two sessions (two processes) that read a board and then each add an
obstacle and a step never get the same number, and a step opened over
another session's open step is refused: the rules of
``kata_tui/domain/save_rules.py`` are applied by the store, not only by the
screens that usually keep them.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from kata_tui.domain.clock import Clock
from kata_tui.domain.job_methods import (
    BreakdownOf,
    JobDetail,
    add_detail,
    breakdown,
    start_target_from_current,
)
from kata_tui.domain.model import Experiment, Obstacle, Role
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir
from kata_tui.store.errors import Refused
from kata_tui.store.session import BoardSession
from tests.conftest import TODAY
from tests.store.conftest import start_worker

TOM = Editor("tom", Role.COACH)
ANNA = Editor("anna", Role.LEARNER)


def _close_open_step(data: DataDir, slug: str, clock: Clock) -> None:
    story = data.load(slug)
    step = story.threshold()
    done = replace(step, happened="Took 4 min", learned="Clamps first")
    data.board(slug).commit([done], TOM, clock.now())


def test_two_sessions_adding_an_obstacle_and_a_step_get_different_numbers(
    demo_data: DataDir, clock: Clock
) -> None:
    _close_open_step(demo_data, "maria", clock)
    tom = BoardSession(demo_data, "maria", TOM, clock)
    anna = BoardSession(demo_data, "maria", ANNA, clock)
    seen = tom.story
    assert anna.story.revision == seen.revision
    target = seen.target
    added = []
    for session, who in ((tom, "tom"), (anna, "anna")):
        obstacle = Obstacle(target.id, f"{who}'s", TODAY, number=seen.next_obstacle_number())
        step = Experiment(
            target.id,
            seen.next_experiment_number(),
            TODAY,
            f"{who}'s step",
            "fewer minutes",
            happened="4 min",
            learned="the clamp",
        )
        session.save(obstacle, step)
        added.append((obstacle.id, step.id))
    story = demo_data.load("maria")
    obstacles = [story.find(Obstacle, o) for o, _ in added]
    steps = [story.find(Experiment, s) for _, s in added]
    assert [o.number for o in obstacles] == [seen.next_obstacle_number() + k for k in (0, 1)]
    assert [s.number for s in steps] == [seen.next_experiment_number() + k for k in (0, 1)]
    numbers = [o.number for o in story.obstacles_for()]
    assert len(numbers) == len(set(numbers))


def test_a_step_opened_over_one_another_session_opened_is_refused(
    demo_data: DataDir, clock: Clock
) -> None:
    _close_open_step(demo_data, "maria", clock)
    tom = BoardSession(demo_data, "maria", TOM, clock)
    anna = BoardSession(demo_data, "maria", ANNA, clock)
    target = tom.story.target
    number = tom.story.next_experiment_number()
    tom.save(Experiment(target.id, number, TODAY, "Clamps on die 7", "Under 5 min"))
    before = demo_data.board("maria").path.read_bytes()
    with pytest.raises(Refused, match=f"not saved: step {number} is still open"):
        anna.save(Experiment(target.id, number, TODAY, "Shims on die 7", "Under 6 min"))
    assert demo_data.board("maria").path.read_bytes() == before  # nothing written


@pytest.mark.slow
def test_two_processes_adding_at_the_same_moment_never_share_a_number(
    demo_data: DataDir, clock: Clock, tmp_path: Path
) -> None:
    """Both processes read the board, wait for one signal, then each save an
    obstacle and a step numbered from what they read, 20 times over."""
    _close_open_step(demo_data, "maria", clock)
    before = demo_data.load("maria")
    go = tmp_path / "go"
    names = ("tom", "anna")
    rounds = 20
    procs = [
        start_worker("number", str(demo_data.path), "maria", who, str(rounds), str(go))
        for who in names
    ]
    try:
        for proc in procs:
            assert proc.stdout.readline() == "ready\n", proc.stderr.read()
        go.touch()
        for proc in procs:
            stdout, stderr = proc.communicate(timeout=120)
            assert proc.returncode == 0, stderr
            assert stdout.splitlines() == [f"ack {i}" for i in range(rounds)]
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    story = DataDir(demo_data.path).load("maria")
    new_obstacles = [o for o in story.obstacles_for() if before.find(Obstacle, o.id) is None]
    new_steps = [e for e in story.experiments_for() if before.find(Experiment, e.id) is None]
    assert len(new_obstacles) == len(new_steps) == 2 * rounds
    first = before.next_obstacle_number()
    assert sorted(o.number for o in new_obstacles) == list(range(first, first + 2 * rounds))
    first = before.next_experiment_number()
    assert sorted(e.number for e in new_steps) == list(range(first, first + 2 * rounds))
    for who in names:  # each process's own records in the order it added them
        mine = [o.number for o in new_obstacles if o.text.startswith(who)]
        assert mine == sorted(mine)


def test_two_sessions_adding_a_job_detail_get_different_positions(
    demo_data: DataDir, clock: Clock
) -> None:
    tom = BoardSession(demo_data, "maria", TOM, clock)
    anna = BoardSession(demo_data, "maria", ANNA, clock)
    target = tom.story.target
    current = BreakdownOf.CURRENT
    tom.save(add_detail(tom.story, target.id, current, "Fetch the die", TODAY))
    seen = tom.story  # both now see one detail, and each adds the second
    added = [add_detail(seen, target.id, current, f"{who}'s", TODAY) for who in ("tom", "anna")]
    assert [d.position for d in added] == [2, 2]
    tom.save(added[0])
    anna.save(added[1])
    story = demo_data.load("maria")
    assert [(d.position, d.text) for d in breakdown(story, target.id, current)] == [
        (1, "Fetch the die"),
        (2, "tom's"),
        (3, "anna's"),
    ]
    # the other side of the same target condition numbers on its own
    anna.save(add_detail(seen, target.id, BreakdownOf.TARGET, "new method", TODAY))
    story = demo_data.load("maria")
    assert [d.position for d in breakdown(story, target.id, BreakdownOf.TARGET)] == [1]


def test_a_target_breakdown_started_while_another_session_added_one_follows_it(
    demo_data: DataDir, clock: Clock
) -> None:
    tom = BoardSession(demo_data, "maria", TOM, clock)
    anna = BoardSession(demo_data, "maria", ANNA, clock)
    target = tom.story.target
    for text in ("Fetch the die", "Unbolt", "Bolt"):
        tom.save(add_detail(tom.story, target.id, BreakdownOf.CURRENT, text, TODAY))
    anna.reload()
    started = start_target_from_current(anna.story, target.id)
    tom.save(add_detail(tom.story, target.id, BreakdownOf.TARGET, "tom's first", TODAY))
    anna.save(*started)
    story = demo_data.load("maria")
    rows = [(d.position, d.text) for d in breakdown(story, target.id, BreakdownOf.TARGET)]
    assert rows == [(1, "tom's first"), (2, "Fetch the die"), (3, "Unbolt"), (4, "Bolt")]


def test_a_detail_saved_again_keeps_its_position(demo_data: DataDir, clock: Clock) -> None:
    tom = BoardSession(demo_data, "maria", TOM, clock)
    target = tom.story.target
    first = add_detail(tom.story, target.id, BreakdownOf.CURRENT, "Fetch the die", TODAY)
    tom.save(first, replace(first, id="second", text="Unbolt", position=5))
    story = tom.story
    assert [d.position for d in breakdown(story, target.id, BreakdownOf.CURRENT)] == [1, 2]
    second = story.find(JobDetail, "second")
    tom.save(replace(second, position=7, why="the die must come off"))
    assert tom.story.find(JobDetail, "second").position == 7  # an edit, not a new detail


@pytest.mark.slow
def test_two_processes_adding_a_job_detail_at_once_never_share_a_position(
    demo_data: DataDir, clock: Clock, tmp_path: Path
) -> None:
    go = tmp_path / "go"
    names = ("tom", "anna")
    rounds = 20
    procs = [
        start_worker("detail", str(demo_data.path), "maria", who, str(rounds), str(go))
        for who in names
    ]
    try:
        for proc in procs:
            assert proc.stdout.readline() == "ready\n", proc.stderr.read()
        go.touch()
        for proc in procs:
            stdout, stderr = proc.communicate(timeout=120)
            assert proc.returncode == 0, stderr
            assert stdout.splitlines() == [f"ack {i}" for i in range(rounds)]
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    story = DataDir(demo_data.path).load("maria")
    details = breakdown(story, story.target.id, BreakdownOf.CURRENT)
    assert [d.position for d in details] == list(range(1, 2 * rounds + 1))
    for who in names:  # each process's own details in the order it added them
        mine = [d.text for d in details if d.text.startswith(who)]
        assert mine == [f"{who}-{i}" for i in range(rounds)]
