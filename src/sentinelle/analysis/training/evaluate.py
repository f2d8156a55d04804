"""`sentinelle eval analysis`: the published protocols, hyper-parameters tuned inside folds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sentinelle.analysis.cues import CueExtractor
from sentinelle.analysis.features import Vocabulary
from sentinelle.analysis.paths import REPO_ROOT, data_dir
from sentinelle.analysis.training import corpora, data
from sentinelle.analysis.training.fit import fit_head
from sentinelle.analysis.training.train import (
    DEFAULT_SEED,
    TrainConfig,
    featurize,
    labelled,
    wants_full,
    with_embeddings,
)

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import csr_matrix

FOLDS = 10
SIGNAL_FIXTURES = REPO_ROOT / "tests" / "analysis" / "fixtures" / "signals.jsonl"


def _pct(value: float) -> float:
    return round(100 * value, 2)


def _embeddings(texts: list[str], full: bool) -> np.ndarray | None:
    if not full:
        return None
    from sentinelle.analysis.encoder import encode

    return encode(texts)


def _variants(features: csr_matrix, embeddings: np.ndarray | None) -> dict[str, csr_matrix]:
    """The default pipeline's features, and the full pipeline's when embeddings are given."""
    variants = {"default": features}
    if embeddings is not None:
        variants["full"] = with_embeddings(features, embeddings)
    return variants


def english_complaints(
    root: Path, config: TrainConfig, full: bool = False
) -> dict[str, dict[str, float]]:
    """10-fold stratified CV over every X-CI tweet: complaint and severity together.

    Returns {"default": metrics} plus {"full": metrics} when `full` (same folds).
    """
    import numpy as np
    from sklearn.metrics import accuracy_score, f1_score, roc_auc_score
    from sklearn.model_selection import StratifiedKFold

    corpus = corpora.english(root, sentiment_splits=())
    texts = corpus.texts
    embeddings = _embeddings(texts, full)
    y = np.array(corpus.complaint)
    severity = np.array([s or 0 for s in corpus.severity])
    names = ["default", "full"] if full else ["default"]
    scores = {n: np.zeros(len(y)) for n in names}
    decided = {n: np.zeros(len(y), dtype=int) for n in names}
    sev_pred = {n: np.zeros(len(y), dtype=int) for n in names}
    splitter = StratifiedKFold(FOLDS, shuffle=True, random_state=config.seed)
    for train, test in splitter.split(np.zeros(len(y)), y):
        vocabulary = Vocabulary.fit([texts[i] for i in train])
        base = featurize(vocabulary, CueExtractor(), texts)
        for name, features in _variants(base, embeddings).items():
            head, _ = fit_head(
                "complaint", features[train], y[train], config.seed, config.heads["complaint"]
            )
            scores[name][test] = head.predict_proba(features[test])[:, 1]
            decided[name][test] = scores[name][test] >= head.threshold
            sev_train = train[y[train] == 1]
            sev_test = test[y[test] == 1]
            sev_head, _ = fit_head(
                "severity",
                features[sev_train],
                severity[sev_train],
                config.seed,
                config.heads["severity"],
            )
            probs = sev_head.predict_proba(features[sev_test])
            sev_pred[name][sev_test] = np.array(sev_head.labels)[probs.argmax(axis=1)]
    complaints = y == 1
    return {
        name: {
            "en_complaint_macro_f1": _pct(f1_score(y, decided[name], average="macro")),
            "en_complaint_accuracy": _pct(accuracy_score(y, decided[name])),
            "en_complaint_auc": _pct(roc_auc_score(y, scores[name])),
            "en_severity_macro_f1": _pct(
                f1_score(severity[complaints], sev_pred[name][complaints], average="macro")
            ),
        }
        for name in names
    }


def french_complaints(
    root: Path,
    config: TrainConfig,
    random_negatives: bool = False,
    brand_negatives: bool = True,
    full: bool = False,
) -> dict[str, float]:
    """10-fold stratified CV over the labelled Free tweets; extra negatives only in training.

    Returns {"default": macro-F1} plus {"full": macro-F1} when `full` (same folds).
    """
    import numpy as np
    from sklearn.metrics import f1_score
    from sklearn.model_selection import StratifiedKFold

    corpus = corpora.french(
        root,
        sentiment_splits=("train",),
        random_negatives=random_negatives,
        brand_negatives=brand_negatives,
    )
    rows, _ = labelled(corpus, "complaint")
    gold = [i for i in rows if corpus.source[i] == "free-labelled"]
    extra = [i for i in rows if corpus.source[i] != "free-labelled"]
    y_all = np.array([v if v is not None else -1 for v in corpus.complaint])
    y = y_all[gold]
    embeddings = _embeddings(corpus.texts, full)
    names = ["default", "full"] if full else ["default"]
    decided = {n: np.zeros(len(gold), dtype=int) for n in names}
    splitter = StratifiedKFold(FOLDS, shuffle=True, random_state=config.seed)
    for train, test in splitter.split(np.zeros(len(y)), y):
        train_rows = [gold[i] for i in train] + extra
        test_rows = [gold[i] for i in test]
        vocabulary = Vocabulary.fit([corpus.texts[i] for i in train_rows])
        base = featurize(vocabulary, CueExtractor(), corpus.texts)
        for name, features in _variants(base, embeddings).items():
            head, _ = fit_head(
                "complaint",
                features[train_rows],
                y_all[train_rows],
                config.seed,
                config.heads["complaint"],
                tune_on=[corpora.hand_labelled(corpus.source[i]) for i in train_rows],
            )
            probs = head.predict_proba(features[test_rows])[:, 1]
            decided[name][test] = probs >= head.threshold
    return {name: _pct(f1_score(y, decided[name], average="macro")) for name in names}


def sentiment(
    root: Path, language: str, config: TrainConfig, full: bool = False
) -> dict[str, float]:
    """Train on the xlm-t train split (+ X-CI for English), score on the validation split."""
    from sklearn.metrics import f1_score

    build = corpora.english if language == "english" else corpora.french
    corpus = build(root, sentiment_splits=("train",))
    rows, labels = labelled(corpus, "sentiment")
    texts = [corpus.texts[i] for i in rows]
    val_texts, val_labels = data.xlmt(root, language, "val")
    vocabulary = Vocabulary.fit(texts)
    train_variants = _variants(
        featurize(vocabulary, CueExtractor(), texts), _embeddings(texts, full)
    )
    val_variants = _variants(
        featurize(vocabulary, CueExtractor(), val_texts), _embeddings(val_texts, full)
    )
    result = {}
    for name, features in train_variants.items():
        head, _ = fit_head("sentiment", features, labels, config.seed, config.heads["sentiment"])
        probs = head.predict_proba(val_variants[name])
        predicted = [head.labels[i] for i in probs.argmax(axis=1)]
        result[name] = _pct(f1_score(val_labels, predicted, average="macro"))
    return result


def evaluate(seed: int = DEFAULT_SEED, full: bool | None = None) -> dict[str, Any]:
    """Every metric of issue 3, keyed as `sentinelle eval analysis --json` prints them.

    The default pipeline's metrics are top-level; the full pipeline's (sentence encoder
    installed, or `full=True`) are under "full", on the same folds; None without it.
    """
    from sentinelle.analysis.training.signal_eval import signal_metrics

    root = data_dir()
    config = TrainConfig(seed=seed, full=full)
    full = wants_full(config)
    english = english_complaints(root, config, full)
    french = french_complaints(root, config, full=full)
    fr_sentiment = sentiment(root, "french", config, full)
    en_sentiment = sentiment(root, "english", config, full)
    metrics: dict[str, Any] = {}
    for name in ("default", "full") if full else ("default",):
        values = dict(english[name])
        values["fr_complaint_macro_f1"] = french[name]
        values["fr_sentiment_macro_f1"] = fr_sentiment[name]
        values["en_sentiment_macro_f1"] = en_sentiment[name]
        if name == "default":
            metrics.update(values)
        else:
            metrics["full"] = values
    metrics["signals"] = signal_metrics(SIGNAL_FIXTURES, root)
    metrics.setdefault("full", None)
    return metrics


if __name__ == "__main__":  # pragma: no cover - a manual entry point for long runs
    print(json.dumps(evaluate(), indent=2))
