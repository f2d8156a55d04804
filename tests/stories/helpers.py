"""Mentions of one incident spreading, and unrelated everyday ones, for story tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.conftest import ingest_dicts, make_item

START = datetime(2026, 11, 16, 8, 0, tzinfo=UTC)

LOCK_TEXTS = [
    "Le cadenas Bastion U de Vélonova s'ouvre avec un stylo Bic en 10 secondes, scandaleux !",
    "Incroyable : mon Bastion U Vélonova ouvert avec un simple stylo bic. Remboursez-nous !",
    "Bastion U Vélonova : la vidéo du stylo bic qui ouvre le cadenas tourne partout, honteux.",
    "Je viens de tester, mon cadenas Bastion U Vélonova s'ouvre au stylo bic. Inacceptable.",
    "Vélonova vend un cadenas Bastion U qui s'ouvre avec un stylo bic, on se moque de nous.",
]
CHANNELS = ["blog", "forum", "mastodon", "bluesky", "reddit", "facebook", "news"]


def lock_item(n: int, *, minutes: int, channel: str | None = None) -> dict:
    channel = channel or CHANNELS[n % len(CHANNELS)]
    return make_item(
        1000 + n,
        channel=channel,
        source=f"Source {channel}",
        text=LOCK_TEXTS[n % len(LOCK_TEXTS)] + f" (#{n})",
        url=f"https://{channel}.example/post/{n}",
        published_at=(START + timedelta(minutes=minutes)).isoformat(),
        author={"handle": f"@lock{n}", "name": f"Cycliste {n}", "followers": 5000 + 100 * n},
        engagement={"likes": 50 + n, "shares": 20 + n, "replies": 5},
    )


def everyday_item(n: int, text: str, *, minutes: int) -> dict:
    return make_item(
        2000 + n,
        text=text,
        published_at=(START + timedelta(minutes=minutes)).isoformat(),
        author={"handle": f"@day{n}", "name": f"Client {n}", "followers": 12},
    )


def ingest(brand, items):
    return ingest_dicts(brand, items)
