from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from kata_tui.domain.card import COACHING_KATA
from kata_tui.domain.demo import demo_boards
from kata_tui.domain.history import (
    EntryKind,
    Learning,
    Line,
    change_entries,
    cycle_entry,
    history,
    learnings,
    learnings_across,
    search,
    search_learnings,
    target_entry,
)
from kata_tui.domain.model import (
    Answer,
    Board,
    CoachingCycle,
    Driver,
    EarlierVersion,
    Experiment,
    Metric,
    MetricKind,
    Obstacle,
    Reading,
    Role,
    TargetCondition,
    TargetStatus,
)
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
    reached = story.targets_in_order()[0].closed_on
    kinds = [(e.kind, e.day <= reached) for e in entries]
    # the target reached on 7 Nov comes after that target's cycles, before the next one's
    assert kinds.index((EntryKind.TARGET, True)) == sum(k == (EntryKind.CYCLE, True) for k in kinds)


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


def test_a_blank_search_lists_entries_without_reading_them(stories, monkeypatch) -> None:
    """Ten plants hold 600,000 learnings: listing the first of them (the screen
    shows 1,000) looks at no entry's text; a search stops at ``limit`` matches."""
    items = learnings_across(stories)
    assert search_learnings(items, "  ") == items
    read: list[Learning] = []
    real = Learning.matches
    monkeypatch.setattr(Learning, "matches", lambda self, n: read.append(self) or real(self, n))
    assert search_learnings(items, "", 3) == items[:3]
    assert read == []
    found = search_learnings(items, "the", 2)
    assert len(found) == 2 and all(i.matches("the") for i in found)
    assert len(read) < len(items)


def _closed_story():
    target = TargetCondition(
        seq=2,
        achieve_by=date(2026, 11, 20),
        metrics=(
            Metric("changeover", "min", 25.0),
            Metric("steps", "%", None, kind=MetricKind.PROCESS, better="higher"),
        ),
        pattern="One sequence",
        actual_pattern="Held a week",
        status=TargetStatus.ACHIEVED,
        closed_on=date(2026, 11, 21),
    )
    cycle = CoachingCycle(
        target.id,
        date(2026, 11, 21),
        "tom",
        "ana",
        datetime(2026, 11, 21, 9, 0),
        ended=datetime(2026, 11, 21, 9, 22),
        second_coach="eva",
        answers=(
            Answer("q3", "Shims missing", "ana"),
            Answer("q1", "One sequence", "ana"),
            Answer("q2", "   ", "ana"),  # blank: left out
            Answer("old", "from an older card", "tom"),
        ),
        reflection="Ask, do not tell",
        second_coach_feedback="Wait longer",
    )
    story = Storyboard(
        board=Board("ana", "tom", "c"),
        targets=(target,),
        readings=(
            Reading(target.id, date(2026, 11, 2), "changeover", 31.5),
            Reading(target.id, date(2026, 11, 9), "steps", 80.0),
            Reading(target.id, date(2026, 11, 19), "changeover", 24.0),
        ),
        obstacles=(Obstacle(target.id, "o", date(2026, 11, 2)),),
        experiments=(
            Experiment(target.id, 1, date(2026, 11, 3), "s", learned="l"),
            Experiment(target.id, 2, date(2026, 11, 5), "s2", learned="  "),
        ),
        cycles=(cycle,),
    )
    return story, target, cycle


def test_entries_pinned_word_for_word() -> None:
    story, target, cycle = _closed_story()
    entry = cycle_entry(cycle, story)
    assert (entry.kind, entry.day, entry.record_id, entry.at) == (
        EntryKind.CYCLE, date(2026, 11, 21), cycle.id, cycle.started,
    )  # fmt: skip
    assert entry.title == (
        "Coaching cycle 2026-11-21: coach tom, learner ana, second coach eva; 22 min, "
        "target condition 2"
    )
    assert entry.lines == (
        Line("1. What is the target condition?", "One sequence", "ana"),
        Line(
            "3. What obstacles do you think are preventing you from reaching the target "
            "condition? Which one are you addressing now?",
            "Shims missing",
            "ana",
        ),
        Line("old", "from an older card", "tom"),
        Line("Coach's reflection (what I learned about coaching)", "Ask, do not tell"),
        Line("Second coach's feedback (eva)", "Wait longer"),
    )
    reached = target_entry(target, story)
    assert (reached.kind, reached.day, reached.record_id) == (
        EntryKind.TARGET, date(2026, 11, 21), target.id,
    )  # fmt: skip
    assert reached.at == datetime(2026, 11, 21, 23, 59, 59, 999999)
    assert reached.title == "Target condition 2 achieved 2026-11-21"
    assert reached.lines == (
        Line("Intended pattern", "One sequence"),
        Line("Achieve by", "2026-11-20"),
        Line("Metric", "changeover: target 25 min (outcome, lower is better)"),
        Line("Metric", "steps: no target % (process, higher is better)"),
        Line("Readings", "2, from 31.5 min (2026-11-02) to 24 min (2026-11-19)"),
        Line("Actual pattern at the end", "Held a week"),
        Line("Record", "1 obstacles, 2 experiments, 1 learnings"),
    )
    assert [e.record_id for e in history(story)] == [cycle.id, target.id]  # same day: cycle first
    assert "Wait longer" in entry.text() and "eva" in entry.text()
    assert entry.matches("ASK longer") and not entry.matches("ask nowhere")


