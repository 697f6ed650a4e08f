"""The one source of "now", so tests and snapshots can fix the date."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from kata_tui.domain.dates import FIRST_DAY, LAST_DAY
from kata_tui.domain.errors import InvalidInput


@dataclass(frozen=True, slots=True)
class Clock:
    """Real time, or real time shifted so that today is ``fixed_today``.

    A shifted clock still ticks, so a cycle timer runs in tests too.
    """

    offset: timedelta = timedelta(0)
    frozen: datetime | None = None

    @classmethod
    def fixed(cls, day: date, *, ticking: bool = False) -> Clock:
        start = datetime(day.year, day.month, day.day, 9, 0)
        if ticking:
            return cls(offset=start - datetime.now())
        return cls(frozen=start)

    @classmethod
    def from_env(cls) -> Clock:
        """``KATA_TODAY=YYYY-MM-DD`` pins the date (demo screenshots, tests)."""
        pinned = os.environ.get("KATA_TODAY", "").strip()
        if pinned:
            try:
                day = date.fromisoformat(pinned)
            except ValueError:
                raise InvalidInput(f"KATA_TODAY={pinned!r} is not a date like 2026-11-23") from None
            # a year of room each side: boards hold dates around today
            first, last = (
                FIRST_DAY.replace(year=FIRST_DAY.year + 1),
                LAST_DAY.replace(year=LAST_DAY.year - 1),
            )
            if not first <= day <= last:
                raise InvalidInput(f"KATA_TODAY={pinned!r} is not between {first} and {last}")
            return cls.fixed(day, ticking=True)
        return cls()

    def now(self) -> datetime:
        if self.frozen is not None:
            return self.frozen
        return (datetime.now() + self.offset).replace(microsecond=0)

    def today(self) -> date:
        return self.now().date()

    def reading(self) -> float:
        """Seconds on a stopwatch that never goes back (a wall clock may, when it is
        set): what an observed cycle time is the difference of."""
        return time.monotonic()
