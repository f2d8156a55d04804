"""A story split by a person: some of its mentions are another incident.

Grouping decides as mentions arrive, on the evidence it has; a lead who reads a story can see
that part of it is something else (two outages the same evening, a rebate complaint that is
one customer's own story). ``split`` moves those mentions to a new story, rebuilds both
stories' vocabularies and attention from their mentions, and keeps the two apart: no later
near-duplicate, link or similar text merges them again, while replies still follow their
parent into the story it is in now.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sentinelle.stories.grouping.index import Story
from sentinelle.stories.grouping.records import MentionRecord
from sentinelle.stories.grouping.textfeat import clean, features
from sentinelle.stories.grouping.urls import host_of

if TYPE_CHECKING:
    from sentinelle.stories.grouping.cluster import StoryGrouper

HOUR = 3600.0


def split(
    grouper: StoryGrouper,
    story_id: int,
    moved: Sequence[MentionRecord],
    kept: Sequence[MentionRecord],
) -> int:
    """Moves ``moved`` out of story ``story_id`` (whose other mentions are ``kept``) into a new
    story; returns the new story's id. Both stories are rebuilt from their mentions."""
    sid = grouper.resolve(story_id)
    if sid not in grouper.stories:
        raise KeyError(f"story {story_id} is not among the grouper's recent stories")
    if not moved:
        raise ValueError("a split needs at least one mention to move")
    if not kept:
        raise ValueError("a split must leave at least one mention in the story")
    new = grouper.next_id
    grouper.next_id += 1
    first = min(moved, key=lambda r: r.epoch)
    title = (first.title or clean(first.text)).strip().replace("\n", " ")[:80]
    grouper.stories[new] = Story(new, title, first.epoch, first.epoch, heat_t=first.epoch)
    old_keys = _rebuild(grouper, sid, kept)
    moved_keys = _rebuild(grouper, new, moved)
    moved_ids = {r.id for r in moved}
    for mention_id in moved_ids:
        if mention_id in grouper.parents:
            grouper.parents[mention_id][0] = new
    seen: set[int] = set()
    for entries in grouper.dups.buckets.values():
        for entry in entries:
            if entry[3] in moved_ids and id(entry) not in seen:
                seen.add(id(entry))
                entry[1] = new
    # A link or reference goes with the part that holds most of its uses (both on a tie):
    # a roundup that linked two incidents must not keep drawing one's mentions to the other.
    for key in set(old_keys) | set(moved_keys):
        ours, theirs = old_keys.get(key, 0), moved_keys.get(key, 0)
        owners = ([sid] if ours >= theirs else []) + ([new] if theirs >= ours else [])
        for index in (grouper.links, grouper.pages):
            hit = index.get(key)
            if hit is not None:
                rest = [s for s in hit[0] if grouper.resolve(s) != sid and s != new]
                hit[0] = list(dict.fromkeys([*rest, *owners]))
    grouper.apart.setdefault(sid, set()).add(new)
    grouper.apart.setdefault(new, set()).add(sid)
    return new


def join(grouper: StoryGrouper, into: int, other: int) -> int:
    """A person merged story ``other`` into ``into`` (stories grouping kept apart, or a
    fragment it missed); returns the story both are now. A split between them is undone."""
    into, other = grouper.resolve(into), grouper.resolve(other)
    for sid in (into, other):
        if sid not in grouper.stories:
            raise KeyError(f"story {sid} is not among the grouper's recent stories")
    if into == other:
        return into
    grouper.apart.get(into, set()).discard(other)
    grouper.apart.get(other, set()).discard(into)
    grouper._merge(into, other)
    return into


def _rebuild(grouper: StoryGrouper, sid: int, records: Sequence[MentionRecord]) -> dict[str, int]:
    """The story's counts, size, span, attention and sites from its mentions; how many of
    them hold each key."""
    cfg = grouper.config
    tau = cfg.attention_h * HOUR
    story = grouper.stories[sid]
    story.n = story.docs = 0
    story.counts, story.hosts = {}, []
    story.heat = 0.0
    ordered = sorted(records, key=lambda r: (r.epoch, r.id))
    story.first, story.last = ordered[0].epoch, ordered[-1].epoch
    story.heat_t = story.first
    keys: dict[str, int] = {}
    for record in ordered:
        t = record.epoch
        feats = features(record)
        story.n += 1
        story.warm(t, tau)
        record_keys = grouper.keys_of(record, feats)
        for key in {*record_keys, *([feats.page] if feats.page else [])}:
            keys[key] = keys.get(key, 0) + 1
        for key in record_keys:
            host = host_of(key) if key[0] not in "#!" else ""
            if host and host not in story.hosts:
                story.hosts.append(host)
        terms = {} if record.is_brand and record.parent_id else feats.terms
        if not terms:
            continue
        story.docs += 1
        share = min(1.0, cfg.usual_terms / max(1, len(terms)))
        for term in terms:
            story.counts[term] = story.counts.get(term, 0.0) + share
            posting = grouper.postings.setdefault(term, {})
            posting[sid] = max(posting.get(sid, t), t)
    if len(story.counts) > 2 * cfg.vocab_terms:
        grouper._trim(story)
    return keys
