"""What an answer to a card question does to the storyboard.

The screen only collects text; these pure functions decide which records
change, so the same rules hold for the keyboard cycle, tests, and any later
front end. Each returns the records to hand to ``BoardSession.save`` (edited
records keep the ``rev`` they were read with; new ones have ``rev=0``).
Input that cannot be taken raises ``InvalidInput`` with a one-line message
and changes nothing.

The rules keep the kata's structure (design.md): every step has its
expectation, one step is open at a time, numbers never move, questions 1 and
2 are answered (the board changes only when the coach adopts an answer), and
the cycle record keeps what each answer meant beside what was typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime

from kata_tui.domain.card import COACHING_KATA, LANDINGS, Lands, Question, QuestionCard
from kata_tui.domain.dates import parse_time, parse_when
from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.model import (
    BEFORE_FIRST_TARGET,
    WORKING_DAY,
    Answer,
    Board,
    CoachingCycle,
    CycleNote,
    Driver,
    Experiment,
    Metric,
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
from kata_tui.domain.save_rules import still_open
from kata_tui.domain.storyboard import Storyboard
from kata_tui.domain.targets import revise_target

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


EXPECTATION_HINT = "What do you expect to happen?"
NOT_TAKEN_HINT = "Why could the step not be taken? Say it in one line"
AS_ON_BOARD = "as on the board"


@dataclass(frozen=True, slots=True)
class Outcome:
    """The records to save and a short line telling what happened to the board."""

    records: tuple[Record, ...]
    note: str = ""
    meaning: str = ""
    """What the answer resolved to, for the cycle record (an obstacle, a date)."""


@dataclass(frozen=True, slots=True)
class AnswerContext:
    """What a landing place's rule gets: the board, the question and what was typed."""

    story: Storyboard
    target: TargetCondition | None
    """None only on a board with no target condition yet, for a landing place that
    needs none (``Landing.needs_target``)."""
    question: Question
    text: str
    second: str
    today: date
    by: str
    cycle: CoachingCycle | None = None
    """The running cycle the answer is said in (None outside one)."""


Rule = Callable[[AnswerContext], Outcome]
RULES: dict[str, Rule] = {}
"""The rule of each landing place that is not a place on the storyboard (a new
record kind, or a field of the cycle record): its name (as in ``card.LANDINGS``)
to a function giving the records to save and what the answer meant. A rule may
return the cycle record changed (``cycle.follow_up``, ``cycle.obstacle``);
``answer`` appends the answer to it. ``Lands.CYCLE`` needs none: the answer
stays in the cycle record."""


GRASPING = (
    "Grasping the current condition: no target condition yet. "
    "Set the first one (e on the target condition) before a coaching cycle."
)
"""Why a board without a target condition has no coaching cycle."""


def ensure_target(story: Storyboard) -> tuple[TargetCondition, list[Record]]:
    """The current target condition. A board without one is grasping the
    current condition (the Starter Kata's process analysis): the coaching-kata
    card asks about a target condition, so a cycle waits until the learner
    sets the first one; none is made empty behind their back."""
    target = story.target
    if target is None:
        raise InvalidInput(GRASPING)
    return target, []


