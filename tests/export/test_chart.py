"""The printed run chart (inline SVG) draws the same scale as the terminal.

Coordinates are worked out from the frame (400x160, margins 50/10/10/22,
33 rows 4 units apart): a reading's ``cy`` is ``10 + 4 * row`` of the row
``plot`` gives it, and each target line lies on its target's row. The page's
SVG is read back and checked against ``plot`` for the data the issue names.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from kata_tui.domain.model import (
    Better,
    Board,
    Metric,
    MetricKind,
    Reading,
    TargetCondition,
    TargetStatus,
)
from kata_tui.domain.run_chart import ChartData, chart_for, plot, single
from kata_tui.domain.storyboard import Storyboard
from kata_tui.export.chart import MAX_SLOTS, SHORT, TALL, Frame, run_chart, x_of
from kata_tui.export.html import render_html

D = date(2026, 11, 2)


def _days(*values: float) -> tuple[tuple[date, float], ...]:
    return tuple((D + timedelta(days=2 * i), float(v)) for i, v in enumerate(values))


def test_no_readings_no_chart() -> None:
    assert run_chart(single("m", "min", 25.0, ())) == ""


def test_three_readings_against_a_target_pinned() -> None:
    data = single("changeover <time>", "min & sec", 22.0, _days(30, 25, 20))
    # scale 20..30 over rows 0..32: 30 row 0, 25 row 16, 22 row round(25.6) = 26, 20 row 32
    assert run_chart(data).split("\n") == [
        '<svg class="chart" viewBox="0 0 400 160" role="img" '
        'aria-label="run chart of changeover &lt;time&gt;" xmlns="http://www.w3.org/2000/svg">',
        '<rect x="50" y="10" width="340" height="128" fill="none" stroke="#999" '
        'stroke-width="0.6"/>',
        '<line class="target" x1="50.0" y1="114.0" x2="390.0" y2="114.0" stroke="#000" '
        'stroke-width="1.2" stroke-dasharray="6 3"/>',
        '<text x="47" y="13.0" text-anchor="end">30</text>',
        '<text x="47" y="117.0" text-anchor="end">22</text>',
        '<text x="47" y="141.0" text-anchor="end">20</text>',
        '<polyline points="50.0,10.0 220.0,74.0 390.0,138.0" fill="none" stroke="#1a4f8b" '
        'stroke-width="1.4"/>',
        '<circle class="misses" cx="50.0" cy="10.0" r="2.2" fill="#1a4f8b"/>',
        '<circle class="misses" cx="220.0" cy="74.0" r="2.2" fill="#1a4f8b"/>',
        '<circle class="meets" cx="390.0" cy="138.0" r="2.2" fill="#1a4f8b"/>',
        '<text x="50" y="154">2026-11-02</text>',
        '<text x="390" y="154" text-anchor="end">2026-11-06</text>',
        "</svg>",
    ]


_CIRCLE = re.compile(r'<circle class="(\w+)" cx="([\d.]+)" cy="([\d.]+)"')
_TARGET = re.compile(r'<line class="target" x1="([\d.]+)" y1="([\d.]+)" x2="([\d.]+)"')


Circles = list[tuple[str, float, float]]
Lines = list[tuple[float, float, float]]


def drawn_in_svg(svg: str) -> tuple[Circles, Lines]:
    circles = [(c, float(x), float(y)) for c, x, y in _CIRCLE.findall(svg)]
    lines = [(float(a), float(y), float(b)) for a, y, b in _TARGET.findall(svg)]
    return circles, lines


def assert_svg_agrees(data: ChartData, svg: str, frame: Frame = TALL) -> None:
    """Every circle where ``plot`` puts its reading, every miss off its own target
    line on the side of a miss, and the count of left-out readings said."""
    assert f'viewBox="0 0 400 {frame.height}"' in svg
    drawn = plot(data, frame.rows, MAX_SLOTS)
    y_of = frame.y_of
    circles, lines = drawn_in_svg(svg)
    assert len(circles) == len(drawn.dots)
    targeted = [line for line in drawn.lines if line.row is not None]
    assert [y for _, y, _ in lines] == [round(y_of(line.row), 1) for line in targeted]
    for (kind, cx, cy), dot in zip(circles, drawn.dots, strict=True):
        assert (cx, cy) == (round(x_of(dot.slot, drawn), 1), round(y_of(dot.row), 1))
        assert kind == {True: "meets", False: "misses", None: "reading"}[dot.meets]
        own = next(line for line in drawn.lines if line.stretch == dot.stretch)
        if own.row is None:
            continue
        line_y = y_of(own.row)
        better = data.stretches[dot.stretch].better
        missing_side = cy > line_y if better is Better.HIGHER else cy < line_y
        if dot.meets is False:
            assert missing_side and abs(cy - line_y) > 2.2  # clear of the line
        else:
            assert not missing_side
    if drawn.omitted:
        assert f"{drawn.omitted} older left out" in svg


@pytest.mark.parametrize(
    ("target", "values", "better"),
    [
        (96, (95.9, 96, 95.1, 97, 95.99), Better.HIGHER),
        (-2, (-1, -1.9, -2.1, -3, -2), Better.LOWER),
        (25, (25, 25, 25), Better.LOWER),
        (25, (26,), Better.LOWER),
        (None, (5,), Better.HIGHER),
        (30, tuple(30 + (i % 9 - 4) * 0.01 for i in range(500)), Better.LOWER),
    ],
)
def test_the_page_draws_what_the_scale_says(target, values, better) -> None:
    """The issue's cases, through the whole HTML page of a board."""
    metric = Metric("yield", "%", target, MetricKind.OUTCOME, better)
    tc = TargetCondition(seq=1, metrics=(metric,))
    readings = tuple(
        Reading(tc.id, D + timedelta(days=i // 5), "yield", float(v), seq=i + 1)
        for i, v in enumerate(values)
    )
    story = Storyboard(board=Board("a", "b", "c"), targets=(tc,), readings=readings)
    page = render_html(story, D)
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert_svg_agrees(chart_for(story, metric), svg)


def test_the_page_has_one_chart_per_metric_across_target_conditions() -> None:
    lead = Metric("lead time", "h", 30, MetricKind.OUTCOME, Better.LOWER)
    done = Metric("steps to standard", "%", 90, MetricKind.PROCESS, Better.HIGHER)
    first = TargetCondition(seq=1, metrics=(lead,), status=TargetStatus.ACHIEVED)
    second = TargetCondition(seq=2, metrics=(Metric("lead time", "h", 24), done))
    readings = (
        Reading(first.id, D, "lead time", 33.0, seq=1),
        Reading(first.id, D + timedelta(days=1), "lead time", 29.0, seq=2),
        Reading(second.id, D + timedelta(days=2), "lead time", 26.0, seq=1),
        Reading(second.id, D + timedelta(days=2), "steps to standard", 85.0, seq=2, time="14:30"),
    )
    story = Storyboard(board=Board("a", "b", "c"), targets=(first, second), readings=readings)
    page = render_html(story, D)
    svgs = re.findall(r"<svg.*?</svg>", page, re.S)
    assert len(svgs) == 2
    assert "run chart of lead time" in svgs[0] and "run chart of steps to standard" in svgs[1]
    assert '<line class="start"' in svgs[0] and ">TC 2</text>" in svgs[0]
    assert "<b>Latest steps to standard:</b> 85 % on 2026-11-04 14:30" in page
    for svg, metric in zip(svgs, (second.metrics[0], done), strict=True):
        assert_svg_agrees(chart_for(story, metric), svg, SHORT)  # two share the column
    # the 26 of target condition 2 misses its 24 though it would meet the first's 30
    circles, lines = drawn_in_svg(svgs[0])
    assert [c for c, _, _ in circles] == ["misses", "meets", "misses"]
    assert len(lines) == 2


def test_a_target_condition_with_no_target_value_leaves_the_next_ones_line_drawn() -> None:
    first = TargetCondition(
        seq=1, metrics=(Metric("lead time", "h", None),), status=TargetStatus.ACHIEVED
    )
    second = TargetCondition(seq=2, metrics=(Metric("lead time", "h", 24),))
    readings = (
        Reading(first.id, D, "lead time", 33.0, seq=1),
        Reading(second.id, D + timedelta(days=2), "lead time", 26.0, seq=1),
        Reading(second.id, D + timedelta(days=3), "lead time", 23.0, seq=2),
    )
    story = Storyboard(board=Board("a", "b", "c"), targets=(first, second), readings=readings)
    page = render_html(story, D)
    svg = page[page.index("<svg") : page.index("</svg>")]
    _, lines = drawn_in_svg(svg)
    assert len(lines) == 1  # the second target condition's 24 h, the first had none
    assert_svg_agrees(chart_for(story, second.metrics[0]), svg)
