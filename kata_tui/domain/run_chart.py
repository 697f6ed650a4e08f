"""Run charts of single readings against their target, one chart per metric.

``plot`` is the one scale both the terminal chart and the printed (HTML)
chart draw from, so they cannot disagree about a point. It puts each reading
on a row and a column ("slot") of a grid, and keeps the kata's honesty rules:

- a point that misses its target is never drawn on or beyond its target
  line: it sits at least one row away, on the side of a miss, however close
  it is (95.9 against a target of 96 is drawn below the 96 line);
- a point that meets its target is never drawn on the side of a miss;
- the axis labels carry as many decimals as it takes to tell every reading
  from the target (``95.9`` and ``96``, never ``96`` twice);
- the chart runs across target conditions in their order: each one's
  readings follow the previous one's, a slot marks where it began, and its
  own target line spans its own readings;
- every point is one reading, in the order entered; none is ever averaged;
  when there are more readings than slots the oldest are left out, and
  ``Plot.omitted`` says how many.

``render`` draws a plot as lines of plain ASCII (``*`` a reading, ``-`` the
target line, ``:`` where a target condition began, ``|`` and ``+`` the
axes), which read the same on the Linux console, with 16 colours or none,
and in a pasted bug report.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from kata_tui.domain.model import BEFORE_FIRST_TARGET, Better, Metric, Reading
from kata_tui.domain.storyboard import Storyboard

POINT = "*"
TARGET = "-"
START = ":"
MAX_DIGITS = 6
"""Most decimals an axis label carries (readings are typed, not computed)."""


@dataclass(frozen=True, slots=True)
class Stretch:
    """One target condition's part of a metric's chart: its target and its readings."""

    seq: int
    """The target condition's place in the sequence (1, 2, ...)."""
    target: float | None
    better: Better
    points: tuple[tuple[date, float], ...]
    """Single readings in the order entered (day, value)."""

    def meets(self, value: float) -> bool | None:
        """Whether ``value`` meets this stretch's target (None: it has no target)."""
        if self.target is None:
            return None
        return Metric("", target=self.target, better=self.better).reached_by(value)


@dataclass(frozen=True, slots=True)
class ChartData:
    """What one metric's chart shows, across the target conditions that had it."""

    metric: str
    unit: str
    stretches: tuple[Stretch, ...]

    @property
    def target(self) -> float | None:
        """The target of the newest target condition charted."""
        return self.stretches[-1].target if self.stretches else None

    @property
    def points(self) -> tuple[tuple[date, float], ...]:
        return tuple(p for s in self.stretches for p in s.points)


def single(
    metric: str,
    unit: str,
    target: float | None,
    points: tuple[tuple[date, float], ...],
    better: str | Better = Better.LOWER,
) -> ChartData:
    """A chart of one target condition's readings."""
    return ChartData(metric, unit, (Stretch(1, target, Better(better or "lower"), points),))


def chart_for(story: Storyboard, metric: Metric) -> ChartData:
    """``metric``'s chart: its readings under every target condition that has the
    metric (by name), in their order, each against that target condition's target."""
    stretches = []
    for target in story.targets_in_order():
        own = next((m for m in target.metrics if m.name == metric.name), None)
        readings: list[Reading] = story.readings_for(target.id, metric.name)
        if own is None and not readings:
            continue
        own = own or metric
        points = tuple((r.day, r.value) for r in readings)
        if points or target is story.target:
            stretches.append(Stretch(target.seq, own.target, own.better, points))
    return ChartData(metric.name, metric.unit, tuple(stretches))


def charts(story: Storyboard) -> list[ChartData]:
    """One chart per metric of the current target condition, outcome metrics first."""
    target = story.target
    if target is None:
        return before_first_target(story)
    ordered = sorted(target.metrics, key=lambda m: m.kind != "outcome")
    return [chart_for(story, m) for m in ordered]