def start_cycle(
    story: Storyboard,
    now: datetime,
    by: str = "",
    role: Role = Role.COACH,
    card: QuestionCard = COACHING_KATA,
) -> Outcome:
    """A running cycle record (``ended=None``) on ``card``'s first question, driven by
    ``by``; the record keeps which card set, version and language it asks."""
    if card.needs_target or story.target is not None:
        target, new = ensure_target(story)
        target_id = target.id
    else:  # a card that needs none runs before the first target condition too
        target_id, new = BEFORE_FIRST_TARGET, []
    cycle = CoachingCycle(
        target_id=target_id,
        day=now.date(),
        coach=story.board.coach,
        learner=story.board.learner,
        started=now,
        position=card.first,
        drivers=(Driver(by, role, now),) if by else (),
        card=card.name,
        card_version=card.version,
        card_language=card.language,
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


def refusal(
    story: Storyboard, cycle_id: str, key: str, by: str, card: QuestionCard = COACHING_KATA
) -> str:
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
    if cycle.paused:
        return "the coaching cycle is paused"
    if cycle.position != key:
        question = card.get(cycle.position) if card.has(cycle.position) else None
        where = f"question {question.label}" if question else "another question"
        return f"the cycle has moved on to {where}"
    return ""


FEEDBACK_PREFIX = "feedback:"
"""A note typed as ``feedback: ...`` is feedback to the coach, not an observation."""


def note(cycle: CoachingCycle, text: str, now: datetime) -> CycleNote:
    """A follower's observation (or ``feedback: ...``) on ``cycle``, at its question now."""
    text = text.strip()
    kind = NoteKind.OBSERVATION
    if text.lower().startswith(FEEDBACK_PREFIX):
        kind = NoteKind.FEEDBACK
        text = text[len(FEEDBACK_PREFIX) :].strip()
    if not text:
        raise InvalidInput("type an observation first")
    return CycleNote(cycle.id, text, now, question=cycle.position, kind=kind)


def second_coach_of(cycle: CoachingCycle, story: Storyboard) -> str:
    """The login of whoever wrote notes on ``cycle`` as second coach ("" if nobody)."""
    for written in story.notes:
        stamp = written.stamp
        if written.cycle_id == cycle.id and stamp is not None and stamp.role is Role.SECOND_COACH:
            return stamp.by
    return cycle.second_coach


def move_to(cycle: CoachingCycle, key: str, card: QuestionCard = COACHING_KATA) -> CoachingCycle:
    """The cycle showing question ``key`` of ``card``, so followers elsewhere see it."""
    card.index(key)
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


def over_time(cycle: CoachingCycle, board: Board, now: datetime) -> bool:
    """True once the cycle has run longer than the board's usual cycle length."""
    return (now - cycle.started).total_seconds() >= board.cycle_minutes * 60


def reflected_step(story: Storyboard) -> Experiment | None:
    """The step the back of the card asks about: the threshold, else the last step."""
    return story.threshold() or story.last_experiment()


def parse_reading(text: str, today: date) -> tuple[float, date, str]:
    """``31`` (today), ``31 yesterday``, ``31.5 2026-11-20``, ``31 14:30`` (today at
    14:30) or ``31 fri 9:30``: the value, its day and its time of day (``HH:MM`` or "")."""
    parts = text.strip().split(None, 1)
    if not parts:
        raise InvalidInput("no reading given: type a value, optionally followed by a date")
    value = parse_number(parts[0])
    if len(parts) == 1:
        return value, today, ""
    try:
        return value, today, parse_time(parts[1])
    except InvalidInput:
        day, at = parse_when(parts[1], today)
        return value, day, at


def new_reading(
    story: Storyboard,
    target: TargetCondition,
    day: date,
    metric: str,
    value: float,
    time: str = "",
) -> Reading:
    """A reading that keeps its place in the order of entry (the last entered is latest)."""
    return Reading(target.id, day, metric, value, seq=story.next_reading_seq(target.id), time=time)


def metrics_asked(target: TargetCondition) -> list[Metric]:
    """The metrics question 2 asks a reading of, in turn: the outcome metric first
    (on the answer's second line), then every other metric of the target condition."""
    outcome = target.outcome
    rest = [m for m in target.metrics if m is not outcome]
    return [outcome, *rest] if outcome is not None else rest


def reading_meaning(metric: Metric, value: float, day: date, at: str, named: bool) -> str:
    """``reading 26 min on 2026-11-23`` (the outcome), ``reading scrap 3 pcs on
    2026-11-23 14:30`` (any other metric, by name)."""
    name = f"{metric.name} " if named else ""
    when = f"{day.isoformat()} {at}".rstrip()
    return f"reading {name}{number_text(value)} {metric.unit}".rstrip() + f" on {when}"


def answer(
    story: Storyboard,
    key: str,
    text: str,
    today: date,
    by: str,
    *,
    second: str = "",
    cycle: CoachingCycle | None = None,
    onto_board: bool = False,
    metric: str = "",
    card: QuestionCard = COACHING_KATA,
) -> Outcome:
    """The records an answer to question ``key`` changes.

    ``second`` is the second field of a two-part answer: the metric reading
    of question 2, the expectation of question 4. The reading is of the outcome
    metric, or of ``metric`` (by name) when question 2 asks the others in
    turn. With ``cycle`` the answer is also appended to that cycle's record with what it meant (its
    ``position`` is kept: the caller moves it). Empty text changes nothing.
    The answers to questions 1 and 2 go into the cycle; they replace the
    board's target or actual condition only ``onto_board`` (the coach's
    choice, see ``adopt``: the earlier text is kept), or fill it while the
    board has none (nothing is replaced).

    A landing place with a rule in ``RULES`` is answered by it; the storyboard's
    own places (``Lands``) by ``_on_board``. A board without a target condition
    takes only answers whose landing place needs none.
    """
    question = card.get(key)
    text = text.strip()
    second = second.strip()
    if not text and not second:
        return Outcome(())
    landing = LANDINGS.get(question.lands)
    target = story.target
    if target is None and (landing is None or landing.needs_target):
        raise InvalidInput(GRASPING)
    context = AnswerContext(story, target, question, text, second, today, by, cycle)
    rule = RULES.get(question.lands)
    label = question.second.rstrip("?:") or "more"
    if rule is not None:
        done = rule(context)
    elif target is not None:
        done, label = _on_board(context, target, onto_board, metric, label)
    else:  # kept in the cycle record only
        done = Outcome(())
    records = list(done.records)
    if cycle is not None:
        # a rule may change the cycle record itself (a follow-up date, a link)
        kept = next((r for r in records if r.id == cycle.id), cycle)
        records = [r for r in records if r.id != cycle.id]
        said = f"{text}\n{label}: {second}".lstrip() if second else text
        said_as = Answer(key, said, by, meaning=done.meaning)
        records.append(replace(kept, answers=(*kept.answers, said_as)))
    return Outcome(tuple(records), done.note, done.meaning)


def _on_board(
    context: AnswerContext, target: TargetCondition, onto_board: bool, metric: str, label: str
) -> tuple[Outcome, str]:
    """An answer landing on the storyboard (a ``Lands`` place), and the label of its
    second line in the cycle record."""
    story, text, second, today = context.story, context.text, context.second, context.today
    lands = context.question.lands
    records: list[Record] = []
    notes: list[str] = []
    meaning = ""
    on_board = target.pattern if lands is Lands.TARGET_PATTERN else target.actual_pattern
    fills = not on_board.strip()
    if lands in (Lands.TARGET_PATTERN, Lands.ACTUAL_PATTERN) and text and (onto_board or fills):
        revised = _revised(target, lands, text, today, context.by)
        if revised is not None:
            target = revised
            records = _put(records, target)
            notes.append(_REPLACED[lands])
    if lands is Lands.ACTUAL_PATTERN and second:
        measured = _metric_read(target, metric)
        value, day, at = parse_reading(second, today)
        records.append(new_reading(story, target, day, measured.name, value, at))
        named = measured is not target.outcome
        meaning = reading_meaning(measured, value, day, at, named)
        label = f"reading {measured.name}" if named else "reading"
        notes.append(meaning)
    elif lands in (Lands.HAPPENED, Lands.LEARNED):
        step = reflected_step(story)
        if step is not None and text:
            field = "happened" if lands is Lands.HAPPENED else "learned"
            meaning = f"step {step.number}"
            if getattr(step, field) != text:
                records.append(replace(step, **{field: text}))
                what = "what happened" if field == "happened" else "what we learned"
                notes.append(f"step {step.number}: {what} written")
    elif lands in (Lands.SHOW_STEP, Lands.SHOW_EXPECTED):
        step = reflected_step(story)
        meaning = f"step {step.number}" if step is not None else ""
    elif lands is Lands.OBSTACLE and text:
        done = obstacle_command(story, target, text, today)
        records.extend(done.records)
        notes.append(done.note)
        meaning = done.meaning
    elif lands is Lands.NEXT_STEP:
        label = "expect"
        step = next_step(story, target, text, second, today)
        records.append(step)
        notes.append(f"step {step.number} added")
        working = story.find(Obstacle, step.obstacle_id) if step.obstacle_id else None
        meaning = f"step {step.number}" + (
            f" on obstacle {working.number} {_quoted(working.text)}" if working else ""
        )
    elif lands is Lands.GO_SEE and text:
        day, at = parse_when(text, today)
        if day < today:
            raise InvalidInput(f"{day.isoformat()} is already past: when will we go and see?")
        target = replace(target, next_go_see=day, next_go_see_time=at)
        records = _put(records, target)
        meaning = f"{day.isoformat()} {at}".rstrip()
        notes.append(f"next go-and-see {meaning}")
    return Outcome(tuple(records), "; ".join(n for n in notes if n), meaning), label


def _kept_on(context: AnswerContext, what: str) -> CoachingCycle:
    """The cycle record an answer changes; refused outside a cycle."""
    if context.cycle is None:
        raise InvalidInput(f"{what} is kept on a cycle record: start a cycle first")
    return context.cycle


def _follow_up(context: AnswerContext) -> Outcome:
    """``cycle.follow_up``: the date the results are checked again, on the cycle record."""
    if not context.text:
        return Outcome(())
    cycle = _kept_on(context, "a follow-up date")
    day = follow_up_day(context.text, context.today)
    return Outcome(
        (replace(cycle, follow_up=day),),
        f"results checked again on {day.isoformat()}",
        f"follow-up {day.isoformat()}",
    )


def _link_obstacle(context: AnswerContext) -> Outcome:
    """``cycle.obstacle``: the obstacle the cycle record is about, by its number; the
    obstacle itself stays as it is."""
    if not context.text:
        return Outcome(())
    if context.target is None:
        raise InvalidInput("no obstacles before the first target condition: Enter for none")
    cycle = _kept_on(context, "a link to an obstacle")
    linked = numbered_obstacle(context.story, context.target, context.text)
    return Outcome(
        (replace(cycle, obstacle_id=linked.id),),
        f"about obstacle {linked.number}",
        f"obstacle {linked.number} {_quoted(linked.text)}",
    )


RULES.update({Lands.FOLLOW_UP: _follow_up, Lands.LINK_OBSTACLE: _link_obstacle})


def follow_up_day(text: str, today: date) -> date:
    """The day a follow-up answer names (``fri``, ``+2w``, ``2026-12-04``), never
    one already past."""
    day, _at = parse_when(text, today)
    if day < today:
        raise InvalidInput(f"{day.isoformat()} is already past: when will you check results?")
    return day


def numbered_obstacle(story: Storyboard, target: TargetCondition, text: str) -> Obstacle:
    """The obstacle of ``target`` an answer names by number (``2`` or ``#2``)."""
    found = re.fullmatch(r"#?(\d{1,4})", text.strip())
    obstacle = story.obstacle_numbered(int(found.group(1)), target.id) if found else None
    if obstacle is None:
        numbers = [o.number for o in story.obstacles_for(target.id)]
        have = f"numbers {numbers[0]}-{numbers[-1]}" if numbers else "none yet"
        raise InvalidInput(f"no obstacle {text.strip()!r} in the parking lot ({have})")
    return obstacle


def _metric_read(target: TargetCondition, name: str) -> Metric:
    """The metric a reading at question 2 is of: ``name``, else the outcome metric."""
    if not name:
        outcome = target.outcome
        if outcome is None:
            raise InvalidInput("no outcome metric on the target condition: add one first")
        return outcome
    for metric in target.metrics:
        if metric.name == name:
            return metric
    raise InvalidInput(f"no metric {name!r} on the target condition")


def no_open_step(story: Storyboard, target_id: str | None) -> None:
    """One open step at a time: ``InvalidInput`` naming the step still open, if any."""
    step = story.threshold(target_id)
    if step is not None:
        raise InvalidInput(still_open(step))


def next_step(
    story: Storyboard, target: TargetCondition, step: str, expected: str, today: date
) -> Experiment:
    """Question 4: a new open step, with its expectation, after the last one is done."""
    if not step:
        raise InvalidInput("type the next step first; the expectation goes with it")
    if not expected:
        raise InvalidInput(EXPECTATION_HINT)
    no_open_step(story, target.id)
    working = story.working_obstacle(target.id)
    return Experiment(
        target_id=target.id,
        number=story.next_experiment_number(target.id),
        day=today,
        step=step,
        expected=expected,
        obstacle_id=working.id if working else None,
    )


def as_on_board(
    story: Storyboard,
    key: str,
    by: str,
    cycle: CoachingCycle,
    card: QuestionCard = COACHING_KATA,
) -> Outcome:
    """Enter on an empty answer to question 1 or 2: the learner confirms the board's
    text. The cycle keeps that, with the text confirmed, so it reads the same later."""
    lands = card.get(key).lands
    if lands not in (Lands.TARGET_PATTERN, Lands.ACTUAL_PATTERN):
        return Outcome(())
    target = story.find(TargetCondition, cycle.target_id) or story.target
    shown = ""
    if target is not None:
        shown = target.pattern if lands is Lands.TARGET_PATTERN else target.actual_pattern
    meaning = f"{AS_ON_BOARD}: {shown}" if shown.strip() else AS_ON_BOARD
    said = Answer(key, "", by, meaning=meaning)
    return Outcome((replace(cycle, answers=(*cycle.answers, said)),), "", meaning)


def adopt(
    story: Storyboard,
    key: str,
    text: str,
    today: date,
    by: str,
    card: QuestionCard = COACHING_KATA,
) -> Outcome:
    """The coach's choice to let an answer to question 1 or 2 replace the board's text.

    The text it replaces stays in the target condition's earlier versions.
    """
    lands = card.get(key).lands
    text = text.strip()
    if lands not in (Lands.TARGET_PATTERN, Lands.ACTUAL_PATTERN):
        raise InvalidInput("only the answers to questions 1 and 2 go onto the board")
    if not text:
        raise InvalidInput("there is no answer to put on the board")
    target, records = ensure_target(story)
    revised = _revised(target, lands, text, today, by)
    if revised is None:
        return Outcome((), "the board already says so")
    return Outcome(tuple(_put(records, revised)), _REPLACED[lands])


_REPLACED = {
    Lands.TARGET_PATTERN: "target condition on the board replaced; the old text is kept",
    Lands.ACTUAL_PATTERN: "actual condition on the board replaced; the old text is kept",
}


def _revised(
    target: TargetCondition, lands: Lands, text: str, today: date, by: str
) -> TargetCondition | None:
    """``target`` with ``text`` as its pattern (question 1) or actual pattern (2)."""
    field = "pattern" if lands is Lands.TARGET_PATTERN else "actual_pattern"
    if getattr(target, field) == text:
        return None
    return revise_target(target, today, by, **{field: text})


def _put(records: list[Record], record: Record) -> list[Record]:
    """``records`` with ``record`` added or replacing the one with its id."""
    out = [r for r in records if r.id != record.id]
    out.append(record)
    return out


def _quoted(text: str) -> str:
    line = " ".join(text.split())
    return f'"{line if len(line) <= 60 else line[:57] + "..."}"'


def obstacle_command(story: Storyboard, target: TargetCondition, text: str, today: date) -> Outcome:
    """Question 3: add, pick, park, clear or drop an obstacle.

    A bare number picks the obstacle with that number (numbers are given once
    and never move); ``work TEXT`` adds one and works on it; plain text adds a
    parked obstacle, or the worked one when none is worked on yet. The
    outcome's meaning names the obstacle by number and text, and what was done.
    """
    word = " ".join(text.split())
    found = _COMMAND.match(word.lower())
    if found:
        number = int(found.group(2))
        obstacle = story.obstacle_numbered(number, target.id)
        if obstacle is None:
            numbers = [o.number for o in story.obstacles_for(target.id)]
            have = f"numbers {numbers[0]}-{numbers[-1]}" if numbers else "none yet"
            raise InvalidInput(f"no obstacle {number} in the parking lot ({have})")
        status = _STATUS_WORDS[found.group(1) or "work"]
        return Outcome(
            tuple(set_obstacle_status(story, obstacle, status)),
            f"obstacle {number}: {status}",
            f"obstacle {number} {_quoted(obstacle.text)}: {status}",
        )
    work_first = word.lower().startswith("work ")
    if work_first:
        text = text.strip()[5:].strip()
    status = (
        ObstacleStatus.WORKING
        if work_first or story.working_obstacle(target.id) is None
        else ObstacleStatus.PARKED
    )
    number = story.next_obstacle_number(target.id)
    new = Obstacle(target.id, text.strip(), today, status=ObstacleStatus.PARKED, number=number)
    story = story.with_record(new)
    if status is ObstacleStatus.WORKING:
        return Outcome(
            tuple(set_obstacle_status(story, new, status)),
            f"obstacle {number} added, working on it",
            f"obstacle {number} {_quoted(new.text)}: added, working on",
        )
    return Outcome(
        (new,),
        f"obstacle {number} added to the parking lot",
        f"obstacle {number} {_quoted(new.text)}: added, parked",
    )


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


def step_not_taken(story: Storyboard, today: date, reason: str = "") -> Outcome:
    """The open step could not be taken: why, in one line, parked as an obstacle.

    The reason (not the step again) goes to the parking lot as an
    implementation obstacle linked to the step, ready to be picked at
    question 3; the step is closed as not taken, so question 4 can open the
    next one.
    """
    reason = " ".join(reason.split())
    step = story.threshold()
    if step is None:
        last = story.last_experiment()
        if last is None:
            raise InvalidInput("there is no step on the board yet")
        raise InvalidInput(f"step {last.number} is not open: it has its result already")
    if not reason:
        raise InvalidInput(NOT_TAKEN_HINT)
    number = story.next_obstacle_number(step.target_id)
    obstacle = Obstacle(
        step.target_id,
        reason,
        today,
        kind=ObstacleKind.IMPLEMENTATION,
        number=number,
        step_id=step.id,
    )
    return Outcome(
        (replace(step, not_taken=reason), obstacle),
        f"step {step.number} not taken: obstacle {number} parked",
        f"step {step.number} not taken; obstacle {number} {_quoted(reason)}: parked",
    )
