"""The bus, on both backends: published with the cursor, stored once, acknowledged after
the commit, bad items set aside while the batch goes on."""

from __future__ import annotations

import time

import pytest

from sentinelle.listening.bus import consumer_name
from sentinelle.listening.bus.redis_streams import _envelope
from sentinelle.listening.bus.worker import MAX_DELIVERIES, drain, store_envelopes
from sentinelle.listening.items import item_from_dict
from sentinelle.listening.loop import poll_source
from sentinelle.listening.models import DeadLetter, DeadLetterStage, Mention
from tests.conftest import make_item
from tests.listening.ingest.conftest import ListConnector


def _items(*numbers, **overrides):
    return [item_from_dict(make_item(n, **overrides)) for n in numbers]


class Crash(Exception):
    """A worker dying in the middle of a batch."""


def _crashing(envelopes):
    store_envelopes(envelopes)
    raise Crash


def test_polled_items_are_stored_once_with_the_cursor(bus, source):
    connector = ListConnector(items=_items(1, 2, 3))
    assert poll_source(source, bus=bus, connector=connector) == 3
    source.refresh_from_db()
    assert source.cursor == {"page": 1}
    drain(bus)
    connector.items = _items(2, 3, 4)  # an overlapping page
    poll_source(source, bus=bus, connector=connector)
    drain(bus)
    assert sorted(Mention.objects.values_list("external_id", flat=True)) == ["1", "2", "3", "4"]
    assert bus.backlog() == 0
    assert source.last_success_at is not None and source.cursor == {"page": 2}


def test_a_batch_that_fails_is_rolled_back_and_taken_again(bus, source):
    poll_source(source, bus=bus, connector=ListConnector(items=_items(1, 2)), store=False)
    with pytest.raises(Crash):
        bus.process(_crashing, consumer="w1", batch_size=10, wait_s=0)
    assert not Mention.objects.exists()
    assert bus.backlog() == 2
    if bus.name == "redis":
        bus.claim_idle_ms = 1  # w1 is dead: let another worker take its items at once
    assert bus.process(store_envelopes, consumer="w2", batch_size=10, wait_s=0.01) == 2
    assert Mention.objects.count() == 2
    assert bus.backlog() == 0


def test_a_batch_stored_but_never_acknowledged_is_stored_once(make_redis_bus, source):
    bus = make_redis_bus(claim_idle_s=0.001)
    poll_source(source, bus=bus, connector=ListConnector(items=_items(1, 2, 3)), store=False)
    # A worker reads the batch, commits it, and dies before XACK.
    bus._ensure_group()
    reply = bus.client.xreadgroup("workers", "ghost", {bus.stream: ">"}, count=10)
    store_envelopes([_envelope(i, fields, 1) for i, fields in reply[0][1]])
    assert Mention.objects.count() == 3
    taken = bus.process(store_envelopes, consumer=consumer_name(), batch_size=10, wait_s=0.01)
    assert taken == 3  # the ghost's pending entries, claimed by a live worker
    assert Mention.objects.count() == 3
    assert not DeadLetter.objects.exists()  # known items, not refused ones
    assert bus.backlog() == 0
    assert bus.client.xpending(bus.stream, "workers")["pending"] == 0


def test_unreadable_items_go_to_the_dead_letters_and_the_batch_goes_on(bus, source):
    missing_text = make_item(2)
    del missing_text["text"]
    bus.publish(source, [make_item(1), missing_text, ["not", "an", "object"]])
    drain(bus)
    assert list(Mention.objects.values_list("external_id", flat=True)) == ["1"]
    letters = DeadLetter.objects.order_by("pk")
    assert [(d.stage, d.reason) for d in letters] == [
        (DeadLetterStage.PARSE, "text is missing"),
        (DeadLetterStage.PARSE, "each line must be a JSON object"),
    ]
    assert '"external_id": "2"' in letters[0].payload and letters[0].external_id == "2"
    assert bus.backlog() == 0


def test_an_item_the_database_refuses_goes_alone_to_the_dead_letters(bus, source):
    too_many = make_item(2, author={"handle": "@big", "followers": 2**70})
    bus.publish(source, [make_item(1), too_many, make_item(3)])
    drain(bus)
    assert sorted(Mention.objects.values_list("external_id", flat=True)) == ["1", "3"]
    letter = DeadLetter.objects.get()
    assert letter.stage == DeadLetterStage.STORE and letter.external_id == "2"
    assert "@big" in letter.payload


def test_the_same_bad_item_twice_is_one_dead_letter(bus, source):
    bad = make_item(1, published_at="yesterday")
    bus.publish(source, [bad])
    drain(bus)
    bus.publish(source, [bad])
    drain(bus)
    letter = DeadLetter.objects.get()
    assert letter.attempts == 2 and "published_at" in letter.reason


def test_an_item_that_keeps_killing_workers_ends_in_the_dead_letters(make_redis_bus, source):
    bus = make_redis_bus(claim_idle_s=0.001)
    bus.publish(source, [make_item(1)])
    crashes = 0
    for _ in range(500):  # each dead worker's entry can be claimed once it has been idle
        if crashes == MAX_DELIVERIES:
            break
        try:
            bus.process(_crashing, consumer=consumer_name(), batch_size=10, wait_s=0.01)
        except Crash:
            crashes += 1
    assert crashes == MAX_DELIVERIES
    for _ in range(500):
        if not bus.backlog():
            break
        bus.process(store_envelopes, consumer=consumer_name(), batch_size=10, wait_s=0.01)
    assert not Mention.objects.exists()
    assert "handed to a worker 11 times" in DeadLetter.objects.get().reason
    assert bus.backlog() == 0


def test_items_of_a_deleted_source_are_dropped(bus, source, brand):
    bus.publish(source, [make_item(1)])
    source.delete()
    drain(bus)
    assert bus.backlog() == 0 and not Mention.objects.exists()


def test_a_slow_batch_is_not_taken_over_while_its_worker_lives(make_redis_bus, source):
    bus = make_redis_bus(claim_idle_s=0.2)
    bus.publish(source, [make_item(1)])
    stolen = []

    def slow(envelopes):
        time.sleep(1.0)  # five times the claim timeout
        stolen.extend(bus._claim("another-worker", 10))
        store_envelopes(envelopes)

    assert bus.process(slow, consumer="busy-worker", batch_size=10, wait_s=0.01) == 1
    assert stolen == []
    assert Mention.objects.count() == 1 and bus.backlog() == 0
