"""The embedded bus: a durable log in the database, for the one-process deployment.

Publishing inserts rows in the caller's transaction, the one that saves the source's new
cursor. A worker reads the oldest rows, and for each brand's part of them locks the rows
still there, stores them and deletes them in ONE transaction: a crash anywhere rolls that
part back and its rows are taken again. On PostgreSQL several workers share the log (``FOR
UPDATE SKIP LOCKED``: a row another worker holds is left to it); SQLite runs one write
transaction at a time, which is the same guarantee.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from django.db import connection, transaction

from sentinelle.core.clock import now
from sentinelle.listening.bus import Envelope, Handler, by_brand
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
        fields = ("pk", "source_id", "payload", "published_at")
        peeked = list(BusEntry.objects.order_by("pk").values_list(*fields)[:batch_size])
        envelopes = [Envelope(str(pk), s, p, at.timestamp()) for pk, s, p, at in peeked]
        taken = 0
        for part in by_brand(envelopes, consumer):
            taken += self._take(handler, part)
        if not taken and wait_s > 0:  # every row is another worker's right now
            time.sleep(wait_s)
        return taken

    @staticmethod
    def _take(handler: Handler, part: list[Envelope]) -> int:
        """Lock the part's rows still there (not another worker's), store them, delete them."""
        with transaction.atomic():
            rows = BusEntry.objects.filter(pk__in=[int(e.id) for e in part])
            if connection.features.has_select_for_update_skip_locked:
                rows = rows.select_for_update(skip_locked=True)
            mine = set(rows.values_list("pk", flat=True))
            part = [e for e in part if int(e.id) in mine]
            if part:
                handler(part)
                BusEntry.objects.filter(pk__in=mine).delete()
        return len(part)

    def backlog(self) -> int:
        return BusEntry.objects.count()
