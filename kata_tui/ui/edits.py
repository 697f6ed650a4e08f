"""The modal forms that edit storyboard records, and what their answers become.

``EDITS`` maps a record type to its ``Edit``: the form's title, its fields,
and ``apply``, which turns the submitted values into the records to save
(edits keep the ``rev`` they were read with). Each field's validator parses
its text once; ``apply`` gets those parsed values (``FormScreen.parsed``)
and only strips plain text. Kept apart from the screen so the screen stays
about keys and layout.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Any, Generic, TypeVar

from kata_tui.domain.analysis import aside_lines
from kata_tui.domain.cycle import EXPECTATION_HINT, new_reading, no_open_step, set_obstacle_status
from kata_tui.domain.dates import format_date, parse_date, parse_optional_date, parse_time
from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.model import (
    BEFORE_FIRST_TARGET,
    Better,
    Board,
    Experiment,
    Metric,
    MetricKind,
    Obstacle,
    ObstacleKind,
    ObstacleStatus,
    Reading,
    Record,
    TargetCondition,
)
from kata_tui.domain.numbers import number_text, parse_number, parse_optional_number
from kata_tui.domain.storyboard import Storyboard
from kata_tui.ui.screens.form import FormField, required, whole_number

Values = dict[str, Any]
"""Field key to what its validator returned (the text itself where there is none)."""

R = TypeVar("R", bound=Record)
E = TypeVar("E", bound=StrEnum)

NO_TARGET = "Set a target condition first (e on Target condition)."


def date_field(name: str, label: str, day: date, today: date) -> FormField:
    """A date field: shown as ISO, typed as anything ``parse_date`` reads relative to today."""
    return FormField(name, label, format_date(day), validate=lambda t: parse_date(t, today))


@dataclass(frozen=True)
class Edit(Generic[R]):
    """How one kind of record is edited in a form."""

    title: str
    form: Callable[[R | None, Storyboard, date], list[FormField]]
    """The fields, filled from the record (None: a new one)."""
    apply: Callable[[R | None, Storyboard, Values, date], list[Record]]
    """The records to save, from the record edited and the board as it is at submit."""
    needs_target: bool = False
    """Readings, obstacles and steps belong to a target condition."""
    aside: Callable[[R | None, Storyboard], list[str]] | None = None
    """Facts shown beside the form, to write against."""
    check_new: Callable[[Storyboard], None] | None = None
    """Raises ``InvalidInput`` when no new record of this kind may be added now
    (a step while another is open): said before the form opens."""


def choice(kind: type[E], message: str = "") -> Callable[[str], E]:
    """A validator taking any non-empty prefix of one of ``kind``'s values."""

    def check(text: str) -> E:
        word = text.strip().lower()
        for option in kind:
            if word and option.startswith(word):
                return option
        raise InvalidInput(message or f"one of: {', '.join(kind)}")

    return check


def _target(story: Storyboard) -> TargetCondition:
    if story.target is None:
        raise InvalidInput(NO_TARGET)
    return story.target


def _optional_date(today: date) -> Callable[[str], date | None]:
    return lambda text: parse_optional_date(text, today)


# -- challenge ------------------------------------------------------------------------


def challenge_form(board: Board | None, story: Storyboard, today: date) -> list[FormField]:
    board = board or story.board
    return [
        FormField("challenge", "Challenge", board.challenge, multiline=True),
        FormField("focus_process", "Focus process", board.focus_process),
        FormField(
            "horizon",
            "Horizon",
            format_date(board.horizon),
            placeholder="e.g. +6m",
            validate=_optional_date(today),
        ),
        FormField("set_by", "Set by", board.set_by),
        FormField("learner", "Learner", board.learner, validate=required("the learner")),
        FormField("coach", "Coach", board.coach),
        FormField(
            "cycle_minutes",
            "Usual cycle length (minutes)",
            str(board.cycle_minutes),
            placeholder="the timer warns once past it",
            validate=whole_number(1, 240, "minutes"),
        ),
    ]


