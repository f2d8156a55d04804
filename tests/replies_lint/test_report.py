"""Spans, score, serialisation, robustness and the evaluation entry point."""

from __future__ import annotations

import json

import pytest

from sentinelle.replies.lint import RULES, LintContext, lint
from sentinelle.replies.lint.evaluate import evaluate, in_holdout, load

HOLLOW_LEGALESE = (
    "Madame, Monsieur,\nConformément à l'article 4.2 de nos CGV, votre demande a été transmise "
    "au service concerné. Nous vous demandons un peu de patience.\nLe service client"
)
PERSONAL = (
    "Bonjour Madame Henry,\nJe suis vraiment désolée pour la serrure. Je suis Camille : une "
    "serrure neuve part aujourd'hui et vous la recevrez vendredi.\nCamille"
)


@pytest.mark.parametrize(
    ("rule", "text", "context", "expected"),
    [
        ("legalese", "Voir le paragraphe 2.1.2 alinéa c, merci.", None, "paragraphe 2.1.2"),
        (
            "hollow",
            "Hello. We have forwarded your email. Bye.",
            None,
            "We have forwarded your email",
        ),
        ("asks_removal", "Merci de supprimer votre avis Google.", None, "supprimer votre avis"),
        ("blames_customer", "Sorry, but you should have read it.", None, "you should have"),
        (
            "personal_data",
            "Écrivez-moi : marie.l@example.fr, merci.",
            LintContext(public=True),
            "marie.l@example.fr",
        ),
        (
            "no_named_person",
            "Désolés, réglé demain à 10 h.\nL'équipe Vélonova",
            None,
            "L'équipe Vélonova",
        ),
    ],
)
def test_spans_point_at_the_offending_text(rule, text, context, expected):
    findings = [f for f in lint(text, context=context).findings if f.rule == rule]
    assert [text[f.start : f.end] for f in findings][:1] == [expected]


def test_brand_term_span_survives_accents_and_case():
    from sentinelle.replies.lint import BrandTerm

    text = "Toutes nos excuses pour la GÊNE Occasionnée hier."
    context = LintContext(brand_terms=[BrandTerm("gene occasionnee", "Formule.")])
    (finding,) = [f for f in lint(text, context=context).findings if f.rule == "brand_terms"]
    assert text[finding.start : finding.end] == "GÊNE Occasionnée"
    assert finding.message == "Formule."


def test_hollow_legalese_reply_scores_lower_than_a_personal_reply_with_a_step():
    bad, good = lint(HOLLOW_LEGALESE), lint(PERSONAL)
    assert good.score == 100
    assert bad.score < 50 < good.score


def test_report_serialises_to_json():
    data = lint(HOLLOW_LEGALESE).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert set(data) == {"lang", "score", "findings"}
    assert {"rule", "start", "end", "message", "suggestion"} <= set(data["findings"][0])
    assert {f["rule"] for f in data["findings"]} <= set(RULES)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "😀🙏🔥", "🙂" * 500, "a" * 20_000, (PERSONAL + " ") * 90, "1" * 20_000, "\n" * 50],
)
def test_odd_inputs_never_raise(text):
    context = LintContext(public=True, complaint=text, previous_replies=[text] * 3)
    report = lint(text[:20_000], context=context)
    assert 0 <= report.score <= 100


def test_emoji_only_and_empty_have_nothing_to_fix():
    assert lint("").score == lint("🙏🙏").score == 100


def test_language_is_detected_when_not_given():
    assert lint(PERSONAL).lang == "fr"
    assert lint("Hi Tom, sorry about the wait, your bike ships tomorrow.").lang == "en"


def test_evaluate_returns_the_keys_and_every_rule_has_support():
    result = evaluate()
    assert {"rules", "macro_precision", "macro_recall"} <= set(result)
    assert set(result["rules"]) == set(RULES)
    for rule, numbers in result["rules"].items():
        assert {"precision", "recall", "support"} <= set(numbers)
        assert numbers["support"] >= 25, rule


def test_eval_set_is_bilingual_and_large_enough():
    examples = load()
    langs = [e["lang"] for e in examples]
    assert len(examples) >= 300
    assert min(langs.count("fr"), langs.count("en")) >= 0.4 * len(examples)
    assert len({e["id"] for e in examples}) == len(examples)
    assert sum(1 for e in examples if not e["expected"]) >= 60  # many clean replies


def test_holdout_split_is_stable_and_about_thirty_percent():
    ids = [e["id"] for e in load()]
    share = sum(map(in_holdout, ids)) / len(ids)
    assert 0.2 < share < 0.4
    assert [in_holdout(i) for i in ids] == [in_holdout(i) for i in ids]
