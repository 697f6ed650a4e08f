"""The one clock: real time, a pinned day (KATA_TODAY) that still ticks, or a frozen moment."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from kata_tui.domain.clock import Clock
from kata_tui.domain.errors import InvalidInput


def test_kata_today_pins_the_day_and_the_clock_still_ticks(monkeypatch) -> None:
    monkeypatch.setenv("KATA_TODAY", " 2026-11-23 ")
    clock = Clock.from_env()
    assert clock.today() == date(2026, 11, 23)
    assert clock.frozen is None  # ticking: a cycle timer runs
    first = clock.now()
    assert first.microsecond == 0 and first.date() == date(2026, 11, 23)
    assert date(1901, 1, 1) == Clock.fixed(date(1901, 1, 1)).today()
    monkeypatch.setenv("KATA_TODAY", "1901-01-01")
    assert Clock.from_env().today() == date(1901, 1, 1)
    monkeypatch.setenv("KATA_TODAY", "2998-12-31")
    assert Clock.from_env().today() == date(2998, 12, 31)


@pytest.mark.parametrize(
    ("pinned", "message"),
    [
        ("soon", "KATA_TODAY='soon' is not a date like 2026-11-23"),
        ("1900-12-31", "KATA_TODAY='1900-12-31' is not between 1901-01-01 and 2998-12-31"),
        ("2999-01-01", "KATA_TODAY='2999-01-01' is not between 1901-01-01 and 2998-12-31"),
    ],
)
def test_a_kata_today_that_cannot_be_used_is_refused_in_one_line(
    pinned: str, message: str, monkeypatch
) -> None:
    monkeypatch.setenv("KATA_TODAY", pinned)
    with pytest.raises(InvalidInput) as caught:
        Clock.from_env()
    assert str(caught.value) == message


def test_without_kata_today_the_clock_is_the_real_one(monkeypatch) -> None:
    monkeypatch.delenv("KATA_TODAY", raising=False)
    before = datetime.now().replace(microsecond=0)
    now = Clock.from_env().now()
    assert before <= now <= datetime.now()
    monkeypatch.setenv("KATA_TODAY", "  ")
    assert Clock.from_env() == Clock()


def test_a_frozen_clock_stands_still_and_the_stopwatch_never_goes_back() -> None:
    clock = Clock.fixed(date(2026, 11, 23))
    assert clock.now() == datetime(2026, 11, 23, 9, 0) == clock.now()
    readings = [clock.reading() for _ in range(3)]
    assert all(isinstance(r, float) for r in readings)
    assert readings == sorted(readings)
