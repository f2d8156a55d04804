"""Bluesky: search (`app.bsky.feed.searchPosts`) and real time through Jetstream.

Search reads the newest posts since the cursor's time (with a margin, duplicates dropped by
their `at://` URI). Jetstream is a WebSocket stream of repository commits; its cursor is a
time in microseconds, replayed from a little before on reconnect so nothing falls between two
sessions.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sentinelle.core import http, ws
from sentinelle.core.choices import Channel
from sentinelle.core.clock import now, parse_utc
from sentinelle.listening.connectors import ConnectorError, FetchResult, Reject
from sentinelle.listening.connectors import _api as api
from sentinelle.listening.connectors._auth import cached_token, forget_token
from sentinelle.listening.items import AuthorInfo, ItemError, RawItem

PUBLIC_API = "https://public.api.bsky.app"
PDS = "https://bsky.social"
JETSTREAM = "wss://jetstream2.us-east.bsky.network"
POST = "app.bsky.feed.post"
PAGE = 100
MAX_PAGES = 3
SINCE_MARGIN = timedelta(minutes=2)
REWIND_US = 2_000_000
# Past an oversized message that comes back at every resume, the cursor jumps this far.
SKIP_US = REWIND_US + 1_000_000
# `app.bsky.feed.getPosts` takes at most 25 URIs a request.
GET_POSTS_BATCH = 25
ENGAGEMENT_PAIRS = (("likes", "likeCount"), ("shares", "repostCount"), ("replies", "replyCount"))

WsConnect = Callable[..., ws.WsSession]


def _post_url(author: str, uri: str) -> str:
    rkey = uri.rsplit("/", 1)[-1]
    return f"https://bsky.app/profile/{author}/post/{rkey}"


def _record_item(
    record: Any,
    *,
    uri: str,
    author: AuthorInfo,
    fetched_at: datetime,
    engagement: dict[str, int | None] | None = None,
) -> RawItem:
    if not isinstance(record, dict):
        raise ItemError("record must be an object")
    kind = record.get("$type", POST)
    if kind != POST:
        raise ItemError(f"record $type is {str(kind)[:60]!r}, not {POST}")
    text = api.body(record, "text", required=False)
    if not text.strip() and not isinstance(record.get("embed"), dict):
        raise ItemError("the post has neither text nor embed")
    langs = record.get("langs")
    lang = langs[0] if isinstance(langs, list) and langs and isinstance(langs[0], str) else ""
    primary = lang.split("-")[0].lower()
    reply = record.get("reply")
    parent = reply.get("parent") if isinstance(reply, dict) else None
    parent_uri = api.text(parent, "uri", limit=512) if isinstance(parent, dict) else ""
    return RawItem(
        external_id=uri,
        text=text or "(embed without text)",
        published_at=api.timestamp(record.get("createdAt"), "createdAt", fetched_at),
        channel=Channel.BLUESKY,
        url=_post_url(author.handle.lstrip("@"), uri),
        lang=primary if primary.isalpha() and len(primary) <= 3 else None,
        author=author,
        parent_external_id=parent_uri or None,
        engagement=engagement or {},
    )


def _at_uri(value: str) -> str:
    if not value.startswith("at://") or value.count("/") < 4 or len(value) > 512:
        raise ItemError(f"uri {value[:80]!r} is not an at:// post address")
    return value


def post_counts(
    fetch: api.Fetch,
    service: str,
    uris: Sequence[str],
    headers: dict[str, str] | None = None,
) -> dict[str, dict[str, int]]:
    """Current counts of posts by URI, read with `app.bsky.feed.getPosts`, 25 URIs a request.

    A deleted or unknown post is simply not in the answer.
    """
    wanted = list(dict.fromkeys(uri for uri in uris if uri.startswith("at://")))
    counts: dict[str, dict[str, int]] = {}
    for start in range(0, len(wanted), GET_POSTS_BATCH):
        batch = wanted[start : start + GET_POSTS_BATCH]
        url = api.with_query(
            f"{service}/xrpc/app.bsky.feed.getPosts", [("uris", uri) for uri in batch]
        )
        response = api.get_json(fetch, url, headers=headers)
        for post in api.as_list(response.data, "posts", "getPosts"):
            uri = post.get("uri") if isinstance(post, dict) else None
            if uri not in batch:
                continue
            found = {
                name: value
                for name, key in ENGAGEMENT_PAIRS
                if (value := api.count(post.get(key))) is not None
            }
            if found:
                counts[uri] = found
    return counts


@dataclass(frozen=True)
class BlueskySearchConnector:
    query: str
    service: str = PUBLIC_API
    identifier: str = ""
    app_password: str = field(default="", repr=False)
    pds: str = PDS
    lang: str = ""
    fetcher: api.Fetch | None = field(default=None, compare=False, repr=False)
    kind: str = "bluesky"

    @classmethod
    def from_config(
        cls, config: dict[str, Any], *, fetcher: api.Fetch | None = None
    ) -> BlueskySearchConnector:
        query = api.config_text(config, "query", "bluesky", '"velonova"')
        identifier = config.get("identifier") or ""
        password = config.get("app_password") or ""
        if bool(identifier) != bool(password):
            raise ConnectorError(
                "bluesky: give both identifier (handle or e-mail) and app_password, or neither",
                retryable=False,
            )
        pds = api.config_url({"pds": config.get("pds") or PDS}, "pds", "bluesky", PDS)
        default = pds if identifier else PUBLIC_API
        service = api.config_url(
            {"service": config.get("service") or default}, "service", "bluesky", PUBLIC_API
        )
        lang = config.get("lang") or ""
        if lang and (not isinstance(lang, str) or not lang.isalpha() or len(lang) > 3):
            raise ConnectorError("bluesky: lang must be a language code like fr", retryable=False)
        return cls(query[:500], service, str(identifier), str(password), pds, lang, fetcher)

    def _login(self) -> str:
        def create() -> tuple[str, float]:
            body = json.dumps({"identifier": self.identifier, "password": self.app_password})
            response = api.get_json(
                self.fetcher or http.fetch,
                f"{self.pds}/xrpc/com.atproto.server.createSession",
                method="POST",
                data=body.encode(),
                headers={"Content-Type": "application/json"},
                explain=lambda exc: (
                    "the identifier or app password was refused"
                    if exc.status in (400, 401)
                    else None
                ),
            )
            token = response.data.get("accessJwt") if isinstance(response.data, dict) else None
            if not isinstance(token, str) or not token:
                raise ConnectorError("bluesky: the login answer has no accessJwt", retryable=False)
            return token, 3600.0

        return cached_token(("bluesky", self.pds, self.identifier, self.app_password), create)

    def _page(self, params: list[tuple[str, Any]]) -> api.JsonResponse:
        headers = {}
        if self.identifier:
            headers["Authorization"] = f"Bearer {self._login()}"
        url = api.with_query(f"{self.service}/xrpc/app.bsky.feed.searchPosts", params)
        try:
            return api.get_json(self.fetcher or http.fetch, url, headers=headers)
        except ConnectorError as exc:
            if self.identifier and ("HTTP 400" in str(exc) or "HTTP 401" in str(exc)):
                # An expired session: log in again next time.
                forget_token(("bluesky", self.pds, self.identifier, self.app_password))
            raise

    def engagement(
        self, mentions: Sequence[tuple[str, dict[str, Any]]]
    ) -> dict[str, dict[str, int]]:
        """Current counts by post URI (the mentions' external ids)."""
        headers = {"Authorization": f"Bearer {self._login()}"} if self.identifier else {}
        try:
            return post_counts(
                self.fetcher or http.fetch, self.service, [uri for uri, _ in mentions], headers
            )
        except ConnectorError as exc:
            if self.identifier and ("HTTP 400" in str(exc) or "HTTP 401" in str(exc)):
                forget_token(("bluesky", self.pds, self.identifier, self.app_password))
            raise

    def fetch(self, cursor: dict[str, Any]) -> FetchResult:
        since = cursor.get("since") if isinstance(cursor.get("since"), str) else None
        seen = api.seen_list(cursor)
        known = set(seen)
        base = [("q", self.query), ("sort", "latest"), ("limit", PAGE), ("lang", self.lang)]
        if since:
            base.append(("since", since))
        fetched_at = now()
        items: list[RawItem] = []
        rejects: list[Reject] = []
        problems: list[str] = []
        page_cursor = None
        newest = None
        wait = None
        for _ in range(MAX_PAGES):
            response = self._page([*base, ("cursor", page_cursor)])
            wait = response.retry_after
            if response.charset_problem:
                problems.append(response.charset_problem)
            posts = api.as_list(response.data, "posts", "searchPosts")
            got, bad = api.read_entries(
                posts, lambda post: self._item(post, fetched_at), label="post", id_keys=("uri",)
            )
            items += got
            rejects += bad
            for post in posts:
                moment = _indexed_at(post)
                newest = max(newest, moment) if newest and moment else (moment or newest)
            page_cursor = response.data.get("cursor")
            if (
                not isinstance(page_cursor, str)
                or len(posts) < PAGE
                or any(item.external_id in known for item in got)
            ):
                break
            if since is None or wait is not None:
                break  # a first fetch takes one page: the past is not the point
        fresh = api.unseen(items, seen)
        new_cursor: dict[str, Any] = {
            "seen": api.remember(seen, [item.external_id for item in items]),
        }
        moment = newest - SINCE_MARGIN if newest else None
        if moment and (not since or moment.isoformat() > since):
            new_cursor["since"] = moment.isoformat().replace("+00:00", "Z")
        elif since:
            new_cursor["since"] = since
        return FetchResult(fresh, new_cursor, problems, rejects, retry_after=wait)

    def _item(self, post: Any, fetched_at: datetime) -> RawItem:
        if not isinstance(post, dict):
            raise ItemError(f"a post must be an object, not {type(post).__name__}")
        uri = _at_uri(api.text(post, "uri", limit=600, required=True))
        author = post.get("author")
        if not isinstance(author, dict):
            raise ItemError("author must be an object")
        handle = api.text(author, "handle", limit=250, required=True)
        return _record_item(
            post.get("record"),
            uri=uri,
            author=AuthorInfo(
                handle=f"@{handle}",
                name=api.text(author, "displayName", limit=255),
                profile_url=f"https://bsky.app/profile/{handle}",
            ),
            fetched_at=fetched_at,
            engagement={
                name: api.count(post.get(key))
                for name, key in (
                    ("likes", "likeCount"),
                    ("shares", "repostCount"),
                    ("replies", "replyCount"),
                )
                if api.count(post.get(key)) is not None
            },
        )


def _indexed_at(post: Any) -> datetime | None:
    value = post.get("indexedAt") if isinstance(post, dict) else None
    if not isinstance(value, str) or len(value) > 64:
        return None
    try:
        return min(parse_utc(value), now())
    except ValueError:
        return None


@dataclass(frozen=True)
class JetstreamConnector:
    """Posts from Jetstream, read for a bounded time and number of events per fetch."""

    url: str = JETSTREAM
    dids: tuple[str, ...] = ()
    track: tuple[str, ...] = ()
    max_events: int = 1_000
    max_seconds: float = 20.0
    max_reconnects: int = 2
    connect: WsConnect | None = field(default=None, compare=False, repr=False)
    kind: str = "bluesky"
    # Where engagement is re-read: Jetstream carries no counts, the public AppView does.
    service: str = PUBLIC_API
    fetcher: api.Fetch | None = field(default=None, compare=False, repr=False)

    @classmethod
    def from_config(
        cls, config: dict[str, Any], *, connect: WsConnect | None = None
    ) -> JetstreamConnector:
        raw = str(config.get("jetstream_url") or JETSTREAM)
        as_http = raw.replace("wss://", "https://", 1).replace("ws://", "http://", 1)
        base = api.config_url({"u": as_http}, "u", "bluesky jetstream_url", JETSTREAM)
        dids = config.get("dids") or []
        track = config.get("track") or []
        for name, values in (("dids", dids), ("track", track)):
            if not isinstance(values, list) or not all(
                isinstance(v, str) and 0 < len(v) <= 200 for v in values
            ):
                raise ConnectorError(f"bluesky: {name} must be a list of text", retryable=False)
        if any(not did.startswith("did:") for did in dids) or len(dids) > 10_000:
            raise ConnectorError(
                "bluesky: dids must be at most 10,000 DIDs like did:plc:…", retryable=False
            )
        if not dids and not track:
            raise ConnectorError(
                "bluesky: a Jetstream source needs dids (accounts to follow) or track "
                '(words to keep from the whole network), e.g. {"track": ["velonova"]}',
                retryable=False,
            )
        return cls(
            url=base.replace("https://", "wss://", 1).replace("http://", "ws://", 1),
            dids=tuple(dids),
            track=tuple(word.casefold() for word in track),
            max_events=api.config_int(config, "max_events", "bluesky", 1_000, 1, 100_000),
            max_seconds=float(api.config_int(config, "max_seconds", "bluesky", 20, 1, 600)),
            connect=connect,
        )

    def _url(self, time_us: int | None) -> str:
        params: list[tuple[str, Any]] = [("wantedCollections", POST)]
        params += [("wantedDids", did) for did in self.dids]
        if time_us:
            params.append(("cursor", max(time_us - REWIND_US, 0)))
        return api.with_query(f"{self.url}/subscribe", params)

    def fetch(self, cursor: dict[str, Any]) -> FetchResult:
        time_us = cursor.get("time_us")
        time_us = time_us if isinstance(time_us, int) and time_us > 0 else None
        seen = api.seen_list(cursor)
        result = FetchResult(items=[], cursor={})
        known = set(seen)
        oversized = False
        connect = self.connect or ws.connect
        budget = self.max_events
        for attempt in range(self.max_reconnects + 1):
            try:
                session = connect(self._url(time_us))
            except ws.WsError as exc:
                if attempt == 0:
                    raise ConnectorError(
                        f"jetstream: {exc}", retryable=exc.retryable, retry_after=exc.retry_after
                    ) from None
                result.problems.append(f"reconnect to Jetstream failed: {exc}")
                break
            got = 0
            broke = False
            with session:
                try:
                    for message in session.messages(
                        max_messages=budget, max_seconds=self.max_seconds
                    ):
                        got += 1
                        time_us = self._event(message, result, known, time_us)
                except ws.WsError as exc:
                    result.problems.append(str(exc))
                    broke = exc.retryable
                    if not exc.retryable:
                        oversized = True
                        result.rejects.append(Reject.of(f"jetstream message refused: {exc}", ""))
            budget -= got
            if oversized or budget <= 0 or got == 0 or not (broke or session.closed_by_server):
                break
        if oversized and time_us is not None and cursor.get("oversized_at") == time_us:
            result.problems.append("skipped 1 s of Jetstream past a message that is too large")
            time_us += SKIP_US
        elif oversized:
            result.cursor["oversized_at"] = time_us
        if time_us:
            result.cursor["time_us"] = time_us
        result.cursor["seen"] = api.remember(seen, [i.external_id for i in result.items], 2_000)
        return result

    def engagement(
        self, mentions: Sequence[tuple[str, dict[str, Any]]]
    ) -> dict[str, dict[str, int]]:
        """Current counts by post URI, from the public AppView (no login needed)."""
        return post_counts(self.fetcher or http.fetch, self.service, [uri for uri, _ in mentions])

    def _event(
        self, message: str | bytes, result: FetchResult, known: set[str], time_us: int | None
    ) -> int | None:
        """Read one Jetstream event into `result`; returns the cursor after it."""
        try:
            event = json.loads(message)
            if not isinstance(event, dict):
                raise ItemError("an event must be a JSON object")
            stamp = event.get("time_us")
            if isinstance(stamp, bool) or not isinstance(stamp, int) or stamp <= 0:
                raise ItemError("time_us is missing")
            if stamp < 2**63:
                time_us = max(time_us or 0, stamp)
            if event.get("kind") != "commit":
                return time_us  # identity and account events carry no post
            commit = event.get("commit")
            if not isinstance(commit, dict):
                raise ItemError("commit must be an object")
            if commit.get("operation") != "create" or commit.get("collection") != POST:
                return time_us  # deletes and updates: the stored mention stays as received
            did = api.text(event, "did", limit=200, required=True)
            rkey = api.text(commit, "rkey", limit=100, required=True)
            if not did.startswith("did:") or "/" in rkey:
                raise ItemError("did or rkey is malformed")
            item = _record_item(
                commit.get("record"),
                uri=f"at://{did}/{POST}/{rkey}",
                author=AuthorInfo(handle=did, profile_url=f"https://bsky.app/profile/{did}"),
                fetched_at=now(),
            )
        except (*api.ITEM_ERRORS, RecursionError) as exc:
            text = message if isinstance(message, str) else message[:200_000]
            reason = "not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else str(exc)
            result.rejects.append(Reject.of(f"jetstream event: {reason}", text))
            return time_us
        if self.track and not any(word in item.text.casefold() for word in self.track):
            return time_us
        if item.external_id not in known:
            known.add(item.external_id)
            result.items.append(item)
        return time_us


def connector_from_config(config: dict[str, Any]) -> BlueskySearchConnector | JetstreamConnector:
    mode = config.get("mode") or "search"
    if mode not in ("search", "jetstream"):
        raise ConnectorError(
            f"bluesky: mode {str(mode)[:40]!r} is not search or jetstream", retryable=False
        )
    if mode == "jetstream":
        return JetstreamConnector.from_config(config)
    return BlueskySearchConnector.from_config(config)