def test_a_cycle_with_no_answers_and_a_closed_target_without_dates() -> None:
    story, target, cycle = _closed_story()
    bare = replace(cycle, answers=(), reflection=" ", second_coach="", second_coach_feedback="ok")
    entry = cycle_entry(bare, story)
    assert entry.title.startswith("Coaching cycle 2026-11-21: coach tom, learner ana; 22 min")
    assert entry.lines == (
        Line("Answers", "(none recorded)"),
        Line("Second coach's feedback", "ok"),
    )
    closed = replace(
        target,
        status=TargetStatus.CLOSED,
        closed_on=None,
        achieve_by=None,
        pattern="",
        actual_pattern=" ",
        metrics=(),
    )
    entry = target_entry(closed, story)
    assert entry.title == "Target condition 2 closed 0001-01-01"
    assert entry.lines == (
        Line("Intended pattern", "(none)"),
        Line("Record", "1 obstacles, 2 experiments, 1 learnings"),
    )


def test_learnings_and_a_running_cycle_pinned() -> None:
    story, target, cycle = _closed_story()
    story = replace(story, slug="ana-board")
    [learning] = learnings(story)
    step = story.experiments[0]
    assert learning == Learning(
        slug="ana-board", learner="ana", coach="tom", experiment_id=step.id, number=1,
        target_seq=2, day=date(2026, 11, 3), step="s", learned="l", happened="",
    )  # fmt: skip
    assert learning.text() == "ana\ntom\n\ns\nl\n"  # learner, coach, plant, step, ...
    running = cycle_entry(replace(cycle, ended=None, second_coach=""), story)
    assert (
        running.title
        == "Coaching cycle 2026-11-21: coach tom, learner ana; running, target condition 2"
    )
    no_unit = target_entry(replace(target, metrics=(Metric("steps", "", 9.0),)), story)
    assert Line("Metric", "steps: target 9 (outcome, lower is better)") in no_unit.lines
    assert cycle_entry(cycle, story).text().split("\n")[:2] == [
        cycle_entry(cycle, story).title, "1. What is the target condition?",
    ]  # fmt: skip


def test_a_cycle_handed_over_lists_its_drivers_and_one_driven_throughout_does_not() -> None:
    target = TargetCondition(seq=1)
    at = datetime(2026, 11, 20, 9, 30)
    ana = Driver("ana", Role.COACH, at)
    ben = Driver("ben", Role.SECOND_COACH, datetime(2026, 11, 20, 9, 41))
    cycle = CoachingCycle(target.id, at.date(), "ana", "lea", at, drivers=(ana, ben))
    story = Storyboard(board=Board("lea", "ana", "c"), targets=(target,), cycles=(cycle,))
    lines = cycle_entry(cycle, story).lines
    assert Line("Drivers of the card", "ana (coach) 09:30, ben (second coach) 09:41") in lines
    alone = replace(cycle, drivers=(ana,))
    assert not any(line.label == "Drivers of the card" for line in cycle_entry(alone, story).lines)


