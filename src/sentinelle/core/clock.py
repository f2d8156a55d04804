"""The one place that tells the time: aware UTC datetimes only."""

from __future__ import annotations

from datetime import UTC, datetime


def now() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(tz=UTC)


def parse_utc(value: str) -> datetime:
    """Parse an ISO 8601 timestamp; naive values are refused rather than guessed."""
    parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        raise ValueError(f"timestamp {value!r} has no time zone")
    return parsed.astimezone(UTC)
