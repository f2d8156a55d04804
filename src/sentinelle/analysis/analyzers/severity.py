"""Severity of a complaint (Trosborg 1995): 1 no explicit reproach … 4 blame."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from sentinelle.analysis.analyzers.model_base import ModelAnalyzer

if TYPE_CHECKING:
    from sentinelle.analysis.types import Analysis

LEVELS = {1: "no explicit reproach", 2: "disapproval", 3: "accusation", 4: "blame"}


class SeverityClassifier(ModelAnalyzer):
    """Four levels for complaints; None for everything else."""

    name: ClassVar[str] = "severity"
    requires: ClassVar[frozenset[str]] = frozenset({"language", "signals", "complaint"})
    assigns: ClassVar[frozenset[str]] = frozenset({"severity"})

    def analyze_batch(self, analyses: list[Analysis]) -> list[Analysis]:
        # Features of the whole batch, not just its complaints: the complaint analyzer
        # computed them already, so this is a cache hit and only a matrix product.
        groups, unrouted = self.groups(analyses)
        for model, items, features in groups:
            head = self.heads(model)["severity"]
            probs = head.predict_proba(features)
            best = probs.argmax(axis=1)
            complaints = [i for i, a in enumerate(items) if a.complaint]
            terms = model.top_terms(head, features, complaints, best[complaints])
            explained = dict(zip(complaints, terms, strict=True))
            for i, analysis in enumerate(items):
                if i not in explained:
                    analysis.severity = None
                    analysis.reasons["severity"] = ["not a complaint"]
                    continue
                level = int(head.labels[best[i]])
                analysis.severity = level
                analysis.reasons["severity"] = [
                    f"{LEVELS.get(level, level)} (p={probs[i, best[i]]:.2f})",
                    *explained[i],
                ]
        for analysis in unrouted:
            analysis.severity = None
            reason = "not a complaint" if not analysis.complaint else "no model"
            analysis.reasons["severity"] = [f"{reason} (language {analysis.language!r})"]
        return analyses
