"""The edit table: every kind a section adds or edits has a form, and ``apply``
builds records from the values the form's validators parsed (no Textual)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.model import (
    Better,
    Board,
    Experiment,
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
    assert [e.needs_target for e in EDITS.values()] == [False, False, True, True, True]
    assert not ACTUAL.needs_target


def test_a_new_step_takes_the_parsed_date_and_obstacle():
    obstacle = Obstacle(TARGET.id, "clamp", TODAY, number=1)
    story = STORY.with_record(obstacle)
    (step,) = submit(
        EDITS[Experiment], None, story, step=" one clamp ", day="2026-11-27", obstacle="1"
    )
    assert isinstance(step, Experiment)
    assert (step.step, step.day, step.obstacle_id, step.number) == (
        "one clamp",
        date(2026, 11, 27),
        obstacle.id,
        1,
    )


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


def test_a_reading_without_a_target_is_refused_in_one_line():
    with pytest.raises(InvalidInput, match="target condition first"):
        submit(EDITS[Reading], None, Storyboard(board=STORY.board), value="3", metric="m")


def test_choice_takes_a_prefix_and_names_the_options_otherwise():
    assert choice(Better)(" Lo ") is Better.LOWER
    with pytest.raises(InvalidInput, match="one of: lower, higher"):
        choice(Better)("")
    with pytest.raises(InvalidInput, match=r"^which way$"):
        choice(Better, "which way")("sideways")
