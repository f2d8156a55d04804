"""Sentiment: negative / neutral / positive, with the probability of the label."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from sentinelle.analysis.analyzers.model_base import ModelAnalyzer

if TYPE_CHECKING:
    from sentinelle.analysis.types import Analysis


class SentimentClassifier(ModelAnalyzer):
    """Per-language three-way sentiment."""

    name: ClassVar[str] = "sentiment"
    requires: ClassVar[frozenset[str]] = frozenset({"language", "signals"})
    assigns: ClassVar[frozenset[str]] = frozenset({"sentiment", "sentiment_score"})

    def analyze_batch(self, analyses: list[Analysis]) -> list[Analysis]:
        groups, unrouted = self.groups(analyses)
        for model, items, features in groups:
            head = self.heads(model)["sentiment"]
            probs = head.predict_proba(features)
            best = probs.argmax(axis=1)
            polar = [i for i in range(len(items)) if head.labels[best[i]] != "neutral"]
            found = model.top_terms(head, features, polar, best[polar])
            terms = dict(zip(polar, found, strict=True))
            for i, analysis in enumerate(items):
                analysis.sentiment = str(head.labels[best[i]])
                analysis.sentiment_score = round(float(probs[i, best[i]]), 4)
                analysis.reasons["sentiment"] = [
                    f"{analysis.sentiment} (p={analysis.sentiment_score:.2f})",
                    *terms.get(i, []),
                ]
        for analysis in unrouted:
            analysis.sentiment = None
            analysis.sentiment_score = None
            analysis.reasons["sentiment"] = [f"no model for language {analysis.language!r}"]
        return analyses
