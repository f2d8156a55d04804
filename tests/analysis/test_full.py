"""The full pipeline: default features plus sentence-encoder columns, behind the `full` extra."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from sentinelle.analysis import encoder
from sentinelle.analysis.artifacts import load_models, save_language_model, write_manifest
from sentinelle.analysis.pipeline import build_pipeline
from sentinelle.analysis.settings import FULL_SETTINGS
from sentinelle.analysis.training.fit import HeadConfig
from sentinelle.analysis.training.train import TrainConfig, train_language
from sentinelle.analysis.types import OUTPUT_KEYS, AnalysisError, ArtifactError, PipelineError
from tests.analysis.conftest import line_id, load_lines
from tests.analysis.test_artifacts import tiny_corpus
from tests.analysis.test_contract import INPUTS

SMALL = HeadConfig(lr_grid=(1.0,), svm_grid=(0.1,), inner_folds=2)
COMPLAINTS = load_lines("complaints.jsonl")


def fake_encode(texts: list[str]) -> np.ndarray:
    """Deterministic stand-in for the encoder: a complaint direction plus hashed noise."""
    rows = []
    for text in texts:
        rng = np.random.default_rng(sum(map(ord, text)))
        row = rng.normal(size=encoder.DIM).astype(np.float32) * 0.01
        row[0] = 1.0 if any(w in text for w in ("broken", "refund", "worst", "never")) else 0.0
        rows.append(row)
    return np.vstack(rows) if rows else np.zeros((0, encoder.DIM), dtype=np.float32)


def trained_full(directory: Path) -> Path:
    corpus = tiny_corpus()
    config = TrainConfig(seed=3, heads=dict.fromkeys(("complaint", "severity", "sentiment"), SMALL))
    model, report = train_language("en", corpus, config, fake_encode(corpus.texts))
    assert set(report["full"]) == {"complaint", "severity", "sentiment"}
    directory.mkdir(parents=True, exist_ok=True)
    entry = save_language_model(model, directory)
    write_manifest(directory, {"en": entry}, {"seed": 3, "data_sha256": "test"})
    return directory


def test_full_heads_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(encoder, "encode", fake_encode)
    model = load_models(trained_full(tmp_path))["en"]
    assert set(model.full_heads) == {"complaint", "severity", "sentiment"}
    features = model.features(["still broken 9", "love it 9"], full=True)
    assert features.shape[1] == model.vocabulary.size + len(model.cues.names) + encoder.DIM
    complaint = model.full_heads["complaint"].predict_proba(features)[:, 1]
    assert complaint[0] > complaint[1]
    # The default heads still read the default features, unchanged by the full ones.
    default = model.features(["still broken 9", "love it 9"])
    assert default.shape[1] == features.shape[1] - encoder.DIM
    assert model.heads["complaint"].predict_proba(default).shape == (2, 2)


def test_full_head_of_the_wrong_width_asks_to_retrain(tmp_path: Path) -> None:
    directory = trained_full(tmp_path)
    manifest = json.loads((directory / "manifest.json").read_text())
    heads = manifest["languages"]["en"]
    heads["full_heads"] = heads["heads"]  # default-width arrays under the full names
    path = directory / "en.npz"
    with np.load(path) as arrays:
        renamed = {k: arrays[k] for k in arrays.files if not k.startswith("full.")}
    renamed |= {f"full.{k}": v for k, v in renamed.items() if k.count(".") == 2}
    np.savez_compressed(path, **renamed)
    from sentinelle.analysis.artifacts import sha256_file

    heads["sha256"] = sha256_file(path)
    (directory / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(ArtifactError, match="wrong size"):
        load_models(directory)


def test_unknown_encoder_is_rejected() -> None:
    with pytest.raises(PipelineError, match="unknown encoder 'bert'"):
        build_pipeline({"encoder": "bert"})


def test_full_pipeline_without_the_extra_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(encoder, "encoder_version", lambda: None)
    with pytest.raises(AnalysisError, match=r"sentinelle\[full\]|full-pipeline heads"):
        build_pipeline(FULL_SETTINGS)


@pytest.fixture(scope="module")
def full_pipeline() -> Any:
    if not encoder.available():
        pytest.skip("the `full` extra (sentence encoder) is not installed")
    return build_pipeline(FULL_SETTINGS)


@pytest.mark.parametrize("line", COMPLAINTS, ids=line_id)
def test_full_pipeline_on_clear_cases(line: dict[str, Any], full_pipeline: Any) -> None:
    analysis = full_pipeline.analyze_text(line["text"], lang=line["lang"])
    assert analysis.complaint is line["complaint"], (line["why"], analysis.complaint_score)
    assert tuple(analysis.to_dict()) == OUTPUT_KEYS


def test_full_pipeline_on_the_contract_inputs(full_pipeline: Any) -> None:
    texts = list(INPUTS.values())
    together = full_pipeline.analyze_batch([{"id": i, "text": t} for i, t in enumerate(texts)])
    singles = [full_pipeline.analyze_text(t) for t in texts]
    for a, b in zip(together, singles, strict=True):
        assert (a.complaint, a.severity, a.sentiment) == (b.complaint, b.severity, b.sentiment)
        assert a.complaint_score == pytest.approx(b.complaint_score, abs=1e-3)
        for score in (a.complaint_score, a.sentiment_score):
            assert score is None or 0.0 <= score <= 1.0


def test_installing_the_encoder_makes_artifacts_without_full_heads_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sentinelle.analysis.training import train as training
    from sentinelle.analysis.training.data import data_hash

    directory = tmp_path / "models"
    directory.mkdir()
    entry = save_language_model(load_models(trained_full(tmp_path / "src"))["en"], directory)
    write_manifest(directory, {"en": entry}, {"seed": 3, "data_sha256": data_hash(tmp_path)})
    manifest = json.loads((directory / "manifest.json").read_text())
    manifest["libraries"]["encoder"] = "none"  # trained without the extra
    (directory / "manifest.json").write_text(json.dumps(manifest))
    monkeypatch.setattr(encoder, "encoder_version", lambda: None)
    assert not training.is_stale(tmp_path, directory, seed=3)
    monkeypatch.setattr(encoder, "encoder_version", lambda: f"{encoder.PACKAGE}==9.9")
    assert training.is_stale(tmp_path, directory, seed=3)