def apply_challenge(
    board: Board | None, story: Storyboard, values: Values, today: date
) -> list[Record]:
    return [
        replace(
            board or story.board,
            challenge=values["challenge"].strip(),
            focus_process=values["focus_process"].strip(),
            horizon=values["horizon"],
            set_by=values["set_by"].strip(),
            learner=values["learner"].strip(),
            coach=values["coach"].strip(),
            cycle_minutes=values["cycle_minutes"],
        )
    ]


# -- target condition ---------------------------------------------------------------------

_better = choice(Better)


_kind = choice(MetricKind)


def _metric_line(metric: Metric) -> str:
    line = f"{metric.name}; {metric.unit}; {number_text(metric.target)}; {metric.better}"
    return line + "; outcome" if metric.kind is MetricKind.OUTCOME else line


def parse_metric_lines(text: str) -> tuple[Metric, ...]:
    """``name; unit; target; lower|higher[; outcome|process]`` per line: the metrics
    beyond the first outcome metric (process metrics unless said otherwise)."""
    metrics = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split(";")]
        parts += [""] * (5 - len(parts))
        if not parts[0]:
            raise InvalidInput(f"line {number}: the metric needs a name")
        try:
            target = parse_optional_number(parts[2])
            better = _better(parts[3]) if parts[3] else Better.HIGHER
            kind = _kind(parts[4]) if parts[4] else MetricKind.PROCESS
        except InvalidInput as exc:
            raise InvalidInput(f"line {number}: {exc}") from None
        metrics.append(Metric(parts[0], parts[1], target, kind, better))
    return tuple(metrics)


def _baseline_metric(story: Storyboard) -> str:
    """The metric last read before the first target condition (offered as its outcome)."""
    before = story.readings_for(BEFORE_FIRST_TARGET) if not story.targets else []
    return before[-1].metric if before else ""


def target_form(target: TargetCondition | None, story: Storyboard, today: date) -> list[FormField]:
    target = target or TargetCondition(seq=1)
    outcome = target.outcome
    process = [m for m in target.metrics if m is not outcome]
    return [
        FormField("pattern", "Target condition (pattern)", target.pattern, multiline=True),
        FormField(
            "achieve_by",
            "Achieve by",
            format_date(target.achieve_by),
            placeholder="e.g. +3w",
            validate=_optional_date(today),
        ),
        FormField("metric", "Outcome metric", outcome.name if outcome else _baseline_metric(story)),
        FormField("unit", "Unit", outcome.unit if outcome else ""),
        FormField(
            "target",
            "Target value",
            number_text(outcome.target) if outcome else "",
            validate=parse_optional_number,
        ),
        FormField(
            "better",
            "Better is",
            str(outcome.better) if outcome else "lower",
            validate=_better,
            choices=tuple(Better),
        ),
        FormField(
            "process",
            "More metrics",
            "\n".join(_metric_line(m) for m in process),
            multiline=True,
            placeholder="name; unit; target; higher[; outcome] (one per line)",
            validate=parse_metric_lines,
        ),
        FormField(
            "next_go_see",
            "Next go-and-see",
            format_date(target.next_go_see),
            placeholder="tomorrow, fri, +2d",
            validate=_optional_date(today),
        ),
    ]


def first_target_aside(target: TargetCondition | None, story: Storyboard) -> list[str]:
    """The process analysis beside the first target condition's form, so its operating
    pattern is written against the planned cycle time, the spread and capacity."""
    first = min(story.targets, key=lambda t: (t.seq, t.id)) if story.targets else None
    if first is not None and (target is None or target.id != first.id):
        return []
    return aside_lines(story)


def apply_target(
    target: TargetCondition | None, story: Storyboard, values: Values, today: date
) -> list[Record]:
    target = target or TargetCondition(seq=1)
    metrics: list[Metric] = []
    name = values["metric"].strip()
    if name:
        metrics.append(
            Metric(
                name, values["unit"].strip(), values["target"], MetricKind.OUTCOME, values["better"]
            )
        )
    metrics.extend(values["process"])
    names = [m.name for m in metrics]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise InvalidInput(f"two metrics named {twice[0]!r}: readings are kept by name")
    return [
        replace(
            target,
            pattern=values["pattern"].strip(),
            achieve_by=values["achieve_by"],
            next_go_see=values["next_go_see"],
            metrics=tuple(metrics),
        )
    ]


