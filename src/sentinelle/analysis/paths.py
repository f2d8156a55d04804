"""Where the shipped artifacts and the shared training data live."""

from __future__ import annotations

import os
from pathlib import Path

from sentinelle.analysis.types import AnalysisError

PACKAGE_DIR = Path(__file__).resolve().parent
ARTIFACTS_DIR = PACKAGE_DIR / "artifacts"
# src/sentinelle/analysis → src/sentinelle → src → repository root
REPO_ROOT = PACKAGE_DIR.parents[2]


def data_dir(*, must_exist: bool = True) -> Path:
    """The shared data directory: $SENTINELLE_DATA_DIR or <repo root>/../shared/data."""
    path = Path(os.environ.get("SENTINELLE_DATA_DIR", REPO_ROOT.parent / "shared" / "data"))
    if must_exist and not path.is_dir():
        raise AnalysisError(
            f"training data not found at {path}; set SENTINELLE_DATA_DIR to the directory "
            "holding complaints-en/, complaints-fr/ and sentiment-xlmt/"
        )
    return path
