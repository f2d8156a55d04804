"""Throughput of grouping + risk scoring with many stories already indexed."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import timedelta

from sentinelle.stories.grouping.cluster import StoryGrouper
from sentinelle.stories.grouping.records import MentionRecord, record_from_item
from sentinelle.stories.grouping.risk import RiskScorer


def _weeks(n: int) -> list[MentionRecord]:
    """``n`` demo weeks (different seeds) end to end, ids made unique."""
    from sentinelle.demo.week import DEFAULT_START, generate_week

    out = []
    for k in range(n):
        items = generate_week(start=DEFAULT_START + timedelta(weeks=k), seed=1000 + k)
        for item in items:
            r = record_from_item(item)
            parent = f"{k}:{r.parent_id}" if r.parent_id else None
            out.append(replace(r, id=f"{k}:{r.id}", parent_id=parent))
    return out


def bench_grouping(prefill_weeks: int = 4, timed_weeks: int = 1) -> dict[str, float]:
    """Mentions a second over the last ``timed_weeks`` after indexing ``prefill_weeks``."""
    records = _weeks(prefill_weeks + timed_weeks)
    cut = len(records) - sum(1 for r in records if int(r.id.split(":")[0]) >= prefill_weeks)
    grouper, scorer = StoryGrouper(), RiskScorer()
    for r in records[:cut]:
        a = grouper.add(r)
        scorer.observe(a.story_id, r, a.merged)
    stories = len(grouper.stories)
    start = time.perf_counter()
    for r in records[cut:]:
        a = grouper.add(r)
        scorer.observe(a.story_id, r, a.merged)
    elapsed = time.perf_counter() - start
    timed = len(records) - cut
    return {
        "mentions_per_s": round(timed / elapsed, 1),
        "indexed_mentions": cut,
        "stories_in_memory": stories,
        "timed_mentions": timed,
    }
