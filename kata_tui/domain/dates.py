"""Dates as people type them at the board: ``fri``, ``+2d``, ``23 Nov``.

``today`` is always passed in, never read from the clock here, so the same
words give the same date in tests and in a session that crosses midnight.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from kata_tui.domain.errors import InvalidInput

_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEKDAY_NAMES = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)
_OFFSET = re.compile(r"^([+-])\s*(\d{1,4})\s*([dwm])$")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH_DAY = re.compile(r"^\d{1,2}/\d{1,2}(/\d{2}|/\d{4})?$")
_DAY_NAME = re.compile(r"^(?P<day>\d{1,2})\s*(?P<month>[a-z]+)\.?(,?\s+(?P<year>\d{4}))?$")
_NAME_DAY = re.compile(r"^(?P<month>[a-z]+)\.?\s*(?P<day>\d{1,2})(,?\s+(?P<year>\d{4}))?$")
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2999, 12, 31)
"""Every stored date lies between these: a board's dates are years around today, and
the calendar arithmetic on them (a week on, a month back) stays far from Python's
year 1 and 9999."""
HINT = "try 2026-11-27, 27 Nov, 11/27, today, tomorrow, fri, +3d or +2w"


def _weekday(word: str) -> int | None:
    for i, (short, long) in enumerate(zip(_WEEKDAYS, _WEEKDAY_NAMES, strict=True)):
        if word == short or (len(word) >= 3 and long.startswith(word)):
            return i
    return None


def _names_a_month(word: str) -> bool:
    shape = _DAY_NAME.match(word) or _NAME_DAY.match(word)
    if shape is None:
        return False
    month = shape.group("month")
    return len(month) >= 3 and any(name.startswith(month) for name in _MONTHS)


def in_range(day: date, shown: object) -> date:
    """``day`` if it lies between ``FIRST_DAY`` and ``LAST_DAY``; else one clear error."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise InvalidInput(f"out of range: {shown!r} (dates from {FIRST_DAY} to {LAST_DAY})")
    return day


def parse_date(text: str, today: date) -> date:
    """One typed date to a ``date``; anything unclear is an ``InvalidInput``.

    A weekday name means its next occurrence after today (``fri`` on a Friday
    is a week ahead): at the board "Friday" never means "today".
    """
    try:
        day = _parse_date(text, today)
    except InvalidInput:
        raise
    except (OverflowError, ValueError):  # past the calendar's ends
        raise InvalidInput(
            f"out of range: {text.strip()!r} (dates from {FIRST_DAY} to {LAST_DAY})"
        ) from None
    return in_range(day, text.strip())


def _parse_date(text: str, today: date) -> date:
    word = " ".join(text.strip().lower().split())
    if not word:
        raise InvalidInput(f"no date given: {HINT}")
    if word == "today":
        return today
    if word == "tomorrow":
        return today + timedelta(days=1)
    if word == "yesterday":
        return today - timedelta(days=1)
    weekday = _weekday(word)
    if weekday is not None:
        ahead = (weekday - today.weekday()) % 7 or 7
        return today + timedelta(days=ahead)
    offset = _OFFSET.match(word)
    if offset:
        sign = 1 if offset.group(1) == "+" else -1
        amount = sign * int(offset.group(2))
        unit = offset.group(3)
        if unit == "d":
            return today + timedelta(days=amount)
        if unit == "w":
            return today + timedelta(weeks=amount)
        from dateutil.relativedelta import relativedelta  # imported when typed: start-up

        return today + relativedelta(months=amount)
    if _ISO.match(word):
        try:
            return date.fromisoformat(word)
        except ValueError:
            raise InvalidInput(f"not a real date: {text.strip()!r}") from None
    if not _MONTH_DAY.match(word) and not _names_a_month(word):
        # dateutil alone would read "10:30" as today and "5" as the 5th:
        # only the shapes people mean as dates reach it
        raise InvalidInput(f"not a date: {text.strip()!r} ({HINT})")
    default = datetime(today.year, today.month, today.day)
    from dateutil import parser as date_parser  # 15 ms to import: only when a date is typed

    try:
        parsed = date_parser.parse(word, default=default, dayfirst=False)
    except (ValueError, OverflowError):
        raise InvalidInput(f"not a date: {text.strip()!r} ({HINT})") from None
    return parsed.date()


_TIME = re.compile(r"^(?:at\s+)?(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$")
_TRAILING_TIME = re.compile(
    r"^(?P<day>.*?)\s+(?:at\s+)?(?P<time>\d{1,2}(?::\d{2})\s*(?:am|pm)?|\d{1,2}\s*(?:am|pm))$"
)


def parse_time(text: str) -> str:
    """``14:00``, ``9:30``, ``2pm``, ``9:30am`` to ``HH:MM``; anything else is refused."""
    word = text.strip().lower()
    found = _TIME.match(word)
    if found is None or (found.group(2) is None and found.group(3) is None):
        raise InvalidInput(f"not a time of day: {text.strip()!r} (try 14:00 or 9:30)")
    hour, minute = int(found.group(1)), int(found.group(2) or 0)
    if found.group(3):
        if not 1 <= hour <= 12:
            raise InvalidInput(f"not a time of day: {text.strip()!r} (try 14:00 or 9:30)")
        hour = hour % 12 + (12 if found.group(3) == "pm" else 0)
    if hour > 23 or minute > 59:
        raise InvalidInput(f"not a time of day: {text.strip()!r} (try 14:00 or 9:30)")
    return f"{hour:02d}:{minute:02d}"


def parse_when(text: str, today: date) -> tuple[date, str]:
    """A date with an optional time of day after it: ``today 14:00``, ``fri 9:30``,
    ``27 Nov 2pm``; the time is ``HH:MM`` or empty."""
    word = " ".join(text.strip().split())
    found = _TRAILING_TIME.match(word.lower())
    if found is not None and found.group("day"):
        return parse_date(found.group("day"), today), parse_time(found.group("time"))
    return parse_date(word, today), ""


def parse_optional_date(text: str, today: date) -> date | None:
    """Empty means no date (a board without a horizon, a target without a go-and-see)."""
    return parse_date(text, today) if text.strip() else None


def days_left(achieve_by: date | None, today: date) -> int | None:
    return None if achieve_by is None else (achieve_by - today).days


def due_words(days: int) -> str:
    """How far an achieve-by date is, worded the same on every screen and export:
    ``21 days left``, or ``! 3 days overdue`` once it has passed (the ``!`` marks
    it without colour)."""
    return f"{days} days left" if days >= 0 else f"! {-days} days overdue"


def due_cell(days: int | None) -> str:
    """The same in a six-column cell: ``21d``, ``!-3d``, ``-`` when there is no date."""
    if days is None:
        return "-"
    if days < 0:
        return f"!{days}d"
    return f"{days}d"


def format_date(day: date | None) -> str:
    return day.isoformat() if day else ""


def short_date(day: date | None, today: date | None = None) -> str:
    """``23 Nov`` within the current year, ``23 Nov 2027`` otherwise."""
    if day is None:
        return "-"
    if today is not None and day.year == today.year:
        return f"{day.day} {day.strftime('%b')}"
    return f"{day.day} {day.strftime('%b')} {day.year}"
