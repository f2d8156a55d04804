"""Findings, the lint context and the report with its 0–100 score."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

RULES: tuple[str, ...] = (
    "legalese",
    "hollow",
    "no_acknowledgement",
    "no_named_person",
    "no_next_step",
    "blames_customer",
    "asks_removal",
    "personal_data",
    "hard_to_read",
    "copy_paste",
    "brand_terms",
)

# Points taken off 100: (first finding, each further finding, cap for the rule).
# What can blow a case up in public weighs most (asking for removal, blaming, leaking data),
# then what makes a reply a form letter (hollow, legalese, no step, no acknowledgement),
# then style (signature, readability).
WEIGHTS: dict[str, tuple[int, int, int]] = {
    "asks_removal": (30, 0, 30),
    "personal_data": (30, 5, 40),
    "blames_customer": (25, 5, 35),
    "hollow": (20, 5, 30),
    "legalese": (15, 5, 25),
    "no_next_step": (15, 0, 15),
    "no_acknowledgement": (15, 0, 15),
    "copy_paste": (15, 0, 15),
    "no_named_person": (10, 0, 10),
    "brand_terms": (10, 5, 20),
    "hard_to_read": (8, 4, 16),
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: which rule, where (character span), why it hurts, what to write instead."""

    rule: str
    start: int
    end: int
    message: str
    suggestion: str

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class BrandTerm:
    """A phrase a brand bans from its replies, with the reason shown to the agent."""

    phrase: str
    message: str
    suggestion: str = ""


@dataclass(frozen=True, slots=True)
class LintContext:
    """What the linter may know besides the reply itself; every field is optional."""

    complaint: str | None = None
    customer_name: str | None = None
    public: bool = False
    brand_terms: Sequence[BrandTerm] = ()
    previous_replies: Sequence[str] = ()


@dataclass(slots=True)
class LintReport:
    """Every finding for one reply, its language and a 0–100 score (100 = nothing to fix)."""

    lang: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def rules(self) -> set[str]:
        """The rules that fired."""
        return {f.rule for f in self.findings}

    @property
    def score(self) -> int:
        """100 minus each rule's weight (see WEIGHTS), never below 0."""
        penalty = 0
        for rule in RULES:
            count = sum(1 for f in self.findings if f.rule == rule)
            if count:
                first, extra, cap = WEIGHTS[rule]
                penalty += min(cap, first + extra * (count - 1))
        return max(0, 100 - penalty)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict: lang, score, findings."""
        return {
            "lang": self.lang,
            "score": self.score,
            "findings": [f.to_dict() for f in self.findings],
        }
