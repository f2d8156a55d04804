"""Incremental story grouping: each mention joins a recent story or starts one, with a reason.

Evidence, strongest first:

1. a reply joins the story of the post it answers, unless it links to a site its thread never
   linked (spam under a post is about something else);
2. a near-duplicate, a shared link, a comment on a linked page, a shared order number or, for a
   safety report, an uncommon part named in another safety report joins that story, and a
   mention that ties two stories this way merges them;
3. otherwise its words decide (``evidence``): the log-odds that it continues story S rather
   than starting a new one are log(heat(S) / heat(all mentions)) plus the evidence of the words
   S owns. heat is a decaying count of recent mentions, so the first term is S's share of
   recent traffic: a hot story is a likely home, a dormant one is not. When the mention uses a
   word that is suddenly far more frequent than usual (``burst``), S's share of that word's
   uses is the prior instead, if larger: a fresh incident is small but owns its words;
4. each time a story doubles (a big one: each time it grows by a sixteenth) it takes in the
   smaller recent stories that would now join it (``merge``): early in a storm, its first
   mentions arrive before its words are known.

A story's share of all mentions is no evidence of what it is about: a word counts for it only
for the share of the word's uses it holds beyond that (``evidence``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, Self

from sentinelle.stories.grouping.burst import TermHeat, bursting, bursting_share
from sentinelle.stories.grouping.evidence import owned_evidence, weigh
from sentinelle.stories.grouping.index import DupIndex, Story, TermStats
from sentinelle.stories.grouping.merge import consolidate, consolidation_due
from sentinelle.stories.grouping.records import MentionRecord
from sentinelle.stories.grouping.textfeat import Features, clean, features
from sentinelle.stories.grouping.urls import host_of, is_homepage

STATE_VERSION = 3
HOUR = 3600.0
NEW = 0  # the story id of "a new story" before it has one


@dataclass(frozen=True, slots=True)
class GrouperConfig:
    """Knobs, chosen a priori then checked on the incident replays."""

    dup_distance: int = 6  # SimHash bits; bands only guarantee finding ≤ 3, most up to 6 are found
    dup_window_h: float = 48.0  # near-duplicates further apart are templates, not one story
    link_window_h: float = 168.0  # a link or an order number is evidence this long
    text_window_h: float = 168.0  # a story silent for this long is no text candidate any more
    retention_h: float = 336.0  # forgotten after this (the app keeps stories in its database)
    attention_h: float = 12.0  # time constant of heat, the decaying count of recent mentions
    own_neutral: float = 0.2  # θ: holding this share of a word's uses is neither for nor against
    own_smoothing: float = 1.0  # uses added to a word's count, so one use is not ownership
    safety_part_share: float = 0.05  # safety reports are tied by words rarer than this share
    usual_terms: int = 12  # a mention's words count fully up to this many, proportionally beyond
    name_weight: float = 1.0  # a product or model name ("Bastion U") weighs as two words
    burst_ratio: float = 3.0  # a word used this many times more than usual lately is bursting
    burst_heat: float = 0.5  # ... and used lately at all (heat: a use 8 hours ago weighs 0.5)
    join_margin: float = 0.0  # log-odds a mention needs to join a story rather than start one
    merge_margin: float = 10.0  # ... and that two stories both need for the mention to merge them
    consolidate_from: int = 8  # a story this big, each time it doubles, takes in the smaller
    # recent stories that would join it now
    share_floor: float = 100.0  # a story's share of all mentions is counted among at least
    # this many: the first stories of a quiet stream do not own every word
    max_posting: int = 400  # a term in more live stories than this does not find candidates
    max_candidates: int = 24
    probe_terms: int = 16  # rarest terms of a mention looked up in the inverted index
    hub_link_stories: int = 3  # a link already in this many stories is a hub, not evidence
    vocab_terms: int = 400  # terms a story keeps, the most telling ones
    sweep_every: int = 5000

    def to_state(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where one mention went and why; ``merged`` lists stories folded into ``story_id``."""

    mention_id: str
    story_id: int
    is_new: bool
    kind: str  # parent, duplicate, link, reference, safety, text, new
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
        self.links: dict[str, list[Any]] = {}  # canonical link or reference → [story ids, epoch]
        self.pages: dict[str, list[Any]] = {}  # page commented on → [story ids, epoch]
        self.parents: dict[str, list[Any]] = {}  # mention id → [story id, epoch]
        self.apart: dict[int, set[int]] = {}  # stories a person split: never merged again
        self.recent = TermHeat(self.config.attention_h * HOUR)  # recent uses of each term
        self.stream = 0.0  # heat of all mentions
        self.stream_t = 0.0
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

    def kept_apart(self, a: int, b: int) -> bool:
        """Whether a person split these stories (``split``): evidence never merges them."""
        a, b = self.resolve(a), self.resolve(b)
        return b in self.apart.get(a, ())

    def keys_of(self, record: MentionRecord, feats: Features) -> list[str]:
        """The links, references and safety parts that tie the mention to others."""
        links = [u for u in dict.fromkeys((*feats.links, feats.own)) if u and not is_homepage(u)]
        return links + [f"#{ref}" for ref in feats.refs] + self._safety_keys(record, feats)

    def add(self, record: MentionRecord) -> Assignment:
        cfg = self.config
        t = record.epoch
        self.now = max(self.now, t)
        feats = features(record)
        keys = self.keys_of(record, feats)
        decision, keys, page = self._decide(record, feats, keys, t)
        story_id, merged = decision.story_id, decision.merged
        if decision.is_new:
            story_id = self.next_id
            self.next_id += 1
            title = (record.title or clean(record.text)).strip().replace("\n", " ")[:80]
            self.stories[story_id] = Story(story_id, title, t, t, heat_t=t)
            decision = Assignment(record.id, story_id, True, "new", decision.reason, 1.0)
        for other in merged:
            self._merge(story_id, other)
        terms, simhash = feats.terms, feats.simhash
        if record.is_brand and decision.kind == "parent":
            # The brand answers every thread with the same help links, agent names and phrases:
            # they would tie unrelated threads together.
            keys, terms, simhash = [], {}, None
        self._remember(story_id, record, simhash, keys, terms, t)
        if page:
            self._index(self.pages, page, story_id, t)
        docs = self.stories[story_id].docs
        if terms and consolidation_due(docs, cfg.consolidate_from):
            more = consolidate(self, story_id, t)
            if more:
                decision = Assignment(
                    record.id,
                    story_id,
                    decision.is_new,
                    decision.kind,
                    f"{decision.reason}; then took in "
                    + ", ".join(f"#{s}" for s in more)
                    + ", smaller stories with the words it owns",
                    decision.score,
                    tuple(dict.fromkeys((*decision.merged, *more))),
                )
        self.stream = self._decayed(self.stream, self.stream_t, t) + 1.0
        self.stream_t = max(self.stream_t, t)
        self.added += 1
        if self.added % cfg.sweep_every == 0:
            self.sweep()
        return decision

    def _safety_keys(self, record: MentionRecord, feats: Features) -> list[str]:
        """Safety reports naming the same uncommon part are one story (how recalls begin).

        Each fire or injury report usually stands alone, told differently, days apart; what
        ties them is the part they name ("batterie", "charger"), not a link or a phrase.
        """
        if "safety" not in record.signals:
            return []
        df, docs = self.terms.df, max(1.0, self.terms.docs)
        return [
            f"!{term}"
            for term in feats.terms
            if term[0] != "="
            and not term.isdigit()
            and len(term) >= 4
            and df.get(term, 0.0) / docs <= self.config.safety_part_share
        ]

    # -- deciding --------------------------------------------------------------------------
    def _decide(
        self, record: MentionRecord, feats: Features, keys: list[str], t: float
    ) -> tuple[Assignment, list[str], str | None]:
        """Where the mention goes, with the keys and the page it is evidence of.

        A reply that links to a site its thread never linked (spam under a post) says nothing
        about the page it sits on: remembering its own link or page would tie that page to the
        spam's story.
        """
        cfg = self.config
        mid = record.id
        parent = self.parents.get(record.parent_id) if record.parent_id else None
        aside = ""
        if parent is not None and parent[1] >= t - cfg.retention_h * HOUR:
            sid = self.resolve(parent[0])
            if sid in self.stories:
                other_site = self._aside(record, self.stories[sid], feats)
                if not other_site:
                    why = f"reply to {record.parent_id} (#{sid})"
                    return Assignment(mid, sid, False, "parent", why), keys, feats.page
                aside = f"reply to {record.parent_id} (#{sid}) but links to {other_site}: "
                # Its own link is the thread's page: no evidence of what the reply is about.
                keys = [k for k in keys if k[0] in "#!" or k in feats.links]
        page = None if aside else feats.page
        strong = self._strong(feats.simhash, keys, page, t)
        if strong:
            # The biggest story absorbs the others: this mention shows they are one incident.
            order = sorted(strong, key=lambda s: (-self.stories[s].n, s))
            target = order[0]
            rest = tuple(s for s in order[1:] if not self.kept_apart(target, s))
            kind, reason = strong[target]
            if rest:
                reason += "; merges " + ", ".join(f"#{s} ({strong[s][1]})" for s in rest)
            return Assignment(mid, target, False, kind, aside + reason, 1.0, rest), keys, page
        scored = self._similar(feats.terms, t)
        if scored and scored[0][1] > cfg.join_margin:
            sid, odds, how = scored[0]
            rest = tuple(
                s
                for s, o, _ in scored[1:]
                if odds >= cfg.merge_margin
                and o >= cfg.merge_margin
                and not self.kept_apart(sid, s)
            )
            title = self.stories[sid].title[:40]
            reason = f"{aside}similar text to story '{title}' ({how})"
            if rest:
                reason += "; merges " + ", ".join(f"#{s}" for s in rest) + ", as similar"
            return Assignment(mid, sid, False, "text", reason, round(odds, 3), rest), keys, page
        reason = "new story: no near-duplicate, shared link or similar recent story"
        return Assignment(mid, NEW, True, "new", aside + reason, 1.0), keys, page

    def _aside(self, record: MentionRecord, story: Story, feats: Features) -> str:
        """The site a reply links to that its thread never did (spam under a post), or ""."""
        if record.is_brand:
            return ""
        for link in feats.links:
            host = host_of(link)
            if host not in story.hosts:
                return host
        return ""

    def _strong(
        self, simhash: int | None, keys: list[str], page: str | None, t: float
    ) -> dict[int, tuple[str, str]]:
        """Stories tied to the mention by a near-duplicate, a link or a reference.

        A comment on a page (a video) goes with the stories that link to that page or are it,
        and a post that links to a page gathers the comments on it. Two comments on the same
        page are not tied by it: a brand's own channel gathers comments on everything.
        """
        cfg = self.config
        strong: dict[int, tuple[str, str]] = {}
        if simhash is not None:
            since = t - cfg.dup_window_h * HOUR
            for d, sid, other in self.dups.near(simhash, since, cfg.dup_distance):
                sid = self.resolve(sid)
                if sid in self.stories and sid not in strong:
                    why = f"near-duplicate of {other} (#{sid}, SimHash distance {d})"
                    strong[sid] = ("duplicate", why)
        since = t - cfg.link_window_h * HOUR
        lookups = [(key, self.links) for key in keys]
        lookups += [(key, self.pages) for key in keys if key[0] not in "#!"]
        if page:
            lookups.append((page, self.links))
        for key, index in lookups:
            hit = index.get(key)
            if hit is None or hit[1] < since or len(hit[0]) >= cfg.hub_link_stories:
                continue
            for sid in {self.resolve(s) for s in hit[0]}:
                if sid in self.stories and sid not in strong:
                    if key.startswith("#"):
                        strong[sid] = ("reference", f"same order or case number {key[1:]}")
                    elif key.startswith("!"):
                        strong[sid] = ("safety", f"safety report naming '{key[1:]}' too")
                    elif index is self.pages:
                        strong[sid] = ("link", f"comments on the linked page {key}")
                    elif key == page:
                        strong[sid] = ("link", f"comment on the page {key}, linked in #{sid}")
                    else:
                        strong[sid] = ("link", f"shares the link {key}")
        return strong

    def _similar(self, terms: dict[str, float], t: float) -> list[tuple[int, float, str]]:
        """Candidate stories with the log-odds of joining each, best first."""
        cfg = self.config
        since = t - cfg.text_window_h * HOUR
        df = self.terms.df
        shared: dict[int, int] = {}
        # The rarest terms find the candidates; a word in many live stories finds nothing useful.
        for term in sorted(terms, key=lambda w: (df.get(w, 0.0), w))[: cfg.probe_terms]:
            posting = self.postings.get(term)
            if not posting or len(posting) > cfg.max_posting:
                continue
            for sid, last in posting.items():
                if last >= since:
                    shared[sid] = shared.get(sid, 0) + 1
        if not shared:
            return []
        merged: dict[int, int] = {}
        for sid, k in shared.items():
            sid = self.resolve(sid)
            if sid in self.stories:
                merged[sid] = merged.get(sid, 0) + k
        candidates = sorted(merged, key=lambda s: (-merged[s], s))[: cfg.max_candidates]
        stream = max(1.0, self._decayed(self.stream, self.stream_t, t))
        words = weigh(terms, self.terms, cfg.usual_terms, cfg.own_neutral, None, cfg.name_weight)
        usual = (self.terms.df, self.terms.docs, stream)
        bursts = bursting(terms, self.recent, usual, t, cfg.burst_ratio, cfg.burst_heat)
        out = []
        for sid in candidates:
            story = self.stories[sid]
            heat = story.heat_at(t, cfg.attention_h * HOUR)
            if heat <= 0:
                continue
            share = story.docs / max(cfg.share_floor, self.terms.docs)
            evidence, top = owned_evidence(story, words, cfg.own_smoothing, cfg.own_neutral, share)
            # The prior: its share of recent mentions or, when larger, of the uses of a word
            # of the mention that is bursting (``burst``).
            own, burst = bursting_share(story.counts, bursts, cfg.own_smoothing)
            burst = burst if own > heat / stream else ""
            odds = evidence + math.log(own if burst else heat / stream)
            how = (
                f"log-odds {odds:+.1f}: owns {', '.join(top) or 'none of its words'}; "
                f"{heat / stream:.0%} of recent mentions"
                + (f", holds the bursting word '{burst}'" if burst else "")
            )
            out.append((sid, odds, how))
        out.sort(key=lambda x: (-x[1], x[0]))
        return out

    # -- remembering -----------------------------------------------------------------------
    def _decayed(self, heat: float, since: float, t: float) -> float:
        return heat * math.exp(-max(0.0, t - since) / (self.config.attention_h * HOUR))

    def _remember(
        self,
        sid: int,
        record: MentionRecord,
        simhash: int | None,
        keys: list[str],
        terms: dict[str, float],
        t: float,
    ) -> None:
        story = self.stories[sid]
        story.n += 1
        story.first, story.last = min(story.first, t), max(story.last, t)
        story.warm(t, self.config.attention_h * HOUR)
        # A long text holds many words once each; it counts as much as a post of usual length.
        share = min(1.0, self.config.usual_terms / max(1, len(terms)))
        if terms:
            self.terms.add(terms, share)
            story.docs += 1
        counts = story.counts
        for term in terms:
            counts[term] = counts.get(term, 0.0) + share
            self.postings.setdefault(term, {})[sid] = t
            self.recent.add(term, share, t)
        if len(counts) > 2 * self.config.vocab_terms:
            self._trim(story)
        if simhash is not None:
            self.dups.add(simhash, sid, t, record.id)
        for key in keys:
            self._index(self.links, key, sid, t)
            host = host_of(key) if key[0] not in "#!" else ""
            if host and host not in story.hosts:
                story.hosts.append(host)
        self.parents[record.id] = [sid, t]

    @staticmethod
    def _index(index: dict[str, list[Any]], key: str, sid: int, t: float) -> None:
        hit = index.setdefault(key, [[], t])
        if sid not in hit[0]:
            hit[0].append(sid)
        hit[1] = max(hit[1], t)

    def _trim(self, story: Story) -> None:
        """Keep the story's most telling terms: frequent in it, rare elsewhere."""
        idf = self.terms.idf
        ranked = sorted(story.counts.items(), key=lambda kv: (-kv[1] * idf(kv[0]), kv[0]))
        story.counts = dict(ranked[: self.config.vocab_terms])

    def _merge(self, into: int, other: int) -> None:
        a, b = self.stories[into], self.stories.pop(other)
        tau = self.config.attention_h * HOUR
        a.n += b.n
        a.docs += b.docs
        a.first, a.last = min(a.first, b.first), max(a.last, b.last)
        t = max(a.heat_t, b.heat_t)
        a.heat, a.heat_t = a.heat_at(t, tau) + b.heat_at(t, tau), t
        a.hosts += [h for h in b.hosts if h not in a.hosts]
        for term, c in b.counts.items():
            a.counts[term] = a.counts.get(term, 0.0) + c
            self.postings.setdefault(term, {})[into] = a.last
        self.alias[other] = into
        apart = self.apart.pop(other, set())
        if apart:
            self.apart.setdefault(into, set()).update(apart)
            for sid in apart:
                self.apart.setdefault(sid, set()).add(into)
        if len(a.counts) > 2 * self.config.vocab_terms:
            self._trim(a)

    def sweep(self) -> None:
        """Forget what is too old to be evidence: keeps the indexes small over months."""
        cfg = self.config
        text_since = self.now - cfg.text_window_h * HOUR
        dup_since = self.now - cfg.dup_window_h * HOUR
        link_since = self.now - cfg.link_window_h * HOUR
        keep_since = self.now - cfg.retention_h * HOUR
        self.postings = {
            term: kept
            for term, posting in self.postings.items()
            if (kept := {s: ts for s, ts in posting.items() if ts >= text_since})
        }
        self.recent.sweep(self.now)
        self.dups.sweep(dup_since)
        self.links = {k: v for k, v in self.links.items() if v[1] >= link_since}
        self.pages = {k: v for k, v in self.pages.items() if v[1] >= link_since}
        self.parents = {k: v for k, v in self.parents.items() if v[1] >= keep_since}
        self.stories = {k: s for k, s in self.stories.items() if s.last >= keep_since}
        self.alias = {k: v for k, v in self.alias.items() if self.resolve(v) in self.stories}
        self.apart = {
            k: kept
            for k, v in self.apart.items()
            if k in self.stories and (kept := {s for s in v if s in self.stories})
        }

    # -- state -----------------------------------------------------------------------------
    def to_state(self) -> dict[str, Any]:
        """JSON-serialisable; ``from_state`` of it makes the same decisions from then on."""
        return {
            "version": STATE_VERSION,
            "config": self.config.to_state(),
            "stories": [s.to_state() for s in self.stories.values()],
            "alias": [[k, v] for k, v in self.alias.items()],
            "terms": self.terms.to_state(),
            "postings": {t: [[s, ts] for s, ts in p.items()] for t, p in self.postings.items()},
            "recent": self.recent.to_state(),
            "dups": self.dups.to_state(),
            "links": self.links,
            "pages": self.pages,
            "parents": self.parents,
            "apart": sorted([k, sorted(v)] for k, v in self.apart.items()),
            "stream": [self.stream, self.stream_t],
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
        self.terms = TermStats.from_state(state["terms"])
        self.postings = {t: dict(p) for t, p in state["postings"].items()}
        self.recent = TermHeat.from_state(self.recent.tau, state["recent"])
        self.dups = DupIndex.from_state(state["dups"])
        self.links = {k: [list(v[0]), v[1]] for k, v in state["links"].items()}
        self.pages = {k: [list(v[0]), v[1]] for k, v in state["pages"].items()}
        self.parents = {k: list(v) for k, v in state["parents"].items()}
        self.apart = {k: set(v) for k, v in state.get("apart", [])}
        self.stream, self.stream_t = state["stream"]
        self.next_id, self.added, self.now = state["next_id"], state["added"], state["now"]
        return self
