"""Webhook sources: Facebook page feed and a generic signed JSON webhook."""

from __future__ import annotations

import hashlib
import hmac
import json
import time

import pytest
from django.urls import reverse

from sentinelle.listening.bus import get_bus
from sentinelle.listening.bus.worker import drain
from sentinelle.listening.models import DeadLetter, Mention, Source

APP_SECRET = "fb-app-secret-123456"
SECRET = "a-long-shared-secret-0123"


@pytest.fixture
def page(brand):
    return Source.objects.create(
        brand=brand,
        name="Page Facebook",
        kind="facebook",
        channel="facebook",
        config={"app_secret": APP_SECRET, "verify_token": "jeton-verif"},
    )


@pytest.fixture
def hook(brand):
    return Source.objects.create(
        brand=brand,
        name="Formulaire partenaire",
        kind="webhook",
        channel="other",
        config={"secret": SECRET},
    )


def _feed(*values, stamp=None):
    return {
        "object": "page",
        "entry": [
            {
                "id": "1234",
                "time": int(stamp or time.time()),
                "changes": [{"field": "feed", "value": v} for v in values],
            }
        ],
    }


POST = {
    "item": "status",
    "verb": "add",
    "post_id": "1234_555",
    "message": "Mon vélo Vélonova est arrivé cassé, personne ne répond.",
    "from": {"id": "777", "name": "Nadia"},
    "created_time": 1763370000,
}
COMMENT = {
    "item": "comment",
    "verb": "add",
    "post_id": "1234_555",
    "comment_id": "555_901",
    "parent_id": "1234_555",
    "message": "Pareil pour moi, trois semaines sans réponse.",
    "from": {"id": "778", "name": "Marc"},
    "created_time": 1763371000,
}


def _fb_post(client, source, body: bytes, secret=APP_SECRET):
    sig = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return client.post(
        reverse("hook_facebook", args=[source.pk]),
        body,
        content_type="application/json",
        HTTP_X_HUB_SIGNATURE_256=sig,
    )


def test_facebook_verify_handshake(client, page):
    url = reverse("hook_facebook", args=[page.pk])
    ok = client.get(
        url, {"hub.mode": "subscribe", "hub.verify_token": "jeton-verif", "hub.challenge": "42"}
    )
    assert ok.status_code == 200 and ok.content == b"42"
    wrong = client.get(
        url, {"hub.mode": "subscribe", "hub.verify_token": "x", "hub.challenge": "42"}
    )
    assert wrong.status_code == 403


def test_facebook_events_are_stored_once_with_their_thread(client, page):
    body = json.dumps(_feed(POST, COMMENT)).encode()
    assert _fb_post(client, page, body).status_code == 200
    assert _fb_post(client, page, body).status_code == 200  # Facebook retries: stored once
    drain(get_bus())
    post = Mention.objects.get(source=page, external_id="1234_555")
    comment = Mention.objects.get(source=page, external_id="555_901")
    assert comment.parent_id == post.pk and comment.channel == "facebook"
    assert Mention.objects.filter(source=page).count() == 2


def test_a_bad_signature_or_a_missing_secret_stores_nothing(client, page, brand):
    body = json.dumps(_feed(POST)).encode()
    assert _fb_post(client, page, body, secret="wrong").status_code == 403
    bare = Source.objects.create(
        brand=brand, name="Sans secret", kind="facebook", channel="facebook"
    )
    assert _fb_post(client, bare, body).status_code == 403
    assert (
        client.get(reverse("hook_facebook", args=[bare.pk]), {"hub.mode": "subscribe"}).status_code
        == 403
    )
    drain(get_bus())
    assert not Mention.objects.exists()


def test_a_broken_change_is_dead_lettered_and_the_good_ones_go_through(client, page):
    broken = {**COMMENT, "comment_id": "555_902", "message": ""}
    no_time = {**COMMENT, "comment_id": "555_903", "created_time": None}
    body = json.dumps(_feed(POST, broken, no_time)).encode()
    reply = _fb_post(client, page, body)
    assert reply.json() == {"received": 1, "rejected": 2}
    drain(get_bus())
    assert Mention.objects.filter(source=page).count() == 1
    reasons = sorted(DeadLetter.objects.filter(source=page).values_list("reason", flat=True))
    assert any("message" in r for r in reasons) and any("created_time" in r for r in reasons)


def test_an_old_event_is_refused_as_a_replay(client, page):
    body = json.dumps(_feed(POST, stamp=time.time() - 3 * 86_400)).encode()
    assert _fb_post(client, page, body).json()["rejected"] == 1


def _signed_post(client, source, payload, *, stamp=None, secret=SECRET, raw=None):
    body = raw if raw is not None else json.dumps(payload).encode()
    stamp = str(int(stamp if stamp is not None else time.time()))
    sig = (
        "sha256="
        + hmac.new(secret.encode(), stamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    )
    return client.post(
        reverse("hook_json", args=[source.pk]),
        body,
        content_type="application/json",
        HTTP_X_SENTINELLE_TIMESTAMP=stamp,
        HTTP_X_SENTINELLE_SIGNATURE=sig,
    )


ITEM = {
    "external_id": "p-1",
    "text": "Commande VN-1234 jamais livrée",
    "published_at": "2026-11-17T09:14:03Z",
    "channel": "other",
}


def test_the_generic_webhook_checks_signature_and_time_and_stores_items(client, hook):
    assert _signed_post(client, hook, {"items": [ITEM, {"external_id": "p-2"}]}).json() == {
        "received": 1,
        "rejected": 1,
    }
    assert _signed_post(client, hook, ITEM, secret="not-the-secret-at-all").status_code == 403
    assert _signed_post(client, hook, ITEM, stamp=time.time() - 3600).status_code == 403
    drain(get_bus())
    assert list(Mention.objects.filter(source=hook).values_list("external_id", flat=True)) == [
        "p-1"
    ]
    assert DeadLetter.objects.filter(source=hook).count() == 1


def test_the_generic_webhook_refuses_huge_bodies_and_non_json(client, hook):
    huge = b"[" + b" " * 1_100_000 + b"]"
    assert _signed_post(client, hook, None, raw=huge).status_code == 413
    assert _signed_post(client, hook, None, raw=b"\xff\xfe not json").status_code == 400
    assert DeadLetter.objects.filter(source=hook).count() == 1
