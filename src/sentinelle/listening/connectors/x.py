"""X (Twitter) API v2: recent search and mentions, optional: it needs a paid access level.

Each fetch asks for the posts newer than the cursor's `since_id`. Without a bearer token the
source fails with a message saying how to get one; an access level that does not include the
endpoint (HTTP 403) is reported as such, not retried.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sentinelle.core import http
from sentinelle.core.choices import Channel
from sentinelle.core.clock import now
from sentinelle.listening.connectors import ConnectorError, FetchResult
from sentinelle.listening.connectors import _api as api
from sentinelle.listening.items import AuthorInfo, ItemError, RawItem

HOST = "https://api.x.com"
PAGE = 100
# `GET /2/tweets` takes at most 100 ids a request.
LOOKUP_BATCH = 100
METRICS = (
    ("likes", "like_count"),
    ("shares", "retweet_count"),
    ("replies", "reply_count"),
    ("views", "impression_count"),
)
HOW_TO_GET_ACCESS = (
    "x: no bearer_token; the X API v2 needs one: developer.x.com → Developer Portal → "
    "Projects & Apps → your app → Keys and tokens → Bearer Token (recent search and mentions "
    "need a paid access level)"
)
TWEET_FIELDS = "created_at,lang,author_id,conversation_id,public_metrics,referenced_tweets"
USER_FIELDS = "username,name,public_metrics"


def _explain(exc: http.FetchError) -> str | None:
    if exc.status == 401:
        return "the bearer token was refused"
    if exc.status == 403:
        return "this app's access level does not include this endpoint (a paid tier is needed)"
    if exc.status == 429:
        return "rate limit or monthly post cap reached"
    return None


@dataclass(frozen=True)
class XConnector:
    bearer_token: str = field(repr=False)
    mode: str = "search"
    query: str = ""
    username: str = ""
    api_url: str = HOST
    fetcher: api.Fetch | None = field(default=None, compare=False, repr=False)
    kind: str = "x"

    @classmethod
    def from_config(cls, config: dict[str, Any], *, fetcher: api.Fetch | None = None) -> XConnector:
        token = config.get("bearer_token")
        if not isinstance(token, str) or not token.strip():
            raise ConnectorError(HOW_TO_GET_ACCESS, retryable=False)
        mode = config.get("mode") or "search"
        if mode not in ("search", "mentions"):
            raise ConnectorError(
                f"x: mode {str(mode)[:40]!r} is not search or mentions", retryable=False
            )
        query = username = ""
        if mode == "search":
            query = api.config_text(config, "query", "x", '"velonova -is:retweet"')
            if len(query) > 512:
                raise ConnectorError("x: query is longer than 512 characters", retryable=False)
        else:
            username = api.config_text(config, "username", "x", '"velonova"').lstrip("@")
            if not (len(username) <= 15 and username.replace("_", "").isalnum()):
                raise ConnectorError(f"x: {username[:40]!r} is not an X username", retryable=False)
        host = api.config_url({"u": config.get("api_url") or HOST}, "u", "x", HOST)
        return cls(token.strip(), mode, query, username, host, fetcher)

    def _get(self, path: str, params: list[tuple[str, Any]]) -> api.JsonResponse:
        return api.get_json(
            self.fetcher or http.fetch,
            api.with_query(f"{self.api_url}/2{path}", params),
            headers={"Authorization": f"Bearer {self.bearer_token}"},
            explain=_explain,
        )

    def _user_id(self, cursor: dict[str, Any]) -> str:
        known = cursor.get("user_id")
        if isinstance(known, str) and known.isdigit():
            return known
        found = self._get(f"/users/by/username/{self.username}", []).data
        data = found.get("data") if isinstance(found, dict) else None
        user_id = data.get("id") if isinstance(data, dict) else None
        if not isinstance(user_id, str) or not user_id.isdigit():
            raise ConnectorError(f"x: no user named @{self.username}", retryable=False)
        return user_id

    def fetch(self, cursor: dict[str, Any]) -> FetchResult:
        since = cursor.get("since_id")
        since = since if isinstance(since, str) and since.isdigit() else None
        params: list[tuple[str, Any]] = [
            ("max_results", PAGE),
            ("since_id", since),
            ("tweet.fields", TWEET_FIELDS),
            ("expansions", "author_id"),
            ("user.fields", USER_FIELDS),
        ]
        extra: dict[str, Any] = {}
        if self.mode == "search":
            response = self._get("/tweets/search/recent", [("query", self.query), *params])
        else:
            extra["user_id"] = self._user_id(cursor)
            response = self._get(f"/users/{extra['user_id']}/mentions", params)
        document = response.data
        if not isinstance(document, dict):
            raise ConnectorError("x: the API did not return a JSON object", retryable=False)
        if "data" not in document and document.get("errors") and not document.get("meta"):
            first = document["errors"][0] if isinstance(document["errors"], list) else {}
            detail = first.get("detail") if isinstance(first, dict) else None
            raise ConnectorError(f"x: {str(detail or first)[:300]}", retryable=False)
        posts = api.as_list(document.get("data", []), None, "x data")
        includes = document.get("includes")
        users = includes.get("users") if isinstance(includes, dict) else None
        authors = {
            user["id"]: user
            for user in users or []
            if isinstance(user, dict) and isinstance(user.get("id"), str)
        }
        fetched_at = now()
        items, rejects = api.read_entries(
            posts, lambda post: self._item(post, authors, fetched_at), label="post"
        )
        ids = [p["id"] for p in posts if isinstance(p, dict) and isinstance(p.get("id"), str)]
        ids = [i for i in ids if i.isdigit() and len(i) <= 20] + ([since] if since else [])
        newest = max(ids, key=lambda i: (len(i), i)) if ids else None
        problems = [response.charset_problem] if response.charset_problem else []
        return FetchResult(
            items=api.unseen(items, []),
            cursor={**extra, **({"since_id": newest} if newest else {})},
            problems=problems,
            rejects=rejects,
            retry_after=response.retry_after,
        )

    def engagement(
        self, mentions: Sequence[tuple[str, dict[str, Any]]]
    ) -> dict[str, dict[str, int]]:
        """Current public metrics of posts by id (`GET /2/tweets?ids=`), 100 a request; a
        deleted or protected post comes back in `errors` and is left out."""
        ids = list(dict.fromkeys(i for i, _ in mentions if i.isdigit() and len(i) <= 20))
        counts: dict[str, dict[str, int]] = {}
        for start in range(0, len(ids), LOOKUP_BATCH):
            batch = ids[start : start + LOOKUP_BATCH]
            response = self._get(
                "/tweets", [("ids", ",".join(batch)), ("tweet.fields", "public_metrics")]
            )
            document = response.data if isinstance(response.data, dict) else {}
            for post in api.as_list(document.get("data", []), None, "x data"):
                if not isinstance(post, dict) or post.get("id") not in batch:
                    continue
                metrics = post.get("public_metrics")
                metrics = metrics if isinstance(metrics, dict) else {}
                found = {
                    name: value
                    for name, key in METRICS
                    if (value := api.count(metrics.get(key))) is not None
                }
                if found:
                    counts[post["id"]] = found
            if response.retry_after is not None:
                break
        return counts

    def _item(self, post: Any, authors: dict[str, Any], fetched_at: datetime) -> RawItem:
        if not isinstance(post, dict):
            raise ItemError(f"a post must be an object, not {type(post).__name__}")
        post_id = api.identifier(post, "id")
        if not post_id.isdigit():
            raise ItemError(f"id {post_id[:40]!r} is not numeric")
        user = authors.get(api.text(post, "author_id", limit=30))
        author = None
        if isinstance(user, dict):
            username = api.text(user, "username", limit=50, required=True)
            metrics = user.get("public_metrics")
            author = AuthorInfo(
                handle=f"@{username}",
                name=api.text(user, "name", limit=255),
                followers=api.count(metrics.get("followers_count"))
                if isinstance(metrics, dict)
                else None,
                profile_url=f"https://x.com/{username}",
            )
        metrics = post.get("public_metrics")
        metrics = metrics if isinstance(metrics, dict) else {}
        parent = None
        references = post.get("referenced_tweets") or []
        if not isinstance(references, list):
            raise ItemError("referenced_tweets must be a list")
        for reference in references:
            if isinstance(reference, dict) and reference.get("type") == "replied_to":
                try:
                    parent = api.text(reference, "id", limit=30) or None
                except ItemError as exc:
                    raise ItemError(f"referenced_tweets: {exc}") from None
        lang = api.text(post, "lang", limit=8)
        return RawItem(
            external_id=post_id,
            text=api.body(post, "text"),
            published_at=api.timestamp(post.get("created_at"), "created_at", fetched_at),
            channel=Channel.X,
            url=f"https://x.com/{author.handle[1:] if author else 'i/web'}/status/{post_id}",
            lang=lang if lang.isalpha() and lang != "und" else None,
            author=author,
            parent_external_id=parent,
            engagement={
                name: api.count(metrics.get(key))
                for name, key in (
                    ("likes", "like_count"),
                    ("shares", "retweet_count"),
                    ("replies", "reply_count"),
                    ("views", "impression_count"),
                )
                if api.count(metrics.get(key)) is not None
            },
        )


def connector_from_config(config: dict[str, Any]) -> XConnector:
    return XConnector.from_config(config)
