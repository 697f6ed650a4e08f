"""The edit table: every kind a section adds or edits has a form, and ``apply``
builds records from the values the form's validators parsed (no Textual)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.model import (
    BEFORE_FIRST_TARGET,
    Better,
    Board,
    Experiment,
    Metric,
    MetricKind,
    Obstacle,
    ObstacleStatus,
    Reading,
    TargetCondition,
)
from kata_tui.domain.storyboard import Storyboard
from kata_tui.ui.edits import ACTUAL, EDITS, Edit, choice
from tests.conftest import TODAY

TARGET = TargetCondition(seq=1)
STORY = replace(Storyboard(board=Board("maria", "tom", "Changeover")), targets=(TARGET,))


def submit(edit: Edit, record, story: Storyboard = STORY, **typed: str):
    """What the form would hand to ``apply``: each field's text, parsed once."""
    parsed = {}
    for field in edit.form(record, story, TODAY):
        text = typed.get(field.key, field.value)
        parsed[field.key] = field.validate(text) if field.validate else text
    return edit.apply(record, story, parsed, TODAY)


def test_every_record_a_section_edits_has_a_form():
    assert set(EDITS) == {Board, TargetCondition, Reading, Obstacle, Experiment}
    # a reading needs none: before the first target condition it is of the outcome
    assert [e.needs_target for e in EDITS.values()] == [False, False, False, True, True]
    assert ACTUAL.needs_target  # the actual pattern is a target condition's


def test_a_new_step_takes_the_parsed_date_and_obstacle():
    obstacle = Obstacle(TARGET.id, "clamp", TODAY, number=1)
    story = STORY.with_record(obstacle)
    (step,) = submit(
        EDITS[Experiment],
        None,
        story,
        step=" one clamp ",
        expected="under 5 min",
        day="2026-11-27",
        obstacle="1",
    )
    assert isinstance(step, Experiment)
    assert (step.step, step.day, step.obstacle_id, step.number) == (
        "one clamp",
        date(2026, 11, 27),
        obstacle.id,
        1,
    )


@pytest.mark.parametrize("typed", ["7", "\u00b2", "#\u2460"])
def test_a_step_names_its_obstacle_by_a_number_in_the_parking_lot(typed: str) -> None:
    story = STORY.with_record(Obstacle(TARGET.id, "clamp", TODAY, number=1))
    with pytest.raises(InvalidInput) as refused:
        submit(EDITS[Experiment], None, story, step="s", expected="e", obstacle=typed)
    assert str(refused.value) == f"no obstacle {typed!r} in the parking lot (numbers 1-1)"


def test_an_obstacle_status_typed_as_a_prefix_becomes_the_status():
    (obstacle,) = submit(EDITS[Obstacle], None, text="clamp", status="work")
    assert isinstance(obstacle, Obstacle) and obstacle.status is ObstacleStatus.WORKING


def test_target_metrics_are_built_from_parsed_values():
    (target,) = submit(
        EDITS[TargetCondition],
        TARGET,
        metric="changeover",
        target="10",
        better="h",
        process="steps; n; 4; lower",
    )
    assert isinstance(target, TargetCondition)
    assert [(m.name, m.target, m.better) for m in target.metrics] == [
        ("changeover", 10, Better.HIGHER),
        ("steps", 4, Better.LOWER),
    ]


def test_a_reading_without_a_target_is_of_the_outcome_before_the_first_one():
    grasping = Storyboard(board=STORY.board)
    (first,) = submit(EDITS[Reading], None, grasping, value="3", metric="m")
    assert (first.target_id, first.value, first.metric, first.seq) == (
        BEFORE_FIRST_TARGET, 3.0, "m", 1,
    )  # fmt: skip
    # the next one offers the same metric and comes after it
    (second,) = submit(EDITS[Reading], None, grasping.with_record(first), value="4")
    assert (second.metric, second.seq) == ("m", 2)


def test_choice_takes_a_prefix_and_names_the_options_otherwise():
    assert choice(Better)(" Lo ") is Better.LOWER
    with pytest.raises(InvalidInput, match="one of: lower, higher"):
        choice(Better)("")
    with pytest.raises(InvalidInput, match=r"^which way$"):
        choice(Better, "which way")("sideways")


def test_more_metrics_may_be_outcome_metrics_and_names_are_unique():
    (target,) = submit(
        EDITS[TargetCondition],
        TARGET,
        metric="lead time",
        unit="h",
        target="24",
        process="scrap; pcs; 2; lower; outcome\nsteps to standard; %; 90; higher",
    )
    assert [(m.name, m.kind, m.better) for m in target.metrics] == [
        ("lead time", MetricKind.OUTCOME, Better.LOWER),
        ("scrap", MetricKind.OUTCOME, Better.LOWER),
        ("steps to standard", MetricKind.PROCESS, Better.HIGHER),
    ]
    # the form shows them back as typed, and an unchanged form saves them unchanged
    assert submit(EDITS[TargetCondition], target) == [target]
    with pytest.raises(InvalidInput, match="line 1: one of: outcome, process"):
        submit(EDITS[TargetCondition], TARGET, process="scrap; pcs; 2; lower; output")
    with pytest.raises(InvalidInput, match="two metrics named 'scrap'"):
        submit(EDITS[TargetCondition], TARGET, metric="scrap", process="scrap; pcs")


def test_a_reading_is_of_one_of_its_target_conditions_metrics():
    target = replace(TARGET, metrics=(Metric("lead time", "h"), Metric("scrap", "pcs")))
    story = replace(STORY, targets=(target,))
    fields = {f.key: f for f in EDITS[Reading].form(None, story, TODAY)}
    assert fields["metric"].value == "lead time"
    assert fields["metric"].note == "one of: lead time; scrap"
    (reading,) = submit(EDITS[Reading], None, story, value="3", metric="SC", time="2pm")
    assert (reading.metric, reading.value, reading.time) == ("scrap", 3, "14:00")
    with pytest.raises(InvalidInput, match="not a metric of the target condition: 'yield'"):
        submit(EDITS[Reading], None, story, value="3", metric="yield")
    # a reading of a metric since renamed keeps its name when corrected
    old = Reading(target.id, TODAY, "changeover", 5.0)
    (kept,) = submit(EDITS[Reading], old, story.with_record(old), value="6")
    assert (kept.metric, kept.value, kept.time) == ("changeover", 6, "")


def test_a_new_step_is_refused_while_one_is_open_unless_it_comes_with_its_result():
    story = STORY.with_record(Experiment(TARGET.id, 1, TODAY, "clamps", "under 5 min"))
    edit = EDITS[Experiment]
    with pytest.raises(InvalidInput, match="step 1 is still open"):
        edit.check_new(story)
    with pytest.raises(InvalidInput, match="step 1 is still open"):
        submit(edit, None, story, step="shims", expected="under 4 min")
    (done,) = submit(
        edit, None, story, step="shims", expected="4", happened="3", learned="shims help"
    )
    assert (done.number, done.is_open) == (2, False)
    edit.check_new(STORY)  # no step yet: nothing open


def test_the_boards_cycle_length_is_set_on_the_challenge_form():
    (board,) = submit(EDITS[Board], None, cycle_minutes=" 15 ")
    assert board.cycle_minutes == 15
    assert submit(EDITS[Board], None)[0].cycle_minutes == 20  # unchanged: as it was
    for typed in ("", "0", "abc", "2.5", "241", "-5"):
        with pytest.raises(InvalidInput, match=r"^minutes: a whole number from 1 to 240, not "):
            submit(EDITS[Board], None, cycle_minutes=typed)
