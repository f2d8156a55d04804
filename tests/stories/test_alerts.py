"""Story alerts: raised once per rise, explained, sent through the outbox, acknowledged."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import timedelta

import time_machine
from django.urls import reverse

from sentinelle.core.clock import now
from sentinelle.core.models import Outbox
from sentinelle.core.outbox import deliver_pending
from sentinelle.stories.alerts import raise_alerts
from sentinelle.stories.models import AlertChannel, StoryAlert, StoryMention
from tests.listening.fake_http import FakeServer, Reply
from tests.stories.helpers import START, ingest, lock_item

SECRET = "s3cret-for-the-receiver"


def _story(brand):
    ingest(brand, [lock_item(n, minutes=10 * n) for n in range(5)])
    return StoryMention.objects.filter(story__brand=brand).first().story


def _channels(brand, url):
    AlertChannel.objects.create(brand=brand, name="PR", kind="email", target="pr@example.com")
    AlertChannel.objects.create(
        brand=brand, name="Hook", kind="webhook", target=url, secret=SECRET, min_level="alert"
    )
    AlertChannel.objects.create(
        brand=brand, name="Crisis only", kind="slack", target=url + "slack", min_level="crisis"
    )


def test_a_rise_to_alert_is_explained_and_sent_to_every_channel_of_that_level(brand, settings):
    settings.SENTINELLE_OUTBOUND_ALLOW_PRIVATE = True
    received = []

    def hook(request):
        received.append(request)
        return Reply(200, {"Content-Type": "text/plain"}, b"ok")

    with FakeServer({"/hook": hook}) as server:
        story = _story(brand)
        _channels(brand, server.url("/hook"))
        [alert] = raise_alerts(brand.pk, [(story.pk, "watch", "alert", 0.61, ["velocity ×3"])])
        story.refresh_from_db()
        assert alert.explanation["mentions"] == story.mention_count >= 1
        assert alert.explanation["link"].endswith(f"/b/velonova/stories/{story.pk}/")
        assert alert.explanation["spread"][0]["channel"] == "blog"
        assert alert.explanation["samples"][0]["text"].startswith("Le cadenas Bastion U")
        kinds = sorted(Outbox.objects.filter(brand=brand).values_list("kind", flat=True))
        assert kinds == ["email", "webhook"]  # the Slack channel waits for the crisis level
        assert deliver_pending() == 2
    [request] = received
    body = request.body
    stamp = request.headers["x-sentinelle-timestamp"]
    expected = hmac.new(SECRET.encode(), stamp.encode() + b"." + body, hashlib.sha256)
    assert request.headers["x-sentinelle-signature"] == "sha256=" + expected.hexdigest()
    payload = json.loads(body)
    assert payload["event"] == "story.level_raised"
    assert payload["alert"]["level"] == "alert"
    email = Outbox.objects.get(brand=brand, kind="email")
    assert "Bastion U" in email.payload["subject"]
    assert "velocity ×3" in email.payload["body"]


def test_no_second_alert_at_the_same_level_within_the_cooldown(brand, settings):
    settings.SENTINELLE_ALERT_COOLDOWN_H = 6
    story = _story(brand)
    AlertChannel.objects.create(brand=brand, name="PR", kind="email", target="pr@example.com")
    with time_machine.travel(START + timedelta(days=1), tick=False):
        assert len(raise_alerts(brand.pk, [(story.pk, "watch", "alert", 0.6, [])])) == 1
        # the level fell and rose again an hour later: no new alert at alert level…
    with time_machine.travel(START + timedelta(days=1, hours=1), tick=False):
        assert raise_alerts(brand.pk, [(story.pk, "watch", "alert", 0.6, [])]) == []
        # …but a rise to crisis is news
        assert len(raise_alerts(brand.pk, [(story.pk, "alert", "crisis", 0.8, [])])) == 1
    with time_machine.travel(START + timedelta(days=1, hours=8), tick=False):
        assert len(raise_alerts(brand.pk, [(story.pk, "watch", "alert", 0.6, [])])) == 1
    assert Outbox.objects.filter(brand=brand).count() == 3
    # a fall is never an alert
    assert raise_alerts(brand.pk, [(story.pk, "crisis", "alert", 0.5, [])]) == []


def test_a_failing_webhook_is_retried_later_and_never_duplicated(brand, settings):
    settings.SENTINELLE_OUTBOUND_ALLOW_PRIVATE = True
    answers = iter([503, 200])
    hits = []

    def flaky(request):
        hits.append(request)
        return Reply(next(answers), {"Content-Type": "text/plain", "Retry-After": "120"}, b"")

    with FakeServer({"/hook": flaky}) as server:
        story = _story(brand)
        AlertChannel.objects.create(
            brand=brand, name="Hook", kind="webhook", target=server.url("/hook"), secret=SECRET
        )
        raise_alerts(brand.pk, [(story.pk, "watch", "alert", 0.6, [])])
        assert deliver_pending() == 0
        message = Outbox.objects.get(brand=brand)
        assert message.sent_at is None and "503" in message.last_error
        assert message.next_attempt_at >= now() + timedelta(seconds=119)
        assert deliver_pending() == 0  # not due yet
        with time_machine.travel(now() + timedelta(minutes=3), tick=False):
            assert deliver_pending() == 1
            assert deliver_pending() == 0
    assert len(hits) == 2


def test_the_guard_refuses_a_webhook_to_a_private_address_in_production(brand, settings):
    settings.SENTINELLE_OUTBOUND_ALLOW_PRIVATE = False
    story = _story(brand)
    AlertChannel.objects.create(
        brand=brand, name="Intranet", kind="webhook", target="http://10.0.0.8/hook", secret=SECRET
    )
    raise_alerts(brand.pk, [(story.pk, "watch", "alert", 0.6, [])])
    deliver_pending()
    message = Outbox.objects.get(brand=brand)
    assert message.sent_at is None and message.failed_permanently
    assert "10.0.0.8" in message.last_error or "private" in message.last_error.lower()


def test_an_agent_acknowledges_an_alert_once(client, brand, alice, bob):
    story = _story(brand)
    [alert] = raise_alerts(brand.pk, [(story.pk, "watch", "alert", 0.6, ["velocity"])])
    client.force_login(alice)
    page = client.get(reverse("web:stories", args=["velonova"]))
    assert "Alerts to acknowledge" in page.content.decode() or "Alertes" in page.content.decode()
    url = reverse("web:alert_acknowledge", args=["velonova", alert.pk])
    assert client.post(url).status_code == 302
    client.force_login(bob)
    client.post(url)
    alert.refresh_from_db()
    assert alert.acknowledged_by == alice and alert.acknowledged_at is not None
    assert not StoryAlert.objects.filter(pk=alert.pk, acknowledged_at__isnull=True).exists()


def test_customer_text_in_the_story_page_and_the_slack_card_is_escaped(client, brand, alice):
    hostile = lock_item(1, minutes=1)
    hostile["text"] = '<script>alert("x")</script> Bastion U stylo <@channel> & co'
    ingest(brand, [hostile])
    story = StoryMention.objects.get(mention__external_id="1001").story
    AlertChannel.objects.create(
        brand=brand, name="Slack", kind="slack", target="https://hooks.slack.example/x"
    )
    raise_alerts(brand.pk, [(story.pk, "watch", "alert", 0.6, [])])
    text = Outbox.objects.get(brand=brand, kind="slack").payload["json"]["text"]
    assert "<@channel>" not in text and "&lt;@channel&gt;" in text
    client.force_login(alice)
    page = client.get(reverse("web:story", args=["velonova", story.pk])).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;" in page
