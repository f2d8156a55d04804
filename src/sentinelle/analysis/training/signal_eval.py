"""Precision and recall of the escalation signals on labelled lines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sentinelle.analysis.analyzers.signals import SignalDetector
from sentinelle.analysis.training import data

KINDS = ("double_deviation", "threat", "safety", "needs_answer")


def _kinds(signals: list[dict[str, Any]] | list[str]) -> set[str]:
    kinds = set()
    for signal in signals:
        kind = signal if isinstance(signal, str) else signal["kind"]
        kinds.add(kind.split(":")[0])
    return kinds


def _pr(pairs: list[tuple[bool, bool]]) -> dict[str, Any]:
    tp = sum(g and p for g, p in pairs)
    fp = sum(p and not g for g, p in pairs)
    fn = sum(g and not p for g, p in pairs)
    return {
        "precision": round(100 * tp / (tp + fp), 1) if tp + fp else None,
        "recall": round(100 * tp / (tp + fn), 1) if tp + fn else None,
        "support": tp + fn,
    }


def signal_metrics(fixtures: Path, root: Path | None) -> dict[str, dict[str, Any]]:
    """Per signal: P/R on our fixture lines, and on the French gold labels where they exist."""
    detector = SignalDetector()
    result: dict[str, dict[str, Any]] = {kind: {} for kind in KINDS}
    if fixtures.is_file():
        lines = [json.loads(x) for x in fixtures.read_text(encoding="utf-8").splitlines() if x]
        found = [_kinds(detector.detect(line["text"])) for line in lines]
        for kind in KINDS:
            pairs = [
                (kind in _kinds(line["signals"]), kind in f)
                for line, f in zip(lines, found, strict=True)
            ]
            result[kind].update({f"fixtures_{k}": v for k, v in _pr(pairs).items()})
    if root is not None:
        rows = data.free_labelled(root)
        found = [_kinds(detector.detect(row["text"])) for row in rows]
        for kind, column in (
            ("double_deviation", "double_deviation"),
            ("threat", "escalation_threat"),
        ):
            pairs = [(row[column] == "1", kind in f) for row, f in zip(rows, found, strict=True)]
            result[kind].update({f"fr_gold_{k}": v for k, v in _pr(pairs).items()})
    return result
