"""Engagement re-poll: fresh likes, shares, replies and views of mentions that matter now.

Counts arrive with a mention and then go stale; for mentions in stories that are spreading,
the connectors that can (an `engagement` method) read them again, so that velocity can be
measured. The stories app picks the moment and keeps the samples (stories/engagement.py).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

from django.db.models import F, Q

from sentinelle.core.choices import RiskLevel
from sentinelle.core.clock import now
from sentinelle.listening.connectors import ConnectorError, connector_for
from sentinelle.listening.models import Mention, Source

log = logging.getLogger(__name__)

ACTIVE_LEVELS = (RiskLevel.WATCH, RiskLevel.ALERT, RiskLevel.CRISIS)
# Past this age a post's counts hardly move; fresher counts than this are good enough.
RECENT = timedelta(hours=72)
STALE_AFTER = timedelta(minutes=15)
# Source kinds whose connectors have an `engagement` method (docs/connectors.md).
KINDS = frozenset({"mastodon", "bluesky", "reddit", "youtube", "x"})

ConnectorFactory = Callable[[Source], Any]


def _connector(source: Source) -> Any:
    return connector_for(source.kind, source.config or {})


def mentions_to_repoll(at: datetime | None = None, limit: int = 500) -> list[Mention]:
    """Mentions of stories at watch level or above, published in the last 72 hours, whose
    counts are older than 15 minutes (or were never read), stalest first.

    Only sources that can re-read counts, are enabled and are not waiting out a rate limit or
    a backoff (`next_fetch_at`) are asked.
    """
    moment = at or now()
    return list(
        Mention.objects.filter(
            story_link__story__risk_level__in=ACTIVE_LEVELS,
            published_at__gte=moment - RECENT,
            source__kind__in=KINDS,
            source__enabled=True,
        )
        .filter(Q(engagement_at__isnull=True) | Q(engagement_at__lt=moment - STALE_AFTER))
        .filter(Q(source__next_fetch_at__isnull=True) | Q(source__next_fetch_at__lte=moment))
        .select_related("source", "story_link")
        .order_by(F("engagement_at").asc(nulls_first=True), "pk")[:limit]
    )


def refresh_engagement(
    mentions: Sequence[Mention],
    *,
    at: datetime | None = None,
    connectors: ConnectorFactory | None = None,
) -> int:
    """Read the counts of `mentions` again, source by source; returns how many were refreshed.

    Fresh counts are merged into `Mention.engagement` (a key the platform no longer sends is
    kept) and `engagement_at` is set to `at`, on the given objects and in the database. A
    source that fails is logged and skipped; a post the platform no longer shows keeps its
    old counts. `connectors` builds a source's connector (tests point it at a local server).
    """
    moment = at or now()
    by_source: dict[int, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_source[mention.source_id].append(mention)
    refreshed = 0
    for group in by_source.values():
        source = group[0].source
        counts = _read_counts(source, group, connectors or _connector)
        changed = []
        for mention in group:
            fresh = counts.get(mention.external_id)
            if fresh:
                old = mention.engagement if isinstance(mention.engagement, dict) else {}
                mention.engagement = {**old, **fresh}
                mention.engagement_at = moment
                changed.append(mention)
        Mention.objects.bulk_update(changed, ["engagement", "engagement_at"], batch_size=500)
        refreshed += len(changed)
    return refreshed


def _read_counts(
    source: Source, group: list[Mention], connectors: ConnectorFactory
) -> dict[str, dict[str, int]]:
    try:
        connector = connectors(source)
        method = getattr(connector, "engagement", None)
        if method is None:
            return {}
        return method([(m.external_id, m.raw if isinstance(m.raw, dict) else {}) for m in group])
    except ConnectorError as exc:
        log.warning("engagement of %s (source %s) not refreshed: %s", source, source.pk, exc)
    except Exception:  # one platform's surprise must not stop the others
        log.exception("engagement of %s (source %s) not refreshed", source, source.pk)
    return {}
