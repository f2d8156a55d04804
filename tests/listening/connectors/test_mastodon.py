"""The Mastodon connector against a local server speaking Mastodon's REST and streaming APIs."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from functools import partial
from urllib.parse import parse_qs, urlsplit

import pytest

from sentinelle.core import http, ws
from sentinelle.core.clock import now
from sentinelle.listening.connectors import ConnectorError, connector_for
from sentinelle.listening.connectors.mastodon import MastodonConnector, MastodonStreamConnector
from tests.listening.connectors import bodies, malformed
from tests.listening.connectors import payloads as p
from tests.listening.connectors.fake_ws import Cut, FakeWsServer, Refuse
from tests.listening.fake_http import FakeServer, Reply

local = partial(http.fetch, allow_private=True, timeout=5)
local_ws = partial(ws.connect, allow_private=True, timeout=5)
JSON = {"Content-Type": "application/json; charset=utf-8"}
TAG = "/api/v1/timelines/tag/velonova"


def serve_json(document, **headers):
    return lambda request: Reply(200, JSON | headers, json.dumps(document).encode())


def rest(server: FakeServer, **config) -> MastodonConnector:
    settings = {"instance": server.url("/").rstrip("/"), "mode": "hashtag", "hashtag": "velonova"}
    return MastodonConnector.from_config(settings | config, fetcher=local)


def query(request) -> dict[str, list[str]]:
    return parse_qs(urlsplit(request.path).query)


def test_a_hashtag_timeline_becomes_items():
    statuses = [p.mastodon_status("109347530000000003"), p.mastodon_status("109347530000000002")]
    with FakeServer({TAG: serve_json(statuses)}) as server:
        result = rest(server).fetch({})
    first = result.items[0]
    assert first.external_id == "https://piaille.example/users/camille/statuses/109347530000000003"
    assert first.url == "https://piaille.example/@camille/109347530000000003"
    assert first.channel == "mastodon" and first.lang == "fr"
    assert first.content_type == "text/html" and "trois semaines" in first.text
    assert first.published_at == datetime(2026, 11, 16, 9, 14, 3, tzinfo=UTC)
    assert first.author.handle == "@camille@127.0.0.1"  # a local account gets its instance
    assert first.author.followers == 214 and first.author.name == "Camille Rousseau"
    assert first.engagement == {"likes": 11, "shares": 5, "replies": 2}
    assert result.cursor == {"min_id": "109347530000000003"}
    assert result.rejects == [] and result.retry_after is None
    assert query(server.requests[0]) == {"limit": ["40"]}


def test_the_next_fetch_asks_for_what_came_after_the_cursor():
    def timeline(request):
        newer = query(request).get("min_id") == ["9"]
        statuses = [p.mastodon_status("10")] if newer else [p.mastodon_status("9")]
        return Reply(200, JSON, json.dumps(statuses).encode())

    with FakeServer({TAG: timeline}) as server:
        connector = rest(server)
        first = connector.fetch({})
        second = connector.fetch(first.cursor)
        third = connector.fetch({"min_id": "10"})
    assert [i.extra["mastodon_id"] for i in first.items + second.items] == ["9", "10"]
    assert second.cursor == {"min_id": "10"}
    assert query(server.requests[2])["min_id"] == ["10"]
    assert third.items == [] or third.cursor == {"min_id": "10"}


def test_a_boost_stands_for_the_boosted_status_and_remote_accounts_keep_their_domain():
    original = p.mastodon_status("77", account=p.mastodon_account("priya@mastodon.example"))
    boost = p.mastodon_status("78", reblog=original, content="")
    with FakeServer({TAG: serve_json([boost, original])}) as server:
        result = rest(server).fetch({})
    (item,) = result.items  # the boost and the original are one status
    assert item.author.handle == "@priya@mastodon.example"
    assert result.cursor == {"min_id": "78"}


def test_search_needs_a_token_and_sends_it():
    with pytest.raises(ConnectorError, match="needs an access_token") as error:
        MastodonConnector.from_config({"instance": "https://piaille.example", "mode": "search"})
    assert not error.value.retryable
    found = {"accounts": [], "hashtags": [], "statuses": [p.mastodon_status("5")]}
    with FakeServer({"/api/v2/search": serve_json(found)}) as server:
        result = rest(server, mode="search", query="vélonova", access_token="tok").fetch({})
    assert len(result.items) == 1
    assert server.requests[0].headers["authorization"] == "Bearer tok"
    assert query(server.requests[0])["q"] == ["vélonova"]
    assert query(server.requests[0])["type"] == ["statuses"]


def test_an_account_is_looked_up_once_and_its_statuses_read():
    routes = {
        "/api/v1/accounts/lookup": serve_json(p.mastodon_account(id="4242")),
        "/api/v1/accounts/4242/statuses": serve_json([p.mastodon_status("31")]),
    }
    with FakeServer(routes) as server:
        connector = rest(server, mode="account", account="@velonova")
        first = connector.fetch({})
        connector.fetch(first.cursor)
    assert first.cursor == {"account_id": "4242", "min_id": "31"}
    assert [r.path.split("?")[0] for r in server.requests] == [
        "/api/v1/accounts/lookup",
        "/api/v1/accounts/4242/statuses",
        "/api/v1/accounts/4242/statuses",
    ]
    assert query(server.requests[0])["acct"] == ["velonova"]


def test_mentions_come_from_notifications_and_other_types_are_skipped():
    mention = p.mastodon_notification("900", p.mastodon_status("50"))
    favourite = p.mastodon_notification("901", p.mastodon_status("51"), kind="favourite")
    routes = {"/api/v1/notifications": serve_json([favourite, mention])}
    with FakeServer(routes) as server:
        result = rest(server, mode="mentions", access_token="tok").fetch({})
    assert [i.extra["mastodon_id"] for i in result.items] == ["50"]
    assert result.cursor == {"min_id": "901"}  # notification ids, not status ids
    assert query(server.requests[0])["types[]"] == ["mention"]


def test_a_spent_rate_limit_window_tells_how_long_to_wait():
    reset = (now() + timedelta(seconds=300)).isoformat().replace("+00:00", "Z")
    headers = {"X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset}
    with FakeServer({TAG: serve_json([p.mastodon_status("1")], **headers)}) as server:
        result = rest(server).fetch({})
    assert len(result.items) == 1
    assert 200 < result.retry_after <= 300


def test_http_429_carries_the_reset_time():
    reset = (now() + timedelta(seconds=120)).isoformat()

    def route(r):
        return Reply(429, JSON | {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset}, b"{}")

    with FakeServer({TAG: route}) as server, pytest.raises(ConnectorError) as error:
        rest(server).fetch({})
    assert error.value.retryable and 60 < error.value.retry_after <= 120


def test_a_refused_token_is_permanent():
    with (
        FakeServer(
            {TAG: lambda r: Reply(401, JSON, b'{"error": "The access token is invalid"}')}
        ) as server,
        pytest.raises(ConnectorError, match="credentials were refused") as error,
    ):
        rest(server, access_token="expired").fetch({})
    assert not error.value.retryable


def broken_statuses() -> list[malformed.Broken]:
    good = p.mastodon_status("100")
    fields = [
        (("id",), malformed.BAD_ID),
        (("created_at",), malformed.BAD_ISO_TIME),
        (("account",), malformed.BAD_OBJECT),
        (("account", "acct"), malformed.BAD_STRING),
        (("content",), malformed.BAD_BODY),
        (("uri",), [[], {}, True, 3.5, "u" * 600]),
    ]
    direct = list(malformed.mutations(good, fields))
    boosted = [
        malformed.Broken(f"reblog.{b.label}", p.mastodon_status("101", reblog=b.entry), b.expected)
        for b in direct
        if isinstance(b.entry, dict)
    ]
    return direct + boosted + list(malformed.bad_entries())


def interleave(good: list, bad: list, every: int = 20) -> list:
    page = []
    for index, entry in enumerate(bad):
        if index % every == 0 and good:
            page.append(good.pop(0))
        page.append(entry)
    return page + good


def assert_rejected(result, bad: list[malformed.Broken]) -> None:
    assert len(result.rejects) == len(bad)
    for broken, reject in zip(bad, result.rejects, strict=True):
        assert reject.reason, broken.label
        assert broken.expected.lower() in reject.reason.lower(), (broken.label, reject.reason)


def test_over_a_hundred_broken_statuses_are_rejected_and_the_good_ones_kept():
    bad = broken_statuses()
    assert len(bad) >= 100
    good = [p.mastodon_status(str(n)) for n in range(1, 8)]
    page = interleave(list(good), [b.entry for b in bad])
    with FakeServer({TAG: serve_json(page)}) as server:
        result = rest(server).fetch({})
    assert [i.extra["mastodon_id"] for i in result.items] == [g["id"] for g in good]
    assert_rejected(result, bad)
    assert json.loads(result.rejects[0].payload) is not None  # the entry as received


@pytest.mark.parametrize("case", bodies.CASES, ids=lambda c: c.name)
def test_broken_bodies_fail_the_fetch_cleanly_or_are_salvaged(case):
    document = [p.mastodon_status("7", content="<p>Vélo cassé, SAV muet</p>")]
    with FakeServer({TAG: lambda r: case.reply(document)}) as server:
        bodies.check(case, lambda: rest(server).fetch({}), ["<p>Vélo cassé, SAV muet</p>"])


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({}, 'needs "instance"'),
        ({"instance": "ftp://piaille.example"}, "not an https address"),
        ({"instance": "https://piaille.example/@camille"}, "address only"),
        ({"instance": "https://piaille.example", "mode": "firehose"}, "not one of"),
        ({"instance": "https://piaille.example", "mode": "hashtag"}, 'needs "hashtag"'),
        ({"instance": "https://piaille.example", "hashtag": "vélo nova"}, "letters, digits"),
        ({"instance": "https://piaille.example", "mode": "mentions"}, "needs an access_token"),
        ({"instance": "https://piaille.example", "mode": "stream", "hashtag": "v"}, "streaming"),
        ({"instance": "https://p.example", "mode": "stream", "stream": "all"}, "not one of"),
    ],
)
def test_bad_configurations_are_refused_with_a_clear_message(config, message):
    with pytest.raises(ConnectorError, match=message) as error:
        connector_for("mastodon", config)
    assert not error.value.retryable


# -- streaming -------------------------------------------------------------------------------


def stream(server: FakeWsServer, rest_server: FakeServer | None = None, **config):
    settings = {
        "instance": (rest_server.url("/") if rest_server else "http://127.0.0.1:9").rstrip("/"),
        "mode": "stream",
        "stream": "hashtag",
        "hashtag": "velonova",
        "access_token": "tok",
        "streaming_url": server.url("/").rstrip("/"),
        "max_seconds": 10,
    }
    return MastodonStreamConnector.from_config(settings | config, fetcher=local, connect=local_ws)


def test_streamed_updates_become_items_and_other_events_are_ignored():
    events = [
        p.mastodon_event("update", p.mastodon_status("201")),
        p.mastodon_event("delete", "200"),
        p.mastodon_event("filters_changed", ""),
        p.mastodon_event("update", p.mastodon_status("202")),
    ]
    with FakeWsServer(lambda r: events if len(server.requests) == 1 else []) as server:
        result = stream(server).fetch({})
    assert [i.extra["mastodon_id"] for i in result.items] == ["201", "202"]
    assert result.cursor == {"min_id": "202"}
    handshake = server.requests[0]
    assert handshake.headers["authorization"] == "Bearer tok"
    assert parse_qs(urlsplit(handshake.path).query) == {"stream": ["hashtag"], "tag": ["velonova"]}


def test_a_dropped_stream_reconnects_and_a_later_fetch_backfills_from_the_timeline():
    batches = [
        [p.mastodon_event("update", p.mastodon_status("301")), Cut()],
        [p.mastodon_event("update", p.mastodon_status("302"))],
        [],
    ]
    with (
        FakeWsServer(lambda r: batches.pop(0) if batches else []) as server,
        FakeServer({TAG: serve_json([p.mastodon_status("303")])}) as timeline,
    ):
        connector = stream(server, timeline)
        first = connector.fetch({})
        second = connector.fetch(first.cursor)
    assert [i.extra["mastodon_id"] for i in first.items] == ["301", "302"]
    assert any("broke" in problem for problem in first.problems)
    assert first.cursor == {"min_id": "302"}
    assert query(timeline.requests[0])["min_id"] == ["302"]  # the gap is filled first
    assert [i.extra["mastodon_id"] for i in second.items] == ["303"]
    assert second.cursor == {"min_id": "303"}


def test_the_mentions_stream_keeps_notification_ids():
    mention = p.mastodon_notification("950", p.mastodon_status("60"))
    events = [p.mastodon_event("notification", mention, ["user:notification"])]
    with FakeWsServer(lambda r: events if len(server.requests) == 1 else []) as server:
        result = stream(server, stream="mentions").fetch({})
    assert [i.extra["mastodon_id"] for i in result.items] == ["60"]
    assert result.cursor == {"min_id": "950"}
    assert "stream=user%3Anotification" in server.requests[0].path


def test_a_refused_stream_handshake_is_a_clear_error():
    with FakeWsServer(lambda r: Refuse(401)) as server, pytest.raises(ConnectorError) as error:
        stream(server).fetch({})
    assert "HTTP 401" in str(error.value) and "token was refused" in str(error.value)
    assert not error.value.retryable


def test_a_rate_limited_stream_handshake_says_when_to_come_back():
    refusing = FakeWsServer(lambda r: Refuse(429, {"Retry-After": "45"}))
    with refusing as server, pytest.raises(ConnectorError) as error:
        stream(server).fetch({})
    assert error.value.retryable and error.value.retry_after == 45.0


def broken_events() -> list[malformed.Broken]:
    good = p.mastodon_event("update", p.mastodon_status("400"))
    events = [
        malformed.Broken(f"cut#{n}", m, "") for n, m in enumerate(malformed.truncations(good))
    ]
    events += [malformed.Broken(f"garbage#{n}", m, "") for n, m in enumerate(malformed.GARBAGE)]
    events += [malformed.Broken(f"json={m}", m, "object") for m in malformed.NOT_OBJECTS]
    envelope = {"stream": ["hashtag", "velonova"], "event": "update", "payload": "{}"}
    for broken in malformed.mutations(envelope, [(("event",), malformed.BAD_STRING)]):
        events.append(malformed.Broken(broken.label, json.dumps(broken.entry), "event"))
    for value in (malformed.MISSING, None, 5, [], {"id": "1"}, True):
        entry = malformed._set(envelope, ["payload"], value)
        events.append(malformed.Broken(f"payload={value!r}", json.dumps(entry), "payload"))
    for broken in broken_statuses():
        message = json.dumps(envelope | {"payload": json.dumps(broken.entry)})
        events.append(malformed.Broken(f"status.{broken.label}", message, broken.expected))
    return events


def test_over_a_hundred_broken_stream_events_are_rejected_and_the_stream_goes_on():
    bad = broken_events()
    assert len(bad) >= 100
    good = [p.mastodon_event("update", p.mastodon_status(str(n))) for n in range(500, 505)]
    messages = interleave(list(good), [b.entry for b in bad], every=40)
    with FakeWsServer(lambda r: messages if len(server.requests) == 1 else []) as server:
        result = stream(server, max_events=10_000).fetch({})
    assert [i.extra["mastodon_id"] for i in result.items] == [str(n) for n in range(500, 505)]
    assert_rejected(result, bad)
    assert result.cursor == {"min_id": "504"}


def test_an_oversized_stream_message_is_rejected_and_the_session_ends_cleanly():
    events = [p.mastodon_event("update", p.mastodon_status("601")), "x" * 2_000_000]
    with FakeWsServer(lambda r: events if len(server.requests) == 1 else []) as server:
        result = stream(server).fetch({})
    assert [i.extra["mastodon_id"] for i in result.items] == ["601"]
    (reject,) = result.rejects
    assert "exceeds 1,000,000 bytes" in reject.reason


def test_the_stream_refuses_private_addresses_without_the_test_switch():
    with FakeWsServer(lambda r: []) as server:
        connector = MastodonStreamConnector.from_config(
            {
                "instance": "https://piaille.example",
                "mode": "stream",
                "hashtag": "velonova",
                "access_token": "tok",
                "streaming_url": server.url("/").rstrip("/"),
            }
        )
        with pytest.raises(ConnectorError, match="loopback") as error:
            connector.fetch({})
    assert not error.value.retryable and server.requests == []
