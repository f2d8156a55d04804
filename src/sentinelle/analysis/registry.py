"""The analyzers Sentinelle knows, by name; classes are imported only when asked for."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, ClassVar, Self

from sentinelle.analysis.types import Analysis, PipelineError

if TYPE_CHECKING:
    from sentinelle.analysis.settings import AnalysisSettings

# name → "module:Class"; a string so that listing analyzers imports nothing heavy.
_REGISTRY: dict[str, str] = {
    "language": "sentinelle.analysis.analyzers.language:LanguageDetector",
    "complaint": "sentinelle.analysis.analyzers.complaint:ComplaintClassifier",
    "severity": "sentinelle.analysis.analyzers.severity:SeverityClassifier",
    "sentiment": "sentinelle.analysis.analyzers.sentiment:SentimentClassifier",
    "signals": "sentinelle.analysis.analyzers.signals:SignalDetector",
    "topic": "sentinelle.analysis.analyzers.topic:TopicClassifier",
    "pii": "sentinelle.analysis.analyzers.pii:PiiDetector",
}


class Analyzer:
    """Base of every analyzer: declared inputs and outputs, batch-first."""

    name: ClassVar[str]
    requires: ClassVar[frozenset[str]]
    assigns: ClassVar[frozenset[str]]

    @classmethod
    def from_settings(cls, settings: AnalysisSettings) -> Self:
        """Load what the analyzer needs; raises `AnalysisError` subclasses on bad config."""
        raise NotImplementedError

    def analyze_batch(self, analyses: list[Analysis]) -> list[Analysis]:
        """Label a batch in place (and return it); writes only `assigns` and its reasons."""
        raise NotImplementedError

    def __call__(self, analysis: Analysis) -> Analysis:
        return self.analyze_batch([analysis])[0]


def registered_names() -> tuple[str, ...]:
    """Names of every registered analyzer."""
    return tuple(_REGISTRY)


def get_analyzer_class(name: str) -> type[Analyzer]:
    """The analyzer class registered under `name`."""
    try:
        target = _REGISTRY[name]
    except KeyError:
        known = ", ".join(_REGISTRY)
        raise PipelineError(f"unknown analyzer {name!r} (known: {known})") from None
    module_name, _, class_name = target.partition(":")
    cls: type[Analyzer] = getattr(importlib.import_module(module_name), class_name)
    return cls


def register(name: str, target: str) -> None:
    """Register an extra analyzer as "module:Class" (e.g. a brand's own)."""
    _REGISTRY[name] = target
