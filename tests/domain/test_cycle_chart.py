"""The stopwatch's run chart: each cycle a column, in order, against the planned cycle time."""

from __future__ import annotations

from kata_tui.domain.cycle_chart import cycle_chart


def test_cycles_in_order_against_the_planned_cycle_time() -> None:
    # 60 s planned; cycles 58, 62, 70: the scale runs 58 (bottom) to 70 (top) over 7 rows,
    # 2 s a row: 70 on row 0, 62 on row 4, 60 (planned) on row 5, 58 on row 6
    lines = cycle_chart([58.0, 62.0, 70.0], 60.0, height=7)
    assert lines == [
        "    70|  *",
        "      |",
        "      |",
        "      |",
        "      | *",
        "    60|---",
        "    58|*",
    ]


def test_without_a_planned_cycle_time_only_the_cycles() -> None:
    assert cycle_chart([10.0, 12.0], None, height=3) == ["    12| *", "      |", "    10|*"]


def test_the_newest_cycles_fill_the_width() -> None:
    times = [float(i) for i in range(1, 41)]  # 40 cycles, room for 13 columns
    lines = cycle_chart(times, None, width=20, height=4)
    # 13 columns of cycles 28..40; 4 rows of 4 s: 38, 39 and 40 share the top row
    assert lines[0] == "    40|          ***"
    assert all(len(line) <= 20 for line in lines)
    assert lines[-1].startswith("    28|*")  # cycles 28..40 are shown


def test_nothing_to_draw_without_times() -> None:
    assert cycle_chart([], 60.0) == []


def test_equal_times_sit_mid_scale_between_one_above_and_one_below() -> None:
    # all 60 s, no plan: the scale is 59..61, the cycles on the middle row of 5
    assert cycle_chart([60.0, 60.0, 60.0], None, width=20, height=5) == [
        "    61|",
        "      |",
        "      |***",
        "      |",
        "    59|",
    ]


def test_a_planned_cycle_time_beyond_every_cycle_widens_the_scale_to_it() -> None:
    # cycles 60 and 62 against 50 planned: the scale runs 50 (bottom) to 62 (top),
    # 2 s a row over 7 rows: 62 on row 0, 60 on row 1, 50 (planned) on row 6
    assert cycle_chart([60.0, 62.0], 50.0, height=7) == [
        "    62| *",
        "      |*",
        *["      |"] * 4,
        "    50|--",
    ]
    # against 80 planned: 80 on top, 62 on row 5, 60 at the bottom (20 s over 6 rows)
    assert cycle_chart([60.0, 62.0], 80.0, height=7) == [
        "    80|--",
        *["      |"] * 4,
        "      | *",
        "    60|*",
    ]


def test_the_chart_is_60_wide_and_8_high_unless_told_and_needs_room_for_one_cycle() -> None:
    times = [float(50 + i % 7) for i in range(80)]
    lines = cycle_chart(times, 52.0)
    assert len(lines) == 8 and max(len(line) for line in lines) == 60
    assert sum(line.count("*") for line in lines) == 53  # the newest 53 cycles
    assert cycle_chart([10.0], None, height=1) == []
    assert len(cycle_chart([10.0, 12.0], None, height=2)) == 2
    assert cycle_chart([10.0], None, width=8) == []
    assert cycle_chart([10.0, 12.0], None, width=9, height=2) == ["    12| *", "    10|*"]
