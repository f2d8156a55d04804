"""The Reddit connector against a local server speaking Reddit's OAuth and listing API."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from functools import partial
from urllib.parse import parse_qs, urlsplit

import pytest

from sentinelle.core import http
from sentinelle.listening.connectors import ConnectorError, connector_for
from sentinelle.listening.connectors.reddit import RedditConnector
from tests.listening.connectors import bodies, malformed
from tests.listening.connectors import payloads as p
from tests.listening.connectors.test_mastodon import assert_rejected, interleave
from tests.listening.fake_http import FakeServer, Reply

local = partial(http.fetch, allow_private=True, timeout=5)
JSON = {"Content-Type": "application/json; charset=UTF-8"}
TOKEN = "/api/v1/access_token"
SEARCH = "/search"


class RedditApi:
    """Hands out tokens to the right app credentials and serves listings to bearers."""

    def __init__(self, listings: dict[str, object], **headers: str) -> None:
        self.listings = listings
        self.headers = headers
        self.tokens = 0
        self.expired: set[str] = set()

    def token(self, request):
        expected = "Basic " + base64.b64encode(b"app-id:app-secret").decode()
        if request.headers.get("authorization") != expected:
            return Reply(401, JSON, b'{"message": "Unauthorized", "error": 401}')
        self.tokens += 1
        body = {
            "access_token": f"tok-{self.tokens}",
            "token_type": "bearer",
            "expires_in": 86400,
            "scope": "*",
        }
        return Reply(200, JSON, json.dumps(body).encode())

    def listing(self, request):
        bearer = request.headers.get("authorization", "")
        if not bearer.startswith("bearer tok-") or bearer in self.expired:
            return Reply(401, JSON, b'{"message": "Unauthorized", "error": 401}')
        document = self.listings[urlsplit(request.path).path]
        body = document(request) if callable(document) else document
        if isinstance(body, Reply):
            return body
        return Reply(200, JSON | self.headers, json.dumps(body).encode())

    def routes(self) -> dict:
        return {TOKEN: self.token} | dict.fromkeys(self.listings, self.listing)


def reddit(server: FakeServer, **config) -> RedditConnector:
    base = server.url("/").rstrip("/")
    settings = {
        "client_id": "app-id",
        "client_secret": "app-secret",
        "query": "velonova",
        "api_url": base,
        "auth_url": base,
    }
    return RedditConnector.from_config(settings | config, fetcher=local)


def query(request) -> dict[str, list[str]]:
    return parse_qs(urlsplit(request.path).query)


def test_search_results_become_items_with_an_app_token():
    listing = p.reddit_listing([p.reddit_post("1gq7x2k"), p.reddit_post("1gq7x3m", selftext="")])
    api = RedditApi({SEARCH: listing})
    with FakeServer(api.routes()) as server:
        result = reddit(server).fetch({})
    first, link_only = result.items
    assert first.external_id == "t3_1gq7x2k" and first.channel == "reddit"
    assert (
        first.url
        == "https://www.reddit.com/r/bikecommuting/comments/1gq7x2k/velonova_closed_my_ticket_twice/"
    )
    assert first.title == "Velonova closed my ticket twice"
    assert "closed my ticket twice" in first.text
    assert first.author.handle == "u/rainy_rider"
    assert first.published_at == datetime.fromtimestamp(1794820443, tz=UTC)
    assert first.engagement == {"likes": 42, "replies": 17}
    assert link_only.text == link_only.title  # a link post without text keeps its title
    token_request, search_request = server.requests
    assert token_request.method == "POST"
    assert search_request.headers["authorization"] == "bearer tok-1"
    assert search_request.headers["user-agent"].startswith("server:sentinelle.app-id:0.1")
    assert query(search_request)["sort"] == ["new"] and query(search_request)["q"] == ["velonova"]


def test_subreddit_comments_and_seen_ids():
    listing = p.reddit_listing([p.reddit_comment("k1"), p.reddit_comment("k2", body="[removed]")])
    api = RedditApi({"/r/velotaf/comments": listing})
    with FakeServer(api.routes()) as server:
        connector = reddit(server, mode="comments", subreddit="r/VeloTaf")
        first = connector.fetch({})
        second = connector.fetch(first.cursor)
    (comment,) = first.items  # a removed comment is not an item
    assert comment.external_id == "t1_k1" and comment.parent_external_id == "t3_1gq7x2k"
    assert comment.title == "SAV Vélonova" and comment.text.startswith("Même problème")
    assert second.items == [] and first.cursor["seen"][0] == "t1_k1"
    assert api.tokens == 1  # the token is kept between fetches


def test_search_in_one_subreddit_is_restricted_to_it():
    api = RedditApi({"/r/bikecommuting/search": p.reddit_listing([])})
    with FakeServer(api.routes()) as server:
        reddit(server, subreddit="bikecommuting").fetch({})
    assert query(server.requests[-1])["restrict_sr"] == ["1"]


def test_new_pages_are_followed_until_a_known_post():
    pages = {
        None: p.reddit_listing([p.reddit_post("n3"), p.reddit_post("n2")], after="t3_n2"),
        "t3_n2": p.reddit_listing([p.reddit_post("n1"), p.reddit_post("old")], after="t3_old"),
    }
    api = RedditApi({"/r/bikecommuting/new": lambda r: pages[query(r).get("after", [None])[0]]})
    with FakeServer(api.routes()) as server:
        result = reddit(server, mode="posts", subreddit="bikecommuting").fetch({"seen": ["t3_old"]})
    assert [i.external_id for i in result.items] == ["t3_n3", "t3_n2", "t3_n1"]
    assert result.gap is None  # the pages reached a post seen before


def test_pages_that_never_reach_a_known_post_report_a_gap():
    """Listings keep their last pages: three full pages without a known post mean the posts
    between the newest seen before and the oldest listed now may be lost."""

    def post(n: int) -> dict:
        return p.reddit_post(f"n{n}", created_utc=1794820443.0 + 60 * n)

    pages = {
        None: p.reddit_listing([post(90), post(89)], after="t3_n89"),
        "t3_n89": p.reddit_listing([post(88), post(87)], after="t3_n87"),
        "t3_n87": p.reddit_listing([post(86), post(85)], after="t3_n85"),
    }
    api = RedditApi({"/r/bikecommuting/new": lambda r: pages[query(r).get("after", [None])[0]]})
    newest_before = datetime.fromtimestamp(1794820443.0 + 600, UTC).isoformat()
    cursor = {"seen": ["t3_n10"], "newest": newest_before}
    with FakeServer(api.routes()) as server:
        result = reddit(server, mode="posts", subreddit="bikecommuting").fetch(cursor)
    assert len(result.items) == 6
    since, until = result.gap
    assert since == datetime.fromtimestamp(1794820443.0 + 600, UTC)
    assert until == datetime.fromtimestamp(1794820443.0 + 60 * 85, UTC)
    assert result.cursor["newest"] == datetime.fromtimestamp(1794820443.0 + 5400, UTC).isoformat()


def test_an_expired_token_is_renewed_on_the_next_fetch():
    api = RedditApi({SEARCH: p.reddit_listing([p.reddit_post("e1")])})
    with FakeServer(api.routes()) as server:
        connector = reddit(server, client_id="app-id")
        connector.fetch({})
        api.expired.add("bearer tok-1")
        with pytest.raises(ConnectorError, match="HTTP 401"):
            connector.fetch({})
        result = connector.fetch({})
    assert len(result.items) == 1 and api.tokens == 2


def test_wrong_app_credentials_are_a_clear_permanent_error():
    api = RedditApi({SEARCH: p.reddit_listing([])})
    with (
        FakeServer(api.routes()) as server,
        pytest.raises(ConnectorError, match="client id or secret") as error,
    ):
        reddit(server, client_secret="wrong").fetch({})
    assert not error.value.retryable


def test_reddit_rate_limit_headers_say_how_long_to_wait():
    headers = {
        "X-Ratelimit-Used": "100",
        "X-Ratelimit-Remaining": "0.0",
        "X-Ratelimit-Reset": "412",
    }
    api = RedditApi({SEARCH: p.reddit_listing([p.reddit_post("r1")])}, **headers)
    with FakeServer(api.routes()) as server:
        result = reddit(server, client_id="app-id").fetch({})
    assert len(result.items) == 1 and result.retry_after == 412.0


def broken_children() -> list[malformed.Broken]:
    post, comment = p.reddit_post("bad"), p.reddit_comment("bad")
    fields = [
        (("kind",), [malformed.MISSING, None, "", "t5", "t2", "Listing", [], {}, True, 3.5]),
        (("data",), malformed.BAD_OBJECT),
        (("data", "name"), [*malformed.BAD_ID, "t1_wrongkind"]),
        (("data", "author"), malformed.BAD_STRING),
        (("data", "title"), malformed.BAD_STRING),
        (("data", "created_utc"), malformed.BAD_UNIX_TIME),
        (("data", "selftext"), malformed.BAD_BODY),
    ]
    comment_fields = [
        (("data", "body"), [malformed.MISSING, None, "", *malformed.BAD_BODY]),
        (("data", "name"), [*malformed.BAD_ID, "t3_wrongkind"]),
    ]
    return [
        *malformed.mutations(post, fields),
        *malformed.mutations(comment, comment_fields, prefix="comment."),
        *malformed.bad_entries(),
    ]


def test_over_a_hundred_broken_children_are_rejected_and_the_good_ones_kept():
    bad = broken_children()
    assert len(bad) >= 100
    good = [p.reddit_post(f"g{n}") for n in range(5)] + [p.reddit_comment("gc")]
    api = RedditApi({SEARCH: p.reddit_listing(interleave(list(good), [b.entry for b in bad]))})
    with FakeServer(api.routes()) as server:
        result = reddit(server).fetch({})
    assert [i.external_id for i in result.items] == [g["data"]["name"] for g in good]
    assert_rejected(result, bad)


@pytest.mark.parametrize("case", bodies.CASES, ids=lambda c: c.name)
def test_broken_bodies_fail_the_fetch_cleanly_or_are_salvaged(case):
    document = p.reddit_listing([p.reddit_comment("c1", body="Même problème, SAV muet")])
    api = RedditApi({SEARCH: lambda r: case.reply(document)})
    with FakeServer(api.routes()) as server:
        bodies.check(case, lambda: reddit(server).fetch({}), ["Même problème, SAV muet"])


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({}, "client_id and client_secret missing"),
        ({"client_id": "a"}, "client_secret missing"),
        ({"client_id": "a", "client_secret": "b"}, 'needs "query"'),
        ({"client_id": "a", "client_secret": "b", "mode": "posts"}, "needs a subreddit"),
        ({"client_id": "a", "client_secret": "b", "mode": "hot"}, "not one of"),
        (
            {"client_id": "a", "client_secret": "b", "query": "v", "subreddit": "../admin"},
            "subreddit name",
        ),
        ({"client_id": "a", "client_secret": "b", "query": "v", "username": "me"}, "both username"),
    ],
)
def test_bad_configurations_are_refused_with_a_clear_message(config, message):
    with pytest.raises(ConnectorError, match=message) as error:
        connector_for("reddit", config)
    assert not error.value.retryable