def test_each_replaced_text_or_date_is_an_entry_naming_who_replaced_it() -> None:
    """Word for word: who replaced it when the record knows, nothing made up when not."""
    target = TargetCondition(
        seq=2,
        pattern="One sequence",
        achieve_by=date(2026, 12, 20),
        earlier=(
            EarlierVersion("pattern", "Two sequences", date(2026, 11, 2), "tom"),
            EarlierVersion("achieve_by", "2026-12-01", date(2026, 11, 3)),
            EarlierVersion("pattern", "", date(2026, 11, 4), "eva"),
        ),
    )
    entries = change_entries(target)
    assert [(e.day, e.title, e.lines) for e in entries] == [
        (
            date(2026, 11, 2),
            "Target condition 2: intended pattern replaced by tom",
            (Line("Before", "Two sequences"), Line("After", "(none)")),
        ),
        (
            date(2026, 11, 3),
            "Target condition 2: achieve-by date replaced",
            (Line("Before", "2026-12-01"), Line("After", "2026-12-20")),
        ),
        (
            date(2026, 11, 4),
            "Target condition 2: intended pattern replaced by eva",
            (Line("Before", "(none)"), Line("After", "One sequence")),
        ),
    ]
    assert entries[0].at == datetime(2026, 11, 2, 23, 59, 59, 999999)


def test_a_target_achieved_by_override_says_why_and_keeps_its_earlier_wording() -> None:
    story, target, _ = _closed_story()
    summary_line = "What we learned on the way"
    earlier = EarlierVersion("achieve_by", "2026-11-01", date(2026, 11, 2), "tom")
    overridden = replace(target, override="96.2 all last week", summary="Shims", earlier=(earlier,))
    lines = target_entry(overridden, story).lines
    assert lines[-4:] == (
        Line(summary_line, "Shims"),
        Line("Achieved although the readings missed", "96.2 all last week"),
        Line("Earlier achieve by (until 2026-11-02)", "2026-11-01", "tom"),
        Line("Record", "1 obstacles, 2 experiments, 1 learnings"),
    )


def test_a_running_cycle_is_running_until_a_working_day_has_passed() -> None:
    story, _, cycle = _closed_story()
    running = replace(cycle, ended=None, second_coach="")
    start = running.started
    head = "Coaching cycle 2026-11-21: coach tom, learner ana; "
    assert cycle_entry(running, story).title == f"{head}running, target condition 2"
    at_eight = start + timedelta(hours=8)
    assert cycle_entry(running, story, now=at_eight).title == f"{head}running, target condition 2"
    later = at_eight + timedelta(seconds=1)
    assert cycle_entry(running, story, now=later).title == (
        f"{head}interrupted (never ended), target condition 2"
    )
    elsewhere = replace(running, target_id="gone")
    assert cycle_entry(elsewhere, story).title == f"{head}running"


def test_a_follow_up_checked_shows_its_day_and_result() -> None:
    story, _, cycle = _closed_story()
    checked = replace(cycle, follow_up_checked=date(2026, 11, 28), follow_up_result="Held")
    lines = cycle_entry(checked, story).lines
    assert Line("Follow-up checked 2026-11-28", "Held") in lines
    assert lines.index(Line("Follow-up checked 2026-11-28", "Held")) == len(lines) - 3


def test_a_field_replaced_twice_shows_each_wording_before_and_after() -> None:
    target = TargetCondition(
        seq=1,
        pattern="Third",
        earlier=(
            EarlierVersion("pattern", "First", date(2026, 11, 2)),
            EarlierVersion("pattern", "Second", date(2026, 11, 3)),
            EarlierVersion("speed", "fast", date(2026, 11, 4)),
        ),
    )
    entries = change_entries(target)
    assert [(e.kind, e.record_id) for e in entries] == [
        (EntryKind.TARGET, f"{target.id}:{i}") for i in range(3)
    ]
    assert [(e.title, e.lines) for e in entries] == [
        (
            "Target condition 1: intended pattern replaced",
            (Line("Before", "First"), Line("After", "Second")),
        ),
        (
            "Target condition 1: intended pattern replaced",
            (Line("Before", "Second"), Line("After", "Third")),
        ),
        (  # a field this version does not know (a newer file's): its key, nothing made up
            "Target condition 1: speed replaced",
            (Line("Before", "fast"), Line("After", "(none)")),
        ),
    ]


def test_a_target_reached_shows_its_own_readings_not_the_current_ones() -> None:
    story, target, _ = _closed_story()
    current = TargetCondition(seq=3, metrics=target.metrics, pattern="Next")
    story = story.with_record(current).with_record(
        Reading(current.id, date(2026, 11, 25), "changeover", 19.0)
    )
    assert story.target == current
    lines = target_entry(target, story).lines
    assert Line("Readings", "2, from 31.5 min (2026-11-02) to 24 min (2026-11-19)") in lines
