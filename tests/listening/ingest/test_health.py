"""Source health: backoff with jitter, Retry-After and rate-limit headers obeyed, unhealthy
sources and gaps recorded and shown to the lead."""

from __future__ import annotations

import random
from datetime import timedelta
from functools import partial

import pytest
from django.urls import reverse

from sentinelle.core import http
from sentinelle.core.clock import now
from sentinelle.listening import health
from sentinelle.listening.connectors.rss import RssConnector
from sentinelle.listening.loop import poll_all, poll_source
from sentinelle.listening.models import Source, SourceGap
from tests.listening import feeds
from tests.listening.fake_http import FakeServer, Reply, static
from tests.listening.ingest.conftest import ListConnector

local = partial(http.fetch, allow_private=True, timeout=2)
RSS = {"Content-Type": "application/rss+xml; charset=utf-8"}


def _feed(server: FakeServer) -> RssConnector:
    return RssConnector.from_config({"url": server.url("/feed")}, fetcher=local)


@pytest.fixture
def blog(brand):
    return Source.objects.create(
        brand=brand, name="Le Carnet", kind="rss", channel="blog", config={"url": "x"}
    )


def test_backoff_doubles_up_to_the_cap_with_jitter(settings):
    settings.SENTINELLE_FETCH_BACKOFF_S = 10
    settings.SENTINELLE_FETCH_BACKOFF_MAX_S = 100
    rng = random.Random(1)
    for failures, ceiling in [(1, 10), (2, 20), (3, 40), (4, 80), (5, 100), (30, 100)]:
        waits = {health.backoff_s(failures, rng=rng) for _ in range(20)}
        assert all(ceiling / 2 <= w <= ceiling for w in waits)
        assert len(waits) > 1, "jittered: sources failing together do not retry together"


def test_retry_after_on_429_is_obeyed(blog):
    reply = static(429, b"slow down", Retry_After="120")
    with FakeServer({"/feed": reply}) as server:
        assert poll_source(blog, connector=_feed(server)) == 0
    blog.refresh_from_db()
    assert blog.failures == 1 and "HTTP 429" in blog.last_error
    assert blog.next_fetch_at >= now() + timedelta(seconds=110)
    assert not health.is_due(blog)


def test_exhausted_rate_limit_headers_are_obeyed(blog):
    reset = int(now().timestamp()) + 900
    reply = static(429, b"", X_Rate_Limit_Remaining="0", X_Rate_Limit_Reset=str(reset))
    with FakeServer({"/feed": reply}) as server:
        poll_source(blog, connector=_feed(server))
    blog.refresh_from_db()
    assert blog.next_fetch_at >= now() + timedelta(seconds=850)


def test_a_spent_window_after_a_good_fetch_waits_for_the_reset(source):
    poll_source(source, connector=ListConnector(retry_after=600))
    source.refresh_from_db()
    assert source.failures == 0 and source.last_success_at is not None
    assert source.next_fetch_at >= now() + timedelta(seconds=590)


def test_a_source_that_keeps_failing_is_unhealthy_and_shown(client, dana, blog, settings):
    settings.SENTINELLE_UNHEALTHY_AFTER = 3
    with FakeServer({"/feed": static(503, b"busy")}) as server:
        for attempt in range(1, 4):
            assert blog.unhealthy_since is None, f"still healthy before failure {attempt}"
            poll_source(blog, connector=_feed(server))
    blog.refresh_from_db()
    assert blog.failures == 3 and blog.unhealthy_since is not None
    client.force_login(dana)
    page = client.get(reverse("web:listening:sources", args=[blog.brand.slug])).content.decode()
    assert "source-unhealthy" in page and "HTTP 503" in page
    with FakeServer({"/feed": static(200, feeds.BLOG_RSS_FR.encode(), **RSS)}) as server:
        assert poll_source(blog, connector=_feed(server)) == 2
    blog.refresh_from_db()
    assert (blog.failures, blog.unhealthy_since, blog.next_fetch_at) == (0, None, None)


