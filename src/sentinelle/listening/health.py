"""Source health: when to fetch again, which sources are unhealthy, and the gaps.

- A failed fetch waits a capped exponential backoff with jitter before the next one, and never
  less than the platform asked for (``Retry-After``, or a rate-limit header saying no request
  is left before a reset); a fetch that spent the rate-limit window waits for its reset.
- After ``SENTINELLE_UNHEALTHY_AFTER`` failures in a row (at once for a permanent error) the
  source is unhealthy: the sources page shows it with its last error.
- A source back after being down longer than its platform keeps items has a gap: the items of
  that stretch may be lost. It is recorded (``SourceGap``) and shown. Platforms that keep a
  time (X's recent search: 7 days) tell it by the clock; those that keep a number of items
  (feeds, Reddit listings) by a fetch that meets none of the items seen before.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings

from sentinelle.core.clock import now
from sentinelle.listening.connectors import ConnectorError
from sentinelle.listening.connectors._api import rate_limit_wait
from sentinelle.listening.models import Mention, Source, SourceGap

#: How far back a platform lets us fetch, where it is a matter of time (X's recent search).
#: A source's config may say otherwise: {"retention_hours": 48}.
RETENTION_BY_KIND: dict[str, timedelta] = {"x": timedelta(days=7)}


def backoff_s(failures: int, *, rng: random.Random | None = None) -> float:
    """The wait after the n-th failure in a row: base × 2^(n-1), capped, half of it jittered
    so that sources failing together do not retry together."""
    ceiling = min(
        settings.SENTINELLE_FETCH_BACKOFF_MAX_S,
        settings.SENTINELLE_FETCH_BACKOFF_S * 2 ** min(max(failures - 1, 0), 32),
    )
    return ceiling / 2 + (rng or random).uniform(0, ceiling / 2)


def retry_hint(exc: BaseException) -> float | None:
    """What the platform said about waiting, found on the error or on the HTTP error under it
    (connectors raise ConnectorError from the guarded client's FetchError)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if getattr(current, "retry_after", None) is not None:
            return float(current.retry_after)  # type: ignore[attr-defined]
        headers = getattr(current, "headers", None)
        if isinstance(headers, Mapping):
            exhausted = getattr(current, "status", None) == 429
            if (wait := rate_limit_wait(headers, exhausted=exhausted)) is not None:
                return wait
        current = current.__cause__ or current.__context__
    return None


def is_due(source: Source, at: datetime | None = None) -> bool:
    """Whether the source may be fetched now (enabled, not backing off, not rate limited)."""
    return source.enabled and (
        source.next_fetch_at is None or source.next_fetch_at <= (at or now())
    )


def record_failure(source: Source, exc: ConnectorError, *, at: datetime | None = None) -> None:
    """Note a failed fetch: last error, next allowed fetch, unhealthy after too many."""
    at = at or now()
    hint = retry_hint(exc)
    failures = source.failures + 1
    if exc.retryable:
        delay = max(backoff_s(failures), hint or 0.0)
    else:  # a wrong address, a refused credential: someone has to fix it, check rarely
        delay = max(settings.SENTINELLE_FETCH_BACKOFF_MAX_S, hint or 0.0)
    unhealthy = not exc.retryable or failures >= settings.SENTINELLE_UNHEALTHY_AFTER
    _save(
        source,
        failures=failures,
        last_error=str(exc)[:2000],
        last_error_at=at,
        next_fetch_at=at + timedelta(seconds=delay),
        unhealthy_since=(source.unhealthy_since or at) if unhealthy else None,
    )


def retention_for(source: Source, connector: Any = None) -> timedelta | None:
    """How far back the platform lets this source fetch, when that is a matter of time."""
    hours = source.config.get("retention_hours") if isinstance(source.config, dict) else None
    if isinstance(hours, int | float) and hours > 0:
        return timedelta(hours=hours)
    retention = getattr(connector, "retention", None)
    if isinstance(retention, timedelta):
        return retention
    return RETENTION_BY_KIND.get(source.kind)


def record_success(
    source: Source,
    *,
    problems: list[str] | None = None,
    retention: timedelta | None = None,
    retry_after: float | None = None,
    at: datetime | None = None,
) -> SourceGap | None:
    """Note a successful fetch (`retry_after`: the rate-limit window is spent, wait that
    long); returns the gap it revealed, if the outage outlived what the platform keeps."""
    at = at or now()
    gap = None
    if retention is not None and source.last_success_at is not None:
        lost_until = at - retention
        if lost_until > source.last_success_at:
            gap = SourceGap.objects.create(
                brand_id=source.brand_id,
                source=source,
                starts_at=source.last_success_at,
                ends_at=lost_until,
                detected_at=at,
                note=f"the platform keeps {retention} of items",
            )
    values: dict[str, Any] = {
        "failures": 0,
        "next_fetch_at": at + timedelta(seconds=retry_after) if retry_after else None,
        "unhealthy_since": None,
        "last_success_at": at,
        "items_per_hour": Mention.objects.filter(
            source=source, fetched_at__gt=at - timedelta(hours=1)
        ).count(),
    }
    if problems:
        values["last_error"] = f"{len(problems)} items skipped; first: {problems[0]}"[:2000]
        values["last_error_at"] = at
    _save(source, **values)
    return gap


def record_window_gap(
    source: Source, starts_at: datetime | None, ends_at: datetime, *, at: datetime | None = None
) -> SourceGap:
    """A platform that keeps a number of items (a feed's last entries, a listing's last
    pages) returned none seen before: what was published in between may be lost."""
    at = at or now()
    return SourceGap.objects.create(
        brand_id=source.brand_id,
        source=source,
        kind=SourceGap.Kind.WINDOW,
        starts_at=min(starts_at or source.last_success_at or ends_at, ends_at),
        ends_at=ends_at,
        detected_at=at,
        note="none of the items the platform still lists had been seen before",
    )


def _save(source: Source, **values: Any) -> None:
    # Only these columns: the cursor is written by the publishing transaction, not here.
    Source.objects.filter(pk=source.pk).update(**values)
    for name, value in values.items():
        setattr(source, name, value)
