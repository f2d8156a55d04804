"""Fitting linear heads, with hyper-parameters and thresholds chosen by inner CV only."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sentinelle.analysis.models import Head, LinearMember

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import csr_matrix

#: A linear SVM's margin is turned into a probability as sigmoid(SVM_SCALE · margin).
SVM_SCALE = 2.0
THRESHOLDS = tuple(round(0.2 + 0.02 * i, 2) for i in range(31))


@dataclass(frozen=True)
class HeadConfig:
    """The grid searched for one head, and its ensemble members."""

    lr_grid: Sequence[float] = (1.0, 2.0, 4.0, 8.0)
    svm_grid: Sequence[float] = (0.1, 0.3)
    use_svm: bool = True
    inner_folds: int = 4
    tune_threshold: bool = True


def fit_logreg(features: csr_matrix, y: np.ndarray, c: float, seed: int) -> LinearMember:
    """Class-balanced logistic regression as a `LinearMember`."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(
        C=c, max_iter=3000, class_weight="balanced", random_state=seed, solver="lbfgs"
    ).fit(features, y)
    return LinearMember(coef=model.coef_.copy(), intercept=model.intercept_.copy())


def fit_svm(features: csr_matrix, y: np.ndarray, c: float, seed: int) -> LinearMember:
    """Class-balanced linear SVM, margins scaled so a sigmoid/softmax reads as probability."""
    import numpy as np
    from sklearn.svm import LinearSVC

    model = LinearSVC(C=c, class_weight="balanced", random_state=seed, max_iter=5000).fit(
        features, y
    )
    return LinearMember(
        coef=model.coef_ * SVM_SCALE, intercept=np.asarray(model.intercept_) * SVM_SCALE
    )


def _proba(member: LinearMember, features: csr_matrix, n_labels: int) -> np.ndarray:
    return Head("tmp", list(range(n_labels)), [member]).predict_proba(features)


def _macro_f1(y: np.ndarray, probs: np.ndarray, threshold: float | None = None) -> float:
    from sklearn.metrics import f1_score

    pred = (probs[:, 1] >= threshold).astype(int) if threshold is not None else probs.argmax(1)
    return float(f1_score(y, pred, average="macro"))


def _oof(
    fit: Any, features: csr_matrix, y: np.ndarray, c: float, seed: int, folds: int
) -> np.ndarray:
    """Out-of-fold probabilities of one member kind with one C."""
    import numpy as np
    from sklearn.model_selection import StratifiedKFold

    n_labels = len(np.unique(y))
    out = np.zeros((len(y), n_labels))
    splitter = StratifiedKFold(folds, shuffle=True, random_state=seed)
    for train, test in splitter.split(np.zeros(len(y)), y):
        out[test] = _proba(fit(features[train], y[train], c, seed), features[test], n_labels)
    return out


def fit_head(
    name: str,
    features: csr_matrix,
    y: Sequence[Any],
    seed: int,
    config: HeadConfig | None = None,
    tune_on: Sequence[bool] | None = None,
) -> tuple[Head, dict[str, Any]]:
    """Fit a head (binary labels must be 0/1); returns it with what inner CV chose.

    `tune_on` marks the rows whose out-of-fold scores choose the threshold (default: all),
    so that easy extra negatives (random tweets) do not drag it away from real mentions.
    """
    import numpy as np

    config = config or HeadConfig()
    labels = sorted(set(y))
    index = {label: i for i, label in enumerate(labels)}
    target = np.array([index[v] for v in y])
    binary = len(labels) == 2
    kinds: list[tuple[str, Any, Sequence[float]]] = [("lr", fit_logreg, config.lr_grid)]
    if config.use_svm:
        kinds.append(("svm", fit_svm, config.svm_grid))
    chosen: dict[str, Any] = {}
    oof_total = np.zeros((len(target), len(labels)))
    members = []
    for kind, fit, grid in kinds:
        scored = []
        for c in grid:
            oof = _oof(fit, features, target, c, seed, config.inner_folds)
            scored.append((_macro_f1(target, oof, 0.5 if binary else None), c, oof))
        best_score, best_c, best_oof = max(scored, key=lambda s: (s[0], -s[1]))
        chosen[f"{kind}_C"] = best_c
        chosen[f"{kind}_inner_macro_f1"] = round(best_score, 4)
        oof_total += best_oof
        members.append(fit(features, target, best_c, seed))
    oof_total /= len(kinds)
    threshold = 0.5
    if binary and config.tune_threshold:
        # The threshold that maximises macro-F1 on inner out-of-fold scores (ties: nearest 0.5).
        mask = np.ones(len(target), dtype=bool) if tune_on is None else np.asarray(tune_on)
        if not mask.any():  # nothing marked: tune on every row
            mask = np.ones(len(target), dtype=bool)
        threshold = max(
            THRESHOLDS,
            key=lambda t: (_macro_f1(target[mask], oof_total[mask], t), -abs(t - 0.5)),
        )
    chosen["threshold"] = threshold
    return Head(name=name, labels=labels, members=members, threshold=threshold), chosen
