"""Which authors are one customer: a pure-Python linker (no Django), with reasons.

Strong evidence (same e-mail, phone, order or account number, same account, a distinctive
handle, a profile link the author claims) links automatically; names and context only
suggest a link to an agent.
"""

from sentinelle.cases.linking.grouping import Grouping, group_authors
from sentinelle.cases.linking.identifiers import Identifier, identifiers_of
from sentinelle.cases.linking.records import (
    AuthorRecord,
    Evidence,
    Group,
    LinkDecision,
    Suggestion,
)
from sentinelle.cases.linking.scoring import collect_evidence, score_pair

__all__ = [
    "AuthorRecord",
    "Evidence",
    "Group",
    "Grouping",
    "Identifier",
    "LinkDecision",
    "Suggestion",
    "collect_evidence",
    "group_authors",
    "identifiers_of",
    "score_pair",
]
