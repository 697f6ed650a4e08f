"""Dates as people type them, on a fixed today (Monday 23 Nov 2026)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kata_tui.domain.dates import (
    format_date,
    parse_date,
    parse_optional_date,
    parse_time,
    short_date,
)
from kata_tui.domain.errors import InvalidInput
from tests.conftest import TODAY

MONDAY = TODAY
assert MONDAY.weekday() == 0


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-11-27", date(2026, 11, 27)),
        ("2027-02-01", date(2027, 2, 1)),
        (" 2026-12-31 ", date(2026, 12, 31)),
        ("23 Nov", date(2026, 11, 23)),
        ("27 nov", date(2026, 11, 27)),
        ("1 December", date(2026, 12, 1)),
        ("Nov 27", date(2026, 11, 27)),
        ("nov. 27", date(2026, 11, 27)),
        ("27nov", date(2026, 11, 27)),
        ("sept 3", date(2026, 9, 3)),
        ("3 Jan 2027", date(2027, 1, 3)),
        ("January 3, 2027", date(2027, 1, 3)),
        ("11/23", date(2026, 11, 23)),
        ("12/1", date(2026, 12, 1)),
        ("1/5/2027", date(2027, 1, 5)),
        ("1/5/27", date(2027, 1, 5)),
        ("today", MONDAY),
        ("Today", MONDAY),
        ("tomorrow", MONDAY + timedelta(days=1)),
        ("yesterday", MONDAY - timedelta(days=1)),
        ("+3d", MONDAY + timedelta(days=3)),
        ("+ 3 d", MONDAY + timedelta(days=3)),
        ("+0d", MONDAY),
        ("-2d", MONDAY - timedelta(days=2)),
        ("+2w", MONDAY + timedelta(weeks=2)),
        ("+1m", date(2026, 12, 23)),
    ],
)
def test_accepted_forms(typed: str, expected: date) -> None:
    assert parse_date(typed, TODAY) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("fri", date(2026, 11, 27)),
        ("Friday", date(2026, 11, 27)),
        ("FRI", date(2026, 11, 27)),
        ("tue", date(2026, 11, 24)),
        ("tues", date(2026, 11, 24)),
        ("thurs", date(2026, 11, 26)),
        ("sun", date(2026, 11, 29)),
        ("mon", date(2026, 11, 30)),  # on a Monday, "monday" is next week's
        ("monday", date(2026, 11, 30)),
    ],
)
def test_weekday_names_mean_the_next_one(typed: str, expected: date) -> None:
    assert parse_date(typed, TODAY) == expected


def test_on_a_friday_fri_is_a_week_ahead() -> None:
    friday = date(2026, 11, 27)
    assert parse_date("fri", friday) == date(2026, 12, 4)
    assert parse_date("sat", friday) == date(2026, 11, 28)
    assert parse_date("thu", friday) == date(2026, 12, 3)


def test_every_weekday_from_every_weekday_is_one_to_seven_days_ahead() -> None:
    names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    for offset in range(7):
        today = TODAY + timedelta(days=offset)
        for index, name in enumerate(names):
            day = parse_date(name, today)
            assert day.weekday() == index
            assert 1 <= (day - today).days <= 7


def test_the_year_comes_from_today_not_the_wall_clock() -> None:
    assert parse_date("23 Nov", date(2031, 1, 2)) == date(2031, 11, 23)
    assert parse_date("11/23", date(2031, 1, 2)) == date(2031, 11, 23)
    assert parse_date("tomorrow", date(2030, 12, 31)) == date(2031, 1, 1)
    assert parse_date("+1m", date(2027, 1, 31)) == date(2027, 2, 28)


@pytest.mark.parametrize(
    "typed",
    [
        "soon",
        "next week",
        "fr",
        "f",
        "nov",
        "23",
        "2026",
        "3 4",
        "12 12 12",
        "10:30",
        "jun 5 10am",
        "1e5",
        "23 foo",
        "foo 23",
        "2/30",
        "13/01",
        "23.11.2026",
        "2026-13-01",
        "2026-02-30",
        "0000-01-01",
        "+3x",
        "+3",
        "3d",
        "+99999d",
        "fri!",
        "\x1b[31mfri",
        "today; rm -rf /",
    ],
)
def test_anything_else_is_a_clear_error_naming_what_was_typed(typed: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_date(typed, TODAY)
    message = str(caught.value)
    assert repr(typed.strip()) in message
    assert "\n" not in message


def test_nothing_typed_says_so() -> None:
    for typed in ["", "   "]:
        with pytest.raises(InvalidInput, match="no date given"):
            parse_date(typed, TODAY)


def test_formatting() -> None:
    assert format_date(None) == ""
    assert format_date(date(2026, 1, 2)) == "2026-01-02"
    assert short_date(None) == "-"
    assert short_date(date(2026, 11, 27), TODAY) == "27 Nov"
    assert short_date(date(2027, 1, 3), TODAY) == "3 Jan 2027"
    assert short_date(date(2027, 1, 3)) == "3 Jan 2027"


def test_optional_date_is_none_only_when_empty() -> None:
    assert parse_optional_date("  ", TODAY) is None
    assert parse_optional_date("+2d", TODAY) == TODAY + timedelta(days=2)
    with pytest.raises(InvalidInput):
        parse_optional_date("someday", TODAY)


def test_one_wording_for_the_days_to_an_achieve_by_date() -> None:
    from kata_tui.domain.dates import days_left, due_cell, due_words

    assert days_left(None, TODAY) is None
    assert due_words(21) == "21 days left"
    assert due_words(0) == "0 days left"
    assert due_words(-3) == "! 3 days overdue"
    assert [due_cell(d) for d in (None, 21, 0, -3)] == ["-", "21d", "0d", "!-3d"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("14:00", "14:00"),
        ("9:30", "09:30"),
        ("2pm", "14:00"),
        ("12am", "00:00"),
        ("at 9:05am", "09:05"),
    ],
)
def test_a_time_of_day_is_read(typed: str, expected: str) -> None:
    assert parse_time(typed) == expected


@pytest.mark.parametrize("typed", ["14", "13pm", "0am", "24:00", "9:60", "noon"])
def test_a_bare_hour_or_an_impossible_time_is_refused(typed: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_time(typed)
    assert str(caught.value) == f"not a time of day: {typed!r} (try 14:00 or 9:30)"


def test_the_last_hour_of_the_day_is_a_time() -> None:
    assert parse_time("23:30") == "23:30"
    assert parse_time("0:00") == "00:00"
    with pytest.raises(InvalidInput):
        parse_time("24:00")
