"""The process analysis on the printed sheet (Starter Kata).

While the board is grasping the current condition the sheet has no target
condition to show: the current condition holds the planned cycle time and
the outcome's readings so far (with their run chart), and the wide row that
later holds the experiment record holds the block diagram, each step's
capacity against the planned cycle time, and the observed cycle times in
order with their spread (never an average). Once a target condition is set
the sheet is the storyboard's again and the footer names the analysis (the
Markdown and JSON exports carry all of it).
"""

from __future__ import annotations

import html

from kata_tui.domain.analysis import block_diagram, demand_lines
from kata_tui.domain.model import BEFORE_FIRST_TARGET
from kata_tui.domain.process import meets, seconds_text, spread
from kata_tui.domain.run_chart import single
from kata_tui.domain.storyboard import Storyboard
from kata_tui.domain.text import clip, visible
from kata_tui.export.chart import run_chart
from kata_tui.export.common import number

MAX_OBSERVATIONS = 6
"""Newest observations on the sheet."""
MAX_MARKS = 40
FITS_TEXT = {True: "fits", False: "too slow", None: "-"}


def _esc(text: str, limit: int = 220) -> str:
    return html.escape(clip(visible(text), limit))


def has_analysis(story: Storyboard) -> bool:
    return bool(
        story.demand or story.steps or story.observations or story.readings_for(BEFORE_FIRST_TARGET)
    )


def grasping_current(story: Storyboard) -> str:
    """The current condition while grasping: demand, planned cycle time, outcome so far."""
    out = ['<section class="current"><h2>Current condition</h2>']
    out.append("<p><b>Grasping the current condition</b> (process analysis)</p>")
    out += [f"<p>{_esc(line)}</p>" for line in demand_lines(story)]
    readings = story.readings_for(BEFORE_FIRST_TARGET)
    if readings:
        name = readings[-1].metric
        mine = [r for r in readings if r.metric == name]
        out.append(
            f"<p><b>Outcome so far, {_esc(name, 80)}:</b> {number(mine[-1].value)} "
            f"on {mine[-1].day.isoformat()}</p>"
        )
        out.append(run_chart(single(name, "", None, tuple((r.day, r.value) for r in mine))))
    out.append("</section>")
    return "".join(out)


def process_section(story: Storyboard) -> str:
    """The block diagram, the steps' capacity and the observations, full width."""
    out = ['<section class="experiments process"><h2>Process analysis</h2>']
    planned = story.planned_cycle_seconds
    steps = story.steps_in_order()
    if steps:
        out.append(f'<p class="text"><b>Steps:</b> {_esc(block_diagram(story), 600)}</p>')
        heads = ("#", "Step", "Work content", "Equipment per unit", "Against planned", "Waits")
        out.append("<table><tr>" + "".join(f"<th>{h}</th>" for h in heads) + "</tr>")
        for step in steps:
            cells = (
                str(step.position),
                _esc(step.name),
                seconds_text(step.work_seconds),
                seconds_text(step.capacity_seconds),
                FITS_TEXT[meets(step.capacity_seconds, planned)],
                _esc(step.waits_after),
            )
            out.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
        out.append("</table>")
    observations = story.observations_in_order()
    shown = observations[-MAX_OBSERVATIONS:]
    for seen in shown:
        result = spread(seen.times)
        head = f"{_esc(seen.what, 80)}, {seen.started:%Y-%m-%d %H:%M}"
        if result is None:
            out.append(f"<h3>Cycle times: {head}</h3><p>No cycles marked.</p>")
            continue
        out.append(
            f"<h3>Cycle times: {head}: {result.count} cycles, lowest repeatable "
            f"{seconds_text(result.lowest_repeatable)}, range {seconds_text(result.range)} "
            f"({seconds_text(result.lowest)} to {seconds_text(result.highest)})</h3>"
        )
        marks = seen.marks[-MAX_MARKS:]
        first = len(seen.marks) - len(marks) + 1
        times = " ".join(f"{m.seconds:.1f}{'*' if m.note.strip() else ''}" for m in marks)
        out.append(f"<p>In order{'' if first == 1 else f' from cycle {first}'}: {times}</p>")
        notes = [
            f"cycle {i}: {_esc(m.note, 120)}"
            for i, m in enumerate(seen.marks, start=1)
            if m.note.strip() and i >= first
        ]
        if notes:
            out.append(f'<p class="note">* {"; ".join(notes)}</p>')
    if len(observations) > len(shown):
        out.append(
            f'<p class="note">{len(observations) - len(shown)} earlier observations not shown.</p>'
        )
    if not steps and not observations:
        out.append("<p>No steps or observations yet.</p>")
    out.append("</section>")
    return "".join(out)


def footer_note(story: Storyboard) -> str:
    """One line for a board past the grasping phase: the analysis is in the other exports."""
    planned = story.planned_cycle_seconds
    parts = [f"planned cycle time {seconds_text(planned)}"] if planned else []
    parts += [f"{len(story.steps)} steps"] if story.steps else []
    parts += [f"{len(story.observations)} observations"] if story.observations else []
    if not parts:
        return ""
    return "Process analysis: " + ", ".join(parts) + " (all of it in the Markdown export)"
