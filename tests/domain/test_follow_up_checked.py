"""TWI Job Relations' step 4, check results: the coach marks a follow-up checked,
with what the check showed; it is then no longer due, while a follow-up on
another card set stays open."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

import pytest

from kata_tui.domain.codec import decode_storyboard, encode_storyboard
from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.follow_up import check_follow_up, open_follow_ups
from kata_tui.domain.summary import open_follow_up, summarize
from tests.domain.test_follow_up import TODAY, board, running


def with_follow_ups(*days: tuple[str, date]):
    story = board()
    cycles = []
    for i, (card, day) in enumerate(days):
        cycle = replace(
            running(story), card=card, follow_up=day, started=running(story).started + timedelta(i)
        )
        cycles.append(cycle)
        story = story.with_record(cycle)
    return story, cycles


def test_checking_closes_the_follow_up_and_keeps_what_the_check_showed() -> None:
    story, (cycle,) = with_follow_ups(("jr", date(2026, 11, 27)))
    checked = check_follow_up(story, date(2026, 11, 28), "  Ana and Ben agree the swaps  ")
    assert checked.id == cycle.id and checked.rev == cycle.rev
    assert checked.follow_up_checked == date(2026, 11, 28)
    assert checked.follow_up_result == "Ana and Ben agree the swaps"
    assert checked.follow_up == date(2026, 11, 27)  # the date agreed stays in the record
    assert replace(checked, follow_up_checked=None, follow_up_result="") == cycle
    after = story.with_record(checked)
    assert open_follow_ups(after) == [] and open_follow_up(after) is None
    assert summarize(after).next_follow_up is None
    assert not summarize(after).follow_up_overdue(date(2026, 12, 30))
    with pytest.raises(InvalidInput, match=r"^no follow-up is open on this board$"):
        check_follow_up(after, TODAY, "again")


def test_the_earliest_open_follow_up_is_checked_first_and_the_others_stay_due() -> None:
    story, (late, early) = with_follow_ups(("jr", date(2026, 12, 4)), ("jr-2", date(2026, 11, 26)))
    assert open_follow_ups(story) == [early, late]
    checked = check_follow_up(story, TODAY, "done")
    assert checked.id == early.id
    after = story.with_record(checked)
    assert open_follow_ups(after) == [late]
    assert open_follow_up(after) == date(2026, 12, 4)
    assert check_follow_up(after, TODAY, "done too").id == late.id


def test_same_day_follow_ups_go_in_the_order_the_cycles_started() -> None:
    story, (first, second) = with_follow_ups(
        ("jr", date(2026, 11, 26)), ("jr-2", date(2026, 11, 26))
    )
    assert open_follow_ups(story) == [first, second]


def test_a_later_cycle_on_the_set_still_closes_an_unchecked_one() -> None:
    story, (old,) = with_follow_ups(("jr", date(2026, 11, 27)))
    later = replace(running(story), started=old.started + timedelta(days=1))
    assert open_follow_ups(story.with_record(later)) == []
    again = replace(later, follow_up=date(2026, 12, 1))
    assert open_follow_ups(story.with_record(again)) == [again]


@pytest.mark.parametrize("result", ["", "   ", "\n"])
def test_the_check_needs_what_it_showed(result: str) -> None:
    story, _ = with_follow_ups(("jr", date(2026, 11, 27)))
    said = "say what the check showed: did the action help?"
    with pytest.raises(InvalidInput, match=re.escape(said)):
        check_follow_up(story, TODAY, result)


def test_no_follow_up_no_check() -> None:
    with pytest.raises(InvalidInput, match=r"^no follow-up is open on this board$"):
        check_follow_up(board(), TODAY, "x")
    story = board().with_record(running(board()))  # a cycle without a follow-up
    with pytest.raises(InvalidInput, match=r"^no follow-up is open on this board$"):
        check_follow_up(story, TODAY, "x")


def test_a_checked_follow_up_is_stored_and_read_back() -> None:
    story, _ = with_follow_ups(("jr", date(2026, 11, 27)))
    after = story.with_record(check_follow_up(story, TODAY, "helped"))
    tables = encode_storyboard(after)
    (row,) = tables["cycles"]
    assert (row["follow_up_checked"], row["follow_up_result"]) == ("2026-11-23", "helped")
    again = decode_storyboard(tables)
    assert again.cycles == after.cycles
    del row["follow_up_checked"], row["follow_up_result"]  # a file from before: open
    assert open_follow_up(decode_storyboard(tables)) == date(2026, 11, 27)


def test_of_two_cycles_started_at_once_the_later_listed_is_the_latest() -> None:
    story, (first,) = with_follow_ups(("jr", date(2026, 11, 27)))
    again = replace(first, id="again", follow_up=None)
    assert open_follow_ups(story.with_record(again)) == []
