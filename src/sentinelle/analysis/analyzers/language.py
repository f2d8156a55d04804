"""Language of a mention: fr / en, another ISO 639-1 code, or "und" when unsure."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar, Self

from sentinelle.analysis.registry import Analyzer
from sentinelle.analysis.text import without_markup

if TYPE_CHECKING:
    from sentinelle.analysis.settings import AnalysisSettings
    from sentinelle.analysis.types import Analysis

# Languages py3langid may answer; a broad set so that Spanish or German text is marked
# as such instead of being forced into fr/en, but not all 97, which would turn short
# French or English posts into Catalan or Latin.
CANDIDATES: tuple[str, ...] = (
    "fr",
    "en",
    "es",
    "de",
    "it",
    "pt",
    "nl",
    "ar",
    "ru",
    "tr",
    "pl",
    "ja",
    "zh",
    "ko",
    "sv",
    "da",
    "no",
    "ro",
    "id",
    "hi",
    "el",
    "uk",
    "vi",
    "th",
    "he",
    "fa",
)
FR_WORDS = frozenset(
    {
        "le",
        "la",
        "les",
        "des",
        "du",
        "est",
        "pas",
        "je",
        "j",
        "c",
        "ça",
        "ca",
        "et",
        "un",
        "une",
        "pour",
        "avec",
        "mon",
        "ma",
        "mes",
        "vous",
        "nous",
        "on",
        "qui",
        "que",
        "quoi",
        "mais",
        "plus",
        "depuis",
        "chez",
        "toujours",
        "rien",
        "encore",
        "votre",
        "vos",
        "suis",
        "très",
        "tres",
        "sans",
        "dans",
        "sur",
        "au",
        "aux",
        "ce",
        "cette",
        "il",
        "elle",
        "ils",
        "y",
        "a",
        "ne",
        "n",
        "qu",
        "d",
        "l",
        "m",
        "t",
        "s",
        "merci",
        "bonjour",
    }
)
EN_WORDS = frozenset(
    {
        "the",
        "is",
        "are",
        "was",
        "my",
        "i",
        "you",
        "your",
        "and",
        "to",
        "of",
        "not",
        "it",
        "for",
        "with",
        "this",
        "what",
        "why",
        "have",
        "has",
        "been",
        "no",
        "on",
        "at",
        "be",
        "can",
        "just",
        "do",
        "does",
        "don't",
        "dont",
        "i'm",
        "im",
        "me",
        "we",
        "they",
        "get",
        "got",
        "still",
        "thanks",
        "hi",
        "hello",
        "please",
        "an",
        "from",
        "will",
        "would",
    }
)
WORD_RE = re.compile(r"[^\W\d_]+")
MIN_LETTERS = 3
LANGID_CHARS = 400  # py3langid walks bytes in Python: the start of a post is enough
# Function words that Spanish, Italian, Portuguese or German do not share.
FR_ONLY = frozenset(
    {
        "je",
        "est",
        "pas",
        "vous",
        "ça",
        "avec",
        "pour",
        "dans",
        "nous",
        "suis",
        "être",
        "depuis",
        "toujours",
        "chez",
        "votre",
        "vos",
        "sont",
        "les",
        "qui",
        "sur",
        "aux",
        "cette",
        "elle",
        "ils",
        "mon",
        "mes",
        "merci",
        "bonjour",
        "très",
        "tout",
        "rien",
        "encore",
        "été",
        "fait",
        "faire",
        "quand",
        "comme",
        "peut",
        "c",
        "j",
        "qu",
        "ai",
    }
)
EN_ONLY = frozenset(
    {
        "the",
        "and",
        "is",
        "my",
        "you",
        "your",
        "it",
        "this",
        "with",
        "for",
        "have",
        "not",
        "what",
        "was",
        "are",
        "can",
        "just",
        "been",
        "get",
        "to",
        "of",
        "that",
        "we",
        "they",
        "there",
        "their",
        "has",
        "had",
        "did",
        "got",
        "why",
        "how",
        "when",
        "please",
        "thanks",
        "still",
        "now",
        "from",
        "our",
        "will",
        "would",
    }
)


class LanguageDetector(Analyzer):
    """py3langid over a restricted set of languages, with function-word rules for short text."""

    name: ClassVar[str] = "language"
    requires: ClassVar[frozenset[str]] = frozenset({"text"})
    assigns: ClassVar[frozenset[str]] = frozenset({"language"})

    def __init__(self, identifier: Any, languages: tuple[str, ...]) -> None:
        self.identifier = identifier
        self.languages = languages

    @classmethod
    def from_settings(cls, settings: AnalysisSettings) -> Self:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        identifier.set_languages(sorted(set(CANDIDATES) | set(settings.languages)))
        return cls(identifier, settings.languages)

    def analyze_batch(self, analyses: list[Analysis]) -> list[Analysis]:
        for analysis in analyses:
            analysis.language, reason = self.detect(analysis.text, analysis.lang_hint)
            analysis.reasons["language"] = [reason]
        return analyses

    def detect(self, text: str, hint: str | None = None) -> tuple[str, str]:
        """(language, reason) for one text."""
        primary = (hint or "").replace("_", "-").split("-")[0]  # "fr-CA" → "fr"
        if re.fullmatch(r"[a-z]{2}", primary):
            return primary, f"given by the source: {hint}"
        words_text = without_markup(text[:2000])
        words = WORD_RE.findall(words_text.lower())
        if sum(map(len, words)) < MIN_LETTERS:
            return "und", "too few letters to tell"
        fr_hits = sum(w in FR_WORDS for w in words)
        en_hits = sum(w in EN_WORDS for w in words)
        # Two distinct words only French (or only English) uses settle it without langid.
        fr_only, en_only = len(FR_ONLY.intersection(words)), len(EN_ONLY.intersection(words))
        if fr_only >= 2 and en_only == 0 and "fr" in self.languages:
            return "fr", f"{fr_only} words only French uses"
        if en_only >= 2 and fr_only == 0 and "en" in self.languages:
            return "en", f"{en_only} words only English uses"
        ranked = self.identifier.rank(words_text[:LANGID_CHARS])
        top, prob = ranked[0]
        probs = dict(ranked)
        if top in self.languages and prob >= 0.5:
            return top, f"py3langid {top} {prob:.2f}"
        few_hints = 2 * (fr_hits + en_hits) < len(words)
        if top not in ("fr", "en") and prob >= 0.8 and len(words) >= 3 and few_hints:
            return top, f"py3langid {top} {prob:.2f} (not analysed)"
        # Short or ambiguous text: function words decide between French and English.
        if fr_hits >= 2 and fr_hits >= 2 * en_hits and "fr" in self.languages:
            return "fr", f"{fr_hits} French function words"
        if en_hits >= 2 and en_hits >= 2 * fr_hits and "en" in self.languages:
            return "en", f"{en_hits} English function words"
        best = max(self.languages, key=lambda lang: probs.get(lang, 0.0))
        if probs.get(best, 0.0) >= 0.35 and (fr_hits + en_hits) > 0:
            return best, f"py3langid {best} {probs[best]:.2f}, with function words"
        return "und", f"unsure (py3langid {top} {prob:.2f})"
