"""Sample plant data: believable boards for demos, snapshots and benchmarks.

Deterministic for a given ``today`` and seed, so snapshot tests are stable,
and scalable (``experiments``, ``cycles``) so the benchmark can build a
plant-scale data directory from the same code.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from kata_tui.domain.card import COACHING_KATA
from kata_tui.domain.model import (
    Answer,
    Better,
    Board,
    CoachingCycle,
    Experiment,
    Metric,
    MetricKind,
    Obstacle,
    ObstacleKind,
    ObstacleStatus,
    Reading,
    TargetCondition,
    TargetStatus,
)
from kata_tui.domain.storyboard import Storyboard


@dataclass(frozen=True, slots=True)
class Scenario:
    learner: str
    coach: str
    challenge: str
    focus: str
    metric: str
    unit: str
    start: float
    goal: float
    patterns: tuple[str, str]
    obstacles: tuple[str, ...]
    steps: tuple[tuple[str, str, str, str], ...]
    """(step, expected, happened, learned) templates."""


SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        learner="maria",
        coach="tom",
        challenge="Changeover on press line 2 in under 10 minutes so we can run every part "
        "every day",
        focus="Press line 2 die change",
        metric="changeover time",
        unit="min",
        start=42,
        goal=25,
        patterns=(
            "Die cart staged before the last part; two operators work in parallel; "
            "bolts replaced by quick clamps",
            "External setup finished before the press stops; one standard sequence on the "
            "wall; changeover under 25 min in 4 of 5 shifts",
        ),
        obstacles=(
            "Die cart is not at the press when the run ends",
            "Bolts need a different wrench per die",
            "Nobody knows which die is next until the run ends",
            "Second operator is pulled to the paint line",
            "Clamp heights differ between dies",
            "Forklift busy at shift change",
        ),
        steps=(
            (
                "Stage the die cart 10 min before the last part",
                "Cart waiting at the press",
                "Cart there 3 of 4 times; once the forklift was busy",
                "Staging works when the next die is known an hour ahead",
            ),
            (
                "Mark the next die on the board at start of shift",
                "Operators see the next die",
                "Board filled on first shift only",
                "The lead needs a reminder in the start-up",
            ),
            (
                "Time each element of one changeover",
                "Find the longest element",
                "Clamping takes 14 of 38 minutes",
                "Clamping is the biggest obstacle, not transport",
            ),
            (
                "Try one quick clamp on die 4",
                "Clamping under 5 min on die 4",
                "Clamping took 6 min; the shim was missing",
                "Shims must travel with the die",
            ),
            (
                "Put shims in a labelled box on each die",
                "No search for shims",
                "No search; clamping 4 min",
                "One home per tool removes the search",
            ),
        ),
    ),
    Scenario(
        learner="jonas",
        coach="tom",
        challenge="Ship every customer order complete and on time from the pick area",
        focus="Order picking, aisle C",
        metric="pick errors per 100 lines",
        unit="errors",
        start=3.5,
        goal=1.0,
        patterns=(
            "Pickers scan each line; look-alike parts in separate bins",
            "Every line scanned; errors caught at the pack bench under 1 per 100",
        ),
        obstacles=(
            "Look-alike parts sit side by side",
            "Scanner battery dies mid-shift",
            "Labels fade in the cold store",
            "New pickers are not trained on the scan step",
        ),
        steps=(
            (
                "Move look-alike bins two slots apart",
                "Fewer mix-ups on C-12/C-14",
                "No mix-up on C-12/C-14 in 2 days",
                "Distance works; colour may work too",
            ),
            (
                "Charge scanners at break",
                "No dead scanner",
                "One died anyway",
                "Old batteries do not last a half shift",
            ),
            (
                "Show one new picker the scan step",
                "He scans every line",
                "Scanned 40 of 42 lines",
                "Skipped lines were the ones without labels",
            ),
        ),
    ),
    Scenario(
        learner="aisha",
        coach="lena",
        challenge="Cut first-pass yield losses on the weld cell to make room for the new model",
        focus="Weld cell 3",
        metric="first-pass yield",
        unit="%",
        start=88,
        goal=96,
        patterns=(
            "Parts clamped in one fixture; welder checks the gap gauge every part",
            "Gap checked on every part; yield at 96% over a week",
        ),
        obstacles=(
            "Fixture wear lets the gap grow",
            "Gap gauge missing on night shift",
            "Wire spool changes cause porosity",
        ),
        steps=(
            (
                "Check gap on 20 parts with a feeler gauge",
                "Gap within 0.5 mm",
                "6 of 20 parts over 0.5 mm",
                "The gap grows late in the shift",
            ),
            (
                "Tighten fixture clamp at mid-shift",
                "All gaps under 0.5 mm after",
                "2 of 20 over",
                "Wear is part of it; the clamp pad is worn",
            ),
        ),
    ),
    Scenario(
        learner="ken",
        coach="lena",
        challenge="Have the assembly line run to takt all day without overtime",
        focus="Final assembly, station 5",
        metric="cycle time",
        unit="s",
        start=74,
        goal=60,
        patterns=(
            "Screws presented in the order of use; tool on a balancer",
            "Station 5 under 60 s on 9 of 10 cycles",
        ),
        obstacles=("Screw tray refilled by the operator", "Tool cable snags on the fixture"),
        steps=(
            (
                "Move screw tray to the left of the part",
                "Save 5 s a cycle",
                "Saved 3 s",
                "The reach was only part of the loss",
            ),
        ),
    ),
)


def _cycle_answers(story_step: tuple[str, str, str, str], user: str) -> tuple[Answer, ...]:
    step, expected, happened, learned = story_step
    texts = {
        "q1": "",
        "q2": "",
        "r1": step,
        "r2": expected,
        "r3": happened,
        "r4": learned,
        "q3": "",
        "q4": "",
        "q5": "tomorrow",
    }
    return tuple(Answer(q.key, texts[q.key], user) for q in COACHING_KATA.steps if texts[q.key])


def demo_board(
    scenario: Scenario,
    today: date,
    *,
    seed: int = 1,
    experiments: int | None = None,
    cycles: int | None = None,
    achieved_targets: int = 1,
) -> Storyboard:
    """One learner's storyboard with a reached target and an active one.

    ``experiments`` and ``cycles`` default to a small realistic board; the
    benchmark asks for hundreds.
    """
    rng = random.Random(f"{scenario.learner}-{seed}")
    n_steps = experiments if experiments is not None else len(scenario.steps) * 2 + 2
    n_cycles = cycles if cycles is not None else max(3, n_steps // 2)
    start = today - timedelta(days=max(30, n_steps + 10))
    board = Board(
        learner=scenario.learner,
        coach=scenario.coach,
        challenge=scenario.challenge,
        horizon=today + timedelta(days=180),
        set_by="plant manager",
        focus_process=scenario.focus,
        created=start,
    )
    outcome = Metric(
        scenario.metric,
        scenario.unit,
        None,
        MetricKind.OUTCOME,
        Better.HIGHER if scenario.goal > scenario.start else Better.LOWER,
    )
    targets: list[TargetCondition] = []
    for seq in range(1, achieved_targets + 2):
        active = seq == achieved_targets + 1
        share = seq / (achieved_targets + 1)
        goal = round(scenario.start + (scenario.goal - scenario.start) * share, 1)
        targets.append(
            TargetCondition(
                seq=seq,
                achieve_by=today + timedelta(days=21)
                if active
                else start + timedelta(days=14 * seq),
                metrics=(
                    Metric(outcome.name, outcome.unit, goal, MetricKind.OUTCOME, outcome.better),
                    Metric("steps done to standard", "%", 90, MetricKind.PROCESS, Better.HIGHER),
                ),
                pattern=scenario.patterns[1] if active else scenario.patterns[0],
                actual_pattern=(
                    "Sequence followed on most shifts; the last minutes still go to searching"
                    if active
                    else "Reached: pattern held for a week"
                ),
                status=TargetStatus.ACTIVE if active else TargetStatus.ACHIEVED,
                next_go_see=today + timedelta(days=1) if active else None,
                closed_on=None if active else start + timedelta(days=14 * seq),
            )
        )
    current = targets[-1]
    obstacles: list[Obstacle] = []
    statuses = [
        ObstacleStatus.CLEARED,
        ObstacleStatus.WORKING,
        ObstacleStatus.PARKED,
        ObstacleStatus.DROPPED,
    ]
    for i, text in enumerate(scenario.obstacles):
        target = targets[0] if i == 0 and len(targets) > 1 else current
        status = ObstacleStatus.CLEARED if target is not current else statuses[i % 4]
        if status is ObstacleStatus.WORKING and any(
            o.status is ObstacleStatus.WORKING and o.target_id == current.id for o in obstacles
        ):
            status = ObstacleStatus.PARKED
        obstacles.append(
            Obstacle(
                target_id=target.id,
                text=text,
                added=start + timedelta(days=2 * i),
                status=status,
                kind=ObstacleKind.IMPLEMENTATION if i == 3 else ObstacleKind.PROCESS,
            )
        )
    working = next((o for o in obstacles if o.status is ObstacleStatus.WORKING), None)
    steps: list[Experiment] = []
    per_target: dict[str, int] = {}
    for i in range(n_steps):
        template = scenario.steps[i % len(scenario.steps)]
        target = targets[0] if i < n_steps // 3 and len(targets) > 1 else current
        number = per_target.get(target.id, 0) + 1
        per_target[target.id] = number
        is_last = i == n_steps - 1
        round_no = i // len(scenario.steps)
        suffix = f" (round {round_no + 1})" if round_no else ""
        obstacle = working if target is current else obstacles[0]
        steps.append(
            Experiment(
                target_id=target.id,
                number=number,
                day=start + timedelta(days=i * max(1, 30 // max(1, n_steps)) + 1),
                step=template[0] + suffix,
                expected=template[1],
                obstacle_id=obstacle.id if obstacle else None,
                happened="" if is_last else template[2],
                learned="" if is_last else template[3],
            )
        )
    readings: list[Reading] = []
    for target in targets:
        metric = target.metrics[0]
        value = scenario.start if target.seq == 1 else targets[target.seq - 2].metrics[0].target
        for d in range(0, 28, 2):
            day = start if target.seq == 1 else (target.closed_on or today) - timedelta(days=28)
            day = day + timedelta(days=d)
            if day > today:
                break
            drift = (metric.target or value) - (value or 0)
            noise = rng.uniform(-0.08, 0.08) * abs(scenario.start - scenario.goal)
            readings.append(
                Reading(
                    target.id, day, metric.name, round((value or 0) + drift * d / 28 + noise, 1)
                )
            )
    cycles_out: list[CoachingCycle] = []
    for i in range(n_cycles):
        day = today - timedelta(days=(n_cycles - i))
        started = datetime.combine(day, time(9, 30))
        template = scenario.steps[i % len(scenario.steps)]
        cycles_out.append(
            CoachingCycle(
                target_id=current.id,
                day=day,
                coach=scenario.coach,
                learner=scenario.learner,
                started=started,
                ended=started + timedelta(minutes=14 + rng.randint(0, 9)),
                answers=_cycle_answers(template, scenario.learner),
                reflection="Asked for the data before the opinion" if i % 3 == 0 else "",
                second_coach="anna" if i % 4 == 1 else "",
                second_coach_feedback="Let the learner hold the pen longer" if i % 4 == 1 else "",
            )
        )
    return Storyboard(
        board=board,
        targets=tuple(targets),
        readings=tuple(readings),
        obstacles=tuple(obstacles),
        experiments=tuple(steps),
        cycles=tuple(cycles_out),
    )


def demo_boards(today: date) -> list[Storyboard]:
    """The built-in sample plant: four learners, two coaches."""
    return [demo_board(s, today) for s in SCENARIOS]
