"""Hard to read: over-long sentences, low Kandel & Moles (French) or Flesch (English) scores."""

from __future__ import annotations

from sentinelle.replies.lint.rules.base import Doc, Messages
from sentinelle.replies.lint.text import syllables, words
from sentinelle.replies.lint.types import Finding

MESSAGES: Messages = {
    "fr": (
        "Phrase longue et complexe : on la relit deux fois, et un client en colère ne la lira "
        "pas jusqu'au bout.",
        "Coupez en phrases de 15 à 20 mots, avec des mots courants : une idée par phrase.",
    ),
    "en": (
        "Long, complex sentence: it takes two reads, and an angry customer won't finish it.",
        "Split it into sentences of 15–20 words with everyday words: one idea per sentence.",
    ),
}
MAX_WORDS = 35
# A sentence needs this many words before its score means anything.
MIN_WORDS_SCORED = 10
# One sentence's score is noisy, so only the extreme end counts: below 10 (both scales run
# 0–100, higher = easier; under 30 is "very difficult") it reads like an insurance contract.
MIN_EASE = 10.0


def ease(sentence_words: list[str], lang: str) -> float:
    """Kandel & Moles (fr) or Flesch reading ease (en) of one sentence."""
    count = len(sentence_words) or 1
    per_word = sum(syllables(w, lang) for w in sentence_words) / count
    if lang == "fr":
        return 207.0 - 1.015 * count - 73.6 * per_word
    return 206.835 - 1.015 * count - 84.6 * per_word


def check(doc: Doc) -> list[Finding]:
    """Each sentence over 35 words, or of 10+ words with a very low reading-ease score."""
    found: list[Finding] = []
    for sent in doc.sents:
        found_words = words(sent.text)
        too_long = len(found_words) > MAX_WORDS
        too_hard = len(found_words) >= MIN_WORDS_SCORED and ease(found_words, doc.lang) < MIN_EASE
        if too_long or too_hard:
            found.append(doc.finding("hard_to_read", sent.start, sent.end, MESSAGES))
    return found
