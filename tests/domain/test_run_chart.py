"""The run chart's scale (``plot``) and its ASCII drawing (``render``).

The honesty rules are checked for any data Hypothesis finds (several target
conditions, negative values, flat series, one point, hundreds of points) and
pinned on the cases a coach would misread: 95.9 against a target of 96.
"""

import random
from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from kata_tui.domain.demo import demo_boards
from kata_tui.domain.model import Better, Metric, MetricKind, Reading, TargetCondition
from kata_tui.domain.run_chart import (
    ChartData,
    Plot,
    Stretch,
    axis_number,
    chart_data,
    chart_for,
    charts,
    label_digits,
    legend,
    number,
    number_text_short,
    plot,
    render,
    single,
    title,
)
from kata_tui.domain.storyboard import Storyboard
from tests.conftest import TODAY

D0 = date(2026, 11, 1)


def days(*values: float) -> tuple[tuple[date, float], ...]:
    return tuple((D0 + timedelta(days=i), float(v)) for i, v in enumerate(values))


def assert_honest(data: ChartData, drawn: Plot) -> None:
    """No miss on or beyond its target line; no hit on the side of a miss; every
    reading shown is one reading, in order; the rest are counted as left out."""
    every = [(s, p) for s in data.stretches for p in s.points]
    assert drawn.omitted + len(drawn.dots) == len(every)
    assert [(d.day, d.value) for d in drawn.dots] == [p for _, p in every[drawn.omitted :]]
    rows = {line.stretch: line.row for line in drawn.lines}
    for dot in drawn.dots:
        assert 0 <= dot.row < drawn.rows and 0 <= dot.slot < drawn.slots
        stretch = data.stretches[dot.stretch]
        assert dot.meets == stretch.meets(dot.value)
        line = rows[dot.stretch]
        if line is None:
            continue
        # row numbers grow downward: "below the line" is a larger row
        if dot.meets is False:
            assert dot.row > line if stretch.better is Better.HIGHER else dot.row < line
        if dot.meets is True:
            assert dot.row <= line if stretch.better is Better.HIGHER else dot.row >= line
    assert len({d.slot for d in drawn.dots} | set(drawn.starts)) == len(drawn.dots) + len(
        drawn.starts
    )


values = st.one_of(
    st.floats(-1e6, 1e6, allow_nan=False),
    st.sampled_from([95.9, 96.0, 95.99, 96.01, -3.0, 0.0, -0.5]),
)
stretches = st.builds(
    lambda target, better, vals: Stretch(1, target, better, days(*vals)),
    st.one_of(st.none(), values),
    st.sampled_from(list(Better)),
    st.lists(values, min_size=0, max_size=40),
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(stretches, min_size=1, max_size=4),
    st.integers(2, 40),
    st.integers(1, 80),
)
def test_no_missing_point_ever_lands_on_the_target_row(
    parts: list[Stretch], rows: int, slots: int
) -> None:
    data = ChartData("m", "u", tuple(replace(s, seq=i + 1) for i, s in enumerate(parts)))
    assert_honest(data, plot(data, rows, slots))


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**32), values, st.sampled_from(list(Better)))
def test_five_hundred_points(seed: int, target: float, better: Better) -> None:
    """500 readings around the target, some on it or missing it by a hair."""
    rng = random.Random(seed)
    spread = abs(target) * 0.05 or 1.0
    vals = [
        rng.choice([target, target + 0.01, target - 0.01, rng.gauss(target, spread)])
        for _ in range(500)
    ]
    data = single("m", "", target, days(*vals), better)
    for rows, slots in ((5, 60), (33, 60), (30, 600)):
        drawn = plot(data, rows, slots)
        assert_honest(data, drawn)
        assert drawn.omitted == max(0, 500 - slots)
    lines = render(data, 80, 12)
    assert lines[-2].lstrip().startswith(f"<{500 - (80 - len(lines[0].split('|')[0]) - 1)} older")


def test_95_9_against_96_is_drawn_below_the_line_and_labelled_apart() -> None:
    data = single("first-pass yield", "%", 96, days(90, 95.1, 95.9, 96, 97), Better.HIGHER)
    drawn = plot(data, 5, 30)
    line = drawn.lines[0].row
    assert [d.row > line for d in drawn.dots] == [True, True, True, False, False]
    assert drawn.labels[line] == "96"
    assert render(data, 36, 8) == [
        "97 |            *",
        "96 |---------*----------------------",
        "   |   *  *",
        "   |",
        "90 |*",
        "   +--------------------------------",
        "   1 Nov                       5 Nov",
        "* reading  - target 96 %, last 97",
    ]


def test_labels_carry_the_digits_that_tell_a_reading_from_the_target() -> None:
    # 95.95 rounds to 96 at one decimal: two are needed.
    data = single("y", "%", 96, days(95.95, 95.97), Better.HIGHER)
    drawn = plot(data, 5, 10)
    assert sorted(drawn.labels.values()) == ["95.95", "96"]  # the target is the top
    assert label_digits([96, 95.9, 96], [95.9]) == 1
    assert label_digits([3.5, 1, 2], []) == 1  # 3.5 is never labelled "4"
    assert label_digits([1.125, 1.5, 2.0], []) == 2  # typed to 3 decimals, shown to 2
    assert label_digits([100, 0, 50], [49.999]) == 3
    assert [axis_number(v, 1) for v in (95.9, 96, -0.04, 25400, 25000)] == [
        "95.9", "96", "0", "25.4k", "25k",
    ]  # fmt: skip


