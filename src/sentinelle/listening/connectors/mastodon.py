"""Mastodon: search, hashtag, account and home timelines, mentions, and the streaming API.

REST pages are read newest-first with `min_id` = the newest id already seen, so each fetch
returns the page right after the cursor and nothing is skipped. The streaming API has no
resume: a streaming fetch first fills the gap since its cursor from the matching timeline,
then listens for a bounded time.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import quote, urlsplit

from sentinelle.core import http, ws
from sentinelle.core.choices import Channel
from sentinelle.core.clock import now
from sentinelle.listening.connectors import ConnectorError, FetchResult, Reject
from sentinelle.listening.connectors import _api as api
from sentinelle.listening.items import AuthorInfo, ItemError, RawItem, safe_url

PAGE = 40
# Statuses re-read per engagement call: the API reads one at a time, and a default token gets
# 300 requests per 5 minutes; what is left over waits for the next call.
ENGAGEMENT_BATCH = 40
MODES = ("search", "hashtag", "account", "mentions", "home", "public", "stream")
STREAMS = {"hashtag": "hashtag", "public": "public", "user": "home", "mentions": "mentions"}
NEEDS_TOKEN = {"search", "mentions", "home"}
EXAMPLE = '{"instance": "https://mastodon.social", "mode": "hashtag", "hashtag": "velonova"}'

WsConnect = Callable[..., ws.WsSession]


def _id_key(value: str) -> tuple[int, str]:
    # Mastodon ids are numeric strings of growing length: compare by length, then text.
    return (len(value), value)


def _newest(ids: list[str], previous: str | None) -> str | None:
    candidates = [i for i in ids if i.isdigit()] + ([previous] if previous else [])
    return max(candidates, key=_id_key) if candidates else None


@dataclass(frozen=True)
class MastodonConnector:
    """One REST timeline of one instance."""

    instance: str
    mode: str
    token: str = ""
    query: str = ""
    fetcher: api.Fetch | None = field(default=None, compare=False, repr=False)
    kind: str = "mastodon"

    @classmethod
    def from_config(
        cls, config: dict[str, Any], *, fetcher: api.Fetch | None = None
    ) -> MastodonConnector:
        instance = api.config_url(config, "instance", "mastodon", "https://mastodon.social")
        mode = config.get("mode") or "hashtag"
        if mode not in MODES or mode == "stream":
            raise ConnectorError(
                f"mastodon: mode {mode!r} is not one of {', '.join(MODES)}", retryable=False
            )
        token = config.get("access_token") or ""
        if not isinstance(token, str):
            raise ConnectorError("mastodon: access_token must be text", retryable=False)
        if mode in NEEDS_TOKEN and not token.strip():
            raise ConnectorError(
                f"mastodon: mode {mode!r} needs an access_token (Preferences → Development → "
                "New application, scope read:statuses read:notifications read:search)",
                retryable=False,
            )
        query = ""
        if mode == "search":
            query = api.config_text(config, "query", "mastodon", '"velonova"')
        elif mode == "hashtag":
            query = api.config_text(config, "hashtag", "mastodon", '"velonova"').lstrip("#")
            if not query.replace("_", "").isalnum():
                raise ConnectorError(
                    f"mastodon: hashtag {query[:60]!r} must be letters, digits or _",
                    retryable=False,
                )
        elif mode == "account":
            query = api.config_text(config, "account", "mastodon", '"velonova@mastodon.social"')
            query = query.lstrip("@")
        return cls(instance, mode, token.strip(), query[:500], fetcher)

    @property
    def host(self) -> str:
        return urlsplit(self.instance).hostname or ""

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def _get(self, path: str, params: dict[str, Any] | list[tuple[str, Any]]) -> api.JsonResponse:
        fetch = self.fetcher or http.fetch
        return api.get_json(
            fetch, api.with_query(self.instance + path, params), headers=self._headers()
        )

    def _account_id(self, cursor: dict[str, Any]) -> str:
        known = cursor.get("account_id")
        if isinstance(known, str) and known.isdigit():
            return known
        found = self._get("/api/v1/accounts/lookup", {"acct": self.query}).data
        account_id = found.get("id") if isinstance(found, dict) else None
        if not isinstance(account_id, str) or not account_id.isdigit():
            raise ConnectorError(
                f"mastodon: {self.instance} returned no id for account {self.query!r}",
                retryable=False,
            )
        return account_id

    def fetch(self, cursor: dict[str, Any]) -> FetchResult:
        min_id = cursor.get("min_id") if isinstance(cursor.get("min_id"), str) else None
        extra: dict[str, Any] = {}
        page: list[tuple[str, Any]] = [("limit", PAGE), ("min_id", min_id)]
        key: str | None = None
        if self.mode == "search":
            path, key = "/api/v2/search", "statuses"
            page += [("q", self.query), ("type", "statuses"), ("resolve", "false")]
        elif self.mode == "hashtag":
            path = f"/api/v1/timelines/tag/{quote(self.query, safe='')}"
        elif self.mode == "account":
            extra["account_id"] = self._account_id(cursor)
            path = f"/api/v1/accounts/{extra['account_id']}/statuses"
        elif self.mode == "mentions":
            path = "/api/v1/notifications"
            page.append(("types[]", "mention"))
        elif self.mode == "home":
            path = "/api/v1/timelines/home"
        else:
            path = "/api/v1/timelines/public"
        response = self._get(path, page)
        entries = api.as_list(response.data, key, f"{self.instance}{path}")
        parse = self.notification_item if self.mode == "mentions" else self.status_item
        fetched_at = now()
        items, rejects = api.read_entries(
            entries, lambda entry: parse(entry, fetched_at), label="entry"
        )
        ids = [e["id"] for e in entries if isinstance(e, dict) and isinstance(e.get("id"), str)]
        newest = _newest(ids, min_id)
        new_cursor = {**extra, **({"min_id": newest} if newest else {})}
        problems = [response.charset_problem] if response.charset_problem else []
        return FetchResult(
            items=api.unseen(items, []),
            cursor=new_cursor,
            problems=problems,
            rejects=rejects,
            retry_after=response.retry_after,
        )

    def engagement(
        self, mentions: Sequence[tuple[str, dict[str, Any]]]
    ) -> dict[str, dict[str, int]]:
        """Current counts of this instance's statuses by external id (`/api/v1/statuses/:id`).

        At most ENGAGEMENT_BATCH statuses per call; a deleted or hidden one (404, 410) is left
        out, and reading stops early when the rate-limit window is spent.
        """
        counts: dict[str, dict[str, int]] = {}
        wanted = [
            (external_id, local)
            for external_id, raw in mentions
            if isinstance(raw, dict)
            and isinstance(local := raw.get("mastodon_id"), str)
            and local.isdigit()
        ]
        for external_id, local in wanted[:ENGAGEMENT_BATCH]:
            try:
                response = self._get(f"/api/v1/statuses/{local}", [])
            except ConnectorError as exc:
                if any(f"HTTP {code}" in str(exc) for code in (404, 410)):
                    continue
                raise
            status = response.data if isinstance(response.data, dict) else {}
            found = _status_counts(status)
            if found:
                counts[external_id] = found
            if response.retry_after is not None:
                break
        return counts

    def notification_item(self, entry: Any, fetched_at: datetime) -> RawItem | None:
        if not isinstance(entry, dict):
            raise ItemError(f"a notification must be an object, not {type(entry).__name__}")
        if api.text(entry, "type", required=True) != "mention":
            return None
        if not isinstance(entry.get("status"), dict):
            raise ItemError("a mention notification without its status")
        return self.status_item(entry["status"], fetched_at)

    def status_item(self, status: Any, fetched_at: datetime) -> RawItem:
        """A Mastodon Status entity as an item (a boost stands for the boosted status)."""
        if not isinstance(status, dict):
            raise ItemError(f"a status must be an object, not {type(status).__name__}")
        if isinstance(status.get("reblog"), dict):
            status = status["reblog"]
        local_id = api.identifier(status, "id")
        external_id = api.text(status, "uri", limit=600) or f"{self.instance}/statuses/{local_id}"
        if len(external_id) > 512:
            raise ItemError("uri is longer than 512 characters")
        content = api.body(status, "content", required=False)
        if not content.strip() and not status.get("media_attachments"):
            raise ItemError("content is empty and there is no media")
        try:
            url = safe_url(status.get("url") or "")
        except ItemError:
            url = ""
        language = api.text(status, "language", limit=8).lower() or None
        return RawItem(
            external_id=external_id,
            text=content or "(media without text)",
            published_at=api.timestamp(status.get("created_at"), "created_at", fetched_at),
            channel=Channel.MASTODON,
            content_type="text/html",
            url=url,
            title=api.text(status, "spoiler_text", limit=500),
            lang=language if language and language.isalpha() else None,
            author=self._author(status.get("account")),
            engagement={
                name: api.count(status.get(key))
                for name, key in (
                    ("likes", "favourites_count"),
                    ("shares", "reblogs_count"),
                    ("replies", "replies_count"),
                )
                if api.count(status.get(key)) is not None
            },
            extra={
                "mastodon_id": local_id,
                "in_reply_to_id": api.text(status, "in_reply_to_id", limit=40) or None,
                "visibility": api.text(status, "visibility", limit=20),
            },
        )

    def _author(self, account: Any) -> AuthorInfo:
        if not isinstance(account, dict):
            raise ItemError("account is missing")
        acct = api.text(account, "acct", limit=250, required=True)
        handle = f"@{acct}" if "@" in acct else f"@{acct}@{self.host}"
        try:
            profile = safe_url(account.get("url") or "", "account.url")
        except ItemError:
            profile = ""
        return AuthorInfo(
            handle=handle[:255],
            name=api.text(account, "display_name", limit=255),
            followers=api.count(account.get("followers_count")),
            profile_url=profile,
        )


@dataclass(frozen=True)
class MastodonStreamConnector:
    """The streaming API over WebSocket, read for a bounded time and number of events."""

    rest: MastodonConnector
    stream: str
    hashtag: str = ""
    streaming_url: str = ""
    max_events: int = 500
    max_seconds: float = 20.0
    max_reconnects: int = 2
    connect: WsConnect | None = field(default=None, compare=False, repr=False)
    kind: str = "mastodon"

    @classmethod
    def from_config(
        cls,
        config: dict[str, Any],
        *,
        fetcher: api.Fetch | None = None,
        connect: WsConnect | None = None,
    ) -> MastodonStreamConnector:
        stream = config.get("stream") or "hashtag"
        if stream not in STREAMS:
            raise ConnectorError(
                f"mastodon: stream {stream!r} is not one of {', '.join(STREAMS)}", retryable=False
            )
        rest_config = {**config, "mode": STREAMS[stream]}
        rest = MastodonConnector.from_config(rest_config, fetcher=fetcher)
        if not rest.token:
            raise ConnectorError(
                "mastodon: the streaming API needs an access_token (scope read)", retryable=False
            )
        streaming = config.get("streaming_url") or ""
        if streaming:
            base = api.config_url(
                {"u": str(streaming).replace("wss://", "https://").replace("ws://", "http://")},
                "u",
                "mastodon streaming_url",
                "wss://streaming.mastodon.social",
            )
        else:
            base = rest.instance
        ws_base = base.replace("https://", "wss://", 1).replace("http://", "ws://", 1)
        return cls(
            rest=rest,
            stream=stream,
            hashtag=rest.query if stream == "hashtag" else "",
            streaming_url=ws_base,
            max_events=api.config_int(config, "max_events", "mastodon", 500, 1, 10_000),
            max_seconds=float(api.config_int(config, "max_seconds", "mastodon", 20, 1, 600)),
            connect=connect,
        )

    def _url(self) -> str:
        name = {"user": "user", "mentions": "user:notification"}.get(self.stream, self.stream)
        params = [("stream", name)] + ([("tag", self.hashtag)] if self.hashtag else [])
        return api.with_query(f"{self.streaming_url}/api/v1/streaming", params)

    def fetch(self, cursor: dict[str, Any]) -> FetchResult:
        result = FetchResult(items=[], cursor=dict(cursor))
        if cursor.get("min_id"):
            # The stream cannot replay what happened while we were away: the timeline can.
            result = self.rest.fetch(cursor)
        seen = {item.external_id for item in result.items}
        newest = result.cursor.get("min_id")
        connect = self.connect or ws.connect
        budget = self.max_events
        for attempt in range(self.max_reconnects + 1):
            try:
                session = connect(
                    self._url(), headers={"Authorization": f"Bearer {self.rest.token}"}
                )
            except ws.WsError as exc:
                if attempt == 0 and not result.items:
                    raise _stream_error(exc) from None
                result.problems.append(f"reconnect to the stream failed: {exc}")
                break
            got = 0
            with session:
                try:
                    for message in session.messages(
                        max_messages=budget, max_seconds=self.max_seconds
                    ):
                        got += 1
                        newest = self._event(message, result, seen, newest)
                except ws.WsError as exc:
                    result.problems.append(str(exc))
                    if not exc.retryable:
                        result.rejects.append(Reject.of(f"stream message refused: {exc}", ""))
            budget -= got
            if budget <= 0 or not session.closed_by_server or got == 0:
                break
        if newest:
            result.cursor["min_id"] = newest
        return result

    def engagement(
        self, mentions: Sequence[tuple[str, dict[str, Any]]]
    ) -> dict[str, dict[str, int]]:
        """Current counts, read over REST (the stream only tells about new statuses)."""
        return self.rest.engagement(mentions)

    def _event(
        self, message: str | bytes, result: FetchResult, seen: set[str], newest: str | None
    ) -> str | None:
        """Read one streaming event into `result`; returns the newest status id so far."""
        try:
            event = json.loads(message)
            if not isinstance(event, dict):
                raise ItemError("an event must be a JSON object")
            name = api.text(event, "event", limit=40, required=True)
            if name not in ("update", "notification", "status.update"):
                return newest  # delete, filters_changed, announcement…: nothing to store
            raw = event.get("payload")
            if not isinstance(raw, str):
                raise ItemError("payload must be a JSON string")
            entity = json.loads(raw)
            fetched_at = now()
            if name == "notification":
                item = self.rest.notification_item(entity, fetched_at)
            else:
                item = self.rest.status_item(entity, fetched_at)
        except (*api.ITEM_ERRORS, RecursionError) as exc:
            text = message if isinstance(message, str) else message[:200_000]
            reason = f"stream event: {exc}"
            if isinstance(exc, UnicodeDecodeError):
                reason = "stream event: not UTF-8 text"
            result.rejects.append(Reject.of(reason, text))
            return newest
        if item is None:
            return newest
        if item.external_id not in seen:
            seen.add(item.external_id)
            result.items.append(item)
        # The cursor holds ids of what the backfill timeline lists: notifications for the
        # mentions stream, statuses for the others.
        if (name == "notification") != (self.stream == "mentions"):
            return newest
        local = entity.get("id")
        return _newest([local] if isinstance(local, str) else [], newest)


def _status_counts(status: dict[str, Any]) -> dict[str, int]:
    if isinstance(status.get("reblog"), dict):
        status = status["reblog"]
    pairs = (
        ("likes", "favourites_count"),
        ("shares", "reblogs_count"),
        ("replies", "replies_count"),
    )
    return {name: value for name, key in pairs if (value := api.count(status.get(key))) is not None}


def _stream_error(exc: ws.WsError) -> ConnectorError:
    message = str(exc)
    if exc.status in (401, 403):
        message += ": the access token was refused"
    wait = exc.retry_after
    if wait is None and exc.status == 429:
        wait = api.rate_limit_wait(exc.headers, exhausted=True) or 60.0
    return ConnectorError(message, retryable=exc.retryable, retry_after=wait)


def connector_from_config(
    config: dict[str, Any],
) -> MastodonConnector | MastodonStreamConnector:
    if config.get("mode") == "stream":
        return MastodonStreamConnector.from_config(config)
    return MastodonConnector.from_config(config)
