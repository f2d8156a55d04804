"""The grouper's memory: stories' vocabularies and attention, and the indexes that find them."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

BANDS = 4  # 64-bit SimHash in 4 bands of 16: distance ≤ 3 means one band is equal
ALL = "*"  # the key of the statistics over every language
MIN_LANG_DOCS = 200  # a language with fewer mentions is compared with all of them


@dataclass(slots=True)
class Story:
    """How many of a story's mentions hold each term, its time span and its attention.

    ``heat`` is a Hawkes intensity: each mention adds 1, which decays with the attention time
    constant; it says how likely the next mention is to belong here rather than to a new story.
    """

    id: int
    title: str
    first: float
    last: float
    n: int = 0
    counts: dict[str, float] = field(default_factory=dict)
    docs: int = 0  # mentions whose terms are in ``counts``
    heat: float = 0.0
    heat_t: float = 0.0
    langs: dict[str, float] = field(default_factory=dict)  # mentions in ``docs`` per language
    hosts: list[str] = field(default_factory=list)  # sites its mentions are on or link to

    def heat_at(self, t: float, tau: float) -> float:
        return self.heat * math.exp(-max(0.0, t - self.heat_t) / tau)

    def warm(self, t: float, tau: float, amount: float = 1.0) -> None:
        if t >= self.heat_t:
            self.heat = self.heat_at(t, tau) + amount
            self.heat_t = t
        else:  # a late mention: its kernel has already partly decayed
            self.heat += amount * math.exp(-(self.heat_t - t) / tau)

    def to_state(self) -> list[Any]:
        return [
            self.id,
            self.title,
            self.first,
            self.last,
            self.n,
            self.counts,
            self.docs,
            self.heat,
            self.heat_t,
            self.langs,
            self.hosts,
        ]

    @classmethod
    def from_state(cls, s: list[Any]) -> Story:
        return cls(
            s[0], s[1], s[2], s[3], s[4], dict(s[5]), s[6], s[7], s[8], dict(s[9]), list(s[10])
        )


class TermStats:
    """Document frequencies over recent mentions, overall (``ALL``) and per language.

    A new story in English is written with English words: a word's background is its share
    among mentions in the same language. The counts are halved when a language passes
    ``horizon`` mentions, so that old vocabulary fades and the tables stay bounded.
    """

    def __init__(self, horizon: int = 200_000) -> None:
        self.df: dict[str, dict[str, float]] = {ALL: {}}
        self.docs: dict[str, float] = {ALL: 0.0}
        self.horizon = horizon

    def add(self, lang: str, terms: dict[str, float], share: float = 1.0) -> None:
        """Counts one mention; a long one's words count ``share`` each (see the grouper)."""
        for key in (ALL, lang) if lang != ALL else (ALL,):
            df = self.df.setdefault(key, {})
            for term in terms:
                df[term] = df.get(term, 0.0) + share
            self.docs[key] = self.docs.get(key, 0.0) + 1.0
            if self.docs[key] >= self.horizon:
                self.docs[key] /= 2
                self.df[key] = {t: c / 2 for t, c in df.items() if c >= 1}

    def table(self, lang: str) -> tuple[dict[str, float], float]:
        """The frequencies to compare a mention in ``lang`` with (overall while it is rare)."""
        docs = self.docs.get(lang, 0.0)
        if docs < MIN_LANG_DOCS:
            return self.df[ALL], self.docs[ALL]
        return self.df[lang], docs

    def idf(self, term: str) -> float:
        return math.log((self.docs[ALL] + 1) / (self.df[ALL].get(term, 0.0) + 1)) + 1.0


def bands(simhash: int) -> list[int]:
    """Band keys: the band's index in the top bits so that bands never collide."""
    return [(b << 16) | ((simhash >> (16 * b)) & 0xFFFF) for b in range(BANDS)]


class DupIndex:
    """Recent mentions' SimHashes by band; entries: [simhash, story id, epoch, mention id]."""

    def __init__(self) -> None:
        self.buckets: dict[int, list[list[Any]]] = {}

    def add(self, simhash: int, story: int, ts: float, mention: str) -> None:
        entry = [simhash, story, ts, mention]
        for key in bands(simhash):
            self.buckets.setdefault(key, []).append(entry)

    def near(self, simhash: int, since: float, distance: int) -> list[tuple[int, int, str]]:
        """(distance, story, mention) of fresh entries within ``distance`` bits."""
        found: dict[str, tuple[int, int, str]] = {}
        for key in bands(simhash):
            for h, story, ts, mention in self.buckets.get(key, ()):
                if ts >= since and mention not in found:
                    d = (h ^ simhash).bit_count()
                    if d <= distance:
                        found[mention] = (d, story, mention)
        return sorted(found.values())

    def sweep(self, since: float) -> None:
        self.buckets = {
            k: kept for k, v in self.buckets.items() if (kept := [e for e in v if e[2] >= since])
        }

    def to_state(self) -> list[list[Any]]:
        # Each entry sits in 4 buckets; store it once, in the order of its first bucket.
        seen: dict[str, list[Any]] = {}
        for entries in self.buckets.values():
            for e in entries:
                seen.setdefault(e[3], e)
        return sorted(seen.values(), key=lambda e: (e[2], e[3]))

    @classmethod
    def from_state(cls, entries: list[list[Any]]) -> DupIndex:
        self = cls()
        for h, story, ts, mention in entries:
            self.add(h, story, ts, mention)
        return self
