"""Incremental story grouping: each mention joins a recent story or starts one, with a reason."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, Self

from sentinelle.stories.grouping.index import DupIndex, Story, TermStats
from sentinelle.stories.grouping.records import MentionRecord
from sentinelle.stories.grouping.textfeat import clean, features
from sentinelle.stories.grouping.urls import canonical_url, is_homepage

STATE_VERSION = 1
HOUR = 3600.0


@dataclass(frozen=True, slots=True)
class GrouperConfig:
    """Knobs, chosen a priori then checked on the incident replays."""

    dup_distance: int = 6  # SimHash bits; bands only guarantee finding ≤ 3, most up to 6 are found
    text_threshold: float = 0.4  # cosine to a story's centroid
    text_min_shared: int = 2  # rare terms in common, so one shared word never decides
    text_window_h: float = 48.0  # a story without a mention for this long is dormant for text
    link_window_h: float = 168.0  # ... and for links and near-duplicates
    retention_h: float = 336.0  # forgotten after this (the app keeps stories in its database)
    max_posting: int = 400  # a term in more live stories than this does not find candidates
    max_candidates: int = 24
    probe_terms: int = 16  # rarest terms of a mention looked up in the inverted index
    hub_link_stories: int = 3  # a link already in this many stories is a hub, not evidence
    centroid_terms: int = 96
    owned_min: float = 3.0  # a story owns a term used ≥ 3 times, in ≥ half of all its uses
    owned_threshold: float = 0.5
    sweep_every: int = 5000

    def to_state(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where one mention went and why; ``merged`` lists stories folded into ``story_id``."""

    mention_id: str
    story_id: int
    is_new: bool
    kind: str  # parent, duplicate, link, text, new
    reason: str
    score: float = 1.0
    merged: tuple[int, ...] = field(default=())


