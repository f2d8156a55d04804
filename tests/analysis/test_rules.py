"""Fixture-driven tests of the rule-based analyzers: signals, personal data, topic."""

from __future__ import annotations

from typing import Any

import pytest

from sentinelle.analysis.analyzers.pii import PiiDetector, iban_ok, luhn_ok
from sentinelle.analysis.analyzers.signals import SignalDetector
from sentinelle.analysis.analyzers.topic import TopicClassifier
from sentinelle.analysis.settings import AnalysisSettings
from tests.analysis.conftest import line_id, load_lines

SIGNALS = load_lines("signals.jsonl")
PII = load_lines("pii.jsonl")
TOPICS = load_lines("topic.jsonl")


def signal_names(signals: list[Any]) -> list[str]:
    return sorted(s["kind"] + (f":{s['target']}" if s["target"] else "") for s in signals)


@pytest.mark.parametrize("line", SIGNALS, ids=line_id)
def test_signals_match_fixture(line: dict[str, Any]) -> None:
    found = SignalDetector().detect(line["text"])
    assert signal_names(found) == sorted(line["signals"]), line["why"]
    for signal in found:
        assert signal["evidence"], "every signal carries evidence"
        for evidence in signal["evidence"]:
            assert line["text"][evidence["start"] : evidence["end"]] == evidence["text"]


def test_every_signal_kind_has_positive_and_negative_fixtures() -> None:
    kinds = {name.split(":")[0] for line in SIGNALS for name in line["signals"]}
    targets = {name for line in SIGNALS for name in line["signals"] if ":" in name}
    assert kinds == {"double_deviation", "threat", "safety", "needs_answer"}
    assert {t.split(":")[1] for t in targets} >= {
        "leave",
        "competitor",
        "legal",
        "regulator",
        "media",
        "public",
    }
    assert any(not line["signals"] for line in SIGNALS)


def test_threat_evidence_names_the_lawyer() -> None:
    text = "Trois semaines sans réseau. Mon avocat vous écrira."
    (threat,) = [s for s in SignalDetector().detect(text) if s["kind"] == "threat"]
    assert threat["target"] == "legal"
    assert threat["evidence"][0]["text"] == "avocat"
    assert threat["evidence"][0]["start"] == text.index("avocat")


@pytest.mark.parametrize("line", PII, ids=line_id)
def test_pii_matches_fixture(line: dict[str, Any]) -> None:
    found = PiiDetector().detect(line["text"])
    assert [[p["kind"], line["text"][p["start"] : p["end"]]] for p in found] == line["pii"], line[
        "why"
    ]


def test_checksums() -> None:
    assert luhn_ok("4111111111111111") and not luhn_ok("4111111111111112")
    assert iban_ok("GB82 WEST 1234 5698 7654 32") and not iban_ok("GB82 WEST 1234 5698 7654 33")


def test_pii_spans_do_not_copy_values() -> None:
    (span,) = PiiDetector().detect("mail me: bob@example.com")
    assert set(span) == {"kind", "start", "end"}


@pytest.mark.parametrize("line", TOPICS, ids=line_id)
def test_topic_matches_fixture(line: dict[str, Any]) -> None:
    topic, matched = TopicClassifier.from_settings(AnalysisSettings()).classify(line["text"])
    assert topic == line["topic"], line["why"]
    assert bool(matched) == (topic != "other")


def test_brand_taxonomy_replaces_the_default() -> None:
    settings = AnalysisSettings(topics={"frames": ["cadre", "frame"], "brakes": ["frein\\w*"]})
    classifier = TopicClassifier.from_settings(settings)
    assert classifier.classify("mes freins ont lâché")[0] == "brakes"
    assert classifier.classify("panne de réseau")[0] == "other"
