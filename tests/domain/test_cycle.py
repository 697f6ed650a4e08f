"""What each card answer does to the storyboard (pure, no store)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from kata_tui.domain.cycle import (
    adopt,
    answer,
    as_on_board,
    end_cycle,
    metrics_asked,
    move_to,
    obstacle_command,
    parse_reading,
    start_cycle,
    step_not_taken,
)
from kata_tui.domain.demo import SCENARIOS, demo_board
from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.model import (
    Board,
    CoachingCycle,
    Experiment,
    Metric,
    MetricKind,
    Obstacle,
    ObstacleKind,
    ObstacleStatus,
    Reading,
    TargetCondition,
)
from kata_tui.domain.storyboard import Storyboard

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 9, 0)


def fresh() -> Storyboard:
    return Storyboard(board=Board("maria", "tom", "Changeover under 10 min"))


def first_target() -> Storyboard:
    """A board whose first target condition is set but still empty."""
    return fresh().with_record(TargetCondition(seq=1))


def started() -> Storyboard:
    """``first_target`` with a coaching cycle running on it."""
    story = first_target()
    return apply(story, start_cycle(story, NOW).records)


def maria() -> Storyboard:
    return demo_board(SCENARIOS[0], TODAY)


def apply(story: Storyboard, records) -> Storyboard:
    for record in records:
        story = story.with_record(record)
    return story


def reflected(story: Storyboard) -> Storyboard:
    """The board after the back of the card: the open step has its result."""
    step = story.threshold()
    return story.with_record(replace(step, happened="Done", learned="Learned"))


def test_a_board_grasping_the_current_condition_gets_no_target_by_accident():
    """No target condition yet: the board is in the Starter Kata's process analysis;
    a cycle is refused in one line and no empty target condition is made."""
    with pytest.raises(InvalidInput, match=r"^Grasping the current condition: no target"):
        start_cycle(fresh(), NOW)


def test_start_on_board_with_target_uses_it():
    story = maria()
    (cycle,) = start_cycle(story, NOW).records
    assert cycle.target_id == story.target.id


def test_empty_answer_changes_nothing():
    story = maria()
    assert answer(story, "q1", "  ", TODAY, "maria").records == ()


def test_q1_corrects_target_pattern_and_records_answer():
    story = maria()
    (cycle,) = start_cycle(story, NOW).records
    out = answer(story, "q1", "Under 20 min", TODAY, "maria", cycle=cycle, onto_board=True)
    target, saved_cycle = out.records
    assert target.pattern == "Under 20 min"
    assert target.rev == story.target.rev
    assert saved_cycle.answers[-1].key == "q1"
    assert saved_cycle.answers[-1].by == "maria"
    assert saved_cycle.position == "q1"


def test_q1_unchanged_pattern_only_recorded():
    story = maria()
    (cycle,) = start_cycle(story, NOW).records
    out = answer(story, "q1", story.target.pattern, TODAY, "maria", cycle=cycle)
    assert [type(r) for r in out.records] == [CoachingCycle]


def test_q2_actual_and_reading_defaults_to_today():
    story = maria()
    out = answer(story, "q2", "Two operators now", TODAY, "maria", second="31", onto_board=True)
    target, reading = out.records
    assert target.actual_pattern == "Two operators now"
    assert isinstance(reading, Reading)
    assert (reading.value, reading.day, reading.metric) == (31.0, TODAY, "changeover time")


def test_q2_reading_with_date_words():
    out = answer(maria(), "q2", "", TODAY, "maria", second="30,5 yesterday")
    (reading,) = out.records
    assert (reading.value, reading.day) == (30.5, TODAY - timedelta(days=1))


@pytest.mark.parametrize("bad", ["abc", "nan", "31 someday"])
def test_q2_bad_reading_is_invalid(bad):
    with pytest.raises(InvalidInput):
        answer(maria(), "q2", "", TODAY, "maria", second=bad)


def test_q2_reading_without_outcome_metric_is_invalid():
    story = started()
    with pytest.raises(InvalidInput, match="metric"):
        answer(story, "q2", "x", TODAY, "maria", second="3")


def test_reflection_fills_threshold_step():
    story = maria()
    threshold = story.threshold()
    (happened,) = answer(story, "r3", "Took 30 min", TODAY, "m").records
    assert happened.id == threshold.id and happened.happened == "Took 30 min"
    story = story.with_record(happened)
    (learned,) = answer(story, "r4", "Clamps help", TODAY, "m").records
    assert learned.id == threshold.id
    assert (learned.happened, learned.learned) == ("Took 30 min", "Clamps help")


def test_r1_r2_only_recorded():
    story = maria()
    (cycle,) = start_cycle(story, NOW).records
    out = answer(story, "r1", "I staged the cart", TODAY, "m", cycle=cycle)
    assert [type(r) for r in out.records] == [CoachingCycle]


def test_a_reflection_with_no_step_yet_is_only_recorded():
    """The back of the card on a target condition with no step: the answer is kept
    in the cycle, meaning no step, and no step is made up."""
    story = started()
    cycle = story.running_cycle()
    for key in ("r1", "r2", "r3", "r4"):
        out = answer(story, key, "Nothing yet", TODAY, "m", cycle=cycle)
        (saved,) = out.records
        assert isinstance(saved, CoachingCycle)
        assert (saved.answers[-1].text, saved.answers[-1].meaning) == ("Nothing yet", "")
        assert out.note == ""


def test_q3_text_adds_parked_obstacle_when_one_is_worked_on():
    story = maria()
    (obstacle,) = answer(story, "q3", "Forklift late", TODAY, "m").records
    assert obstacle.status is ObstacleStatus.PARKED
    assert obstacle.added == TODAY and obstacle.rev == 0


def test_q3_first_obstacle_is_worked_on():
    story = started()
    (obstacle,) = answer(story, "q3", "Cart late", TODAY, "m").records
    assert obstacle.status is ObstacleStatus.WORKING


def test_q3_pick_parks_previous():
    story = maria()
    obstacles = story.obstacles_for()
    parked = next(i for i, o in enumerate(obstacles) if o.status is ObstacleStatus.PARKED)
    records = answer(story, "q3", str(parked + 1), TODAY, "m").records
    by_id = {r.id: r for r in records}
    assert by_id[obstacles[parked].id].status is ObstacleStatus.WORKING
    previous = story.working_obstacle()
    assert by_id[previous.id].status is ObstacleStatus.PARKED
    after = apply(story, records)
    assert [o.status for o in after.obstacles_for()].count(ObstacleStatus.WORKING) == 1


def test_q3_work_text_adds_and_picks():
    story = maria()
    records = answer(story, "q3", "work Shims missing", TODAY, "m").records
    after = apply(story, records)
    assert after.working_obstacle().text == "Shims missing"


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("clear", ObstacleStatus.CLEARED),
        ("park", ObstacleStatus.PARKED),
        ("drop", ObstacleStatus.DROPPED),
    ],
)
def test_q3_status_commands(word, status):
    story = maria()
    records = obstacle_command(story, story.target, f"{word} 2", TODAY).records
    assert records[-1].id == story.obstacles_for()[1].id
    assert records[-1].status is status


def test_q3_unknown_number_is_invalid():
    with pytest.raises(InvalidInput, match="no obstacle 99"):
        answer(maria(), "q3", "99", TODAY, "m")


def test_q4_opens_step_linked_to_worked_obstacle():
    story = reflected(maria())
    (step,) = answer(story, "q4", "Try clamps", TODAY, "m", second="Under 5 min").records
    assert isinstance(step, Experiment)
    assert step.number == story.next_experiment_number()
    assert step.obstacle_id == story.working_obstacle().id
    assert (step.step, step.expected, step.day) == ("Try clamps", "Under 5 min", TODAY)
    assert step.is_open


def test_q4_expectation_without_step_is_invalid():
    with pytest.raises(InvalidInput):
        answer(maria(), "q4", "", TODAY, "m", second="faster")


def test_q4_answer_keeps_step_and_expectation():
    story = reflected(maria())
    (cycle,) = start_cycle(story, NOW).records
    out = answer(story, "q4", "Try clamps", TODAY, "m", second="Under 5", cycle=cycle)
    assert out.records[-1].answers[-1].text == "Try clamps\nexpect: Under 5"


@pytest.mark.parametrize(
    ("word", "day"),
    [("tomorrow", date(2026, 11, 24)), ("fri", date(2026, 11, 27)), ("+2d", date(2026, 11, 25))],
)
def test_q5_sets_next_go_see(word, day):
    (target,) = answer(maria(), "q5", word, TODAY, "m").records
    assert target.next_go_see == day


def test_q5_bad_date_is_invalid():
    with pytest.raises(InvalidInput):
        answer(maria(), "q5", "whenever", TODAY, "m")


def test_move_and_end():
    (cycle,) = start_cycle(maria(), NOW).records
    moved = move_to(cycle, "q3")
    assert moved.position == "q3"
    with pytest.raises(KeyError):
        move_to(cycle, "q9")
    ended = end_cycle(moved, NOW + timedelta(minutes=18), "Asked less")
    assert not ended.running and ended.minutes == 18 and ended.reflection == "Asked less"


def test_step_not_taken_parks_the_reason_as_implementation_obstacle():
    story = maria()
    threshold = story.threshold()
    step, obstacle = step_not_taken(story, TODAY, "  Die 7 was  at the toolmaker ").records
    assert step.id == threshold.id and step.not_taken == "Die 7 was at the toolmaker"
    assert not step.is_open and not step.happened  # facts stay apart from the reason
    assert isinstance(obstacle, Obstacle)
    assert obstacle.text == "Die 7 was at the toolmaker"  # the reason, not the step again
    assert obstacle.kind is ObstacleKind.IMPLEMENTATION
    assert obstacle.status is ObstacleStatus.PARKED
    assert obstacle.step_id == threshold.id
    assert obstacle.number == story.next_obstacle_number()


def test_step_not_taken_without_steps_is_invalid():
    with pytest.raises(InvalidInput, match=r"^there is no step on the board yet$"):
        step_not_taken(fresh(), TODAY)


def test_step_not_taken_needs_an_open_step_and_a_reason():
    story = maria()
    number = story.threshold().number
    with pytest.raises(InvalidInput) as caught:
        step_not_taken(story, TODAY, "  \n ")
    assert str(caught.value) == "Why could the step not be taken? Say it in one line"
    done = reflected(story)
    with pytest.raises(InvalidInput) as caught:
        step_not_taken(done, TODAY, "no die")
    assert str(caught.value) == f"step {number} is not open: it has its result already"


def test_an_empty_reading_is_refused_saying_what_to_type():
    with pytest.raises(InvalidInput) as caught:
        parse_reading("   ", TODAY)
    assert str(caught.value) == "no reading given: type a value, optionally followed by a date"


def test_adopting_an_answer_needs_question_1_or_2_and_text():
    story = maria()
    with pytest.raises(InvalidInput, match=r"^only the answers to questions 1 and 2 go onto"):
        adopt(story, "q3", "text", TODAY, "tom")
    with pytest.raises(InvalidInput, match=r"^there is no answer to put on the board$"):
        adopt(story, "q1", "  ", TODAY, "tom")
    same = adopt(story, "q2", f" {story.target.actual_pattern} ", TODAY, "tom")
    assert (same.records, same.note) == ((), "the board already says so")
    (target,) = adopt(story, "q2", "Two operators", TODAY, "tom").records
    assert target.actual_pattern == "Two operators" and target.pattern == story.target.pattern


def test_as_on_board_is_only_for_questions_1_and_2():
    story = maria()
    (cycle,) = start_cycle(story, NOW).records
    assert as_on_board(story, "q3", "maria", cycle).records == ()
    (saved,) = as_on_board(story, "q1", "maria", cycle).records
    assert saved.answers[-1].meaning == f"as on the board: {story.target.pattern}"
    blank = story.with_record(replace(story.target, pattern=" "))
    (saved,) = as_on_board(blank, "q1", "maria", cycle).records
    assert saved.answers[-1].meaning == "as on the board"


def test_answers_are_data_not_markup():
    story = maria()
    text = "[bold]x[/] $(rm -rf) \x1b[31m"
    (target,) = answer(story, "q1", text, TODAY, "m", onto_board=True).records
    assert target.pattern == text


def test_metric_kept_on_target_edit():
    story = replace(maria())
    (target,) = answer(story, "q1", "New", TODAY, "m", onto_board=True).records
    assert target.metrics == story.target.metrics
    assert target.metrics and target.metrics[0].name


def test_q2_reading_of_another_metric_at_a_time_of_day():
    story = maria()
    target = story.target
    scrap = Metric("scrap", "pcs", 2, MetricKind.OUTCOME)
    target = replace(target, metrics=(*target.metrics, scrap))
    story = story.with_record(target)
    assert [m.name for m in metrics_asked(target)] == [
        "changeover time",
        "steps done to standard",
        "scrap",
    ]
    out = answer(story, "q2", "", TODAY, "maria", second="3 9:30", metric="scrap")
    (reading,) = out.records
    assert (reading.metric, reading.value, reading.time) == ("scrap", 3, "09:30")
    assert reading.day == TODAY
    assert reading.seq == story.next_reading_seq()
    assert out.meaning == "reading scrap 3 pcs on 2026-11-23 09:30"
    with pytest.raises(InvalidInput, match="no metric 'yield' on the target condition"):
        answer(story, "q2", "", TODAY, "maria", second="3", metric="yield")
    assert parse_reading("31 yesterday 2pm", TODAY) == (31, date(2026, 11, 22), "14:00")
    assert parse_reading("31 fri", TODAY) == (31, date(2026, 11, 27), "")
    assert parse_reading("31,5", TODAY) == (31.5, TODAY, "")


def test_what_an_answer_meant_and_the_line_it_tells() -> None:
    target = TargetCondition(seq=1, pattern="Changeover in 20 min", actual_pattern="35 min")
    story = Storyboard(board=Board("lea", "tom", "c"), targets=(target,))
    said = answer(story, "q1", "Changeover in 20 min, dies staged", TODAY, "lea")
    assert (said.records, said.note, said.meaning) == ((), "", "")  # the board keeps its own
    shown = answer(story, "r1", "the last step", TODAY, "lea")  # no step to show
    assert (shown.note, shown.meaning) == ("", "")
    go_see = answer(story, "q5", "tomorrow 14:00", TODAY, "lea")
    assert go_see.meaning == "2026-11-24 14:00"
    assert go_see.note == "next go-and-see 2026-11-24 14:00"


WRENCH = '"Bolts need a different wrench per die"'
ANSWERS = [
    # key, text, second, onto the board: records changed, the line told, what it meant, as kept
    ("q1", "Under 20 min", "", False, ["CoachingCycle"], "", "", "Under 20 min"),
    (
        "q1", "Under 20 min", "", True, ["TargetCondition", "CoachingCycle"],
        "target condition on the board replaced; the old text is kept", "", "Under 20 min",
    ),
    (
        "q2", "Two operators", "", True, ["TargetCondition", "CoachingCycle"],
        "actual condition on the board replaced; the old text is kept", "", "Two operators",
    ),
    (
        "q2", "Two operators", "31 yesterday", False, ["Reading", "CoachingCycle"],
        "reading 31 min on 2026-11-22", "reading 31 min on 2026-11-22",
        "Two operators\nreading: 31 yesterday",
    ),
    (
        "q2", "", "30,5", False, ["Reading", "CoachingCycle"],
        "reading 30.5 min on 2026-11-23", "reading 30.5 min on 2026-11-23", "reading: 30,5",
    ),
    ("r1", "I staged the cart", "", False, ["CoachingCycle"], "", "step 4", "I staged the cart"),
    ("r2", "5 min", "", False, ["CoachingCycle"], "", "step 4", "5 min"),
    (
        "r3", "Took 30 min", "", False, ["Experiment", "CoachingCycle"],
        "step 4: what happened written", "step 4", "Took 30 min",
    ),
    (
        "r4", "Clamps help", "", False, ["Experiment", "CoachingCycle"],
        "step 4: what we learned written", "step 4", "Clamps help",
    ),
    (
        "q3", "Forklift late", "", False, ["Obstacle", "CoachingCycle"],
        "obstacle 6 added to the parking lot", 'obstacle 6 "Forklift late": added, parked',
        "Forklift late",
    ),
    (
        "q3", "park 2", "", False, ["Obstacle", "CoachingCycle"], "obstacle 2: parked",
        f"obstacle 2 {WRENCH}: parked", "park 2",
    ),
    (
        "q3", "clear 1", "", False, ["Obstacle", "CoachingCycle"], "obstacle 1: cleared",
        'obstacle 1 "We do not know where the changeover time goes": cleared', "clear 1",
    ),
    (
        "q5", "fri 14:00", "", False, ["TargetCondition", "CoachingCycle"],
        "next go-and-see 2026-11-27 14:00", "2026-11-27 14:00", "fri 14:00",
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("key", "text", "second", "onto", "kinds", "note", "meaning", "kept"), ANSWERS
)
def test_each_answer_changes_the_board_and_is_kept_as_it_meant(
    key, text, second, onto, kinds, note, meaning, kept
):
    story = maria()
    (cycle,) = start_cycle(story, NOW).records
    out = answer(story, key, text, TODAY, "maria", second=second, cycle=cycle, onto_board=onto)
    assert [type(r).__name__ for r in out.records] == kinds
    assert (out.note, out.meaning) == (note, meaning)
    said = out.records[-1].answers[-1]
    assert (said.key, said.text, said.by, said.meaning) == (key, kept, "maria", meaning)


def test_question_4_after_the_reflection_opens_the_next_step_on_the_obstacle_worked_on():
    story = reflected(maria())
    (cycle,) = start_cycle(story, NOW).records
    out = answer(story, "q4", "Try clamps", TODAY, "maria", second="4 min", cycle=cycle)
    step, saved = out.records
    assert (step.number, step.step, step.expected, step.day) == (5, "Try clamps", "4 min", TODAY)
    assert (out.note, out.meaning) == ("step 5 added", f"step 5 on obstacle 2 {WRENCH}")
    assert saved.answers[-1].text == "Try clamps\nexpect: 4 min"


def test_an_answer_the_board_already_holds_changes_nothing_on_it():
    story = maria()
    step = story.threshold()
    story = story.with_record(replace(step, happened="Took 30 min"))
    (cycle,) = start_cycle(story, NOW).records
    for key, text in (("q1", story.target.pattern), ("q2", story.target.actual_pattern)):
        out = answer(story, key, f" {text} ", TODAY, "maria", cycle=cycle, onto_board=True)
        assert [type(r) for r in out.records] == [CoachingCycle] and out.note == ""
    out = answer(story, "r3", "Took 30 min", TODAY, "maria", cycle=cycle)
    assert [type(r) for r in out.records] == [CoachingCycle]
    assert (out.note, out.meaning) == ("", f"step {step.number}")


def test_as_on_board_names_the_text_of_the_cycles_own_target_condition():
    story = maria()
    (cycle,) = start_cycle(story, NOW).records
    first = story.targets_in_order()[0]
    on_first = replace(cycle, target_id=first.id)
    out = as_on_board(story, "q1", "maria", on_first)
    (saved,) = out.records
    said = saved.answers[-1]
    assert (said.key, said.text, said.by) == ("q1", "", "maria")
    assert said.meaning == out.meaning == f"as on the board: {first.pattern}"
    gone = replace(cycle, target_id="gone")
    (saved,) = as_on_board(story, "q1", "maria", gone).records
    assert saved.answers[-1].meaning == f"as on the board: {story.target.pattern}"
    bare = Storyboard(board=story.board)
    (saved,) = as_on_board(bare, "q2", "maria", gone).records
    assert saved.answers[-1].meaning == "as on the board"


def test_a_new_step_over_an_open_one_is_refused_saying_how_to_close_it():
    story = maria()
    number = story.threshold().number
    with pytest.raises(InvalidInput) as caught:
        answer(story, "q4", "Try clamps", TODAY, "maria", second="4 min")
    assert str(caught.value) == (
        f"step {number} is still open: write what happened and what we learned "
        "(back of the card, or e on the step), or mark it not taken (ctrl+o)"
    )
