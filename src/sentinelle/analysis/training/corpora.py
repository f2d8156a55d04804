"""The per-language training corpora, assembled from the shared data sets."""

from __future__ import annotations

from pathlib import Path

from sentinelle.analysis.training import data
from sentinelle.analysis.training.data import BRAND_ACCOUNTS, Corpus


def english(root: Path, *, sentiment_splits: tuple[str, ...] = ("train", "val")) -> Corpus:
    """X-CI (complaint, severity, sentiment) plus xlm-t English sentiment."""
    corpus = Corpus()
    for row in data.xci(root):
        complaint = int(row["label"])
        corpus.add(
            row["tweet"],
            "x-ci",
            complaint=complaint,
            severity=int(row["Severity"]) if complaint else None,
            sentiment=data.sentiment_of(row["sentiment"]),
        )
    for split in sentiment_splits:
        texts, labels = data.xlmt(root, "english", split)
        for text, label in zip(texts, labels, strict=True):
            corpus.add(text, f"xlmt-{split}", sentiment=label)
    return corpus


def french(
    root: Path,
    *,
    sentiment_splits: tuple[str, ...] = ("train", "val"),
    random_negatives: bool = True,
) -> Corpus:
    """Free tweets (labelled; brand accounts as non-complaints) plus xlm-t French sentiment.

    As in the English protocol, general tweets (xlm-t) serve as random non-complaints.
    """
    corpus = Corpus()
    for row in data.free_labelled(root):
        complaint = int(row["complaint"])
        corpus.add(
            row["text"],
            "free-labelled",
            complaint=complaint,
            severity=int(row["severity"]) if complaint else None,
        )
    for row in data.free_unlabelled(root):
        # The brand's own accounts post news and promotions: never complaints (README).
        if row["author"].strip().lower() in BRAND_ACCOUNTS:
            corpus.add(row["text"], "free-brand", complaint=0)
        else:
            corpus.add(row["text"], "free-unlabelled")
    for split in sentiment_splits:
        texts, labels = data.xlmt(root, "french", split)
        for text, label in zip(texts, labels, strict=True):
            corpus.add(
                text,
                f"xlmt-{split}",
                complaint=0 if random_negatives else None,
                sentiment=label,
            )
    return corpus
