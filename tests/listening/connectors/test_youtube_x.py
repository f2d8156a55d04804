"""The optional YouTube and X connectors: clear failures without credentials, and the real
request and payload formats against local servers."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from functools import partial
from urllib.parse import parse_qs, urlsplit

import pytest

from sentinelle.core import http
from sentinelle.core.clock import now
from sentinelle.listening.connectors import ConnectorError, connector_for
from sentinelle.listening.connectors.x import XConnector
from sentinelle.listening.connectors.youtube import YouTubeConnector
from sentinelle.listening.loop import poll_source
from sentinelle.listening.models import Source
from tests.listening.connectors import bodies, malformed
from tests.listening.connectors import payloads as p
from tests.listening.connectors.test_mastodon import assert_rejected, interleave
from tests.listening.fake_http import FakeServer, Reply

local = partial(http.fetch, allow_private=True, timeout=5)
JSON = {"Content-Type": "application/json; charset=UTF-8"}
THREADS = "/youtube/v3/commentThreads"
RECENT = "/2/tweets/search/recent"


def serve_json(document, status: int = 200, **headers):
    return lambda request: Reply(status, JSON | headers, json.dumps(document).encode())


def query(request) -> dict[str, list[str]]:
    return parse_qs(urlsplit(request.path).query)


def youtube(server: FakeServer, **config) -> YouTubeConnector:
    settings = {"api_key": "AIzaTestKey", "video_id": "Xk3bAs7i0nU", "api_url": server.url("/")}
    return YouTubeConnector.from_config(settings | config, fetcher=local)


def x(server: FakeServer, **config) -> XConnector:
    settings = {
        "bearer_token": "AAAAbearer",
        "query": "velonova -is:retweet",
        "api_url": server.url("/"),
    }
    return XConnector.from_config(settings | config, fetcher=local)


@pytest.mark.parametrize(
    ("kind", "config", "message"),
    [
        ("youtube", {}, "no api_key.*Credentials"),
        ("youtube", {"api_key": "  ", "video_id": "v"}, "no api_key"),
        ("youtube", {"api_key": "k"}, "either"),
        ("youtube", {"api_key": "k", "video_id": "a", "channel_id": "b"}, "either"),
        ("youtube", {"api_key": "k", "video_id": "../../x"}, "not a YouTube id"),
        ("x", {}, "no bearer_token.*Keys and tokens"),
        ("x", {"bearer_token": None, "query": "v"}, "no bearer_token"),
        ("x", {"bearer_token": "t"}, 'needs "query"'),
        ("x", {"bearer_token": "t", "mode": "mentions"}, 'needs "username"'),
        (
            "x",
            {"bearer_token": "t", "mode": "mentions", "username": "not a name"},
            "not an X username",
        ),
        ("x", {"bearer_token": "t", "mode": "timeline"}, "search or mentions"),
        ("x", {"bearer_token": "t", "query": "v" * 600}, "longer than 512"),
    ],
)
def test_missing_credentials_and_bad_settings_are_clear_permanent_errors(kind, config, message):
    with pytest.raises(ConnectorError, match=message) as error:
        connector_for(kind, config)
    assert not error.value.retryable


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["youtube", "x"])
def test_a_source_without_credentials_records_the_message_and_the_worker_goes_on(brand, kind):
    source = Source.objects.create(brand=brand, kind=kind, name=f"{kind} sans clé", config={})
    assert poll_source(source) == 0
    source.refresh_from_db()
    assert "no api_key" in source.last_error or "no bearer_token" in source.last_error


# -- YouTube ---------------------------------------------------------------------------------


def test_comment_threads_become_items():
    page = p.youtube_page(
        [p.youtube_thread("UgzA1"), p.youtube_thread("UgzB2", text="Great video")]
    )
    with FakeServer({THREADS: serve_json(page)}) as server:
        result = youtube(server).fetch({})
    first, second = result.items
    assert first.external_id == "yt:comment:UgzA1" and first.channel == "youtube"
    assert first.url == "https://www.youtube.com/watch?v=Xk3bAs7i0nU&lc=UgzA1"
    assert first.text.startswith("Même chose") and second.text == "Great video"
    assert (
        first.author.handle == "@gaston"
        and first.author.profile_url == "http://www.youtube.com/@gaston"
    )
    assert first.engagement == {"likes": 7, "replies": 2}
    assert first.published_at == datetime(2026, 11, 16, 9, 14, 3, tzinfo=UTC)
    sent = query(server.requests[0])
    assert (
        sent["videoId"] == ["Xk3bAs7i0nU"]
        and sent["order"] == ["time"]
        and sent["key"] == ["AIzaTestKey"]
    )
    assert sent["part"] == ["snippet"] and sent["textFormat"] == ["plainText"]


def test_a_channel_reads_all_its_threads_and_stops_at_a_known_comment():
    pages = {
        None: p.youtube_page([p.youtube_thread("c3"), p.youtube_thread("c2")], next_token="P2"),
        "P2": p.youtube_page([p.youtube_thread("c1")], next_token="P3"),
    }
    route = lambda r: serve_json(pages[query(r).get("pageToken", [None])[0]])(r)  # noqa: E731
    with FakeServer({THREADS: route}) as server:
        result = youtube(server, video_id="", channel_id="UCvEl0n0vAteSt").fetch(
            {"seen": ["yt:comment:c1"]}
        )
    assert [i.external_id for i in result.items] == ["yt:comment:c3", "yt:comment:c2"]
    assert query(server.requests[0])["allThreadsRelatedToChannelId"] == ["UCvEl0n0vAteSt"]
    assert len(server.requests) == 2


def test_a_spent_quota_waits_for_midnight_pacific_and_the_key_stays_secret():
    error_body = {
        "error": {"code": 403, "message": "quota", "errors": [{"reason": "quotaExceeded"}]}
    }
    with (
        FakeServer({THREADS: serve_json(error_body, 403)}) as server,
        pytest.raises(ConnectorError) as error,
    ):
        youtube(server).fetch({})
    assert error.value.retryable and 0 < error.value.retry_after <= 25 * 3600
    assert "quota" in str(error.value) and "AIzaTestKey" not in str(error.value)


def broken_threads() -> list[malformed.Broken]:
    good = p.youtube_thread("bad")
    inner = ("snippet", "topLevelComment", "snippet")
    no_original = malformed._set(good, [*inner, "textOriginal"], malformed.MISSING)
    fields = [
        (("kind",), ["youtube#comment", "youtube#video", None, 5, [], ""]),
        (("snippet",), malformed.BAD_OBJECT),
        (("snippet", "topLevelComment"), malformed.BAD_OBJECT),
        (inner, malformed.BAD_OBJECT),
        (("snippet", "topLevelComment", "id"), malformed.BAD_ID),
        ((*inner, "textOriginal"), [[], {}, True, 3.5, "x" * 200_001]),
        ((*inner, "publishedAt"), malformed.BAD_ISO_TIME),
        ((*inner, "authorDisplayName"), malformed.NOT_TEXT),
        ((*inner, "videoId"), malformed.NOT_TEXT),
    ]
    text_fields = [((*inner, "textDisplay"), [malformed.MISSING, None, "", *malformed.BAD_BODY])]
    return [
        *malformed.mutations(good, fields),
        *malformed.mutations(no_original, text_fields, prefix="no-original."),
        *malformed.bad_entries(),
    ]


def test_broken_threads_are_rejected_and_the_good_ones_kept():
    bad = broken_threads()
    good = [p.youtube_thread(f"g{n}") for n in range(5)]
    page = p.youtube_page(interleave(list(good), [b.entry for b in bad]))
    with FakeServer({THREADS: serve_json(page)}) as server:
        result = youtube(server).fetch({})
    assert [i.external_id for i in result.items] == [f"yt:comment:g{n}" for n in range(5)]
    assert_rejected(result, bad)
    assert len(bad) >= 100  # and the broken bodies below besides


@pytest.mark.parametrize("case", bodies.CASES, ids=lambda c: c.name)
def test_youtube_broken_bodies_fail_the_fetch_cleanly_or_are_salvaged(case):
    document = p.youtube_page([p.youtube_thread("t1", text="Antivol cassé")])
    with FakeServer({THREADS: lambda r: case.reply(document)}) as server:
        bodies.check(case, lambda: youtube(server).fetch({}), ["Antivol cassé"])


# -- X ---------------------------------------------------------------------------------------


def test_recent_search_results_become_items_with_their_authors():
    reply = p.x_post(
        "1860000000000000002",
        referenced_tweets=[{"type": "replied_to", "id": "1860000000000000001"}],
    )
    page = p.x_page([p.x_post("1860000000000000003"), reply], newest="1860000000000000003")
    with FakeServer({RECENT: serve_json(page)}) as server:
        result = x(server).fetch({})
    first, second = result.items
    assert first.external_id == "1860000000000000003" and first.channel == "x"
    assert first.url == "https://x.com/priya_rides/status/1860000000000000003"
    assert first.author.handle == "@priya_rides" and first.author.followers == 5120
    assert first.engagement == {"likes": 9, "shares": 3, "replies": 1, "views": 1200}
    assert second.parent_external_id == "1860000000000000001"
    assert result.cursor == {"since_id": "1860000000000000003"}
    sent = server.requests[0]
    assert sent.headers["authorization"] == "Bearer AAAAbearer"
    assert query(sent)["query"] == ["velonova -is:retweet"]
    assert "public_metrics" in query(sent)["tweet.fields"][0]


def test_the_next_search_asks_since_the_newest_id_and_an_empty_answer_keeps_it():
    with FakeServer({RECENT: serve_json({"meta": {"result_count": 0}})}) as server:
        result = x(server).fetch({"since_id": "1860000000000000003"})
    assert result.items == [] and result.cursor == {"since_id": "1860000000000000003"}
    assert query(server.requests[0])["since_id"] == ["1860000000000000003"]


def test_mentions_look_up_the_user_once():
    routes = {
        "/2/users/by/username/velonova": serve_json(
            {"data": {"id": "99", "name": "Vélonova", "username": "velonova"}}
        ),
        "/2/users/99/mentions": serve_json(p.x_page([p.x_post("1860000000000000010")])),
    }
    with FakeServer(routes) as server:
        connector = x(server, mode="mentions", username="@velonova", query="")
        first = connector.fetch({})
        connector.fetch(first.cursor)
    assert first.cursor == {"user_id": "99", "since_id": "1860000000000000010"}
    assert [r.path.split("?")[0] for r in server.requests] == [
        "/2/users/by/username/velonova",
        "/2/users/99/mentions",
        "/2/users/99/mentions",
    ]


def test_an_access_level_without_the_endpoint_is_explained_and_not_retried():
    body = {
        "title": "Client Forbidden",
        "reason": "client-not-enrolled",
        "type": "https://api.x.com/2/problems/client-forbidden",
    }
    with (
        FakeServer({RECENT: serve_json(body, 403)}) as server,
        pytest.raises(ConnectorError, match="paid tier") as error,
    ):
        x(server).fetch({})
    assert not error.value.retryable


def test_x_rate_limit_headers_say_how_long_to_wait():
    reset = str(int(now().timestamp()) + 600)
    headers = {
        "x-rate-limit-limit": "60",
        "x-rate-limit-remaining": "0",
        "x-rate-limit-reset": reset,
    }
    with FakeServer({RECENT: serve_json(p.x_page([p.x_post("1")]), **headers)}) as server:
        result = x(server).fetch({})
    assert len(result.items) == 1 and 500 < result.retry_after <= 600
    limited = FakeServer({RECENT: serve_json({"title": "Too Many Requests"}, 429, **headers)})
    with limited as server, pytest.raises(ConnectorError, match="rate limit") as error:
        x(server).fetch({})
    assert error.value.retryable and 500 < error.value.retry_after <= 600


def broken_posts() -> tuple[list[malformed.Broken], list]:
    good = p.x_post("1860000000000000100")
    fields = [
        (("id",), [*malformed.BAD_ID, "abc", "-1", "1.5", " 1"]),
        (("text",), [malformed.MISSING, None, "", *malformed.BAD_BODY]),
        (("created_at",), malformed.BAD_ISO_TIME),
        (("author_id",), [[], {}, True, 3.5]),
        (("referenced_tweets",), [5, 3.5, True, "replied_to", {"type": "replied_to"}]),
        (("lang",), malformed.NOT_TEXT),
    ]
    fields += [
        (("referenced_tweets",), [[{"type": "replied_to", "id": value}]])
        for value in malformed.NOT_TEXT
    ]
    bad = [*malformed.mutations(good, fields), *malformed.bad_entries()]
    users = []
    for number, value in enumerate(malformed.BAD_STRING):
        user = malformed._set({"id": f"u{number}", "name": "N"}, ["username"], value)
        users.append(user)
        bad.append(
            malformed.Broken(
                f"user.username#{number}",
                p.x_post("1860000000000000200", author_id=f"u{number}"),
                "username",
            )
        )
    for number, value in enumerate(malformed.NOT_TEXT):
        users.append({"id": f"n{number}", "name": value, "username": "camille_v"})
        bad.append(
            malformed.Broken(
                f"user.name#{number}",
                p.x_post("1860000000000000300", author_id=f"n{number}"),
                "name",
            )
        )
    return bad, users


def test_broken_posts_are_rejected_and_the_good_ones_kept():
    bad, users = broken_posts()
    good = [p.x_post(str(1860000000000000001 + n)) for n in range(5)]
    page = p.x_page(interleave(list(good), [b.entry for b in bad]))
    page["includes"]["users"] += users
    with FakeServer({RECENT: serve_json(page)}) as server:
        result = x(server).fetch({})
    assert [i.external_id for i in result.items] == [g["id"] for g in good]
    assert_rejected(result, bad)
    assert len(bad) >= 100  # and the broken bodies below besides


@pytest.mark.parametrize("case", bodies.CASES, ids=lambda c: c.name)
def test_x_broken_bodies_fail_the_fetch_cleanly_or_are_salvaged(case):
    document = p.x_page([p.x_post("5", text="Antivol cassé, SAV muet")])
    with FakeServer({RECENT: lambda r: case.reply(document)}) as server:
        bodies.check(case, lambda: x(server).fetch({}), ["Antivol cassé, SAV muet"])
