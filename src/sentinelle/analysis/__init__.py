"""Sentinelle's analysis engine: a pure library (no Django, no other sentinelle package).

Heavy dependencies (numpy, scipy, scikit-learn, py3langid) load lazily, when a model loads.
"""

from sentinelle.analysis.settings import AnalysisSettings
from sentinelle.analysis.types import Analysis, AnalysisError, ArtifactError, PipelineError

__all__ = ["Analysis", "AnalysisError", "AnalysisSettings", "ArtifactError", "PipelineError"]
