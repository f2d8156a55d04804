"""Hiding a comment: only for spam, abuse or personal data, reasoned, logged, reported."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sentinelle.core.models import Outbox
from sentinelle.listening.moderation import ModerationError, do_hide_mention


def test_criticism_can_never_be_hidden(brand, mentions, alice):
    with pytest.raises(ModerationError, match="criti"):
        do_hide_mention(mentions[0], reason="negative", note="Il dit du mal de nous.", actor=alice)
    with pytest.raises(ModerationError):
        do_hide_mention(mentions[0], reason="spam", note="spam", actor=alice)
    mentions[0].refresh_from_db()
    assert mentions[0].hidden_at is None


def test_hiding_is_recorded_and_reported_to_leads(client, brand, mentions, alice, dana, erin):
    client.force_login(alice)
    url = reverse("web:mention_hide", args=[brand.slug, mentions[1].pk])
    client.post(url, {"reason": "personal_data", "note": "Le message affiche un numéro de carte."})
    mention = mentions[1]
    mention.refresh_from_db()
    assert mention.hidden_reason == "personal_data" and mention.hidden_by == alice
    recipients = sorted(m.payload["to"] for m in Outbox.objects.all())
    assert recipients == ["dana@example.org", "erin@example.org"]
    page = client.get(reverse("web:mention", args=[brand.slug, mention.pk]))
    assert "numéro de carte" in page.text
