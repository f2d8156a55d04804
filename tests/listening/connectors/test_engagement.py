"""Engagement re-poll: each connector's `engagement` reads current counts in batches from a
local server that answers in the platform's documented format."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest

from sentinelle.listening.connectors import ConnectorError, connector_for
from sentinelle.listening.connectors.bluesky import JetstreamConnector
from sentinelle.listening.engagement import KINDS
from tests.listening.connectors import payloads as p
from tests.listening.connectors.test_bluesky import search
from tests.listening.connectors.test_mastodon import rest
from tests.listening.connectors.test_reddit import RedditApi, reddit
from tests.listening.connectors.test_youtube_x import local, x, youtube
from tests.listening.fake_http import FakeServer, Reply

JSON = {"Content-Type": "application/json; charset=utf-8"}
GET_POSTS = "/xrpc/app.bsky.feed.getPosts"


def query(request) -> dict[str, list[str]]:
    return parse_qs(urlsplit(request.path).query)


def json_reply(document, status: int = 200, **headers: str) -> Reply:
    return Reply(status, JSON | headers, json.dumps(document).encode())


# Mastodon: one status a request, a bounded number a call.


def mastodon_statuses(likes: dict[str, int], **headers: str):
    """`GET /api/v1/statuses/:id` for the ids in `likes`; any other id is gone (404)."""

    def route(request):
        local_id = urlsplit(request.path).path.rsplit("/", 1)[-1]
        if local_id not in likes:
            return json_reply({"error": "Record not found"}, 404)
        status = p.mastodon_status(local_id, favourites_count=likes[local_id], reblogs_count=9)
        return json_reply(status, **headers)

    return route


def uri(local_id: str) -> str:
    return f"https://piaille.example/users/camille/statuses/{local_id}"


def test_mastodon_reads_each_status_by_its_local_id_and_leaves_out_deleted_ones():
    with FakeServer() as server:
        server.default = mastodon_statuses({"101": 30, "102": 7})
        counts = rest(server, access_token="tok").engagement(
            [
                (uri("101"), {"mastodon_id": "101", "visibility": "public"}),
                (uri("102"), {"mastodon_id": "102"}),
                (uri("103"), {"mastodon_id": "103"}),  # deleted since
                ("https://elsewhere.example/1", {}),  # no local id: not asked
            ]
        )
    assert counts == {
        uri("101"): {"likes": 30, "shares": 9, "replies": 2},
        uri("102"): {"likes": 7, "shares": 9, "replies": 2},
    }
    assert [r.path for r in server.requests] == [
        "/api/v1/statuses/101",
        "/api/v1/statuses/102",
        "/api/v1/statuses/103",
    ]
    assert server.requests[0].headers["authorization"] == "Bearer tok"


def test_mastodon_reads_a_bounded_number_per_call_and_stops_when_the_window_is_spent():
    wanted = [(uri(str(n)), {"mastodon_id": str(n)}) for n in range(1, 61)]
    with FakeServer() as server:
        server.default = mastodon_statuses({str(n): n for n in range(1, 61)})
        counts = rest(server).engagement(wanted)
    assert len(server.requests) == len(counts) == 40
    spent = {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "2099-01-01T00:00:00.000Z"}
    with FakeServer() as server:
        server.default = mastodon_statuses({str(n): n for n in range(1, 61)}, **spent)
        counts = rest(server).engagement(wanted)
    assert len(server.requests) == len(counts) == 1


def test_mastodon_rate_limit_is_a_connector_error_with_the_wait():
    with FakeServer() as server:
        server.default = lambda request: json_reply(
            {"error": "Too many requests"}, 429, **{"Retry-After": "120"}
        )
        with pytest.raises(ConnectorError) as error:
            rest(server).engagement([(uri("1"), {"mastodon_id": "1"})])
    assert error.value.retryable and error.value.retry_after == 120


# Bluesky: getPosts, 25 URIs a request.


def bluesky_get_posts(likes: dict[str, int]):
    def route(request):
        posts = [
            p.bluesky_post(u.rsplit("/", 1)[-1], likeCount=likes[u], repostCount=3)
            for u in query(request)["uris"]
            if u in likes
        ]
        return json_reply({"posts": posts})

    return route


def at_uri(n: int) -> str:
    return f"at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3k{n:03d}"


def test_bluesky_reads_25_posts_a_request_and_leaves_out_deleted_ones():
    wanted = [(at_uri(n), {}) for n in range(30)]
    likes = {at_uri(n): 100 + n for n in range(30) if n != 7}  # post 7 was deleted
    with FakeServer({GET_POSTS: bluesky_get_posts(likes)}) as server:
        counts = search(server).engagement(wanted)
    assert [len(query(r)["uris"]) for r in server.requests] == [25, 5]
    assert query(server.requests[0])["uris"][:2] == [at_uri(0), at_uri(1)]
    assert counts[at_uri(0)] == {"likes": 100, "shares": 3, "replies": 1}
    assert at_uri(7) not in counts and len(counts) == 29


def test_jetstream_sources_read_counts_from_the_appview():
    with FakeServer({GET_POSTS: bluesky_get_posts({at_uri(1): 5})}) as server:
        connector = JetstreamConnector(
            track=("velonova",), service=server.url("/").rstrip("/"), fetcher=local
        )
        counts = connector.engagement([(at_uri(1), {}), (at_uri(2), {})])
    assert counts == {at_uri(1): {"likes": 5, "shares": 3, "replies": 1}}


def test_a_bluesky_rate_limit_is_a_connector_error():
    reset = {"RateLimit-Remaining": "0", "RateLimit-Reset": "4102444800"}

    def refused(request):
        return json_reply({"error": "RateLimitExceeded"}, 429, **reset)

    with FakeServer({GET_POSTS: refused}) as server, pytest.raises(ConnectorError) as error:
        search(server).engagement([(at_uri(1), {})])
    assert error.value.retryable and error.value.retry_after


# Reddit: /api/info, 100 fullnames a request.


def reddit_info(request):
    names = query(request)["id"][0].split(",")
    children = []
    for name in names:
        kind, short = name.split("_", 1)
        if short == "gone":
            continue  # Reddit leaves out what it cannot find
        if kind == "t1":
            children.append(p.reddit_comment(short, score=4))
        elif short == "removed":
            children.append(p.reddit_post(short, selftext="[removed]", removed_by_category="mod"))
        else:
            children.append(p.reddit_post(short, score=42 + len(children), num_comments=17))
    return p.reddit_listing(children)


def test_reddit_reads_100_fullnames_a_request_and_leaves_out_removed_posts():
    wanted = [(f"t3_p{n}", {"subreddit": "velotaf"}) for n in range(148)]
    wanted += [("t1_k1", {}), ("t3_removed", {}), ("t3_gone", {}), ("not-a-fullname", {})]
    api = RedditApi({"/api/info": reddit_info})
    with FakeServer(api.routes()) as server:
        counts = reddit(server).engagement(wanted)
    info = [r for r in server.requests if r.path.startswith("/api/info")]
    assert [len(query(r)["id"][0].split(",")) for r in info] == [100, 51]
    assert info[0].headers["authorization"] == "bearer tok-1"
    assert counts["t3_p0"] == {"likes": 42, "replies": 17}
    assert counts["t1_k1"] == {"likes": 4}  # a comment has a score, no comment count
    assert "t3_removed" not in counts and "t3_gone" not in counts
    assert len(counts) == 149


# YouTube and X.


def youtube_threads(request):
    ids = query(request)["id"][0].split(",")
    threads = [p.youtube_thread(i) for i in ids if i != "gone"]
    return json_reply(p.youtube_page(threads))


def test_youtube_reads_comment_threads_by_id_50_a_request():
    wanted = [(f"yt:comment:Ugx{n}", {"video_id": "Xk3bAs7i0nU"}) for n in range(60)]
    wanted.append(("yt:comment:gone", {}))
    with FakeServer({"/youtube/v3/commentThreads": youtube_threads}) as server:
        counts = youtube(server).engagement(wanted)
    assert [len(query(r)["id"][0].split(",")) for r in server.requests] == [50, 11]
    assert query(server.requests[0])["part"] == ["snippet"]
    assert counts["yt:comment:Ugx0"] == {"likes": 7, "replies": 2}
    assert len(counts) == 60 and "yt:comment:gone" not in counts


def test_a_spent_youtube_quota_is_an_error_without_the_key():
    body = {"error": {"code": 403, "message": "quota", "errors": [{"reason": "quotaExceeded"}]}}
    refused = {"/youtube/v3/commentThreads": lambda request: json_reply(body, 403)}
    with FakeServer(refused) as server, pytest.raises(ConnectorError) as error:
        youtube(server).engagement([("yt:comment:Ugx1", {})])
    assert "AIzaTestKey" not in str(error.value) and error.value.retry_after


def x_lookup(request):
    ids = query(request)["ids"][0].split(",")
    document = {"data": [p.x_post(i) for i in ids if i != "404"]}
    if "404" in ids:
        document["errors"] = [
            {
                "value": "404",
                "detail": "Could not find tweet with ids: [404].",
                "title": "Not Found Error",
                "resource_type": "tweet",
                "parameter": "ids",
                "resource_id": "404",
                "type": "https://api.twitter.com/2/problems/resource-not-found",
            }
        ]
    return json_reply(document)


def test_x_reads_public_metrics_100_posts_a_request_with_views():
    wanted = [(str(1858000000000000000 + n), {}) for n in range(120)] + [("404", {})]
    with FakeServer({"/2/tweets": x_lookup}) as server:
        counts = x(server).engagement(wanted)
    assert [len(query(r)["ids"][0].split(",")) for r in server.requests] == [100, 21]
    assert query(server.requests[0])["tweet.fields"] == ["public_metrics"]
    assert server.requests[0].headers["authorization"] == "Bearer AAAAbearer"
    assert counts["1858000000000000000"] == {"likes": 9, "shares": 3, "replies": 1, "views": 1200}
    assert len(counts) == 120 and "404" not in counts


@pytest.mark.parametrize(
    ("kind", "config"),
    [
        ("mastodon", {"instance": "https://piaille.example", "hashtag": "velonova"}),
        (
            "mastodon",
            {
                "instance": "https://piaille.example",
                "mode": "stream",
                "hashtag": "v",
                "access_token": "t",
            },
        ),
        ("bluesky", {"query": "velonova"}),
        ("bluesky", {"mode": "jetstream", "track": ["velonova"]}),
        ("reddit", {"client_id": "a", "client_secret": "b", "query": "velonova"}),
        ("youtube", {"api_key": "k", "video_id": "Xk3bAs7i0nU"}),
        ("x", {"bearer_token": "b", "query": "velonova"}),
    ],
)
def test_every_kind_the_repoll_asks_has_the_method(kind, config):
    assert kind in KINDS
    assert callable(connector_for(kind, config).engagement)
