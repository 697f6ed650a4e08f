"""The record keeps the kata's structure (issue 12), rule by rule, without a store.

Each test names the rule of design.md it holds; each failed on the code
before the rule was written.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from kata_tui.domain.card import BACK_RETURN, CREDIT
from kata_tui.domain.codec import decode_storyboard, encode, encode_storyboard
from kata_tui.domain.cycle import (
    EXPECTATION_HINT,
    adopt,
    answer,
    as_on_board,
    over_time,
    start_cycle,
    step_not_taken,
)
from kata_tui.domain.demo import SCENARIOS, demo_board, demo_boards
from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.model import (
    Better,
    Board,
    CoachingCycle,
    Experiment,
    Metric,
    Obstacle,
    ObstacleKind,
    ObstacleStatus,
    Reading,
    TargetCondition,
    TargetStatus,
)
from kata_tui.domain.run_chart import chart_data
from kata_tui.domain.storyboard import Storyboard
from kata_tui.domain.targets import close_target, revise_target, shortfall

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 9, 0)


def maria() -> Storyboard:
    return demo_board(SCENARIOS[0], TODAY)


def apply(story: Storyboard, records) -> Storyboard:
    for record in records:
        story = story.with_record(record)
    return story


def reflected(story: Storyboard) -> Storyboard:
    step = story.threshold()
    return story.with_record(replace(step, happened="Took 4 min", learned="Shims first"))


# -- question 4 needs an expectation ---------------------------------------------------


def test_q4_without_an_expectation_is_refused_with_the_hint() -> None:
    story = reflected(maria())
    with pytest.raises(InvalidInput) as refused:
        answer(story, "q4", "Try clamps on die 9", TODAY, "maria", second="   ")
    assert str(refused.value) == EXPECTATION_HINT == "What do you expect to happen?"


# -- one open step at a time -----------------------------------------------------------


def test_q4_is_refused_while_the_last_step_has_no_result() -> None:
    story = maria()
    open_step = story.threshold()
    assert open_step is not None
    with pytest.raises(InvalidInput, match=f"step {open_step.number} is still open"):
        answer(story, "q4", "Next", TODAY, "maria", second="Faster")
    half = story.with_record(replace(open_step, happened="Took 4 min"))
    with pytest.raises(InvalidInput, match="still open"):
        answer(half, "q4", "Next", TODAY, "maria", second="Faster")


def test_q4_opens_the_next_step_after_the_reflection_or_not_taken() -> None:
    story = maria()
    (step,) = answer(reflected(story), "q4", "Next", TODAY, "m", second="Faster").records
    assert step.number == story.threshold().number + 1
    parked = apply(story, step_not_taken(story, TODAY, "Die 7 at the toolmaker").records)
    (step,) = answer(parked, "q4", "Next", TODAY, "m", second="Faster").records
    assert isinstance(step, Experiment) and step.is_open
    assert [e.number for e in apply(parked, [step]).experiments_for() if e.is_open] == [step.number]


def test_not_taken_parks_the_reason_linked_to_the_step() -> None:
    story = maria()
    step = story.threshold()
    done, obstacle = step_not_taken(story, TODAY, "Die 7 was\nat the toolmaker").records
    assert done.not_taken == "Die 7 was at the toolmaker" and not done.is_open
    assert obstacle.text == "Die 7 was at the toolmaker"
    assert step.step not in obstacle.text
    assert (obstacle.kind, obstacle.status) == (ObstacleKind.IMPLEMENTATION, ObstacleStatus.PARKED)
    assert obstacle.step_id == step.id
    after = apply(story, [done, obstacle])
    assert decode_storyboard(encode_storyboard(after)).find(Obstacle, obstacle.id) == obstacle
    with pytest.raises(InvalidInput, match="not open"):
        step_not_taken(after, TODAY, "again")


def test_an_obstacle_pointing_at_a_missing_step_is_refused() -> None:
    story = maria()
    bad = replace(story.obstacles[0], step_id="nosuchstep")
    with pytest.raises(InvalidInput, match="step_id: no step 'nosuchstep'"):
        decode_storyboard(encode_storyboard(story.with_record(bad)))


# -- stable numbers --------------------------------------------------------------------


def test_obstacle_numbers_do_not_move_when_an_earlier_or_alphabetically_first_one_is_added():
    story = maria()
    before = {o.id: o.number for o in story.obstacles_for()}
    old_step_refs = {e.id: e.obstacle_id for e in story.experiments}
    (added,) = answer(story, "q3", "AAA first by name", TODAY - timedelta(days=60), "m").records
    after = story.with_record(added)
    assert {o.id: o.number for o in after.obstacles_for() if o.id in before} == before
    assert added.number == max(before.values()) + 1
    assert [o.number for o in after.obstacles_for()] == list(range(1, added.number + 1))
    two = story.obstacle_numbered(2)
    records = answer(after, "q3", "2", TODAY, "m").records
    assert any(r.id == two.id and r.status is ObstacleStatus.WORKING for r in records)
    assert {e.id: e.obstacle_id for e in after.experiments} == old_step_refs


def test_an_old_file_gets_the_numbers_it_showed_and_keeps_them_once_saved() -> None:
    story = maria()
    tables = encode_storyboard(story)
    for row in tables["obstacles"]:
        del row["number"]
    target = story.target
    rows = [r for r in tables["obstacles"] if r["target_id"] == target.id]
    rows[0]["added"], rows[0]["text"] = "2026-11-20", "Zz added late"
    old_order = sorted(rows, key=lambda r: (r["added"], r["text"]))
    read = decode_storyboard(tables)
    assert [o.id for o in read.obstacles_for()] == [r["id"] for r in old_order]
    assert [o.number for o in read.obstacles_for()] == list(range(1, len(rows) + 1))
    # one old obstacle saved with its number, a new one added: nobody moves
    kept = read.obstacles_for()[1]
    for row in tables["obstacles"]:
        if row["id"] == kept.id:
            row["number"] = kept.number
    (new,) = answer(read, "q3", "A new one", TODAY, "m").records
    tables["obstacles"].append(encode(new))
    again = decode_storyboard(tables)
    assert {o.id: o.number for o in again.obstacles_for()} == {
        **{o.id: o.number for o in read.obstacles_for()},
        new.id: len(rows) + 1,
    }


# -- answers keep their meaning --------------------------------------------------------


def test_q3_keeps_the_obstacle_number_text_and_what_was_done() -> None:
    story = maria()
    (cycle,) = start_cycle(story, NOW).records
    out = answer(story, "q3", "park 2", TODAY, "maria", cycle=cycle)
    said = out.records[-1].answers[-1]
    assert said.text == "park 2"
    assert said.meaning == 'obstacle 2 "Bolts need a different wrench per die": parked'
    added = answer(story, "q3", "Press stops for coil", TODAY, "maria", cycle=cycle)
    assert added.records[-1].answers[-1].meaning == (
        'obstacle 6 "Press stops for coil": added, parked'
    )


@pytest.mark.parametrize(
    ("typed", "day", "at"),
    [
        ("today 14:00", date(2026, 11, 23), "14:00"),
        ("fri 9:30", date(2026, 11, 27), "09:30"),
        ("tomorrow", date(2026, 11, 24), ""),
    ],
)
def test_q5_keeps_the_date_and_time_it_meant(typed: str, day: date, at: str) -> None:
    story = maria()
    (cycle,) = start_cycle(story, NOW).records
    target, saved = answer(story, "q5", typed, TODAY, "maria", cycle=cycle).records
    assert (target.next_go_see, target.next_go_see_time) == (day, at)
    said = saved.answers[-1]
    assert said.text == typed and said.meaning == f"{day.isoformat()} {at}".rstrip()


@pytest.mark.parametrize("typed", ["yesterday", "2026-11-20", "-2d 10:00"])
def test_q5_refuses_a_date_in_the_past(typed: str) -> None:
    with pytest.raises(InvalidInput, match="already past"):
        answer(maria(), "q5", typed, TODAY, "maria")


def test_q5_refuses_a_time_that_is_not_one() -> None:
    with pytest.raises(InvalidInput, match="not a time of day"):
        answer(maria(), "q5", "fri 25:00", TODAY, "maria")


# -- readings keep the order they were entered ----------------------------------------


def test_the_latest_reading_is_the_last_entered_of_its_day() -> None:
    story = maria()
    for value in ("42", "38", "36"):
        story = apply(story, answer(story, "q2", "", TODAY, "maria", second=value).records)
    today = [r for r in story.readings_for() if r.day == TODAY]
    assert [r.value for r in today][-3:] == [42, 38, 36]
    assert story.latest_reading().value == 36
    assert [v for _, v in chart_data(story).points][-3:] == [42, 38, 36]
    again = decode_storyboard(encode_storyboard(story))
    assert again.latest_reading().value == 36


def test_readings_order_does_not_depend_on_ids() -> None:
    target = TargetCondition(1, metrics=(Metric("t", "min"),), id="t")
    rows = [Reading("t", TODAY, "t", v, seq=i, id=rid) for i, (v, rid) in enumerate(
        [(42, "zz"), (38, "aa"), (36, "mm")], start=1)]  # fmt: skip
    story = Storyboard(board=Board("a", "b", "c"), targets=(target,), readings=tuple(rows))
    assert [r.value for r in story.readings_for()] == [42, 38, 36]


# -- questions 1 and 2 are answered, not edited ----------------------------------------


def test_an_answer_to_q1_stays_in_the_cycle_unless_adopted() -> None:
    story = maria()
    (cycle,) = start_cycle(story, NOW).records
    (saved,) = answer(
        story, "q1", "Under 25 min", TODAY, "maria", cycle=cycle, onto_board=False
    ).records
    assert isinstance(saved, CoachingCycle) and saved.answers[-1].text == "Under 25 min"
    (target,) = adopt(story, "q1", "Under 25 min", TODAY, "tom").records
    assert target.pattern == "Under 25 min"
    (earlier,) = target.earlier
    assert (earlier.what, earlier.text, earlier.until, earlier.by) == (
        "pattern",
        story.target.pattern,
        TODAY,
        "tom",
    )


def test_enter_on_an_empty_answer_means_as_on_the_board() -> None:
    story = maria()
    (cycle,) = start_cycle(story, NOW).records
    out = as_on_board(story, "q2", "maria", cycle)
    (saved,) = out.records
    said = saved.answers[-1]
    assert said.text == "" and said.meaning == f"as on the board: {story.target.actual_pattern}"
    assert out.note == ""  # the board is as it was: no notice tells of a change


def test_an_answer_to_q1_or_q2_fills_only_its_own_empty_text() -> None:
    """The board's target condition (question 1) or actual condition (2) is filled by
    an answer while it is empty; text already there stays, whatever the other holds."""
    for pattern, actual in (("Under 20 min", ""), ("", "One operator")):
        story = maria()
        story = story.with_record(replace(story.target, pattern=pattern, actual_pattern=actual))
        (cycle,) = start_cycle(story, NOW).records
        for key, text, field, before in (
            ("q1", "Under 15 min", "pattern", pattern),
            ("q2", "Two operators", "actual_pattern", actual),
        ):
            out = answer(story, key, text, TODAY, "maria", cycle=cycle)
            targets = [r for r in out.records if isinstance(r, TargetCondition)]
            if before:
                assert targets == [], (key, pattern, actual)
            else:
                (filled,) = targets
                assert getattr(filled, field) == text
                assert (filled.pattern, filled.actual_pattern) == (
                    (text, actual) if key == "q1" else (pattern, text)
                )
                assert out.note.endswith("replaced; the old text is kept")


def test_a_replaced_achieve_by_date_keeps_the_old_one() -> None:
    target = maria().target
    revised = revise_target(target, TODAY, "tom", achieve_by=date(2027, 1, 10))
    revised = revise_target(revised, TODAY, "tom", achieve_by=date(2027, 1, 10), pattern="p")
    assert [(e.what, e.text) for e in revised.earlier] == [
        ("achieve_by", target.achieve_by.isoformat()),
        ("pattern", target.pattern),
    ]


# -- closing a target condition --------------------------------------------------------


def _aisha_at(value: float) -> Storyboard:
    story = demo_board(SCENARIOS[2], TODAY)
    return apply(story, answer(story, "q2", "", TODAY, "aisha", second=str(value)).records)


CLOSE = {"pattern": "Yield 97%", "achieve_by": None, "outcome_target": None, "today": TODAY}


def test_achieved_at_95_9_against_96_higher_is_better_is_refused() -> None:
    story = _aisha_at(95.9)
    assert story.target.outcome.target == 96 and story.target.outcome.better is Better.HIGHER
    assert "95.9" in shortfall(story, story.target)
    with pytest.raises(InvalidInput, match=r"not met: latest first-pass yield 95\.9 %"):
        close_target(story, achieved=True, summary="Fixture wear", **CLOSE)
    ended, *_ = close_target(story, achieved=False, summary="Fixture wear", **CLOSE)
    assert ended.status is TargetStatus.CLOSED and ended.override == ""


def test_achieved_with_an_override_records_it() -> None:
    story = _aisha_at(95.9)
    ended, *_ = close_target(
        story, achieved=True, summary="Fixture wear", override="96.2 all last week", **CLOSE
    )
    assert ended.status is TargetStatus.ACHIEVED and ended.override == "96.2 all last week"
    met = _aisha_at(96)
    ended, *_ = close_target(met, achieved=True, summary="Fixture wear", **CLOSE)
    assert ended.status is TargetStatus.ACHIEVED and ended.override == ""


def test_closing_asks_the_summary_resolves_the_step_carries_obstacles_keeps_go_see() -> None:
    story = _aisha_at(96.5)
    with pytest.raises(InvalidInput, match="What did we learn"):
        close_target(story, achieved=True, summary=" ", **CLOSE)
    open_step = story.threshold()
    parked = story.obstacle_numbered(2)
    records = close_target(
        story, achieved=True, summary="The fixture, not the welder", carry=[parked.id], **CLOSE
    )
    after = apply(story, records)
    ended = after.find(TargetCondition, story.target.id)
    new = after.target
    assert ended.summary == "The fixture, not the welder" and ended.closed_on == TODAY
    assert ended.next_go_see == story.target.next_go_see
    assert (new.next_go_see, new.seq) == (story.target.next_go_see, ended.seq + 1)
    resolved = after.find(Experiment, open_step.id)
    assert not resolved.is_open and "closed" in resolved.not_taken
    (carried,) = after.obstacles_for(new.id)
    assert (carried.text, carried.number, carried.status) == (parked.text, 1, ObstacleStatus.PARKED)
    assert (carried.added, carried.kind) == (TODAY, parked.kind)
    assert after.find(Obstacle, parked.id) == parked  # the old record stays as it was


def test_closing_keeps_why_the_open_step_was_not_taken_and_each_carried_obstacles_kind() -> None:
    story = _aisha_at(96.5)
    open_step = story.threshold()
    parked = replace(story.obstacle_numbered(2), kind=ObstacleKind.IMPLEMENTATION)
    story = story.with_record(parked)
    records = close_target(
        story,
        achieved=True,
        summary="s",
        open_step="  Die 7   was at the toolmaker ",
        carry=[parked.id],
        **CLOSE,
    )
    after = apply(story, records)
    assert after.find(Experiment, open_step.id).not_taken == "Die 7 was at the toolmaker"
    (carried,) = after.obstacles_for(after.target.id)
    assert (carried.kind, carried.added, carried.text) == (
        ObstacleKind.IMPLEMENTATION,
        TODAY,
        parked.text,
    )
    default = apply(story, close_target(story, achieved=True, summary="s", **CLOSE))
    assert default.find(Experiment, open_step.id).not_taken == (
        f"target condition {story.target.seq} closed first"
    )


def test_the_next_target_condition_takes_its_achieve_by_date_from_today_on() -> None:
    story = _aisha_at(96.5)
    close = {**CLOSE, "outcome_target": 98.0}
    for day in (TODAY, TODAY + timedelta(days=28)):
        records = close_target(
            story, achieved=True, summary="Fixture", **{**close, "achieve_by": day}
        )
        new = apply(story, records).target
        assert (new.achieve_by, new.pattern, new.outcome.target) == (day, "Yield 97%", 98.0)
    with pytest.raises(InvalidInput, match=r"^achieve-by 2026-11-22 is already past$"):
        close_target(
            story,
            achieved=True,
            summary="Fixture",
            **{**close, "achieve_by": TODAY - timedelta(days=1)},
        )


# -- the cycle timer, the card ---------------------------------------------------------


def test_the_timer_is_due_at_the_boards_cycle_length() -> None:
    story = maria()
    (cycle,) = start_cycle(story, NOW).records
    assert not over_time(cycle, story.board, NOW + timedelta(minutes=19, seconds=59))
    assert over_time(cycle, story.board, NOW + timedelta(minutes=20))
    short = replace(story.board, cycle_minutes=15)
    assert over_time(cycle, short, NOW + timedelta(minutes=15))


def test_the_card_says_return_to_question_3() -> None:
    assert "return to question 3" in BACK_RETURN
    assert "several experiments" in BACK_RETURN
    assert CREDIT == "after Mike Rother, Toyota Kata"


# -- the demo boards teach good practice -----------------------------------------------


@pytest.mark.parametrize("story", demo_boards(TODAY), ids=lambda s: s.board.learner)
def test_demo_boards_show_good_practice(story: Storyboard) -> None:
    for target in story.targets:
        steps = story.experiments_for(target.id)
        assert [s.number for s in steps] == list(range(1, len(steps) + 1))
        assert len({s.step for s in steps}) == len(steps)  # no step repeated
        assert all(s.expected.strip() for s in steps)
        assert len({s.expected for s in steps}) == len(steps)
        assert [s.is_open for s in steps[:-1]] == [False] * (len(steps) - 1)
        for step in steps:  # under an obstacle of its own target condition
            obstacle = story.find(Obstacle, step.obstacle_id)
            assert obstacle is not None and obstacle.target_id == target.id
        numbers = [o.number for o in story.obstacles_for(target.id)]
        assert numbers == list(range(1, len(numbers) + 1))
        if target.status is TargetStatus.ACHIEVED:
            assert shortfall(story, target) == "" and target.summary
    for cycle in story.cycles:
        assert [a.key for a in cycle.answers] == [
            "q1", "q2", "r1", "r2", "r3", "r4", "q3", "q4", "q5"
        ]  # fmt: skip
        assert all(a.text.strip() or a.meaning.strip() for a in cycle.answers)
        assert all(a.meaning for a in cycle.answers if a.key in ("q3", "q4", "q5"))


def test_a_benchmark_board_still_scales() -> None:
    story = demo_board(SCENARIOS[0], TODAY, experiments=300, cycles=100)
    assert len(story.experiments) == 300 and len(story.cycles) == 100
    assert sum(e.is_open for e in story.experiments) == 1
    assert story.threshold() == story.last_experiment()


def test_history_shows_what_answers_meant_and_replaced_versions() -> None:
    from kata_tui.domain.history import history

    story = maria()
    (cycle,) = start_cycle(story, NOW).records
    story = apply(story, answer(story, "q3", "2", TODAY, "maria", cycle=cycle).records)
    cycle = story.running_cycle()
    story = apply(story, as_on_board(story, "q1", "maria", cycle).records)
    story = apply(story, adopt(story, "q1", "Under 25 min", TODAY, "tom").records)
    entries = history(story)
    texts = "\n".join(e.text() for e in entries)
    assert '2\n= obstacle 2 "Bolts need a different wrench per die": working on' in texts
    assert "as on the board: External setup finished" in texts
    (changed,) = [e for e in entries if "intended pattern replaced by tom" in e.title]
    assert [(line.label, line.text) for line in changed.lines] == [
        ("Before", SCENARIOS[0].patterns[1]),
        ("After", "Under 25 min"),
    ]
