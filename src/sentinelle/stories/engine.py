"""The story engine in the app: group stored mentions into stories and keep their risk levels.

An after-store step (`track_stories`, listed in SENTINELLE_AFTER_STORE) feeds each batch of new
mentions to the brand's `StoryGrouper` and `RiskScorer` (the pure `stories.grouping` package),
writes the links, the stories' figures and levels, and raises alerts (`stories.alerts`).

State: each process keeps the brand's engine in memory. The `StoryEngineState` row is the
brand's lock and version; a process whose copy is not the row's version reloads the last
snapshot and replays the links written since, in their order — grouping is deterministic and
the records are read back from the database, so the replay rebuilds the state the other
process had. Snapshots are written every
`SNAPSHOT_EVERY` seconds or links, so a crash costs a replay, never a wrong story.

Leases (`stories.leases`): the process that groups a brand holds it for
`SENTINELLE_STORY_LEASE_S` seconds, renewed by each of its batches. Another worker storing
mentions of that brand meanwhile only queues them (`StoryBacklog`, in its own transaction);
the holder groups them between its batches (`track_backlogs`). So workers on several
machines do not take turns replaying each other's engines, and a holder that dies is
replaced when its lease runs out.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import groupby
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from sentinelle.cases.stories import (
    do_attach_cases_to_stories,
    do_sync_story_risk,
)
from sentinelle.core.choices import RISK_ORDER
from sentinelle.core.clock import now
from sentinelle.listening.models import Mention
from sentinelle.stories.grouping import MentionRecord, RiskConfig, RiskScorer, StoryGrouper
from sentinelle.stories.leases import HOLDER, forget_given_away, held_elsewhere, lease_of
from sentinelle.stories.links import expand
from sentinelle.stories.models import Story, StoryBacklog, StoryEngineState, StoryMention
from sentinelle.stories.rows import Rows, title_of

log = logging.getLogger(__name__)

STATE_VERSION = 1
SNAPSHOT_EVERY_S = 60.0
SNAPSHOT_EVERY_LINKS = 5000
REPLAY_CHUNK = 2000
BACKLOG_CHUNK = 5000
LEVEL_FIELDS = ["risk_level", "risk_score", "risk_reasons", "peak_level", "level_changed_at"]


@dataclass
class Engine:
    """One brand's grouper and scorer, and the map from the grouper's ids to Story rows."""

    grouper: StoryGrouper = field(default_factory=StoryGrouper)
    scorer: RiskScorer = field(default_factory=lambda: RiskScorer(RiskConfig()))
    stories: dict[int, int] = field(default_factory=dict)  # grouper id → Story pk
    version: int = 0
    last_link_id: int = 0
    links_since_snapshot: int = 0

    def to_state(self) -> dict[str, Any]:
        return {
            "format": STATE_VERSION,
            "grouper": self.grouper.to_state(),
            "scorer": self.scorer.to_state(),
            "stories": {str(k): v for k, v in self.stories.items()},
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Engine:
        if not state or state.get("format") != STATE_VERSION:
            return cls()
        return cls(
            grouper=StoryGrouper.from_state(state["grouper"]),
            scorer=RiskScorer.from_state(state["scorer"]),
            stories={int(k): v for k, v in state["stories"].items()},
        )


_ENGINES: dict[int, Engine] = {}


def forget_engines() -> None:
    """Drop every in-memory engine and lease decision (tests; a process that wants to start
    afresh)."""
    _ENGINES.clear()
    forget_given_away()


def record_of(mention: Mention) -> MentionRecord:
    """The mention as the grouper and the scorer see it."""
    analysis = mention.analysis or {}
    signals = []
    for signal in analysis.get("signals") or ():
        kind = signal.get("kind") or ""
        target = signal.get("target")
        if kind and kind != "needs_answer":
            signals.append(f"{kind}_{target}" if target else kind)
    engagement = mention.engagement or {}
    author = mention.author if mention.author_id else None
    return MentionRecord(
        id=str(mention.pk),
        text=expand(mention.text or ""),
        title=mention.title or None,
        url=mention.url or None,
        channel=mention.channel,
        source=str(mention.source_id),
        author=f"{mention.channel}|{author.handle}" if author else "",
        followers=author.followers if author else None,
        published_at=mention.published_at,
        lang=mention.language,
        is_complaint=bool(mention.is_complaint),
        severity=int(mention.severity or 0),
        signals=tuple(sorted(set(signals))),
        engagement=sum(
            int(v) for k, v in engagement.items() if k in {"likes", "shares", "replies"} and v
        ),
        parent_id=str(mention.parent_id) if mention.parent_id else None,
        is_brand=mention.is_from_brand,
    )


def _mentions_in_order(ids: Iterable[int]) -> Iterable[Mention]:
    ids = list(ids)
    for start in range(0, len(ids), REPLAY_CHUNK):
        chunk = ids[start : start + REPLAY_CHUNK]
        found = Mention.objects.select_related("author").in_bulk(chunk)
        yield from (found[i] for i in chunk if i in found)


def _load(state: StoryEngineState) -> Engine:
    """The brand's engine at the row's version: the cached one, or snapshot + replay."""
    cached = _ENGINES.get(state.brand_id)
    if cached is not None and cached.version == state.version:
        return cached
    engine = Engine.from_state(state.snapshot)
    links = list(
        StoryMention.objects.filter(story__brand_id=state.brand_id, pk__gt=state.snapshot_link_id)
        .order_by("pk")
        .values_list("pk", "mention_id", "story_id")
    )
    story_of_mention = {m: story for _, m, story in links}
    for mention in _mentions_in_order(m for _, m, _ in links):
        record = record_of(mention)
        assignment = engine.grouper.add(record)
        engine.scorer.observe(assignment.story_id, record, merged=assignment.merged)
        for other in assignment.merged:
            engine.stories.pop(other, None)
        # The link knows the row (after any later merge, the row it moved to).
        engine.stories[assignment.story_id] = story_of_mention[mention.pk]
    engine.last_link_id = links[-1][0] if links else state.snapshot_link_id
    engine.links_since_snapshot = len(links)
    engine.version = state.version
    return engine


@dataclass
class BatchResult:
    """What one batch did to a brand's stories: for alerts and tests."""

    linked: int = 0
    new_stories: list[int] = field(default_factory=list)
    changes: list[tuple[int, str, str, float, tuple[str, ...]]] = field(default_factory=list)


