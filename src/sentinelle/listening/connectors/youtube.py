"""YouTube comments through the Data API (`commentThreads`), optional: it needs an API key.

Each fetch reads the newest comment threads of one video or of all a channel's videos, one
page at a time (`order=time`), until it reaches a comment already seen. Without a key the
source fails with a message saying how to get one; the quota (10,000 units a day, one unit a
page) resets at midnight Pacific time, which is when a source that spent it tries again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sentinelle.core import http
from sentinelle.core.choices import Channel
from sentinelle.core.clock import now
from sentinelle.listening.connectors import ConnectorError, FetchResult, Reject
from sentinelle.listening.connectors import _api as api
from sentinelle.listening.items import AuthorInfo, ItemError, RawItem, safe_url

HOST = "https://www.googleapis.com"
PAGE = 100
MAX_PAGES = 3
# `commentThreads?id=` takes at most 50 ids a request (one quota unit each request).
THREADS_BATCH = 50
NO_KEY = (
    "youtube: no api_key; the YouTube Data API needs one: Google Cloud console → APIs & "
    'Services → enable "YouTube Data API v3" → Credentials → Create credentials → API key'
)


def _until_pacific_midnight() -> float:
    pacific = now().astimezone(ZoneInfo("America/Los_Angeles"))
    midnight = (pacific + timedelta(days=1)).replace(hour=0, minute=5, second=0, microsecond=0)
    return (midnight - pacific).total_seconds()


def _explain(exc: http.FetchError) -> str | None:
    if exc.status == 400:
        return "the API key is malformed or the video/channel id is wrong"
    if exc.status == 403:
        return (
            "the key was refused, comments are disabled, or the daily quota is spent "
            "(it resets at midnight Pacific time)"
        )
    if exc.status == 404:
        return "no such video or channel"
    return None


@dataclass(frozen=True)
class YouTubeConnector:
    api_key: str = field(repr=False)
    video_id: str = ""
    channel_id: str = ""
    api_url: str = f"{HOST}/youtube/v3"
    fetcher: api.Fetch | None = field(default=None, compare=False, repr=False)
    kind: str = "youtube"

    @classmethod
    def from_config(
        cls, config: dict[str, Any], *, fetcher: api.Fetch | None = None
    ) -> YouTubeConnector:
        key = config.get("api_key")
        if not isinstance(key, str) or not key.strip():
            raise ConnectorError(NO_KEY, retryable=False)
        video = str(config.get("video_id") or "")
        channel = str(config.get("channel_id") or "")
        if bool(video) == bool(channel):
            raise ConnectorError(
                'youtube: give either "video_id" (e.g. "Xk3bAs7i0nU") or "channel_id" '
                '(e.g. "UCvEl0n0vAteSt") — one of them',
                retryable=False,
            )
        for name, value in (("video_id", video), ("channel_id", channel)):
            if value and not (
                len(value) <= 64 and value.replace("-", "").replace("_", "").isalnum()
            ):
                raise ConnectorError(
                    f"youtube: {name} {value[:60]!r} is not a YouTube id", retryable=False
                )
        host = api.config_url({"u": config.get("api_url") or HOST}, "u", "youtube", HOST)
        return cls(key.strip(), video, channel, f"{host}/youtube/v3", fetcher)

    def fetch(self, cursor: dict[str, Any]) -> FetchResult:
        seen = api.seen_list(cursor)
        known = set(seen)
        target = (
            ("videoId", self.video_id)
            if self.video_id
            else (
                "allThreadsRelatedToChannelId",
                self.channel_id,
            )
        )
        base = [
            ("part", "snippet"),
            target,
            ("order", "time"),
            ("maxResults", PAGE),
            ("textFormat", "plainText"),
            ("key", self.api_key),
        ]
        fetched_at = now()
        items: list[RawItem] = []
        rejects: list[Reject] = []
        problems: list[str] = []
        token = None
        for _ in range(MAX_PAGES):
            url = api.with_query(f"{self.api_url}/commentThreads", [*base, ("pageToken", token)])
            try:
                response = api.get_json(self.fetcher or http.fetch, url, explain=_explain)
            except ConnectorError as exc:
                if "HTTP 403" in str(exc):
                    raise ConnectorError(
                        str(exc).replace(self.api_key, "…"),
                        retryable=True,
                        retry_after=_until_pacific_midnight(),
                    ) from None
                raise ConnectorError(
                    str(exc).replace(self.api_key, "…"),
                    retryable=exc.retryable,
                    retry_after=exc.retry_after,
                ) from None
            if response.charset_problem:
                problems.append(response.charset_problem)
            threads = api.as_list(response.data, "items", "youtube commentThreads")
            got, bad = api.read_entries(
                threads, lambda thread: self._item(thread, fetched_at), label="thread"
            )
            items += got
            rejects += bad
            token = response.data.get("nextPageToken")
            if not seen or not isinstance(token, str) or any(i.external_id in known for i in got):
                break
        return FetchResult(
            items=api.unseen(items, seen),
            cursor={"seen": api.remember(seen, [item.external_id for item in items])},
            problems=problems,
            rejects=rejects,
        )

    def _get_json(self, url: str) -> api.JsonResponse:
        """One API call; the key never appears in an error, a spent quota waits for midnight."""
        try:
            return api.get_json(self.fetcher or http.fetch, url, explain=_explain)
        except ConnectorError as exc:
            spent = "HTTP 403" in str(exc)
            raise ConnectorError(
                str(exc).replace(self.api_key, "…"),
                retryable=True if spent else exc.retryable,
                retry_after=_until_pacific_midnight() if spent else exc.retry_after,
            ) from None

    def engagement(
        self, mentions: Sequence[tuple[str, dict[str, Any]]]
    ) -> dict[str, dict[str, int]]:
        """Current likes and reply counts of top-level comments (`yt:comment:<id>`), read with
        `commentThreads?id=`, 50 a request; a deleted comment is not in the answer."""
        ids = list(
            dict.fromkeys(
                external_id.removeprefix("yt:comment:")
                for external_id, _ in mentions
                if external_id.startswith("yt:comment:")
                and external_id[11:].replace("-", "").replace("_", "").isalnum()
            )
        )
        counts: dict[str, dict[str, int]] = {}
        for start in range(0, len(ids), THREADS_BATCH):
            batch = ids[start : start + THREADS_BATCH]
            params = [("part", "snippet"), ("id", ",".join(batch)), ("key", self.api_key)]
            response = self._get_json(api.with_query(f"{self.api_url}/commentThreads", params))
            for thread in api.as_list(response.data, "items", "youtube commentThreads"):
                snippet = thread.get("snippet") if isinstance(thread, dict) else None
                comment = snippet.get("topLevelComment") if isinstance(snippet, dict) else None
                inner = comment.get("snippet") if isinstance(comment, dict) else None
                if not isinstance(inner, dict) or comment.get("id") not in batch:
                    continue
                found = {
                    key: value
                    for key, value in (
                        ("likes", api.count(inner.get("likeCount"))),
                        ("replies", api.count(snippet.get("totalReplyCount"))),
                    )
                    if value is not None
                }
                if found:
                    counts[f"yt:comment:{comment['id']}"] = found
        return counts

    def _item(self, thread: Any, fetched_at: datetime) -> RawItem:
        if not isinstance(thread, dict):
            raise ItemError(f"a thread must be an object, not {type(thread).__name__}")
        if thread.get("kind", "youtube#commentThread") != "youtube#commentThread":
            raise ItemError(f"kind {str(thread.get('kind'))[:60]!r} is not a comment thread")
        snippet = thread.get("snippet")
        comment = snippet.get("topLevelComment") if isinstance(snippet, dict) else None
        inner = comment.get("snippet") if isinstance(comment, dict) else None
        if not isinstance(inner, dict):
            raise ItemError("snippet.topLevelComment.snippet is missing")
        comment_id = api.identifier(comment, "id")
        text = api.body(inner, "textOriginal", required=False) or api.body(inner, "textDisplay")
        video = api.text(inner, "videoId", limit=64) or api.text(snippet, "videoId", limit=64)
        name = api.text(inner, "authorDisplayName", limit=255)
        channel_url = inner.get("authorChannelUrl") or ""
        try:
            profile = safe_url(channel_url, "authorChannelUrl")
        except ItemError:
            profile = ""
        author_id = inner.get("authorChannelId")
        handle = name or (
            api.text(author_id, "value", limit=100) if isinstance(author_id, dict) else ""
        )
        return RawItem(
            external_id=f"yt:comment:{comment_id}",
            text=text,
            published_at=api.timestamp(inner.get("publishedAt"), "publishedAt", fetched_at),
            channel=Channel.YOUTUBE,
            url=f"https://www.youtube.com/watch?v={video}&lc={comment_id}" if video else "",
            author=AuthorInfo(handle=handle, name=name, profile_url=profile) if handle else None,
            engagement={
                key: value
                for key, value in (
                    ("likes", api.count(inner.get("likeCount"))),
                    ("replies", api.count(snippet.get("totalReplyCount"))),
                )
                if value is not None
            },
            extra={"video_id": video},
        )


def connector_from_config(config: dict[str, Any]) -> YouTubeConnector:
    return YouTubeConnector.from_config(config)
