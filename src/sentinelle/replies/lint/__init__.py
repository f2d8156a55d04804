"""The reply linter: plain-language checks for French and English replies (pure Python)."""

from sentinelle.replies.lint.linter import CHECKS, lint
from sentinelle.replies.lint.types import (
    RULES,
    WEIGHTS,
    BrandTerm,
    Finding,
    LintContext,
    LintReport,
)

__all__ = [
    "CHECKS",
    "RULES",
    "WEIGHTS",
    "BrandTerm",
    "Finding",
    "LintContext",
    "LintReport",
    "lint",
]
