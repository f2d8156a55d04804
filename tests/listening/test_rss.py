"""The RSS/Atom connector against a local server speaking HTTP, through the real guarded client."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import pytest

from sentinelle.core import http
from sentinelle.listening.connectors import ConnectorError, connector_for
from sentinelle.listening.connectors.rss import SEEN_LIMIT, RssConnector
from sentinelle.listening.loop import poll_source
from sentinelle.listening.models import Mention, Source
from tests.listening import feeds
from tests.listening.fake_http import FakeServer, Reply, public_names, static

local = partial(http.fetch, allow_private=True, timeout=2)
RSS = "application/rss+xml; charset=utf-8"
ATOM = "application/atom+xml"


def serve(body: str | bytes, content_type: str = RSS, **headers: str):
    data = body.encode() if isinstance(body, str) else body
    return static(200, data, Content_Type=content_type, **headers)


def connector(server: FakeServer, path: str = "/feed", channel: str | None = None) -> RssConnector:
    config = {"url": server.url(path)} | ({"channel": channel} if channel else {})
    return RssConnector.from_config(config, fetcher=local)


def fetch_once(body: str | bytes, content_type: str = RSS, channel: str | None = None):
    with FakeServer({"/feed": serve(body, content_type)}) as server:
        return connector(server, channel=channel).fetch({}), server


def test_a_french_blog_in_rss_2():
    result, _ = fetch_once(feeds.BLOG_RSS_FR)
    assert [item.external_id for item in result.items] == [
        "https://carnet-cycliste.example/?p=4211",
        "https://carnet-cycliste.example/?p=4198",
    ]
    first = result.items[0]
    assert first.channel == "blog" and first.lang == "fr"
    assert first.url == "https://carnet-cycliste.example/2026/11/velonova-sav/"
    assert first.title == "Vélonova : trois semaines pour un accusé de réception"
    assert first.content_type == "text/html"
    assert "<strong>sans chargeur</strong>" in first.text  # content:encoded wins over description
    assert first.published_at == datetime(2026, 11, 16, 7, 14, 3, tzinfo=UTC)
    assert first.author.handle == "Camille R."
    assert result.problems == []


def test_english_news_in_atom_with_relative_links():
    with FakeServer({"/atom.xml": serve(feeds.NEWS_ATOM_EN, ATOM)}) as server:
        result = connector(server, "/atom.xml", channel="news").fetch({})
    recall, roundup = result.items
    assert recall.channel == "news" and recall.lang == "en"
    assert recall.url == server.url("/2026/11/velonova-recall")
    assert "would <b>recall</b> the Bastion U" in recall.text
    assert recall.content_type == "text/html"
    assert recall.author.email == "priya@cyclingnews.example"
    assert recall.author.profile_url == "https://cyclingnews.example/authors/priya"
    assert roundup.text == "Nothing about locks this week."
    assert roundup.content_type == "text/plain"
    assert roundup.published_at == datetime(2026, 11, 15, 12, tzinfo=UTC)  # updated, no published


def test_a_latin_1_forum_feed_and_an_rss_author():
    result, _ = fetch_once(feeds.FORUM_RSS_FR.encode("iso-8859-1"), "application/rss+xml")
    (reply,) = result.items
    assert "Même problème ici" in reply.text
    assert (reply.author.handle, reply.author.email) == ("Gaston", "gaston@forum-velotaf.example")


def test_a_lying_charset_keeps_the_entries():
    body = feeds.FORUM_RSS_FR.encode("iso-8859-1")  # the header below claims UTF-8
    result, _ = fetch_once(body, "application/rss+xml; charset=utf-8", channel="forum")
    (reply,) = result.items
    assert "Même problème ici" in reply.text
    assert reply.channel == "forum"


def test_hostile_html_is_defused_and_unsafe_links_dropped():
    result, _ = fetch_once(feeds.HOSTILE_RSS)
    hostile, future = result.items
    for unsafe in ("<script", "onerror", "onclick", "javascript:", "<iframe", "<style", "evil"):
        assert unsafe not in hostile.text
    assert "Antivol" in hostile.text
    assert hostile.url == ""
    assert future.published_at <= datetime.now(tz=UTC)  # 2150 is clamped to the fetch time


def test_a_youtube_channel_feed():
    result, _ = fetch_once(feeds.YOUTUBE_ATOM, ATOM, channel="youtube")
    (video,) = result.items
    assert video.external_id == "yt:video:Xk3bAs7i0nU"
    assert video.url == "https://www.youtube.com/watch?v=Xk3bAs7i0nU"
    assert video.channel == "youtube"
    assert "cède en 10 secondes" in video.text
    assert video.engagement == {"views": 254301}
    assert video.author.handle == "Vélo Bidouille"
    assert video.author.profile_url == "https://www.youtube.com/channel/UCvEl0n0vAteSt"


def test_a_reddit_feed():
    result, _ = fetch_once(feeds.REDDIT_ATOM, ATOM, channel="reddit")
    (post,) = result.items
    assert post.external_id.endswith("t3_1gq7x2k")
    assert post.url.startswith("https://www.reddit.com/r/bikecommuting/comments/1gq7x2k/")
    assert "closed my ticket twice" in post.text
    assert post.author.handle == "/u/rainy_rider"


def test_conditional_get_sends_the_validators_and_keeps_the_cursor_on_304():
    def conditional(request):
        if request.headers.get("if-none-match") == '"v7"':
            return Reply(304, {"ETag": '"v7"'}, b"")
        headers = {
            "Content-Type": RSS,
            "ETag": '"v7"',
            "Last-Modified": "Mon, 16 Nov 2026 09:00:00 GMT",
        }
        return Reply(200, headers, feeds.BLOG_RSS_FR.encode())

    with FakeServer({"/feed": conditional}) as server:
        rss = connector(server)
        first = rss.fetch({})
        second = rss.fetch(first.cursor)
    assert len(first.items) == 2
    assert first.cursor["etag"] == '"v7"'
    assert first.cursor["modified"] == "Mon, 16 Nov 2026 09:00:00 GMT"
    assert second.items == [] and second.cursor == first.cursor
    sent = server.requests[1].headers
    assert sent["if-none-match"] == '"v7"'
    assert sent["if-modified-since"] == "Mon, 16 Nov 2026 09:00:00 GMT"
    assert "application/rss+xml" in sent["accept"]


def test_refetching_without_validators_yields_no_duplicates():
    with FakeServer({"/feed": serve(feeds.many_items_rss(3))}) as server:
        rss = connector(server)
        first = rss.fetch({})
        second = rss.fetch(first.cursor)
        server.routes["/feed"] = serve(feeds.many_items_rss(4))
        third = rss.fetch(second.cursor)
    assert [len(r.items) for r in (first, second, third)] == [3, 0, 1]
    assert third.items[0].external_id.endswith("/item-3")  # ids resolve like links
    assert "etag" not in third.cursor


def test_the_seen_ids_stay_bounded_but_cover_the_whole_feed():
    with FakeServer({"/feed": serve(feeds.many_items_rss(SEEN_LIMIT + 100))}) as server:
        rss = connector(server)
        big = rss.fetch({})
        again = rss.fetch(big.cursor)
        server.routes["/feed"] = serve(feeds.many_items_rss(20, start=10_000))
        small = rss.fetch(again.cursor)
    assert len(big.items) == SEEN_LIMIT + 100 and again.items == []
    assert len(big.cursor["seen"]) == SEEN_LIMIT + 100
    assert len(small.items) == 20 and len(small.cursor["seen"]) == SEEN_LIMIT


def test_broken_entries_are_reported_and_good_ones_kept():
    result, _ = fetch_once(feeds.partly_broken_rss())
    assert [item.title for item in result.items] == [
        "Vélonova m'a remboursé",
        "Identifiant démesuré",
    ]
    assert result.items[1].external_id.startswith("sha256:")
    assert len(result.items[1].external_id) <= 512
    (problem,) = result.problems
    assert problem.startswith("entry 2 (") and "neither text nor title" in problem


def test_an_empty_feed_is_not_an_error():
    result, _ = fetch_once(feeds.EMPTY_RSS)
    assert result.items == [] and result.problems == []
    assert result.cursor == {"seen": []}


@pytest.mark.parametrize(
    "body",
    [
        feeds.BROKEN_XML,
        b"<!doctype html><html><head><title>Accueil</title></head><body>Bienvenue</body></html>",
        b"\x00\x01\x02 not xml at all \xff\xfe",
        b"",
    ],
)
def test_a_malformed_feed_is_a_permanent_error(body):
    with pytest.raises(ConnectorError, match=r"not (a valid|an) RSS or Atom feed") as error:
        fetch_once(body)
    assert not error.value.retryable


def test_feed_bytes_are_never_taken_for_a_file_name(tmp_path: Path):
    secret = tmp_path / "secret.xml"
    secret.write_text(feeds.BLOG_RSS_FR)
    with pytest.raises(ConnectorError, match=r"not (a valid|an) RSS or Atom feed"):
        fetch_once(str(secret).encode())


def test_entity_tricks_expand_nothing():
    laughs, _ = fetch_once(feeds.BILLION_LAUGHS)
    xxe, _ = fetch_once(feeds.XXE)
    assert all(len(item.text) < 1_000 for item in laughs.items)
    hostname = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else ""
    assert all(
        "before" in item.text and (not hostname or hostname not in item.text) for item in xxe.items
    )


def test_a_50_megabyte_feed_is_refused():
    def huge(request):
        chunk = b"<item><title>x</title></item>" * 2_000
        return Reply(200, {"Content-Type": RSS}, (chunk for _ in range(50_000_000 // len(chunk))))

    declared = static(200, b"", Content_Type=RSS, Content_Length=str(50_000_000))
    with FakeServer({"/streamed": huge, "/declared": declared}) as server:
        for path in ("/streamed", "/declared"):
            with pytest.raises(ConnectorError, match="5,000,000") as error:
                connector(server, path).fetch({})
            assert not error.value.retryable


def test_a_gzip_bomb_feed_is_refused():
    bomb = gzip.compress(b" " * 20_000_000)
    route = static(200, bomb, Content_Type=RSS, Content_Encoding="gzip")
    with FakeServer({"/feed": route}) as server, pytest.raises(ConnectorError, match="100×"):
        connector(server).fetch({})


@pytest.mark.parametrize(
    ("status", "retryable"), [(404, False), (410, False), (503, True), (429, True)]
)
def test_http_errors_say_whether_to_retry(status, retryable):
    route = static(status, b"nope")
    with FakeServer({"/feed": route}) as server, pytest.raises(ConnectorError) as error:
        connector(server).fetch({})
    assert f"HTTP {status}" in str(error.value)
    assert error.value.retryable is retryable


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({}, "needs"),
        ({"url": ""}, "needs"),
        ({"url": "file:///etc/passwd"}, "http"),
        ({"url": "javascript:alert(1)"}, "http"),
        ({"url": "https://example.com/feed", "channel": "mastodon"}, "not one of"),
    ],
)
def test_bad_configurations_are_refused(config, message):
    with pytest.raises(ConnectorError, match=message) as error:
        RssConnector.from_config(config)
    assert not error.value.retryable


def test_the_registry_knows_rss_and_guesses_the_channel():
    assert (
        connector_for(
            "rss", {"url": "https://www.youtube.com/feeds/videos.xml?channel_id=U"}
        ).channel
        == "youtube"
    )
    assert connector_for("rss", {"url": "https://www.reddit.com/r/velo/.rss"}).channel == "reddit"
    assert connector_for("rss", {"url": "https://blog.example/feed"}).channel == "blog"


def test_the_default_client_refuses_internal_addresses():
    with FakeServer({"/feed": serve(feeds.BLOG_RSS_FR)}) as server:
        rss = connector_for("rss", {"url": server.url("/feed")})
        with pytest.raises(ConnectorError, match="refused") as error:
            rss.fetch({})
    assert not error.value.retryable
    assert server.connections == 0


def test_polling_an_rss_source_stores_mentions_once(brand, monkeypatch):
    def conditional(request):
        if request.headers.get("if-none-match") == '"a1"':
            return Reply(304, {}, b"")
        return Reply(200, {"Content-Type": RSS, "ETag": '"a1"'}, feeds.BLOG_RSS_FR.encode())

    with FakeServer({"/feed/": conditional, "/gone": static(410)}) as server:
        # The real guarded client, with a public-looking name routed to the local server.
        monkeypatch.setattr(
            http, "fetch", partial(http.fetch, **public_names({"carnet.example": server}))
        )
        source = Source.objects.create(
            brand=brand,
            name="Le Carnet",
            kind="rss",
            channel="blog",
            config={"url": "http://carnet.example/feed/"},
        )
        assert poll_source(source) == 2
        source.refresh_from_db()
        assert source.cursor["etag"] == '"a1"' and len(source.cursor["seen"]) == 2
        assert poll_source(source) == 0
        broken = Source.objects.create(
            brand=brand, name="Disparu", kind="rss", config={"url": "http://carnet.example/gone"}
        )
        assert poll_source(broken) == 0
    mention = Mention.objects.get(source=source, external_id__endswith="p=4211")
    assert mention.channel == "blog" and mention.language == "fr"
    assert "sans chargeur" in mention.text and "<strong>" not in mention.text
    assert mention.author.handle == "Camille R."
    assert len(server.requests) == 3
    assert server.requests[0].headers["host"] == "carnet.example"
    broken.refresh_from_db()
    assert "HTTP 410" in broken.last_error
