"""Cadence figures from fixed cycle data, against values worked out by hand.

The data: seven cycles from 20 Oct to 19 Nov 2026, each agreeing the next
go-and-see date (question 5), and nine steps. On Monday 23 Nov the four weeks
are 27 Oct to 23 Nov (28 days).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

from kata_tui.domain.cadence import (
    CadenceFacts,
    board_facts,
    cadence,
    cadence_facts,
    cadence_words,
    planned_go_see,
    since_words,
)
from kata_tui.domain.model import Answer, Board, CoachingCycle, Experiment
from kata_tui.domain.storyboard import Storyboard

TODAY = date(2026, 11, 23)


def cycle(day: str, minutes: int | None, go_see: str | None) -> CoachingCycle:
    held = date.fromisoformat(day)
    started = datetime.combine(held, time(9, 30))
    answers = (Answer("q5", "some day", "maria", f"{go_see} 14:00"),) if go_see else ()
    return CoachingCycle(
        target_id="t",
        day=held,
        coach="tom",
        learner="maria",
        started=started,
        ended=started + timedelta(minutes=minutes) if minutes is not None else None,
        answers=answers,
    )


# day, minutes, go-and-see agreed; by hand, each agreed date against the next cycle:
CYCLES = [
    cycle("2026-10-20", 30, "2026-10-22"),  # (A) 22 Oct: held 22 Oct, kept (before the window)
    cycle("2026-10-22", 20, "2026-10-27"),  # (B) 27 Oct: next cycle 29 Oct, missed
    cycle("2026-10-29", 15, "2026-11-02"),  # (C) 2 Nov: held 2 Nov, kept
    cycle("2026-11-02", 25, "2026-11-03"),  # (D) 3 Nov: next cycle 10 Nov, missed
    cycle("2026-11-10", 18, "2026-11-12"),  # (E) 12 Nov: held 12 Nov, kept
    cycle("2026-11-12", 22, "2026-11-20"),  # (F) 20 Nov: held early, 19 Nov, kept
    cycle("2026-11-19", 14, "2026-11-25"),  # (G) 25 Nov: not yet due on 23 Nov
]
STEP_DAYS = [
    date.fromisoformat(d)
    for d in (
        "2026-10-20",
        "2026-10-25",
        "2026-10-27",
        "2026-11-01",
        "2026-11-05",
        "2026-11-05",
        "2026-11-12",
        "2026-11-20",
        "2026-11-24",  # dated ahead: not yet taken on 23 Nov
    )
]


def test_figures_on_23_november_match_the_hand_worked_values() -> None:
    figures = cadence(cadence_facts(CYCLES, STEP_DAYS), TODAY)
    assert figures.days_since_cycle == 4  # 19 Nov to 23 Nov
    assert figures.cycles_per_week == 1.25  # C D E F G: 5 cycles in 4 weeks
    assert figures.experiments_per_week == 1.5  # 27 Oct, 1, 5, 5, 12, 20 Nov: 6 in 4 weeks
    assert figures.usual_minutes == 20  # 14 15 18 [20] 22 25 30
    assert (figures.go_see_kept, figures.go_see_due) == (3, 5)  # B- C+ D- E+ F+
    assert figures.kept_share == 0.6


def test_a_go_and_see_passed_with_no_cycle_counts_as_missed() -> None:
    """On 27 Nov: the window is 31 Oct to 27 Nov; G's 25 Nov passed with no cycle."""
    figures = cadence(cadence_facts(CYCLES, STEP_DAYS), date(2026, 11, 27))
    assert figures.days_since_cycle == 8
    assert figures.cycles_per_week == 1.0  # D E F G
    assert figures.experiments_per_week == 1.5  # 1, 5, 5, 12, 20, 24 Nov
    assert (figures.go_see_kept, figures.go_see_due) == (3, 5)  # C+ D- E+ F+ G-
    # on 24 Nov (28 Oct to 24 Nov) B's 27 Oct has left the window and G is still open
    on_24th = cadence(cadence_facts(CYCLES, STEP_DAYS), date(2026, 11, 24))
    assert (on_24th.go_see_kept, on_24th.go_see_due) == (3, 4)  # C+ D- E+ F+


def test_a_board_never_coached_has_no_figures_but_its_steps() -> None:
    figures = cadence(cadence_facts([], STEP_DAYS[:3]), TODAY)
    assert figures.days_since_cycle is None
    assert figures.cycles_per_week == 0
    assert figures.experiments_per_week == 0.25  # 27 Oct only
    assert figures.usual_minutes is None
    assert figures.kept_share is None
    assert cadence(cadence_facts([], []), TODAY) == cadence(CadenceFacts(), TODAY)


def test_a_running_cycle_counts_as_held_but_has_no_length() -> None:
    running = cycle("2026-11-23", None, None)
    figures = cadence(cadence_facts([*CYCLES, running], STEP_DAYS), TODAY)
    assert figures.days_since_cycle == 0
    assert figures.cycles_per_week == 1.5  # C D E F G and today's
    assert figures.usual_minutes == 20
    # G's 25 Nov counts as kept: a cycle was held (today) before it
    assert (figures.go_see_kept, figures.go_see_due) == (4, 6)


def test_the_usual_length_is_the_median_of_the_last_ten_ended_cycles() -> None:
    long_ago = [cycle(f"2026-09-{d:02d}", 90, None) for d in range(1, 11)]
    # last ten: 90 90 90 30 20 15 25 18 22 14; sorted 14 15 18 20 [22 25] 30 90 90 90
    assert cadence(cadence_facts([*long_ago, *CYCLES], []), TODAY).usual_minutes == 23.5


