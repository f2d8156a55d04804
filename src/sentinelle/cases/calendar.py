"""Business time: hours per weekday and holidays in a brand's time zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

Interval = tuple[time, time]


@dataclass(frozen=True)
class BusinessCalendar:
    """When the brand works; with no hours at all, every minute counts (24/7)."""

    tz: ZoneInfo
    hours: dict[int, tuple[Interval, ...]]
    holidays: frozenset[date] = frozenset()

    @classmethod
    def from_brand(cls, brand: Any, *, business_hours_only: bool = True) -> BusinessCalendar:
        hours: dict[int, tuple[Interval, ...]] = {}
        if business_hours_only:
            for day, ranges in (brand.business_hours or {}).items():
                hours[int(day)] = tuple(
                    (time.fromisoformat(start), time.fromisoformat(end)) for start, end in ranges
                )
        holidays = frozenset(date.fromisoformat(d) for d in (brand.holidays or []))
        return cls(
            ZoneInfo(brand.timezone), hours, holidays if business_hours_only else frozenset()
        )

    @property
    def always_open(self) -> bool:
        return not any(self.hours.values())

    def _open_spans(self, start: datetime, end: datetime):
        """The open spans (aware UTC) that intersect [start, end), in order."""
        day = start.astimezone(self.tz).date() - timedelta(days=1)
        last = end.astimezone(self.tz).date()
        while day <= last:
            if day not in self.holidays:
                for opening, closing in self.hours.get(day.weekday(), ()):
                    # Built in local time, so a DST change moves the hours with the clock.
                    span_start = datetime.combine(day, opening, self.tz).astimezone(UTC)
                    span_end = datetime.combine(day, closing, self.tz).astimezone(UTC)
                    lo, hi = max(span_start, start), min(span_end, end)
                    if lo < hi:
                        yield lo, hi
            day += timedelta(days=1)

    def business_seconds(self, start: datetime, end: datetime) -> float:
        """Seconds of business time between two instants."""
        if end <= start:
            return 0.0
        if self.always_open:
            return (end - start).total_seconds()
        return sum((hi - lo).total_seconds() for lo, hi in self._open_spans(start, end))

    def add_business(self, start: datetime, seconds: float) -> datetime:
        """The instant when `seconds` of business time have passed since `start`."""
        if self.always_open:
            return start + timedelta(seconds=seconds)
        remaining = seconds
        window = start
        for _ in range(13):  # about a year ahead, in 30-day windows
            for lo, hi in self._open_spans(window, window + timedelta(days=30)):
                span = (hi - lo).total_seconds()
                if remaining <= span:
                    return lo + timedelta(seconds=remaining)
                remaining -= span
            window += timedelta(days=30)
        raise ValueError("the business calendar has no open hours")
