"""The save's rule for the obstacle worked on: a new choice parks the one stored."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from kata_tui.domain.model import Board, Obstacle, ObstacleStatus, TargetCondition
from kata_tui.domain.save_rules import park_the_one_worked_on
from kata_tui.domain.storyboard import Storyboard

DAY = date(2026, 11, 23)
WORKING, PARKED = ObstacleStatus.WORKING, ObstacleStatus.PARKED


def _stored() -> tuple[Storyboard, list[Obstacle], Obstacle]:
    first, second = TargetCondition(seq=1), TargetCondition(seq=2)
    mine = [
        Obstacle(first.id, "a", DAY, status=WORKING, number=1),
        Obstacle(first.id, "b", DAY, status=PARKED, number=2),
        Obstacle(first.id, "c", DAY, status=WORKING, number=3),  # written before the rule
    ]
    other = Obstacle(second.id, "elsewhere", DAY, status=WORKING, number=1)
    story = Storyboard(
        board=Board("l", "c", "x"), targets=(first, second), obstacles=(*mine, other)
    )
    return story, mine, other


def test_a_new_choice_parks_every_obstacle_of_its_target_stored_as_worked_on() -> None:
    stored, (a, b, c), other = _stored()
    chosen = replace(b, status=WORKING)
    out = park_the_one_worked_on(stored, [chosen])
    assert out == [chosen, replace(a, status=PARKED), replace(c, status=PARKED)]
    # another target condition's obstacle worked on is not this one's business
    assert other.id not in {o.id for o in out}


def test_a_new_obstacle_worked_on_at_once_parks_the_stored_one() -> None:
    stored, (a, _, c), _ = _stored()
    new = Obstacle(a.target_id, "d", DAY, status=WORKING, number=4)
    assert park_the_one_worked_on(stored, [new]) == [
        new,
        replace(a, status=PARKED),
        replace(c, status=PARKED),
    ]


def test_no_new_choice_changes_nothing() -> None:
    stored, (a, b, c), _ = _stored()
    edits = [replace(a, text="a, reworded"), replace(b, text="b, reworded")]
    assert park_the_one_worked_on(stored, edits) == edits  # a stays worked on
    assert park_the_one_worked_on(stored, [replace(c, status=PARKED)]) == [
        replace(c, status=PARKED)
    ]
    # the session parked the old one itself, in the same save: nothing more to park
    both = [replace(a, status=PARKED), replace(c, status=PARKED), replace(b, status=WORKING)]
    assert park_the_one_worked_on(stored, both) == both
