"""Building the pipeline from settings, and checking its order at start-up."""

from __future__ import annotations

import pytest

from sentinelle.analysis.pipeline import build_pipeline, check_order
from sentinelle.analysis.registry import get_analyzer_class
from sentinelle.analysis.settings import AnalysisSettings
from sentinelle.analysis.types import PipelineError


def test_default_order_is_valid_and_documented() -> None:
    assert AnalysisSettings().analyzers == (
        "language",
        "signals",
        "complaint",
        "severity",
        "sentiment",
        "topic",
        "pii",
    )
    check_order([get_analyzer_class(name) for name in AnalysisSettings().analyzers])


def test_requirement_not_met_is_a_clear_error() -> None:
    with pytest.raises(PipelineError, match=r"'severity' requires complaint"):
        build_pipeline({"analyzers": ["language", "signals", "severity", "complaint"]})


def test_unknown_analyzer_and_setting_are_rejected() -> None:
    with pytest.raises(PipelineError, match="unknown analyzer 'sarcasm'"):
        build_pipeline({"analyzers": ["language", "sarcasm"]})
    with pytest.raises(PipelineError, match="unknown analysis setting"):
        build_pipeline({"analysers": ["language"]})


def test_duplicate_analyzer_is_rejected() -> None:
    with pytest.raises(PipelineError, match="twice"):
        build_pipeline({"analyzers": ["signals", "signals"]})


def test_rule_only_pipeline_needs_no_model() -> None:
    pipeline = build_pipeline({"analyzers": ["language", "signals", "topic", "pii"]})
    (analysis,) = pipeline.analyze_batch([{"id": 7, "text": "Mon avocat vous écrira."}])
    assert analysis.id == "7"
    assert analysis.language == "fr"
    assert analysis.complaint is None
    assert [s["target"] for s in analysis.signals] == ["legal"]


def test_importing_the_library_loads_no_heavy_module() -> None:
    import subprocess
    import sys

    code = (
        "import sys, sentinelle.analysis, sentinelle.analysis.pipeline, "
        "sentinelle.analysis.cli; "
        "print(','.join(m for m in ('numpy', 'scipy', 'sklearn', 'py3langid', 'django') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
