"""Sample plant data: believable boards for demos, snapshots and benchmarks.

The demo boards show the kata done well, because people copy what they see:
each step has its own expectation, written before it, and a result whose
learning leads to the next step; every step sits under the obstacle it
addresses; the reached target condition was reached by its readings; every
coaching cycle holds an answer to every question, with what it meant.

Deterministic for a given ``today`` and seed, so snapshot tests are stable,
and scalable (``experiments``, ``cycles``) so the benchmark can build a
plant-scale data directory from the same code; only a scaled board repeats
steps (marked "round N").
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

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
class ObstaclePlan:
    target: int
    """1: the reached target condition; 2: the current one."""
    text: str
    status: ObstacleStatus
    kind: ObstacleKind = ObstacleKind.PROCESS


@dataclass(frozen=True, slots=True)
class StepPlan:
    obstacle: int
    """Index into the scenario's obstacles: the obstacle this step addresses."""
    step: str
    expected: str
    happened: str = ""
    learned: str = ""
    """Empty for the open step at the threshold of knowledge."""


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
    reached: float
    """The first target condition's outcome target, met by its last readings."""
    patterns: tuple[str, str]
    actuals: tuple[str, str]
    obstacles: tuple[ObstaclePlan, ...]
    steps: tuple[StepPlan, ...]
    """In the order taken: the first target condition's, then the current one's."""


