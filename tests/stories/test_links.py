"""Shortened links are followed through the guard, once, and group the posts that share them."""

from __future__ import annotations

from sentinelle.stories.links import _shortener_hosts, expand, resolve_short_links
from sentinelle.stories.models import ShortLink, StoryMention
from tests.listening.fake_http import FakeServer, Reply
from tests.stories.helpers import ingest, lock_item


def test_two_short_links_to_one_article_put_two_posts_in_one_story(brand, settings):
    settings.SENTINELLE_OUTBOUND_ALLOW_PRIVATE = True
    hits = []

    def redirect_to(path):
        def route(request):
            hits.append(request.path)
            return Reply(301, {"Location": path, "Content-Length": "0"}, b"")

        return route

    article = Reply(200, {"Content-Type": "text/html"}, b"<p>article</p>")
    with FakeServer(
        {
            "/a1": redirect_to("/blog/cadenas-ouvert"),
            "/b2": redirect_to("/blog/cadenas-ouvert?utm_source=x"),
            "/blog/cadenas-ouvert": lambda r: article,
        }
    ) as server:
        settings.SENTINELLE_SHORTENERS = ["127.0.0.1"]
        _shortener_hosts.cache_clear()
        try:
            first = lock_item(1, minutes=0)
            first["text"] = f"Regardez ça {server.url('/a1')} incroyable"
            second = lock_item(2, minutes=30)
            second["text"] = f"Ma semaine de vacances à la montagne {server.url('/b2')}"
            ingest(brand, [first, second])
            ingest(brand, [lock_item(1, minutes=0)])  # seen again: nothing is fetched again
        finally:
            _shortener_hosts.cache_clear()
    assert sorted(ShortLink.objects.values_list("target", flat=True)) == [
        server.url("/blog/cadenas-ouvert"),
        server.url("/blog/cadenas-ouvert?utm_source=x"),
    ]
    assert hits.count("/a1") <= 2  # HEAD (and GET only if HEAD is refused), once
    links = StoryMention.objects.filter(mention__external_id__in=["1001", "1002"])
    assert links.values("story").distinct().count() == 1


def test_a_short_link_to_a_private_address_is_refused_and_kept_as_is(brand, settings):
    settings.SENTINELLE_OUTBOUND_ALLOW_PRIVATE = False
    with FakeServer({}) as canary:
        settings.SENTINELLE_SHORTENERS = ["127.0.0.1"]
        _shortener_hosts.cache_clear()
        try:
            item = lock_item(3, minutes=0)
            link = canary.url("/x1")
            item["text"] = f"Voir {link}"
            ingest(brand, [item])
        finally:
            _shortener_hosts.cache_clear()
    assert canary.connections == 0
    short = ShortLink.objects.get(url=link)
    assert short.target == "" and short.error
    assert expand(f"Voir {link}") == f"Voir {link}"
    assert resolve_short_links([]) == 0
