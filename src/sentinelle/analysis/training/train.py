"""`sentinelle model train`: fit every language's model and write the shipped artifacts."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sentinelle.analysis.cues import CueExtractor
from sentinelle.analysis.features import Vocabulary
from sentinelle.analysis.models import Head, LanguageModel
from sentinelle.analysis.training import corpora
from sentinelle.analysis.training.data import Corpus, add_corrections, data_hash
from sentinelle.analysis.training.fit import HeadConfig, fit_head

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import csr_matrix

DEFAULT_SEED = 20261123
TASKS = ("complaint", "severity", "sentiment")


@dataclass(frozen=True)
class TrainConfig:
    """Per-task grids; severity and sentiment have no threshold to tune."""

    seed: int = DEFAULT_SEED
    #: Also fit the full pipeline's heads (sentence encoder columns appended); None means
    #: "when the encoder is installed".
    full: bool | None = None
    heads: dict[str, HeadConfig] = field(
        default_factory=lambda: {
            "complaint": HeadConfig(),
            "severity": HeadConfig(lr_grid=(0.5, 1.0, 2.0), svm_grid=(0.05, 0.1)),
            "sentiment": HeadConfig(lr_grid=(1.0, 2.0, 4.0), svm_grid=(0.05, 0.1)),
        }
    )


def featurize(vocabulary: Vocabulary, cues: CueExtractor, texts: list[str]) -> csr_matrix:
    """The feature matrix a `LanguageModel` computes at inference."""
    from scipy.sparse import hstack

    return hstack([vocabulary.transform(texts), cues.transform(texts)], format="csr")


def with_embeddings(features: csr_matrix, embeddings: np.ndarray) -> csr_matrix:
    """Default features plus the sentence encoder's columns, as the full pipeline sees them."""
    from scipy.sparse import csr_matrix, hstack

    return hstack([features, csr_matrix(embeddings)], format="csr")


def wants_full(config: TrainConfig) -> bool:
    """Whether to fit full heads: asked for, or by default when the encoder is installed."""
    from sentinelle.analysis.encoder import available

    return available() if config.full is None else config.full


def labelled(corpus: Corpus, task: str) -> tuple[list[int], list[Any]]:
    """(row indices, labels) of the corpus rows labelled for a task."""
    values = getattr(corpus, task)
    rows = [i for i, v in enumerate(values) if v is not None]
    return rows, [values[i] for i in rows]


def fit_heads(
    corpus: Corpus, features: csr_matrix, config: TrainConfig
) -> tuple[dict[str, Head], dict[str, Any]]:
    """One head per task over the corpus rows labelled for it."""
    heads: dict[str, Head] = {}
    report: dict[str, Any] = {}
    for task in TASKS:
        rows, labels = labelled(corpus, task)
        # Thresholds are tuned on hand-labelled mentions only, not on the added negatives.
        tune_on = [corpora.hand_labelled(corpus.source[i]) for i in rows]
        head, chosen = fit_head(
            task, features[rows], labels, config.seed, config.heads[task], tune_on=tune_on
        )
        heads[task] = head
        report[task] = {"examples": len(rows), **chosen}
    return heads, report


def train_language(
    language: str, corpus: Corpus, config: TrainConfig, embeddings: np.ndarray | None = None
) -> tuple[LanguageModel, dict[str, Any]]:
    """Fit the shared features and one head per task on a corpus.

    With `embeddings` (the encoder's rows for `corpus.texts`), also fit the full heads.
    """
    vocabulary = Vocabulary.fit(corpus.texts)
    cues = CueExtractor()
    features = featurize(vocabulary, cues, corpus.texts)
    heads, report = fit_heads(corpus, features, config)
    report["features"] = features.shape[1]
    full_heads: dict[str, Head] = {}
    if embeddings is not None:
        full_heads, report["full"] = fit_heads(
            corpus, with_embeddings(features, embeddings), config
        )
    return LanguageModel(language, vocabulary, heads, cues, full_heads), report


def train(
    data_dir: Path,
    out_dir: Path,
    config: TrainConfig | None = None,
    corrections: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Train every language from `data_dir` (plus agents' corrections) into `out_dir`."""
    from sentinelle.analysis.artifacts import save_language_model, write_manifest

    config = config or TrainConfig()
    builders = {"en": corpora.english, "fr": corpora.french}
    out_dir.mkdir(parents=True, exist_ok=True)
    # Written to a scratch directory first, so a failed run leaves the old artifacts intact.
    with tempfile.TemporaryDirectory(dir=out_dir.parent) as scratch:
        scratch_dir = Path(scratch)
        entries: dict[str, Any] = {}
        reports: dict[str, Any] = {}
        added = 0
        for language, build in builders.items():
            corpus = build(data_dir)
            mine = [r for r in corrections or [] if r.get("lang") == language]
            added += add_corrections(corpus, mine)
            embeddings = None
            if wants_full(config):
                from sentinelle.analysis.encoder import encode

                embeddings = encode(corpus.texts)
            model, reports[language] = train_language(language, corpus, config, embeddings)
            entries[language] = save_language_model(model, scratch_dir)
        meta = {
            "seed": config.seed,
            "data_sha256": data_hash(data_dir),
            "corrections": added,
            "training": reports,
        }
        write_manifest(scratch_dir, entries, meta)
        for old in out_dir.glob("*.npz"):
            old.unlink()
        for path in scratch_dir.iterdir():
            shutil.move(str(path), out_dir / path.name)
    from sentinelle.analysis.artifacts import load_models

    load_models.cache_clear()
    return {"languages": sorted(entries), **meta}


def is_stale(data_dir: Path, out_dir: Path, seed: int = DEFAULT_SEED) -> bool:
    """Whether the artifacts must be retrained: missing, other code, data or seed."""
    from sentinelle.analysis.artifacts import read_manifest
    from sentinelle.analysis.types import ArtifactError

    try:
        manifest = read_manifest(out_dir)
    except ArtifactError:
        return True
    from sentinelle.analysis.encoder import encoder_version

    # Once the encoder is installed, artifacts without full heads (or with full heads from
    # another version) are stale; without it, full heads are merely unused.
    installed = encoder_version()
    trained = manifest.get("libraries", {}).get("encoder")
    return (
        manifest.get("data_sha256") != data_hash(data_dir)
        or manifest.get("seed") != seed
        or (installed is not None and trained != installed)
    )
