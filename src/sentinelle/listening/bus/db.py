"""The embedded bus: a durable log in the database, for the one-process deployment.

Publishing inserts rows in the caller's transaction, the one that saves the source's new
cursor. A worker takes the oldest rows, stores them and deletes them in ONE transaction: a
crash anywhere rolls all of it back and the rows are taken again. On PostgreSQL several
workers share the log (``FOR UPDATE SKIP LOCKED``); SQLite runs one write transaction at a
time, which is the same guarantee.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from django.db import connection, transaction

from sentinelle.core.clock import now
from sentinelle.listening.bus import Envelope, Handler
from sentinelle.listening.models import BusEntry, Source


class DbBus:
    name = "db"
    embedded = True

    def publish(self, source: Source, items: Sequence[dict[str, Any]]) -> None:
        stamp = now()
        BusEntry.objects.bulk_create(
            [BusEntry(source_id=source.pk, payload=item, published_at=stamp) for item in items],
            batch_size=500,
        )

    def process(self, handler: Handler, *, consumer: str, batch_size: int, wait_s: float) -> int:
        # A plain read first: an idle worker must not take SQLite's write lock every time.
        if not BusEntry.objects.exists():
            if wait_s > 0:
                time.sleep(wait_s)
            return 0
        with transaction.atomic():
            rows = BusEntry.objects.order_by("pk")
            if connection.features.has_select_for_update_skip_locked:
                rows = rows.select_for_update(skip_locked=True)
            fields = ("pk", "source_id", "payload", "published_at")
            taken = list(rows.values_list(*fields)[:batch_size])
            if taken:
                handler([Envelope(str(pk), s, p, at.timestamp()) for pk, s, p, at in taken])
                BusEntry.objects.filter(pk__in=[pk for pk, *_ in taken]).delete()
        if not taken and wait_s > 0:  # every row is another worker's right now
            time.sleep(wait_s)
        return len(taken)

    def backlog(self) -> int:
        return BusEntry.objects.count()
