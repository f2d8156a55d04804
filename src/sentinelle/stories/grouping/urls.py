"""Links as grouping evidence: extraction and canonical form (no network)."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_LINK = re.compile(r"(?:https?://|www\.)[^\s<>\"'()\[\]{}]+", re.IGNORECASE)
_TRACKING = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "igshid", "mc_cid", "mc_eid", "ref_src", "si", "ref"}
)
# Comment locators: a comment's own link then names the page it comments on.
_COMMENT_PARAMS: frozenset[str] = frozenset()
_TRAILING = ".,;:!?…»"


def canonical_url(url: str) -> str | None:
    """Lower-case host without ``www.``, no tracking parameters, fragment or trailing slash."""
    url = url.strip().rstrip(_TRAILING)
    if url.lower().startswith("www."):
        url = "https://" + url
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().rstrip(".").removeprefix("www.")
    if port and port not in (80, 443):
        host = f"{host}:{port}"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith("utm_")
        and k.lower() not in _TRACKING
        and k.lower() not in _COMMENT_PARAMS
    ]
    path = re.sub(r"/{2,}", "/", parts.path).rstrip("/")
    return urlunsplit(("", host, path, urlencode(sorted(query)), "")).removeprefix("//")


def extract_urls(text: str) -> list[str]:
    """Canonical forms of the links written in a text, in order, without repeats."""
    seen: dict[str, None] = {}
    for match in _LINK.findall(text):
        canon = canonical_url(match)
        if canon:
            seen.setdefault(canon, None)
    return list(seen)


def is_homepage(canon: str) -> bool:
    """A bare site is no evidence of one incident (every spam and brand link points there)."""
    return "/" not in canon and "?" not in canon


# Comment locators: the page a comment is on is its link without them (a video, a post).
_LOCATORS = frozenset({"lc", "comment_id", "reply_comment_id", "commentid", "replytocom"})


def page_of(url: str) -> str | None:
    """The canonical page a comment's link points into, or None when the link is no comment's."""
    try:
        query = urlsplit(url.strip()).query
    except ValueError:
        return None
    keys = {k.lower() for k, _ in parse_qsl(query, keep_blank_values=True)}
    if not keys & _LOCATORS:
        return None
    canon = canonical_url(url)
    if canon is None or "?" not in canon:
        return canon
    base, _, q = canon.partition("?")
    kept = [(k, v) for k, v in parse_qsl(q, keep_blank_values=True) if k.lower() not in _LOCATORS]
    return f"{base}?{urlencode(kept)}" if kept else base


def host_of(canon: str) -> str:
    """The host of a canonical link (``site.example/a?b=1`` → ``site.example``)."""
    return canon.split("/", 1)[0].split("?", 1)[0]