def test_a_permanent_error_is_unhealthy_at_once(blog, settings):
    before = now()
    with FakeServer({"/feed": static(410, b"gone")}) as server:
        poll_source(blog, connector=_feed(server))
    blog.refresh_from_db()
    assert blog.unhealthy_since is not None
    cap = timedelta(seconds=settings.SENTINELLE_FETCH_BACKOFF_MAX_S)
    assert blog.next_fetch_at >= before + cap


def test_the_loop_leaves_a_backing_off_source_alone(brand):
    def page(request):
        return Reply(200, RSS, feeds.BLOG_RSS_FR.encode())

    with FakeServer({"/feed": page}) as server:
        config = {"url": server.url("/feed")}
        waiting = Source.objects.create(
            brand=brand,
            name="Waiting",
            kind="rss",
            config=config,
            next_fetch_at=now() + timedelta(hours=1),
        )
        # The loop builds its connectors from the sources; route the guarded client locally.
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(http, "fetch", local)
            poll_all()
            assert server.requests == []
            waiting.next_fetch_at = now() - timedelta(seconds=1)
            waiting.save()
            assert poll_all() == 2
    assert len(server.requests) == 1


def test_a_gap_longer_than_the_platform_keeps_is_recorded_and_shown(client, dana, brand):
    down_since = now() - timedelta(days=3)
    source = Source.objects.create(
        brand=brand,
        name="X search",
        kind="rss",
        config={"retention_hours": 24},
        last_success_at=down_since,
    )
    assert health.retention_for(source) == timedelta(hours=24)
    poll_source(source, connector=ListConnector())
    gap = SourceGap.objects.get(source=source)
    assert gap.starts_at == down_since
    assert now() - timedelta(hours=24, minutes=1) < gap.ends_at < now() - timedelta(hours=23)
    client.force_login(dana)
    page = client.get(reverse("web:listening:sources", args=[brand.slug])).content.decode()
    assert "source-gap" in page
    poll_source(source, connector=ListConnector())  # back and regular: no new gap
    assert SourceGap.objects.filter(source=source).count() == 1


def test_no_gap_when_the_outage_is_shorter_than_what_the_platform_keeps(brand):
    source = Source.objects.create(
        brand=brand, name="X", kind="x", last_success_at=now() - timedelta(days=6)
    )
    poll_source(source, connector=ListConnector())
    assert not SourceGap.objects.exists()


def _window(first: int, count: int) -> bytes:
    """A feed that keeps its last `count` entries; entry n was published at 07:00 + n min."""
    items = "".join(
        f"<item><guid>entry-{n}</guid><title>Article {n}</title><description>Texte {n}"
        f"</description><pubDate>Mon, 16 Nov 2026 {7 + n // 60:02d}:{n % 60:02d}:00 GMT"
        "</pubDate></item>"
        for n in range(first, first + count)
    )
    return f'<rss version="2.0"><channel><title>N</title>{items}</channel></rss>'.encode()


def test_a_feed_that_rolled_past_everything_seen_records_a_gap(client, dana, blog):
    pages = iter([_window(0, 10), _window(5, 10), _window(40, 10), _window(45, 10)])
    with FakeServer({"/feed": lambda request: Reply(200, RSS, next(pages))}) as server:
        connector = _feed(server)
        assert poll_source(blog, connector=connector) == 10  # first fetch: nothing to compare
        assert poll_source(blog, connector=connector) == 5  # overlaps what was seen
        assert not SourceGap.objects.exists()
        # The feed moved on by 40 entries while we looked away: 15 to 39 were never seen.
        assert poll_source(blog, connector=connector) == 10
        gap = SourceGap.objects.get(source=blog)
        assert (gap.starts_at.hour, gap.starts_at.minute) == (7, 14)  # the newest seen before
        assert (gap.ends_at.hour, gap.ends_at.minute) == (7, 40)  # the oldest the feed still has
        assert gap.kind == SourceGap.Kind.WINDOW and "seen before" in gap.note
        assert poll_source(blog, connector=connector) == 5  # overlapping again: no new gap
    assert SourceGap.objects.filter(source=blog).count() == 1
    client.force_login(dana)
    page = client.get(reverse("web:listening:sources", args=[blog.brand.slug])).content.decode()
    assert "source-gap" in page
    assert "la plateforme ne liste que ses derniers éléments" in page
