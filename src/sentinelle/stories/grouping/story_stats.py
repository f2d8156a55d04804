"""What the risk score needs to know of a story's mentions, kept compact."""

from __future__ import annotations

from bisect import bisect_left, insort
from dataclasses import dataclass, field
from typing import Any

from sentinelle.stories.grouping.records import MentionRecord


@dataclass(slots=True)
class StoryStats:
    """Counts and small per-mention series (epoch, engagement) for windows."""

    times: list[float] = field(default_factory=list)
    engagement: list[list[float]] = field(default_factory=list)  # [epoch, reactions], sorted
    authors: dict[str, int] = field(default_factory=dict)  # author → followers
    channels: set[str] = field(default_factory=set)
    outlets: dict[str, int] = field(default_factory=dict)  # news outlet → audience
    news_first: float | None = None
    n_public: int = 0  # mentions not written by the brand
    complaints: int = 0
    severity_sum: int = 0
    signals: dict[str, int] = field(default_factory=dict)

    def add(self, r: MentionRecord, outlet: str | None, audience: int) -> None:
        t = r.epoch
        insort(self.times, t)
        insort(self.engagement, [t, float(r.engagement)])
        self.channels.add(r.channel)
        if outlet:
            self.outlets[outlet] = audience
            self.news_first = t if self.news_first is None else min(self.news_first, t)
        if r.is_brand:
            return
        self.authors[r.author or r.id] = max(self.authors.get(r.author, 0), r.followers or 0)
        self.n_public += 1
        if r.is_complaint:
            self.complaints += 1
            self.severity_sum += r.severity
        for signal in r.signals:
            self.signals[signal] = self.signals.get(signal, 0) + 1

    def absorb(self, other: StoryStats) -> None:
        for t in other.times:
            insort(self.times, t)
        for e in other.engagement:
            insort(self.engagement, e)
        for a, f in other.authors.items():
            self.authors[a] = max(self.authors.get(a, 0), f)
        self.channels |= other.channels
        self.outlets.update(other.outlets)
        if other.news_first is not None:
            self.news_first = min(self.news_first or other.news_first, other.news_first)
        self.n_public += other.n_public
        self.complaints += other.complaints
        self.severity_sum += other.severity_sum
        for k, c in other.signals.items():
            self.signals[k] = self.signals.get(k, 0) + c

    def count_between(self, a: float, b: float) -> int:
        return bisect_left(self.times, b + 1e-6) - bisect_left(self.times, a + 1e-6)

    def engagement_between(self, a: float, b: float) -> int:
        i, j = bisect_left(self.engagement, [a + 1e-6]), bisect_left(self.engagement, [b + 1e-6])
        return int(sum(e[1] for e in self.engagement[i:j]))

    @property
    def top_followers(self) -> int:
        return max(self.authors.values(), default=0)

    def reach(self) -> int:
        return sum(self.authors.values()) + sum(self.outlets.values())

    def to_state(self) -> dict[str, Any]:
        return {
            "times": self.times,
            "engagement": self.engagement,
            "authors": self.authors,
            "channels": sorted(self.channels),
            "outlets": self.outlets,
            "news_first": self.news_first,
            "n_public": self.n_public,
            "complaints": self.complaints,
            "severity_sum": self.severity_sum,
            "signals": self.signals,
        }

    @classmethod
    def from_state(cls, s: dict[str, Any]) -> StoryStats:
        return cls(
            list(s["times"]),
            [list(e) for e in s["engagement"]],
            dict(s["authors"]),
            set(s["channels"]),
            dict(s["outlets"]),
            s["news_first"],
            s["n_public"],
            s["complaints"],
            s["severity_sum"],
            dict(s["signals"]),
        )
