"""Polling: fetch every due source and publish what came to the bus.

The items and the source's new cursor are committed together: on the embedded bus they are
rows of the same transaction; on Redis the items are added first, so a crash in between
fetches them again (the worker stores each once). Rejected items become dead letters in that
transaction too, and the fetch's outcome updates the source's health.
"""

from __future__ import annotations

import logging

from django.db import transaction

from sentinelle.core.clock import now
from sentinelle.listening import health
from sentinelle.listening.analyze import analyze_pending
from sentinelle.listening.bus import Bus, encode_item, get_bus
from sentinelle.listening.bus.worker import TRANSIENT_ERRORS, drain
from sentinelle.listening.connectors import Connector, ConnectorError, connector_for
from sentinelle.listening.deadletter import do_record_dead_letter
from sentinelle.listening.models import DeadLetterStage, Source

log = logging.getLogger(__name__)


def poll_source(
    source: Source,
    *,
    bus: Bus | None = None,
    connector: Connector | None = None,
    store: bool = True,
) -> int:
    """Fetch once from one source and publish the items; returns how many were published.

    With the embedded bus and `store`, they are stored (analysed, cases opened) before it
    returns; on Redis the `sentinelle worker`s store them.
    """
    bus = bus or get_bus()
    try:
        connector = connector or connector_for(source.kind, source.config)
        if connector is None:
            return 0
        result = connector.fetch(source.cursor)
    except ConnectorError as exc:
        health.record_failure(source, exc)
        log.warning("source %s: %s", source.pk, exc)
        return 0
    with transaction.atomic():
        bus.publish(source, [encode_item(item) for item in result.items])
        Source.objects.filter(pk=source.pk).update(cursor=result.cursor)
        source.cursor = result.cursor
        for reject in result.rejects:
            do_record_dead_letter(
                source,
                stage=DeadLetterStage.FETCH,
                reason=reject.reason,
                payload=reject.payload,
                external_id=reject.external_id,
            )
        health.record_success(
            source,
            problems=result.problems,
            retention=health.retention_for(source, connector),
            retry_after=result.retry_after,
        )
        if result.gap is not None:
            health.record_window_gap(source, *result.gap)
    if store and bus.embedded:
        drain(bus)
    return len(result.items)


def poll_all(*, bus: Bus | None = None) -> int:
    """One round of the ingest loop: every enabled source that is due; returns items published."""
    bus = bus or get_bus()
    analyze_pending()
    at = now()
    published = 0
    for source in Source.objects.filter(enabled=True).select_related("brand"):
        if not health.is_due(source, at):
            continue
        try:
            published += poll_source(source, bus=bus, store=False)
        except TRANSIENT_ERRORS:
            raise  # the database or the bus is down, not this source: the round stops here
        except Exception as exc:  # a connector's bug must not stop the other sources
            log.exception("source %s: unexpected error", source.pk)
            health.record_failure(source, ConnectorError(f"{type(exc).__name__}: {exc}"))
    if bus.embedded:
        drain(bus)
    return published
