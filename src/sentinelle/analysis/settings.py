"""Settings of the analysis pipeline: a plain dataclass, buildable from a dict."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from sentinelle.analysis.types import PipelineError

#: The default analyzer order. Signals run before the models, which read them as
#: features (DESIGN.md lists them later; the requires check enforces this order).
DEFAULT_ANALYZERS: tuple[str, ...] = (
    "language",
    "signals",
    "complaint",
    "severity",
    "sentiment",
    "topic",
    "pii",
)
#: Settings of the heavier, more accurate pipeline (same analyzers, plus sentence embeddings).
FULL_SETTINGS: dict[str, Any] = {"encoder": "use"}


@dataclass(frozen=True)
class AnalysisSettings:
    """What the pipeline runs and where its models live."""

    analyzers: tuple[str, ...] = DEFAULT_ANALYZERS
    #: Directory of the trained artifacts; None means the ones shipped in the package.
    artifacts_dir: Path | None = None
    #: Languages with models; text in any other language is marked, not labelled.
    languages: tuple[str, ...] = ("fr", "en")
    #: Per-brand topic taxonomy {topic: [keywords…]}; None means the default one.
    topics: dict[str, list[str]] | None = None
    #: Overrides the calibrated complaint threshold of every language (0–1).
    complaint_threshold: float | None = None
    #: Sentence encoder of the full pipeline ("use", from the `full` extra); None is the
    #: fast default pipeline (word and character features only).
    encoder: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_mapping(cls, mapping: dict[str, Any] | None) -> AnalysisSettings:
        """Build settings from a plain dict (e.g. a section of the project's settings)."""
        mapping = dict(mapping or {})
        known = {f.name for f in fields(cls)}
        unknown = set(mapping) - known
        if unknown:
            raise PipelineError(f"unknown analysis setting(s): {', '.join(sorted(unknown))}")
        if "analyzers" in mapping:
            mapping["analyzers"] = tuple(mapping["analyzers"])
        if "languages" in mapping:
            mapping["languages"] = tuple(mapping["languages"])
        if mapping.get("artifacts_dir") is not None:
            mapping["artifacts_dir"] = Path(mapping["artifacts_dir"])
        return cls(**mapping)
