"""The run chart as inline SVG: single values against the target line.

Drawn by hand (no library, no script) so the printed page needs nothing from
the network and prints the same everywhere. The rows and slots come from
``kata_tui.domain.run_chart.plot``, the scale the terminal chart draws from
too: a reading that misses its target sits at least one row (``ROW`` units)
off its target line, on the side of a miss, so print and screen agree.
"""

from __future__ import annotations

import html

from kata_tui.domain.run_chart import ChartData, Plot, plot
from kata_tui.domain.text import visible


def escape(text: str) -> str:
    return html.escape(visible(text, one_line=True))


WIDTH = 400
HEIGHT = 160
LEFT, RIGHT, TOP, BOTTOM = 50, 10, 10, 22
ROWS = 33
"""Rows of the scale: 4 units apart, farther than a point's radius (2.2) from a line."""
MAX_SLOTS = 60
"""Readings (and start marks) a chart holds; older readings are left out and counted."""
INNER_W = WIDTH - LEFT - RIGHT
INNER_H = HEIGHT - TOP - BOTTOM
ROW = INNER_H / (ROWS - 1)


def y_of(row: int) -> float:
    return TOP + ROW * row


def x_of(slot: int, drawn: Plot) -> float:
    if drawn.slots <= 1:
        return LEFT + INNER_W / 2
    return LEFT + INNER_W * slot / (drawn.slots - 1)


def run_chart(data: ChartData) -> str:
    """SVG markup, or an empty string when there is nothing to draw."""
    if not data.points:
        return ""
    drawn = plot(data, ROWS, MAX_SLOTS)
    label = f"run chart of {escape(data.metric)}"
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{label}" xmlns="http://www.w3.org/2000/svg">',
        f'<rect x="{LEFT}" y="{TOP}" width="{INNER_W}" height="{INNER_H}" '
        'fill="none" stroke="#999" stroke-width="0.6"/>',
    ]
    for number, line in enumerate(drawn.lines):
        if line.row is None:
            continue
        x1 = x_of(line.first, drawn)
        last = number == len(drawn.lines) - 1
        x2 = WIDTH - RIGHT if last else x_of(line.last, drawn)
        ty = y_of(line.row)
        parts.append(
            f'<line class="target" x1="{x1:.1f}" y1="{ty:.1f}" x2="{x2:.1f}" y2="{ty:.1f}" '
            'stroke="#000" stroke-width="1.2" stroke-dasharray="6 3"/>'
        )
    for start, line in zip(drawn.starts, drawn.lines[1:], strict=False):
        sx = x_of(start, drawn)
        parts.append(
            f'<line class="start" x1="{sx:.1f}" y1="{TOP}" x2="{sx:.1f}" y2="{TOP + INNER_H}" '
            'stroke="#777" stroke-width="0.8" stroke-dasharray="2 2"/>'
        )
        parts.append(f'<text x="{sx + 2:.1f}" y="{TOP + 9}">TC {line.seq}</text>')
    for row, text in sorted(drawn.labels.items()):
        parts.append(
            f'<text x="{LEFT - 3}" y="{y_of(row) + 3:.1f}" text-anchor="end">{escape(text)}</text>'
        )
    for line in drawn.lines:
        own = [d for d in drawn.dots if d.stretch == line.stretch]
        if len(own) > 1:
            points = " ".join(f"{x_of(d.slot, drawn):.1f},{y_of(d.row):.1f}" for d in own)
            parts.append(
                f'<polyline points="{points}" fill="none" stroke="#1a4f8b" stroke-width="1.4"/>'
            )
    for dot in drawn.dots:
        meets = {True: "meets", False: "misses", None: "reading"}[dot.meets]
        parts.append(
            f'<circle class="{meets}" cx="{x_of(dot.slot, drawn):.1f}" cy="{y_of(dot.row):.1f}" '
            f'r="2.2" fill="#1a4f8b"/>'
        )
    first, last = drawn.dots[0].day.isoformat(), drawn.dots[-1].day.isoformat()
    if drawn.omitted:
        first = f"{drawn.omitted} older left out; {first}"
    parts.append(f'<text x="{LEFT}" y="{HEIGHT - 6}">{first}</text>')
    parts.append(f'<text x="{WIDTH - RIGHT}" y="{HEIGHT - 6}" text-anchor="end">{last}</text>')
    parts.append("</svg>")
    return "\n".join(parts)
