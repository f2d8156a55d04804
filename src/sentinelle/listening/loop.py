"""The ingest loop of `sentinelle run`: poll every enabled source that has a connector."""

from __future__ import annotations

import logging

from sentinelle.core.clock import now
from sentinelle.listening.analyze import analyze_pending
from sentinelle.listening.connectors import ConnectorError, connector_for
from sentinelle.listening.ingest import ingest_items
from sentinelle.listening.models import Source

log = logging.getLogger(__name__)


def poll_source(source: Source) -> int:
    """Fetch once from one source and store what came; returns the number of new mentions."""
    try:
        connector = connector_for(source.kind, source.config)
        if connector is None:
            return 0
        result = connector.fetch(source.cursor)
    except ConnectorError as exc:
        Source.objects.filter(pk=source.pk).update(last_error=str(exc)[:2000], last_error_at=now())
        log.warning("source %s: %s", source.pk, exc)
        return 0
    stored = ingest_items(source, result.items, cursor=result.cursor)
    if result.problems:
        message = f"{len(result.problems)} items skipped; first: {result.problems[0]}"
        Source.objects.filter(pk=source.pk).update(last_error=message[:2000], last_error_at=now())
    return len(stored.created)


def poll_all() -> int:
    analyze_pending()
    return sum(poll_source(source) for source in Source.objects.filter(enabled=True))