def actual_form(target: TargetCondition | None, story: Storyboard, today: date) -> list[FormField]:
    return [
        FormField(
            "actual",
            "Actual pattern now",
            target.actual_pattern if target else "",
            multiline=True,
        )
    ]


def apply_actual(
    target: TargetCondition | None, story: Storyboard, values: Values, today: date
) -> list[Record]:
    target = target or TargetCondition(seq=1)
    return [replace(target, actual_pattern=values["actual"].strip())]


# -- readings ---------------------------------------------------------------------------


def _metrics_of(reading: Reading | None, story: Storyboard) -> list[str]:
    """The metric names a reading may be of: its target condition's (the current one
    for a new reading), and the name it has now, so a correction never loses it."""
    target = story.find(TargetCondition, reading.target_id) if reading else story.target
    names = [m.name for m in target.metrics] if target is not None else []
    if reading is not None and reading.metric not in names:
        names.append(reading.metric)
    return names


def _metric_name(names: list[str], missing: str) -> Callable[[str], str]:
    """A validator: one of ``names``, typed whole or as the start of only one of them
    (``missing``: what to say when there are none)."""

    def check(text: str) -> str:
        word = text.strip()
        if word in names:
            return word
        starts = [n for n in names if word and n.lower().startswith(word.lower())]
        if len(starts) == 1:
            return starts[0]
        if not names:
            raise InvalidInput(missing)
        raise InvalidInput(f"not a metric of the target condition: {word!r}")

    return check


def _optional_time(text: str) -> str:
    return parse_time(text) if text.strip() else ""


def reading_form(reading: Reading | None, story: Storyboard, today: date) -> list[FormField]:
    """While grasping the current condition (no target condition yet) a new reading
    is of the outcome before the first target condition: its metric is typed, the
    one last read offered."""
    names = _metrics_of(reading, story)
    grasping = story.target is None and reading is None
    return [  # the value first: it is what a reading is for, the date is mostly today
        FormField(
            "value", "Value", number_text(reading.value) if reading else "", validate=parse_number
        ),
        date_field("day", "Date", reading.day if reading else today, today),
        FormField(
            "time",
            "Time of day",
            reading.time if reading else "",
            placeholder="14:30 (optional)",
            validate=_optional_time,
        ),
        FormField(
            "metric",
            "Metric",
            reading.metric if reading else (names[0] if names else _baseline_metric(story)),
            validate=required("the metric")
            if grasping
            else _metric_name(
                names,
                NO_TARGET
                if story.target is None
                else "the target condition has no metric yet: add one first",
            ),
            note="one of: " + "; ".join(names) if len(names) > 1 else "",
        ),
    ]


def apply_reading(
    reading: Reading | None, story: Storyboard, values: Values, today: date
) -> list[Record]:
    day, value, metric, at = values["day"], values["value"], values["metric"], values["time"]
    if reading is None and story.target is None:
        seq = story.next_reading_seq(BEFORE_FIRST_TARGET)
        return [Reading(BEFORE_FIRST_TARGET, day, metric.strip(), value, seq=seq, time=at)]
    if reading is None:
        return [new_reading(story, _target(story), day, metric, value, at)]
    return [replace(reading, day=day, value=value, metric=metric, time=at)]


# -- obstacles ----------------------------------------------------------------------------


def obstacle_form(obstacle: Obstacle | None, story: Storyboard, today: date) -> list[FormField]:
    return [
        FormField(
            "text", "Obstacle", obstacle.text if obstacle else "", validate=required("the obstacle")
        ),
        FormField(
            "kind",
            "Kind (process/implementation)",
            str(obstacle.kind) if obstacle else "process",
            validate=choice(ObstacleKind),
        ),
        FormField(
            "status",
            "Status (parked/working on/cleared/dropped)",
            str(obstacle.status) if obstacle else "parked",
            validate=choice(ObstacleStatus),
        ),
    ]