def before_first_target(story: Storyboard) -> list[ChartData]:
    """While grasping the current condition: one chart per metric read so far, with
    no target line (there is no target yet)."""
    readings = story.readings_for(BEFORE_FIRST_TARGET)
    charted = []
    for name in dict.fromkeys(r.metric for r in readings):
        points = tuple((r.day, r.value) for r in readings if r.metric == name)
        charted.append(ChartData(name, "", (Stretch(0, None, Better.LOWER, points),)))
    return charted


def chart_data(story: Storyboard) -> ChartData | None:
    """The current target's outcome metric chart; None without a metric."""
    target = story.target
    outcome = target.outcome if target else None
    return chart_for(story, outcome) if outcome is not None else None


# -- the scale ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Dot:
    slot: int
    row: int
    """0 is the top row (the highest value), ``rows - 1`` the bottom."""
    day: date
    value: float
    stretch: int
    """Index into ``Plot.lines``' stretch order (``ChartData.stretches``)."""
    meets: bool | None


@dataclass(frozen=True, slots=True)
class TargetLine:
    stretch: int
    seq: int
    first: int
    """First slot of its stretch (the slot marking where it began, if any)."""
    last: int
    row: int | None
    """None: that target condition has no target value for the metric."""
    value: float | None


@dataclass(frozen=True, slots=True)
class Plot:
    rows: int
    slots: int
    """Slots used, left to right: one per reading shown, one per start mark."""
    dots: tuple[Dot, ...]
    lines: tuple[TargetLine, ...]
    starts: tuple[int, ...]
    """Slots that mark where a later target condition began (no reading there)."""
    labels: dict[int, str]
    """Row to axis label: the top, the bottom and each target line."""
    low: float
    high: float
    omitted: int
    """Oldest readings left out for want of slots."""


def _linear_row(value: float, low: float, high: float, rows: int) -> int:
    if high <= low:
        return rows // 2
    share = (high - value) / (high - low)
    return min(rows - 1, max(0, round(share * (rows - 1))))


def _shown(data: ChartData, slots: int) -> tuple[list[tuple[int, Stretch]], int]:
    """The stretches (index, stretch with the points kept) that fit ``slots``: the
    newest readings are kept, and a start mark takes a slot between two stretches."""
    kept: list[tuple[int, Stretch]] = []
    room, omitted = slots, 0
    for index in range(len(data.stretches) - 1, -1, -1):
        stretch = data.stretches[index]
        mark = 1 if kept else 0
        take = min(len(stretch.points), max(0, room - mark))
        if kept and take == 0:
            omitted += len(stretch.points)
            continue
        room -= take + mark
        omitted += len(stretch.points) - take
        points = stretch.points[len(stretch.points) - take :]
        kept.append((index, Stretch(stretch.seq, stretch.target, stretch.better, points)))
    kept.reverse()
    return kept, omitted


def plot(data: ChartData, rows: int, slots: int) -> Plot:
    """Where each reading and target line goes on a grid of ``rows`` x ``slots``."""
    rows = max(rows, 2)
    slots = max(slots, 1)
    kept, omitted = _shown(data, slots)
    values = [v for _, s in kept for _, v in s.points]
    targets = [s.target for _, s in kept if s.target is not None]
    scope = values + targets
    low, high = (min(scope), max(scope)) if scope else (0.0, 1.0)
    if high == low:
        pad = abs(high) * 0.1 or 1.0
        low, high = low - pad, high + pad
    dots: list[Dot] = []
    lines: list[TargetLine] = []
    starts: list[int] = []
    slot = 0
    for order, (index, stretch) in enumerate(kept):
        first = slot
        if order:
            starts.append(slot)
            slot += 1
        row = _target_row(stretch, low, high, rows)
        for day, value in stretch.points:
            meets = stretch.meets(value)
            dots.append(
                Dot(
                    slot,
                    _dot_row(value, meets, row, stretch.better, low, high, rows),
                    day,
                    value,
                    index,
                    meets,
                )
            )
            slot += 1
        lines.append(
            TargetLine(index, stretch.seq, first, max(first, slot - 1), row, stretch.target)
        )
    labels = _labels(low, high, rows, lines, values)
    return Plot(
        rows, max(slot, 1), tuple(dots), tuple(lines), tuple(starts), labels, low, high, omitted
    )


