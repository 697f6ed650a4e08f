"""What an answer to a card question does to the storyboard.

The screen only collects text; these pure functions decide which records
change, so the same rules hold for the keyboard cycle, tests, and any later
front end. Each returns the records to hand to ``BoardSession.save`` (edited
records keep the ``rev`` they were read with; new ones have ``rev=0``).
Input that cannot be taken raises ``InvalidInput`` with a one-line message
and changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from kata_tui.domain.card import COACHING_KATA, Lands
from kata_tui.domain.dates import parse_date
from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.model import (
    Answer,
    CoachingCycle,
    CycleNote,
    Driver,
    Experiment,
    NoteKind,
    Obstacle,
    ObstacleKind,
    ObstacleStatus,
    Reading,
    Record,
    Role,
    TargetCondition,
)
from kata_tui.domain.numbers import number_text, parse_number
from kata_tui.domain.storyboard import Storyboard

OBSTACLE_HELP = "Type: text adds; N works on N; park/clear/drop N"
"""What an answer to question 3 may be (``obstacle_command`` reads it)."""
_COMMAND = re.compile(r"^(work|pick|park|clear|drop)?\s*#?(\d{1,4})$")
_STATUS_WORDS = {
    "work": ObstacleStatus.WORKING,
    "pick": ObstacleStatus.WORKING,
    "park": ObstacleStatus.PARKED,
    "clear": ObstacleStatus.CLEARED,
    "drop": ObstacleStatus.DROPPED,
}


@dataclass(frozen=True, slots=True)
class Outcome:
    """The records to save and a short line telling what happened to the board."""

    records: tuple[Record, ...]
    note: str = ""


def ensure_target(story: Storyboard) -> tuple[TargetCondition, list[Record]]:
    """The current target condition; a fresh board gets an empty first one."""
    target = story.target
    if target is not None:
        return target, []
    target = TargetCondition(seq=1)
    return target, [target]


WORKING_DAY = timedelta(hours=8)
"""A cycle still running this long after it started was left, not paused: interrupted."""


def start_cycle(story: Storyboard, now: datetime, by: str = "", role: Role = Role.COACH) -> Outcome:
    """A running cycle record (``ended=None``) on the first question, driven by ``by``."""
    target, new = ensure_target(story)
    cycle = CoachingCycle(
        target_id=target.id,
        day=now.date(),
        coach=story.board.coach,
        learner=story.board.learner,
        started=now,
        position=COACHING_KATA.first,
        drivers=(Driver(by, role, now),) if by else (),
    )
    return Outcome((*new, cycle), "coaching cycle started")


def take_over(cycle: CoachingCycle, by: str, role: Role, now: datetime) -> CoachingCycle:
    """``by`` drives the card from now (also resuming a paused cycle); the hand-over is kept."""
    return replace(cycle, drivers=(*cycle.drivers, Driver(by, role, now)), paused=False)


def pause(cycle: CoachingCycle) -> CoachingCycle:
    """Left running with nobody driving: the driver's session is leaving."""
    return replace(cycle, paused=True)


def interrupted(cycle: CoachingCycle, now: datetime) -> bool:
    """Still running more than a working day after it started: left, not paused."""
    return cycle.running and now - cycle.started > WORKING_DAY


def leaves_record(cycle: CoachingCycle, story: Storyboard) -> bool:
    """A cycle with no answer and no follower's note was an accident: ending it removes it."""
    return bool(cycle.answers) or any(n.cycle_id == cycle.id for n in story.notes)


def refusal(story: Storyboard, cycle_id: str, key: str, by: str) -> str:
    """Why an answer to question ``key`` typed by ``by`` cannot be taken ("" if it can).

    One cycle, one driver, one answer per question: an answer typed against
    a cycle that ended, moved on or is driven by someone else is refused.
    """
    cycle = story.find(CoachingCycle, cycle_id) if cycle_id else None
    if cycle is None or not cycle.running:
        return "the coaching cycle has ended"
    driver = cycle.driver
    if driver is not None and driver.by != by:
        return f"{driver.label()} drives the cycle now"
    if driver is None and cycle.drivers:
        return "the coaching cycle is paused"
    if cycle.position != key:
        question = COACHING_KATA.get(cycle.position) if cycle.position else None
        where = f"question {question.label}" if question else "another question"
        return f"the cycle has moved on to {where}"
    return ""


