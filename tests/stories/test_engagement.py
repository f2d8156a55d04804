"""Engagement re-poll of active stories: which mentions are asked, counts merged, samples kept,
a failing platform skipped, and the growth on the story page.

Platforms are local servers replaying their documented JSON; the clock is time-machine's.
"""

from __future__ import annotations

import json
import logging
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import time_machine
from django.urls import reverse

from sentinelle.listening.connectors.bluesky import BlueskySearchConnector
from sentinelle.listening.connectors.mastodon import MastodonConnector
from sentinelle.listening.connectors.reddit import RedditConnector
from sentinelle.listening.engagement import mentions_to_repoll
from sentinelle.listening.ingest import ingest_items
from sentinelle.listening.models import Mention, Source
from sentinelle.stories.engagement import repoll_active_stories, story_engagement
from sentinelle.stories.models import EngagementSample, Story, StoryMention
from tests.listening.connectors import payloads as p
from tests.listening.connectors.test_reddit import RedditApi
from tests.listening.connectors.test_youtube_x import local
from tests.listening.fake_http import FakeServer, Reply
from tests.stories.helpers import LOCK_TEXTS, START, everyday_item, ingest, lock_item

JSON = {"Content-Type": "application/json; charset=utf-8"}
T0 = START + timedelta(hours=1)
CONNECTORS = {
    "mastodon": MastodonConnector,
    "bluesky": BlueskySearchConnector,
    "reddit": RedditConnector,
}


def local_connector(source: Source):
    """The source's real connector, its requests allowed to reach the local servers."""
    return CONNECTORS[source.kind].from_config(source.config, fetcher=local)


def set_level(story: Story, level: str) -> None:
    # The engine sets levels from velocity and reach; here the level is the premise.
    Story.objects.filter(pk=story.pk).update(risk_level=level)


def story_of(mention: Mention) -> Story:
    return StoryMention.objects.get(mention=mention).story


def test_only_recent_stale_mentions_of_active_stories_on_repollable_sources_are_asked(brand):
    with time_machine.travel(T0, tick=False):
        ingest(
            brand,
            [
                lock_item(0, minutes=0, channel="mastodon"),
                lock_item(1, minutes=10, channel="bluesky"),
                lock_item(2, minutes=20, channel="reddit"),
                lock_item(3, minutes=30, channel="blog"),  # an RSS source: no re-poll
                everyday_item(1, "Mes sacoches toujours pas livrées.", minutes=5),
            ],
        )
    lock = {m.external_id: m for m in Mention.objects.filter(external_id__in=["1000", "1001"])}
    story = story_of(lock["1000"])
    assert {story_of(m) for m in Mention.objects.filter(text__icontains="Bastion")} == {story}
    later = T0 + timedelta(minutes=20)

    set_level(story, "quiet")
    assert mentions_to_repoll(later) == []

    set_level(story, "alert")
    picked = mentions_to_repoll(later)
    assert sorted(m.external_id for m in picked) == ["1000", "1001", "1002"]
    assert mentions_to_repoll(T0 + timedelta(minutes=10)) == []  # read 10 minutes ago

    with time_machine.travel(T0 + timedelta(minutes=25), tick=False):
        ingest(brand, [lock_item(4, minutes=40, channel="mastodon")])  # read as it arrives
    assert story_of(Mention.objects.get(external_id="1004")) == story
    at_30 = [m.external_id for m in mentions_to_repoll(T0 + timedelta(minutes=30))]
    assert sorted(at_30) == ["1000", "1001", "1002"]
    at_45 = [m.external_id for m in mentions_to_repoll(T0 + timedelta(minutes=45))]
    assert at_45[-1] == "1004" and len(at_45) == 4  # stalest first
    assert len(mentions_to_repoll(T0 + timedelta(minutes=45), limit=2)) == 2

    set_level(story, "crisis")
    assert mentions_to_repoll(START + timedelta(hours=73)) == []  # published over 72 h ago


