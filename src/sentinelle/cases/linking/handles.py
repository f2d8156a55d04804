"""Handles and profile links: the same account, a distinctive handle, "this is also me"."""

from __future__ import annotations

import re
from functools import cache

from sentinelle.cases.linking.names import PersonName
from sentinelle.cases.linking.wordlists import phrases, words
from sentinelle.core.text import fold

MIN_DISTINCTIVE = 6  # "marc", "julie_b": too short to single anyone out
URL = re.compile(r"https?://[^\s<>\"')]+", re.IGNORECASE)
SELF_WINDOW = 50


def full_handle(handle: str) -> str:
    """The handle as written, folded, without "@" or "u/" ("@Marie@mastodon.social")."""
    handle = fold(handle.strip()).removeprefix("@")
    return re.sub(r"^/?u/", "", handle)


def handle_core(handle: str) -> str:
    """The personal part: without instance, Bluesky suffix or e-mail domain."""
    handle = full_handle(handle)
    handle = handle.split("@")[0]
    return handle.removesuffix(".bsky.social")


def handle_key(handle: str) -> str:
    """The core without separators: "marie_eve.t" and "marie-eve-t" compare equal."""
    return re.sub(r"[^a-z0-9]", "", handle_core(handle))


@cache
def _vocabulary(kind: str) -> frozenset[str]:
    names = words("common_surnames") | {re.sub(r"[^a-z]", "", n) for n in words("first_names")}
    if kind == "generic":
        return words("generic_handle_words")
    return frozenset(names) if kind == "names" else words("generic_handle_words") | names


@cache
def _segmentable(letters: str, kind: str, initials: int = 2, after_initial: bool = False) -> bool:
    """Whether letters are made of common words or names ("velofan", "mtremblay", "jfroy").

    Up to `initials` single letters may open the handle, and a name must follow them.
    """
    if not letters:
        return not after_initial  # initials alone ("jf") are not a name
    vocabulary = _vocabulary("names" if after_initial else kind)
    for i in range(1, len(letters) + 1):
        if letters[:i] in vocabulary and _segmentable(letters[i:], kind, 0):
            return True
    return initials > 0 and _segmentable(letters[1:], kind, initials - 1, True)


def is_distinctive(handle: str) -> bool:
    """Whether one person is likely to hold this handle on every platform."""
    key = handle_key(handle)
    letters, digits = re.sub(r"[^a-z]", "", key), re.sub(r"\D", "", key)
    if len(key) < MIN_DISTINCTIVE or not letters or _segmentable(letters, "generic", 0):
        return False  # short, or generic words even with digits ("velo_fan42")
    if not _segmentable(letters, "all"):
        return True
    # Names and common words: "marie_martin84" is one person more often than "mariemartin".
    return len(digits) >= 2 and len(letters) >= 7


def spells_name(handle: str, name: PersonName) -> bool:
    """Whether the handle spells the name ("marieeve.tremblay", "mtremblay84")."""
    letters = re.sub(r"[^a-z]", "", handle_core(handle))
    return any(letters.startswith(s) for s in name.spellings)


def normalize_url(url: str) -> str:
    """A profile URL without scheme, "www.", query or trailing slash, folded."""
    url = re.sub(r"^https?://(www\.)?", "", fold(url.strip()))
    return url.split("?")[0].split("#")[0].rstrip("/")


def _claims_self(text: str, start: int) -> bool:
    before = fold(text[max(0, start - SELF_WINDOW) : start])
    return any(cue in before for cue in phrases("self_claim_cues"))


def claims_account(texts: list[str], profile_url: str, handle: str, platform: str) -> str:
    """The words by which an author says another account is theirs, or ""."""
    target_url = normalize_url(profile_url) if profile_url else ""
    target_handle = full_handle(handle)
    # Only handles unique across the web (user@instance, name.bsky.social) can be quoted.
    unique = "@" in target_handle or "." in target_handle
    for text in texts:
        for m in URL.finditer(text):
            if (
                target_url
                and normalize_url(m.group(0)) == target_url
                and _claims_self(text, m.start())
            ):
                return f"says {m.group(0)} is their account"
        if unique and len(target_handle) >= MIN_DISTINCTIVE:
            pattern = rf"(?<![\w.@])@?{re.escape(target_handle)}(?![\w.@])"
            for m in re.finditer(pattern, fold(text)):
                if _claims_self(text, m.start()):
                    return f"says @{target_handle} ({platform}) is their account"
    return ""
