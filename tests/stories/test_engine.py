"""The story engine in the app: mentions grouped as they are stored, state rebuilt exactly."""

from __future__ import annotations

from sentinelle.cases.actions import do_open_case
from sentinelle.listening.models import Mention
from sentinelle.stories.engine import forget_engines
from sentinelle.stories.models import Story, StoryEngineState, StoryMention
from tests.stories.helpers import everyday_item, ingest, lock_item


def _partition(brand) -> set[frozenset[str]]:
    groups: dict[int, set[str]] = {}
    for ext, story in StoryMention.objects.filter(story__brand=brand).values_list(
        "mention__external_id", "story_id"
    ):
        groups.setdefault(story, set()).add(ext)
    return {frozenset(g) for g in groups.values()}


def test_one_incident_across_channels_is_one_story_and_unrelated_posts_are_not(brand):
    ingest(brand, [lock_item(n, minutes=10 * n) for n in range(6)])
    ingest(
        brand,
        [
            everyday_item(
                1, "Ma commande de gants est arrivée avec une semaine de retard.", minutes=5
            ),
            everyday_item(
                2, "Le service client ne répond pas au téléphone depuis lundi.", minutes=15
            ),
        ],
    )
    lock_ids = {str(1000 + n) for n in range(6)}
    groups = _partition(brand)
    assert frozenset(lock_ids) in groups
    assert all(len(g) == 1 for g in groups if not g & lock_ids)
    story = Story.objects.get(pk=StoryMention.objects.get(mention__external_id="1000").story_id)
    assert story.mention_count == 6
    assert set(story.channels) >= {"blog", "forum", "mastodon"}
    assert story.first_seen_at < story.last_seen_at


def test_every_mention_is_linked_once_even_when_a_batch_is_stored_again(brand):
    ingest(brand, [lock_item(n, minutes=n) for n in range(4)])
    from sentinelle.stories.engine import track_stories

    track_stories(list(Mention.objects.filter(brand=brand)))
    assert StoryMention.objects.filter(story__brand=brand).count() == 4


def test_a_process_that_lost_its_memory_rebuilds_the_same_stories(brand, other_brand):
    """Snapshot + replay gives the state the other process had: same grouping after."""
    first = [lock_item(n, minutes=5 * n) for n in range(5)]
    first += [
        everyday_item(n, f"Retard de livraison numéro {n} pour mes sacoches.", minutes=n)
        for n in range(3)
    ]
    second = [lock_item(n, minutes=5 * n) for n in range(5, 9)]
    second += [everyday_item(9, "Mes sacoches numéro 1 toujours pas livrées.", minutes=60)]
    ingest(brand, first)
    ingest(brand, second)  # the same process all along (no commit in tests: cache empty too)
    ingest(other_brand, first)
    forget_engines()
    StoryEngineState.objects.filter(brand=other_brand).update(snapshot={}, snapshot_link_id=0)
    ingest(other_brand, second)
    assert _partition(brand) == _partition(other_brand)


def test_a_case_takes_the_story_of_its_mention_and_rises_with_it(brand):
    ingest(brand, [lock_item(0, minutes=0)])
    mention = Mention.objects.get(brand=brand, external_id="1000")
    case = do_open_case(brand, title="Cadenas", mention=mention, actor=None)
    from sentinelle.cases.stories import do_attach_cases_to_stories, do_sync_story_risk

    do_attach_cases_to_stories([mention.pk])
    case.refresh_from_db()
    assert case.story_id == mention.story_link.story_id
    do_sync_story_risk(case.story_id, "alert")
    case.refresh_from_db()
    assert (case.risk_level, case.risk_rank) == ("alert", 2)
    do_sync_story_risk(case.story_id, "quiet")  # a calmer story does not lower its cases
    case.refresh_from_db()
    assert case.risk_level == "alert"


