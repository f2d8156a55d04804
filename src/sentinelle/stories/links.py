"""Shortened links resolved through the guarded client, so that two posts sharing the same
article through bit.ly and t.co share the same link for the story grouping.

An after-store step (before the story engine): each new shortened link is followed with a HEAD
request (then GET if the shortener refuses HEAD), at most `MAX_PER_BATCH` a batch, a few
seconds each; the result (or the error) is kept in `ShortLink`, so a link is resolved once and
a replay of the engine sees the same target.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings

from sentinelle.core import http
from sentinelle.listening.models import Mention
from sentinelle.stories.models import ShortLink

log = logging.getLogger(__name__)
MAX_PER_BATCH = 20
_LINK = re.compile(r"https?://[^\s<>\"'()\[\]{}]+", re.IGNORECASE)


@lru_cache(maxsize=1)
def _shortener_hosts() -> frozenset[str]:
    return frozenset(settings.SENTINELLE_SHORTENERS)


def short_links(text: str) -> list[str]:
    """The shortened links written in a text."""
    hosts = _shortener_hosts()
    out = []
    for link in _LINK.findall(text or ""):
        link = link.rstrip(".,;:!?…»")
        try:
            host = (urlsplit(link).hostname or "").removeprefix("www.")
        except ValueError:
            continue
        if host in hosts and link not in out:
            out.append(link[:500])
    return out


def resolve_short_links(mentions: Sequence[Mention]) -> int:
    """After-store step: resolve the batch's new shortened links; returns how many."""
    wanted = []
    for mention in mentions:
        for link in short_links(f"{mention.title}\n{mention.text_raw}"):
            if link not in wanted:
                wanted.append(link)
    known = set(ShortLink.objects.filter(url__in=wanted).values_list("url", flat=True))
    resolved = 0
    for link in [w for w in wanted if w not in known][:MAX_PER_BATCH]:
        ShortLink.objects.get_or_create(url=link, defaults=_follow(link))
        resolved += 1
    return resolved


def _follow(link: str) -> dict[str, str]:
    for method in ("HEAD", "GET"):
        try:
            response = http.fetch(
                link,
                method=method,
                max_bytes=64_000,
                timeout=4,
                allow_private=settings.SENTINELLE_OUTBOUND_ALLOW_PRIVATE,
            )
        except http.FetchError as exc:
            error = str(exc)[:300]
            if exc.status in {405, 403, 400} and method == "HEAD":
                continue
            return {"target": "", "error": error}
        return {"target": response.url[:2000], "error": ""}
    return {"target": "", "error": error}


def expand(text: str) -> str:
    """The text with each resolved shortened link replaced by its target."""
    links = short_links(text)
    if not links:
        return text
    targets = dict(
        ShortLink.objects.filter(url__in=links).exclude(target="").values_list("url", "target")
    )
    for link, target in targets.items():
        text = text.replace(link, target)
    return text