P = ObstacleStatus.PARKED
W = ObstacleStatus.WORKING
C = ObstacleStatus.CLEARED
D = ObstacleStatus.DROPPED

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
        reached=34,
        patterns=(
            "Die cart staged at the press before the last part of the run; the next die "
            "known an hour ahead",
            "External setup finished before the press stops; one standard sequence on the "
            "wall; changeover under 25 min in 4 of 5 shifts",
        ),
        actuals=(
            "Cart staged for every changeover; the next die is on the board at shift start",
            "Clamping is now the longest element; quick clamps work on die 4 only",
        ),
        obstacles=(
            ObstaclePlan(1, "Die cart is not at the press when the run ends", C),
            ObstaclePlan(1, "Nobody knows which die is next until the run ends", C),
            ObstaclePlan(2, "We do not know where the changeover time goes", C),
            ObstaclePlan(2, "Bolts need a different wrench per die", W),
            ObstaclePlan(2, "Second operator is pulled to the paint line", P),
            ObstaclePlan(2, "Clamp heights differ between dies", P),
            ObstaclePlan(2, "Forklift busy at shift change", D, ObstacleKind.IMPLEMENTATION),
        ),
        steps=(
            StepPlan(
                0,
                "Stage the die cart 10 min before the last part",
                "Cart waiting at the press when the run ends",
                "Cart there 3 of 4 times; once nobody knew which die came next",
                "Staging works only when the next die is known early",
            ),
            StepPlan(
                1,
                "Write the next die on the board at the start of each shift",
                "Cart staged for all four changeovers",
                "Staged 4 of 4; changeovers of 33 and 32 min",
                "Knowing the next die an hour ahead removes the wait for the cart",
            ),
            StepPlan(
                2,
                "Time each element of one changeover",
                "Moving the die is the longest element",
                "Clamping took 14 of 38 min; moving the die 6",
                "Clamping, not transport, is the biggest loss: the bolts are next",
            ),
            StepPlan(
                3,
                "Try one quick clamp on die 4",
                "Clamping on die 4 under 5 min",
                "Clamping took 6 min; the shim was missing",
                "The clamp works; the shims must travel with the die",
            ),
            StepPlan(
                3,
                "Keep die 4's shims in a labelled box on the die",
                "No search for shims; clamping under 5 min",
                "No search; clamping took 4 min",
                "Clamp and shims on the die work: try the same on a second die",
            ),
            StepPlan(
                3,
                "Fit quick clamps and a shim box on die 7",
                "Clamping on die 7 under 5 min as on die 4",
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
        reached=2.2,
        patterns=(
            "Look-alike parts in separate bins, two slots apart",
            "Every line scanned; errors caught at the pack bench under 1 per 100",
        ),
        actuals=(
            "No look-alike parts side by side; the errors left are unscanned lines",
            "Most lines scanned; skipped scans cluster on bins without a label",
        ),
        obstacles=(
            ObstaclePlan(1, "Look-alike parts sit side by side", C),
            ObstaclePlan(2, "Pickers skip the scan on lines without a bin label", W),
            ObstaclePlan(2, "Scanner battery dies mid-shift", P),
            ObstaclePlan(2, "Labels fade in the cold store", P),
            ObstaclePlan(
                2, "New pickers are not shown the scan step", P, ObstacleKind.IMPLEMENTATION
            ),
        ),
        steps=(
            StepPlan(
                0,
                "Move bins C-12 and C-14 two slots apart",
                "No mix-up between C-12 and C-14",
                "No mix-up on C-12/C-14 in 2 days; 2.1 errors per 100 lines",
                "Distance works for look-alikes; the other errors are unscanned lines",
            ),
            StepPlan(
                1,
                "Watch one picker for an hour and note each skipped scan",
                "Scans are skipped when the scanner is slow",
                "8 skips in the hour, all on lines whose bin has no label",
                "Missing bin labels, not the scanner, cause the skips",
            ),
            StepPlan(
                1,
                "Label the 12 unlabelled bins in aisle C",
                "No skipped scans in aisle C for a shift",
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
        reached=92,
        patterns=(
            "The gap is checked with the gauge on every part, on every shift",
            "Gap under 0.5 mm on every part all shift; yield at 96% over a week",
        ),
        actuals=(
            "Gap checked on every part; defects now come late in the shift",
            "The gap grows in the last two hours of a shift",
        ),
        obstacles=(
            ObstaclePlan(1, "Gap gauge missing on night shift", C),
            ObstaclePlan(2, "Fixture wear lets the gap grow late in the shift", W),
            ObstaclePlan(2, "Wire spool changes cause porosity", P),
        ),
        steps=(
            StepPlan(
                0,
                "Hang a gap gauge at the night-shift weld station",
                "Night shift checks the gap on every part",
                "Checked on every part for 3 nights; yield 92.4%",
                "With the gauge at hand the check happens; the defects left come late in the shift",
            ),
            StepPlan(
                1,
                "Check the gap on 20 parts across one shift",
                "All gaps within 0.5 mm",
                "6 of 20 over 0.5 mm, all in the last two hours",
                "The gap grows as the shift goes on: the fixture, not the welder",
            ),
            StepPlan(
                1,
                "Measure the fixture's clamp pad at the start and end of a shift",
                "The pad is thinner than the drawing",
                "Pad 0.4 mm under the drawing, and 0.2 mm thinner again by shift end",
                "The worn pad lets the part move as it warms: restore the clamp force "
                "before the gap grows",
            ),
            StepPlan(
                1,
                "Tighten the fixture clamp at mid-shift",
                "No gap over 0.5 mm after mid-shift",
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
        reached=67,
        patterns=(
            "The operator never leaves the station: screws refilled by the water spider",
            "Screws presented in the order of use; station 5 under 60 s on 9 of 10 cycles",
        ),
        actuals=(
            "No refills by the operator; the reach to the tray costs seconds every cycle",
            "Cycles at 66 s; the operator reaches behind the part for every screw",
        ),
        obstacles=(
            ObstaclePlan(1, "Screw tray refilled by the operator", C),
            ObstaclePlan(2, "Screw tray sits behind the part", W),
            ObstaclePlan(2, "Tool cable snags on the fixture", P),
        ),
        steps=(
            StepPlan(
                0,
                "Have the water spider refill the screw tray every hour",
                "No refills by the operator; cycles under 67 s",
                "No refills for a shift; cycles 66 s on average",
                "The refill cost 7 s a cycle; the reach to the tray is the next loss",
            ),
            StepPlan(1, "Move the screw tray to the left of the part", "Save 5 s a cycle"),
        ),
    ),
)


def demo_board(
    scenario: Scenario,
    today: date,
    *,
    seed: int = 1,
    experiments: int | None = None,
    cycles: int | None = None,
) -> Storyboard:
    """One learner's storyboard: a target condition reached, and the current one.

    ``experiments`` and ``cycles`` default to the scenario as written; the
    benchmark asks for hundreds, which repeats the current target's steps.
    """
    rng = random.Random(f"{scenario.learner}-{seed}")
    start = today - timedelta(days=30)
    closed = start + timedelta(days=14)
    board = Board(
        learner=scenario.learner,
        coach=scenario.coach,
        challenge=scenario.challenge,
        horizon=today + timedelta(days=180),
        set_by="plant manager",
        focus_process=scenario.focus,
        created=start,
    )
    better = Better.HIGHER if scenario.goal > scenario.start else Better.LOWER
    goals = (scenario.reached, scenario.goal)
    reached_with = [p for p in scenario.steps if scenario.obstacles[p.obstacle].target == 1]
    summaries = (
        f"{reached_with[-1].learned}; the last readings met {scenario.reached:g} {scenario.unit}",
        "",
    )
    targets = [
        TargetCondition(
            seq=seq,
            achieve_by=closed if seq == 1 else today + timedelta(days=21),
            metrics=(
                Metric(scenario.metric, scenario.unit, goals[seq - 1], MetricKind.OUTCOME, better),
                Metric("steps done to standard", "%", 90, MetricKind.PROCESS, Better.HIGHER),
            ),
            pattern=scenario.patterns[seq - 1],
            actual_pattern=scenario.actuals[seq - 1],
            status=TargetStatus.ACHIEVED if seq == 1 else TargetStatus.ACTIVE,
            next_go_see=None if seq == 1 else today + timedelta(days=1),
            closed_on=closed if seq == 1 else None,
            summary=summaries[seq - 1],
        )
        for seq in (1, 2)
    ]
    numbers = {1: 0, 2: 0}
    obstacles: list[Obstacle] = []
    for plan in scenario.obstacles:
        numbers[plan.target] += 1
        obstacles.append(
            Obstacle(
                target_id=targets[plan.target - 1].id,
                text=plan.text,
                added=start if plan.target == 1 else closed,
                status=plan.status,
                kind=plan.kind,
                number=numbers[plan.target],
            )
        )
    plans = list(scenario.steps)
    if experiments is not None and experiments > len(plans):
        # A benchmark-sized board: the current target's closed steps again, in rounds.
        # The current target's closed steps again, or any closed step where the
        # current target has none closed yet (its only step is the open one).
        closed_steps = [p for p in plans if p.happened]
        done = [p for p in closed_steps if scenario.obstacles[p.obstacle].target == 2]
        done = done or closed_steps
        extra = experiments - len(plans)
        rounds = [
            replace(p, step=f"{p.step} (round {i // len(done) + 2})")
            for i, p in enumerate(done[i % len(done)] for i in range(extra))
        ]
        plans = plans[:-1] + rounds + plans[-1:]
    elif experiments is not None:
        plans = plans[:experiments]
    n_first = sum(1 for p in plans if scenario.obstacles[p.obstacle].target == 1)
    steps: list[Experiment] = []
    per_target = {1: 0, 2: 0}
    for i, plan in enumerate(plans):
        which = scenario.obstacles[plan.obstacle].target
        per_target[which] += 1
        if which == 1:
            day = start + timedelta(days=1 + i * 12 // max(1, n_first))
        else:
            later = len(plans) - n_first
            day = closed + timedelta(days=1 + (i - n_first) * 15 // max(1, later))
        steps.append(
            Experiment(
                target_id=targets[which - 1].id,
                number=per_target[which],
                day=day,
                step=plan.step,
                expected=plan.expected,
                obstacle_id=obstacles[plan.obstacle].id,
                happened=plan.happened,
                learned=plan.learned,
            )
        )
    readings = _readings(scenario, targets, start, closed, today, rng)
    n_cycles = cycles if cycles is not None else len(steps) - 1
    cycles_out = [
        _cycle(scenario, steps, obstacles, targets, readings, i, n_cycles, today, rng)
        for i in range(n_cycles)
    ]
    return Storyboard(
        board=board,
        targets=tuple(targets),
        readings=tuple(readings),
        obstacles=tuple(obstacles),
        experiments=tuple(steps),
        cycles=tuple(cycles_out),
    )


def _readings(
    scenario: Scenario,
    targets: list[TargetCondition],
    start: date,
    closed: date,
    today: date,
    rng: random.Random,
) -> list[Reading]:
    """Every other day: the first target's readings reach it over its last week;
    the current one's move toward its target without reaching it yet."""
    out: list[Reading] = []
    lower = scenario.goal < scenario.start
    sign = -1 if lower else 1
    first, current = targets
    for d in range(0, 15, 2):
        share = min(1.0, d / 10)
        value = scenario.start + (scenario.reached - scenario.start) * share
        noise = rng.uniform(0, 0.04) * abs(scenario.start - scenario.goal)
        value = value + sign * noise if d >= 10 else value - sign * noise
        out.append(
            Reading(
                first.id,
                start + timedelta(days=d),
                scenario.metric,
                round(value, 1),
                seq=len(out) + 1,
            )
        )
    for seq, d in enumerate(range(2, 31 - 14, 2), start=1):
        day = closed + timedelta(days=d)
        if day > today:
            break
        share = d / 17 * 0.6
        value = scenario.reached + (scenario.goal - scenario.reached) * share
        noise = rng.uniform(-0.05, 0.05) * abs(scenario.start - scenario.goal)
        value = value + noise
        if (value <= scenario.goal) if lower else (value >= scenario.goal):
            value = scenario.goal - sign * 0.5
        out.append(Reading(current.id, day, scenario.metric, round(value, 1), seq=seq))
    return out


def _cycle(
    scenario: Scenario,
    steps: list[Experiment],
    obstacles: list[Obstacle],
    targets: list[TargetCondition],
    readings: list[Reading],
    i: int,
    n_cycles: int,
    today: date,
    rng: random.Random,
) -> CoachingCycle:
    """A cycle that reflects on one step and opens the next: an answer to every
    question, and what each meant."""
    k = 1 + i % (len(steps) - 1) if len(steps) > 1 else 0
    opened, last = steps[k], steps[k - 1] if k else steps[k]
    day = opened.day if n_cycles <= len(steps) else today - timedelta(days=n_cycles - i)
    target = next(t for t in targets if t.id == opened.target_id)
    obstacle = next(o for o in obstacles if o.id == opened.obstacle_id)
    earlier = [r for r in readings if r.target_id == target.id and r.day <= day]
    reading = earlier[-1] if earlier else None
    unit = f" {scenario.unit}" if scenario.unit else ""
    go_see = day + timedelta(days=1)
    user = scenario.learner
    answers = (
        Answer("q1", "", user, f"as on the board: {target.pattern}"),
        Answer(
            "q2",
            f"reading: {reading.value:g}" if reading else "",
            user,
            f"reading {reading.value:g}{unit} on {reading.day.isoformat()}"
            if reading
            else f"as on the board: {target.actual_pattern}",
        ),
        Answer("r1", last.step, user, f"step {last.number}"),
        Answer("r2", last.expected, user, f"step {last.number}"),
        Answer("r3", last.happened, user, f"step {last.number}"),
        Answer("r4", last.learned, user, f"step {last.number}"),
        Answer(
            "q3",
            str(obstacle.number),
            user,
            f'obstacle {obstacle.number} "{obstacle.text}": working on',
        ),
        Answer(
            "q4",
            f"{opened.step}\nexpect: {opened.expected}",
            user,
            f'step {opened.number} on obstacle {obstacle.number} "{obstacle.text}"',
        ),
        Answer("q5", "tomorrow", user, go_see.isoformat()),
    )
    started = datetime.combine(day, time(9, 30))
    return CoachingCycle(
        target_id=target.id,
        day=day,
        coach=scenario.coach,
        learner=scenario.learner,
        started=started,
        ended=started + timedelta(minutes=14 + rng.randint(0, 6)),
        answers=answers,
        reflection="Asked for the data before the opinion" if i % 3 == 0 else "",
        second_coach="anna" if i % 4 == 1 else "",
        second_coach_feedback="Let the learner hold the pen longer" if i % 4 == 1 else "",
    )


def demo_boards(today: date) -> list[Storyboard]:
    """The built-in sample plant: four learners, two coaches."""
    return [demo_board(s, today) for s in SCENARIOS]
