"""Escalation signals with evidence spans: double deviation, threats, safety, needs-answer."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar, Self

from sentinelle.analysis.analyzers import signal_lexicon as lex
from sentinelle.analysis.lexicon import lexicon_of, lower_same_length
from sentinelle.analysis.registry import Analyzer
from sentinelle.analysis.types import Evidence, Signal

if TYPE_CHECKING:
    from sentinelle.analysis.settings import AnalysisSettings
    from sentinelle.analysis.types import Analysis

# Quoted speech and retweets are someone else's words, not the author's own signal.
QUOTED_RE = re.compile(r"«[^»]{0,500}»|“[^”]{0,500}”|\"[^\"\n]{0,500}\"|^RT @\w+:.*$", re.S)
THREAT_SCORES = {
    "legal": 0.9,
    "regulator": 0.9,
    "media": 0.8,
    "public": 0.75,
    "competitor": 0.85,
    "leave": 0.8,
}
MAX_EVIDENCE = 5
# Signals look at the start of very long texts only: a post is read, not a book.
MAX_CHARS = 20_000


def _quoted(text: str) -> list[tuple[int, int]]:
    if '"' not in text and "«" not in text and "“" not in text and not text.startswith("RT"):
        return []
    return [m.span() for m in QUOTED_RE.finditer(text)]


def _inside(span: tuple[int, int], regions: list[tuple[int, int]]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in regions)


def _evidence(text: str, spans: list[tuple[int, int]]) -> list[Evidence]:
    return [Evidence(start=s, end=e, text=text[s:e]) for s, e in spans[:MAX_EVIDENCE]]


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans merged into one, in order."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


class SignalDetector(Analyzer):
    """Rule-based French/English lexicons; every signal carries its evidence spans."""

    name: ClassVar[str] = "signals"
    requires: ClassVar[frozenset[str]] = frozenset({"text"})
    assigns: ClassVar[frozenset[str]] = frozenset({"signals"})

    @classmethod
    def from_settings(cls, settings: AnalysisSettings) -> Self:
        return cls()

    def analyze_batch(self, analyses: list[Analysis]) -> list[Analysis]:
        for analysis in analyses:
            analysis.signals = self.detect(analysis.text[:MAX_CHARS])
            analysis.reasons["signals"] = [
                f"{s['kind']}{'/' + s['target'] if s['target'] else ''}: "
                + ", ".join(repr(e["text"]) for e in s["evidence"])
                for s in analysis.signals
            ]
        return analyses

    def detect(self, text: str) -> list[Signal]:
        """Every signal found in one text."""
        quoted = _quoted(text)
        low = lower_same_length(text)
        found: dict[str, list[tuple[int, int]]] = {}
        for match in lex.SIGNALS.finditer(low):
            span, group = match.span(), lexicon_of(match)
            if _inside(span, quoted):
                continue
            if group.startswith("threat_"):
                before = low[max(0, span[0] - 25) : span[0]]
                if lex.THREAT_NEGATION.search(before):
                    continue
            found.setdefault(group, []).append(span)
        if "?" in low:
            found.setdefault("needs_answer", []).extend(self._questions(low, quoted))
        signals: list[Signal] = []
        for group, spans in found.items():
            found[group] = _merge(spans)
        if "double_deviation" in found:
            score = 0.9 if len(found["double_deviation"]) > 1 else 0.75
            signals.append(self._signal("double_deviation", None, score, text, found))
        for target in lex.THREAT_TERMS:  # in the lexicon's order: legal first
            if f"threat_{target}" in found:
                score = THREAT_SCORES[target]
                spans = found[f"threat_{target}"]
                signals.append(self._signal("threat", target, score, text, {"threat": spans}))
        for kind, score in (("safety", 0.8), ("needs_answer", 0.7)):
            if found.get(kind):
                signals.append(self._signal(kind, None, score, text, found))
        return signals

    @staticmethod
    def _questions(low: str, quoted: list[tuple[int, int]]) -> list[tuple[int, int]]:
        spans = []
        for match in lex.QUESTION.finditer(low):
            # A question counts when addressed to someone ("you", "vous", a handle).
            question = match.group(0)
            if not _inside(match.span(), quoted) and lex.SECOND_PERSON.search(question):
                start = match.start() + len(question) - len(question.lstrip())
                spans.append((start, match.end()))
        return spans

    @staticmethod
    def _signal(
        kind: str,
        target: str | None,
        score: float,
        text: str,
        found: dict[str, list[tuple[int, int]]],
    ) -> Signal:
        spans = found["threat" if target else kind]
        return Signal(kind=kind, target=target, score=score, evidence=_evidence(text, spans))
