from datetime import date, timedelta

from kata_tui.domain.demo import demo_boards
from kata_tui.domain.run_chart import ChartData, chart_data, legend, number, render, title
from kata_tui.domain.storyboard import Storyboard
from tests.conftest import TODAY

D0 = date(2026, 11, 1)


def test_chart_of_demo_board_plots_every_reading_against_target() -> None:
    story = demo_boards(TODAY)[0]
    data = chart_data(story)
    assert data is not None and data.target == 25 and data.unit == "min"
    lines = render(data, 36, 8)
    assert len(lines) == 8 and all(len(line) <= 36 for line in lines)
    assert all(ord(ch) < 128 for line in lines for ch in line)
    target_row = next(line for line in lines if line.lstrip().startswith("25 |"))
    assert "-" in target_row
    assert lines[-1].startswith("* reading  - target 25 min")
    assert "9 Nov" in lines[-2] and "23 Nov" in lines[-2]


def test_lower_is_better_reading_sits_above_target_line() -> None:
    data = ChartData("t", "min", 20, ((D0, 40.0), (D0 + timedelta(days=10), 20.0)))
    lines = render(data, 30, 8)
    assert lines[0].startswith("40 |*")
    assert lines[4].startswith("20 |") and lines[4].endswith("*")


def test_no_readings_one_reading_no_target() -> None:
    assert render(ChartData("t", "min", 5, ()))[0] == "No readings yet."
    one = render(ChartData("t", "", None, ((D0, 3.0),)))
    assert sum(line.count("*") for line in one[:-1]) == 1
    assert "no target set" in one[-1]
    assert render(None)[0].startswith("No target condition")
    assert chart_data(Storyboard(board=demo_boards(TODAY)[0].board)) is None


def test_number_labels_are_short() -> None:
    assert [number(v) for v in (42.0, 3.5, 120.4, 25000.0)] == ["42", "3.5", "120", "25k"]


def test_chart_pinned_line_by_line() -> None:
    """Worked by hand: 33, 29, 24 against 25 (lower is better) in 30 x 8.

    Five plot rows span 24..33: 29 lands on row round(4/9 * 4) = 2 and column
    round(4/8 * 25) = 12; the target (row 4) takes the lowest label and shares
    its row with the 24; the last reading does not fit the legend's 30 columns.
    """
    data = ChartData(
        "changeover",
        "min",
        25.0,
        ((date(2026, 11, 1), 33.0), (date(2026, 11, 5), 29.0), (date(2026, 11, 9), 24.0)),
        "lower",
    )
    assert render(data, 30, 8) == [
        "33 |*",
        "   |",
        "   |            *",
        "   |",
        "25 |-------------------------*",
        "   +--------------------------",
        "   1 Nov                 9 Nov",
        "* reading  - target 25 min",
    ]
    assert legend(data, 40) == "* reading  - target 25 min, last 24"
    assert title(data) == "changeover (min)"


def test_one_reading_without_a_target_pinned() -> None:
    """A flat scale gets a tenth of the value above and below: 45..55."""
    data = ChartData("yield", "", None, ((date(2026, 11, 3), 50.0),), "higher")
    assert render(data, 20, 6) == [
        "55 |",
        "   |*",
        "45 |",
        "   +----------------",
        "   3 Nov",
        "* reading  - no targ",
    ]
    assert title(data) == "yield"
    tiny = render(data, 1, 1)  # at least 16 x 5
    assert len(tiny) == 5 and max(len(line) for line in tiny) == 16


def test_axis_numbers_pinned() -> None:
    assert [number(v) for v in (12345, -12345, 10000, 9999, 150.4, -150.4, 3.5, 42.0)] == [
        "12k", "-12k", "10k", "9999", "150", "-150", "3.5", "42",
    ]  # fmt: skip
