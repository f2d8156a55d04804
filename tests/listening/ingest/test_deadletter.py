"""Dead letters: kept with the reason and the raw payload, retried or discarded by a lead in
the brand-scoped admin."""

from __future__ import annotations

import json

from django.urls import reverse

from sentinelle.listening.bus.db import DbBus
from sentinelle.listening.bus.worker import drain
from sentinelle.listening.connectors import MAX_REJECT_PAYLOAD, Reject
from sentinelle.listening.deadletter import (
    do_discard_dead_letter,
    do_record_dead_letter,
    do_retry_dead_letter,
)
from sentinelle.listening.loop import poll_source
from sentinelle.listening.models import DeadLetter, DeadLetterStage, DeadLetterStatus, Mention
from tests.conftest import make_item
from tests.listening.ingest.conftest import ListConnector


def _unreadable(source, n=1):
    item = make_item(n)
    del item["text"]
    DbBus().publish(source, [item])
    drain(DbBus())
    return DeadLetter.objects.get(external_id=str(n))


def test_connector_rejects_are_kept_once_with_a_capped_payload(source):
    huge = "x" * (MAX_REJECT_PAYLOAD * 2)
    reject = Reject.of("status without content", '{"id": "77", "junk": "' + huge, "77")
    connector = ListConnector(rejects=[reject])
    poll_source(source, connector=connector)
    poll_source(source, connector=connector)  # the platform serves it again
    letter = DeadLetter.objects.get()
    assert letter.stage == DeadLetterStage.FETCH and letter.external_id == "77"
    assert letter.reason == "status without content" and letter.attempts == 2
    assert len(letter.payload) == MAX_REJECT_PAYLOAD and letter.brand_id == source.brand_id


def test_retry_after_fixing_the_payload_stores_the_item(source, dana):
    letter = _unreadable(source)
    data = json.loads(letter.payload)
    data["text"] = "Le texte retrouvé"
    letter.payload = json.dumps(data)
    letter.save()
    assert do_retry_dead_letter(letter, actor=dana) is None
    letter.refresh_from_db()
    assert letter.status == DeadLetterStatus.RETRIED and letter.resolved_by == dana
    assert Mention.objects.get(source=source).text == "Le texte retrouvé"


def test_a_retry_that_fails_again_keeps_the_letter_with_the_new_reason(source, dana):
    letter = _unreadable(source)
    reason = do_retry_dead_letter(letter, actor=dana)
    letter.refresh_from_db()
    assert "text is missing" in reason
    assert letter.status == DeadLetterStatus.PENDING and letter.attempts == 2
    assert not Mention.objects.exists()


def test_discard_keeps_the_row_with_who_and_when(source, dana):
    letter = _unreadable(source)
    do_discard_dead_letter(letter, actor=dana)
    letter.refresh_from_db()
    assert letter.status == DeadLetterStatus.DISCARDED and letter.resolved_by == dana
    assert letter.resolved_at is not None
    assert do_retry_dead_letter(letter, actor=dana) is None  # nothing to do any more
    assert not Mention.objects.exists()


def test_a_lead_retries_and_discards_in_the_admin(client, dana, source, other_brand):
    from sentinelle.listening.models import Source

    theirs = Source.objects.create(brand=other_brand, name="Theirs", kind="mastodon")
    secret = do_record_dead_letter(
        theirs, stage=DeadLetterStage.PARSE, reason="secret", payload={"x": 1}
    )
    good = do_record_dead_letter(
        source, stage=DeadLetterStage.PARSE, reason="fixed since", payload=make_item(5)
    )
    bad = _unreadable(source, 6)
    client.force_login(dana)
    url = reverse("admin:listening_deadletter_changelist")
    page = client.get(url).content.decode()
    assert "fixed since" in page and "secret" not in page
    client.post(url, {"action": "retry", "_selected_action": [good.pk, bad.pk, secret.pk]})
    good.refresh_from_db(), bad.refresh_from_db(), secret.refresh_from_db()
    assert good.status == DeadLetterStatus.RETRIED and good.resolved_by == dana
    assert bad.status == DeadLetterStatus.PENDING and bad.attempts == 2
    assert secret.status == DeadLetterStatus.PENDING and secret.attempts == 1
    client.post(url, {"action": "discard", "_selected_action": [bad.pk]})
    bad.refresh_from_db()
    assert bad.status == DeadLetterStatus.DISCARDED
    assert list(Mention.objects.values_list("external_id", flat=True)) == ["5"]


def test_the_sources_page_links_to_the_waiting_dead_letters(client, dana, source):
    _unreadable(source)
    client.force_login(dana)
    page = client.get(reverse("web:listening:sources", args=[source.brand.slug])).content.decode()
    assert f"source__id__exact={source.pk}&amp;status__exact=pending" in page
