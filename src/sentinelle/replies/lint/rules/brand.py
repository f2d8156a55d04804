"""The brand's own banned phrases, matched without regard to case or accents."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from sentinelle.replies.lint.rules.base import Doc
from sentinelle.replies.lint.text import fold, fold_with_offsets
from sentinelle.replies.lint.types import BrandTerm, Finding

DEFAULT_SUGGESTION = {
    "fr": "Reformulez sans cette expression, que la marque a choisi d'éviter.",
    "en": "Rephrase without this expression, which the brand has chosen to avoid.",
}


def as_term(term: BrandTerm | Mapping[str, Any]) -> BrandTerm:
    """Accept a BrandTerm or a {phrase, message, suggestion?} mapping (from JSON or the UI)."""
    if isinstance(term, BrandTerm):
        return term
    return BrandTerm(
        str(term["phrase"]), str(term.get("message", "")), str(term.get("suggestion", ""))
    )


def check(doc: Doc) -> list[Finding]:
    """Every occurrence of every brand term."""
    terms = [as_term(t) for t in doc.context.brand_terms]
    if not terms:
        return []
    folded, offsets = fold_with_offsets(doc.text)
    found: list[Finding] = []
    for term in terms:
        words = fold(term.phrase).split()
        if not words:
            continue
        # Inflected forms count too: "rassuré" bans "rassurée", "inconvenience" "inconveniences".
        body = r"\s+".join(re.escape(w) + r"(?:e|s|es|x)?" for w in words)
        regex = re.compile(r"(?<!\w)" + body + r"(?!\w)")
        for match in regex.finditer(folded):
            start, end = offsets[match.start()], offsets[match.end() - 1] + 1
            default = DEFAULT_SUGGESTION.get(doc.lang, DEFAULT_SUGGESTION["en"])
            suggestion = term.suggestion or default
            message = term.message or suggestion
            found.append(Finding("brand_terms", start, end, message, suggestion))
    return sorted(found, key=lambda f: f.start)
