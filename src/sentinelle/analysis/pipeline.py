"""An explicit, ordered list of analyzers, checked at start-up."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sentinelle.analysis.registry import Analyzer, get_analyzer_class
from sentinelle.analysis.settings import AnalysisSettings
from sentinelle.analysis.types import INPUT_KEYS, Analysis, PipelineError, new_analysis


def check_order(analyzers: Sequence[type[Analyzer] | Analyzer]) -> None:
    """Raise `PipelineError` unless every `requires` is assigned by an earlier analyzer."""
    available = set(INPUT_KEYS)
    seen: set[str] = set()
    for analyzer in analyzers:
        if analyzer.name in seen:
            raise PipelineError(f"analyzer {analyzer.name!r} is listed twice")
        seen.add(analyzer.name)
        missing = analyzer.requires - available
        if missing:
            raise PipelineError(
                f"analyzer {analyzer.name!r} requires {', '.join(sorted(missing))}, "
                "which no earlier analyzer assigns; reorder the analyzers setting"
            )
        available |= analyzer.assigns


@dataclass(frozen=True)
class Pipeline:
    """Analyzers run in order over batches of mentions."""

    analyzers: tuple[Analyzer, ...]

    def __post_init__(self) -> None:
        check_order(self.analyzers)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(a.name for a in self.analyzers)

    def run(self, analyses: list[Analysis]) -> list[Analysis]:
        """Run every analyzer over already-built analyses."""
        for analyzer in self.analyzers:
            analyses = analyzer.analyze_batch(analyses)
        return analyses

    def analyze_batch(self, items: Iterable[dict[str, Any]]) -> list[Analysis]:
        """Analyse items {id, text, optional lang}; batches of 100+ are the fast path."""
        return self.run([new_analysis(item) for item in items])

    def analyze_text(self, text: str, lang: str | None = None) -> Analysis:
        """Analyse one text (convenience for the CLI and tests)."""
        return self.analyze_batch([{"id": "", "text": text, "lang": lang}])[0]


def build_pipeline(settings: AnalysisSettings | dict[str, Any] | None = None) -> Pipeline:
    """Load the analyzers named in the settings, in order, checking requirements first."""
    if not isinstance(settings, AnalysisSettings):
        settings = AnalysisSettings.from_mapping(settings)
    classes = [get_analyzer_class(name) for name in settings.analyzers]
    check_order(classes)  # before loading any model, so a bad order fails fast
    return Pipeline(tuple(cls.from_settings(settings) for cls in classes))
