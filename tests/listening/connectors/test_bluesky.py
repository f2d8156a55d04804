"""The Bluesky connector against a local XRPC server and a local Jetstream."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from functools import partial
from urllib.parse import parse_qs, urlsplit

import pytest

from sentinelle.core import http, ws
from sentinelle.listening.connectors import ConnectorError, connector_for
from sentinelle.listening.connectors.bluesky import (
    REWIND_US,
    SKIP_US,
    BlueskySearchConnector,
    JetstreamConnector,
)
from tests.listening.connectors import bodies, malformed
from tests.listening.connectors import payloads as p
from tests.listening.connectors.fake_ws import Cut, FakeWsServer, Refuse
from tests.listening.connectors.test_mastodon import assert_rejected, interleave
from tests.listening.fake_http import FakeServer, Reply

local = partial(http.fetch, allow_private=True, timeout=5)
local_ws = partial(ws.connect, allow_private=True, timeout=5)
JSON = {"Content-Type": "application/json"}
SEARCH = "/xrpc/app.bsky.feed.searchPosts"
LOGIN = "/xrpc/com.atproto.server.createSession"


def serve_json(document, status: int = 200, **headers):
    return lambda request: Reply(status, JSON | headers, json.dumps(document).encode())


def search(server: FakeServer, **config) -> BlueskySearchConnector:
    base = server.url("/").rstrip("/")
    settings = {"query": "vélonova", "service": base, "pds": base}
    return BlueskySearchConnector.from_config(settings | config, fetcher=local)


def query(request) -> dict[str, list[str]]:
    return parse_qs(urlsplit(request.path).query)


def test_search_results_become_items():
    reply = p.bluesky_post(
        "3kx2",
        record={
            **p.bluesky_post("x")["record"],
            "reply": {
                "root": {"uri": "at://did:plc:a/app.bsky.feed.post/1", "cid": "bafy1"},
                "parent": {"uri": "at://did:plc:a/app.bsky.feed.post/2", "cid": "bafy2"},
            },
        },
    )
    page = {"cursor": "1", "hitsTotal": 2, "posts": [p.bluesky_post("3kx3"), reply]}
    with FakeServer({SEARCH: serve_json(page)}) as server:
        result = search(server).fetch({})
    first, second = result.items
    assert first.external_id == "at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3kx3"
    assert first.url == "https://bsky.app/profile/camille.bsky.social/post/3kx3"
    assert first.channel == "bluesky" and first.lang == "fr"
    assert first.text.startswith("Vélonova ne répond plus")
    assert first.author.handle == "@camille.bsky.social" and first.author.name == "Camille"
    assert first.engagement == {"likes": 12, "shares": 4, "replies": 1}
    assert first.published_at == datetime(2026, 11, 16, 9, 14, 3, 101000, tzinfo=UTC)
    assert second.parent_external_id == "at://did:plc:a/app.bsky.feed.post/2"
    assert query(server.requests[0]) == {"q": ["vélonova"], "sort": ["latest"], "limit": ["100"]}
    assert result.cursor["since"] == "2026-11-16T09:12:04.220000Z"  # two minutes of margin


def test_the_next_search_starts_from_the_cursor_and_drops_repeats():
    page = {"posts": [p.bluesky_post("a1"), p.bluesky_post("a2")]}
    with FakeServer({SEARCH: serve_json(page)}) as server:
        connector = search(server)
        first = connector.fetch({})
        second = connector.fetch(first.cursor)
    assert len(first.items) == 2 and second.items == []
    assert query(server.requests[1])["since"] == [first.cursor["since"]]
    assert len(second.cursor["seen"]) == 2


def test_a_login_is_made_once_and_its_token_sent():
    logins = []

    def login(request):
        logins.append(request)
        return Reply(
            200, JSON, json.dumps({"accessJwt": "jwt-1", "refreshJwt": "r", "did": "d"}).encode()
        )

    routes = {LOGIN: login, SEARCH: serve_json({"posts": [p.bluesky_post("b1")]})}
    with FakeServer(routes) as server:
        connector = search(server, identifier="velonova.bsky.social", app_password="abcd-efgh")
        connector.fetch({})
        connector.fetch({})
    assert len(logins) == 1 and logins[0].method == "POST"
    searches = [r for r in server.requests if r.path.startswith(SEARCH)]
    assert [r.headers["authorization"] for r in searches] == ["Bearer jwt-1"] * 2


def test_a_refused_app_password_is_a_clear_permanent_error():
    routes = {LOGIN: serve_json({"error": "AuthenticationRequired"}, 401)}
    with (
        FakeServer(routes) as server,
        pytest.raises(ConnectorError, match="app password was refused") as error,
    ):
        search(server, identifier="velonova.bsky.social", app_password="wrong").fetch({})
    assert not error.value.retryable


def test_rate_limit_headers_say_how_long_to_wait():
    headers = {"RateLimit-Limit": "3000", "RateLimit-Remaining": "0", "RateLimit-Reset": str(2**31)}
    with FakeServer({SEARCH: serve_json({"posts": [p.bluesky_post("c1")]}, **headers)}) as server:
        result = search(server).fetch({})
    assert len(result.items) == 1 and result.retry_after > 0


def broken_posts() -> list[malformed.Broken]:
    good = p.bluesky_post("good")
    fields = [
        (("uri",), [*malformed.BAD_ID, "https://bsky.app/x", "at://x", "at://" + "x" * 600]),
        (("author",), malformed.BAD_OBJECT),
        (("author", "handle"), malformed.BAD_STRING),
        (("record",), malformed.BAD_OBJECT),
        (("record", "createdAt"), malformed.BAD_ISO_TIME),
        (("record", "text"), [malformed.MISSING, "", *malformed.BAD_BODY]),
        (("record", "$type"), ["app.bsky.feed.like", "app.bsky.feed.repost"]),
    ]
    return [*malformed.mutations(good, fields), *malformed.bad_entries()]


def test_broken_posts_are_rejected_and_the_good_ones_kept():
    bad = broken_posts()
    good = [p.bluesky_post(f"g{n}") for n in range(6)]
    page = {"posts": interleave(list(good), [b.entry for b in bad])}
    with FakeServer({SEARCH: serve_json(page)}) as server:
        result = search(server).fetch({})
    assert [i.external_id for i in result.items] == [g["uri"] for g in good]
    assert_rejected(result, bad)


@pytest.mark.parametrize("case", bodies.CASES, ids=lambda c: c.name)
def test_broken_bodies_fail_the_fetch_cleanly_or_are_salvaged(case):
    document = {"posts": [p.bluesky_post("d1", text="Antivol cassé, SAV muet")]}
    with FakeServer({SEARCH: lambda r: case.reply(document)}) as server:
        bodies.check(case, lambda: search(server).fetch({}), ["Antivol cassé, SAV muet"])


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({}, 'needs "query"'),
        ({"query": "v", "identifier": "velonova.bsky.social"}, "both identifier"),
        ({"query": "v", "service": "not a url at all"}, "https address"),
        ({"query": "v", "lang": "français"}, "language code"),
        ({"mode": "firehose"}, "search or jetstream"),
        ({"mode": "jetstream"}, "needs dids"),
        ({"mode": "jetstream", "dids": ["alice"]}, "DIDs"),
        ({"mode": "jetstream", "track": "velonova"}, "list of text"),
        ({"mode": "jetstream", "track": ["v"], "jetstream_url": "ftp://x"}, "https address"),
    ],
)
def test_bad_configurations_are_refused_with_a_clear_message(config, message):
    with pytest.raises(ConnectorError, match=message) as error:
        connector_for("bluesky", config)
    assert not error.value.retryable


# -- Jetstream -------------------------------------------------------------------------------


class Jetstream:
    """Replays its events from the `cursor` a client asks for, as Jetstream does."""

    def __init__(self, events: list, *, cut_after: int | None = None) -> None:
        self.events = events
        self.cut_after = cut_after

    def __call__(self, request):
        params = parse_qs(urlsplit(request.path).query)
        assert params["wantedCollections"] == ["app.bsky.feed.post"]
        since = int(params.get("cursor", ["0"])[0])
        chosen = [e for e in self.events if _time(e) is None or _time(e) > since]
        if since == 0:
            chosen = self.events
        messages = [e if isinstance(e, str | bytes) else json.dumps(e) for e in chosen]
        if self.cut_after is not None:
            cut, self.cut_after = self.cut_after, None
            return [*messages[:cut], Cut()]
        return messages


def _time(event) -> int | None:
    value = event.get("time_us") if isinstance(event, dict) else None
    return value if isinstance(value, int) else None


def jetstream(server: FakeWsServer, **config) -> JetstreamConnector:
    settings = {
        "mode": "jetstream",
        "track": ["velonova"],
        "jetstream_url": server.url("").rstrip("/"),
        "max_seconds": 10,
    }
    return JetstreamConnector.from_config(settings | config, connect=local_ws)


T0 = 1_794_820_443_000_000


def test_jetstream_posts_become_items_and_the_cursor_is_their_time():
    events = [
        p.jetstream_commit(T0 + 1, "r1"),
        {"did": "did:plc:x", "time_us": T0 + 2, "kind": "identity", "identity": {"handle": "x"}},
        p.jetstream_commit(T0 + 3, "r2", text="Nothing about bikes today"),  # not tracked
        {
            **p.jetstream_commit(T0 + 4, "r3"),
            "commit": {"operation": "delete", "collection": "app.bsky.feed.post", "rkey": "r1"},
        },
        p.jetstream_commit(
            T0 + 5, "r4", reply={"parent": {"uri": "at://did:plc:b/app.bsky.feed.post/p"}}
        ),
    ]
    with FakeWsServer(Jetstream(events)) as server:
        result = jetstream(server).fetch({})
    first, second = result.items
    assert first.external_id == "at://did:plc:eygmaihciaxprqvxpfvl6flk/app.bsky.feed.post/r1"
    assert first.url == "https://bsky.app/profile/did:plc:eygmaihciaxprqvxpfvl6flk/post/r1"
    assert first.lang == "en" and first.author.handle == "did:plc:eygmaihciaxprqvxpfvl6flk"
    assert second.parent_external_id == "at://did:plc:b/app.bsky.feed.post/p"
    assert result.cursor["time_us"] == T0 + 5 and result.rejects == []


def test_jetstream_resumes_a_little_before_its_cursor_without_repeating_items():
    events = [p.jetstream_commit(T0 + n * 1_000_000, f"r{n}") for n in range(1, 6)]
    with FakeWsServer(Jetstream(events, cut_after=2)) as server:
        connector = jetstream(server, dids=["did:plc:eygmaihciaxprqvxpfvl6flk"])
        first = connector.fetch({})
        again = connector.fetch(first.cursor)
    assert [i.external_id[-2:] for i in first.items] == ["r1", "r2", "r3", "r4", "r5"]
    assert any("broke" in problem for problem in first.problems)
    resumed = parse_qs(urlsplit(server.requests[1].path).query)
    assert resumed["cursor"] == [str(T0 + 2_000_000 - REWIND_US)]
    assert resumed["wantedDids"] == ["did:plc:eygmaihciaxprqvxpfvl6flk"]
    assert again.items == []  # the replayed seconds bring nothing new
    assert again.cursor["time_us"] == T0 + 5_000_000


def test_an_oversized_jetstream_message_is_rejected_then_skipped_past():
    events = [
        p.jetstream_commit(T0 + 1, "r1"),
        "x" * 2_000_000,
        p.jetstream_commit(T0 + 9_000_000, "r9"),
    ]
    with FakeWsServer(Jetstream(events)) as server:
        connector = jetstream(server)
        first = connector.fetch({})
        second = connector.fetch(first.cursor)
    assert [i.external_id[-2:] for i in first.items] == ["r1"]
    assert "exceeds" in first.rejects[0].reason
    assert first.cursor["oversized_at"] == T0 + 1
    assert second.cursor["time_us"] == T0 + 1 + SKIP_US  # the same stall twice: jump ahead
    assert any("skipped" in problem for problem in second.problems)


def test_a_refused_jetstream_handshake_is_a_connector_error():
    with (
        FakeWsServer(lambda r: Refuse(503)) as server,
        pytest.raises(ConnectorError, match="HTTP 503") as error,
    ):
        jetstream(server).fetch({})
    assert error.value.retryable


def broken_events() -> list[malformed.Broken]:
    good = p.jetstream_commit(T0, "bad")
    text = json.dumps(good)
    events = [
        malformed.Broken(f"cut#{n}", m, "") for n, m in enumerate(malformed.truncations(text))
    ]
    events += [malformed.Broken(f"garbage#{n}", m, "") for n, m in enumerate(malformed.GARBAGE)]
    events += [malformed.Broken(f"json={m}", m, "object") for m in malformed.NOT_OBJECTS]
    fields = [
        (("time_us",), [malformed.MISSING, None, "", "123", -1, 0, True, 3.5, [], {}]),
        (("commit",), malformed.BAD_OBJECT),
        (("did",), [*malformed.BAD_STRING, "not-a-did"]),
        (("commit", "rkey"), [*malformed.BAD_STRING, "a/b"]),
        (("commit", "record"), malformed.BAD_OBJECT),
        (("commit", "record", "createdAt"), malformed.BAD_ISO_TIME),
        (("commit", "record", "text"), malformed.BAD_BODY),
        (("commit", "record", "$type"), ["app.bsky.feed.like", 5]),
    ]
    for broken in malformed.mutations(good, fields):
        expected = {"time_us": "time_us", "did": "did", "rkey": "rkey"}.get(
            broken.expected, broken.expected
        )
        if broken.expected == "commit" and broken.entry.get("commit") is None:
            expected = "commit"
        events.append(malformed.Broken(broken.label, json.dumps(broken.entry), expected))
    return events


def test_over_a_hundred_broken_jetstream_events_are_rejected_and_the_stream_goes_on():
    bad = broken_events()
    assert len(bad) >= 100
    good = [p.jetstream_commit(T0 + n, f"g{n}") for n in range(1, 6)]
    messages = interleave([json.dumps(g) for g in good], [b.entry for b in bad], every=25)
    with FakeWsServer(lambda r: messages if len(server.requests) == 1 else []) as server:
        result = jetstream(server, max_events=10_000).fetch({})
    assert [i.external_id[-2:] for i in result.items] == ["g1", "g2", "g3", "g4", "g5"]
    assert_rejected(result, bad)
