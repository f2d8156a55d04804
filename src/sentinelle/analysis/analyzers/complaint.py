"""Complaint or not, with a calibrated per-language threshold and the phrases behind it."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from sentinelle.analysis.analyzers.model_base import ModelAnalyzer

if TYPE_CHECKING:
    from sentinelle.analysis.types import Analysis


class ComplaintClassifier(ModelAnalyzer):
    """A breach of the author's expectations towards the brand — not just negativity."""

    name: ClassVar[str] = "complaint"
    requires: ClassVar[frozenset[str]] = frozenset({"language", "signals"})
    assigns: ClassVar[frozenset[str]] = frozenset({"complaint", "complaint_score"})

    def analyze_batch(self, analyses: list[Analysis]) -> list[Analysis]:
        groups, unrouted = self.groups(analyses)
        for model, items, features in groups:
            head = self.heads(model)["complaint"]
            threshold = self.settings.complaint_threshold or head.threshold
            scores = head.predict_proba(features)[:, 1]
            flagged = [i for i, s in enumerate(scores) if s >= threshold]
            terms = dict(
                zip(
                    flagged,
                    model.top_terms(head, features, flagged, [1] * len(flagged)),
                    strict=True,
                )
            )
            for i, analysis in enumerate(items):
                score = round(float(scores[i]), 4)
                analysis.complaint = i in terms
                analysis.complaint_score = score
                verdict = "≥" if analysis.complaint else "<"
                reasons = [f"{model.language} model score {score:.2f} {verdict} {threshold:.2f}"]
                if analysis.complaint:
                    reasons += terms[i] or ["character-level patterns"]
                analysis.reasons["complaint"] = reasons
        for analysis in unrouted:
            analysis.complaint = None
            analysis.complaint_score = None
            analysis.reasons["complaint"] = [f"no model for language {analysis.language!r}"]
        return analyses
