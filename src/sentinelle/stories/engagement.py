"""Engagement of active stories: counts re-read, one sample per mention, growth per hour.

The re-read itself belongs to listening (listening/engagement.py); this module picks the
moment (the `engagement` loop of `sentinelle run`, every 5 minutes), keeps the samples, and
turns them into what the story page shows: totals hour by hour and the growth over 6 hours.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import F, Max, Window

from sentinelle.core.clock import now
from sentinelle.listening.engagement import (
    ConnectorFactory,
    mentions_to_repoll,
    refresh_engagement,
)
from sentinelle.stories.models import EngagementSample, Story

KEYS = ("likes", "shares", "replies", "views")
GROWTH_WINDOW = timedelta(hours=6)
HOURS_SHOWN = 24
_HOUR = timedelta(hours=1)
_TICK = timedelta(microseconds=1)

Counts = tuple[int | None, int | None, int | None, int | None]


def _counts(engagement: object) -> dict[str, int]:
    data = engagement if isinstance(engagement, dict) else {}
    return {
        key: value
        for key in KEYS
        if isinstance(value := data.get(key), int) and not isinstance(value, bool) and value >= 0
    }


def repoll_active_stories(
    at: datetime | None = None, *, connectors: ConnectorFactory | None = None
) -> int:
    """Re-read the counts of mentions in active stories and keep a sample of each; returns the
    number of mentions refreshed.

    The first time a mention is sampled, the counts it had before (from ingest or an earlier
    read) are kept too, at the time they were read, so growth shows from the first re-poll.
    """
    moment = at or now()
    mentions = mentions_to_repoll(moment)
    if not mentions:
        return 0
    before = {m.pk: (m.engagement_at, _counts(m.engagement)) for m in mentions}
    sampled = set(
        EngagementSample.objects.filter(mention__in=mentions).values_list("mention_id", flat=True)
    )
    refresh_engagement(mentions, at=moment, connectors=connectors)
    samples = []
    for mention in mentions:
        if mention.engagement_at != moment:
            continue  # its source failed, or the post is gone
        story_id = mention.story_link.story_id
        old_at, old = before[mention.pk]
        if mention.pk not in sampled and old_at is not None and old:
            samples.append(EngagementSample(story_id=story_id, mention=mention, at=old_at, **old))
        fresh = _counts(mention.engagement)
        samples.append(EngagementSample(story_id=story_id, mention=mention, at=moment, **fresh))
    EngagementSample.objects.bulk_create(samples, batch_size=500, ignore_conflicts=True)
    return sum(1 for s in samples if s.at == moment)


@dataclass(frozen=True)
class Totals:
    """Summed counts; `views` is None when no platform of the story gives views."""

    likes: int = 0
    shares: int = 0
    replies: int = 0
    views: int | None = None

    @property
    def interactions(self) -> int:
        return self.likes + self.shares + self.replies

    def minus(self, other: Totals) -> Totals:
        views = None
        if self.views is not None or other.views is not None:
            views = (self.views or 0) - (other.views or 0)
        return Totals(
            self.likes - other.likes,
            self.shares - other.shares,
            self.replies - other.replies,
            views,
        )


@dataclass(frozen=True)
class HourTotals:
    hour: datetime  # the start of the hour; totals are as of its end (or now)
    totals: Totals
    change: int  # interactions gained during the hour


@dataclass(frozen=True)
class StoryEngagement:
    current: Totals = field(default_factory=Totals)
    growth: Totals = field(default_factory=Totals)  # over GROWTH_WINDOW
    growth_percent: int | None = None  # of the interactions counted 6 hours ago
    hours: list[HourTotals] = field(default_factory=list)  # newest first
    mentions: int = 0
    last_sample_at: datetime | None = None

    @property
    def per_hour(self) -> float:
        return round(self.growth.interactions / (GROWTH_WINDOW / _HOUR), 1)


def _total(latest: dict[int, Counts]) -> Totals:
    views = [row[3] for row in latest.values() if row[3] is not None]
    return Totals(
        likes=sum(row[0] or 0 for row in latest.values()),
        shares=sum(row[1] or 0 for row in latest.values()),
        replies=sum(row[2] or 0 for row in latest.values()),
        views=sum(views) if views else None,
    )


def _as_of(
    baseline: dict[int, Counts],
    rows: Iterable[tuple[int, datetime, Counts]],
    instants: list[datetime],
) -> dict[datetime, Totals]:
    """Totals of the latest sample per mention before each instant (`rows` in time order)."""
    latest = dict(baseline)
    totals: dict[datetime, Totals] = {}
    pending = iter(rows)
    row = next(pending, None)
    for instant in sorted(set(instants)):
        while row is not None and row[1] < instant:
            latest[row[0]] = row[2]
            row = next(pending, None)
        totals[instant] = _total(latest)
    return totals


def story_engagement(
    story: Story, *, at: datetime | None = None, hours: int = HOURS_SHOWN
) -> StoryEngagement:
    """The story's summed counts hour by hour (the latest sample of each mention) and their
    growth over the last 6 hours; empty when nothing was sampled yet."""
    moment = at or now()
    this_hour = moment.replace(minute=0, second=0, microsecond=0)
    first_hour = this_hour - (hours - 1) * _HOUR
    start = min(first_hour, moment - GROWTH_WINDOW)
    # Samples follow the mention's link, so a story that absorbed another keeps its samples.
    samples = EngagementSample.objects.filter(mention__story_link__story=story, at__lte=moment)
    columns = ("mention_id", "at", *KEYS)
    before = list(
        samples.filter(at__lt=start)
        .annotate(newest=Window(Max("at"), partition_by=[F("mention_id")]))
        .filter(at=F("newest"))
        .values_list(*columns)
    )
    baseline = {row[0]: row[2:] for row in before}
    last_before = max((row[1] for row in before), default=None)
    rows = [
        (row[0], row[1], row[2:])
        for row in samples.filter(at__gte=start).order_by("at", "pk").values_list(*columns)
    ]
    if not baseline and not rows:
        return StoryEngagement()
    # Instants are exclusive: an hour holds the samples read from its start to before its end;
    # "now" and "6 hours ago" include a sample read at that very moment.
    upto, since = moment + _TICK, moment - GROWTH_WINDOW + _TICK
    ends = [min(first_hour + (n + 1) * _HOUR, upto) for n in range(hours)]
    totals = _as_of(baseline, rows, [first_hour, since, upto, *ends])
    earliest = min([row[1] for row in rows] + ([start] if baseline else []))
    table = []
    previous = totals[first_hour]
    for n, end in enumerate(ends):
        hour = first_hour + n * _HOUR
        if end > earliest:
            table.append(
                HourTotals(hour, totals[end], totals[end].interactions - previous.interactions)
            )
        previous = totals[end]
    then = totals[since]
    growth = totals[upto].minus(then)
    return StoryEngagement(
        current=totals[upto],
        growth=growth,
        growth_percent=round(100 * growth.interactions / then.interactions)
        if then.interactions
        else None,
        hours=table[::-1],
        mentions=len({*baseline, *(row[0] for row in rows)}),
        last_sample_at=rows[-1][1] if rows else last_before,
    )
