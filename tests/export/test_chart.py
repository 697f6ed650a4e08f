"""The printed run chart (inline SVG), pinned coordinate by coordinate.

The expected markup is worked out by hand from the chart's frame (400x160,
margins 44/10/10/22, a tenth of the range as headroom): a changed scale,
axis, label or escape shows up here as a different number or tag.
"""

from __future__ import annotations

from datetime import date

from kata_tui.domain.model import Metric, Reading
from kata_tui.export.chart import run_chart

D = date(2026, 11, 2)


def _readings(*values: float) -> list[Reading]:
    return [Reading("t", date(2026, 11, 2 + 2 * i), "m", v) for i, v in enumerate(values)]


def test_no_readings_no_chart() -> None:
    assert run_chart([], Metric("m", "min", 25.0)) == ""


def test_three_readings_against_a_target() -> None:
    metric = Metric("changeover <time>", "min & sec", 22.0)
    # range 20..30 with the target inside, headroom 1 -> 19..31; inner 346 x 128
    assert run_chart(_readings(30, 25, 20), metric).split("\n") == [
        '<svg class="chart" viewBox="0 0 400 160" role="img" '
        'aria-label="run chart of changeover &lt;time&gt;" xmlns="http://www.w3.org/2000/svg">',
        '<rect x="44" y="10" width="346" height="128" fill="none" stroke="#999" '
        'stroke-width="0.6"/>',
        '<line x1="44" y1="106.0" x2="390" y2="106.0" stroke="#000" stroke-width="1.2" '
        'stroke-dasharray="6 3"/>',
        '<text x="388" y="103.0" text-anchor="end">target 22</text>',
        '<polyline points="44.0,20.7 217.0,74.0 390.0,127.3" fill="none" stroke="#1a4f8b" '
        'stroke-width="1.4"/>',
        '<circle cx="44.0" cy="20.7" r="2.2" fill="#1a4f8b"/>',
        '<circle cx="217.0" cy="74.0" r="2.2" fill="#1a4f8b"/>',
        '<circle cx="390.0" cy="127.3" r="2.2" fill="#1a4f8b"/>',
        '<text x="41" y="23.7" text-anchor="end">30</text>',
        '<text x="41" y="130.3" text-anchor="end">20</text>',
        '<text x="44" y="154">2026-11-02</text>',
        '<text x="390" y="154" text-anchor="end">2026-11-06</text>',
        '<text x="217" y="154" text-anchor="middle">changeover &lt;time&gt; (min &amp; sec)</text>',
        "</svg>",
    ]


def test_a_target_outside_the_readings_widens_the_scale() -> None:
    # readings 24..26, target 10 -> range 10..26, headroom 1.6 -> 8.4..27.6:
    # the target line lies where the lowest label does
    lines = run_chart(_readings(26, 24), Metric("m", "", 10.0)).split("\n")
    assert '<text x="41" y="23.7" text-anchor="end">26</text>' in lines
    assert '<text x="41" y="130.3" text-anchor="end">10</text>' in lines
    assert (
        '<line x1="44" y1="127.3" x2="390" y2="127.3" stroke="#000" stroke-width="1.2" '
        'stroke-dasharray="6 3"/>' in lines
    )
    assert (
        '<polyline points="44.0,20.7 390.0,34.0" fill="none" stroke="#1a4f8b" '
        'stroke-width="1.4"/>' in lines
    )
    assert lines[-2] == '<text x="217" y="154" text-anchor="middle">m</text>'  # no unit


def test_one_reading_sits_in_the_middle_of_a_flat_scale() -> None:
    # one value, no target: the scale is value +- 1, headroom 0.2 -> 3.8..6.2
    lines = run_chart(_readings(5), Metric("m\x1b[31m", "", None)).split("\n")
    assert not any(line.startswith("<line") for line in lines)  # no target line
    assert '<polyline points="217.0,74.0" fill="none" stroke="#1a4f8b" stroke-width="1.4"/>' in (
        lines
    )
    assert '<text x="41" y="23.7" text-anchor="end">6</text>' in lines
    assert '<text x="41" y="130.3" text-anchor="end">4</text>' in lines
    assert '<text x="390" y="154" text-anchor="end">2026-11-02</text>' in lines
    assert lines[-2] == '<text x="217" y="154" text-anchor="middle">m^[[31m</text>'
