"""News-media domains: pickup by the press is the step that turns a complaint into a crisis."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources

from sentinelle.stories.grouping.urls import canonical_url

DEFAULT_AUDIENCE = 100_000  # readers a day for a listed outlet without an estimate


@cache
def default_media() -> dict[str, int]:
    """The packaged list: domain → audience estimate."""
    text = resources.files(__package__).joinpath("data/media_domains.txt").read_text("utf-8")
    media: dict[str, int] = {}
    for line in text.splitlines():
        parts = line.split("#", 1)[0].split()
        if parts:
            media[parts[0].lower()] = int(parts[1]) if len(parts) > 1 else DEFAULT_AUDIENCE
    return media


class MediaDirectory:
    """Which hosts are news media, and how many readers they reach."""

    def __init__(self, extra: Iterable[str] | Mapping[str, int] = (), defaults: bool = True):
        self.audience: dict[str, int] = dict(default_media()) if defaults else {}
        items = extra.items() if isinstance(extra, Mapping) else ((d, None) for d in extra)
        for domain, audience in items:
            host = domain.lower().removeprefix("https://").removeprefix("http://")
            host = host.removeprefix("www.").split("/", 1)[0]
            self.audience[host] = int(audience or self.audience.get(host, DEFAULT_AUDIENCE))

    def outlet(self, url: str | None) -> str | None:
        """The listed outlet a link belongs to (sub-domains included), or None."""
        canon = canonical_url(url) if url else None
        if not canon:
            return None
        host = canon.split("/", 1)[0].split(":", 1)[0]
        while host:
            if host in self.audience:
                return host
            host = host.partition(".")[2]
        return None