class Platforms:
    """A Mastodon instance, a Bluesky AppView and Reddit, each with counts that can grow."""

    def __init__(self) -> None:
        self.likes = 10
        self.reddit_down = False
        self.server = FakeServer({"/xrpc/app.bsky.feed.searchPosts": self.search})
        self.server.routes["/api/v1/timelines/tag/velonova"] = self.timeline
        self.server.routes["/xrpc/app.bsky.feed.getPosts"] = self.get_posts
        self.reddit = RedditApi({"/search": self.reddit_search, "/api/info": self.reddit_info})
        self.server.routes |= self.reddit.routes()
        self.server.default = self.status

    def _json(self, document) -> Reply:
        return Reply(200, JSON, json.dumps(document).encode())

    def timeline(self, request) -> Reply:
        statuses = [
            p.mastodon_status(str(500 + n), content=f"<p>{LOCK_TEXTS[n]}</p>") for n in range(3)
        ]
        return self._json(statuses)

    def status(self, request) -> Reply:
        local_id = urlsplit(request.path).path.rsplit("/", 1)[-1]
        n = int(local_id) - 500
        status = p.mastodon_status(local_id, favourites_count=self.likes + n, reblogs_count=5)
        del status["replies_count"]  # a count the answer lacks keeps its old value
        return self._json(status)

    def search(self, request) -> Reply:
        posts = [p.bluesky_post(f"3k{n}", text=LOCK_TEXTS[n + 3]) for n in range(2)]
        return self._json({"posts": posts})

    def get_posts(self, request) -> Reply:
        uris = parse_qs(urlsplit(request.path).query)["uris"]
        posts = [
            p.bluesky_post(u.rsplit("/", 1)[-1], likeCount=2 * self.likes, repostCount=1)
            for u in uris
        ]
        return self._json({"posts": posts})

    def reddit_search(self, request):
        return p.reddit_listing([p.reddit_post("lk1", selftext=LOCK_TEXTS[0] + " Reddit")])

    def reddit_info(self, request):
        if self.reddit_down:
            return Reply(503, JSON, b'{"message": "Service Unavailable", "error": 503}')
        return p.reddit_listing([p.reddit_post("lk1", score=self.likes)])

    def sources(self, brand) -> list[Source]:
        base = self.server.url("/").rstrip("/")
        configs = {
            "mastodon": {"instance": base, "hashtag": "velonova"},
            "bluesky": {"query": "vélonova", "service": base},
            "reddit": {
                "client_id": "app-id",
                "client_secret": "app-secret",
                "query": "velonova",
                "api_url": base,
                "auth_url": base,
            },
        }
        return [
            Source.objects.create(brand=brand, kind=kind, channel=kind, name=kind, config=config)
            for kind, config in configs.items()
        ]


def fetch_and_ingest(brand, platforms: Platforms) -> Story:
    """Each source fetches from its platform and stores what it read, stories included."""
    for source in platforms.sources(brand):
        ingest_items(source, local_connector(source).fetch({}).items)
    story = story_of(Mention.objects.get(external_id__endswith="/statuses/500"))
    assert StoryMention.objects.filter(story=story).count() == 6
    set_level(story, "alert")
    return story


def test_a_repoll_updates_counts_and_keeps_a_sample_per_mention(brand):
    platforms = Platforms()
    with platforms.server, time_machine.travel(T0, tick=False):
        story = fetch_and_ingest(brand, platforms)
        toot = Mention.objects.get(external_id__endswith="/statuses/501")
        assert toot.engagement == {"likes": 11, "shares": 5, "replies": 2}

        platforms.likes = 40
        at = T0 + timedelta(minutes=20)
        assert repoll_active_stories(at, connectors=local_connector) == 6
        toot.refresh_from_db()
        assert toot.engagement == {"likes": 41, "shares": 5, "replies": 2}
        assert toot.engagement_at == at
        post = Mention.objects.get(external_id__endswith="/app.bsky.feed.post/3k0")
        assert post.engagement == {"likes": 80, "shares": 1, "replies": 1}
        samples = EngagementSample.objects.filter(mention=toot)
        assert [(s.at, s.likes, s.shares, s.replies, s.views) for s in samples] == [
            (T0, 11, 5, 2, None),  # the counts read at ingest
            (at, 41, 5, 2, None),
        ]
        assert EngagementSample.objects.filter(story=story, at=at).count() == 6

        assert repoll_active_stories(at + timedelta(minutes=5), connectors=local_connector) == 0
        platforms.likes = 50
        later = at + timedelta(minutes=16)
        assert repoll_active_stories(later, connectors=local_connector) == 6
        assert EngagementSample.objects.filter(mention=toot).count() == 3  # no second baseline


def test_a_failing_platform_is_skipped_and_the_others_are_refreshed(brand, caplog):
    platforms = Platforms()
    with platforms.server, time_machine.travel(T0, tick=False):
        fetch_and_ingest(brand, platforms)
        platforms.reddit_down = True
        with caplog.at_level(logging.WARNING, logger="sentinelle.listening.engagement"):
            refreshed = repoll_active_stories(
                T0 + timedelta(minutes=20), connectors=local_connector
            )
    assert refreshed == 5
    reddit = Mention.objects.get(external_id="t3_lk1")
    assert reddit.engagement_at == T0 and reddit.engagement == {"likes": 42, "replies": 17}
    assert not EngagementSample.objects.filter(mention=reddit).exists()
    assert "HTTP 503" in caplog.text and "reddit" in caplog.text


