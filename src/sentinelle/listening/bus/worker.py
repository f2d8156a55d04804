"""The worker: take a micro-batch from the bus, parse, match, dedupe, store, analyse, open
cases, in one transaction per brand (the bus cuts the batch); then the bus acknowledges
that part.

Stateless: run one inside `sentinelle run` (embedded bus) or any number of
`sentinelle worker` processes (Redis bus, or the database log on PostgreSQL).
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import redis
from django.conf import settings
from django.db import (
    DataError,
    IntegrityError,
    InterfaceError,
    OperationalError,
    close_old_connections,
)

from sentinelle.listening.analyze import analyze_pending, get_pipeline
from sentinelle.listening.bus import (
    Bus,
    Envelope,
    consumer_name,
    decode_item,
    encode_item,
    get_bus,
)
from sentinelle.listening.deadletter import do_record_dead_letter
from sentinelle.listening.ingest import IngestResult, lock_authors, store_items
from sentinelle.listening.items import ItemError, RawItem
from sentinelle.listening.models import DeadLetterStage, Source
from sentinelle.listening.steps import run_after_store
from sentinelle.listening.watchquery_filter import filter_items

log = logging.getLogger(__name__)

#: Errors that belong to one item (it goes to the dead letters); anything transient (locks,
#: deadlocks, a lost connection) rolls the whole batch back to be taken again.
ITEM_ERRORS = (IntegrityError, DataError, ValueError, TypeError, OverflowError)
TRANSIENT_ERRORS = (OperationalError, InterfaceError, redis.RedisError)
#: An item handed out this many times has taken a worker down each time: a poison item.
MAX_DELIVERIES = 10


@dataclass
class BatchReport:
    taken: int = 0
    created: int = 0
    duplicates: int = 0
    reposts: int = 0
    unmatched: int = 0
    dead: int = 0


def store_envelopes(envelopes: Sequence[Envelope]) -> BatchReport:
    """Store one batch taken from the bus; runs inside the bus's transaction."""
    report = BatchReport(taken=len(envelopes))
    sources = Source.objects.select_related("brand").in_bulk({e.source_id for e in envelopes})
    by_source: dict[int, list[RawItem]] = {}
    for envelope in envelopes:
        source = sources.get(envelope.source_id)
        if source is None:  # deleted since: its items go with it
            continue
        try:
            if envelope.deliveries > MAX_DELIVERIES:
                raise ItemError(f"handed to a worker {envelope.deliveries} times, never stored")
            item = decode_item(envelope.item)
        except ItemError as exc:
            _dead(source, DeadLetterStage.PARSE, str(exc), envelope.item, report)
            continue
        by_source.setdefault(source.pk, []).append(item)
    created = []
    for source_id, items in by_source.items():
        source = sources[source_id]
        # The one place where the brand's watch queries select what is stored.
        matched = filter_items(source, items)
        report.unmatched += len(items) - len(matched)
        result = _store(source, matched, report)
        report.duplicates += result.duplicates
        report.reposts += result.reposts
        created += result.created
    report.created = len(created)
    lock_authors(created)
    run_after_store(created)
    return report


def _store(source: Source, items: list[RawItem], report: BatchReport) -> IngestResult:
    try:
        return store_items(source, items, reposts=True)
    except ITEM_ERRORS as exc:  # rolled back to the savepoint; find the bad item(s)
        log.info("source %s: storing one by one after %r", source.pk, exc)
    result = IngestResult()
    for item in items:
        try:
            # Alone, an item that only lost a race with another worker goes through now.
            result.add(store_items(source, [item], reposts=True))
        except ITEM_ERRORS as exc:
            reason = f"{type(exc).__name__}: {exc}"
            payload = encode_item(item)
            _dead(source, DeadLetterStage.STORE, reason, payload, report, item.external_id)
    return result


def _dead(
    source: Source,
    stage: str,
    reason: str,
    payload: object,
    report: BatchReport,
    external_id: str | None = None,
) -> None:
    if external_id is None and isinstance(payload, dict):
        external_id = str(payload.get("external_id") or "")
    do_record_dead_letter(
        source, stage=stage, reason=reason, payload=payload, external_id=external_id
    )
    report.dead += 1


