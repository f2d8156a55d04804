"""Data location, corpora and signal metrics; tests that read the shared data skip without it."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from sentinelle.analysis.cli import model_train_command
from sentinelle.analysis.paths import data_dir
from sentinelle.analysis.training import corpora
from sentinelle.analysis.training.signal_eval import KINDS, signal_metrics
from sentinelle.analysis.types import AnalysisError

FIXTURES = Path(__file__).parent / "fixtures" / "signals.jsonl"


@pytest.fixture
def shared_data() -> Path:
    try:
        return data_dir()
    except AnalysisError:
        pytest.skip("the shared data directory is not available")


def test_missing_data_directory_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SENTINELLE_DATA_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(AnalysisError, match="SENTINELLE_DATA_DIR"):
        data_dir()


def test_signal_metrics_on_fixtures_only() -> None:
    metrics = signal_metrics(FIXTURES, None)
    assert set(metrics) == set(KINDS)
    for values in metrics.values():
        assert 0 <= values["fixtures_precision"] <= 100
        assert values["fixtures_support"] > 0


def test_corpora_read_the_shared_data(shared_data: Path) -> None:
    english = corpora.english(shared_data)
    assert english.complaint.count(1) == 1232
    assert {s for s in english.sentiment if s} == {"negative", "neutral", "positive"}
    french = corpora.french(shared_data, sentiment_splits=())
    labelled = [
        c for c, s in zip(french.complaint, french.source, strict=True) if s == "free-labelled"
    ]
    assert len(labelled) == 360 and sum(labelled) == 313  # type: ignore[arg-type]
    assert "free-brand" in french.source


def test_train_command_names_an_unreadable_corrections_file(tmp_path) -> None:
    app = typer.Typer()
    app.command()(model_train_command)
    result = CliRunner().invoke(app, ["--corrections", str(tmp_path / "missing.jsonl")])
    assert result.exit_code != 0
    assert "cannot read corrections" in result.output
