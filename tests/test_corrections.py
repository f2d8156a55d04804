"""Agents correct labels: the correction shows at once and becomes training data."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sentinelle.listening.corrections import (
    CorrectionError,
    do_correct_label,
    list_training_corrections,
)


def test_an_agent_corrects_a_complaint_flag_from_the_mention_page(client, alice, brand, mentions):
    mention = mentions[0]
    client.force_login(alice)
    url = reverse("web:mention_correct", args=[brand.slug, mention.pk])
    response = client.post(url, {"field": "complaint", "value": "no"}, follow=True)
    assert response.status_code == 200
    mention.refresh_from_db()
    assert mention.is_complaint is False and mention.severity is None
    assert mention.analysis["corrected"] == {"complaint": "no"}
    correction = mention.corrections.get()
    assert correction.author == alice and correction.new_value == "no"


def test_impossible_values_are_refused(brand, mentions, alice):
    with pytest.raises(CorrectionError):
        do_correct_label(mentions[0], field="severity", value="9", actor=alice)
    with pytest.raises(CorrectionError):
        do_correct_label(mentions[0], field="owner", value="x", actor=alice)


def test_corrections_become_training_rows_latest_first(brand, mentions, alice, bob):
    do_correct_label(mentions[0], field="sentiment", value="neutral", actor=alice)
    do_correct_label(mentions[0], field="sentiment", value="negative", actor=bob)
    do_correct_label(mentions[1], field="topic", value="delivery", actor=alice)
    rows = sorted(list_training_corrections(brand), key=lambda r: r["label"])
    assert [(r["label"], r["value"]) for r in rows] == [
        ("sentiment", "negative"),
        ("topic", "delivery"),
    ]
    assert rows[0]["text"] == mentions[0].text
