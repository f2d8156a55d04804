"""Shared fixtures of the analysis tests: labelled lines and a loaded default pipeline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sentinelle.analysis.pipeline import Pipeline, build_pipeline

FIXTURES = Path(__file__).parent / "fixtures"


def load_lines(name: str) -> list[dict[str, Any]]:
    """The labelled lines of a fixture file (JSON Lines, each with a `why`)."""
    with (FIXTURES / name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def line_id(line: dict[str, Any]) -> str:
    return str(line["text"])[:40] or "<empty>"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return build_pipeline()