def apply_obstacle(
    obstacle: Obstacle | None, story: Storyboard, values: Values, today: date
) -> list[Record]:
    kind, text = values["kind"], values["text"].strip()
    if obstacle is None:
        target = _target(story)
        number = story.next_obstacle_number(target.id)
        obstacle = Obstacle(target.id, text, today, kind=kind, number=number)
    else:
        obstacle = replace(obstacle, text=text, kind=kind)
    return set_obstacle_status(story.with_record(obstacle), obstacle, values["status"])


# -- experiments ----------------------------------------------------------------------------


def step_form(step: Experiment | None, story: Storyboard, today: date) -> list[FormField]:
    obstacles = story.obstacles_for()
    number = ""
    if step is not None and step.obstacle_id:
        number = next((str(o.number) for o in obstacles if o.id == step.obstacle_id), "")
    elif step is None and story.working_obstacle() is not None:
        working = story.working_obstacle()
        number = next((str(o.number) for o in obstacles if o is working), "")

    def check_obstacle(text: str) -> Obstacle | None:
        return _obstacle_by_number(story, text)

    def check_expected(text: str) -> str:
        if not text.strip():
            raise InvalidInput(EXPECTATION_HINT)
        return text

    # Every step carries its expectation; one written before it can be kept blank
    # only where a step of an old board never had one.
    expects = step is None or bool(step.expected.strip())
    return [
        FormField("step", "Step", step.step if step else "", validate=required("the step")),
        FormField(
            "expected",
            "What we expect",
            step.expected if step else "",
            validate=check_expected if expects else None,
        ),
        FormField("happened", "What happened", step.happened if step else "", multiline=True),
        FormField("learned", "What we learned", step.learned if step else "", multiline=True),
        date_field("day", "Date", step.day if step else today, today),
        FormField(
            "obstacle",
            "Obstacle number",
            number,
            placeholder="as numbered in the parking lot",
            validate=check_obstacle,
        ),
    ]


def _obstacle_by_number(story: Storyboard, text: str) -> Obstacle | None:
    word = text.strip().lstrip("#")
    if not word:
        return None
    obstacle = story.obstacle_numbered(int(word)) if word.isdecimal() else None
    if obstacle is None:
        numbers = [o.number for o in story.obstacles_for()]
        have = f"numbers {numbers[0]}-{numbers[-1]}" if numbers else "none yet"
        raise InvalidInput(f"no obstacle {text.strip()!r} in the parking lot ({have})")
    return obstacle


def apply_step(
    step: Experiment | None, story: Storyboard, values: Values, today: date
) -> list[Record]:
    obstacle: Obstacle | None = values["obstacle"]
    fields = {
        "step": values["step"].strip(),
        "expected": values["expected"].strip(),
        "happened": values["happened"].strip(),
        "learned": values["learned"].strip(),
        "day": values["day"],
        "obstacle_id": obstacle.id if obstacle else None,
    }
    if step is None:
        target = _target(story)
        if not (fields["happened"] and fields["learned"]):
            no_open_step(story, target.id)
        return [
            Experiment(
                target_id=target.id, number=story.next_experiment_number(target.id), **fields
            )
        ]
    return [replace(step, **fields)]


EDITS: dict[type[Record], Edit[Any]] = {
    Board: Edit("Challenge", challenge_form, apply_challenge),
    TargetCondition: Edit("Target condition", target_form, apply_target, aside=first_target_aside),
    Reading: Edit("Metric reading", reading_form, apply_reading),
    Obstacle: Edit("Obstacle", obstacle_form, apply_obstacle, needs_target=True),
    Experiment: Edit(
        "Experiment (step)",
        step_form,
        apply_step,
        needs_target=True,
        check_new=lambda story: no_open_step(story, None),
    ),
}
"""The form for each kind of record a section can add or change."""

ACTUAL: Edit[TargetCondition] = Edit(
    "Current condition", actual_form, apply_actual, needs_target=True
)
"""The actual condition: a field of the target condition with a form of its own."""
