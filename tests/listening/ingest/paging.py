"""A fake paging API on 127.0.0.1 (JSON pages of import-format items) and its connector.

The API misbehaves like real platforms do: pages overlap (items already served come again),
some requests get 429 with Retry-After and rate-limit headers, some get 503. The dataset is
deterministic: item n has a unique text, except the reposts, which copy an earlier item's
text under another id and author.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

from sentinelle.core import http
from sentinelle.listening.connectors import ConnectorError, FetchResult
from sentinelle.listening.items import item_from_dict
from tests.listening.fake_http import FakeServer, Reply, Request

PAGE = 200
START = datetime(2026, 11, 16, 8, 0, tzinfo=UTC)
COMPLAINTS = [
    "Mon vélo Vélonova commande {n} est arrivé sans les vis et le service client ne répond"
    " plus depuis trois semaines, c'est inadmissible, je veux être remboursé",
    "Deuxième panne de freins sur mon vélo {n} en un mois, personne ne me rappelle malgré"
    " mes quatre appels au support, je vais porter plainte",
    "My Velonova bike {n} broke after two days and support ignored all my emails, worst"
    " customer service ever, I want a refund now",
]
PRAISE = [
    "Great ride today on bike {n}, the new saddle is really comfortable for long trips",
    "Love my Velonova bike {n}, smooth gears and a great battery, highly recommended to everyone",
    "Livraison rapide du vélo {n} et montage très simple, merci pour les explications claires",
    "Just finished a 40 km loop on my bike {n}, beautiful weather and great company today",
]


SYLLABLES = ["ba", "ko", "li", "mu", "ne", "ra", "so", "ti", "vu", "ze"]


def name_of(author: int) -> str:
    """A made-up name of its own: people sharing a first name are not what this test is about."""
    digits = f"{author:04d}"
    first = "".join(SYLLABLES[int(d)] for d in digits).capitalize()
    return f"{first} {''.join(SYLLABLES[int(d)] for d in reversed(digits)).capitalize()}"


def is_repost(n: int) -> bool:
    """Every 97th item past the first 3,000 repeats the text of the item 3,000 before it."""
    return n > 3000 and n % 97 == 0


def text_of(n: int) -> str:
    if is_repost(n):
        return text_of(n - 3000)
    if n % 40 == 0:
        return COMPLAINTS[n // 40 % 3].format(n=n)
    return PRAISE[n % 4].format(n=n)


def group_of(n: int) -> int:
    """Items with the same text: an original and its reposts share the original's number."""
    return group_of(n - 3000) if is_repost(n) else n


def make(n: int) -> dict[str, Any]:
    return {
        "external_id": f"p{n}",
        "channel": "mastodon",
        "text": text_of(n),
        "lang": "en" if "bike" in text_of(n) else "fr",
        "published_at": (START + timedelta(seconds=n)).isoformat(),
        "url": f"https://social.example/@u{n % 2500}/{n}",
        "author": {"handle": f"@u{n % 2500}@social.example", "name": name_of(n % 2500)},
    }


@dataclass
class PagingApi:
    """GET /items?after=N → up to PAGE items after N (and a few before: overlap), `next`."""

    total: int
    seed: int = 7
    p_429: float = 0.03
    p_503: float = 0.05

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.server = FakeServer({"/items": self.page})

    def page(self, request: Request) -> Reply:
        roll = self.rng.random()
        if roll < self.p_429:
            headers = {"Retry-After": "1", "X-RateLimit-Remaining": "0"}
            return Reply(429, headers, b'{"error": "too many requests"}')
        if roll < self.p_429 + self.p_503:
            return Reply(503, {"Content-Type": "text/plain"}, b"busy")
        query = parse_qs(urlsplit(request.path).query)
        after = int(query.get("after", ["0"])[0])
        first = max(after - self.rng.randint(0, 20), 0) + 1  # overlapping pages
        last = min(after + PAGE, self.total)
        body = {"items": [make(n) for n in range(first, last + 1)], "next": last}
        return Reply(200, {"Content-Type": "application/json"}, json.dumps(body).encode())


@dataclass(frozen=True)
class PagingConnector:
    url: str
    kind: str = "paging"

    def fetch(self, cursor: dict[str, Any]) -> FetchResult:
        after = int(cursor.get("after", 0))
        try:
            # allow_private: the fake API is on 127.0.0.1 (tests only, never user input).
            response = http.fetch(f"{self.url}?after={after}", allow_private=True)
        except http.FetchError as exc:
            raise ConnectorError(
                str(exc), retryable=exc.retryable, retry_after=exc.retry_after
            ) from exc
        page = json.loads(response.body)
        items = [item_from_dict(data) for data in page["items"]]
        return FetchResult(items=items, cursor={"after": page["next"]})
