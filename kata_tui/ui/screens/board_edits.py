"""The modal forms that edit storyboard items, and what their answers become.

Each ``*_form`` gives the FormScreen fields for one item; each ``apply_*``
turns the submitted texts into the records to save (edits keep the ``rev``
they were read with). Kept apart from the screen so the screen stays about
keys and layout.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from kata_tui.domain.cycle import set_obstacle_status
from kata_tui.domain.dates import format_date, parse_date, parse_optional_date
from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.model import (
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
from kata_tui.ui.screens.form import FormField, required

Values = dict[str, str]


def _choice(options: tuple[str, ...]) -> Callable[[str], str]:
    def check(text: str) -> str:
        word = text.strip().lower()
        for option in options:
            if option.startswith(word) and word:
                return option
        raise InvalidInput(f"one of: {', '.join(options)}")

    return check


# -- challenge ------------------------------------------------------------------------


def challenge_form(board: Board, today: date) -> list[FormField]:
    return [
        FormField("challenge", "Challenge", board.challenge, multiline=True),
        FormField("focus_process", "Focus process", board.focus_process),
        FormField(
            "horizon",
            "Horizon",
            format_date(board.horizon),
            placeholder="e.g. +6m",
            validate=lambda t: parse_optional_date(t, today),
        ),
        FormField("set_by", "Set by", board.set_by),
        FormField("learner", "Learner", board.learner, validate=required("the learner")),
        FormField("coach", "Coach", board.coach),
    ]


def apply_challenge(board: Board, values: Values, today: date) -> list[Record]:
    return [
        replace(
            board,
            challenge=values["challenge"].strip(),
            focus_process=values["focus_process"].strip(),
            horizon=parse_optional_date(values["horizon"], today),
            set_by=values["set_by"].strip(),
            learner=values["learner"].strip(),
            coach=values["coach"].strip(),
        )
    ]


# -- target condition ---------------------------------------------------------------------

_BETTER = tuple(str(b) for b in Better)


def _metric_line(metric: Metric) -> str:
    return f"{metric.name}; {metric.unit}; {number_text(metric.target)}; {metric.better}"


def parse_metric_lines(text: str) -> tuple[Metric, ...]:
    """``name; unit; target; lower|higher`` per line: the process metrics."""
    metrics = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split(";")]
        parts += [""] * (4 - len(parts))
        if not parts[0]:
            raise InvalidInput(f"line {number}: the metric needs a name")
        try:
            target = parse_optional_number(parts[2])
            better = _choice(_BETTER)(parts[3]) if parts[3] else Better.HIGHER
        except InvalidInput as exc:
            raise InvalidInput(f"line {number}: {exc}") from None
        metrics.append(Metric(parts[0], parts[1], target, MetricKind.PROCESS, Better(better)))
    return tuple(metrics)


def target_form(target: TargetCondition | None, today: date) -> list[FormField]:
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
            validate=lambda t: parse_optional_date(t, today),
        ),
        FormField("metric", "Outcome metric", outcome.name if outcome else ""),
        FormField("unit", "Unit", outcome.unit if outcome else ""),
        FormField(
            "target",
            "Target value",
            number_text(outcome.target) if outcome else "",
            validate=parse_optional_number,
        ),
        FormField(
            "better",
            "Better is (lower/higher)",
            str(outcome.better) if outcome else "lower",
            validate=_choice(_BETTER),
        ),
        FormField(
            "process",
            "Process metrics",
            "\n".join(_metric_line(m) for m in process),
            multiline=True,
            placeholder="name; unit; target; higher (one per line)",
            validate=parse_metric_lines,
        ),
        FormField(
            "next_go_see",
            "Next go-and-see",
            format_date(target.next_go_see),
            placeholder="tomorrow, fri, +2d",
            validate=lambda t: parse_optional_date(t, today),
        ),
    ]


def apply_target(target: TargetCondition | None, values: Values, today: date) -> list[Record]:
    target = target or TargetCondition(seq=1)
    metrics: list[Metric] = []
    name = values["metric"].strip()
    if name:
        better = Better(_choice(_BETTER)(values["better"] or "lower"))
        metrics.append(
            Metric(
                name,
                values["unit"].strip(),
                parse_optional_number(values["target"]),
                MetricKind.OUTCOME,
                better,
            )
        )
    metrics.extend(parse_metric_lines(values["process"]))
    return [
        replace(
            target,
            pattern=values["pattern"].strip(),
            achieve_by=parse_optional_date(values["achieve_by"], today),
            next_go_see=parse_optional_date(values["next_go_see"], today),
            metrics=tuple(metrics),
        )
    ]


def actual_form(target: TargetCondition | None) -> list[FormField]:
    return [
        FormField(
            "actual",
            "Actual pattern now",
            target.actual_pattern if target else "",
            multiline=True,
        )
    ]


def apply_actual(target: TargetCondition | None, values: Values) -> list[Record]:
    target = target or TargetCondition(seq=1)
    records: list[Record] = [replace(target, actual_pattern=values["actual"].strip())]
    return records


# -- readings ---------------------------------------------------------------------------


def reading_form(reading: Reading | None, story: Storyboard, today: date) -> list[FormField]:
    outcome = story.target.outcome if story.target else None
    return [
        FormField(
            "day",
            "Date",
            format_date(reading.day if reading else today),
            validate=lambda t: parse_date(t, today),
        ),
        FormField(
            "value", "Value", number_text(reading.value) if reading else "", validate=parse_number
        ),
        FormField(
            "metric",
            "Metric",
            reading.metric if reading else (outcome.name if outcome else ""),
            validate=required("the metric"),
        ),
    ]


def apply_reading(
    reading: Reading | None, target: TargetCondition, values: Values, today: date
) -> list[Record]:
    day = parse_date(values["day"], today)
    value = parse_number(values["value"])
    metric = values["metric"].strip()
    if reading is None:
        return [Reading(target.id, day, metric, value)]
    return [replace(reading, day=day, value=value, metric=metric)]


# -- obstacles ----------------------------------------------------------------------------

_KINDS = tuple(str(k) for k in ObstacleKind)
_STATUSES = tuple(str(s) for s in ObstacleStatus)


def obstacle_form(obstacle: Obstacle | None) -> list[FormField]:
    return [
        FormField(
            "text", "Obstacle", obstacle.text if obstacle else "", validate=required("the obstacle")
        ),
        FormField(
            "kind",
            "Kind (process/implementation)",
            str(obstacle.kind) if obstacle else "process",
            validate=_choice(_KINDS),
        ),
        FormField(
            "status",
            "Status (parked/working on/cleared/dropped)",
            str(obstacle.status) if obstacle else "parked",
            validate=_choice(_STATUSES),
        ),
    ]


def apply_obstacle(
    obstacle: Obstacle | None,
    story: Storyboard,
    target: TargetCondition,
    values: Values,
    today: date,
) -> list[Record]:
    kind = ObstacleKind(_choice(_KINDS)(values["kind"]))
    status = ObstacleStatus(_choice(_STATUSES)(values["status"]))
    text = values["text"].strip()
    if obstacle is None:
        obstacle = Obstacle(target.id, text, today, kind=kind)
    else:
        obstacle = replace(obstacle, text=text, kind=kind)
    return set_obstacle_status(story.with_record(obstacle), obstacle, status)


# -- experiments ----------------------------------------------------------------------------


def step_form(step: Experiment | None, story: Storyboard, today: date) -> list[FormField]:
    obstacles = story.obstacles_for()
    number = ""
    if step is not None and step.obstacle_id:
        number = next((str(i + 1) for i, o in enumerate(obstacles) if o.id == step.obstacle_id), "")
    elif step is None and story.working_obstacle() is not None:
        working = story.working_obstacle()
        number = next((str(i + 1) for i, o in enumerate(obstacles) if o is working), "")

    def check_obstacle(text: str) -> object:
        return _obstacle_by_number(story, text)

    return [
        FormField("step", "Step", step.step if step else "", validate=required("the step")),
        FormField("expected", "What we expect", step.expected if step else ""),
        FormField("happened", "What happened", step.happened if step else "", multiline=True),
        FormField("learned", "What we learned", step.learned if step else "", multiline=True),
        FormField(
            "day",
            "Date",
            format_date(step.day if step else today),
            validate=lambda t: parse_date(t, today),
        ),
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
    obstacles = story.obstacles_for()
    if not word.isdigit() or not 1 <= int(word) <= len(obstacles):
        raise InvalidInput(f"no obstacle {text.strip()!r}: the parking lot has {len(obstacles)}")
    return obstacles[int(word) - 1]


def apply_step(
    step: Experiment | None,
    story: Storyboard,
    target: TargetCondition,
    values: Values,
    today: date,
) -> list[Record]:
    obstacle = _obstacle_by_number(story, values["obstacle"])
    fields = {
        "step": values["step"].strip(),
        "expected": values["expected"].strip(),
        "happened": values["happened"].strip(),
        "learned": values["learned"].strip(),
        "day": parse_date(values["day"], today),
        "obstacle_id": obstacle.id if obstacle else None,
    }
    if step is None:
        return [
            Experiment(
                target_id=target.id, number=story.next_experiment_number(target.id), **fields
            )
        ]
    return [replace(step, **fields)]
