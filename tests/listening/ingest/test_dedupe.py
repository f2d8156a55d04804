"""Dedupe: by (source, external id) always, by content fingerprint for reposts and
cross-posts on the bus; a batch handled twice opens no second case."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine

from sentinelle.cases.models import Case, CaseEvent, CaseRule
from sentinelle.core.clock import now
from sentinelle.listening.bus.worker import drain
from sentinelle.listening.ingest import ingest_items, store_items
from sentinelle.listening.items import item_from_dict
from sentinelle.listening.models import Mention, Source
from tests.conftest import make_item

LONG = "Mon vélo est arrivé sans les vis et personne ne répond au service client depuis deux mois"


def _item(n, **overrides):
    return item_from_dict(make_item(n, **overrides))


@pytest.fixture
def blog(brand):
    return Source.objects.create(brand=brand, name="Blog", kind="rss", channel="blog")


def test_a_cross_post_on_another_platform_is_stored_once(source, blog):
    first = store_items(source, [_item(1, text=LONG)], reposts=True)
    # Same words, other case, accents, spacing and a link: still the same post.
    again = LONG.upper().replace("É", "E") + "  https://t.example/x"
    second = store_items(blog, [_item(2, text=again, channel="blog")], reposts=True)
    assert len(first.created) == 1 and second.created == [] and second.reposts == 1
    assert Mention.objects.count() == 1


def test_reposts_within_one_batch_are_stored_once(source):
    result = store_items(source, [_item(n, text=LONG) for n in range(1, 4)], reposts=True)
    assert [m.external_id for m in result.created] == ["1"] and result.reposts == 2


def test_short_texts_private_channels_and_other_brands_are_never_reposts(
    source, brand, other_brand
):
    short = [_item(n, text="Franchement nul.") for n in (1, 2)]
    assert len(store_items(source, short, reposts=True).created) == 2
    mail = Source.objects.create(brand=brand, name="Mail", kind="imap", channel="email")
    mails = [_item(n, text=LONG, channel="email") for n in (3, 4)]
    assert len(store_items(mail, mails, reposts=True).created) == 2
    theirs = Source.objects.create(brand=other_brand, name="Masto", kind="mastodon")
    assert len(store_items(theirs, [_item(5, text=LONG)], reposts=True).created) == 1


def test_the_same_text_after_the_window_is_a_new_mention(source, settings):
    settings.SENTINELLE_REPOST_WINDOW_HOURS = 72
    with time_machine.travel(now() - timedelta(days=4), tick=False):
        store_items(source, [_item(1, text=LONG)], reposts=True)
    assert len(store_items(source, [_item(2, text=LONG)], reposts=True).created) == 1


def test_direct_ingestion_keeps_reposts(source):
    # The complaint form and imports store what they are given: twice the same words from a
    # customer are two messages.
    ingest_items(source, [_item(1, text=LONG)])
    ingest_items(source, [_item(2, text=LONG)])
    assert Mention.objects.count() == 2


COMPLAINT = (
    "Mon vélo numéro {n} est arrivé cassé, le service client ne répond plus depuis trois "
    "semaines, c'est inadmissible, je veux être remboursé"
)


def test_a_batch_handled_twice_opens_no_second_case(bus, source, brand):
    CaseRule.objects.create(brand=brand, name="Plaintes", min_complaint_score=0.5)
    items = [make_item(n, text=COMPLAINT.format(n=n)) for n in range(1, 6)]
    bus.publish(source, items)
    drain(bus)
    cases, events = Case.objects.count(), CaseEvent.objects.count()
    assert cases >= 1, "the rule opened cases for these complaints"
    bus.publish(source, items)  # the same batch again: a crash before the acknowledgement
    drain(bus)
    assert (Case.objects.count(), CaseEvent.objects.count()) == (cases, events)
    assert Mention.objects.count() == 5
    assert not Mention.objects.filter(analyzed_at__isnull=True).exists()