def test_a_source_without_a_usable_connector_does_not_stop_the_repoll(brand):
    platforms = Platforms()
    moment = T0 + timedelta(minutes=20)
    with platforms.server, time_machine.travel(T0, tick=False):
        story = fetch_and_ingest(brand, platforms)
        ingest(brand, [lock_item(0, minutes=55, channel="mastodon")])  # imported: no instance
        imported = Mention.objects.get(external_id="1000")
        assert story_of(imported) == story and imported.source.config == {}
        # The real connectors go through the guard, which refuses the local servers.
        assert repoll_active_stories(moment) == 0
        assert repoll_active_stories(moment, connectors=local_connector) == 6
    imported.refresh_from_db()
    assert imported.engagement_at == T0
    assert Mention.objects.filter(engagement_at=moment).count() == 6


def test_hourly_totals_and_growth_over_six_hours(brand):
    platforms = Platforms()
    with platforms.server:
        with time_machine.travel(T0, tick=False):
            story = fetch_and_ingest(brand, platforms)
        for hours, likes in ((2, 20), (5, 30), (8, 60)):
            platforms.likes = likes
            with time_machine.travel(T0 + timedelta(hours=hours), tick=False):
                repoll_active_stories(connectors=local_connector)
    # At ingest: Mastodon 11 likes, 5 boosts, 2 replies each; Bluesky 12 likes, 4 reposts,
    # 1 reply each; Reddit score 42 and 17 comments.
    start = 33 + 15 + 6 + 24 + 8 + 2 + 42 + 17
    assert story_engagement(story, at=T0).current.interactions == start
    # Read again with 20, then 30, then 60 likes: Mastodon likes+0, +1, +2 (boosts and
    # replies kept); Bluesky twice the likes, 1 repost and 1 reply each; Reddit score = likes.
    at_2h = 63 + 15 + 6 + 80 + 2 + 2 + 20 + 17
    at_5h = 93 + 15 + 6 + 120 + 2 + 2 + 30 + 17
    at_8h = 183 + 15 + 6 + 240 + 2 + 2 + 60 + 17
    engagement = story_engagement(story, at=T0 + timedelta(hours=8, minutes=30))
    assert engagement.current.interactions == at_8h
    assert engagement.current.likes == 183 + 240 + 60 and engagement.current.views is None
    # Six hours before (2 h 30), the latest read was the one at 2 h.
    assert engagement.growth.interactions == at_8h - at_2h
    assert engagement.growth_percent == round(100 * (at_8h - at_2h) / at_2h)
    assert engagement.per_hour == round((at_8h - at_2h) / 6, 1)
    assert engagement.mentions == 6
    newest = engagement.hours[0]
    assert newest.hour == T0 + timedelta(hours=8) and newest.totals.interactions == at_8h
    assert engagement.hours[-1].hour == T0  # from the first sample on
    assert len(engagement.hours) == 9
    changes = [h.change for h in engagement.hours if h.change]
    assert changes == [at_8h - at_5h, at_5h - at_2h, at_2h - start, start]
    # A shorter table starts from each mention's latest read before it.
    short = story_engagement(story, at=T0 + timedelta(hours=8, minutes=30), hours=3)
    assert [h.hour for h in short.hours] == [T0 + timedelta(hours=n) for n in (8, 7, 6)]
    assert [h.change for h in short.hours] == [at_8h - at_5h, 0, 0]
    assert short.growth == engagement.growth and short.current == engagement.current


def test_the_story_page_shows_the_growth(client, brand, alice):
    platforms = Platforms()
    client.force_login(alice)
    with platforms.server:
        with time_machine.travel(T0, tick=False):
            story = fetch_and_ingest(brand, platforms)
            url = reverse("web:story", args=["velonova", story.pk])
            page = client.get(url).content.decode()
            assert 'id="engagement-title"' in page and "engagement-hours" not in page
        platforms.likes = 100
        with time_machine.travel(T0 + timedelta(hours=1), tick=False):
            repoll_active_stories(connectors=local_connector)
            page = client.get(url).content.decode()
            growth = story_engagement(story).growth.interactions
    assert growth > 0
    assert f'<dd class="engagement-growth">+{growth}' in page
    assert "engagement-hours" in page
