"""The grouper's memory: stories' vocabularies and attention, and the indexes that find them."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

BANDS = 4  # 64-bit SimHash in 4 bands of 16: distance ≤ 3 means one band is equal


@dataclass(slots=True)
class Story:
    """How many of a story's mentions hold each term, its time span and its attention.

    ``heat`` is a Hawkes intensity: each mention adds 1, which decays with the attention time
    constant; its share of all mentions' heat is the prior that the next mention belongs here.
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
            self.hosts,
        ]

    @classmethod
    def from_state(cls, s: list[Any]) -> Story:
        return cls(s[0], s[1], s[2], s[3], s[4], dict(s[5]), s[6], s[7], s[8], list(s[9]))


class TermStats:
    """Document frequencies over recent mentions, for word rarity and ownership.

    A long mention's words count ``share`` each (see the grouper). The counts are halved when
    ``docs`` reaches ``horizon``, so that old vocabulary fades and the table stays bounded.
    """

    def __init__(self, horizon: int = 200_000) -> None:
        self.df: dict[str, float] = {}
        self.docs = 0.0
        self.horizon = horizon

    def add(self, terms: dict[str, float], share: float = 1.0) -> None:
        self.docs += 1
        df = self.df
        for term in terms:
            df[term] = df.get(term, 0.0) + share
        if self.docs >= self.horizon:
            self.docs /= 2
            self.df = {t: c / 2 for t, c in df.items() if c >= 1}

    def idf(self, term: str) -> float:
        return math.log((self.docs + 1) / (self.df.get(term, 0.0) + 1)) + 1.0

    def to_state(self) -> dict[str, Any]:
        return {"df": self.df, "docs": self.docs, "horizon": self.horizon}

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> TermStats:
        self = cls(state["horizon"])
        self.df, self.docs = dict(state["df"]), state["docs"]
        return self


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
