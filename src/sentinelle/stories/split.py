"""A lead splits a story (the mentions they chose are another incident, with its own story)
or merges two (the same incident, which grouping told apart).

The brand's engine row is locked as for a batch; the grouper moves the mentions to a new story
and keeps the two apart from then on (`stories.grouping.split`), the scorer counts both again,
the links and the cases that began with a moved mention follow, and a snapshot is written at
once: the links replayed by another process would not redo a split.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from sentinelle.cases.stories import do_move_cases_with_mentions, do_sync_story_risk
from sentinelle.core.clock import now
from sentinelle.listening.models import Mention
from sentinelle.stories.engine import (
    _ENGINES,
    Engine,
    _apply_level,
    _load,
    _mentions_in_order,
    _save,
    record_of,
)
from sentinelle.stories.grouping import MentionRecord
from sentinelle.stories.grouping.split import join, split
from sentinelle.stories.models import Story, StoryEngineState, StoryMention
from sentinelle.stories.rows import Rows, merge_rows, title_of


class SplitError(ValueError):
    """A split that cannot be made; the message is for the lead."""


def story_mentions_matching(story: Story, query: str, limit: int = 500) -> list[int]:
    """Ids of the story's mentions whose text or title holds every word of ``query``."""
    mentions = Mention.objects.filter(story_link__story=story)
    words = [w for w in query.split() if w][:8]
    if not words:
        return []
    for word in words:
        mentions = mentions.filter(text__icontains=word) | mentions.filter(title__icontains=word)
    return list(mentions.order_by("published_at", "pk").values_list("pk", flat=True)[:limit])


@transaction.atomic
def do_split_story(story: Story, mention_ids: Iterable[int], *, user: object) -> Story:
    """Moves the chosen mentions of ``story`` to a new story; returns the new story."""
    StoryEngineState.objects.get_or_create(brand_id=story.brand_id)
    state = StoryEngineState.objects.select_for_update().get(brand_id=story.brand_id)
    story = Story.objects.select_for_update().get(pk=story.pk)
    if story.merged_into_id:
        raise SplitError(_("This story was merged into another one: split that one."))
    links = list(
        StoryMention.objects.filter(story=story).order_by("pk").values_list("mention_id", flat=True)
    )
    chosen = set(mention_ids) & set(links)
    if not chosen:
        raise SplitError(_("Choose at least one mention of this story to split off."))
    if len(chosen) == len(links):
        raise SplitError(_("At least one mention must stay in the story."))
    engine = _load(state)
    _ENGINES.pop(story.brand_id, None)  # out of the cache while it changes
    moved: list[MentionRecord] = []
    kept: list[MentionRecord] = []
    for mention in _mentions_in_order(links):
        (moved if mention.pk in chosen else kept).append(record_of(mention))
    moved.sort(key=lambda r: (r.published_at, r.id))
    kept.sort(key=lambda r: (r.published_at, r.id))
    new = Story.objects.create(
        brand_id=story.brand_id,
        title="—",  # named in _refresh
        split_from=story,
        split_by=user,
        first_seen_at=moved[0].published_at,
        last_seen_at=moved[-1].published_at,
    )
    StoryMention.objects.filter(story=story, mention_id__in=chosen).update(
        story=new, kind="split", reason=f"split off story {story.pk}"[:200]
    )
    gid = next((g for g, pk in engine.stories.items() if pk == story.pk), None)
    if gid is not None and engine.grouper.resolve(gid) in engine.grouper.stories:
        gid = engine.grouper.resolve(gid)
        new_gid = split(engine.grouper, gid, moved, kept)
        engine.stories[new_gid] = new.pk
        new.engine_id = new_gid
        moment = now().timestamp()
        engine.scorer.rebuild(gid, kept, moment)
        engine.scorer.rebuild(new_gid, moved, moment)
    _refresh(story, kept, engine, gid)
    _refresh(new, moved, engine, new.engine_id)
    do_move_cases_with_mentions(story.pk, new.pk, sorted(chosen))
    for row in (story, new):
        do_sync_story_risk(row.pk, row.risk_level)
    _save(state, engine, 0, hold=False, snapshot=True)
    return new


def _named_by(records: Sequence[MentionRecord]) -> MentionRecord:
    """The mention a story is named after: its first article, else its first mention."""
    return next((r for r in records if r.title), records[0])


def _refresh(
    story: Story, records: Sequence[MentionRecord], engine: Engine, gid: int | None
) -> None:
    """The story's figures from its mentions, and its level from the scorer when it has one."""
    story.mention_count = len(records)
    story.complaint_count = sum(1 for r in records if r.is_complaint)
    story.channels = sorted({r.channel for r in records})
    story.first_seen_at = records[0].published_at
    story.last_seen_at = records[-1].published_at
    named = _named_by(records)  # as the engine names a story: its first article
    story.title, story.titled_by_article = title_of(named), bool(named.title)
    if gid is not None and gid in engine.scorer.tracks:
        _apply_level(story, engine, gid)
    story.save()


def merge_candidates(story: Story, limit: int = 50) -> list[Story]:
    """The brand's other recent stories a lead may merge into this one."""
    return list(
        Story.objects.filter(brand_id=story.brand_id, merged_into__isnull=True)
        .exclude(pk=story.pk)
        .order_by("-last_seen_at")[:limit]
    )


@transaction.atomic
def do_merge_stories(story: Story, other: Story, *, user: object) -> Story:
    """Moves everything of ``other`` into ``story`` (links, cases, alerts, statements); the
    engine groups them as one from then on (a split between them is undone)."""
    from sentinelle.stories.alerts import raise_alerts

    StoryEngineState.objects.get_or_create(brand_id=story.brand_id)
    state = StoryEngineState.objects.select_for_update().get(brand_id=story.brand_id)
    rows = {
        s.pk: s
        for s in Story.objects.select_for_update().filter(
            pk__in=[story.pk, other.pk], brand_id=story.brand_id
        )
    }
    if other.pk == story.pk or len(rows) != 2:
        raise SplitError(_("Choose another story of this brand to merge into this one."))
    story, other = rows[story.pk], rows[other.pk]
    if story.merged_into_id or other.merged_into_id:
        raise SplitError(_("One of these stories was already merged into another one."))
    engine = _load(state)
    _ENGINES.pop(story.brand_id, None)  # out of the cache while it changes
    by_pk = {pk: gid for gid, pk in engine.stories.items()}
    into, gone = by_pk.get(story.pk), by_pk.get(other.pk)
    change = None
    grouper = engine.grouper
    if into is not None and gone is not None:
        known = {grouper.resolve(into), grouper.resolve(gone)} <= set(grouper.stories)
        if known:
            join(grouper, into, gone)
            change = engine.scorer.merge(into, gone, now().timestamp())
        Rows(engine, story.brand_id).merge(into, gone)
    else:
        if gone is not None:
            engine.stories.pop(gone, None)
        merge_rows(story.pk, other.pk)
    Story.objects.filter(pk=other.pk).update(merged_by=user)
    story.refresh_from_db()
    story.channels = sorted(set(story.channels) | set(other.channels))
    story.first_seen_at = min(story.first_seen_at, other.first_seen_at)
    story.last_seen_at = max(story.last_seen_at, other.last_seen_at)
    if into is not None and into in engine.scorer.tracks:
        _apply_level(story, engine, into)
    story.save()
    do_sync_story_risk(story.pk, story.risk_level)
    if change is not None:
        raise_alerts(
            story.brand_id,
            [(story.pk, change.old.value, change.new.value, change.score, change.reasons)],
        )
    _save(state, engine, 0, hold=False, snapshot=True)
    return story
