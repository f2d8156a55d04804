"""RSS and Atom feeds: blogs, news sites, forums, YouTube channels, Reddit and alert feeds.

The feed is fetched by the guarded client and parsed from bytes; feedparser never sees a URL
(it would fetch it itself, unguarded) nor raw bytes (it would try them as a file name).
"""

from __future__ import annotations

import calendar
import hashlib
import io
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sentinelle.core import http
from sentinelle.core.choices import Channel
from sentinelle.core.clock import now
from sentinelle.listening.connectors import ConnectorError, FetchResult, newest_seen, window_gap
from sentinelle.listening.items import (
    MAX_ID_CHARS,
    MAX_TEXT_CHARS,
    AuthorInfo,
    ItemError,
    RawItem,
    safe_url,
)

log = logging.getLogger(__name__)

CHANNELS = ("blog", "forum", "news", "youtube", "reddit")
MAX_FEED_BYTES = 5_000_000
SEEN_LIMIT = 500
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1"
)

_RSS_AUTHOR = re.compile(r"^([^\s@()]+@[^\s@()]+)\s*\(([^()]+)\)$")

Fetch = Callable[..., http.HttpResponse]


def _short_hash(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _default_channel(url: str) -> str:
    host = url.split("/")[2].lower() if url.count("/") >= 2 else ""
    if host.endswith(("youtube.com", "youtu.be")):
        return Channel.YOUTUBE
    if host.endswith("reddit.com"):
        return Channel.REDDIT
    return Channel.BLOG


@dataclass(frozen=True)
class RssConnector:
    url: str
    channel: str = Channel.BLOG
    fetcher: Fetch | None = field(default=None, compare=False)
    kind: str = "rss"

    @classmethod
    def from_config(cls, config: dict[str, Any], *, fetcher: Fetch | None = None) -> RssConnector:
        try:
            url = safe_url(config.get("url"), "url")
        except ItemError as exc:
            raise ConnectorError(
                f"an rss source needs an http(s) url: {exc}", retryable=False
            ) from None
        if not url:
            raise ConnectorError(
                'an rss source needs {"url": "https://example.com/feed.xml"}', retryable=False
            )
        channel = config.get("channel") or _default_channel(url)
        if channel not in CHANNELS:
            raise ConnectorError(
                f"channel {channel!r} is not one of {', '.join(CHANNELS)}", retryable=False
            )
        return cls(url=url, channel=channel, fetcher=fetcher)

    def fetch(self, cursor: dict[str, Any]) -> FetchResult:
        headers = {"Accept": ACCEPT}
        if cursor.get("etag"):
            headers["If-None-Match"] = str(cursor["etag"])
        if cursor.get("modified"):
            headers["If-Modified-Since"] = str(cursor["modified"])
        # Looked up at call time so that tests can route the real guarded client.
        fetch = self.fetcher or http.fetch
        try:
            response = fetch(self.url, headers=headers, max_bytes=MAX_FEED_BYTES)
        except http.FetchError as exc:
            raise ConnectorError(str(exc), retryable=exc.retryable) from None
        if response.status == 304:
            return FetchResult(items=[], cursor=dict(cursor))
        fetched_at = now()
        parsed = _parse(response, base=self.url)
        seen = list(cursor.get("seen") or [])
        known = set(seen)
        items, problems, current = [], [], []
        for number, entry in enumerate(parsed.entries, 1):
            try:
                item = self._item(entry, parsed.feed, fetched_at)
            except (
                ItemError,
                ValueError,
                TypeError,
                AttributeError,
                KeyError,
                OverflowError,
            ) as exc:
                label = entry.get("id") or entry.get("link") or f"#{number}"
                problems.append(f"entry {number} ({str(label)[:80]}): {exc}")
                continue
            key = _short_hash(item.external_id)
            current.append(key)
            if key not in known:
                known.add(key)
                items.append(item)
        if parsed.bozo and not current:
            # Entries salvaged from a broken document, none of them readable: report the cause.
            raise ConnectorError(_not_a_feed(response, parsed), retryable=False)
        # Every id still in the feed is remembered, whatever the limit, so none comes back.
        in_feed = set(current)
        kept = list(dict.fromkeys(current)) + [key for key in seen if key not in in_feed]
        new_cursor: dict[str, Any] = {"seen": kept[: max(SEEN_LIMIT, len(current))]}
        if newest := newest_seen(cursor, items):
            new_cursor["newest"] = newest
        for name, header in (("etag", "etag"), ("modified", "last-modified")):
            if response.header(header):
                new_cursor[name] = response.header(header)[:200]
        # A feed keeps its last N entries: none of them seen before means some may be lost.
        gap = window_gap(cursor, items, overlapped=bool(in_feed & set(seen)))
        return FetchResult(items=items, cursor=new_cursor, problems=problems, gap=gap)

    def _item(self, entry: Any, feed: Any, fetched_at: datetime) -> RawItem:
        title = _plain(entry.get("title"))[:500]
        text, content_type, lang = _body(entry)
        if not text:
            text, content_type = title, "text/plain"
        if not text:
            raise ItemError("the entry has neither text nor title")
        try:
            url = safe_url(entry.get("link") or "")
        except ItemError:  # javascript:, data:… links are dropped, the entry is kept
            url = ""
        external_id = str(entry.get("id") or entry.get("link") or "")
        if not external_id or len(external_id) > MAX_ID_CHARS:
            external_id = (
                "sha256:"
                + hashlib.sha256(
                    f"{external_id}\n{title}\n{text}".encode("utf-8", "surrogatepass")
                ).hexdigest()
            )
        return RawItem(
            external_id=external_id,
            text=text[:MAX_TEXT_CHARS],
            published_at=_published(entry, fetched_at),
            channel=self.channel,
            content_type=content_type,
            url=url,
            title=title,
            lang=_language(lang or feed.get("language")),
            author=_author(entry),
            engagement=_engagement(entry),
        )


def _not_a_feed(response: http.HttpResponse, parsed: Any) -> str:
    reason = parsed.get("bozo_exception") or "unreadable"
    return f"{response.url[:200]} is not a valid RSS or Atom feed: {reason}"


def _parse(response: http.HttpResponse, *, base: str) -> Any:
    import feedparser  # loaded on first use: the CLI must stay fast to start

    # Relative links resolve against the configured URL, not the final one after redirects,
    # because feedparser also resolves relative ids and those must not change between fetches.
    headers = {
        "content-location": base,
        "content-type": response.header("content-type") or "application/xml",
    }
    parsed = feedparser.parse(
        io.BytesIO(response.body), response_headers=headers, sanitize_html=True
    )
    if not parsed.entries:
        if parsed.bozo:
            raise ConnectorError(_not_a_feed(response, parsed), retryable=False)
        if not parsed.get("version") and not parsed.get("feed"):
            raise ConnectorError(
                f"{response.url[:200]} is not an RSS or Atom feed", retryable=False
            )
    elif parsed.bozo:
        log.info(
            "feed %s is not well-formed, entries kept: %s", response.url, parsed.bozo_exception
        )
    return parsed


def _plain(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _body(entry: Any) -> tuple[str, str, str]:
    """The entry's text, its content type and language; HTML content is preferred."""
    candidates = [c for c in entry.get("content") or [] if isinstance(c.get("value"), str)]
    candidates.sort(key=lambda c: "html" not in str(c.get("type", "")))
    detail = candidates[0] if candidates else entry.get("summary_detail")
    value = detail.get("value") if detail else entry.get("summary")
    if not isinstance(value, str) or not value.strip():
        return "", "text/plain", ""
    kind = str(detail.get("type", "text/html")) if detail else "text/html"
    content_type = "text/html" if "html" in kind else "text/plain"
    return value.strip(), content_type, str((detail or {}).get("language") or "")


def _published(entry: Any, fetched_at: datetime) -> datetime:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        # dict.get: feedparser's own lookup maps a missing updated_parsed to published_parsed.
        parsed = dict.get(entry, key)
        if parsed:
            moment = datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
            # A date in the future would pin the item to the top of every list: use receipt.
            return min(moment, fetched_at)
    return fetched_at


def _language(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    primary = value.strip().replace("_", "-").split("-")[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None


def _author(entry: Any) -> AuthorInfo | None:
    detail = entry.get("author_detail") or {}
    name = _plain(detail.get("name")) or _plain(entry.get("author"))
    email = _plain(detail.get("email"))
    # RSS writes "email (Name)"; feedparser's own split truncates long top-level domains.
    rss_author = _RSS_AUTHOR.match(_plain(entry.get("author")))
    if rss_author:
        email, name = rss_author[1], rss_author[2].strip()
    handle = (name or email)[:255]
    if not handle:
        return None
    try:
        profile = safe_url(detail.get("href") or "", "author.profile_url")
    except ItemError:
        profile = ""
    valid_email = email if "@" in email and len(email) <= 254 else ""
    return AuthorInfo(handle=handle, name=name[:255], profile_url=profile, email=valid_email)


def _engagement(entry: Any) -> dict[str, int | None]:
    """Views from YouTube feeds (media:community/media:statistics)."""
    views = (entry.get("media_statistics") or {}).get("views")
    return {"views": int(views)} if isinstance(views, str) and views.isdigit() else {}