def test_two_stories_that_turn_out_to_be_one_keep_everything_in_the_older(brand, dana):
    """The grouper merged two stories: links, alerts, statements and cases follow the row."""
    from sentinelle.stories.engine import Engine
    from sentinelle.stories.models import HoldingStatement, StoryAlert
    from sentinelle.stories.rows import Rows

    ingest(brand, [lock_item(0, minutes=0)])
    ingest(
        brand,
        [everyday_item(7, "Ma selle Confort+ a craqué après deux sorties, décevant.", minutes=9)],
    )
    older = StoryMention.objects.get(mention__external_id="1000").story
    younger = StoryMention.objects.get(mention__external_id="2007").story
    assert older != younger
    mention = Mention.objects.get(external_id="2007")
    case = do_open_case(brand, title="Selle", mention=mention, actor=None)
    case.story = younger
    case.save(update_fields=["story"])
    StoryAlert.objects.create(brand=brand, story=younger, level="watch", previous_level="quiet")
    HoldingStatement.objects.create(story=older, version=1, text_fr="A", created_by=dana)
    HoldingStatement.objects.create(story=younger, version=1, text_fr="B", created_by=dana)
    engine = Engine(stories={1: older.pk, 2: younger.pk})
    Rows(engine, brand.pk).merge(1, 2)
    assert engine.stories == {1: older.pk}
    younger.refresh_from_db()
    case.refresh_from_db()
    assert younger.merged_into_id == older.pk and younger.engine_id is None
    assert StoryMention.objects.filter(story=older).count() == 2
    assert case.story_id == older.pk
    assert StoryAlert.objects.get().story_id == older.pk
    assert sorted(older.statements.values_list("version", "text_fr")) == [(1, "A"), (2, "B")]


def _lease(brand, holder, seconds):
    from datetime import timedelta

    from django.utils import timezone

    StoryEngineState.objects.update_or_create(
        brand=brand,
        defaults={"holder": holder, "held_until": timezone.now() + timedelta(seconds=seconds)},
    )


def test_a_brand_another_worker_holds_is_queued_and_grouped_when_its_lease_runs_out(brand):
    from sentinelle.stories.engine import tick_stories, track_backlogs
    from sentinelle.stories.leases import HOLDER
    from sentinelle.stories.models import StoryBacklog

    _lease(brand, "other-host-123-abc", 30)
    ingest(brand, [lock_item(n, minutes=n) for n in range(4)])
    # Stored, not grouped here: queued for the worker that holds the brand's engine.
    assert StoryMention.objects.filter(story__brand=brand).count() == 0
    assert StoryBacklog.objects.filter(brand=brand).count() == 4
    assert track_backlogs() == 0
    assert tick_stories() == 0  # the holder's to tick
    _lease(brand, "other-host-123-abc", -1)  # it died: its lease ran out
    assert track_backlogs() == 4
    assert not StoryBacklog.objects.exists()
    assert len(_partition(brand)) == 1  # the four lock posts, one story
    state = StoryEngineState.objects.get(brand=brand)
    assert state.holder == HOLDER
    # Held here now: new mentions are grouped at once, nothing queued.
    ingest(brand, [lock_item(n, minutes=n) for n in range(4, 6)])
    assert StoryMention.objects.filter(story__brand=brand).count() == 6
    assert not StoryBacklog.objects.exists()


def test_queued_mentions_are_grouped_with_the_holders_next_batch(brand):
    from sentinelle.stories.models import StoryBacklog

    _lease(brand, "other-host-123-abc", 30)
    ingest(brand, [lock_item(n, minutes=n) for n in range(3)])
    _lease(brand, "", 0)  # released
    ingest(brand, [lock_item(n, minutes=n) for n in range(3, 5)])
    assert not StoryBacklog.objects.exists()
    assert StoryMention.objects.filter(story__brand=brand).count() == 5
    assert len(_partition(brand)) == 1


