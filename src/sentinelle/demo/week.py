"""The demo week of the fictional bike maker Vélonova: about 2,000 items in the JSONL import
format, with the generator's own ground truth under ``truth``.

    from sentinelle.demo.week import generate_week, write_jsonl
    write_jsonl(generate_week(), "var/demo-week.jsonl")

The week is deterministic for a seed and a start; another start shifts every timestamp by the
same delta (the daily rhythm assumes the start is a midnight UTC). Pure standard library.
"""

from __future__ import annotations

import json
import os
import re
from datetime import UTC, datetime, timedelta
from typing import Any

from sentinelle.demo import (
    story_background,
    story_everyday,
    story_incidents,
    story_lock,
    story_lock_social,
    story_rebate,
)
from sentinelle.demo.engine import Node, World
from sentinelle.demo.sources import NEWS_DOMAINS, SOURCES, assign_ids

DEFAULT_START = datetime(2026, 11, 16, tzinfo=UTC)  # a Monday
DEFAULT_SEED = 20261116

DEMO_BRAND: dict[str, Any] = {
    "name": "Vélonova",
    "slug": "velonova",
    "timezone": "Europe/Paris",
    "languages": ["fr", "en"],
    "description": (
        "Fabricant et détaillant de vélos, vélos électriques, antivols et accessoires, en France "
        "et au Québec : boutique en ligne avec livraison, magasins et ateliers."
    ),
    "website": "https://velonova.example",
    "media_domains": NEWS_DOMAINS,
    "sources": [
        {"key": key, "channel": src.channel, "name": src.name, "url": src.base}
        for key, src in SOURCES.items()
    ],
}
STORIES = (
    "pen-lock",
    "rebate",
    "delivery-video",
    "battery",
    "everyday",
    "praise",
    "question",
    "spam",
    "news",
    "brand-reply",
)
_ORDER = re.compile(r"\bVN-\d{6}\b")


def generate_week(
    *, start: datetime | None = None, seed: int = DEFAULT_SEED
) -> list[dict[str, Any]]:
    """The demo week starting at ``start`` (aware; default Monday 2026-11-16 00:00 UTC), sorted
    by ``published_at``."""
    if start is None:
        start = DEFAULT_START
    if start.tzinfo is None or start.utcoffset() is None:
        raise ValueError("start must be an aware datetime")
    start = start.astimezone(UTC).replace(microsecond=0)
    world = World(seed, start)
    story_lock.build(world)
    story_lock_social.build(world)
    story_rebate.build(world)
    story_incidents.build_delivery(world)
    story_incidents.build_battery(world)
    story_background.neutral_news(world)
    story_everyday.build(world)
    story_background.praise(world)
    story_background.questions(world)
    story_background.spam(world)
    story_background.noise(world)
    nodes = sorted(world.nodes, key=lambda n: (n.t, n.seq))
    assign_ids(world, nodes)
    return [_as_item(node, start) for node in nodes]


def _as_item(node: Node, start: datetime) -> dict[str, Any]:
    personal = node.channel in ("email", "form")
    order = _ORDER.search(node.text) or _ORDER.search(node.title or "")
    return {
        "channel": node.channel,
        "source": SOURCES[node.source].name,
        "external_id": node.external_id,
        "url": None if personal else node.url,
        "title": node.title,
        "text": node.text,
        "content_type": "text/html" if node.html else "text/plain",
        "lang": node.platform_lang,
        "published_at": (start + timedelta(seconds=node.t)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "author": node.author.as_dict(),
        "parent_external_id": node.parent.external_id if node.parent is not None else None,
        "engagement": {
            "likes": node.likes,
            "shares": node.shares,
            "replies": 0 if personal else node.children + node.replies,
            "views": node.views,
        },
        "references": {"order": order.group(0)} if order else {},
        "is_brand": node.is_brand,
        "truth": {
            "story": node.story,
            "complaint": node.complaint,
            "severity": node.severity,
            "customer": node.customer,
            "note": node.note,
            "lang": node.lang,
        },
    }


def write_jsonl(items: list[dict[str, Any]], path: str | os.PathLike[str]) -> int:
    """Writes one JSON object a line (UTF-8); returns the number of lines."""
    with open(path, "w", encoding="utf-8") as handle:
        for item in items:
            handle.write(json.dumps(item, ensure_ascii=False, sort_keys=False) + "\n")
    return len(items)
