"""Reddit: search, a subreddit's new posts or its new comments, with an app's credentials.

Reddit's API needs an OAuth token: the app's client id and secret give one (application-only
`client_credentials`; a "script" app may add its owner's username and password). Listings are
read newest-first; the cursor remembers the fullnames already seen.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import quote, urlencode

from sentinelle.core import http
from sentinelle.core.choices import Channel
from sentinelle.core.clock import now
from sentinelle.listening.connectors import (
    ConnectorError,
    FetchResult,
    Reject,
    newest_seen,
    window_gap,
)
from sentinelle.listening.connectors import _api as api
from sentinelle.listening.connectors._auth import cached_token, forget_token
from sentinelle.listening.items import AuthorInfo, ItemError, RawItem

API = "https://oauth.reddit.com"
AUTH = "https://www.reddit.com"
MODES = ("search", "posts", "comments")
PAGE = 100
MAX_PAGES = 3
_SUBREDDIT_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789_+")
# `/api/info` takes at most 100 fullnames a request.
INFO_BATCH = 100
_FULLNAME = re.compile(r"t[13]_[a-z0-9]{1,13}")


@dataclass(frozen=True)
class RedditConnector:
    mode: str
    client_id: str
    client_secret: str = field(repr=False)
    query: str = ""
    subreddit: str = ""
    username: str = ""
    password: str = field(default="", repr=False)
    user_agent: str = ""
    api_url: str = API
    auth_url: str = AUTH
    fetcher: api.Fetch | None = field(default=None, compare=False, repr=False)
    kind: str = "reddit"

    @classmethod
    def from_config(
        cls, config: dict[str, Any], *, fetcher: api.Fetch | None = None
    ) -> RedditConnector:
        mode = config.get("mode") or "search"
        if mode not in MODES:
            raise ConnectorError(
                f"reddit: mode {str(mode)[:40]!r} is not one of {', '.join(MODES)}",
                retryable=False,
            )
        missing = [k for k in ("client_id", "client_secret") if not config.get(k)]
        if missing:
            raise ConnectorError(
                f"reddit: {' and '.join(missing)} missing; create an app at "
                "https://www.reddit.com/prefs/apps (type script or web app)",
                retryable=False,
            )
        subreddit = str(config.get("subreddit") or "").strip().removeprefix("r/").lower()
        if subreddit and not set(subreddit) <= _SUBREDDIT_CHARS:
            raise ConnectorError(
                f"reddit: subreddit {subreddit[:60]!r} is not a subreddit name", retryable=False
            )
        if mode != "search" and not subreddit:
            raise ConnectorError(f"reddit: mode {mode!r} needs a subreddit", retryable=False)
        query = api.config_text(config, "query", "reddit", '"velonova"') if mode == "search" else ""
        username = str(config.get("username") or "")
        password = str(config.get("password") or "")
        if bool(username) != bool(password):
            raise ConnectorError(
                "reddit: give both username and password (script app), or neither",
                retryable=False,
            )
        agent = config.get("user_agent") or (
            f"server:sentinelle.{config['client_id']}:0.1 (by /u/{username or 'sentinelle'})"
        )
        return cls(
            mode=mode,
            client_id=str(config["client_id"]),
            client_secret=str(config["client_secret"]),
            query=query[:512],
            subreddit=subreddit,
            username=username,
            password=password,
            user_agent=str(agent)[:300],
            api_url=api.config_url({"u": config.get("api_url") or API}, "u", "reddit", API),
            auth_url=api.config_url({"u": config.get("auth_url") or AUTH}, "u", "reddit", AUTH),
            fetcher=fetcher,
        )

    @property
    def _token_key(self) -> tuple[str, ...]:
        return ("reddit", self.auth_url, self.client_id, self.client_secret, self.username)

    def _token(self) -> str:
        def obtain() -> tuple[str, float]:
            pair = f"{self.client_id}:{self.client_secret}".encode()
            if self.username:
                form = {"grant_type": "password", "username": self.username}
                form["password"] = self.password
            else:
                form = {"grant_type": "client_credentials"}
            response = api.get_json(
                self.fetcher or http.fetch,
                f"{self.auth_url}/api/v1/access_token",
                method="POST",
                data=urlencode(form).encode(),
                headers={
                    "Authorization": f"Basic {base64.b64encode(pair).decode()}",
                    "Content-Type": "application/x-www-form-urlencoded",
                    "User-Agent": self.user_agent,
                },
                explain=lambda exc: (
                    "the app's client id or secret was refused"
                    if exc.status in (400, 401, 403)
                    else None
                ),
            )
            data = response.data if isinstance(response.data, dict) else {}
            token = data.get("access_token")
            if not isinstance(token, str) or not token:
                reason = str(data.get("error") or "no access_token in the answer")[:100]
                raise ConnectorError(f"reddit: login failed: {reason}", retryable=False)
            lifetime = data.get("expires_in")
            return token, float(lifetime) if isinstance(lifetime, int | float) else 3600.0

        return cached_token(self._token_key, obtain)

    def _path(self) -> tuple[str, list[tuple[str, Any]]]:
        sub = f"/r/{quote(self.subreddit, safe='+')}" if self.subreddit else ""
        if self.mode == "search":
            params = [("q", self.query), ("sort", "new"), ("type", "link")]
            return f"{sub}/search", params + ([("restrict_sr", "1")] if sub else [])
        if self.mode == "posts":
            return f"{sub}/new", []
        return f"{sub}/comments", []

    def fetch(self, cursor: dict[str, Any]) -> FetchResult:
        seen = api.seen_list(cursor)
        known = set(seen)
        path, params = self._path()
        fetched_at = now()
        items: list[RawItem] = []
        rejects: list[Reject] = []
        problems: list[str] = []
        after = None
        wait = None
        for _ in range(MAX_PAGES):
            query = [*params, ("limit", PAGE), ("raw_json", 1), ("after", after)]
            headers = {"Authorization": f"bearer {self._token()}", "User-Agent": self.user_agent}
            try:
                response = api.get_json(
                    self.fetcher or http.fetch,
                    api.with_query(self.api_url + path, query),
                    headers=headers,
                )
            except ConnectorError as exc:
                if "HTTP 401" in str(exc):
                    forget_token(self._token_key)  # expired: ask for a new one next time
                raise
            wait = response.retry_after
            if response.charset_problem:
                problems.append(response.charset_problem)
            listing = response.data
            if not isinstance(listing, dict) or not isinstance(listing.get("data"), dict):
                raise ConnectorError(f"reddit: {path} did not return a Listing", retryable=False)
            children = api.as_list(listing["data"], "children", f"reddit {path}")
            got, bad = api.read_entries(
                children,
                lambda child: self._item(child, fetched_at),
                label="child",
                id_keys=("data", "name"),
            )
            items += got
            rejects += bad
            after = listing["data"].get("after")
            if (
                not seen  # a first fetch takes one page
                or wait is not None
                or not isinstance(after, str)
                or any(item.external_id in known for item in got)
            ):
                break
        new_cursor: dict[str, Any] = {
            "seen": api.remember(seen, [item.external_id for item in items])
        }
        if newest := newest_seen(cursor, items):
            new_cursor["newest"] = newest
        # Listings keep their last pages only: paging back without meeting a known id (and
        # not stopped by the rate limit) means what came in between may be lost.
        overlapped = wait is not None or any(item.external_id in known for item in items)
        return FetchResult(
            items=api.unseen(items, seen),
            cursor=new_cursor,
            problems=problems,
            rejects=rejects,
            retry_after=wait,
            gap=window_gap(cursor, items, overlapped=overlapped),
        )

    def _api_get(self, path: str, query: list[tuple[str, Any]]) -> api.JsonResponse:
        headers = {"Authorization": f"bearer {self._token()}", "User-Agent": self.user_agent}
        try:
            return api.get_json(
                self.fetcher or http.fetch,
                api.with_query(self.api_url + path, query),
                headers=headers,
            )
        except ConnectorError as exc:
            if "HTTP 401" in str(exc):
                forget_token(self._token_key)  # expired: ask for a new one next time
            raise

    def engagement(
        self, mentions: Sequence[tuple[str, dict[str, Any]]]
    ) -> dict[str, dict[str, int]]:
        """Current score and comment count of posts (t3_) and comments (t1_) by fullname,
        read with `/api/info`, 100 a request; removed or deleted ones are left out."""
        names = list(dict.fromkeys(n for n, _ in mentions if _FULLNAME.fullmatch(n)))
        counts: dict[str, dict[str, int]] = {}
        for start in range(0, len(names), INFO_BATCH):
            batch = names[start : start + INFO_BATCH]
            response = self._api_get("/api/info", [("id", ",".join(batch)), ("raw_json", 1)])
            listing = response.data
            if not isinstance(listing, dict) or not isinstance(listing.get("data"), dict):
                raise ConnectorError("reddit: /api/info did not return a Listing", retryable=False)
            for child in api.as_list(listing["data"], "children", "reddit /api/info"):
                data = child.get("data") if isinstance(child, dict) else None
                if not isinstance(data, dict) or data.get("name") not in batch:
                    continue
                text = data.get("body") if data["name"].startswith("t1_") else data.get("selftext")
                if data.get("removed_by_category") or text in ("[removed]", "[deleted]"):
                    continue
                found = {
                    name: value
                    for name, key in (("likes", "score"), ("replies", "num_comments"))
                    if (value := api.count(data.get(key))) is not None
                }
                if found:
                    counts[data["name"]] = found
            if response.retry_after is not None:
                break
        return counts

    def _item(self, child: Any, fetched_at: datetime) -> RawItem | None:
        if not isinstance(child, dict):
            raise ItemError(f"a listing child must be an object, not {type(child).__name__}")
        kind = api.text(child, "kind", limit=10, required=True)
        data = child.get("data")
        if kind not in ("t1", "t3"):
            raise ItemError(f"kind {kind!r} is neither a post (t3) nor a comment (t1)")
        if not isinstance(data, dict):
            raise ItemError("data must be an object")
        name = api.identifier(data, "name")
        if not name.startswith(f"{kind}_"):
            raise ItemError(f"name {name[:40]!r} does not match kind {kind}")
        author = api.text(data, "author", limit=100, required=True)
        if kind == "t3":
            title = api.text(data, "title", limit=500, required=True)
            text = api.body(data, "selftext", required=False) or title
            parent = None
        else:
            title = api.text(data, "link_title", limit=500)
            text = api.body(data, "body")
            parent = api.text(data, "parent_id", limit=40) or None
        if text in ("[removed]", "[deleted]"):
            return None
        permalink = api.text(data, "permalink", limit=1000)
        url = f"https://www.reddit.com{permalink}" if permalink.startswith("/r/") else ""
        return RawItem(
            external_id=name,
            text=text,
            published_at=api.timestamp(data.get("created_utc"), "created_utc", fetched_at),
            channel=Channel.REDDIT,
            url=url,
            title=title,
            author=None
            if author == "[deleted]"
            else AuthorInfo(
                handle=f"u/{author}", profile_url=f"https://www.reddit.com/user/{author}"
            ),
            parent_external_id=parent,
            engagement={
                name: api.count(data.get(key))
                for name, key in (("likes", "score"), ("replies", "num_comments"))
                if api.count(data.get(key)) is not None
            },
            extra={"subreddit": api.text(data, "subreddit", limit=100)},
        )


def connector_from_config(config: dict[str, Any]) -> RedditConnector:
    return RedditConnector.from_config(config)
