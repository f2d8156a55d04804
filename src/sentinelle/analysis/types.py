"""The record that flows through the pipeline, and the errors the library raises."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypedDict

#: Keys of a serialised analysis, in the order they are written.
OUTPUT_KEYS: tuple[str, ...] = (
    "language",
    "complaint",
    "complaint_score",
    "severity",
    "sentiment",
    "sentiment_score",
    "signals",
    "topic",
    "pii",
    "reasons",
)

#: Keys every analysis has before any analyzer runs.
INPUT_KEYS: frozenset[str] = frozenset({"id", "text", "lang_hint"})


class Evidence(TypedDict):
    """A span of the text that supports a flag; offsets index the original text."""

    start: int
    end: int
    text: str


class Signal(TypedDict):
    """An escalation signal: double deviation, threat, safety or needs-answer."""

    kind: str
    target: str | None
    score: float
    evidence: list[Evidence]


class PiiSpan(TypedDict):
    """Personal data found in the text, located for redaction (the value is not copied)."""

    kind: str
    start: int
    end: int


@dataclass(slots=True)
class Analysis:
    """One mention's text and the labels the analyzers put on it."""

    id: str
    text: str
    lang_hint: str | None = None
    language: str | None = None
    complaint: bool | None = None
    complaint_score: float | None = None
    severity: int | None = None
    sentiment: str | None = None
    sentiment_score: float | None = None
    signals: list[Signal] = field(default_factory=list)
    topic: str | None = None
    pii: list[PiiSpan] = field(default_factory=list)
    reasons: dict[str, list[str]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-able labels (without id and text), keys as in `OUTPUT_KEYS`."""
        return {
            "language": self.language,
            "complaint": self.complaint,
            "complaint_score": self.complaint_score,
            "severity": self.severity,
            "sentiment": self.sentiment,
            "sentiment_score": self.sentiment_score,
            "signals": [{**s, "evidence": [dict(e) for e in s["evidence"]]} for s in self.signals],
            "topic": self.topic,
            "pii": [dict(p) for p in self.pii],
            "reasons": {k: list(v) for k, v in self.reasons.items()},
        }


def new_analysis(item: dict[str, Any]) -> Analysis:
    """An empty analysis for an input item with `id`, `text` and optional `lang`."""
    text = item.get("text")
    if not isinstance(text, str):
        raise AnalysisError("item has no 'text' string")
    lang = item.get("lang")
    return Analysis(
        id=str(item.get("id", "")),
        text=text,
        lang_hint=lang.lower() if isinstance(lang, str) and lang.strip() else None,
    )


class AnalysisError(Exception):
    """Base error of the analysis library."""


class PipelineError(AnalysisError):
    """The pipeline configuration is invalid (unknown analyzer, unmet requirement)."""


class ArtifactError(AnalysisError):
    """A model artifact is missing or does not match this code; the fix is to retrain."""

    def __init__(self, message: str) -> None:
        super().__init__(f"{message} — retrain with `sentinelle model train`")
