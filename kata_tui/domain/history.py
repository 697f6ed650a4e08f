"""A board's past as one story: coaching cycles and target conditions reached.

Built here, not in the screen, so the history screen, the learnings view and
the exports tell the same story in the same order, and search means the same
thing everywhere (case-insensitive, any word of any line).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum
from itertools import islice

from kata_tui.domain.card import COACHING_KATA, DEFAULT, Cards, QuestionCard, card_of
from kata_tui.domain.model import (
    WORKING_DAY,
    Answer,
    CoachingCycle,
    Metric,
    TargetCondition,
    TargetStatus,
)
from kata_tui.domain.numbers import number_text
from kata_tui.domain.storyboard import Storyboard


class EntryKind(StrEnum):
    CYCLE = "cycle"
    TARGET = "target"


@dataclass(frozen=True, slots=True)
class Line:
    """One labelled piece of an entry: a card question and its answer, a reflection."""

    label: str
    text: str
    by: str = ""


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    kind: EntryKind
    day: date
    title: str
    lines: tuple[Line, ...]
    record_id: str
    at: datetime

    def text(self) -> str:
        """Everything the entry says, for search."""
        parts = [self.title]
        for line in self.lines:
            parts.extend((line.label, line.text, line.by))
        return "\n".join(parts)

    def matches(self, needle: str) -> bool:
        return matches(self.text(), needle)


def matches(haystack: str, needle: str) -> bool:
    """Every word of ``needle`` occurs in ``haystack``, ignoring case."""
    words = needle.casefold().split()
    text = haystack.casefold()
    return all(word in text for word in words)


def search(entries: Sequence[HistoryEntry], needle: str) -> list[int]:
    """Indexes of the entries that match; all of them for an empty search."""
    return [i for i, entry in enumerate(entries) if entry.matches(needle)]


def metric_text(metric: Metric) -> str:
    target = "no target" if metric.target is None else f"target {number_text(metric.target)}"
    unit = f" {metric.unit}" if metric.unit else ""
    return f"{metric.name}: {target}{unit} ({metric.kind}, {metric.better} is better)"


def _said(answer: Answer) -> str:
    """What was typed and, where it differs, what it meant: ``2 = obstacle 2 "..."``."""
    text, meaning = answer.text.strip(), answer.meaning.strip()
    if not meaning or meaning == text or re.fullmatch(r"step \d+", meaning):
        return text or meaning
    return f"{text}\n= {meaning}" if text else meaning


def cycle_entry(
    cycle: CoachingCycle,
    story: Storyboard,
    card: QuestionCard = COACHING_KATA,
    now: datetime | None = None,
    cards: Cards | None = None,
) -> HistoryEntry:
    """One cycle, its answers under the questions of the card it asked (``card`` for
    the English coaching kata; another set or language is found through ``cards``,
    and named on its own line)."""
    ref = cycle.card_ref
    found: QuestionCard | None = card
    if ref != DEFAULT:
        found = card_of(ref, cards)
    steps = found.steps if found is not None else ()
    target = story.find(TargetCondition, cycle.target_id)
    people = f"coach {cycle.coach}, learner {cycle.learner}"
    if cycle.second_coach:
        people += f", second coach {cycle.second_coach}"
    minutes = cycle.minutes
    length = "running" if minutes is None else f"{minutes} min"
    if minutes is None and now is not None and now - cycle.started > WORKING_DAY:
        length = "interrupted (never ended)"
    where = f", target condition {target.seq}" if target else ""
    title = f"Coaching cycle {cycle.day.isoformat()}: {people}; {length}{where}"
    lines: list[Line] = []
    if ref != DEFAULT:
        lines.append(Line("Card", f"{found.title if found else ref.name} ({ref.label()})"))
    known = {q.key for q in steps}
    labels = {q.key: q.label for q in steps}
    for question in steps:
        for answer in cycle.answers:
            if answer.key == question.key and (said := _said(answer)):
                lines.append(Line(f"{question.label}. {question.text}", said, answer.by))
    for answer in cycle.answers:
        if answer.key not in known and (said := _said(answer)):
            lines.append(Line(answer.key, said, answer.by))
    if not lines:
        lines.append(Line("Answers", "(none recorded)"))
    if cycle.follow_up_checked is not None:
        checked = cycle.follow_up_checked.isoformat()
        lines.append(Line(f"Follow-up checked {checked}", cycle.follow_up_result))
    if cycle.reflection.strip():
        lines.append(Line("Coach's reflection (what I learned about coaching)", cycle.reflection))
    if cycle.second_coach_feedback.strip():
        who = f" ({cycle.second_coach})" if cycle.second_coach else ""
        lines.append(Line(f"Second coach's feedback{who}", cycle.second_coach_feedback))
    for note in story.notes_on(cycle.id):
        asked = f" at {labels[note.question]}" if note.question in known else ""
        by = note.stamp.label() if note.stamp else ""
        lines.append(Line(f"Second coach's {note.kind}{asked}", note.text, by))
    if len(cycle.drivers) > 1:
        hand = ", ".join(f"{d.label()} {d.since:%H:%M}" for d in cycle.drivers)
        lines.append(Line("Drivers of the card", hand))
    return HistoryEntry(EntryKind.CYCLE, cycle.day, title, tuple(lines), cycle.id, cycle.started)


def target_entry(target: TargetCondition, story: Storyboard) -> HistoryEntry:
    """A target condition reached (or closed): what it was and what it took."""
    day = target.closed_on or target.achieve_by or date.min
    verb = "achieved" if target.status is TargetStatus.ACHIEVED else "closed"
    title = f"Target condition {target.seq} {verb} {day.isoformat()}"
    lines = [Line("Intended pattern", target.pattern or "(none)")]
    if target.achieve_by:
        lines.append(Line("Achieve by", target.achieve_by.isoformat()))
    lines.extend(Line("Metric", metric_text(m)) for m in target.metrics)
    outcome = target.outcome
    if outcome is not None:
        readings = story.readings_for(target.id, outcome.name)
        if readings:
            first, last = readings[0], readings[-1]
            unit = f" {outcome.unit}" if outcome.unit else ""
            lines.append(
                Line(
                    "Readings",
                    f"{len(readings)}, from {number_text(first.value)}{unit} "
                    f"({first.day.isoformat()}) to {number_text(last.value)}{unit} "
                    f"({last.day.isoformat()})",
                )
            )
    if target.actual_pattern.strip():
        lines.append(Line("Actual pattern at the end", target.actual_pattern))
    if target.summary.strip():
        lines.append(Line("What we learned on the way", target.summary))
    if target.override.strip():
        lines.append(Line("Achieved although the readings missed", target.override))
    lines.extend(
        Line(f"Earlier {e.what.replace('_', ' ')} (until {e.until.isoformat()})", e.text, e.by)
        for e in target.earlier
    )
    obstacles = story.obstacles_for(target.id)
    experiments = story.experiments_for(target.id)
    learned = sum(1 for e in experiments if e.learned.strip())
    lines.append(
        Line(
            "Record",
            f"{len(obstacles)} obstacles, {len(experiments)} experiments, {learned} learnings",
        )
    )
    return HistoryEntry(
        EntryKind.TARGET, day, title, tuple(lines), target.id, datetime.combine(day, time.max)
    )


_CHANGED = {
    "pattern": "intended pattern",
    "actual_pattern": "actual pattern",
    "achieve_by": "achieve-by date",
}


def change_entries(target: TargetCondition) -> list[HistoryEntry]:
    """One entry for each deliberate change of a target condition's text or date,
    with the wording it replaced and the wording that replaced it."""
    out = []
    for i, earlier in enumerate(target.earlier):
        later = next((e.text for e in target.earlier[i + 1 :] if e.what == earlier.what), None)
        if later is None:
            now = getattr(target, earlier.what, "")
            later = now.isoformat() if isinstance(now, date) else str(now or "")
        what = _CHANGED.get(earlier.what, earlier.what)
        lines = (Line("Before", earlier.text or "(none)"), Line("After", later or "(none)"))
        out.append(
            HistoryEntry(
                EntryKind.TARGET,
                earlier.until,
                f"Target condition {target.seq}: {what} replaced"
                + (f" by {earlier.by}" if earlier.by else ""),
                lines,
                f"{target.id}:{i}",
                datetime.combine(earlier.until, time.max),
            )
        )
    return out


def history(
    story: Storyboard,
    card: QuestionCard = COACHING_KATA,
    now: datetime | None = None,
    cards: Cards | None = None,
) -> list[HistoryEntry]:
    """Every coaching cycle and every target condition reached, oldest first.

    A target reached on a day comes after that day's cycles: the cycle is
    where it was decided. With ``now``, a cycle left running past a working
    day is shown as interrupted.
    """
    entries = [cycle_entry(c, story, card, now, cards) for c in story.cycles]
    entries.extend(
        target_entry(t, story) for t in story.targets if t.status is not TargetStatus.ACTIVE
    )
    for target in story.targets:
        entries.extend(change_entries(target))
    entries.sort(key=lambda e: (e.at, e.kind is EntryKind.TARGET, e.record_id))
    return entries


# -- the end of a cycle ---------------------------------------------------------


# -- learnings ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Learning:
    """One "what we learned", with where it came from."""

    slug: str
    learner: str
    coach: str
    experiment_id: str
    number: int
    target_seq: int
    day: date
    step: str
    learned: str
    happened: str = ""
    plant: str = ""
    """The plant the board is kept at (boards of several plants meet through kata sync)."""

    def text(self) -> str:
        return "\n".join(
            (self.learner, self.coach, self.plant, self.step, self.learned, self.happened)
        )

    def matches(self, needle: str) -> bool:
        return matches(self.text(), needle)


def learnings(story: Storyboard) -> list[Learning]:
    """Every experiment of the board with something learned, oldest first."""
    seqs = {t.id: t.seq for t in story.targets}
    out = [
        Learning(
            slug=story.slug,
            learner=story.board.learner,
            coach=story.board.coach,
            experiment_id=e.id,
            number=e.number,
            target_seq=seqs.get(e.target_id, 0),
            day=e.day,
            step=e.step,
            learned=e.learned,
            happened=e.happened,
            plant=story.board.plant,
        )
        for e in story.experiments
        if e.learned.strip()
    ]
    out.sort(key=lambda x: (x.day, x.target_seq, x.number))
    return out


def order(item: Learning) -> tuple[date, str, str, int, int]:
    """Across boards: oldest first, then by learner and board."""
    return (item.day, item.learner, item.slug, item.target_seq, item.number)


def learnings_across(stories: Iterable[Storyboard]) -> list[Learning]:
    """All boards' learnings in one list, oldest first, so a coach sees patterns."""
    out = [item for story in stories for item in learnings(story)]
    out.sort(key=order)
    return out


def search_learnings(
    entries: Sequence[Learning], needle: str, limit: int | None = None
) -> list[Learning]:
    """The entries that match ``needle`` (all of them for a blank one), in their
    order; with ``limit``, the first that many: ten plants hold 600,000."""
    if not needle.strip():
        return list(entries[:limit])
    found = (entry for entry in entries if entry.matches(needle))
    return list(found if limit is None else islice(found, limit))