def note(
    cycle: CoachingCycle, text: str, now: datetime, kind: NoteKind = NoteKind.OBSERVATION
) -> CycleNote:
    """A follower's observation on ``cycle``, at the question it shows now."""
    text = text.strip()
    if not text:
        raise InvalidInput("type an observation first")
    return CycleNote(cycle.id, text, now, question=cycle.position, kind=kind)


def move_to(cycle: CoachingCycle, key: str) -> CoachingCycle:
    """The cycle showing question ``key``, so followers elsewhere see it."""
    COACHING_KATA.index(key)
    return replace(cycle, position=key)


def end_cycle(
    cycle: CoachingCycle,
    now: datetime,
    reflection: str = "",
    second_coach: str = "",
    feedback: str = "",
) -> CoachingCycle:
    return replace(
        cycle,
        ended=max(now, cycle.started),
        reflection=reflection.strip() or cycle.reflection,
        second_coach=second_coach.strip() or cycle.second_coach,
        second_coach_feedback=feedback.strip() or cycle.second_coach_feedback,
    )


def reflected_step(story: Storyboard) -> Experiment | None:
    """The step the back of the card asks about: the threshold, else the last step."""
    return story.threshold() or story.last_experiment()


def parse_reading(text: str, today: date) -> tuple[float, date]:
    """``31`` (today) or ``31 yesterday`` / ``31.5 2026-11-20``."""
    parts = text.strip().split(None, 1)
    if not parts:
        raise InvalidInput("no reading given: type a value, optionally followed by a date")
    value = parse_number(parts[0])
    day = parse_date(parts[1], today) if len(parts) > 1 else today
    return value, day


def answer(
    story: Storyboard,
    key: str,
    text: str,
    today: date,
    by: str,
    *,
    second: str = "",
    cycle: CoachingCycle | None = None,
) -> Outcome:
    """The records an answer to question ``key`` changes.

    ``second`` is the second field of a two-part answer: the metric reading
    of question 2, the expectation of question 4. With ``cycle`` the answer
    is also appended to that cycle's record (its ``position`` is kept: the
    caller moves it). Empty text changes nothing.
    """
    question = COACHING_KATA.get(key)
    text = text.strip()
    second = second.strip()
    if not text and not second:
        return Outcome(())
    target, records = ensure_target(story)
    notes: list[str] = []
    lands = question.lands
    if lands is Lands.TARGET_PATTERN:
        if text and text != target.pattern:
            target = replace(target, pattern=text)
            records = _put(records, target)
            notes.append("target condition updated")
    elif lands is Lands.ACTUAL_PATTERN:
        if text and text != target.actual_pattern:
            target = replace(target, actual_pattern=text)
            records = _put(records, target)
            notes.append("actual condition updated")
        if second:
            outcome = target.outcome
            if outcome is None:
                raise InvalidInput("no outcome metric on the target condition: add one first")
            value, day = parse_reading(second, today)
            records.append(Reading(target.id, day, outcome.name, value))
            notes.append(
                f"reading {number_text(value)} {outcome.unit}".rstrip() + f" on {day.isoformat()}"
            )
    elif lands in (Lands.HAPPENED, Lands.LEARNED):
        step = reflected_step(story)
        if step is not None and text:
            field = "happened" if lands is Lands.HAPPENED else "learned"
            if getattr(step, field) != text:
                records.append(replace(step, **{field: text}))
                what = "what happened" if field == "happened" else "what we learned"
                notes.append(f"step {step.number}: {what} written")
    elif lands is Lands.OBSTACLE and text:
        changed, note = obstacle_command(story, target, text, today)
        records.extend(changed)
        notes.append(note)
    elif lands is Lands.NEXT_STEP:
        if not text:
            raise InvalidInput("type the next step first; the expectation goes with it")
        working = story.working_obstacle(target.id)
        number = story.next_experiment_number(target.id)
        records.append(
            Experiment(
                target_id=target.id,
                number=number,
                day=today,
                step=text,
                expected=second,
                obstacle_id=working.id if working else None,
            )
        )
        notes.append(f"step {number} added")
    elif lands is Lands.GO_SEE and text:
        day = parse_date(text, today)
        target = replace(target, next_go_see=day)
        records = _put(records, target)
        notes.append(f"next go-and-see {day.isoformat()}")
    if cycle is not None:
        said = text
        if second:
            label = "expect" if lands is Lands.NEXT_STEP else "reading"
            said = f"{text}\n{label}: {second}".lstrip()
        records.append(replace(cycle, answers=(*cycle.answers, Answer(key, said, by))))
    return Outcome(tuple(records), "; ".join(n for n in notes if n))


