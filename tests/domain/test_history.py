from dataclasses import replace
from datetime import datetime

import pytest

from kata_tui.domain.card import COACHING_KATA
from kata_tui.domain.demo import demo_boards
from kata_tui.domain.history import (
    EntryKind,
    history,
    learnings,
    learnings_across,
    search,
    search_learnings,
)
from kata_tui.domain.model import Answer, CoachingCycle, TargetStatus
from kata_tui.domain.storyboard import Storyboard
from kata_tui.domain.targets import reach_target
from tests.conftest import TODAY


@pytest.fixture
def stories() -> list[Storyboard]:
    return [replace(s, slug=s.board.learner) for s in demo_boards(TODAY)]


def test_history_is_oldest_first_with_every_cycle_and_reached_target(stories) -> None:
    story = stories[0]
    entries = history(story)
    cycles = [e for e in entries if e.kind is EntryKind.CYCLE]
    targets = [e for e in entries if e.kind is EntryKind.TARGET]
    assert len(cycles) == len(story.cycles)
    assert [t.record_id for t in targets] == [story.targets_in_order()[0].id]
    assert [e.at for e in entries] == sorted(e.at for e in entries)
    assert entries[0].kind is EntryKind.TARGET  # reached 7 Nov, before the cycles


def test_cycle_entry_shows_card_question_answer_reflection_and_feedback(stories) -> None:
    story = stories[0]
    entry = next(e for e in history(story) if "second coach anna" in e.title)
    labels = [line.label for line in entry.lines]
    r1 = COACHING_KATA.get("r1")
    assert f"{r1.label}. {r1.text}" in labels
    assert any(line.text == "Let the learner hold the pen longer" for line in entry.lines)
    assert "min" in entry.title and "coach tom" in entry.title


def test_newly_reached_target_appears_after_that_days_cycles(stories) -> None:
    story = stories[0]
    cycle = CoachingCycle(
        story.target.id,  # type: ignore[union-attr]
        TODAY,
        "tom",
        "maria",
        datetime(2026, 11, 23, 9, 30),
        datetime(2026, 11, 23, 9, 50),
        answers=(Answer("q1", "Under 25 min"),),
    )
    records = reach_target(
        story.with_record(cycle),
        TargetStatus.ACHIEVED,
        pattern="next",
        achieve_by=None,
        outcome_target=None,
        today=TODAY,
    )
    after = story.with_record(cycle)
    for record in records:
        after = after.with_record(record)
    entries = history(after)
    assert entries[-2].record_id == cycle.id
    assert entries[-1].kind is EntryKind.TARGET and "2 achieved 2026-11-23" in entries[-1].title
    assert entries[-2].lines[0].text == "Under 25 min"


def test_search_ignores_case_and_needs_every_word(stories) -> None:
    entries = history(stories[0])
    hits = search(entries, "CLAMP biggest")
    assert hits and all("biggest" in entries[i].text().lower() for i in hits)
    assert search(entries, "") == list(range(len(entries)))
    assert search(entries, "no such words here") == []


def test_running_cycle_is_marked_running(stories) -> None:
    story = stories[0]
    running = CoachingCycle(story.target.id, TODAY, "tom", "maria", datetime(2026, 11, 23, 9))  # type: ignore[union-attr]
    entry = history(story.with_record(running))[-1]
    assert "running" in entry.title and entry.lines[0].text == "(none recorded)"


def test_learnings_of_a_board_link_to_their_experiment(stories) -> None:
    story = stories[0]
    items = learnings(story)
    assert len(items) == sum(1 for e in story.experiments if e.learned.strip())
    assert [i.day for i in items] == sorted(i.day for i in items)
    first = items[0]
    experiment = next(e for e in story.experiments if e.id == first.experiment_id)
    assert first.learned == experiment.learned and first.slug == "maria"
    assert first.target_seq == 1


def test_learnings_across_boards_and_search(stories) -> None:
    items = learnings_across(stories)
    assert {i.slug for i in items} == {"maria", "jonas", "aisha", "ken"}
    assert len(items) == sum(len(learnings(s)) for s in stories)
    found = search_learnings(items, "maria shims")
    assert found and all(i.learner == "maria" for i in found)
    assert all("shims" in i.text().lower() for i in found)