def test_a_worker_that_stops_hands_its_brands_back(brand):
    from sentinelle.listening.bus.worker import BetweenBatches

    ingest(brand, [lock_item(n, minutes=n) for n in range(2)])
    assert StoryEngineState.objects.get(brand=brand).holder
    StoryEngineState.objects.filter(brand=brand).update(snapshot={}, snapshot_link_id=0)
    BetweenBatches().stop()  # what `run_worker` does when it stops
    state = StoryEngineState.objects.get(brand=brand)
    assert (state.holder, state.held_until) == ("", None)
    # With a snapshot of everything it grouped: the next holder replays nothing.
    last = StoryMention.objects.filter(story__brand=brand).order_by("pk").last()
    assert state.snapshot and state.snapshot_link_id == last.pk
    from sentinelle.stories.engine import _load

    forget_engines()
    assert _load(state).links_since_snapshot == 0


def test_the_minute_tick_lets_levels_fall_without_taking_the_brand(brand):
    from datetime import timedelta

    from sentinelle.core.choices import RISK_ORDER
    from sentinelle.stories.engine import tick_stories
    from tests.stories.helpers import START

    ingest(
        brand, [lock_item(n, minutes=2 * n, channel="news" if n == 9 else None) for n in range(12)]
    )
    story = Story.objects.get(pk=StoryMention.objects.get(mention__external_id="1000").story_id)
    before = story.risk_level
    assert before != "quiet"
    StoryEngineState.objects.filter(brand=brand).update(holder="", held_until=None)
    assert tick_stories(START + timedelta(days=10)) >= 1
    story.refresh_from_db()
    assert RISK_ORDER[story.risk_level] < RISK_ORDER[before]
    # The process that ran the tick (`sentinelle run`) did not take the brand from the workers.
    assert StoryEngineState.objects.get(brand=brand).holder == ""


def test_a_story_is_named_after_its_first_article_not_its_first_quip(brand):
    ingest(brand, [lock_item(n, minutes=n, channel="mastodon") for n in range(3)])
    story = Story.objects.get(pk=StoryMention.objects.get(mention__external_id="1000").story_id)
    assert story.title.startswith("Le cadenas Bastion U") and not story.titled_by_article
    article = lock_item(3, minutes=5, channel="blog")
    article["title"] = "Bastion U : ouvert au stylo en dix secondes (test)"
    ingest(brand, [article, lock_item(4, minutes=6, channel="mastodon")])
    story.refresh_from_db()
    assert StoryMention.objects.get(mention__external_id="1003").story_id == story.pk
    assert story.title == "Bastion U : ouvert au stylo en dix secondes (test)"
    assert story.titled_by_article
    later = lock_item(5, minutes=9, channel="news")
    later["title"] = "Un cadenas ouvert au stylo"
    ingest(brand, [later])
    story.refresh_from_db()
    assert story.title.startswith("Bastion U : ouvert")  # the first article keeps the name


def test_a_worker_holding_more_than_its_share_gives_a_brand_back(brand, other_brand):
    from sentinelle.stories.leases import GIVE_AWAY_S, HOLDER, rebalance
    from sentinelle.stories.models import StoryBacklog

    ingest(brand, [lock_item(n, minutes=n) for n in range(2)])
    ingest(other_brand, [lock_item(n, minutes=n) for n in range(2)])
    held = StoryEngineState.objects.filter(holder=HOLDER)
    assert set(held.values_list("brand_id", flat=True)) == {brand.pk, other_brand.pk}
    assert rebalance() is None  # nobody else is storing these brands' mentions
    # Another worker stores the first brand's mentions: they wait in its backlog for us.
    for mention in Mention.objects.filter(brand=brand):
        StoryBacklog.objects.create(mention=mention, brand=brand)
    assert rebalance() == brand.pk
    assert StoryEngineState.objects.get(brand=brand).holder == ""
    assert StoryEngineState.objects.get(brand=other_brand).holder == HOLDER
    # Left to the others for a while: our own mentions of that brand are queued too.
    ingest(brand, [lock_item(2, minutes=3)])
    assert StoryMention.objects.filter(story__brand=brand).count() == 2
    assert StoryBacklog.objects.filter(brand=brand).count() == 3
    assert rebalance() is None  # one brand each is our share
    assert GIVE_AWAY_S > 0
