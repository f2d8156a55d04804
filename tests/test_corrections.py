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


def test_corrections_export_for_training(tmp_path, brand, mentions, alice):
    import json

    from typer.testing import CliRunner

    from sentinelle.cli import app

    do_correct_label(mentions[0], field="severity", value="4", actor=alice)
    out = tmp_path / "corrections.jsonl"
    result = CliRunner().invoke(
        app, ["model", "export-corrections", "--brand", brand.slug, "--output", str(out)]
    )
    assert result.exit_code == 0, result.output
    [row] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert row == {"text": mentions[0].text, "lang": "fr", "label": "severity", "value": "4"}


def test_corrections_become_hand_labelled_training_rows():
    from sentinelle.analysis.training.corpora import hand_labelled
    from sentinelle.analysis.training.data import Corpus, add_corrections

    corpus = Corpus()
    added = add_corrections(
        corpus,
        [
            {"text": "Trois relances, rien.", "label": "severity", "value": "4"},
            {"text": "Merci !", "label": "complaint", "value": "no"},
            {"text": "Bof.", "label": "sentiment", "value": "neutral"},
            {"text": "x", "label": "topic", "value": "delivery"},
            {"text": "", "label": "complaint", "value": "yes"},
        ],
    )
    assert added == 3
    assert corpus.complaint == [1, 0, None] and corpus.severity == [4, None, None]
    assert corpus.sentiment == [None, None, "neutral"]
    assert all(hand_labelled(source) for source in corpus.source)
