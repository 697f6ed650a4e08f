"""The run chart as inline SVG: single values against the target line.

Drawn by hand (no library, no script) so the printed page needs nothing from
the network and prints the same everywhere.
"""

from __future__ import annotations

import html

from kata_tui.domain.model import Metric, Reading
from kata_tui.domain.text import visible
from kata_tui.export.common import number


def escape(text: str) -> str:
    return html.escape(visible(text, one_line=True))


WIDTH = 400
HEIGHT = 160
LEFT, RIGHT, TOP, BOTTOM = 44, 10, 10, 22


def run_chart(readings: list[Reading], metric: Metric) -> str:
    """SVG markup, or an empty string when there is nothing to draw."""
    if not readings:
        return ""
    values = [r.value for r in readings]
    scale = [*values, *([metric.target] if metric.target is not None else [])]
    low, high = min(scale), max(scale)
    if high == low:
        high, low = high + 1, low - 1
    pad = (high - low) * 0.1
    low, high = low - pad, high + pad
    inner_w = WIDTH - LEFT - RIGHT
    inner_h = HEIGHT - TOP - BOTTOM

    def x(i: int) -> float:
        return LEFT + (inner_w * i / (len(values) - 1) if len(values) > 1 else inner_w / 2)

    def y(v: float) -> float:
        return TOP + inner_h * (high - v) / (high - low)

    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="run chart of {escape(metric.name)}" xmlns="http://www.w3.org/2000/svg">',
        f'<rect x="{LEFT}" y="{TOP}" width="{inner_w}" height="{inner_h}" '
        'fill="none" stroke="#999" stroke-width="0.6"/>',
    ]
    if metric.target is not None:
        ty = y(metric.target)
        parts.append(
            f'<line x1="{LEFT}" y1="{ty:.1f}" x2="{WIDTH - RIGHT}" y2="{ty:.1f}" '
            'stroke="#000" stroke-width="1.2" stroke-dasharray="6 3"/>'
        )
        parts.append(
            f'<text x="{WIDTH - RIGHT - 2}" y="{ty - 3:.1f}" text-anchor="end">'
            f"target {escape(number(metric.target))}</text>"
        )
    points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
    parts.append(f'<polyline points="{points}" fill="none" stroke="#1a4f8b" stroke-width="1.4"/>')
    for i, v in enumerate(values):
        parts.append(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="2.2" fill="#1a4f8b"/>')
    for v in (high - pad, low + pad):
        parts.append(
            f'<text x="{LEFT - 3}" y="{y(v) + 3:.1f}" text-anchor="end">'
            f"{escape(number(round(v, 2)))}</text>"
        )
    first, last = readings[0].day.isoformat(), readings[-1].day.isoformat()
    parts.append(f'<text x="{LEFT}" y="{HEIGHT - 6}">{first}</text>')
    parts.append(f'<text x="{WIDTH - RIGHT}" y="{HEIGHT - 6}" text-anchor="end">{last}</text>')
    unit = f" ({escape(metric.unit)})" if metric.unit else ""
    parts.append(
        f'<text x="{LEFT + inner_w / 2:.0f}" y="{HEIGHT - 6}" text-anchor="middle">'
        f"{escape(metric.name)}{unit}</text>"
    )
    parts.append("</svg>")
    return "\n".join(parts)
