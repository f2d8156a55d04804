"""`sentinelle bench crisis`: story grouping + risk speed, and the delay to an alert row.

1. `mentions_per_s`: the pure engine (grouping + risk scoring, one core) after `mentions`
   mentions went through it — the state a brand's engine has once that many are stored (it
   keeps what its retention windows need, so the count stored does not slow it down).
2. `alert_latency_p99_ms`: in the app, with a throw-away brand in the configured database, an
   incident replayed in batches of `batch` mentions through the real store path (analysis, case
   rules, story engine): for each batch that raised an alert row, the time from the start of
   its store to the alert row's commit; the 99th percentile.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import timedelta

from sentinelle.brands.models import Brand
from sentinelle.demo.week import DEFAULT_START, generate_week
from sentinelle.listening.importer import ImportLine, item_from_dict
from sentinelle.listening.ingest import ingest_lines
from sentinelle.stories.grouping import MentionRecord, RiskScorer, StoryGrouper
from sentinelle.stories.grouping.records import record_from_item
from sentinelle.stories.models import StoryAlert

SLUG = "bench-crisis"
POOL_WEEKS = 12


def _stream(total: int) -> Iterator[MentionRecord]:
    """`total` records: demo weeks of several seeds, repeated later in time with fresh ids."""
    pool = [
        [record_from_item(i) for i in generate_week(start=DEFAULT_START, seed=500 + k)]
        for k in range(POOL_WEEKS)
    ]
    sent, week = 0, 0
    while sent < total:
        shift = timedelta(weeks=week)
        for r in pool[week % POOL_WEEKS]:
            if sent >= total:
                return
            parent = f"{week}:{r.parent_id}" if r.parent_id else None
            yield replace(
                r, id=f"{week}:{r.id}", parent_id=parent, published_at=r.published_at + shift
            )
            sent += 1
        week += 1


def bench_engine(mentions: int, timed: int, progress: Callable[[int], None]) -> dict:
    grouper, scorer = StoryGrouper(), RiskScorer()
    warm = max(0, mentions - timed)
    started = None
    for n, record in enumerate(_stream(mentions)):
        if n == warm:
            started = time.perf_counter()
        assignment = grouper.add(record)
        scorer.observe(assignment.story_id, record, assignment.merged)
        if n % 10_000 == 0:
            progress(10_000 if n else 0)
    elapsed = time.perf_counter() - (started or time.perf_counter())
    return {
        "mentions_per_s": round(min(timed, mentions) / elapsed, 1) if elapsed else None,
        "engine_mentions_seen": mentions,
        "engine_stories_in_memory": len(grouper.stories),
    }


def bench_alert_latency(batch: int) -> dict:
    from sentinelle.brands.actions import do_create_brand

    Brand.objects.filter(slug=SLUG).delete()
    brand = do_create_brand(name="Bench crisis", slug=SLUG)
    try:
        items = generate_week(start=DEFAULT_START, seed=77)
        latencies = []
        for offset in range(0, len(items), batch):
            chunk = items[offset : offset + batch]
            lines = [ImportLine(n, item=item_from_dict(d)) for n, d in enumerate(chunk, 1)]
            before = StoryAlert.objects.filter(brand=brand).count()
            start = time.perf_counter()
            ingest_lines(brand, lines, default_source="Bench", batch_size=batch)
            elapsed = time.perf_counter() - start
            if StoryAlert.objects.filter(brand=brand).count() > before:
                latencies.append(elapsed * 1000)
        latencies.sort()
        p99 = latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))] if latencies else None
        return {
            "alert_latency_p99_ms": round(p99, 1) if p99 is not None else None,
            "alert_latency_median_ms": round(statistics.median(latencies), 1)
            if latencies
            else None,
            "alerts_raised": StoryAlert.objects.filter(brand=brand).count(),
            "replayed_mentions": len(items),
        }
    finally:
        Brand.objects.filter(pk=brand.pk).delete()


def run_bench(*, mentions: int, timed: int, batch: int, progress: Callable[[int], None]) -> dict:
    return {**bench_engine(mentions, timed, progress), **bench_alert_latency(batch)}
