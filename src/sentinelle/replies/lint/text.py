"""Text helpers shared by the rules: language guess, sentences, words, syllables, negation."""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).parent / "data"


def wordlist(name: str) -> frozenset[str]:
    """A word list shipped in data/<name>.txt (whitespace-separated, # comment lines)."""
    text = (DATA / f"{name}.txt").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    return frozenset(word for line in lines for word in line.split())


WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
FR_HINTS = wordlist("hints_fr")
EN_HINTS = wordlist("hints_en")
# Sentence ends: . ! ? … and line breaks; decimals ("2.1.2") and "n°" are not ends.
SENTENCE_END = re.compile(r"(?<!\d)[.!?…]+(?=\s|$)|[.!?…]+(?=\s+[A-ZÀ-Ý])|\n+")
NEGATION = re.compile(
    r"\b(?:ne|n['’]|pas|jamais|aucun(?:e)?|sans|ni|not|never|no|n['’]t|won['’]t|don['’]t|"
    r"doesn['’]t|wouldn['’]t|without)\b|n['’]t\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence with its span in the reply."""

    start: int
    end: int
    text: str


def detect_lang(text: str) -> str:
    """'fr' or 'en' from function words; ties and empty texts fall back to 'fr' then 'en'."""
    fr = en = 0
    for word in WORD.findall(text[:4000].lower()):
        word = word.replace("’", "'").split("'")[-1]
        fr += word in FR_HINTS
        en += word in EN_HINTS
    if fr == en == 0:
        return "en" if re.search(r"\b(?:hi|hello|thanks)\b", text, re.I) else "fr"
    return "fr" if fr >= en else "en"


def sentences(text: str) -> list[Sentence]:
    """Sentences with spans; whitespace is trimmed off each span."""
    found: list[Sentence] = []
    pos = 0
    for match in SENTENCE_END.finditer(text):
        _add(found, text, pos, match.end())
        pos = match.end()
    _add(found, text, pos, len(text))
    return found


def _add(found: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        found.append(Sentence(start + lead, start + lead + len(stripped), stripped))


def words(text: str) -> list[str]:
    """Alphabetic words (apostrophes and hyphens kept inside)."""
    return WORD.findall(text)


def fold(text: str) -> str:
    """Lowercase without accents, typographic apostrophes made plain."""
    text = unicodedata.normalize("NFKD", text.lower().replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c))


VOWELS_FR = re.compile(r"[aeiouyàâäéèêëîïôöùûüœæ]+", re.IGNORECASE)
VOWELS_EN = re.compile(r"[aeiouy]+", re.IGNORECASE)


def syllables(word: str, lang: str) -> int:
    """Vowel groups, less the silent endings of each language; at least one."""
    low = word.lower()
    if lang == "fr":
        count = len(VOWELS_FR.findall(low))
        # Silent final "e", "es" and verb "ent" after a consonant.
        if len(low) > 3 and re.search(r"[^aeiouyé](?:e|es|ent)$", low):
            count -= 1
        return max(1, count)
    count = len(VOWELS_EN.findall(low))
    if len(low) > 2 and low.endswith("e") and not low.endswith(("le", "ee")):
        count -= 1
    if re.search(r"[^aeiouy]ed$", low) and not low.endswith(("ted", "ded")):
        count -= 1
    return max(1, count)


def sentence_at(sents: list[Sentence], pos: int) -> Sentence | None:
    """The sentence that holds character `pos`."""
    index = bisect.bisect_right([s.start for s in sents], pos) - 1
    if index >= 0 and pos < sents[index].end:
        return sents[index]
    return None


def negated(text: str, start: int, window: int = 45) -> bool:
    """Whether a negation precedes `start` within the same clause (no sentence end between)."""
    before = text[max(0, start - window) : start]
    before = re.split(r"[.!?;:,\n]|\bmais\b|\bbut\b", before)[-1]
    return bool(NEGATION.search(before))


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """`fold(text)` plus, for each folded character, its index in `text` (spans survive)."""
    out: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        piece = fold(char)
        out.append(piece)
        offsets.extend([index] * len(piece))
    return "".join(out), offsets