def _put(records: list[Record], record: Record) -> list[Record]:
    """``records`` with ``record`` added or replacing the one with its id."""
    out = [r for r in records if r.id != record.id]
    out.append(record)
    return out


def obstacle_command(
    story: Storyboard, target: TargetCondition, text: str, today: date
) -> tuple[list[Record], str]:
    """Question 3: add, pick, park, clear or drop an obstacle.

    A bare number picks that obstacle (numbered as the parking lot shows
    them); ``work TEXT`` adds one and works on it; plain text adds a parked
    obstacle, or the worked one when none is worked on yet.
    """
    word = " ".join(text.split())
    found = _COMMAND.match(word.lower())
    obstacles = story.obstacles_for(target.id)
    if found:
        number = int(found.group(2))
        if not 1 <= number <= len(obstacles):
            raise InvalidInput(f"no obstacle {number}: the parking lot has {len(obstacles)}")
        status = _STATUS_WORDS[found.group(1) or "work"]
        return set_obstacle_status(story, obstacles[number - 1], status), (
            f"obstacle {number}: {status}"
        )
    work_first = word.lower().startswith("work ")
    if work_first:
        text = text.strip()[5:].strip()
    status = (
        ObstacleStatus.WORKING
        if work_first or story.working_obstacle(target.id) is None
        else ObstacleStatus.PARKED
    )
    new = Obstacle(target.id, text.strip(), today, status=ObstacleStatus.PARKED)
    story = story.with_record(new)
    if status is ObstacleStatus.WORKING:
        return set_obstacle_status(story, new, status), "obstacle added, working on it"
    return [new], "obstacle added to the parking lot"


def set_obstacle_status(
    story: Storyboard, obstacle: Obstacle, status: ObstacleStatus
) -> list[Record]:
    """The obstacle with its new status; working on one parks the previous one."""
    records: list[Record] = []
    if status is ObstacleStatus.WORKING:
        for other in story.obstacles_for(obstacle.target_id):
            if other.id != obstacle.id and other.status is ObstacleStatus.WORKING:
                records.append(replace(other, status=ObstacleStatus.PARKED))
    records.append(replace(obstacle, status=status))
    return records


def step_not_taken(story: Storyboard, today: date) -> Outcome:
    """A step that could not be taken becomes an implementation obstacle.

    The step's "what happened" says so (unless already written), and the
    obstacle goes to the parking lot, ready to be picked at question 3.
    """
    step = reflected_step(story)
    if step is None:
        raise InvalidInput("there is no step on the board yet")
    records: list[Record] = []
    if not step.happened.strip():
        records.append(replace(step, happened="Could not take this step"))
    records.append(
        Obstacle(
            step.target_id,
            f"Could not take step {step.number}: {step.step}",
            today,
            kind=ObstacleKind.IMPLEMENTATION,
        )
    )
    return Outcome(tuple(records), f"step {step.number} could not be taken: obstacle parked")