def _target_row(stretch: Stretch, low: float, high: float, rows: int) -> int | None:
    """The target line's row, one row in from the edge on the side of a miss when a
    reading misses, so there is a row to draw the miss on."""
    if stretch.target is None:
        return None
    row = _linear_row(stretch.target, low, high, rows)
    misses = [v for _, v in stretch.points if stretch.meets(v) is False]
    if not misses:
        return row
    # Misses of "higher is better" are drawn below the line, of "lower" above it.
    return min(row, rows - 2) if stretch.better is Better.HIGHER else max(row, 1)


def _dot_row(
    value: float,
    meets: bool | None,
    target_row: int | None,
    better: Better,
    low: float,
    high: float,
    rows: int,
) -> int:
    row = _linear_row(value, low, high, rows)
    if target_row is None or meets is None:
        return row
    # Lower rows are drawn higher up: "above the line" is a smaller row number.
    if better is Better.HIGHER:
        return min(row, target_row) if meets else max(row, target_row + 1)
    return max(row, target_row) if meets else min(row, target_row - 1)


def _labels(
    low: float, high: float, rows: int, lines: list[TargetLine], values: list[float]
) -> dict[int, str]:
    marks = [high, low, *(line.value for line in lines if line.value is not None)]
    digits = label_digits(marks, values)
    labels = {0: axis_number(high, digits), rows - 1: axis_number(low, digits)}
    for line in lines:
        if line.row is not None and line.value is not None:
            labels[line.row] = axis_number(line.value, digits)
    return labels


def label_digits(marks: list[float], values: list[float]) -> int:
    """Decimals for the axis labels: as many as the labelled values were typed with
    (at most two), and more where it takes them to tell every labelled value from
    every other and every reading from a target it does not equal."""
    targets = marks[2:]
    least = min(max(_decimals(m) for m in marks), 2)
    for digits in range(least, MAX_DIGITS + 1):
        shown = {axis_number(m, digits) for m in marks}
        if len(shown) < len(set(marks)):
            continue
        if any(
            v != t and axis_number(v, digits) == axis_number(t, digits)
            for t in targets
            for v in values
        ):
            continue
        return digits
    return MAX_DIGITS


def _decimals(value: float) -> int:
    """Decimals ``value`` shows as typed (``95.9``: 1); 0 for values shown with a suffix."""
    if abs(value) >= 1e4:
        return 0
    text = repr(float(value))
    if "e" in text:
        return MAX_DIGITS
    return len(text.split(".")[1].rstrip("0"))


_SCALES = ((1e12, "T"), (1e9, "G"), (1e6, "M"), (1e4, "k"))


def axis_number(value: float, digits: int = 0) -> str:
    """An axis label with at least ``digits`` significant decimals where it takes
    them: ``96``, ``95.9``, ``-3.25``, ``25.4k``; ``25k`` only when that is exact enough."""
    for scale, suffix in _SCALES:
        if abs(value) >= scale:
            divisor = scale if scale > 1e4 else 1e3
            # Scaling down by 10^k moves k decimals into the shown part.
            extra = round(math.log10(divisor))
            text = f"{value / divisor:.{digits + extra}f}"
            return _trim(text) + suffix
    return _trim(f"{value:.{digits}f}")


def _trim(text: str) -> str:
    """``96.0`` as ``96``, ``-0.0`` as ``0``."""
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def number(value: float) -> str:
    """Short label: ``42``, ``3.5``, ``25k``, ``-3G`` (at most 6 characters in range)."""
    for scale, suffix in _SCALES:
        if abs(value) >= scale:
            divisor = scale if scale > 1e4 else 1e3
            return f"{value / divisor:.0f}{suffix}"
    if abs(value) >= 100:
        return f"{value:.0f}"
    return f"{value:.1f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:.0f}"


