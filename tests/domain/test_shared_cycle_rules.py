"""The rules of one shared cycle: drivers, refusals, accidents, interruption, notes (issue 11)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from kata_tui.domain import cycle as rules
from kata_tui.domain.demo import demo_boards
from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.history import history
from kata_tui.domain.model import CoachingCycle, NoteKind, Role, Stamp
from kata_tui.domain.storyboard import Storyboard
from kata_tui.domain.summary import summarize
from kata_tui.export.markdown import render_markdown
from tests.conftest import TODAY

NOW = datetime(2026, 11, 23, 9, 0)


def _maria() -> Storyboard:
    return next(s for s in demo_boards(TODAY) if s.board.learner == "maria")


def _started(story: Storyboard, at: datetime = NOW) -> tuple[Storyboard, CoachingCycle]:
    outcome = rules.start_cycle(story, at, "tom", Role.COACH)
    cycle = outcome.records[-1]
    assert isinstance(cycle, CoachingCycle)
    return story.with_record(cycle), cycle


def test_the_starter_drives_and_a_take_over_is_recorded() -> None:
    _, cycle = _started(_maria())
    assert cycle.driver is not None and cycle.driver.label() == "tom (coach)"
    taken = rules.take_over(cycle, "maria", Role.LEARNER, NOW + timedelta(minutes=3))
    assert [d.by for d in taken.drivers] == ["tom", "maria"]
    assert taken.driver is not None and taken.driver.by == "maria"


def test_a_paused_cycle_has_no_driver_until_resumed() -> None:
    _, cycle = _started(_maria())
    paused = rules.pause(cycle)
    assert paused.running and paused.driver is None
    assert rules.take_over(paused, "tom", Role.COACH, NOW).driver is not None


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda c: rules.end_cycle(c, NOW), "has ended"),
        (lambda c: rules.move_to(c, "q3"), "moved on to question 3"),
        (lambda c: rules.take_over(c, "maria", Role.LEARNER, NOW), "maria (learner) drives"),
        (rules.pause, "paused"),
    ],
)
def test_an_answer_against_a_cycle_that_changed_is_refused(change, why) -> None:
    story, cycle = _started(_maria())
    assert rules.refusal(story, cycle.id, "q1", "tom") == ""
    changed = story.with_record(change(cycle))
    assert why in rules.refusal(changed, cycle.id, "q1", "tom")


def test_a_cycle_with_no_answer_and_no_note_leaves_no_record() -> None:
    story, cycle = _started(_maria())
    assert not rules.leaves_record(cycle, story)
    noted = story.with_record(rules.note(cycle, "asks well", NOW))
    assert rules.leaves_record(cycle, noted)
    said = rules.answer(story, "q1", "x", TODAY, "tom", cycle=cycle).records[-1]
    assert rules.leaves_record(said, story)  # type: ignore[arg-type]


def test_a_cycle_running_past_a_working_day_is_interrupted_everywhere() -> None:
    story, cycle = _started(_maria(), NOW - timedelta(hours=9))
    assert rules.interrupted(cycle, NOW)
    assert not rules.interrupted(cycle, NOW - timedelta(hours=2))
    assert summarize(story).interrupted(NOW)
    [entry] = [e for e in history(story, now=NOW) if e.record_id == cycle.id]
    assert "interrupted" in entry.title


def test_an_empty_note_is_refused() -> None:
    _, cycle = _started(_maria())
    with pytest.raises(InvalidInput):
        rules.note(cycle, "  ", NOW)


def test_a_follower_note_shows_in_history_and_the_markdown_export() -> None:
    story, cycle = _started(_maria())
    note = replace(
        rules.note(rules.move_to(cycle, "r3"), "lets her answer", NOW),
        stamp=Stamp("anna", Role.SECOND_COACH, NOW),
    )
    story = story.with_record(note)
    [entry] = [e for e in history(story, now=NOW) if e.record_id == cycle.id]
    assert ("Second coach's observation at R3", "lets her answer", "anna (second coach)") in [
        (line.label, line.text, line.by) for line in entry.lines
    ]
    assert "| R3 | observation | lets her answer | anna (second coach) |" in render_markdown(
        story, TODAY
    )


def test_a_note_typed_as_feedback_is_feedback_and_names_the_second_coach() -> None:
    story, cycle = _started(_maria())
    said = rules.note(cycle, "Feedback: ask one thing at a time", NOW)
    assert (said.kind, said.text) == (NoteKind.FEEDBACK, "ask one thing at a time")
    assert rules.second_coach_of(cycle, story) == ""
    story = story.with_record(replace(said, stamp=Stamp("anna", Role.SECOND_COACH, NOW)))
    assert rules.second_coach_of(cycle, story) == "anna"


def test_the_second_coach_is_who_wrote_notes_as_second_coach_on_that_cycle() -> None:
    story, cycle = _started(_maria())
    said = rules.note(cycle, "asks well", NOW)
    by_coach = replace(said, stamp=Stamp("tom", Role.COACH, NOW))
    other = replace(said, id="n2", cycle_id="other", stamp=Stamp("eva", Role.SECOND_COACH, NOW))
    unstamped = replace(said, id="n3", stamp=None)
    story = story.with_record(by_coach).with_record(other).with_record(unstamped)
    assert rules.second_coach_of(cycle, story) == ""
    named = replace(cycle, second_coach="lena")
    assert rules.second_coach_of(named, story) == "lena"
    mine = replace(said, id="n4", stamp=Stamp("anna", Role.SECOND_COACH, NOW))
    assert rules.second_coach_of(named, story.with_record(mine)) == "anna"


def test_a_cycle_is_interrupted_only_once_a_working_day_has_passed() -> None:
    story, _ = _started(_maria(), NOW - timedelta(hours=8))
    assert not summarize(story).interrupted(NOW)
    assert summarize(story).interrupted(NOW + timedelta(seconds=1))
