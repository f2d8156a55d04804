"""Readers for the labelled data sets under the shared data directory."""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sentinelle.analysis.types import AnalysisError

SENTIMENT_LABELS = ("negative", "neutral", "positive")
BRAND_ACCOUNTS = frozenset(
    {"freebox", "free", "free_1337", "groupeiliad", "freefoot", "oqeebyfree"}
)


@dataclass
class Corpus:
    """Texts with optional labels per task (None where a text has no label for it)."""

    texts: list[str] = field(default_factory=list)
    complaint: list[int | None] = field(default_factory=list)
    severity: list[int | None] = field(default_factory=list)
    sentiment: list[str | None] = field(default_factory=list)
    source: list[str] = field(default_factory=list)

    def add(
        self,
        text: str,
        source: str,
        complaint: int | None = None,
        severity: int | None = None,
        sentiment: str | None = None,
    ) -> None:
        self.texts.append(text)
        self.source.append(source)
        self.complaint.append(complaint)
        self.severity.append(severity)
        self.sentiment.append(sentiment)


def _read_csv(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise AnalysisError(f"missing training file {path}")
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _read_lines(path: Path) -> list[str]:
    if not path.is_file():
        raise AnalysisError(f"missing training file {path}")
    return path.read_text(encoding="utf-8").splitlines()


def xci(data: Path) -> list[dict[str, str]]:
    """English complaint tweets (X-CI): tweet, label, Severity, sentiment."""
    return _read_csv(data / "complaints-en" / "x-ci.csv")


def free_labelled(data: Path) -> list[dict[str, str]]:
    """French Free tweets labelled by hand: complaint, severity, signals, topic."""
    return _read_csv(data / "complaints-fr" / "free-labelled.csv")


def free_unlabelled(data: Path) -> list[dict[str, str]]:
    """French Free tweets without labels (author, text)."""
    return _read_csv(data / "complaints-fr" / "free-unlabelled.csv")


def xlmt(data: Path, language: str, split: str) -> tuple[list[str], list[str]]:
    """(texts, sentiment labels) of an xlm-t split; language is "english" or "french"."""
    folder = data / "sentiment-xlmt"
    texts = _read_lines(folder / f"{language}_{split}_text.txt")
    labels = [
        SENTIMENT_LABELS[int(x)] for x in _read_lines(folder / f"{language}_{split}_labels.txt")
    ]
    if len(texts) != len(labels):
        raise AnalysisError(f"{language}_{split}: {len(texts)} texts but {len(labels)} labels")
    return texts, labels


def data_files(data: Path) -> list[Path]:
    """The files training reads, in a fixed order."""
    names = [
        "complaints-en/x-ci.csv",
        "complaints-fr/free-labelled.csv",
        "complaints-fr/free-unlabelled.csv",
        *(
            f"sentiment-xlmt/{lang}_{split}_{kind}.txt"
            for lang in ("english", "french")
            for split in ("train", "val")
            for kind in ("text", "labels")
        ),
    ]
    return [data / name for name in names]


def data_hash(data: Path) -> str:
    """SHA-256 over the training files' names and bytes."""
    digest = hashlib.sha256()
    for path in data_files(data):
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
    return digest.hexdigest()


def sentiment_of(value: str) -> str | None:
    """X-CI sentiment normalised to our labels (the column mixes cases)."""
    value = value.strip().lower()
    return value if value in SENTIMENT_LABELS else None


CORRECTIONS_SOURCE = "corrections"


def add_corrections(corpus: Corpus, rows: list[dict[str, Any]]) -> int:
    """Add agents' corrections ({text, label, value}) as hand-labelled rows; returns how many."""
    added = 0
    for row in rows:
        text, label, value = row.get("text"), row.get("label"), str(row.get("value", ""))
        if not isinstance(text, str) or not text.strip():
            continue
        if label == "complaint" and value in {"yes", "no"}:
            corpus.add(text, CORRECTIONS_SOURCE, complaint=int(value == "yes"))
        elif label == "severity" and value in {"1", "2", "3", "4"}:
            corpus.add(text, CORRECTIONS_SOURCE, complaint=1, severity=int(value))
        elif label == "sentiment" and value in {"negative", "neutral", "positive"}:
            corpus.add(text, CORRECTIONS_SOURCE, sentiment=value)
        else:
            continue
        added += 1
    return added
