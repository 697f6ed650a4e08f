"""Every value has a documented range, enforced where it is typed and where it is read
(issue 13, faults 3, 6 and 12): FORMAT.md's "Ranges" section."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from kata_tui.domain import run_chart
from kata_tui.domain.clock import Clock
from kata_tui.domain.codec import decode
from kata_tui.domain.dates import FIRST_DAY, LAST_DAY, parse_date
from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.model import Reading
from kata_tui.domain.numbers import MAX_VALUE, parse_number
from tests.conftest import TODAY

FORTY_NINES = "9" * 40


@pytest.mark.parametrize(
    "text", [FORTY_NINES, "1e13", "-1e13", f"{MAX_VALUE * 10:.0f}", "-" + FORTY_NINES]
)
def test_typed_numbers_out_of_range_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput, match="at most"):
        parse_number(text)


def test_typed_numbers_at_the_limits_are_taken() -> None:
    assert parse_number(f"{MAX_VALUE:.0f}") == MAX_VALUE
    assert parse_number(f"-{MAX_VALUE:.0f}") == -MAX_VALUE
    assert parse_number("0.000001") == 0.000001


@pytest.mark.parametrize("value", [1e40, -1e13, int(FORTY_NINES), 10**13])
def test_stored_values_out_of_range_are_refused(value: float) -> None:
    row = {"id": "r", "rev": 1, "stamp": None, "target_id": "t", "day": "2026-11-23"}
    with pytest.raises(InvalidInput, match=r"readings\[0\]\.value: .*at most"):
        decode(Reading, {**row, "metric": "m", "value": value}, "readings[0]")


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-23T09:00:00+05:00",
        "2026-11-23T09:00:00Z",
        "2026-11-23T09:00:00.5",
        "2026-11-23 09:00:00",
        "2026-11-23T09:00",
        "2026-11-23",
        "0001-01-01T00:00:00",
        "9999-12-31T23:59:59",
        "２０２６-11-23T09:00:00",
    ],
)
def test_times_with_a_zone_or_another_shape_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput, match=r"time like 2026-11-23T09:00:00|out of range"):
        decode(datetime, text, "cycles[0].started")


@pytest.mark.parametrize(
    "text", ["2026-W48-1", "2026-333", "20261123", "0001-01-01", "9999-12-31", "２０２６-11-23"]
)
def test_week_dates_and_dates_out_of_range_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput, match=r"date like 2026-11-23|out of range \(dates"):
        decode(date, text, "readings[0].day")


def test_the_range_ends_are_dates() -> None:
    assert decode(date, FIRST_DAY.isoformat(), "x") == FIRST_DAY
    assert decode(date, LAST_DAY.isoformat(), "x") == LAST_DAY
    assert decode(datetime, "2026-11-23T09:00:00", "x") == datetime(2026, 11, 23, 9)


@pytest.mark.parametrize("text", ["-9999m", "1/1/0001", "12/31/9999", "-9999w"])
def test_typed_dates_out_of_range_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_date(text, TODAY)


@pytest.mark.parametrize("today", [date(1, 1, 1), date(9999, 12, 31), date(1900, 1, 1)])
def test_typed_dates_near_the_calendar_ends_are_refused_not_crashed(today: date) -> None:
    for text in ("tomorrow", "yesterday", "fri", "+3d", "+2m", "-1w"):
        try:
            day = parse_date(text, today)
        except InvalidInput:
            continue
        assert FIRST_DAY <= day <= LAST_DAY


@pytest.mark.parametrize("pinned", ["0001-01-01", "9999-12-31", "1900-01-01", "2999-12-31"])
def test_kata_today_must_leave_room_for_the_board_dates(
    pinned: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KATA_TODAY", pinned)
    with pytest.raises(InvalidInput, match="KATA_TODAY"):
        Clock.from_env()


@pytest.mark.parametrize(
    "values",
    [
        [MAX_VALUE],
        [-MAX_VALUE, MAX_VALUE],
        [-MAX_VALUE, 5],
        [-3.0, -5.0],
        [5e-324, 1.0],
        [MAX_VALUE, MAX_VALUE * 0.999999999],
    ],
)
@pytest.mark.parametrize("size", [(16, 5), (20, 6), (36, 8), (80, 24)])
def test_the_run_chart_draws_every_value_in_range(values: list[float], size) -> None:
    points = tuple((date(2026, 11, i + 1), v) for i, v in enumerate(values))
    for target in (None, -MAX_VALUE, 0.0, MAX_VALUE):
        lines = run_chart.render(run_chart.single("m", "u", target, points), *size)
        assert all(len(line) <= size[0] for line in lines)
        assert any(run_chart.POINT in line for line in lines)