# -- the terminal drawing --------------------------------------------------------------------


def _day(day: date) -> str:
    return f"{day.day} {day.strftime('%b')}"


def title(data: ChartData | None) -> str:
    if data is None:
        return "Run chart"
    return f"{data.metric} ({data.unit})" if data.unit else data.metric


def legend(data: ChartData, width: int = 80) -> str:
    """The target in words (value and unit), and the last reading if it fits."""
    unit = f" {data.unit}" if data.unit else ""
    target = data.target
    said = "no target set" if target is None else f"target {number_text_short(target)}{unit}"
    if not data.points:
        return f"{TARGET} {said}"
    text = f"{POINT} reading  {TARGET} {said}"
    mark = f"  {START} new TC"
    if len(data.stretches) > 1 and len(text) + len(mark) <= width:
        text += mark
    latest = f", last {number_text_short(data.points[-1][1])}"
    return text + latest if len(text) + len(latest) <= width else text


def number_text_short(value: float) -> str:
    """A value in words as typed (``95.9``, ``96``), or short when it is long."""
    text = repr(float(value))
    text = text[:-2] if text.endswith(".0") else text
    return text if len(text) <= 8 else number(value)


def render(data: ChartData | None, width: int = 36, height: int = 8) -> list[str]:
    """At most ``height`` lines of at most ``width`` characters.

    Layout: plot rows with the value axis on the left, the time axis, the
    first and last dates, and a legend line (the target value and unit in
    words, so the chart needs no colour). When the readings outnumber the
    columns, the oldest are left out and the dates line says how many.
    """
    width = max(width, 16)
    height = max(height, 5)
    if data is None:
        return ["No target condition with an outcome", "metric yet."]
    if not data.points:
        return ["No readings yet.", legend(data, width)[:width]]
    rows = height - 3
    # The gutter depends on the labels, the labels on the readings shown, and those
    # on the columns the gutter leaves: plot again until the gutter holds.
    gutter = 1
    for _ in range(4):
        cols = width - gutter - 1
        drawn = plot(data, rows, cols)
        wanted = _gutter(drawn, width)
        if wanted <= gutter:
            break
        gutter = wanted
    step = max(1, min(3, cols // drawn.slots))
    grid = [[" "] * cols for _ in range(rows)]
    ends = [line.last for line in drawn.lines]
    for number_, line in enumerate(drawn.lines):
        if line.row is None:
            continue
        last = cols - 1 if number_ == len(drawn.lines) - 1 else ends[number_] * step + step - 1
        for col in range(line.first * step, min(cols, last + 1)):
            grid[line.row][col] = TARGET
    for start in drawn.starts:
        for row in grid:
            if start * step < cols:
                row[start * step] = START
    for dot in drawn.dots:
        grid[dot.row][dot.slot * step] = POINT
    lines = []
    for i, cells in enumerate(grid):
        label = drawn.labels.get(i, "")[: gutter - 1]
        lines.append(f"{label:>{gutter - 1}} |" + "".join(cells).rstrip())
    lines.append(" " * gutter + "+" + "-" * cols)
    first, last = drawn.dots[0].day, drawn.dots[-1].day
    start, end = _day(first), _day(last)
    if drawn.omitted:  # said first on the line, in the longest wording that fits
        n = drawn.omitted
        ways = (f"<{n} older left out, {start}", f"<{n} older left out", f"<{n} left out")
        fits = [w for w in ways if len(w) + len(end) + 1 <= cols]
        if not fits:  # the count matters more than the last date
            end, fits = "", [w for w in ways if len(w) <= cols + 1]
        start = fits[0] if fits else f"<{n}"
    room = cols + 1 - len(start) - len(end)
    dates = (start if first == last else start + " " * max(1, room) + end).rstrip()
    lines.append(" " * gutter + dates)
    lines.append(legend(data, width))
    return [line[:width] for line in lines]


def _gutter(drawn: Plot, width: int) -> int:
    return min(max(len(label) for label in drawn.labels.values()) + 1, width // 2)