def track_stories(mentions: Sequence[Mention]) -> int:
    """After-store step: put each new mention in a story (or, when another process holds its
    brand, in that brand's backlog); returns how many were linked."""
    linked = 0
    ordered = sorted(mentions, key=lambda m: m.brand_id)
    for brand_id, group in groupby(ordered, key=lambda m: m.brand_id):
        items = list(group)
        if held_elsewhere(brand_id, *lease_of(brand_id)):
            _queue(brand_id, items)
        else:
            linked += track_brand_stories(brand_id, items).linked
    return linked


def track_backlogs() -> int:
    """Between batches: group the queued mentions of the brands this process holds, or whose
    holder's lease ran out (it died, or stopped); returns how many were linked."""
    linked = 0
    waiting = StoryBacklog.objects.values_list("brand_id", flat=True).distinct()
    for brand_id in sorted(set(waiting)):
        if not held_elsewhere(brand_id, *lease_of(brand_id)):
            linked += track_brand_stories(brand_id, []).linked
    return linked


def _queue(brand_id: int, mentions: Sequence[Mention]) -> None:
    StoryBacklog.objects.bulk_create(
        [StoryBacklog(mention_id=m.pk, brand_id=brand_id) for m in mentions],
        ignore_conflicts=True,
    )


@transaction.atomic
def track_brand_stories(brand_id: int, mentions: Sequence[Mention]) -> BatchResult:
    """Group one brand's new mentions, and those queued for it, holding the brand's engine row
    for the whole batch (or queue them, when another process holds the brand's lease)."""
    from sentinelle.stories.alerts import raise_alerts

    StoryEngineState.objects.get_or_create(brand_id=brand_id)
    state = StoryEngineState.objects.select_for_update().get(brand_id=brand_id)
    if held_elsewhere(brand_id, state.holder, state.held_until):  # taken since we looked
        _queue(brand_id, mentions)
        return BatchResult()
    engine = _load(state)
    # Out of the cache while it changes: an error half-way must not leave a half-fed engine.
    _ENGINES.pop(brand_id, None)
    queued = list(
        StoryBacklog.objects.filter(brand_id=brand_id)
        .order_by("mention_id")
        .values_list("mention_id", flat=True)[:BACKLOG_CHUNK]
    )
    if queued:
        StoryBacklog.objects.filter(mention_id__in=queued).delete()
    ids = [*queued, *(m.pk for m in mentions)]
    already = set(StoryMention.objects.filter(mention__in=ids).values_list("mention_id", flat=True))
    # Read back from the database, so a replay later sees exactly what this batch saw.
    fresh = sorted(
        Mention.objects.filter(pk__in=[pk for pk in ids if pk not in already])
        .filter(hidden_at__isnull=True)
        .select_related("author"),
        key=lambda m: (m.published_at, m.pk),
    )
    result = BatchResult()
    rows = Rows(engine, brand_id)
    touched: dict[int, list[MentionRecord]] = {}
    links: list[StoryMention] = []
    for mention in fresh:
        record = record_of(mention)
        assignment = engine.grouper.add(record)
        change = engine.scorer.observe(assignment.story_id, record, merged=assignment.merged)
        story_pk = rows.story_for(assignment, record)
        touched.setdefault(story_pk, []).append(record)
        links.append(
            StoryMention(
                story_id=story_pk,
                mention_id=mention.pk,
                reason=assignment.reason[:200],
                kind=assignment.kind[:12],
            )
        )
        if change is not None:
            result.changes.append(
                (story_pk, change.old.value, change.new.value, change.score, change.reasons)
            )
    if not links:
        _ENGINES[brand_id] = engine
        return result
    touched = _regroup(touched, rows.follow)
    by_key = {key: gid for gid, key in engine.stories.items()}
    for key, story in rows.pending.items():  # filled before their INSERT: no UPDATE after
        _fill(story, touched.pop(key), engine, by_key.get(key))
    rows.flush()
    for link in links:
        link.story_id = rows.follow(link.story_id)
    result.changes = [(rows.follow(c[0]), *c[1:]) for c in result.changes]
    result.new_stories = rows.new
    StoryMention.objects.bulk_create(links)
    result.linked = len(links)
    _update_stories(engine, touched)
    do_attach_cases_to_stories([link.mention_id for link in links])
    raise_alerts(brand_id, result.changes)
    _save(state, engine, len(links))
    return result


