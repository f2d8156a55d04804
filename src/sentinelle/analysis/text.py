"""Normalisation of short, noisy social text (URLs, handles, elongations, entities)."""

from __future__ import annotations

import html
import re
import unicodedata

URL_RE = re.compile(r"(?:https?://|www\.)\S+|\bhttp\b", re.IGNORECASE)
HANDLE_RE = re.compile(r"@\w+")
HASHTAG_RE = re.compile(r"#(\w+)")
# three or more of the same character: "soooo" → "soo", "!!!!" → "!!"
ELONGATION_RE = re.compile(r"(.)\1{2,}")
DIGITS_RE = re.compile(r"\d")
SPACES_RE = re.compile(r"\s+")
# Twitter-style "user" placeholders left by the data sets' anonymisation.
PLACEHOLDER_RE = re.compile(r"(?<!\w)@?user\b", re.IGNORECASE)


def _accent_table() -> dict[int, str]:
    table = {}
    for code in range(0xC0, 0x250):
        base = unicodedata.normalize("NFD", chr(code))[0]
        if base != chr(code) and base.isascii():
            table[code] = base
    return table


_ACCENTS = _accent_table()
# Accents dropped, digits to "0", curly apostrophe straightened: one translate call.
_MODEL_TABLE = {**_ACCENTS, **{ord(d): "0" for d in "123456789"}, ord("’"): "'"}


def strip_accents(text: str) -> str:
    """Drop diacritics, since tweets often omit them ("deja" for "déjà")."""
    return text if text.isascii() else text.translate(_ACCENTS)


def normalize_social(text: str) -> str:
    """Text as the trained models see it: lower-case, URLs and handles as tokens."""
    # Each substitution runs only when its trigger is present: most posts need few.
    if "&" in text:
        text = html.unescape(text)
    if "http" in text or "www." in text:
        text = URL_RE.sub(" xurl ", text)
    if "@" in text:
        text = HANDLE_RE.sub(" xuser ", text)
    text = text.lower()
    if "user" in text:
        text = PLACEHOLDER_RE.sub(" xuser ", text)
    if "#" in text:
        text = HASHTAG_RE.sub(r" \1 ", text)
    text = ELONGATION_RE.sub(r"\1\1", text).translate(_MODEL_TABLE)
    return " ".join(text.split())


def without_markup(text: str) -> str:
    """Text without URLs, handles and placeholders, for language identification."""
    if "&" in text:
        text = html.unescape(text)
    if "http" in text or "www." in text:
        text = URL_RE.sub(" ", text)
    if "@" in text:
        text = HANDLE_RE.sub(" ", text)
    if "user" in text or "USER" in text:
        text = PLACEHOLDER_RE.sub(" ", text)
    return text
