"""Artifacts: round trip, determinism, and a clear retrain error on any mismatch."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from sentinelle.analysis.artifacts import load_models, save_language_model, write_manifest
from sentinelle.analysis.paths import ARTIFACTS_DIR
from sentinelle.analysis.pipeline import build_pipeline
from sentinelle.analysis.training.data import Corpus
from sentinelle.analysis.training.fit import HeadConfig
from sentinelle.analysis.training.train import TrainConfig, train_language
from sentinelle.analysis.types import ArtifactError

RETRAIN = "retrain with `sentinelle model train`"
SMALL = HeadConfig(lr_grid=(1.0,), svm_grid=(0.1,), inner_folds=2)


def tiny_corpus() -> Corpus:
    corpus = Corpus()
    bad = ["still broken", "no refund yet", "worst service", "never arrived", "you overcharged"]
    good = ["thanks a lot", "love it", "great job", "happy birthday", "nice weather today"]
    for i in range(4):
        for text in bad:
            corpus.add(f"{text} {i}", "t", complaint=1, severity=1 + i % 4, sentiment="negative")
        for text in good:
            corpus.add(
                f"{text} {i}", "t", complaint=0, sentiment="positive" if i % 2 else "neutral"
            )
    return corpus


def trained(tmp_path: Path) -> Path:
    config = TrainConfig(seed=3, heads=dict.fromkeys(("complaint", "severity", "sentiment"), SMALL))
    tmp_path.mkdir(parents=True, exist_ok=True)
    model, _ = train_language("en", tiny_corpus(), config)
    entry = save_language_model(model, tmp_path)
    write_manifest(tmp_path, {"en": entry}, {"seed": 3, "data_sha256": "test"})
    return tmp_path


def test_round_trip_and_determinism(tmp_path: Path) -> None:
    first = trained(tmp_path / "a")
    second = trained(tmp_path / "b")
    assert (first / "en.npz").read_bytes() == (second / "en.npz").read_bytes()
    model = load_models(first)["en"]
    features = model.features(["still broken 9", "love it 9"])
    complaint = model.heads["complaint"].predict_proba(features)[:, 1]
    assert complaint[0] > complaint[1]
    assert np.allclose(model.heads["sentiment"].predict_proba(features).sum(axis=1), 1.0)


def test_shipped_manifest_records_provenance() -> None:
    manifest = json.loads((ARTIFACTS_DIR / "manifest.json").read_text())
    for key in ("format_version", "features_version", "libraries", "data_sha256", "seed"):
        assert key in manifest
    assert set(manifest["languages"]) == {"en", "fr"}
    total = sum(p.stat().st_size for p in ARTIFACTS_DIR.iterdir())
    assert total < 20 * 2**20


@pytest.mark.parametrize(
    ("key", "value"), [("format_version", 999), ("features_version", "2"), ("cues_version", None)]
)
def test_mismatched_manifest_asks_to_retrain(tmp_path: Path, key: str, value: object) -> None:
    directory = trained(tmp_path)
    manifest = json.loads((directory / "manifest.json").read_text())
    manifest[key] = value
    (directory / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(ArtifactError, match=RETRAIN):
        load_models(directory)


def test_tampered_weights_ask_to_retrain(tmp_path: Path) -> None:
    directory = trained(tmp_path)
    path = directory / "en.npz"
    path.write_bytes(path.read_bytes()[:-10] + b"0123456789")
    with pytest.raises(ArtifactError, match="checksum.*" + RETRAIN):
        load_models(directory)


@pytest.mark.parametrize("content", ["", "{not json", "[]", '{"format_version": 1}'])
def test_broken_manifest_asks_to_retrain(tmp_path: Path, content: str) -> None:
    directory = trained(tmp_path)
    (directory / "manifest.json").write_text(content)
    with pytest.raises(ArtifactError, match=RETRAIN):
        load_models(directory)


def test_missing_artifacts_fail_at_build_time(tmp_path: Path) -> None:
    with pytest.raises(ArtifactError, match=RETRAIN):
        build_pipeline({"artifacts_dir": tmp_path})


def test_missing_weights_file(tmp_path: Path) -> None:
    directory = trained(tmp_path)
    shutil.move(directory / "en.npz", tmp_path / "elsewhere.npz")
    with pytest.raises(ArtifactError, match="missing model file"):
        load_models(directory)