def _regroup(
    touched: dict[int, list[MentionRecord]], follow: Callable[[int], int]
) -> dict[int, list[MentionRecord]]:
    regrouped: dict[int, list[MentionRecord]] = {}
    for pk, records in touched.items():
        regrouped.setdefault(follow(pk), []).extend(records)
    return regrouped


def _fill(story: Story, records: list[MentionRecord], engine: Engine, gid: int | None) -> None:
    """Add the batch's mentions to the story's figures, and its level when the scorer has one."""
    if not story.titled_by_article and (articles := [r for r in records if r.title]):
        story.title = title_of(min(articles, key=lambda r: r.published_at))
        story.titled_by_article = True
    story.mention_count += len(records)
    story.complaint_count += sum(1 for r in records if r.is_complaint)
    story.channels = sorted(set(story.channels) | {r.channel for r in records})
    story.first_seen_at = min([story.first_seen_at, *(r.published_at for r in records)])
    story.last_seen_at = max([story.last_seen_at, *(r.published_at for r in records)])
    if gid is not None and gid in engine.scorer.tracks:
        _apply_level(story, engine, gid)


def _update_stories(engine: Engine, touched: dict[int, list[MentionRecord]]) -> None:
    by_pk = {pk: gid for gid, pk in engine.stories.items()}
    for story in Story.objects.filter(pk__in=list(touched)):
        _fill(story, touched[story.pk], engine, by_pk.get(story.pk))
        story.save(
            update_fields=[
                "mention_count",
                "complaint_count",
                "channels",
                "first_seen_at",
                "last_seen_at",
                "title",
                "titled_by_article",
                *LEVEL_FIELDS,
            ]
        )
        do_sync_story_risk(story.pk, story.risk_level)


