"""Context around two authors: what they write about and when they were active."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING

from sentinelle.cases.linking.wordlists import words
from sentinelle.core.text import fold

if TYPE_CHECKING:
    from sentinelle.cases.linking.records import AuthorRecord

WORD = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
# Links, addresses, phone and order numbers are compared as identifiers, not as words.
NOISE = re.compile(
    r"https?://\S+|[\w.+-]+@[\w.-]+|\b[a-z]{1,4}-\d{4,}\b|\b\d[\d\s.-]{5,}\d\b", re.IGNORECASE
)
CLOSE = timedelta(days=3)
NEAR = timedelta(days=14)


def _stem(word: str) -> str:
    # Crude on purpose: "freins"/"frein", "livrées"/"livrée" meet; a stemmer is not needed.
    return word.rstrip("sx")[:7]


def content_tokens(texts: list[str]) -> set[str]:
    """Stems of the telling words: products, places, parts ("s3", "frein", "laval")."""
    stop = words("stopwords")
    tokens: set[str] = set()
    for text in texts:
        for word in WORD.findall(fold(NOISE.sub(" ", text))):
            code = any(ch.isdigit() for ch in word)  # model codes such as "s3", "e-500"
            if (len(word) >= 5 or code) and word not in stop:
                tokens.add(_stem(word))
    return tokens


def shared_subject(a: AuthorRecord, b: AuthorRecord) -> list[str]:
    """The telling words both authors used, sorted."""
    return sorted(content_tokens(a.texts) & content_tokens(b.texts))


def gap(a: AuthorRecord, b: AuthorRecord) -> timedelta | None:
    """Time between the two authors' activity (zero when it overlaps), None when unknown."""
    a_first, a_last = a.first_seen or a.last_seen, a.last_seen or a.first_seen
    b_first, b_last = b.first_seen or b.last_seen, b.last_seen or b.first_seen
    if not (a_first and a_last and b_first and b_last):
        return None
    return max(timedelta(0), max(a_first, b_first) - min(a_last, b_last))
