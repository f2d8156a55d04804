"""Shared plumbing of the analyzers backed by trained per-language models."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING, Self

from sentinelle.analysis.registry import Analyzer

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

    from sentinelle.analysis.models import LanguageModel
    from sentinelle.analysis.settings import AnalysisSettings
    from sentinelle.analysis.types import Analysis

FRENCH_HINT = re.compile(r"[éèêàùçôîœ]|\b(?:je|est|pas|les|des|une|ça|vous)\b", re.I)


class ModelAnalyzer(Analyzer):
    """Routes each analysis to its language's model; one feature pass per language."""

    head: str

    def __init__(self, models: dict[str, LanguageModel], settings: AnalysisSettings) -> None:
        self.models = models
        self.settings = settings

    @classmethod
    def from_settings(cls, settings: AnalysisSettings) -> Self:
        from sentinelle.analysis.artifacts import load_models

        return cls(load_models(settings.artifacts_dir), settings)

    def route(self, analysis: Analysis) -> str | None:
        """The model language for an analysis; None for a language without a model."""
        language = analysis.language or "und"
        if language in self.models:
            return language
        if language != "und":
            return None
        # Undetermined (short) text: accents and function words are the best hint left.
        guess = "fr" if FRENCH_HINT.search(analysis.text[:500]) else "en"
        return guess if guess in self.models else None

    def groups(
        self, analyses: list[Analysis]
    ) -> tuple[list[tuple[LanguageModel, list[Analysis], csr_matrix]], list[Analysis]]:
        """([(model, analyses, features)], analyses with no model)."""
        by_language: dict[str, list[Analysis]] = defaultdict(list)
        unrouted: list[Analysis] = []
        for analysis in analyses:
            language = self.route(analysis)
            if language is None:
                unrouted.append(analysis)
            else:
                by_language[language].append(analysis)
        groups = []
        for language, items in sorted(by_language.items()):
            model = self.models[language]
            kinds = [{s["kind"] for s in a.signals} for a in items]
            groups.append((model, items, model.features([a.text for a in items], kinds)))
        return groups, unrouted
