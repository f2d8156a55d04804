"""Copy-paste: the same reply already sent to several customers."""

from __future__ import annotations

import re
from functools import lru_cache

from sentinelle.replies.lint.rules.base import Doc, Messages
from sentinelle.replies.lint.text import fold
from sentinelle.replies.lint.types import Finding

MESSAGES: Messages = {
    "fr": (
        "Réponse copiée-collée : elle a déjà été envoyée à plusieurs clients, qui se "
        "comparent en public.",
        "Gardez la même position, mais reprenez les mots du client, son cas précis et un "
        "délai qui lui est propre.",
    ),
    "en": (
        "Copy-paste reply: several customers already got it word for word, and they compare "
        "notes in public.",
        "Keep the same position, but use the customer's own words, their specific case and a "
        "deadline of their own.",
    ),
}
MIN_COPIES = 3
SIMILARITY = 0.6
REFERENCE = re.compile(r"\b[A-Z]{1,5}-[\w-]*\d[\w-]*\b|#\w+|@\w+")
NAME = re.compile(r"(?<=[^.!?\n] )[A-ZÀ-Ý][a-zà-ÿ]+(?:[- ][A-ZÀ-Ý][a-zà-ÿ]+)*")
NUMBER = re.compile(r"\d+(?:[.,:h]\d+)*")


@lru_cache(maxsize=4096)
def shingles(text: str) -> frozenset[tuple[str, ...]]:
    """Word 3-grams after replacing references, names and numbers by placeholders."""
    text = REFERENCE.sub(" ref ", text)
    text = NAME.sub(" name ", text)
    text = NUMBER.sub(" 0 ", text)
    tokens = re.findall(r"\w+", fold(text))
    greeting_skip = 2 if tokens[:1] in (["bonjour"], ["hello"], ["hi"], ["dear"]) else 0
    tokens = tokens[greeting_skip:]
    return frozenset(zip(tokens, tokens[1:], tokens[2:], strict=False))


def similarity(a: frozenset[tuple[str, ...]], b: frozenset[tuple[str, ...]]) -> float:
    """Jaccard similarity of two shingle sets."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def check(doc: Doc) -> list[Finding]:
    """Fires when at least three previous replies are near-duplicates of this one."""
    previous = doc.context.previous_replies
    if len(previous) < MIN_COPIES or len(doc.text) > 5000:
        return []
    mine = shingles(doc.text)
    if len(mine) < 5:  # "Merci !" twice is not a form letter.
        return []
    copies = sum(1 for old in previous if similarity(mine, shingles(old)) >= SIMILARITY)
    if copies < MIN_COPIES:
        return []
    return [doc.finding("copy_paste", 0, len(doc.text), MESSAGES)]
