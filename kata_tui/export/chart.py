"""The run chart as inline SVG: single values against the target line.

Drawn by hand (no library, no script) so the printed page needs nothing from
the network and prints the same everywhere. The rows and slots come from
``kata_tui.domain.run_chart.plot``, the scale the terminal chart draws from
too: a reading that misses its target sits at least one row (4 units or
more) off its target line, on the side of a miss, so print and screen agree.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from kata_tui.domain.run_chart import ChartData, Plot, plot
from kata_tui.domain.text import visible


def escape(text: str) -> str:
    return html.escape(visible(text, one_line=True))


WIDTH = 400
LEFT, RIGHT, TOP, BOTTOM = 50, 10, 10, 22
MAX_SLOTS = 60
"""Readings (and start marks) a chart holds; older readings are left out and counted."""
INNER_W = WIDTH - LEFT - RIGHT


@dataclass(frozen=True, slots=True)
class Frame:
    """A chart's height and its scale's rows, 4 units or more apart: farther than a
    point's radius (2.2) from a line, so a miss never touches its target line."""

    height: int
    rows: int
    css: str = "chart"

    @property
    def inner_h(self) -> int:
        return self.height - TOP - BOTTOM

    def y_of(self, row: int) -> float:
        return TOP + self.inner_h / (self.rows - 1) * row


TALL = Frame(160, 33)
"""One chart in its column."""
SHORT = Frame(64, 9, "chart short")
"""One of several charts sharing a column (the same width, about 15 mm high when printed)."""


def x_of(slot: int, drawn: Plot) -> float:
    if drawn.slots <= 1:
        return LEFT + INNER_W / 2
    return LEFT + INNER_W * slot / (drawn.slots - 1)


LABEL_UNITS = 9
"""Height of an axis label (7 pt at the sheet's scale): labels closer overlap."""


def _spaced(drawn: Plot, frame: Frame) -> list[tuple[int, str]]:
    """The axis labels that do not overlap: every target line's first, then the top
    and bottom values where there is room for them."""
    gap = LABEL_UNITS / (frame.inner_h / (frame.rows - 1))
    targets = {line.row for line in drawn.lines if line.row is not None}
    kept = {row: text for row, text in drawn.labels.items() if row in targets}
    for row, text in drawn.labels.items():
        if row not in kept and all(abs(row - other) >= gap for other in kept):
            kept[row] = text
    return sorted(kept.items())


def run_chart(data: ChartData, frame: Frame = TALL) -> str:
    """SVG markup, or an empty string when there is nothing to draw."""
    if not data.points:
        return ""
    drawn = plot(data, frame.rows, MAX_SLOTS)
    y_of = frame.y_of
    label = f"run chart of {escape(data.metric)}"
    parts = [
        f'<svg class="{frame.css}" viewBox="0 0 {WIDTH} {frame.height}" role="img" '
        f'aria-label="{label}" xmlns="http://www.w3.org/2000/svg">',
        f'<rect x="{LEFT}" y="{TOP}" width="{INNER_W}" height="{frame.inner_h}" '
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
            f'<line class="start" x1="{sx:.1f}" y1="{TOP}" x2="{sx:.1f}" '
            f'y2="{TOP + frame.inner_h}" '
            'stroke="#777" stroke-width="0.8" stroke-dasharray="2 2"/>'
        )
        parts.append(f'<text x="{sx + 2:.1f}" y="{TOP + 9}">TC {line.seq}</text>')
    for row, text in _spaced(drawn, frame):
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
    bottom = frame.height - 6
    parts.append(f'<text x="{LEFT}" y="{bottom}">{first}</text>')
    parts.append(f'<text x="{WIDTH - RIGHT}" y="{bottom}" text-anchor="end">{last}</text>')
    parts.append("</svg>")
    return "\n".join(parts)