def test_the_go_and_see_agreed_is_the_last_answer_to_question_5() -> None:
    twice = replace(
        CYCLES[0],
        answers=(Answer("q5", "fri", "maria", "2026-10-23"), Answer("q5", "mon", "", "2026-10-26")),
    )
    assert planned_go_see(twice) == date(2026, 10, 26)
    assert planned_go_see(replace(CYCLES[0], answers=(Answer("q5", "?", "", ""),))) is None
    assert planned_go_see(replace(CYCLES[0], answers=())) is None


def test_the_facts_count_each_day_once_from_the_first_day_kept() -> None:
    """By hand: from 20 Oct, the cycles' days, the steps' days, the day each agreed
    go-and-see was kept (the cycle held) or missed (the date)."""
    facts = cadence_facts(CYCLES, STEP_DAYS)
    assert facts.since == date(2026, 10, 20)
    assert len(facts.cycles) == 36  # 20 Oct to 24 Nov, the step dated ahead
    days = {
        (facts.since + timedelta(days=i)).isoformat()[5:]: c for i, c in enumerate(facts.cycles)
    }
    assert [d for d, c in days.items() if c != "0"] == [
        "10-20", "10-22", "10-29", "11-02", "11-10", "11-12", "11-19"
    ]  # fmt: skip
    assert facts.experiments[(date(2026, 11, 5) - facts.since).days] == "2"
    kept = [facts.since + timedelta(days=i) for i, c in enumerate(facts.kept) if c != "0"]
    missed = [facts.since + timedelta(days=i) for i, c in enumerate(facts.missed) if c != "0"]
    assert [d.isoformat() for d in kept] == ["2026-10-22", "2026-11-02", "2026-11-12", "2026-11-19"]
    assert [d.isoformat() for d in missed] == ["2026-10-27", "2026-11-03"]
    assert facts.open_go_see == date(2026, 11, 25)
    assert facts.last_cycle == date(2026, 11, 19)
    assert facts.count("experiments", date(2026, 11, 1), date(2026, 11, 5)) == 3
    assert facts.count("cycles", date(2026, 1, 1), date(2026, 10, 19)) == 0
    assert CadenceFacts().count("cycles", TODAY, TODAY) == 0


def test_the_facts_keep_recent_dates_only_and_the_figures_do_not_change() -> None:
    """A board years old writes a short summary: dates older than eight weeks before
    its newest cycle or step are left out, and no later day's window reaches them."""
    years = [
        cycle((date(2024, 1, 1) + timedelta(days=3 * i)).isoformat(), 20, None) for i in range(300)
    ]
    facts = cadence_facts([*years, *CYCLES], STEP_DAYS)
    assert facts.since == date(2026, 10, 20)  # the first day counted: within 56 days
    years_only = cadence_facts(years, [])
    assert years_only.since is not None
    # from the first cycle in the eight weeks before the newest (every third day)
    assert len(years_only.cycles) == 55
    assert years_only.since == years_only.last_cycle - timedelta(days=54)
    for day in (TODAY, date(2026, 12, 10), date(2027, 3, 1)):
        full = cadence(cadence_facts([*years, *CYCLES], STEP_DAYS), day)
        assert cadence(facts, day) == full
    assert cadence(facts, date(2027, 3, 1)).days_since_cycle == 102
    assert cadence(facts, date(2027, 3, 1)).cycles_per_week == 0


def test_the_board_and_its_facts_agree() -> None:
    board = Board(learner="maria", coach="tom", challenge="c")
    steps = tuple(
        Experiment(target_id="t", number=n, day=d, step="s", expected="e")
        for n, d in enumerate(STEP_DAYS, start=1)
    )
    story = Storyboard(board=board, cycles=tuple(CYCLES), experiments=steps)
    assert board_facts(story) == cadence_facts(CYCLES, STEP_DAYS)


def test_the_figures_read_as_one_line() -> None:
    figures = cadence(cadence_facts(CYCLES, STEP_DAYS), TODAY)
    assert cadence_words(figures) == (
        "last cycle 4 days ago; a week over 4 weeks: 1.25 cycles, 1.5 experiments; "
        "usual cycle 20 min; go-and-see kept 3 of 5"
    )
    assert cadence_words(cadence(CadenceFacts(), TODAY)) == (
        "no cycle yet; a week over 4 weeks: 0 cycles, 0 experiments; "
        "no cycle ended yet; no go-and-see due"
    )
    assert since_words(0) == "last cycle today"
    assert since_words(1) == "last cycle 1 day ago"


def test_a_summary_written_before_the_cadence_still_says_when_the_last_cycle_was() -> None:
    from kata_tui.domain.summary import BoardSummary

    old = BoardSummary(
        slug="old",
        learner="ann",
        coach="tom",
        challenge="c",
        target="t",
        achieve_by=None,
        last_cycle=date(2026, 11, 20),
        next_go_see=None,
        experiments=3,
    )
    assert old.cadence(TODAY).days_since_cycle == 3


def test_the_median_is_the_middle_value_or_the_mean_of_the_middle_two() -> None:
    from kata_tui.domain.cadence import median

    assert median([30, 14, 20]) == 20.0
    assert median([25, 15, 14, 90]) == 20.0
    assert median([7]) == 7.0


def test_a_day_counts_up_to_35_steps_and_no_more() -> None:
    """A day's count is one character: 35 steps in a day count as 35, a 36th is not
    counted (the summary line holds at most 35 a day)."""
    day = date(2026, 11, 20)
    assert cadence(cadence_facts([], [day] * 35), TODAY).experiments_per_week == 35 / 4
    assert cadence(cadence_facts([], [day] * 40), TODAY).experiments_per_week == 35 / 4
    assert cadence(cadence_facts([], [day] * 34), TODAY).experiments_per_week == 34 / 4
