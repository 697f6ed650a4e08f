from datetime import date, timedelta

from kata_tui.domain.demo import demo_boards
from kata_tui.domain.run_chart import ChartData, chart_data, number, render
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
    assert "26 Oct" in lines[-2] and "21 Nov" in lines[-2]


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
