"""The questions the card asks of a storyboard, answered in one place."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from kata_tui.domain.dates import days_left
from kata_tui.domain.demo import SCENARIOS, demo_board, demo_boards
from kata_tui.domain.model import (
    Answer,
    Board,
    CoachingCycle,
    Experiment,
    Metric,
    Obstacle,
    ObstacleStatus,
    Reading,
    TargetCondition,
    TargetStatus,
)
from kata_tui.domain.storyboard import TABLES, Storyboard
from kata_tui.domain.summary import summarize
from tests.conftest import TODAY

D = TODAY


def _board() -> Storyboard:
    old = TargetCondition(1, D - timedelta(days=30), (Metric("t", "min", 30),), "old",
                          status=TargetStatus.ACHIEVED, id="t1")  # fmt: skip
    new = TargetCondition(2, D + timedelta(days=21), (Metric("t", "min", 20),), "new", id="t2")
    return Storyboard(
        board=Board("ana", "ben", "challenge"),
        targets=(new, old),
        obstacles=(
            Obstacle("t1", "old working", D - timedelta(days=40), ObstacleStatus.WORKING, id="o0"),
            Obstacle("t2", "parked", D - timedelta(days=5), ObstacleStatus.PARKED, id="o1"),
            Obstacle("t2", "working", D - timedelta(days=4), ObstacleStatus.WORKING, id="o2"),
            Obstacle("t2", "cleared", D - timedelta(days=9), ObstacleStatus.CLEARED, id="o3"),
        ),
        experiments=(
            Experiment("t2", 2, D - timedelta(days=2), "second", "e", "o2", "h", "l", id="e2"),
            Experiment("t2", 1, D - timedelta(days=3), "first", "e", "o2", "h", "l", id="e1"),
            Experiment("t2", 3, D - timedelta(days=1), "third", "e", "o2", "facts", "", id="e3"),
            Experiment("t1", 9, D - timedelta(days=35), "older", "e", "o0", "", "", id="e0"),
        ),
        readings=(
            Reading("t2", D - timedelta(days=1), "t", 24.0, id="r2"),
            Reading("t2", D - timedelta(days=3), "t", 26.0, id="r1"),
            Reading("t2", D, "other", 1.0, id="r3"),
            Reading("t1", D - timedelta(days=31), "t", 30.0, id="r0"),
        ),
    )


def test_the_target_is_the_active_one_else_the_newest() -> None:
    story = _board()
    assert story.target.id == "t2"
    assert [t.seq for t in story.targets_in_order()] == [1, 2]
    achieved = story.with_record(replace(story.target, status=TargetStatus.ACHIEVED))
    assert achieved.target.id == "t2"  # none active: the newest
    assert Storyboard(board=story.board).target is None


def test_views_default_to_the_current_target() -> None:
    story = _board()
    assert [o.id for o in story.obstacles_for()] == ["o3", "o1", "o2"]  # by date added
    assert [e.number for e in story.experiments_for()] == [1, 2, 3]
    assert [e.id for e in story.experiments_for("t1")] == ["e0"]
    assert [r.id for r in story.readings_for()] == ["r1", "r2", "r3"]
    assert [r.id for r in story.readings_for(metric="t")] == ["r1", "r2"]
    assert story.latest_reading().id == "r2"  # the outcome metric's newest reading
    assert story.latest_reading("t1").id == "r0"
    assert story.latest_reading("nope") is None


def test_working_obstacle_is_the_current_targets() -> None:
    story = _board()
    assert story.working_obstacle().id == "o2"
    assert story.working_obstacle("t1").id == "o0"
    parked = story.with_record(replace(story.find(Obstacle, "o2"), status=ObstacleStatus.PARKED))
    assert parked.working_obstacle() is None


def test_threshold_of_knowledge_is_the_newest_open_step() -> None:
    story = _board()
    assert story.threshold().id == "e3"  # what happened is written, the learning is not
    assert story.last_experiment().id == "e3"
    done = story.with_record(replace(story.find(Experiment, "e3"), learned="so that's why"))
    assert done.threshold() is None
    assert done.last_experiment().id == "e3"
    blank = story.with_record(replace(story.find(Experiment, "e1"), learned="  "))
    assert blank.threshold().id == "e3"
    assert story.threshold("t1").id == "e0"


def test_next_experiment_number_counts_per_target() -> None:
    story = _board()
    assert story.next_experiment_number() == 4
    assert story.next_experiment_number("t1") == 10
    assert story.next_experiment_number("empty") == 1


def test_cycles_running_and_last() -> None:
    story = _board()
    assert story.running_cycle() is None and story.last_cycle() is None
    start = datetime(2026, 11, 20, 9, 30)
    done = CoachingCycle("t2", start.date(), "ben", "ana", start, start + timedelta(minutes=19))
    later = CoachingCycle("t2", D, "ben", "ana", datetime(2026, 11, 23, 9, 30))
    story = story.with_record(later).with_record(done)
    assert story.running_cycle() == later
    assert story.last_cycle() == done
    assert done.minutes == 19 and later.minutes is None
    assert [c.id for c in story.cycles_in_order()] == [done.id, later.id]


def test_a_cycle_answer_is_the_last_said_to_that_question() -> None:
    start = datetime(2026, 11, 20, 9, 30)
    cycle = CoachingCycle(
        "t2",
        start.date(),
        "ben",
        "ana",
        start,
        start + timedelta(seconds=29),
        answers=(
            Answer("q1", "first", "ana"),
            Answer("q2", "now", "ana"),
            Answer("q1", "again", "ana"),
        ),
    )
    assert (cycle.answer("q1"), cycle.answer("q2"), cycle.answer("q3")) == ("again", "now", "")
    assert cycle.minutes == 0  # under half a minute
    assert replace(cycle, ended=start - timedelta(minutes=5)).minutes == 0  # never negative
    assert replace(cycle, ended=start + timedelta(seconds=91)).minutes == 2


def test_find_and_with_record() -> None:
    story = _board()
    assert story.find(Experiment, "e2").step == "second"
    assert story.find(Experiment, "o2") is None
    assert story.find(Board, story.board.id) == story.board
    renamed = story.with_record(replace(story.board, coach="cleo"))
    assert renamed.board.coach == "cleo"
    changed = story.with_record(replace(story.find(Experiment, "e2"), step="again"))
    assert len(changed.experiments) == len(story.experiments)
    assert changed.find(Experiment, "e2").step == "again"
    assert story.find(Experiment, "e2").step == "second"  # a value: the old one is untouched
    assert TABLES[type(story.board)] == "board"
    assert TABLES[type(story.experiments[0])] == "experiments"


def test_days_left_and_metric_direction() -> None:
    assert days_left(None, TODAY) is None
    assert days_left(TODAY + timedelta(days=3), TODAY) == 3
    assert days_left(TODAY - timedelta(days=1), TODAY) == -1
    assert Metric("t", target=20).reached_by(20) and not Metric("t", target=20).reached_by(21)
    from kata_tui.domain.model import Better

    assert Metric("y", target=96, better=Better.HIGHER).reached_by(97)
    assert not Metric("y").reached_by(0)


def test_summary_of_a_board() -> None:
    story = demo_boards(TODAY)[0]
    summary = summarize(replace(story, slug="maria"))
    assert summary.slug == "maria" and summary.learner == "maria" and summary.coach == "tom"
    assert summary.experiments == len(story.experiments)
    assert summary.achieve_by == story.target.achieve_by
    assert summary.last_cycle == story.last_cycle().day
    assert summary.days_left(TODAY) == 21
    assert not summary.overdue(TODAY) and summary.overdue(TODAY + timedelta(days=2))
    assert not summary.overdue(story.target.next_go_see)  # due that day, not overdue
    assert not summary.follow_up_overdue(TODAY)  # none agreed
    due = replace(summary, next_follow_up=TODAY)
    assert not due.follow_up_overdue(TODAY) and due.follow_up_overdue(TODAY + timedelta(days=1))
    assert "\n" not in summary.challenge


def test_demo_data_is_rich_enough_for_a_real_session() -> None:
    boards = demo_boards(TODAY)
    assert len({b.board.learner for b in boards}) >= 4
    assert len({b.board.coach for b in boards}) >= 2
    assert sum(len(b.experiments) for b in boards) >= 12
    assert sum(len(b.cycles) for b in boards) >= 8
    statuses = {o.status for b in boards for o in b.obstacles}
    assert statuses == set(ObstacleStatus)
    for story in boards:
        assert len(story.targets) >= 2  # target-condition history
        assert {t.status for t in story.targets} >= {TargetStatus.ACHIEVED, TargetStatus.ACTIVE}
        assert sum(o.status is ObstacleStatus.WORKING for o in story.obstacles_for()) <= 1
        assert story.threshold() is not None
        assert story.readings
        assert any(c.second_coach_feedback for c in story.cycles) or len(story.cycles) < 4
    assert demo_boards(TODAY)[0].experiments[0].step == boards[0].experiments[0].step


def test_demo_board_scales_for_the_benchmark() -> None:
    story = demo_board(SCENARIOS[1], date(2026, 11, 23), experiments=300, cycles=100)
    assert len(story.experiments) == 300 and len(story.cycles) == 100
    numbers = [e.number for e in story.experiments_for()]
    assert numbers == list(range(1, len(numbers) + 1))


def test_the_running_cycle_is_the_latest_started_of_those_not_ended() -> None:
    at = datetime(2026, 11, 20, 9, 30)
    ended = CoachingCycle("t", at.date(), "tom", "lea", at + timedelta(hours=2))
    ended = replace(ended, ended=at + timedelta(hours=3))
    late = CoachingCycle("t", at.date(), "tom", "lea", at + timedelta(hours=1))
    early = CoachingCycle("t", at.date(), "tom", "lea", at)
    board = Board("lea", "tom", "c")
    assert Storyboard(board=board, cycles=(early, late, ended)).running_cycle() == late
    assert Storyboard(board=board, cycles=(ended,)).running_cycle() is None


def test_the_summary_line_of_a_board_holds_what_the_dashboard_shows() -> None:
    """First lines only of the challenge and target; the plant, archived, running,
    grasping and the follow-up come from the board as it is."""
    from kata_tui.domain.cadence import board_facts

    story = demo_boards(TODAY)[0]
    board = replace(story.board, challenge="\n  First line\nsecond", plant="Plant 2", archived=True)
    target = replace(story.target, pattern="  Pattern line\nmore")
    start = datetime(2026, 11, 23, 8, 15)
    running = CoachingCycle(target.id, start.date(), "tom", "maria", start, follow_up=TODAY)
    story = replace(story, slug="maria-2").with_record(board).with_record(target)
    story = story.with_record(running)
    summary = summarize(story)
    assert (summary.slug, summary.learner, summary.coach) == ("maria-2", "maria", "tom")
    assert (summary.challenge, summary.target) == ("First line", "Pattern line")
    assert (summary.plant, summary.archived, summary.grasping) == ("Plant 2", True, False)
    assert (summary.running_since, summary.last_cycle) == (start, date(2026, 11, 19))
    assert (summary.next_go_see, summary.achieve_by) == (target.next_go_see, target.achieve_by)
    assert (summary.experiments, summary.next_follow_up) == (len(story.experiments), TODAY)
    assert summary.cadence_facts == board_facts(story)
    bare = summarize(Storyboard(board=replace(board, challenge="")))
    assert (bare.challenge, bare.target, bare.grasping, bare.running_since) == ("", "", True, None)
    assert (bare.achieve_by, bare.next_go_see, bare.last_cycle) == (None, None, None)
    blank = summarize(story.with_record(replace(target, pattern="  ")))
    assert blank.target == ""


def test_obstacles_of_an_old_file_get_the_free_numbers_by_date_then_text() -> None:
    from kata_tui.domain.model import Obstacle
    from kata_tui.domain.storyboard import number_obstacles

    day = date(2026, 11, 2)
    kept = Obstacle("t1", "kept its number", day, number=2, id="k")
    later = Obstacle("t1", "added later", day + timedelta(days=1), id="a")
    same_day_b = Obstacle("t1", "b same day", day, id="y")
    same_day_a = Obstacle("t1", "a same day", day, id="z")
    twin = Obstacle("t1", "a same day", day, id="x")
    other = Obstacle("t2", "another target", day, id="o")
    story = Storyboard(
        board=Board("ana", "ben", "c"),
        obstacles=(later, kept, same_day_b, same_day_a, twin, other),
    )
    numbered = {o.id: o.number for o in number_obstacles(story).obstacles}
    assert numbered == {"k": 2, "x": 1, "z": 3, "y": 4, "a": 5, "o": 1}
    whole = replace(story, obstacles=(kept,))
    assert number_obstacles(whole) is whole
