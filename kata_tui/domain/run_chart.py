"""A run chart as lines of plain ASCII: readings over time against the target.

Plain characters (``*`` a reading, ``-`` the target line, ``|`` and ``+`` the
axes) read the same on the Linux console, with 16 colours or none, and in a
pasted bug report. Pure, so the scaling is tested without a terminal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kata_tui.domain.storyboard import Storyboard

POINT = "*"
TARGET = "-"


@dataclass(frozen=True, slots=True)
class ChartData:
    metric: str
    unit: str
    target: float | None
    points: tuple[tuple[date, float], ...]
    better: str = ""


def chart_data(story: Storyboard) -> ChartData | None:
    """The current target's outcome metric and its readings; None without a metric."""
    target = story.target
    if target is None:
        return None
    outcome = target.outcome
    if outcome is None:
        return None
    readings = story.readings_for(target.id, outcome.name)
    return ChartData(
        metric=outcome.name,
        unit=outcome.unit,
        target=outcome.target,
        points=tuple((r.day, r.value) for r in readings),
        better=str(outcome.better),
    )


_SCALES = ((1e12, "T"), (1e9, "G"), (1e6, "M"), (1e4, "k"))


def number(value: float) -> str:
    """Short axis label: ``42``, ``3.5``, ``25k``, ``-3G``; at most 6 characters
    for every value in range (``numbers.MAX_VALUE``)."""
    for scale, suffix in _SCALES:
        if abs(value) >= scale:
            divisor = scale if scale > 1e4 else 1e3
            return f"{value / divisor:.0f}{suffix}"
    if abs(value) >= 100:
        return f"{value:.0f}"
    return f"{value:.1f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:.0f}"


def _day(day: date) -> str:
    return f"{day.day} {day.strftime('%b')}"


def _row(value: float, low: float, high: float, rows: int) -> int:
    """Row index from the top (0) to the bottom (rows - 1)."""
    if high == low:
        return rows // 2
    share = (high - value) / (high - low)
    return min(rows - 1, max(0, round(share * (rows - 1))))


def _column(day: date, first: date, last: date, cols: int) -> int:
    span = (last - first).days
    if span <= 0:
        return 0
    return min(cols - 1, max(0, round((day - first).days / span * (cols - 1))))


def title(data: ChartData | None) -> str:
    if data is None:
        return "Run chart"
    return f"{data.metric} ({data.unit})" if data.unit else data.metric


def legend(data: ChartData, width: int = 80) -> str:
    """The target in words (value and unit), and the last reading if it fits."""
    unit = f" {data.unit}" if data.unit else ""
    target = "no target set" if data.target is None else f"target {number(data.target)}{unit}"
    if not data.points:
        return f"{TARGET} {target}"
    text = f"{POINT} reading  {TARGET} {target}"
    latest = f", last {number(data.points[-1][1])}"
    return text + latest if len(text) + len(latest) <= width else text


def render(data: ChartData | None, width: int = 36, height: int = 8) -> list[str]:
    """At most ``height`` lines of at most ``width`` characters.

    Layout: plot rows with the value axis on the left, the time axis, the
    first and last dates, and a legend line (the target value and unit in
    words, so the chart needs no colour).
    """
    width = max(width, 16)
    height = max(height, 5)
    if data is None:
        return ["No target condition with an outcome", "metric yet."]
    if not data.points:
        return ["No readings yet.", legend(data, width)[:width]]
    values = [v for _, v in data.points]
    scope = values + ([data.target] if data.target is not None else [])
    low, high = min(scope), max(scope)
    if high == low:
        pad = abs(high) * 0.1 or 1.0
        low, high = low - pad, high + pad
    rows = height - 3
    labels = {0: number(high), rows - 1: number(low)}
    target_row = None
    if data.target is not None:
        target_row = _row(data.target, low, high, rows)
        labels[target_row] = number(data.target)
    gutter = min(max(len(label) for label in labels.values()) + 1, width // 2)
    cols = width - gutter - 1
    grid = [[" "] * cols for _ in range(rows)]
    if target_row is not None:
        grid[target_row] = [TARGET] * cols
    first, last = data.points[0][0], data.points[-1][0]
    for day, value in data.points:
        grid[_row(value, low, high, rows)][_column(day, first, last, cols)] = POINT
    lines = []
    for i, cells in enumerate(grid):
        label = labels.get(i, "")[: gutter - 1]
        lines.append(f"{label:>{gutter - 1}} |" + "".join(cells).rstrip())
    lines.append(" " * gutter + "+" + "-" * cols)
    start, end = _day(first), _day(last)
    room = cols + 1 - len(start) - len(end)
    dates = start if first == last else start + " " * max(1, room) + end
    lines.append(" " * gutter + dates)
    lines.append(legend(data, width))
    return [line[:width] for line in lines]
