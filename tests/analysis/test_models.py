"""The trained analyzers on clear cases, and the language detector on fixture lines."""

from __future__ import annotations

from typing import Any

import pytest

from sentinelle.analysis.pipeline import Pipeline
from tests.analysis.conftest import line_id, load_lines

LANGUAGES = load_lines("language.jsonl")
COMPLAINTS = load_lines("complaints.jsonl")


@pytest.mark.parametrize("line", LANGUAGES, ids=line_id)
def test_language_matches_fixture(line: dict[str, Any], pipeline: Pipeline) -> None:
    assert pipeline.analyze_text(line["text"]).language == line["language"], line["why"]


def test_language_hint_from_the_source_wins(pipeline: Pipeline) -> None:
    assert pipeline.analyze_text("ok", lang="fr").language == "fr"
    assert pipeline.analyze_text("ok", lang="fr-CA").language == "fr"
    assert pipeline.analyze_text("ok", lang="klingon").language == "und"


@pytest.mark.parametrize("line", COMPLAINTS, ids=line_id)
def test_complaint_on_clear_cases(line: dict[str, Any], pipeline: Pipeline) -> None:
    analysis = pipeline.analyze_text(line["text"], lang=line["lang"])
    assert analysis.complaint is line["complaint"], (line["why"], analysis.complaint_score)
    if analysis.complaint:
        assert analysis.severity in {1, 2, 3, 4}
        assert len(analysis.reasons["complaint"]) >= 1
    else:
        assert analysis.severity is None


def test_sentiment_polarity_on_clear_cases(pipeline: Pipeline) -> None:
    good = pipeline.analyze_text("Thank you so much, you are amazing, I love it!", lang="en")
    bad = pipeline.analyze_text("Worst service ever, I hate this, terrible.", lang="en")
    assert good.sentiment == "positive" and bad.sentiment == "negative"
    good_fr = pipeline.analyze_text("Merci beaucoup, super service, vous êtes au top !", lang="fr")
    bad_fr = pipeline.analyze_text("Service nul, c'est une honte, je suis dégoûté.", lang="fr")
    assert good_fr.sentiment == "positive" and bad_fr.sentiment == "negative"


def test_other_language_is_marked_not_labelled(pipeline: Pipeline) -> None:
    analysis = pipeline.analyze_text("Meine Bestellung ist immer noch nicht angekommen")
    assert analysis.language == "de"
    assert analysis.complaint is None and analysis.sentiment is None
    assert "no model" in analysis.reasons["complaint"][0]


def test_serialised_keys(pipeline: Pipeline) -> None:
    data = pipeline.analyze_text("my bill is wrong again, you overcharged me").to_dict()
    assert list(data) == [
        "language",
        "complaint",
        "complaint_score",
        "severity",
        "sentiment",
        "sentiment_score",
        "signals",
        "topic",
        "pii",
        "reasons",
    ]


def test_one_megabyte_text_is_analysed_whole(pipeline: Pipeline) -> None:
    line = "Colis VN-123456 jamais arrivé, appelez le 06 12 34 56 78 ! "
    text = line * (2**20 // len(line))
    analysis = pipeline.analyze_text(text)
    assert analysis.language == "fr"
    assert len(analysis.pii) == 2 * (2**20 // len(line))  # every span, for redaction
    assert analysis.pii[-1]["end"] <= len(text)
