"""A follow-up date (a Job Relations record's step 4): kept on the cycle record,
never already past, and open until the next cycle on the same card set."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from kata_tui.domain.card import LANDINGS, Lands, Question, QuestionCard
from kata_tui.domain.codec import check_storyboard
from kata_tui.domain.cycle import answer, start_cycle
from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.model import Board, CoachingCycle, Obstacle, TargetCondition
from kata_tui.domain.storyboard import Storyboard
from kata_tui.domain.summary import open_follow_up

TODAY = date(2026, 11, 23)
CARD = QuestionCard(
    "jr",
    "JR",
    "",
    (
        Question("o", "O", "Objective?", None, Lands.CYCLE),
        Question("f", "4F", "When will you follow up?", None, Lands.FOLLOW_UP),
    ),
)


def board() -> Storyboard:
    return Storyboard(board=Board("lea", "tom", "c"), targets=(TargetCondition(seq=1),))


def running(story: Storyboard) -> CoachingCycle:
    (cycle,) = start_cycle(story, datetime(2026, 11, 23, 9), "tom", card=CARD).records
    return cycle


def test_the_follow_up_lands_on_the_cycle_record_only() -> None:
    assert LANDINGS[Lands.FOLLOW_UP].needs_target is False
    story = board()
    cycle = running(story)
    done = answer(story, "f", "+2w", TODAY, "tom", cycle=cycle, card=CARD)
    (saved,) = done.records
    assert saved.follow_up == date(2026, 12, 7)
    assert saved.answers[-1].meaning == done.meaning == "follow-up 2026-12-07"
    assert answer(story, "f", "today", TODAY, "tom", cycle=cycle, card=CARD).records[0].follow_up
    # any other answer leaves the date alone
    (other,) = answer(story, "o", "x", TODAY, "tom", cycle=saved, card=CARD).records
    assert other.follow_up == date(2026, 12, 7)


@pytest.mark.parametrize(
    ("text", "cycle", "said"),
    [("yesterday", True, "2026-11-22 is already past"), ("fri", False, "start a cycle first")],
)
def test_a_past_date_or_no_cycle_is_refused(text, cycle, said) -> None:
    story = board()
    with pytest.raises(InvalidInput, match=said):
        answer(story, "f", text, TODAY, "tom", cycle=running(story) if cycle else None, card=CARD)


def test_the_latest_cycle_of_each_card_set_keeps_its_follow_up_open() -> None:
    story = board()
    first = replace(running(story), follow_up=date(2026, 11, 30))
    assert open_follow_up(story.with_record(first)) == date(2026, 11, 30)
    later = replace(running(story), started=first.started + timedelta(days=7))
    assert open_follow_up(story.with_record(first).with_record(later)) is None  # checked
    kata = replace(later, card="coaching-kata")  # another set's cycle closes nothing
    assert open_follow_up(story.with_record(first).with_record(kata)) == date(2026, 11, 30)
    other = replace(later, card="jr-2", follow_up=date(2026, 11, 26))
    assert open_follow_up(story.with_record(first).with_record(other)) == date(2026, 11, 26)
    assert open_follow_up(story) is None


LINKED = QuestionCard(
    "jr", "JR", "", (Question("b", "B", "Which obstacle?", None, Lands.LINK_OBSTACLE),)
)


def test_a_record_links_to_an_obstacle_by_number_and_leaves_it_alone() -> None:
    story = board()
    (target,) = story.targets
    parked = Obstacle(target.id, "Bob swaps shifts", TODAY, number=2)
    story = story.with_record(parked)
    cycle = running(story)
    done = answer(story, "b", "#2", TODAY, "tom", cycle=cycle, card=LINKED)
    (saved,) = done.records  # the obstacle is not among the records saved
    assert saved.obstacle_id == parked.id
    assert saved.answers[-1].meaning == 'obstacle 2 "Bob swaps shifts"'
    for wrong, said in [("3", "no obstacle '3' in the parking lot (numbers 2-2)"), ("x", "'x'")]:
        with pytest.raises(InvalidInput, match=re.escape(said)):
            answer(story, "b", wrong, TODAY, "tom", cycle=cycle, card=LINKED)
    with pytest.raises(InvalidInput, match="start a cycle first"):
        answer(story, "b", "2", TODAY, "tom", card=LINKED)
    assert answer(story, "b", "", TODAY, "tom", cycle=cycle, card=LINKED).records == ()


def test_kata_check_refuses_a_link_to_an_obstacle_that_is_not_there() -> None:
    story = board()
    check_storyboard(story.with_record(running(story)))
    story = story.with_record(replace(running(story), obstacle_id="gone"))
    with pytest.raises(InvalidInput, match=r"cycles\[0\]\.obstacle_id: no obstacle 'gone'"):
        check_storyboard(story)


def test_a_board_without_a_target_keeps_the_follow_up_and_refuses_a_link() -> None:
    story = Storyboard(board=Board("lea", "tom", "c"))
    (cycle,) = start_cycle(story, datetime(2026, 11, 23, 9), "tom", card=CARD).records
    (saved,) = answer(story, "f", "fri", TODAY, "tom", cycle=cycle, card=CARD).records
    assert saved.follow_up == date(2026, 11, 27)
    assert saved.answers[-1].meaning == "follow-up 2026-11-27"
    assert LANDINGS[Lands.LINK_OBSTACLE].needs_target is False  # asking it needs none
    with pytest.raises(InvalidInput, match="no obstacles before the first target condition"):
        answer(story, "b", "1", TODAY, "tom", cycle=cycle, card=LINKED)
