"""`sentinelle eval analysis`: the published protocols, hyper-parameters tuned inside folds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sentinelle.analysis.cues import CueExtractor
from sentinelle.analysis.features import Vocabulary
from sentinelle.analysis.paths import REPO_ROOT, data_dir
from sentinelle.analysis.training import corpora, data
from sentinelle.analysis.training.fit import fit_head
from sentinelle.analysis.training.train import DEFAULT_SEED, TrainConfig, featurize, labelled

FOLDS = 10
SIGNAL_FIXTURES = REPO_ROOT / "tests" / "analysis" / "fixtures" / "signals.jsonl"


def _pct(value: float) -> float:
    return round(100 * value, 2)


def english_complaints(root: Path, config: TrainConfig) -> dict[str, float]:
    """10-fold stratified CV over every X-CI tweet: complaint and severity together."""
    import numpy as np
    from sklearn.metrics import accuracy_score, f1_score, roc_auc_score
    from sklearn.model_selection import StratifiedKFold

    corpus = corpora.english(root, sentiment_splits=())
    texts = corpus.texts
    y = np.array(corpus.complaint)
    severity = np.array([s or 0 for s in corpus.severity])
    scores = np.zeros(len(y))
    decided = np.zeros(len(y), dtype=int)
    sev_pred = np.zeros(len(y), dtype=int)
    splitter = StratifiedKFold(FOLDS, shuffle=True, random_state=config.seed)
    for train, test in splitter.split(np.zeros(len(y)), y):
        vocabulary = Vocabulary.fit([texts[i] for i in train])
        features = featurize(vocabulary, CueExtractor(), texts)
        head, _ = fit_head(
            "complaint", features[train], y[train], config.seed, config.heads["complaint"]
        )
        scores[test] = head.predict_proba(features[test])[:, 1]
        decided[test] = scores[test] >= head.threshold
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
        sev_pred[sev_test] = np.array(sev_head.labels)[probs.argmax(axis=1)]
    complaints = y == 1
    return {
        "en_complaint_macro_f1": _pct(f1_score(y, decided, average="macro")),
        "en_complaint_accuracy": _pct(accuracy_score(y, decided)),
        "en_complaint_auc": _pct(roc_auc_score(y, scores)),
        "en_severity_macro_f1": _pct(
            f1_score(severity[complaints], sev_pred[complaints], average="macro")
        ),
    }


def french_complaints(
    root: Path, config: TrainConfig, random_negatives: bool = False, brand_negatives: bool = True
) -> float:
    """10-fold stratified CV over the labelled Free tweets; extra negatives only in training."""
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
    decided = np.zeros(len(gold), dtype=int)
    splitter = StratifiedKFold(FOLDS, shuffle=True, random_state=config.seed)
    for train, test in splitter.split(np.zeros(len(y)), y):
        train_rows = [gold[i] for i in train] + extra
        test_rows = [gold[i] for i in test]
        vocabulary = Vocabulary.fit([corpus.texts[i] for i in train_rows])
        features = featurize(vocabulary, CueExtractor(), corpus.texts)
        head, _ = fit_head(
            "complaint",
            features[train_rows],
            y_all[train_rows],
            config.seed,
            config.heads["complaint"],
            tune_on=[corpora.hand_labelled(corpus.source[i]) for i in train_rows],
        )
        decided[test] = head.predict_proba(features[test_rows])[:, 1] >= head.threshold
    return _pct(f1_score(y, decided, average="macro"))


def sentiment(root: Path, language: str, config: TrainConfig) -> float:
    """Train on the xlm-t train split (+ X-CI for English), score on the validation split."""
    from sklearn.metrics import f1_score

    build = corpora.english if language == "english" else corpora.french
    corpus = build(root, sentiment_splits=("train",))
    rows, labels = labelled(corpus, "sentiment")
    texts = [corpus.texts[i] for i in rows]
    val_texts, val_labels = data.xlmt(root, language, "val")
    vocabulary = Vocabulary.fit(texts)
    head, _ = fit_head(
        "sentiment",
        featurize(vocabulary, CueExtractor(), texts),
        labels,
        config.seed,
        config.heads["sentiment"],
    )
    probs = head.predict_proba(featurize(vocabulary, CueExtractor(), val_texts))
    predicted = [head.labels[i] for i in probs.argmax(axis=1)]
    return _pct(f1_score(val_labels, predicted, average="macro"))


def evaluate(seed: int = DEFAULT_SEED) -> dict[str, Any]:
    """Every metric of issue 3, keyed as `sentinelle eval analysis --json` prints them."""
    from sentinelle.analysis.training.signal_eval import signal_metrics

    root = data_dir()
    config = TrainConfig(seed=seed)
    metrics: dict[str, Any] = english_complaints(root, config)
    metrics["fr_complaint_macro_f1"] = french_complaints(root, config)
    metrics["fr_sentiment_macro_f1"] = sentiment(root, "french", config)
    metrics["en_sentiment_macro_f1"] = sentiment(root, "english", config)
    metrics["signals"] = signal_metrics(SIGNAL_FIXTURES, root)
    return metrics


if __name__ == "__main__":  # pragma: no cover - a manual entry point for long runs
    print(json.dumps(evaluate(), indent=2))