def _apply_level(story: Story, engine: Engine, gid: int) -> None:
    track = engine.scorer.tracks[gid]
    level = str(track.level)
    if level != story.risk_level:
        story.level_changed_at = now()
    story.risk_level = level
    story.risk_score = round(float(track.score), 4)
    story.risk_reasons = list(track.reasons)[:12]
    if RISK_ORDER[level] > RISK_ORDER[story.peak_level]:
        story.peak_level = level


def _save(
    state: StoryEngineState,
    engine: Engine,
    added: int,
    *,
    hold: bool = True,
    snapshot: bool = False,
) -> None:
    """Write the new version (a random token: a rolled-back version never comes back, so a
    process never mistakes its copy for the database's) and, now and then, a snapshot; with
    `hold`, take or renew the brand's lease (a tick does not: it only looked); `snapshot`
    forces one (a split: replaying the links would not redo it)."""
    engine.version = secrets.randbits(62)
    engine.links_since_snapshot += added
    last = StoryMention.objects.filter(story__brand_id=state.brand_id).order_by("-pk").first()
    engine.last_link_id = last.pk if last else 0
    fields: dict[str, Any] = {"version": engine.version}
    if hold:
        fields["holder"] = HOLDER
        fields["held_until"] = timezone.now() + timedelta(seconds=settings.SENTINELLE_STORY_LEASE_S)
    stale = state.snapshot_at is None or now() - state.snapshot_at > timedelta(
        seconds=SNAPSHOT_EVERY_S
    )
    if snapshot or stale or engine.links_since_snapshot >= SNAPSHOT_EVERY_LINKS:
        fields.update(
            snapshot=engine.to_state(), snapshot_link_id=engine.last_link_id, snapshot_at=now()
        )
        engine.links_since_snapshot = 0
    StoryEngineState.objects.filter(pk=state.pk).update(**fields)
    _ENGINES[state.brand_id] = engine


def tick_stories(at: datetime | None = None, *, held_here: bool = False) -> int:
    """Let quiet stories fall back (levels fall only when someone looks); returns changes.
    A brand another process holds is its holder's to tick (`held_here`: only those this
    process holds, what a worker does between its batches)."""
    moment = at or now()
    changed = 0
    for brand_id, holder, until in StoryEngineState.objects.values_list(
        "brand_id", "holder", "held_until"
    ):
        if held_elsewhere(brand_id, holder, until) or (held_here and holder != HOLDER):
            continue
        changed += _tick_brand(brand_id, moment)
    return changed


@transaction.atomic
def _tick_brand(brand_id: int, moment: datetime) -> int:
    from sentinelle.stories.alerts import raise_alerts

    state = StoryEngineState.objects.select_for_update().get(brand_id=brand_id)
    engine = _load(state)
    _ENGINES.pop(brand_id, None)
    changes = engine.scorer.tick(moment)
    if not changes:
        _ENGINES[brand_id] = engine
        return 0
    rows = []
    for change in changes:
        pk = engine.stories.get(engine.grouper.resolve(change.story_id))
        if pk is None:
            continue
        story = Story.objects.get(pk=pk)
        _apply_level(story, engine, change.story_id)
        story.save(update_fields=LEVEL_FIELDS)
        rows.append((pk, change.old.value, change.new.value, change.score, change.reasons))
    raise_alerts(brand_id, rows)
    _save(state, engine, 0, hold=False)
    return len(rows)