def test_negative_values_lower_is_better() -> None:
    data = single("deviation", "mm", -2, days(-1, -1.9, -2.1, -3), Better.LOWER)
    drawn = plot(data, 6, 10)
    assert_honest(data, drawn)
    line = drawn.lines[0].row
    assert [d.row < line for d in drawn.dots] == [True, True, False, False]
    assert drawn.labels[line] == "-2"
    assert drawn.labels[0] == "-1" and drawn.labels[5] == "-3"


def test_a_flat_series_on_its_target_and_one_point() -> None:
    flat = single("t", "min", 25, days(25, 25, 25))
    drawn = plot(flat, 5, 10)
    assert {d.row for d in drawn.dots} == {drawn.lines[0].row}
    assert all(d.meets for d in drawn.dots)
    one = single("t", "min", 25, days(26))
    drawn = plot(one, 5, 10)
    assert_honest(one, drawn)
    assert drawn.dots[0].row < drawn.lines[0].row
    assert render(single("yield", "", None, days(50), "higher"), 20, 6) == [
        "55 |",
        "   |*",
        "45 |",
        "   +----------------",
        "   1 Nov",
        "* reading  - no targ",
    ]


def test_a_miss_right_at_the_edge_still_gets_its_own_row() -> None:
    # two rows only; 25.01 against 25 (lower is better) would round onto the line
    data = single("t", "min", 25, days(25.01, 10))
    drawn = plot(data, 2, 5)
    assert_honest(data, drawn)
    assert drawn.lines[0].row == 1 and drawn.dots[0].row == 0


def test_chart_runs_across_target_conditions() -> None:
    story = demo_boards(TODAY)[0]
    data = chart_data(story)
    assert data is not None and len(data.stretches) == 2
    first, second = data.stretches
    assert (first.seq, first.target, second.seq, second.target) == (1, 34, 2, 25)
    lines = render(data, 60, 10)
    assert any(":" in line for line in lines[:-3])
    assert "target 25 min" in lines[-1] and ": new TC" in lines[-1]
    # each reading is one point, none averaged
    assert sum(line.count("*") for line in lines[:-3]) == len(data.points)
    drawn = plot(data, 7, 57)
    assert_honest(data, drawn)
    assert drawn.starts == (len(first.points),)
    assert [line.value for line in drawn.lines] == [34, 25]


def test_a_chart_too_narrow_says_how_many_it_left_out() -> None:
    data = single("t", "min", 25, days(*[30 - i % 7 for i in range(60)]))
    lines = render(data, 30, 8)
    assert lines[-2] == "   <34 older left out   30 Dec"
    tiny = render(data, 16, 5)
    assert tiny[-2] == "   <48 left out"
    assert plot(data, 5, 26).omitted == 34


def test_one_chart_per_metric_of_the_current_target() -> None:
    story = demo_boards(TODAY)[0]
    target = story.target
    assert target is not None
    extra = Metric("scrap", "pcs", 2, MetricKind.OUTCOME, Better.LOWER)
    target = replace(target, metrics=(*target.metrics, extra))
    story = story.with_record(target).with_record(Reading(target.id, TODAY, "scrap", 3.0))
    names = [c.metric for c in charts(story)]
    assert names == ["changeover time", "scrap", "steps done to standard"]
    scrap = chart_for(story, extra)
    assert [s.points for s in scrap.stretches] == [((TODAY, 3.0),)]
    assert charts(Storyboard(board=story.board)) == []


def test_no_readings_one_reading_no_target() -> None:
    assert render(single("t", "min", 5, ()))[0] == "No readings yet."
    one = render(single("t", "", None, days(3)))
    assert sum(line.count("*") for line in one[:-1]) == 1
    assert "no target set" in one[-1]
    assert render(None)[0].startswith("No target condition")
    assert chart_data(Storyboard(board=demo_boards(TODAY)[0].board)) is None
    assert legend(single("t", "min", 25, days(33, 24)), 40) == "* reading  - target 25 min, last 24"
    assert title(single("changeover", "min", 25, ())) == "changeover (min)"
    assert title(single("changeover", "", 25, ())) == "changeover"
    assert title(None) == "Run chart"
    tiny = render(single("t", "", None, days(3)), 1, 1)  # at least 16 x 5
    assert len(tiny) == 5 and max(len(line) for line in tiny) == 16


def test_axis_numbers_pinned() -> None:
    assert [number(v) for v in (12345, -12345, 10000, 9999, 150.4, -150.4, 3.5, 42.0)] == [
        "12k", "-12k", "10k", "9999", "150", "-150", "3.5", "42",
    ]  # fmt: skip
    assert [number(v) for v in (3e6, -4e9, 7e12)] == ["3M", "-4G", "7T"]


