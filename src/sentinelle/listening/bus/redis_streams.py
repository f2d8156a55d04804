"""The scale-out bus: Redis Streams with one consumer group shared by every worker.

Publish is ``XADD`` (one MULTI/EXEC per fetch). A worker reads with ``XREADGROUP``, stores
each brand's part of the batch in one database transaction, then ``XACK``s and ``XDEL``s that
part: an entry leaves the stream only once stored. Entries a worker took and never
acknowledged (it crashed, or lost its connection) sit in the group's pending list; after
``claim_idle_s`` any worker ``XCLAIM``s them, counting deliveries (a worker busy with a batch
keeps it marked as in hand, so only a dead or stuck worker's entries are taken over): an entry
handed out too many times (it kills every worker that takes it) goes to the dead letters
instead of going round forever
(``worker.MAX_DELIVERIES``).
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
import time
from collections.abc import Iterator, Sequence
from typing import Any

import redis
from django.db import transaction

from sentinelle.listening.bus import Envelope, Handler, by_brand
from sentinelle.listening.models import Source

log = logging.getLogger(__name__)

GROUP = "workers"
FORGET_CONSUMERS_AFTER_MS = 3_600_000
CLEANUP_EVERY_S = 600.0


class RedisBus:
    name = "redis"
    embedded = False

    def __init__(self, url: str, *, stream: str, claim_idle_s: float = 60.0) -> None:
        self.client = redis.Redis.from_url(
            url, decode_responses=True, socket_connect_timeout=5, health_check_interval=30
        )
        self.stream = stream
        self.claim_idle_ms = max(int(claim_idle_s * 1000), 1)
        self._group_ready = False
        self._last_cleanup = 0.0

    def _ensure_group(self) -> None:
        if self._group_ready:
            return
        try:
            # From id 0: entries published before the group existed are delivered too.
            self.client.xgroup_create(self.stream, GROUP, id="0", mkstream=True)
        except redis.ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise
        self._group_ready = True

    def publish(self, source: Source, items: Sequence[dict[str, Any]]) -> None:
        if not items:
            return
        self._ensure_group()
        stamp = repr(time.time())
        pipe = self.client.pipeline(transaction=True)
        for item in items:
            fields = {"source": source.pk, "item": json.dumps(item, ensure_ascii=False)}
            pipe.xadd(self.stream, {**fields, "at": stamp})
        pipe.execute()

    def process(self, handler: Handler, *, consumer: str, batch_size: int, wait_s: float) -> int:
        try:
            return self._process(handler, consumer, batch_size, wait_s)
        except redis.ResponseError as exc:
            if "NOGROUP" not in str(exc):
                raise
            self._group_ready = False  # the stream was deleted: create it again next time
            return 0

    def _process(self, handler: Handler, consumer: str, batch_size: int, wait_s: float) -> int:
        self._ensure_group()
        self._forget_dead_consumers(consumer)
        entries = self._claim(consumer, batch_size)
        if not entries:
            block = max(int(wait_s * 1000), 1) if wait_s > 0 else None
            reply = self.client.xreadgroup(
                GROUP, consumer, {self.stream: ">"}, count=batch_size, block=block
            )
            entries = [(entry_id, fields, 1) for entry_id, fields in (reply[0][1] if reply else [])]
        if not entries:
            return 0
        envelopes = [_envelope(i, f, n) for i, f, n in entries if f]
        ids = [entry_id for entry_id, _, _ in entries]
        gone = [entry_id for entry_id, fields, _ in entries if not fields]
        if gone:  # deleted from the stream while pending: nothing to store
            self._ack(gone)
        with self._in_hand(consumer, ids):
            for part in by_brand(envelopes, consumer):
                with transaction.atomic():
                    handler(part)
                self._ack([e.id for e in part])
        return len(entries)

    def _ack(self, ids: list[str]) -> None:
        pipe = self.client.pipeline(transaction=True)
        pipe.xack(self.stream, GROUP, *ids)
        pipe.xdel(self.stream, *ids)
        pipe.execute()

    @contextlib.contextmanager
    def _in_hand(self, consumer: str, ids: list[str]) -> Iterator[None]:
        """While a batch is being stored, keep telling the group that it is in hand, so that a
        slow batch (or one waiting for SQLite's write lock) is not taken over as a dead
        worker's: XCLAIM … JUSTID resets the entries' idle time without counting a delivery."""
        stop = threading.Event()

        def beat() -> None:
            while not stop.wait(self.claim_idle_ms / 4000):
                try:
                    self.client.xclaim(self.stream, GROUP, consumer, 0, ids, justid=True)
                except redis.RedisError as exc:  # the commit decides; the claim is a courtesy
                    log.warning("bus heartbeat: %s", exc)

        thread = threading.Thread(target=beat, name="sentinelle-bus-heartbeat", daemon=True)
        thread.start()
        try:
            yield
        finally:
            stop.set()
            thread.join()

    def _claim(self, consumer: str, count: int) -> list[tuple[str, dict | None, int]]:
        """Entries another worker took and left unacknowledged for too long."""
        pending = self.client.xpending_range(
            self.stream, GROUP, min="-", max="+", count=count, idle=self.claim_idle_ms
        )
        if not pending:
            return []
        deliveries = {p["message_id"]: p["times_delivered"] + 1 for p in pending}
        claimed = dict(
            self.client.xclaim(self.stream, GROUP, consumer, self.claim_idle_ms, list(deliveries))
        )
        # Ids claimed by someone else meanwhile are skipped; deleted ones are acknowledged.
        return [(i, claimed.get(i), n) for i, n in deliveries.items() if i in claimed]

    def _forget_dead_consumers(self, me: str) -> None:
        """Drop consumers (crashed workers) that hold nothing and have been idle for an hour."""
        if time.monotonic() - self._last_cleanup < CLEANUP_EVERY_S:
            return
        self._last_cleanup = time.monotonic()
        for info in self.client.xinfo_consumers(self.stream, GROUP):
            if (
                info["name"] != me
                and info["pending"] == 0
                and info["idle"] > FORGET_CONSUMERS_AFTER_MS
            ):
                self.client.xgroup_delconsumer(self.stream, GROUP, info["name"])

    def backlog(self) -> int:
        return int(self.client.xlen(self.stream))


def _envelope(entry_id: str, fields: dict[str, str], deliveries: int) -> Envelope:
    try:
        item: Any = json.loads(fields.get("item", ""))
    except ValueError:
        item = fields.get("item", "")  # not JSON: the worker sends it to the dead letters
    return Envelope(
        id=entry_id,
        source_id=int(fields.get("source") or 0),
        item=item,
        published_at=float(fields.get("at") or 0.0),
        deliveries=deliveries,
    )
