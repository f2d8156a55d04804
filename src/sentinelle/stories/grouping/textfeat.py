"""What a mention's text contributes as evidence: terms, references, links and a SimHash."""

from __future__ import annotations

import html
import re
import unicodedata
import zlib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import pairwise

from sentinelle.stories.grouping.records import MentionRecord
from sentinelle.stories.grouping.urls import canonical_url, extract_urls, page_of

_TAG = re.compile(r"<[^>]+>")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_WORD = re.compile(r"\w+", re.UNICODE)
_MENTION = re.compile(r"@[\w.@-]+")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# Product and model names: runs of capitalised or digit-bearing words ("Bastion U", "E-City 500").
_NAME_WORD = r"(?:[A-ZÀ-Ý][\w'’+-]*|\d[\w+-]*)"
_NAME_RUN = re.compile(rf"\b{_NAME_WORD}(?:[ -]{_NAME_WORD})+")
# Order, ticket and case numbers ("VN-482913", "CASE-20931"): one customer's one trouble.
_REF = re.compile(r"\b[A-Z]{2,5}-?\d{5,}\b")
STEM = 6  # a shared prefix stem also matches French and English cognates (batterie, battery)
# Inflections stripped before the prefix is cut, longest first (fumée, fumer, smoked → fum).
_SUFFIXES = ("ements", "ement", "ings", "ing", "ees", "ee", "es", "ed", "er", "ez", "e", "s")
SHINGLE = 3
MIN_DUP_WORDS = 7  # shorter texts ("ok", "me too") repeat everywhere and prove nothing


@cache
def stopwords() -> frozenset[str]:
    text = resources.files(__package__).joinpath("data/stopwords.txt").read_text("utf-8")
    return frozenset(
        w for line in text.splitlines() if not line.startswith("#") for w in line.split()
    )


@dataclass(frozen=True, slots=True)
class Features:
    """Terms with their weights, references, links, the page commented on and the SimHash."""

    terms: dict[str, float]
    links: tuple[str, ...]
    simhash: int | None
    refs: tuple[str, ...] = ()
    page: str | None = None
    own: str | None = None  # the mention's own link, canonical


def clean(text: str) -> str:
    """Plain text of a possibly HTML body."""
    if "<" in text:
        text = _TAG.sub(" ", text)
    return html.unescape(text) if "&" in text else text


@cache
def stem(word: str) -> str:
    """A light French and English stem of a folded word: inflection off, then a 6-letter prefix."""
    if len(word) >= 4 and not word.isdigit():
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)]
                break
    return word[:STEM]


def fold(text: str) -> str:
    """Lower case without accents (``core.text.fold``, with a regex in place of a char loop)."""
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text.casefold()))


def _words(text: str) -> list[str]:
    """Folded words of a text without its links and @handles."""
    return _WORD.findall(fold(_MENTION.sub(" ", _URL.sub(" ", text))))


def terms_of(text: str, words: list[str] | None = None) -> dict[str, float]:
    """Content words (folded, stemmed) with weight 1, product and model names as one term more."""
    stop = stopwords()
    terms: dict[str, float] = {}
    for word in _words(text) if words is None else words:
        if word in stop or len(word) < 2 or (word.isdigit() and len(word) < 3) or "_" in word:
            continue
        terms[stem(word)] = 1.0
    for run in _NAME_RUN.findall(_MENTION.sub(" ", _URL.sub(" ", text))):
        # Each pair of neighbouring name words is a term: "Bastion U Vélonova" and "Bastion U
        # de Vélonova" both name "Bastion U", whatever the brand name next to it.
        named = ["-".join(_WORD.findall(fold(w))) for w in run.replace("-", " ").split(" ")]
        named = [w for w in named if w and w not in stop]
        for a, b in pairwise(named):
            terms[f"={a}_{b}"] = 1.0
    return terms


def refs_of(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(m.upper().replace("-", "") for m in _REF.findall(text)))


def shingle_hashes(text: str, words: list[str] | None = None) -> list[int]:
    """64-bit hashes of the word 3-shingles of the folded text without links or @handles."""
    words = _words(text) if words is None else words
    if len(words) < MIN_DUP_WORDS:
        return []
    out = []
    for i in range(len(words) - SHINGLE + 1):
        data = " ".join(words[i : i + SHINGLE]).encode()
        out.append(zlib.crc32(data) | zlib.crc32(data, 0x9E3779B9) << 32)
    return out


def simhash(hashes: list[int]) -> int | None:
    """Charikar's SimHash of the shingle hashes (numpy does the 64 bit-columns at once)."""
    if not hashes:
        return None
    import numpy as np

    bits = np.unpackbits(np.array(hashes, dtype="<u8").view(np.uint8).reshape(-1, 8), axis=1)
    ones = bits.sum(axis=0, dtype=np.int32)
    return int.from_bytes(np.packbits(ones * 2 > len(hashes)).tobytes(), "big")


def features(record: MentionRecord) -> Features:
    body = clean(record.text)
    full = f"{record.title}\n{body}" if record.title else body
    words = _words(body)
    own = canonical_url(record.url) if record.url else None
    page = page_of(record.url) if record.url else None
    return Features(
        terms_of(full, _words(record.title) + words if record.title else words),
        tuple(extract_urls(full)) if "." in full else (),
        simhash(shingle_hashes(body, words)),
        refs_of(full),
        page if page != own else None,
        own,
    )


def hamming(a: int, b: int) -> int:
    return (a ^ b).bit_count()