def test_target_of_a_closed_target_condition_without_the_metric() -> None:
    """Readings of a metric an earlier target condition had under another target
    still run into the chart, each against its own target condition's target."""
    old = TargetCondition(seq=1, metrics=(Metric("t", "min", 30),))
    new = TargetCondition(seq=2, metrics=(Metric("t", "min", 20),))
    story = Storyboard(
        board=demo_boards(TODAY)[0].board,
        targets=(old, new),
        readings=(
            Reading(old.id, D0, "t", 25.0, seq=1),
            Reading(new.id, D0 + timedelta(days=3), "t", 25.0, seq=1),
        ),
    )
    data = chart_for(story, new.metrics[0])
    drawn = plot(data, 9, 10)
    assert [d.meets for d in drawn.dots] == [True, False]
    assert_honest(data, drawn)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(values, min_size=1, max_size=20),
    values,
    st.sampled_from(list(Better)),
    st.integers(40, 100),
    st.integers(5, 16),
)
def test_the_drawn_text_keeps_every_miss_off_the_target_row(
    vals: list[float], target: float, better: Better, width: int, height: int
) -> None:
    """Read back from the characters drawn: the target row holds no more points than
    meet the target, and the side of a miss holds every one that misses."""
    data = single("m", "", target, days(*vals), better)
    lines = render(data, width, height)
    plot_rows = [line.split("|", 1)[1] for line in lines[: height - 3]]
    (target_row,) = [i for i, row in enumerate(plot_rows) if "-" in row]
    meeting = sum(1 for v in vals if data.stretches[0].meets(v))
    missing = len(vals) - meeting
    above = sum(row.count("*") for row in plot_rows[:target_row])
    on = plot_rows[target_row].count("*")
    below = sum(row.count("*") for row in plot_rows[target_row + 1 :])
    assert on <= meeting
    assert (below if better is Better.HIGHER else above) == missing


def test_two_target_conditions_pinned() -> None:
    """Worked by hand: 33, 29 against 30, then 26, 23.5 against 24 (lower is better),
    on 5 rows spanning 23.5..33 and 27 columns: 5 slots (4 readings, 1 start mark)
    three columns apart. 29 meets 30 and sits below its line; 26 would meet 30 but
    misses 24: it sits above the second line, not on it."""
    first = Stretch(1, 30.0, Better.LOWER, days(33, 29))
    second = Stretch(2, 24.0, Better.LOWER, ((date(2026, 11, 5), 26.0), (date(2026, 11, 6), 23.5)))
    data = ChartData("lead time", "h", (first, second))
    drawn = plot(data, 5, 27)
    assert [(d.slot, d.row, d.meets) for d in drawn.dots] == [
        (0, 0, False), (1, 2, True), (3, 3, False), (4, 4, True),
    ]  # fmt: skip
    assert [(t.first, t.last, t.row, t.value) for t in drawn.lines] == [
        (0, 1, 1, 30.0),
        (2, 4, 4, 24.0),
    ]
    assert (drawn.starts, drawn.slots, drawn.labels) == ((2,), 5, {0: "33", 1: "30", 4: "24"})
    assert render(data, 30, 8) == [
        "33 |*     :",
        "30 |------:",
        "   |   *  :",
        "   |      :  *",
        "24 |      :-----*-------------",
        "   +--------------------------",
        "   1 Nov                 6 Nov",
        "* reading  - target 24 h",
    ]
    assert legend(data, 45) == "* reading  - target 24 h  : new TC, last 23.5"
    assert legend(data, 40) == "* reading  - target 24 h  : new TC"


def test_short_labels_drop_a_zero_tenth_and_keep_a_real_one() -> None:
    assert [number(v) for v in (2.04, 3.5, -0.96, 7.0, 0.05)] == ["2", "3.5", "-1", "7", "0.1"]


def test_a_value_in_words_is_as_typed_up_to_eight_characters() -> None:
    shown = [number_text_short(v) for v in (95.9, 96.0, 12345678.0, 1234.567, 123456.78)]
    assert shown == ["95.9", "96", "12345678", "1234.567", "123k"]


def test_before_the_first_target_each_metric_read_gets_a_chart_without_a_target() -> None:
    """Grasping the current condition: a chart per metric read so far, in the order
    first read, with its readings and no target line."""
    board = demo_boards(TODAY)[0].board
    readings = (
        Reading("", D0, "cycle time", 62.0, seq=1),
        Reading("", D0, "scrap", 4.0, seq=2),
        Reading("", D0 + timedelta(days=1), "cycle time", 58.5, seq=3),
    )
    story = Storyboard(board=board, readings=readings)
    drawn = charts(story)
    assert [(c.metric, c.unit, c.target, c.points) for c in drawn] == [
        ("cycle time", "", None, ((D0, 62.0), (D0 + timedelta(days=1), 58.5))),
        ("scrap", "", None, ((D0, 4.0),)),
    ]
    assert "no target set" in render(drawn[0])[-1]
