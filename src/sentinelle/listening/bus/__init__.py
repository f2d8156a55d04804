"""The bus between connectors and workers: raw items in, micro-batches out, at least once.

Connectors publish raw items (JSON objects in the import format, with their source); workers
take a batch, store each brand's part of it in one database transaction and only then
acknowledge that part. A worker that
dies mid-batch leaves its items to the others; storing is idempotent (unique (source, external
id), reposts by fingerprint), so a batch handled twice stores nothing twice.

Two backends behind one interface, chosen by ``SENTINELLE_BUS``:

- ``db`` (default): a durable log in the database (``BusEntry``), for the one-process
  ``sentinelle run``; entries are deleted in the transaction that stores them.
- ``redis``: Redis Streams with a consumer group, for ``sentinelle worker`` processes on any
  number of machines; a crashed worker's pending entries are claimed by the others.
"""

from __future__ import annotations

import os
import socket
import uuid
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Protocol

from django.conf import settings
from django.db import connection

from sentinelle.listening.items import RawItem, item_from_dict
from sentinelle.listening.models import Source


@dataclass(frozen=True)
class Envelope:
    """One item on the bus: its id there, its source, the item, and when it was received."""

    id: str
    source_id: int
    item: Any
    published_at: float  # seconds since the epoch
    deliveries: int = 1  # how many times a worker was handed it (more than 1 after a crash)


Handler = Callable[[Sequence[Envelope]], object]


def by_brand(envelopes: Sequence[Envelope], consumer: str) -> list[list[Envelope]]:
    """The batch cut into one part per brand, each stored and acknowledged in a transaction of
    its own, so that a brand's locks (its story engine, its case numbers) are held for its part
    only. Each worker starts at another brand (by its name): two workers holding the same
    batches mostly work on different brands instead of waiting for each other. Items of a
    source deleted since form a part of their own (the handler drops them). On SQLite (one
    writer) the batch stays whole."""
    if connection.vendor == "sqlite":
        # One writer at a time: parts would hold no lock for less, and each part pays the
        # fixed cost of every after-store step again.
        return [list(envelopes)] if envelopes else []
    brand_of = dict(
        Source.objects.filter(pk__in={e.source_id for e in envelopes}).values_list("pk", "brand_id")
    )
    parts: dict[int, list[Envelope]] = {}
    for envelope in envelopes:
        parts.setdefault(brand_of.get(envelope.source_id, 0), []).append(envelope)
    order = sorted(parts)
    start = zlib.crc32(consumer.encode()) % len(order) if order else 0
    return [parts[brand] for brand in order[start:] + order[:start]]


class Bus(Protocol):
    name: str
    #: True when the bus lives in the database itself (the one-process deployment).
    embedded: bool

    def publish(self, source: Source, items: Sequence[dict[str, Any]]) -> None:
        """Append items durably; called inside the transaction that saves the new cursor."""

    def process(self, handler: Handler, *, consumer: str, batch_size: int, wait_s: float) -> int:
        """Take up to `batch_size` items, run `handler` on each brand's part of them (`by_brand`)
        in a database transaction of its own, acknowledge each part after its commit; returns
        how many were taken (0 after `wait_s`)."""

    def backlog(self) -> int:
        """Items published and not yet stored."""


def encode_item(item: RawItem) -> dict[str, Any]:
    """A RawItem as a JSON object in the import format (docs/connectors.md), plus `extra`."""
    data: dict[str, Any] = {
        "external_id": item.external_id,
        "text": item.text,
        "published_at": item.published_at.isoformat(),
        "channel": item.channel,
        "content_type": item.content_type,
        "url": item.url,
        "title": item.title,
        "lang": item.lang,
        "parent_external_id": item.parent_external_id,
        "engagement": item.engagement,
        "references": item.references,
        "is_brand": item.is_brand,
    }
    if item.author is not None:
        data["author"] = {
            "handle": item.author.handle,
            "name": item.author.name,
            "followers": item.author.followers,
            "profile_url": item.author.profile_url,
            "email": item.author.email,
        }
    if item.extra:
        data["extra"] = item.extra
    return data


def decode_item(data: Any) -> RawItem:
    """Validate an item taken from the bus; raises ItemError (it goes to the dead letters)."""
    item = item_from_dict(data)
    extra = data.get("extra")
    return replace(item, extra=extra) if isinstance(extra, dict) else item


def consumer_name() -> str:
    """A name no other worker has: host, process and a random part (pids are reused)."""
    return f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"


@lru_cache(maxsize=4)
def _bus(name: str, url: str, stream: str, claim_idle_s: float) -> Bus:
    if name == "redis":
        from sentinelle.listening.bus.redis_streams import RedisBus

        return RedisBus(url, stream=stream, claim_idle_s=claim_idle_s)
    from sentinelle.listening.bus.db import DbBus

    return DbBus()


def get_bus() -> Bus:
    """The bus the settings name (one per process and configuration)."""
    return _bus(
        settings.SENTINELLE_BUS,
        settings.SENTINELLE_REDIS_URL,
        settings.SENTINELLE_REDIS_STREAM,
        settings.SENTINELLE_BUS_CLAIM_IDLE_S,
    )