class StoryGrouper:
    """Feed mentions in (roughly) time order with ``add`` or ``add_many``."""

    def __init__(self, config: GrouperConfig | None = None) -> None:
        self.config = config or GrouperConfig()
        self.stories: dict[int, Story] = {}
        self.alias: dict[int, int] = {}  # merged story → the story it went into
        self.terms = TermStats()
        self.postings: dict[str, dict[int, float]] = {}  # term → story → last epoch
        self.dups = DupIndex()
        self.links: dict[str, list[Any]] = {}  # canonical link → [story ids, last epoch]
        self.parents: dict[str, list[Any]] = {}  # mention id → [story id, epoch]
        self.next_id = 1
        self.added = 0
        self.now = 0.0

    # -- public ----------------------------------------------------------------------------
    def add_many(self, records: Iterable[MentionRecord]) -> list[Assignment]:
        return [self.add(r) for r in records]

    def story_of(self, mention_id: str) -> int | None:
        """The story a recent mention is in (after merges)."""
        hit = self.parents.get(mention_id)
        return self.resolve(hit[0]) if hit else None

    def resolve(self, story_id: int) -> int:
        while story_id in self.alias:
            story_id = self.alias[story_id]
        return story_id

    def add(self, record: MentionRecord) -> Assignment:
        cfg = self.config
        t = record.epoch
        self.now = max(self.now, t)
        feats = features(record)
        own = canonical_url(record.url) if record.url else None
        links = [u for u in (*feats.links, own) if u and not is_homepage(u)]
        decision = self._decide(record, feats.simhash, links, feats.terms, t)
        story_id, merged = decision.story_id, decision.merged
        if decision.is_new:
            story_id = self.next_id
            self.next_id += 1
            title = (record.title or clean(record.text)).strip().replace("\n", " ")[:80]
            self.stories[story_id] = Story(story_id, title, t, t)
            decision = Assignment(record.id, story_id, True, "new", decision.reason, 1.0)
        for other in merged:
            self._merge(story_id, other)
        # Replies are chat ("me too", "lol"): they would blur the centroid of the story's posts.
        terms = {} if decision.kind == "parent" else feats.terms
        self._remember(story_id, record, feats.simhash, links, terms, t)
        self.added += 1
        if self.added % cfg.sweep_every == 0:
            self.sweep()
        return decision

    # -- deciding --------------------------------------------------------------------------
    def _decide(
        self,
        record: MentionRecord,
        simhash: int | None,
        links: list[str],
        terms: dict[str, float],
        t: float,
    ) -> Assignment:
        cfg = self.config
        mid = record.id
        parent = self.parents.get(record.parent_id) if record.parent_id else None
        if parent is not None and parent[1] >= t - cfg.retention_h * HOUR:
            sid = self.resolve(parent[0])
            if sid in self.stories:
                return Assignment(
                    mid, sid, False, "parent", f"reply to {record.parent_id} (#{sid})"
                )
        strong: dict[int, str] = {}
        since = t - cfg.link_window_h * HOUR
        if simhash is not None:
            for d, sid, other in self.dups.near(simhash, since, cfg.dup_distance):
                sid = self.resolve(sid)
                if sid in self.stories and sid not in strong:
                    strong[sid] = f"near-duplicate of {other} (#{sid}, SimHash distance {d})"
        for link in links:
            hit = self.links.get(link)
            if hit is None or hit[1] < since or len(hit[0]) >= cfg.hub_link_stories:
                continue
            for sid in {self.resolve(s) for s in hit[0]}:
                if sid in self.stories and sid not in strong:
                    strong[sid] = f"shares the link {link}"
        if strong:
            # The biggest story absorbs the others: this mention shows they are one incident.
            order = sorted(strong, key=lambda s: (-self.stories[s].n, s))
            target, rest = order[0], tuple(order[1:])
            reason = strong[target]
            if rest:
                reason += "; merges " + ", ".join(f"#{s} ({strong[s]})" for s in rest)
            kind = "duplicate" if reason.startswith("near") else "link"
            return Assignment(mid, target, False, kind, reason, 1.0, rest)
        best = self._similar(terms, t)
        if best is not None:
            sid, cos, how = best
            title = self.stories[sid].title[:40]
            reason = f"similar text to story '{title}' ({how}) within {cfg.text_window_h:g} h"
            return Assignment(mid, sid, False, "text", reason, round(cos, 4))
        reason = "new story: no near-duplicate, shared link or similar recent story"
        return Assignment(mid, 0, True, "new", reason, 1.0)

    def _similar(self, terms: dict[str, float], t: float) -> tuple[int, float, str] | None:
        cfg = self.config
        since = t - cfg.text_window_h * HOUR
        weights: dict[str, float] = {}
        query: dict[str, float] = {}  # w·idf², so that the dot product needs no more logs
        shared: dict[int, int] = {}
        rare: list[tuple[int, str]] = []
        for term, w in terms.items():
            idf = self.terms.idf(term)
            weights[term] = w * idf
            query[term] = w * idf * idf
            rare.append((self.terms.df.get(term, 0), term))
        # The rarest terms find the candidates; a word in many live stories finds nothing useful.
        for _, term in sorted(rare)[: cfg.probe_terms]:
            posting = self.postings.get(term, {})
            if len(posting) > cfg.max_posting:
                continue
            for sid, last in posting.items():
                if last >= since:
                    sid = self.resolve(sid)
                    shared[sid] = shared.get(sid, 0) + 1
        candidates = sorted(
            (s for s, k in shared.items() if k >= cfg.text_min_shared and s in self.stories),
            key=lambda s: (-shared[s], s),
        )[: cfg.max_candidates]
        if not candidates:
            return None
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        total = sum(weights.values()) or 1.0
        df = self.terms.df
        best: tuple[int, float, str] | None = None
        for sid in candidates:
            story = self.stories[sid]
            counts = story.counts
            dot = sum(q * counts.get(term, 0.0) for term, q in query.items())
            cos = dot / (norm * (story.norm or 1.0))
            # The share of the mention's weight in terms this story owns (most of their uses).
            owned = [
                (term, w)
                for term, w in weights.items()
                if counts.get(term, 0.0) >= cfg.owned_min and counts[term] >= 0.5 * df[term]
            ]
            share = sum(w for _, w in owned) / total if len(owned) >= 2 else 0.0
            if cos >= cfg.text_threshold or share >= cfg.owned_threshold:
                score = max(cos, share)
                if best is None or score > best[1]:
                    how = f"{cos:.2f}" if cos >= share else f"owns {share:.0%} of its terms"
                    best = (sid, score, how)
        return best

    # -- remembering -----------------------------------------------------------------------
    def _remember(
        self,
        sid: int,
        record: MentionRecord,
        simhash: int | None,
        links: list[str],
        terms: dict[str, float],
        t: float,
    ) -> None:
        story = self.stories[sid]
        story.n += 1
        story.first, story.last = min(story.first, t), max(story.last, t)
        self.terms.add(terms)
        counts = story.counts
        for term in terms:
            counts[term] = counts.get(term, 0.0) + 1.0
            self.postings.setdefault(term, {})[sid] = t
        self._refresh(story)
        if simhash is not None:
            self.dups.add(simhash, sid, t, record.id)
        for link in links:
            hit = self.links.setdefault(link, [[], t])
            if sid not in hit[0]:
                hit[0].append(sid)
            hit[1] = max(hit[1], t)
        self.parents[record.id] = [sid, t]

    def _refresh(self, story: Story) -> None:
        """Trim the centroid to its heaviest terms and recompute its norm with today's IDF."""
        idf = self.terms.idf
        keep = self.config.centroid_terms
        if len(story.counts) > 2 * keep:
            ranked = sorted(story.counts.items(), key=lambda kv: (-kv[1] * idf(kv[0]), kv[0]))
            story.counts = dict(ranked[:keep])
        story.norm = math.sqrt(sum((c * idf(term)) ** 2 for term, c in story.counts.items()))

    def _merge(self, into: int, other: int) -> None:
        a, b = self.stories[into], self.stories.pop(other)
        a.n += b.n
        a.first, a.last = min(a.first, b.first), max(a.last, b.last)
        for term, c in b.counts.items():
            a.counts[term] = a.counts.get(term, 0.0) + c
            self.postings.setdefault(term, {})[into] = a.last
        self.alias[other] = into
        self._refresh(a)

    def sweep(self) -> None:
        """Forget what is too old to be evidence: keeps the indexes small over months."""
        cfg = self.config
        text_since = self.now - cfg.text_window_h * HOUR
        link_since = self.now - cfg.link_window_h * HOUR
        keep_since = self.now - cfg.retention_h * HOUR
        self.postings = {
            term: kept
            for term, posting in self.postings.items()
            if (kept := {s: ts for s, ts in posting.items() if ts >= text_since})
        }
        self.dups.sweep(link_since)
        self.links = {k: v for k, v in self.links.items() if v[1] >= link_since}
        self.parents = {k: v for k, v in self.parents.items() if v[1] >= keep_since}
        self.stories = {k: s for k, s in self.stories.items() if s.last >= keep_since}
        self.alias = {k: v for k, v in self.alias.items() if self.resolve(v) in self.stories}

    # -- state -----------------------------------------------------------------------------
    def to_state(self) -> dict[str, Any]:
        """JSON-serialisable; ``from_state`` of it makes the same decisions from then on."""
        return {
            "version": STATE_VERSION,
            "config": self.config.to_state(),
            "stories": [s.to_state() for s in self.stories.values()],
            "alias": [[k, v] for k, v in self.alias.items()],
            "df": self.terms.df,
            "docs": self.terms.docs,
            "postings": {t: [[s, ts] for s, ts in p.items()] for t, p in self.postings.items()},
            "dups": self.dups.to_state(),
            "links": self.links,
            "parents": self.parents,
            "next_id": self.next_id,
            "added": self.added,
            "now": self.now,
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Self:
        if state.get("version") != STATE_VERSION:
            raise ValueError(f"unknown grouper state version {state.get('version')}")
        self = cls(GrouperConfig(**state["config"]))
        self.stories = {s[0]: Story.from_state(s) for s in state["stories"]}
        self.alias = dict(state["alias"])
        self.terms.df = dict(state["df"])
        self.terms.docs = state["docs"]
        self.postings = {t: dict(p) for t, p in state["postings"].items()}
        self.dups = DupIndex.from_state(state["dups"])
        self.links = {k: [list(v[0]), v[1]] for k, v in state["links"].items()}
        self.parents = {k: list(v) for k, v in state["parents"].items()}
        self.next_id, self.added, self.now = state["next_id"], state["added"], state["now"]
        return self
