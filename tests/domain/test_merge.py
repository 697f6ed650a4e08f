"""Field-by-field merge of two people's changes to one record (issue 11)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from kata_tui.domain.merge import changed, merge
from kata_tui.domain.model import CoachingCycle, Experiment

NOW = datetime(2026, 11, 23, 9, 0)
BASE = Experiment("t1", 3, date(2026, 11, 20), "Try the cart", expected="Faster", rev=4)


def test_a_field_only_one_side_changed_is_kept_from_each_side() -> None:
    mine = replace(BASE, happened="Cart was late")
    theirs = replace(BASE, learned="Ask the driver", rev=5)
    result = merge(BASE, mine, theirs)
    assert result.clean
    kept = result.resolved("mine")
    assert (kept.happened, kept.learned, kept.rev) == ("Cart was late", "Ask the driver", 5)


def test_both_changing_one_field_differently_is_a_conflict_naming_only_that_field() -> None:
    mine = replace(BASE, happened="Cart was late", expected="Much faster")
    theirs = replace(BASE, happened="Cart came on time", learned="Timing", rev=5)
    result = merge(BASE, mine, theirs)
    assert result.both == ("happened",)
    assert result.mine_only == ("expected",)


def test_keep_mine_overrides_only_the_fields_both_changed() -> None:
    mine = replace(BASE, happened="Cart was late", expected="Much faster")
    theirs = replace(BASE, happened="Cart came on time", learned="Timing", rev=5)
    kept = merge(BASE, mine, theirs).resolved("mine")
    assert (kept.happened, kept.expected, kept.learned) == (
        "Cart was late",
        "Much faster",
        "Timing",
    )


def test_take_theirs_still_keeps_the_fields_only_i_changed() -> None:
    mine = replace(BASE, happened="Cart was late", expected="Much faster")
    theirs = replace(BASE, happened="Cart came on time", rev=5)
    result = merge(BASE, mine, theirs)
    taken = result.resolved("theirs")
    assert (taken.happened, taken.expected) == ("Cart came on time", "Much faster")
    assert not result.theirs_kept


def test_by_hand_wins_over_both() -> None:
    mine = replace(BASE, happened="late")
    theirs = replace(BASE, happened="on time", rev=5)
    done = merge(BASE, mine, theirs).resolved("mine", happened="late, then on time")
    assert done.happened == "late, then on time"


def test_the_same_change_on_both_sides_is_no_conflict() -> None:
    mine = replace(BASE, happened="late")
    theirs = replace(BASE, happened="late", rev=5)
    result = merge(BASE, mine, theirs)
    assert result.clean and result.theirs_kept


def test_a_running_cycle_changed_by_anyone_else_never_merges() -> None:
    start = datetime(2026, 11, 23, 9, 0)
    base = CoachingCycle("t1", start.date(), "c", "l", start, position="q4", rev=2)
    mine = replace(base, position="q5")
    theirs = replace(base, ended=start, rev=3)  # ended elsewhere: nothing the driver did overlaps
    result = merge(base, mine, theirs)
    assert not result.clean
    assert set(result.both) == set(changed(theirs, mine))


def test_an_edit_made_on_an_older_version_moves_onto_the_stored_one() -> None:
    """The fields the edit changed go onto the stored version; the rest, its rev and
    its stamp stay the stored one's."""
    from kata_tui.domain.merge import rebase
    from kata_tui.domain.model import Role, Stamp

    edited = replace(BASE, happened="Cart was late", rev=4)
    stored = replace(BASE, learned="Ask the driver", rev=6, stamp=Stamp("ben", Role.COACH, NOW))
    moved = rebase(BASE, edited, stored)
    assert (moved.happened, moved.learned, moved.rev, moved.stamp) == (
        "Cart was late",
        "Ask the driver",
        6,
        stored.stamp,
    )
    assert rebase(BASE, BASE, stored) == stored


def test_ids_revisions_and_stamps_are_not_changes_people_decide_on() -> None:
    from kata_tui.domain.model import Role, Stamp

    restamped = replace(BASE, rev=9, stamp=Stamp("ben", Role.COACH, NOW), id="other")
    assert changed(BASE, restamped) == []
    assert changed(BASE, replace(BASE, step="Try the crane", number=4)) == ["number", "step"]
    result = merge(BASE, replace(BASE, rev=7), replace(BASE, rev=8))
    assert result.clean and result.theirs_kept and result.mine_only == ()
