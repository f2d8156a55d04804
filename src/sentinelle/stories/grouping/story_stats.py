"""What the risk score needs to know of a story's mentions, kept compact."""

from __future__ import annotations

from bisect import bisect_left, insort
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from sentinelle.stories.grouping.records import MentionRecord
from sentinelle.stories.grouping.urls import extract_urls, host_of

PRIVATE = frozenset({"email", "form"})  # channels only the brand sees
MAX_HOSTS = 20  # distinct sites counted per story; enough to see one dominate
UNKNOWN = 50  # an account with fewer followers than this is nobody's voice yet


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
    hosts: dict[str, int] = field(default_factory=dict)  # site linked in the text → mentions
    linked: int = 0  # public mentions with a link in their text
    safety_authors: list[str] = field(default_factory=list)  # who reported a safety issue
    followers: int = 0  # sum over authors, kept as they come
    top_followers: int = 0
    unknown: int = 0  # authors with fewer than ``UNKNOWN`` followers

    def add(self, r: MentionRecord, outlet: str | None, audience: int) -> None:
        t = r.epoch
        insort(self.times, t)
        if r.engagement:  # only reactions count in windows: no entry for none
            insort(self.engagement, [t, float(r.engagement)])
        self.channels.add(r.channel)
        if outlet:
            self.outlets[outlet] = audience
            self.news_first = t if self.news_first is None else min(self.news_first, t)
        if r.is_brand:
            return
        author = r.author or r.id
        self._author(author, r.followers or 0)
        self.n_public += 1
        if r.is_complaint:
            self.complaints += 1
            self.severity_sum += min(3, r.severity)
        for signal in r.signals:
            self.signals[signal] = self.signals.get(signal, 0) + 1
        if "safety" in r.signals and author not in self.safety_authors:
            self.safety_authors.append(author)
        hosts = {host_of(u) for u in extract_urls(r.text)} if "." in r.text else set()
        if hosts:
            self.linked += 1
        for host in hosts:
            if host in self.hosts or len(self.hosts) < MAX_HOSTS:
                self.hosts[host] = self.hosts.get(host, 0) + 1

    def absorb(self, other: StoryStats) -> None:
        for t in other.times:
            insort(self.times, t)
        for e in other.engagement:
            insort(self.engagement, e)
        for a, f in other.authors.items():
            self._author(a, f)
        self.channels |= other.channels
        self.outlets.update(other.outlets)
        if other.news_first is not None:
            self.news_first = min(self.news_first or other.news_first, other.news_first)
        self.n_public += other.n_public
        self.complaints += other.complaints
        self.severity_sum += other.severity_sum
        for k, c in other.signals.items():
            self.signals[k] = self.signals.get(k, 0) + c
        for host, c in other.hosts.items():
            if host in self.hosts or len(self.hosts) < MAX_HOSTS:
                self.hosts[host] = self.hosts.get(host, 0) + c
        self.linked += other.linked
        self.safety_authors += [a for a in other.safety_authors if a not in self.safety_authors]

    def _author(self, author: str, followers: int) -> None:
        old = self.authors.get(author)
        new = followers if old is None else max(old, followers)
        self.authors[author] = new
        self.followers += new - (old or 0)
        self.top_followers = max(self.top_followers, new)
        if old is None:
            self.unknown += new < UNKNOWN
        elif old < UNKNOWN <= new:
            self.unknown -= 1

    def count_between(self, a: float, b: float) -> int:
        """Mentions in (a, b]."""
        return bisect_left(self.times, b + 1e-6) - bisect_left(self.times, a + 1e-6)

    def engagement_between(self, a: float, b: float) -> int:
        i, j = bisect_left(self.engagement, [a + 1e-6]), bisect_left(self.engagement, [b + 1e-6])
        return int(sum(map(itemgetter(1), self.engagement[i:j])))

    @property
    def public_channels(self) -> set[str]:
        return self.channels - PRIVATE

    def reach(self) -> int:
        return self.followers + sum(self.outlets.values())

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
            "hosts": self.hosts,
            "linked": self.linked,
            "safety_authors": self.safety_authors,
        }

    @classmethod
    def from_state(cls, s: dict[str, Any]) -> StoryStats:
        self = cls(
            list(s["times"]),
            [list(e) for e in s["engagement"]],
            {},
            set(s["channels"]),
            dict(s["outlets"]),
            s["news_first"],
            s["n_public"],
            s["complaints"],
            s["severity_sum"],
            dict(s["signals"]),
            dict(s["hosts"]),
            s["linked"],
            list(s["safety_authors"]),
        )
        for author, followers in s["authors"].items():
            self._author(author, followers)
        return self
