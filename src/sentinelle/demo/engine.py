"""The generator's machinery: clock, decks of texts, authors, items and threads.

Everything random goes through one ``random.Random`` owned by :class:`World`, so a week is
fully determined by its seed. Times are kept as whole seconds from the start of the week
(``t``); they only become datetimes when the week is written out, so another start shifts
every timestamp by the same delta and changes nothing else.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sentinelle.demo import noise, people
from sentinelle.demo.sources import SOURCES
from sentinelle.demo.texts_common import MONTHS, SLOTS

DAY = 86_400
HOUR = 3_600
WEEK = 7 * DAY

#: relative activity for each local hour: quiet at night, a lunch peak and an evening peak
HOUR_WEIGHTS = (
    1.0,
    0.6,
    0.4,
    0.3,
    0.3,
    0.5,
    1.2,
    2.6,
    4.0,
    5.0,
    5.5,
    6.5,
    8.5,
    8.0,
    6.0,
    5.5,
    5.5,
    6.0,
    7.5,
    8.5,
    8.5,
    7.0,
    4.5,
    2.4,
)
#: local time = UTC + offset (November: Paris is UTC+1, Montréal/Toronto UTC-5)
UTC_OFFSET_H = {"fr": 1, "qc": -5}

SOCIAL = ("mastodon", "bluesky", "reddit", "facebook", "youtube")
LANG_OF = {"fr": "fr", "qc": "fr", "en": "en", "es": "es", "de": "de"}


def region_of(variant: str | None) -> str:
    """Time zone region of a text variant: Québec and English Canada, or Europe."""
    return "qc" if variant in ("qc", "en") else "fr"


_PROPER = ("Vélonova", "Velonova", "Bastion", "Nova", "Sportmax", "I ", "I'", "Bic", "Le Carnet")


def _continue(chunk: str) -> str:
    """Lowercases the first word of a sentence that continues the previous part."""
    if chunk.startswith(_PROPER) or len(chunk) < 2 or not chunk[1].islower():
        return chunk
    return chunk[:1].lower() + chunk[1:]


class Deck:
    """Draws the items of a bank in a shuffled order, all of them before any repeats."""

    def __init__(self, rng: random.Random, items: list[str]) -> None:
        self.rng = rng
        self.items = list(items)
        self.pool: list[str] = []

    def draw(self) -> str:
        if not self.pool:
            self.pool = self.items[:]
            self.rng.shuffle(self.pool)
        return self.pool.pop()


@dataclass
class Author:
    key: tuple[str, str]
    handle: str
    name: str
    followers: int | None
    profile_url: str | None
    email: str | None = None
    did: str | None = None
    variant: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "handle": self.handle,
            "name": self.name,
            "followers": self.followers,
            "profile_url": self.profile_url,
            "email": self.email,
        }


@dataclass
class Node:
    """One item before it gets its platform ids and its datetime."""

    seq: int
    channel: str
    source: str
    author: Author
    text: str
    t: int
    lang: str | None  # the true language of the text (None: too short or noisy to tell)
    variant: str | None  # fr, qc, en, es, de: the language and the region of the author
    platform_lang: str | None
    story: str
    complaint: bool
    severity: int
    customer: str | None = None
    note: str = ""
    title: str | None = None
    html: bool = False
    parent: Node | None = None
    is_brand: bool = False
    likes: int = 0
    shares: int = 0
    replies: int = 0
    views: int | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    children: int = 0
    external_id: str | None = None
    url: str | None = None

    @property
    def root(self) -> Node:
        node = self
        while node.parent is not None:
            node = node.parent
        return node


class Slots(dict):
    """``str.format_map`` mapping that fills ``{placeholders}`` from the slot banks."""

    def __init__(self, world: World, variant: str, extra: dict[str, Any]) -> None:
        super().__init__(extra)
        self.world = world
        self.variant = variant

    def __missing__(self, key: str) -> str:
        bank = SLOTS[key]
        value = (
            bank(self.world, self.variant)
            if callable(bank)
            else self.world.pick(bank, self.variant)
        )
        self[key] = value
        return value


class World:
    def __init__(self, seed: int, start: datetime) -> None:
        self.start = start
        self.rng = random.Random(seed)  # noqa: S311 - demo data, not cryptography
        self.nodes: list[Node] = []
        self._decks: dict[tuple[int, str], Deck] = {}
        self.authors: dict[tuple[str, str], Author] = {}
        self.pools: dict[tuple[str, str], list[Author]] = {}
        self.orders: set[str] = set()

    # ---- texts ---------------------------------------------------------------------------
    def pick(self, bank: Any, variant: str | None = "fr") -> str:
        """One entry of a bank, a list or a dict of lists by variant (qc adds to fr)."""
        if isinstance(bank, dict):
            key = (id(bank), variant or "fr")
            deck = self._decks.get(key)
            if deck is None:
                if variant == "qc":
                    items = list(bank.get("fr", [])) + list(bank.get("qc", [])) * 2
                else:
                    items = bank.get(variant) or bank.get("en") or bank["fr"]
                deck = self._decks[key] = Deck(self.rng, items)
            return deck.draw()
        key = (id(bank), "")
        deck = self._decks.get(key)
        if deck is None:
            deck = self._decks[key] = Deck(self.rng, bank)
        return deck.draw()

    def fill(self, template: str, variant: str, **extra: Any) -> str:
        return template.format_map(Slots(self, variant, extra))

    def compose(self, variant: str, *parts: Any, extra: dict[str, Any] | None = None) -> str:
        """Joins one entry of each bank; a ``(bank, p)`` part is used with probability p."""
        chosen = []
        for part in parts:
            bank, p = part if isinstance(part, tuple) else (part, 1.0)
            if bank is None or (p < 1.0 and self.rng.random() >= p):
                continue
            chosen.append(self.pick(bank, variant))
        text = ""
        for chunk in (c for c in chosen if c):
            if text[-1:] in (",", ":") or text[-1:].isalpha():
                chunk = _continue(chunk)
            text = f"{text} {chunk}" if text else chunk
        return self.fill(text, variant, **(extra or {}))

    def social(self, text: str, variant: str, channel: str, tone: str, level: float = 1.0) -> str:
        return noise.socialize(self.rng, text, variant, channel, tone, level)

    def date_ago(self, days: int, variant: str | None) -> str:
        """The date ``days`` before the start of the week, as a customer would write it."""
        day = self.start - timedelta(days=days)
        if variant == "en":
            return f"{MONTHS['en'][day.month - 1]} {day.day}"
        first = "1er" if day.day == 1 else str(day.day)
        return f"{first} {MONTHS['fr'][day.month - 1]}"

    def order(self) -> str:
        while True:
            number = f"VN-{self.rng.randint(400_000, 539_999):06d}"
            if number not in self.orders:
                self.orders.add(number)
                return number

    # ---- time ----------------------------------------------------------------------------
    def at(
        self, day: int, variant: str | None = "fr", hours: tuple[float, float] | None = None
    ) -> int:
        """A moment of local ``day`` (0-6) following the daily rhythm, in seconds from start."""
        offset = UTC_OFFSET_H[region_of(variant)]
        for _ in range(60):
            if hours:
                local = self.rng.uniform(*hours)
            else:
                local = self.rng.choices(range(24), weights=HOUR_WEIGHTS)[0] + self.rng.random()
            t = int(day * DAY + (local - offset) * HOUR)
            if 0 <= t < WEEK:
                return t
        return min(max(day * DAY + 12 * HOUR, 0), WEEK - 1)

    def story_t(self, weights: list[float], variant: str | None, not_before: int = 0) -> int:
        """A moment drawn from a story's daily volumes, never before ``not_before``."""
        days = [d for d in range(7) if weights[d] > 0 and (d + 1) * DAY > not_before]
        if not days:
            return self.after(not_before, 60) or WEEK - 1
        for _ in range(40):
            day = self.rng.choices(days, weights=[weights[d] for d in days])[0]
            t = self.at(day, variant)
            if not_before < t < WEEK:
                return t
        return self.after(not_before, 90) or WEEK - 1

    def after(self, t: int, mean_minutes: float, minimum_s: int = 40) -> int | None:
        """A moment after ``t`` (exponential delay), or None when it falls after the week."""
        delay = max(minimum_s, int(self.rng.expovariate(1 / (mean_minutes * 60))))
        return t + delay if t + delay < WEEK else None

    # ---- authors -------------------------------------------------------------------------
    def author_key(self, channel: str, source: str) -> tuple[str, str]:
        return (channel, "") if channel in SOCIAL else (channel, source)

    def person(self, channel: str, source: str, variant: str | None, reuse: float = 0.2) -> Author:
        """A random person of this platform, sometimes one already seen there."""
        platform = self.author_key(channel, source)
        pool_key = (f"{platform[0]}:{platform[1]}", variant or "xx")
        pool = self.pools.setdefault(pool_key, [])
        if pool and self.rng.random() < reuse:
            return self.rng.choice(pool)
        fields = people.make_person(self.rng, channel, source, variant or "fr")
        author = self.register(channel, source, **fields)
        author.variant = variant
        pool.append(author)
        return author

    def register(self, channel: str, source: str, handle: str, **fields: Any) -> Author:
        """The author with this handle on this platform (created once, then reused as is)."""
        platform = self.author_key(channel, source)
        existing = self.authors.get((f"{platform[0]}:{platform[1]}", handle))
        if existing is not None:
            return existing
        author = Author(key=platform, handle=handle, **fields)
        self.authors[(f"{platform[0]}:{platform[1]}", handle)] = author
        return author

    # ---- items ---------------------------------------------------------------------------
    def add(
        self,
        channel: str,
        source: str,
        author: Author,
        text: str,
        t: int,
        variant: str | None,
        story: str,
        *,
        complaint: bool = False,
        severity: int = 0,
        parent: Node | None = None,
        boost: float = 1.0,
        **kwargs: Any,
    ) -> Node:
        if parent is not None:
            source = parent.source
            if t <= parent.t:
                t = parent.t + 60
        if not 0 <= t < WEEK:
            raise ValueError(f"t={t} outside the week")
        if source not in SOURCES:
            raise ValueError(f"unknown source {source!r} for a {channel} item")
        lang = LANG_OF.get(variant or "")
        node = Node(
            seq=len(self.nodes),
            channel=channel,
            source=source,
            author=author,
            text=text,
            t=t,
            lang=lang,
            variant=variant,
            platform_lang=self._platform_lang(channel, lang),
            story=story,
            complaint=complaint,
            severity=severity if complaint else 0,
            parent=parent,
            **kwargs,
        )
        self._engage(node, boost)
        if parent is not None:
            parent.children += 1
        self.nodes.append(node)
        return node

    def _platform_lang(self, channel: str, lang: str | None) -> str | None:
        roll = self.rng.random()
        if channel in ("mastodon", "bluesky"):
            if lang is None:
                return "en" if roll < 0.5 else None
            return "en" if lang == "fr" and roll < 0.06 else lang  # a client left on English
        if channel == "reddit" and roll < 0.5:
            return lang
        return None

    def _engage(self, node: Node, boost: float) -> None:
        if node.channel in ("email", "form"):
            return
        reach = node.author.followers if node.author.followers is not None else 60
        scale = (max(reach, 5) ** 0.5) * boost
        rng = self.rng
        spread = (
            rng.uniform(0.75, 1.3) if node.channel in ("news", "blog") else rng.paretovariate(1.8)
        )
        node.likes = int(spread * scale * 0.25)
        if node.channel in ("mastodon", "bluesky", "facebook", "news", "blog"):
            node.shares = int(node.likes * rng.uniform(0.05, 0.4))
        if node.channel in ("blog", "news"):
            node.views = int(rng.uniform(15, 45) * scale * 3)
        elif node.channel == "forum" and node.parent is None:
            node.views = int(rng.uniform(80, 400) * boost)
        node.replies = int(rng.paretovariate(2.5)) - 1 if node.parent is None else 0
