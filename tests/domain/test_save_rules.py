"""The rules a save applies to the board as stored: numbers and one open step.

Each session numbers a new obstacle or step from the board as it last read
it; these rules, applied to the board on disk at the moment of writing, make
two sessions adding one at once get different numbers, and refuse a second
open step whoever opens it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from kata_tui.domain.cycle import answer, start_cycle
from kata_tui.domain.demo import SCENARIOS, demo_board
from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.job_methods import BreakdownOf, JobDetail
from kata_tui.domain.model import (
    CoachingCycle,
    Experiment,
    Obstacle,
    ObstacleStatus,
    Reading,
    TargetCondition,
)
from kata_tui.domain.save_rules import allocate_numbers, refuse_second_open_step, still_open
from kata_tui.domain.storyboard import Storyboard

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 9, 0)


def maria() -> Storyboard:
    return demo_board(SCENARIOS[0], TODAY)


def saved(story: Storyboard, records) -> Storyboard:
    for record in records:
        story = story.with_record(record)
    return story


def closed(story: Storyboard) -> Storyboard:
    step = story.threshold()
    return story.with_record(replace(step, happened="Took 4 min", learned="Shims first"))


# -- numbers -------------------------------------------------------------------------


def test_a_new_obstacle_numbered_from_an_old_view_gets_the_next_free_number() -> None:
    seen = maria()
    target = seen.target
    theirs = Obstacle(target.id, "Crane busy", TODAY, number=seen.next_obstacle_number())
    stored = saved(seen, [theirs])
    mine = Obstacle(target.id, "Wrong bolts", TODAY, number=seen.next_obstacle_number())
    (got,) = allocate_numbers(stored, [mine])
    assert got.number == theirs.number + 1
    assert (got.id, got.text) == (mine.id, mine.text)


def test_numbers_not_taken_are_kept_and_several_new_ones_keep_their_order() -> None:
    stored = maria()
    target = stored.target
    first = stored.next_obstacle_number()
    new = [
        Obstacle(target.id, "b", TODAY, number=first + 1),
        Obstacle(target.id, "a", TODAY, number=first),
    ]
    got = allocate_numbers(stored, new)
    assert [(o.text, o.number) for o in got] == [("b", first + 1), ("a", first)]
    assert got[0] is new[0] and got[1] is new[1]  # nothing to change: the same records


def test_a_new_step_and_a_reading_follow_what_is_stored() -> None:
    seen = closed(maria())
    target = seen.target
    step = Experiment(target.id, seen.next_experiment_number(), TODAY, "Clamps", "Under 5")
    theirs = replace(step, id="theirs0000aa", step="Their step", happened="x", learned="y")
    stored = saved(seen, [theirs])
    reading = Reading(target.id, TODAY, "Changeover time", 30, seq=seen.next_reading_seq())
    stored = saved(stored, [replace(reading, id="theirreading")])
    got_step, got_reading = allocate_numbers(stored, [step, reading])
    assert got_step.number == theirs.number + 1
    assert got_reading.seq == reading.seq + 1


def test_numbers_of_records_already_stored_never_change() -> None:
    stored = maria()
    old = stored.obstacle_numbered(2)
    edited = replace(old, text="Bolts, all sizes")
    assert allocate_numbers(stored, [edited]) == [edited]


def test_numbers_count_per_target_condition() -> None:
    stored = maria()
    new_target = TargetCondition(seq=stored.target.seq + 1)
    carried = Obstacle(new_target.id, "Carried over", TODAY, number=1)
    _, got = allocate_numbers(stored, [new_target, carried])
    assert got.number == 1


def test_a_q3_answer_names_the_number_its_obstacle_got() -> None:
    seen = maria()
    cycle = start_cycle(seen, NOW).records[-1]
    seen = saved(seen, [cycle])
    theirs = Obstacle(seen.target.id, "Crane busy", TODAY, number=seen.next_obstacle_number())
    stored = saved(seen, [theirs])
    outcome = answer(seen, "q3", "Wrong bolts", TODAY, "tom", cycle=cycle)
    got = allocate_numbers(stored, list(outcome.records))
    obstacle = next(r for r in got if isinstance(r, Obstacle))
    said = next(r for r in got if isinstance(r, CoachingCycle)).answers[-1]
    assert obstacle.number == theirs.number + 1
    assert said.meaning == f'obstacle {obstacle.number} "Wrong bolts": added, parked'


def test_renaming_never_touches_the_learners_own_words() -> None:
    seen = maria()
    cycle = start_cycle(seen, NOW).records[-1]
    seen = saved(seen, [cycle])
    number = seen.next_obstacle_number()
    theirs = Obstacle(seen.target.id, "Crane busy", TODAY, number=number)
    stored = saved(seen, [theirs])
    words = f"Waits for obstacle {number} parts and step 2"
    outcome = answer(seen, "q3", words, TODAY, "tom", cycle=cycle)
    got = allocate_numbers(stored, list(outcome.records))
    said = next(r for r in got if isinstance(r, CoachingCycle)).answers[-1]
    assert said.meaning == f'obstacle {number + 1} "{words}": added, parked'


def test_a_q4_answer_with_no_obstacle_worked_on_names_the_number_its_step_got() -> None:
    seen = closed(maria())
    for obstacle in seen.obstacles_for(seen.target.id):
        seen = seen.with_record(replace(obstacle, status=ObstacleStatus.PARKED))
    assert seen.working_obstacle() is None
    cycle = start_cycle(seen, NOW).records[-1]
    seen = saved(seen, [cycle])
    number = seen.last_experiment().number + 1
    theirs = Experiment(seen.target.id, number, TODAY, "Their step", "e", None, "h", "l")
    stored = saved(seen, [theirs])
    outcome = answer(seen, "q4", "Try clamps", TODAY, "tom", second="4 min", cycle=cycle)
    got = allocate_numbers(stored, list(outcome.records))
    step = next(r for r in got if isinstance(r, Experiment))
    said = next(r for r in got if isinstance(r, CoachingCycle)).answers[-1]
    assert (step.number, said.meaning) == (number + 1, f"step {number + 1}")


def test_only_new_answers_are_renamed() -> None:
    seen = maria()
    cycle = start_cycle(seen, NOW).records[-1]
    first = answer(seen, "q3", "2", TODAY, "tom", cycle=cycle).records
    seen = saved(seen, first)
    cycle = next(r for r in first if isinstance(r, CoachingCycle))
    theirs = Obstacle(seen.target.id, "Crane busy", TODAY, number=seen.next_obstacle_number())
    stored = saved(seen, [theirs])
    outcome = answer(seen, "q3", "Wrong bolts", TODAY, "tom", cycle=cycle)
    got = allocate_numbers(stored, list(outcome.records))
    old, new = next(r for r in got if isinstance(r, CoachingCycle)).answers[-2:]
    assert old.meaning.startswith("obstacle 2 ")  # said before: as it was
    assert new.meaning.startswith(f"obstacle {theirs.number + 1} ")


# -- one open step ---------------------------------------------------------------------


def test_a_new_open_step_over_an_open_one_is_refused() -> None:
    stored = maria()
    open_step = stored.threshold()
    new = Experiment(stored.target.id, open_step.number + 1, TODAY, "Clamps", "Under 5")
    with pytest.raises(InvalidInput) as refused:
        refuse_second_open_step(stored, [new])
    assert str(refused.value) == still_open(open_step)
    assert f"step {open_step.number} is still open" in str(refused.value)


def test_a_new_step_after_the_open_one_is_closed_in_the_same_save_is_taken() -> None:
    stored = maria()
    open_step = stored.threshold()
    done = replace(open_step, not_taken="Die 7 at the toolmaker")
    new = Experiment(stored.target.id, open_step.number + 1, TODAY, "Clamps", "Under 5")
    refuse_second_open_step(stored, [done, new])


def test_a_step_with_its_result_may_be_recorded_while_another_is_open() -> None:
    stored = maria()
    new = Experiment(stored.target.id, 9, TODAY, "Clamps", "Under 5", happened="4", learned="x")
    refuse_second_open_step(stored, [new])


def test_reopening_a_closed_step_while_another_is_open_is_refused() -> None:
    stored = maria()
    done = next(e for e in stored.experiments_for() if not e.is_open)
    with pytest.raises(InvalidInput, match="is still open"):
        refuse_second_open_step(stored, [replace(done, learned="")])


def test_two_new_open_steps_in_one_save_are_refused() -> None:
    stored = closed(maria())
    target = stored.target
    a = Experiment(target.id, 8, TODAY, "A", "a")
    b = Experiment(target.id, 9, TODAY, "B", "b")
    with pytest.raises(InvalidInput, match="step 9 is still open"):
        refuse_second_open_step(stored, [a, b])


def test_an_open_step_stored_open_may_still_be_edited() -> None:
    stored = maria()
    open_step = stored.threshold()
    # a board written before the rule: a second open step on disk
    older = replace(stored.experiments_for()[0], happened="", learned="")
    stored = stored.with_record(older)
    refuse_second_open_step(stored, [replace(open_step, step="Clamps on die 7, both sides")])


def test_steps_of_another_target_condition_do_not_count() -> None:
    stored = maria()
    other = TargetCondition(seq=9)
    refuse_second_open_step(stored, [other, Experiment(other.id, 1, TODAY, "A", "a")])


def test_a_new_job_detail_follows_the_last_of_its_breakdown_as_stored() -> None:
    story = maria()
    tid = story.target.id
    other = TargetCondition(seq=9, id="tc9")
    stored = saved(
        story,
        [
            other,
            JobDetail(tid, BreakdownOf.CURRENT, 1, "a"),
            JobDetail(tid, BreakdownOf.CURRENT, 4, "b"),
            JobDetail(tid, BreakdownOf.TARGET, 6, "t"),
            JobDetail("tc9", BreakdownOf.CURRENT, 9, "elsewhere"),
        ],
    )
    known = JobDetail(tid, BreakdownOf.CURRENT, 1, "edited", id=stored.job_details[0].id)
    new = [
        JobDetail(tid, BreakdownOf.CURRENT, 3, "second"),
        JobDetail(tid, BreakdownOf.CURRENT, 2, "first"),
        JobDetail(tid, BreakdownOf.TARGET, 1, "new method"),
        JobDetail("tc9", BreakdownOf.TARGET, 5, "first of its side"),
    ]
    out = allocate_numbers(stored, [known, *new])
    assert out[0] is known  # stored already: its position is its own
    assert [(d.text, d.position) for d in out[1:]] == [
        ("second", 6),
        ("first", 5),
        ("new method", 7),
        ("first of its side", 1),
    ]
    assert [(d.id, d.of, d.target_id) for d in out[1:]] == [(d.id, d.of, d.target_id) for d in new]


def test_the_first_step_and_reading_of_a_new_target_condition_are_number_one() -> None:
    stored = maria()
    new_target = TargetCondition(seq=stored.target.seq + 1)
    step = Experiment(new_target.id, 5, TODAY, "first try", "it holds")
    reading = Reading(new_target.id, TODAY, "changeover", 25.0, seq=7)
    _, got_step, got_reading = allocate_numbers(stored, [new_target, step, reading])
    assert got_step.number == 1
    assert got_reading.seq == 1


def test_a_stored_reading_edited_keeps_its_place_in_the_order_of_entry() -> None:
    stored = maria()
    first = min(stored.readings_for(), key=lambda r: r.seq)
    edited = replace(first, value=first.value + 1)
    assert allocate_numbers(stored, [edited]) == [edited]


def test_a_new_step_saved_after_an_edit_of_the_open_step_is_still_refused() -> None:
    # The open step edited (it stays open) comes first in the save: the new step
    # after it must still be checked, and refused.
    stored = maria()
    step = stored.threshold()
    assert step is not None
    edited = replace(step, step=step.step + " (edited)")
    new = Experiment(step.target_id, stored.next_experiment_number(), TODAY, step="another")
    with pytest.raises(InvalidInput) as caught:
        refuse_second_open_step(stored, [edited, new])
    assert str(caught.value) == still_open(edited)