def drain(bus: Bus, *, batch_size: int | None = None) -> int:
    """Store everything on the bus now (the one-process deployment); returns items taken."""
    total = 0
    consumer = consumer_name()
    size = batch_size or settings.SENTINELLE_BUS_BATCH
    while taken := bus.process(store_envelopes, consumer=consumer, batch_size=size, wait_s=0):
        total += taken
    return total


class BetweenBatches:
    """What a worker does between two batches: give a brand back when it holds more than its
    share (every 5 s), group the stories queued for the brands it holds (often), let their
    levels fall (every minute). See `stories.leases`."""

    def __init__(
        self,
        backlog_every_s: float = 0.25,
        tick_every_s: float = 60.0,
        balance_every_s: float = 5.0,
    ) -> None:
        self.backlog_every_s, self.tick_every_s = backlog_every_s, tick_every_s
        self.balance_every_s = balance_every_s
        self.last_backlog = self.last_tick = self.last_balance = time.monotonic()

    def run(self) -> None:
        from sentinelle.stories.engine import tick_stories, track_backlogs
        from sentinelle.stories.leases import rebalance

        moment = time.monotonic()
        try:
            if moment - self.last_balance >= self.balance_every_s:
                self.last_balance = moment
                rebalance()  # before grouping: what others queued shows they are there
            if moment - self.last_backlog >= self.backlog_every_s:
                self.last_backlog = moment
                track_backlogs()
            if moment - self.last_tick >= self.tick_every_s:
                self.last_tick = moment
                tick_stories(held_here=True)
        except TRANSIENT_ERRORS as exc:  # rolled back; the backlog waits for the next turn
            log.warning("worker: stories between batches: %s", exc)

    def stop(self) -> None:
        """Hand the brands back at once, their backlogs included (the other workers group
        them): a stopping worker takes on no more work."""
        from sentinelle.stories.leases import release_leases

        try:
            release_leases()
        except TRANSIENT_ERRORS as exc:  # the leases run out by themselves
            log.warning("worker: handing the stories back: %s", exc)


def run_worker(
    bus: Bus,
    *,
    stop: threading.Event,
    batch_size: int | None = None,
    exit_when_idle: bool = False,
    on_batch: Callable[[int], object] | None = None,
) -> int:
    """Consume the bus until `stop` is set; returns how many items were taken."""
    consumer = consumer_name()
    size = batch_size or settings.SENTINELLE_BUS_BATCH
    total, pause, last_pending = 0, 0.0, 0.0
    between = BetweenBatches()
    while not stop.is_set():
        close_old_connections()
        try:
            taken = bus.process(store_envelopes, consumer=consumer, batch_size=size, wait_s=0.5)
        except TRANSIENT_ERRORS as exc:
            # Rolled back: the batch stays on the bus. Wait a little longer each time.
            pause = min(max(pause * 2, 0.1), 10.0)
            log.warning("worker %s: %s; again in %.1f s", consumer, exc, pause)
            stop.wait(pause)
            continue
        pause = 0.0
        total += taken
        if on_batch is not None and taken:
            on_batch(taken)
        between.run()
        if not taken:
            if exit_when_idle and bus.backlog() == 0:
                break
            if time.monotonic() - last_pending > 30:
                # Mentions stored while analysis was down go through the steps again.
                last_pending = time.monotonic()
                try:
                    analyze_pending()
                except TRANSIENT_ERRORS as exc:
                    log.warning("worker %s: pending mentions: %s", consumer, exc)
    between.stop()
    return total


def drain_embedded() -> int:
    """The embedded bus's loop in `sentinelle run`: store what is waiting (after a crash, or
    published by another process); nothing to do with Redis, whose workers do it."""
    bus = get_bus()
    return drain(bus) if bus.embedded else 0


def serve_worker(*, batch_size: int | None = None, exit_when_idle: bool = False) -> int:
    """`sentinelle worker`: consume until SIGTERM or Ctrl-C, which finish the current batch."""
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    if settings.SENTINELLE_ANALYSIS_ENABLED:
        get_pipeline()  # load the models now, not inside the first batch's transaction
    bus = get_bus()
    log.info("worker consuming the %s bus", bus.name)
    return run_worker(bus, stop=stop, batch_size=batch_size, exit_when_idle=exit_when_idle)
