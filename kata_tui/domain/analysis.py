"""The process analysis told in short lines, and the block diagram's order.

The same lines show on the process-analysis screen and beside the form that
sets the first target condition, so the operating pattern is written against
what was found: the planned cycle time, each step's equipment time per unit
against it, the operators it needs, every observation's spread (never an
average), and the outcome metric's readings from before the first target
condition. Pure, so the wording is tested without a terminal.
"""

from __future__ import annotations

from dataclasses import replace

from kata_tui.domain.model import BEFORE_FIRST_TARGET
from kata_tui.domain.numbers import number_text
from kata_tui.domain.process import (
    Observation,
    ProcessStep,
    meets,
    operators_needed,
    seconds_text,
    spread,
)
from kata_tui.domain.storyboard import Storyboard

FITS = {True: "fits", False: "too slow", None: ""}
"""A per-unit time against the planned cycle time."""


def demand_lines(story: Storyboard) -> list[str]:
    """Demand, planned cycle time and takt, operators needed; ``[]`` for none of them."""
    out: list[str] = []
    demand = story.current_demand
    planned = story.planned_cycle_seconds
    if demand is not None:
        period = f" per {demand.period.strip()}" if demand.period.strip() else ""
        out.append(
            f"Planned cycle time {seconds_text(planned)} (takt {seconds_text(demand.takt_seconds)})"
        )
        out.append(
            f"Demand {number_text(demand.demand)}{period}: {number_text(demand.available_minutes)}"
            f" min less {number_text(demand.planned_losses_minutes)} min planned losses"
            f" ({demand.day.isoformat()})"
        )
    operators = operators_needed(story.steps, planned)
    if operators is not None:
        out.append(f"Operators needed {operators:.1f} (work content / planned cycle time)")
    return out


def step_line(step: ProcessStep, planned: float | None) -> str:
    """``2 Weld: work 20.0 s, equipment 55.0 s/unit fits; waits: tote of 12``."""
    parts = []
    if step.work_seconds is not None:
        parts.append(f"work {seconds_text(step.work_seconds)}")
    capacity = step.capacity_seconds
    if capacity is not None:
        fits = FITS[meets(capacity, planned)]
        parts.append(f"equipment {seconds_text(capacity)}/unit{' ' + fits if fits else ''}")
    line = f"{step.position} {step.name}"
    if parts:
        line += ": " + ", ".join(parts)
    if step.waits_after.strip():
        line += f"; waits: {step.waits_after.strip()}"
    return line


def block_diagram(story: Storyboard) -> str:
    """``[Cut] > (tote of 12) > [Weld] > [Pack]``: the steps in order and where work waits."""
    parts: list[str] = []
    for step in story.steps_in_order():
        parts.append(f"[{step.name}]")
        if step.waits_after.strip():
            parts.append(f"({step.waits_after.strip()})")
    return " > ".join(parts)


def observation_line(seen: Observation) -> str:
    """``Pack, 2026-11-30 09:12: 25 cycles, lowest repeatable 58.0 s, range 12.1 s (...)``."""
    head = f"{seen.what}, {seen.started:%Y-%m-%d %H:%M}"
    result = spread(seen.times)
    if result is None:
        return f"{head}: no cycles marked"
    running = " (running)" if seen.running else ""
    odd = sum(1 for m in seen.marks if m.note.strip())
    noted = f", {odd} noted odd" if odd else ""
    return (
        f"{head}: {result.count} cycles{running}, lowest repeatable "
        f"{seconds_text(result.lowest_repeatable)}, range {seconds_text(result.range)} "
        f"({seconds_text(result.lowest)} to {seconds_text(result.highest)}){noted}"
    )


def baseline_line(story: Storyboard) -> str:
    """The outcome metric's readings before the first target condition, oldest first."""
    readings = story.readings_for(BEFORE_FIRST_TARGET)
    if not readings:
        return ""
    by_metric: dict[str, list[str]] = {}
    for reading in readings:
        by_metric.setdefault(reading.metric, []).append(number_text(reading.value))
    return "; ".join(f"{metric}: {', '.join(values)}" for metric, values in by_metric.items())


def analysis_lines(story: Storyboard) -> list[str]:
    """Everything found so far, one fact a line; ``[]`` when nothing is."""
    out = demand_lines(story)
    planned = story.planned_cycle_seconds
    steps = story.steps_in_order()
    if steps:
        out.append("Steps: " + block_diagram(story))
        out += ["  " + step_line(step, planned) for step in steps]
    observations = story.observations_in_order()
    if observations:
        out.append("Observed cycle times:")
        out += ["  " + observation_line(seen) for seen in observations]
    baseline = baseline_line(story)
    if baseline:
        out.append(f"Outcome before the first target condition: {baseline}")
    return out


def place_step(story: Storyboard, step: ProcessStep, position: int) -> list[ProcessStep]:
    """The steps to save so ``step`` stands at ``position`` and the others keep their
    order around it, numbered 1, 2, ... without gaps (only the changed ones)."""
    others = [s for s in story.steps_in_order() if s.id != step.id]
    index = max(0, min(position - 1, len(others)))
    order = [*others[:index], step, *others[index:]]
    out = []
    for number, item in enumerate(order, start=1):
        if item is step:
            out.append(replace(step, position=number))
        elif item.position != number:
            out.append(replace(item, position=number))
    return out


def aside_lines(story: Storyboard) -> list[str]:
    """The analysis in short lines (about 30 columns) to write a target condition
    against: the pace, the capacity, the spread, the outcome so far."""
    out: list[str] = []
    demand = story.current_demand
    planned = story.planned_cycle_seconds
    if demand is not None:
        period = f" per {demand.period.strip()}" if demand.period.strip() else ""
        out.append(f"Planned cycle time {seconds_text(planned)}")
        out.append(f"(takt {seconds_text(demand.takt_seconds)}; "
                   f"{number_text(demand.demand)}{period})")  # fmt: skip
    operators = operators_needed(story.steps, planned)
    if operators is not None:
        out.append(f"Operators needed {operators:.1f}")
    equipment = [s for s in story.steps_in_order() if s.capacity_seconds is not None]
    if equipment:
        out.append("Equipment per unit:")
        for step in equipment:
            fits = FITS[meets(step.capacity_seconds, planned)]
            out.append(f" {step.position} {step.name} {seconds_text(step.capacity_seconds)} {fits}")
    observed = [(o, spread(o.times)) for o in story.observations_in_order()]
    observed = [(o, s) for o, s in observed if s is not None]
    if observed:
        out.append("Observed: lowest repeatable, range")
        for seen, result in observed:
            out.append(
                f" {seen.what} {seconds_text(result.lowest_repeatable)}, "
                f"{seconds_text(result.range)} ({result.lowest:.1f}-{result.highest:.1f} s), "
                f"{result.count} cycles"
            )
    baseline = baseline_line(story)
    if baseline:
        out.append(f"Outcome so far: {baseline}")
    return [line.rstrip() for line in out]
