"""Incremental story grouping: each mention joins a recent story or starts one, with a reason.

Evidence, strongest first:

1. a reply joins the story of the post it answers;
2. a near-duplicate, a shared link or a shared order number joins that story, and a mention
   that ties two stories this way merges them (the biggest absorbs the others);
3. otherwise the text decides, as in a Dirichlet–Hawkes mixture: the odds that the mention
   continues story S rather than starting a new one are

       heat(S) / heat(new stories) × Π over its terms of (1 − π + π · P(term | S) / P(term | others))

   where heat is each side's recent rate of mentions (a decaying count), P(term | S) the share
   of S's mentions that hold the term and P(term | others) the share among all other mentions.
   A rare word that a hot story uses a lot weighs heavily; a common word weighs nothing; a word
   the story never used costs a little.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, Self

from sentinelle.stories.grouping.index import ALL, DupIndex, Story, TermStats
from sentinelle.stories.grouping.records import MentionRecord
from sentinelle.stories.grouping.textfeat import Features, clean, features
from sentinelle.stories.grouping.urls import canonical_url, is_homepage

STATE_VERSION = 2
HOUR = 3600.0
NEW = 0  # the id of "a new story" in the text scores
PRIOR_DOCS, PRIOR_SHARE = 100.0, 0.01  # what the word statistics assume before any mention


@dataclass(frozen=True, slots=True)
class GrouperConfig:
    """Knobs, chosen a priori then checked on the incident replays."""

    dup_distance: int = 6  # SimHash bits; bands only guarantee finding ≤ 3, most up to 6 are found
    dup_window_h: float = 48.0  # near-duplicates further apart are templates, not one story
    link_window_h: float = 168.0  # a link or an order number is evidence this long
    text_window_h: float = 168.0  # a story silent for this long is no text candidate any more
    retention_h: float = 336.0  # forgotten after this (the app keeps stories in its database)
    attention_h: float = 12.0  # time constant of a story's heat
    miss_cost: float = 0.3  # log-odds lost for each word of the mention the story never used
    story_prior: float = 2.0  # pseudo-mentions of background words in every story's vocabulary
    telling_ratio: float = 5.0  # a word counts for a story only if this many times likelier there
    anchor_ratio: float = 20.0  # ... and one of them must be this many times likelier
    join_margin: float = 0.0  # log-odds a mention needs to join a story rather than start one
    new_share: float = 0.5  # prior odds of a new story, as a share of all recent mentions
    births_only: bool = False
    mode: str = "llr"
    own_threshold: float = 0.35
    own_smoothing: float = 1.0
    own_gain: float = 1.0
    own_penalty: int = 1
    storm_heat: float = 10.0  # a story this hot ...
    storm_share: float = 0.2  # ... holding this share of recent mentions is a storm
    signature_min: float = 3.0  # a storm's signature words: used this often in it,
    signature_lift: float = 3.0  # ... this many times more common in it than overall
    aside_terms: int = 6  # a reply this long that shares no word with its thread is about else
    reply_words: int = 1
    hot_stories: int = 4  # the hottest stories are always text candidates
    merge_margin: float = 10.0
    consolidate_from: int = 8  # stories of this many mentions and more look for their fragments
    consolidate_small: int = 3  # ... among the stories of at most this many mentions
    profile_min: float = 2.0  # a telling word counts in a story's profile once used this often
    merge_cosine: float = 0.5  # ... and two profiles this alike are one story
    seed_size: int = 2  # a story smaller than this ...
    seed_margin: float = 0.0  # ... needs this much more log-odds to be joined by text  # ... and that two stories both need for the mention to merge them
    max_posting: int = 400  # a term in more live stories than this does not find candidates
    max_candidates: int = 24
    probe_terms: int = 16  # rarest terms of a mention looked up in the inverted index
    hub_link_stories: int = 3  # a link already in this many stories is a hub, not evidence
    usual_terms: int = 12  # a mention's words count fully up to this many, less beyond
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
    kind: str  # parent, duplicate, link, reference, text, new
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
        self.hot: list[int] = []  # the hottest stories, for mentions with little to go on
        self.births = 0.0  # heat of all mentions: the stream's recent volume
        self.births_t = 0.0
        self.stream = 0.0  # heat of all mentions
        self.stream_t = 0.0
        self.signatures: dict[int, tuple[int, frozenset[str]]] = {}  # cache: story → words
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
        links = [u for u in dict.fromkeys((*feats.links, own)) if u and not is_homepage(u)]
        keys = links + [f"#{ref}" for ref in feats.refs]
        terms = feats.terms
        decision = self._decide(record, feats, keys, terms, t)
        story_id, merged = decision.story_id, decision.merged
        if decision.is_new:
            story_id = self.next_id
            self.next_id += 1
            title = (record.title or clean(record.text)).strip().replace("\n", " ")[:80]
            self.stories[story_id] = Story(story_id, title, t, t, heat_t=t)
            decision = Assignment(record.id, story_id, True, "new", decision.reason, 1.0)
        for other in merged:
            self._merge(story_id, other)
        simhash = feats.simhash
        if decision.kind == "parent":
            # Replies are chat ("me too", "lol"): they would blur the story's words, which are
            # compared with new posts. The brand answers every thread with the same help links,
            # agent names and phrases: they would tie unrelated threads together.
            terms = {} if cfg.reply_words == 0 else terms
            if record.is_brand:
                keys, terms, simhash = [], {}, None
        self._remember(story_id, record, simhash, keys, terms, t)
        if feats.page:
            self._index(self.pages, feats.page, story_id, t)
        docs = self.stories[story_id].docs
        if terms and docs >= cfg.consolidate_from and docs & (docs - 1) == 0:
            # Each time a story doubles, it looks for fragments of itself that began apart.
            story_id, more = self._consolidate(story_id, t)
            if more:
                decision = Assignment(
                    record.id,
                    story_id,
                    decision.is_new,
                    decision.kind,
                    decision.reason
                    + "; then "
                    + ", ".join(f"#{s}" for s in more)
                    + " merged as one story (same telling words)",
                    decision.score,
                    tuple(dict.fromkeys((*decision.merged, *more))),
                )
        self._born(t, decision.is_new)
        self.added += 1
        if self.added % cfg.sweep_every == 0:
            self.sweep()
        return decision

    # -- deciding --------------------------------------------------------------------------
    def _decide(
        self,
        record: MentionRecord,
        feats: Features,
        keys: list[str],
        terms: dict[str, float],
        t: float,
    ) -> Assignment:
        cfg = self.config
        mid = record.id
        parent = self.parents.get(record.parent_id) if record.parent_id else None
        aside = ""
        if parent is not None and parent[1] >= t - cfg.retention_h * HOUR:
            sid = self.resolve(parent[0])
            if sid in self.stories:
                aside = self._aside(record, self.stories[sid], feats, terms)
                if not aside:
                    return Assignment(
                        mid, sid, False, "parent", f"reply to {record.parent_id} (#{sid})"
                    )
                aside = f"a reply to {record.parent_id} (#{sid}) about something else ({aside}): "
        if aside:
            # Its own link is the thread's page: no evidence of what the reply is about.
            keys = [k for k in keys if k.startswith("#") or k in feats.links]
        strong = self._strong(feats.simhash, keys, None if aside else feats.page, t)
        if strong:
            # The biggest story absorbs the others: this mention shows they are one incident.
            order = sorted(strong, key=lambda s: (-self.stories[s].n, s))
            target, rest = order[0], tuple(order[1:])
            kind, reason = strong[target]
            if rest:
                reason += "; merges " + ", ".join(f"#{s} ({strong[s][1]})" for s in rest)
            return Assignment(mid, target, False, kind, aside + reason, 1.0, rest)
        scored = self._similar(terms, t, record.lang)
        if scored and scored[0][1] > cfg.join_margin:
            sid, odds, how = scored[0]
            rest = tuple(
                s for s, o, _ in scored[1:] if odds >= cfg.merge_margin and o >= cfg.merge_margin
            )
            title = self.stories[sid].title[:40]
            reason = f"{aside}similar text to story '{title}' ({how})"
            if rest:
                reason += "; merges " + ", ".join(f"#{s}" for s in rest) + ", as similar"
            return Assignment(mid, sid, False, "text", reason, round(odds, 3), rest)
        reason = "new story: no near-duplicate, shared link or similar recent story"
        return Assignment(mid, NEW, True, "new", aside + reason, 1.0)

    def _aside(
        self, record: MentionRecord, story: Story, feats: Features, terms: dict[str, float]
    ) -> str:
        """Why a reply is not about its thread (spam, someone's own trouble), or "" if it is.

        A link of its own to a site the thread never linked is what spam under a post looks
        like; a long reply none of whose words the thread's story holds is someone using the
        comments for another matter.
        """
        if record.is_brand:
            return ""
        cfg = self.config
        for link in feats.links:
            host = link.split("/", 1)[0].split("?", 1)[0]
            if host not in story.hosts:
                return f"links to {host}"
        if len(terms) >= cfg.aside_terms and story.docs >= 2:
            df, c = self.terms.df[ALL], cfg.own_smoothing
            held = [w for w in terms if story.counts.get(w, 0.0) / (df.get(w, 0.0) + c) >= 0.2]
            if not held:
                return f"{len(terms)} words, none of them the thread's"
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
        lookups += [(key, self.pages) for key in keys if not key.startswith("#")]
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
                    elif index is self.pages:
                        strong[sid] = ("link", f"comments on the linked page {key}")
                    elif key == page:
                        strong[sid] = ("link", f"comment on the page {key}, linked in #{sid}")
                    else:
                        strong[sid] = ("link", f"shares the link {key}")
        return strong

    def _similar(
        self, terms: dict[str, float], t: float, lang: str = ALL
    ) -> list[tuple[int, float, str]]:
        """Candidate stories with the log-odds of joining each rather than starting a new one,
        best first."""
        cfg = self.config
        since = t - cfg.text_window_h * HOUR
        df = self.terms.df[ALL]
        shared: dict[int, int] = {}
        rare = sorted(terms, key=lambda w: (df.get(w, 0.0), w))[: cfg.probe_terms]
        for term in rare:
            posting = self.postings.get(term)
            if not posting or len(posting) > cfg.max_posting:
                continue
            for sid, last in posting.items():
                if last >= since:
                    sid = self.resolve(sid)
                    shared[sid] = shared.get(sid, 0) + 1
        candidates = sorted(
            (s for s in shared if s in self.stories), key=lambda s: (-shared[s], s)
        )[: cfg.max_candidates]
        # The hottest stories are candidates even without a shared word: in the middle of a
        # storm, "lol same" or "quelle époque" is most likely about the storm.
        candidates += [s for s in self.hot if s in self.stories and s not in shared]
        if not candidates:
            return []
        tau = cfg.attention_h * HOUR
        # Every mention warms the stream: a story's prior odds are its share of recent traffic.
        births = max(1.0, self.births * math.exp(-max(0.0, t - self.births_t) / tau))
        out = []
        for sid in candidates:
            story = self.stories[sid]
            heat = story.heat_at(t, tau)
            if heat <= 0:
                continue
            if cfg.mode == "owned2":
                evidence, top = self._owned2(story, terms)
                odds = evidence + math.log(heat / births)
                how = f"log-odds {odds:+.1f}: {', '.join(top)}; heat {heat:.1f} vs {births:.1f}"
                out.append((sid, odds, how))
                continue
            if cfg.mode == "owned":
                share, top = self._owned(story, terms)
                odds = share - cfg.own_threshold
                how = f"owns {share:.0%} of its words: {', '.join(top)}"
                out.append((sid, odds, how))
                continue
            evidence, top, anchor = self._evidence(story, terms, lang)
            if anchor < cfg.anchor_ratio and evidence > 0:
                continue  # nothing distinctive of the story: topic words alone make no story
            odds = evidence + math.log(heat / (cfg.new_share * births))
            if story.n < cfg.seed_size:
                odds -= cfg.seed_margin  # two lone mentions need more than topic to be a story
            how = f"log-odds {odds:+.1f}: {', '.join(top)}; heat {heat:.1f} of {births:.1f}"
            out.append((sid, odds, how))
        out.sort(key=lambda x: (-x[1], x[0]))
        if cfg.storm_heat and (not out or out[0][1] <= cfg.join_margin):
            stream = max(1.0, self.stream * math.exp(-max(0.0, t - self.stream_t) / tau))
            for sid in self.hot:
                story = self.stories.get(sid)
                if story is None:
                    continue
                heat = story.heat_at(t, tau)
                if heat < cfg.storm_heat or heat < cfg.storm_share * stream:
                    continue
                words = [w for w in terms if w in self._signature(story)]
                if words:
                    how = (
                        f"names the storm's words {', '.join(sorted(words)[:3])}; "
                        f"it holds {heat / stream:.0%} of recent mentions"
                    )
                    out.insert(0, (sid, cfg.join_margin + 0.01, how))
                    break
        return out

    def _signature(self, story: Story) -> frozenset[str]:
        """The words a storm is known by: it holds most of their uses, and they are several
        times more common in it than elsewhere (a product name, the incident's object)."""
        cached = self.signatures.get(story.id)
        if cached is not None and cached[0] * 1.1 >= story.docs:
            return cached[1]
        cfg = self.config
        df, docs = self.terms.df[ALL], self.terms.docs[ALL]
        share = story.docs / max(1.0, docs)
        words = frozenset(
            w
            for w, k in story.counts.items()
            if k >= cfg.signature_min
            and k / (df.get(w, 0.0) + cfg.own_smoothing) >= 0.5
            and k / max(1.0, df.get(w, 0.0)) >= cfg.signature_lift * share
        )
        self.signatures[story.id] = (story.docs, words)
        return words

    def _owned2(
        self, story: Story, terms: dict[str, float], exclude: dict[str, float] | None = None
    ) -> tuple[float, list[str]]:
        cfg = self.config
        df, idf, counts = self.terms.df[ALL], self.terms.idf, story.counts
        c, theta = cfg.own_smoothing, cfg.own_threshold
        scale = cfg.own_gain * min(1.0, cfg.usual_terms / max(1, len(terms)))
        total = 0.0
        best = []
        for term, weight in terms.items():
            k = counts.get(term, 0.0)
            used = df.get(term, 0.0) - (exclude.get(term, 0.0) if exclude else 0.0)
            own = k / (max(k, used) + c) if k else 0.0
            if cfg.own_penalty == 0:
                gain = scale * weight * idf(term) * own
            else:
                gain = scale * weight * idf(term) * (own - theta)
            total += gain
            if k:
                best.append((gain, term))
        best.sort(reverse=True)
        if cfg.own_penalty == 0:
            total -= theta
        return total, [t for _, t in best[:3]]

    def _owned(self, story: Story, terms: dict[str, float]) -> tuple[float, list[str]]:
        """The share of the mention's words (weighted by rarity) that the story holds most
        uses of."""
        df, idf, counts = self.terms.df[ALL], self.terms.idf, story.counts
        c = self.config.own_smoothing
        total = owned = 0.0
        best = []
        for term, weight in terms.items():
            w = weight * idf(term)
            total += w
            k = counts.get(term, 0.0)
            if k:
                own = k / (df.get(term, 0.0) + c)
                owned += w * own
                best.append((w * own, term))
        best.sort(reverse=True)
        return (owned / total if total else 0.0), [t for _, t in best[:3]]

    def _evidence(
        self, story: Story, terms: dict[str, float], lang: str = ALL
    ) -> tuple[float, list[str], float]:
        """Log-likelihood ratio of the mention's terms under the story vs the other mentions,
        and the terms that weigh most."""
        cfg = self.config
        m, telling, miss = cfg.story_prior, cfg.telling_ratio, cfg.miss_cost
        df, docs_lang = self.terms.table(lang)
        counts = story.counts
        # The story's share in that language, to leave the story out of the background.
        mine = 1.0
        if df is not self.terms.df[ALL]:
            mine = story.langs.get(lang, 0.0) / max(1, story.docs)
        docs = story.docs + m
        # Before the stream has taught us, every word is taken to be in 1 % of mentions.
        prior = PRIOR_DOCS * PRIOR_SHARE
        others = max(0.0, docs_lang - story.docs * mine) + PRIOR_DOCS
        # A long text's words are many hints of one topic: their misses cost like a usual post's.
        miss *= min(1.0, cfg.usual_terms / max(1, len(terms)))
        total = 0.0
        best: list[tuple[float, str]] = []
        for term, weight in terms.items():
            k = counts.get(term, 0.0)
            if not k:
                total -= weight * miss  # a word the story never used
                continue
            background = (max(0.0, df.get(term, 0.0) - k * mine) + prior) / others
            # P(term | story) with ``m`` pseudo-mentions of background: a small story is unsure.
            ratio = (k + m * background) / docs / background
            if ratio < telling:
                continue  # common words: many weak hints must not add up to a story
            gain = weight * math.log(ratio)
            total += gain
            best.append((gain, term))
        best.sort(reverse=True)
        anchor = math.exp(best[0][0]) if best else 0.0
        return total, [term for _, term in best[:3]], anchor

    def _profile(self, story: Story) -> dict[str, float]:
        """The story's telling words: how much of it uses each, times how telling it is."""
        cfg = self.config
        df, all_docs = self.terms.df[ALL], self.terms.docs[ALL]
        prior = PRIOR_DOCS * PRIOR_SHARE
        others = max(0.0, all_docs - story.docs) + PRIOR_DOCS
        docs = story.docs + cfg.story_prior
        out = {}
        for term, k in story.counts.items():
            if k < cfg.profile_min:
                continue
            background = (max(0.0, df.get(term, 0.0) - k) + prior) / others
            ratio = (k + cfg.story_prior * background) / docs / background
            if ratio >= cfg.telling_ratio:
                out[term] = k / story.docs * math.log(ratio)
        return out

    def _consolidate(self, sid: int, t: float) -> tuple[int, list[int]]:
        """Takes into ``sid`` the small recent stories that would join it now.

        A mention is placed as it arrives; early in a storm the storm's story is still small
        and cold, and its first mentions start stories of their own. Each time the story
        doubles it looks again at the small stories that share its words.
        """
        cfg = self.config
        story = self.stories[sid]
        tau = cfg.attention_h * HOUR
        births = max(1.0, self.births * math.exp(-max(0.0, t - self.births_t) / tau))
        prior = math.log(story.heat_at(t, tau) / births)
        since = t - cfg.text_window_h * HOUR
        idf = self.terms.idf
        top = sorted(story.counts, key=lambda w: (-story.counts[w] * idf(w), w))[: cfg.probe_terms]
        seen: set[int] = set()
        merged: list[int] = []
        for term in top:
            posting = self.postings.get(term, {})
            if len(posting) > cfg.max_posting:
                continue
            for other, last in list(posting.items()):
                other = self.resolve(other)
                if other == sid or other in seen or last < since or other not in self.stories:
                    continue
                seen.add(other)
                small = self.stories[other]
                if small.n > cfg.consolidate_small or not small.counts:
                    continue
                words = {w: 1.0 for w in small.counts}
                evidence, _ = self._owned2(story, words, exclude=small.counts)
                if evidence + prior > cfg.join_margin:
                    self._merge(sid, other)
                    merged.append(other)
                if len(seen) >= cfg.max_candidates * 4:
                    return sid, merged
        return sid, merged

    # -- remembering -----------------------------------------------------------------------
    def _warm_list(self, sid: int, t: float) -> None:
        """Keeps ``hot`` the few stories with the highest heat now."""
        if sid not in self.hot:
            self.hot.append(sid)
        if len(self.hot) > self.config.hot_stories:
            tau = self.config.attention_h * HOUR
            self.hot = [self.resolve(s) for s in self.hot]
            live = {s: self.stories[s].heat_at(t, tau) for s in self.hot if s in self.stories}
            self.hot = sorted(live, key=lambda s: (-live[s], s))[: self.config.hot_stories]

    def _born(self, t: float, is_new: bool) -> None:
        tau = self.config.attention_h * HOUR
        self.stream = self.stream * math.exp(-max(0.0, t - self.stream_t) / tau) + 1.0
        self.stream_t = max(self.stream_t, t)
        amount = 1.0 if is_new or not self.config.births_only else 0.0
        self.births = self.births * math.exp(-max(0.0, t - self.births_t) / tau) + amount
        self.births_t = max(self.births_t, t)

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
        self._warm_list(sid, t)
        # A long text holds many words once each; it counts as much as a post of usual length.
        share = min(1.0, self.config.usual_terms / max(1, len(terms)))
        if terms:
            self.terms.add(record.lang, terms, share)
            story.docs += 1
            story.langs[record.lang] = story.langs.get(record.lang, 0.0) + 1.0
        counts = story.counts
        for term in terms:
            counts[term] = counts.get(term, 0.0) + share
            self.postings.setdefault(term, {})[sid] = t
        if len(counts) > 2 * self.config.vocab_terms:
            self._trim(story)
        if simhash is not None:
            self.dups.add(simhash, sid, t, record.id)
        for key in keys:
            self._index(self.links, key, sid, t)
            if not key.startswith("#"):
                host = key.split("/", 1)[0].split("?", 1)[0]
                if host not in story.hosts:
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
        a.hosts += [h for h in b.hosts if h not in a.hosts]
        for lang, c in b.langs.items():
            a.langs[lang] = a.langs.get(lang, 0.0) + c
        a.first, a.last = min(a.first, b.first), max(a.last, b.last)
        t = max(a.heat_t, b.heat_t)
        a.heat, a.heat_t = a.heat_at(t, tau) + b.heat_at(t, tau), t
        for term, c in b.counts.items():
            a.counts[term] = a.counts.get(term, 0.0) + c
            self.postings.setdefault(term, {})[into] = a.last
        self.alias[other] = into
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
        self.dups.sweep(dup_since)
        self.links = {k: v for k, v in self.links.items() if v[1] >= link_since}
        self.pages = {k: v for k, v in self.pages.items() if v[1] >= link_since}
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
            "pages": self.pages,
            "parents": self.parents,
            "births": [self.births, self.births_t],
            "stream": [self.stream, self.stream_t],
            "hot": self.hot,
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
        self.terms.df = {k: dict(v) for k, v in state["df"].items()}
        self.terms.docs = dict(state["docs"])
        self.postings = {t: dict(p) for t, p in state["postings"].items()}
        self.dups = DupIndex.from_state(state["dups"])
        self.links = {k: [list(v[0]), v[1]] for k, v in state["links"].items()}
        self.pages = {k: [list(v[0]), v[1]] for k, v in state["pages"].items()}
        self.parents = {k: list(v) for k, v in state["parents"].items()}
        self.births, self.births_t = state["births"]
        self.stream, self.stream_t = state["stream"]
        self.hot = list(state["hot"])
        self.next_id, self.added, self.now = state["next_id"], state["added"], state["now"]
        return self
