"""Access tokens that platforms hand out for a while, kept in memory per credentials.

Kept out of the source's cursor (stored in the database) on purpose, and asked for again only
when missing or expired: Bluesky allows 300 logins a day, Reddit tokens last a day.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable

_tokens: dict[str, tuple[str, float]] = {}
_lock = threading.Lock()


def _key(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def cached_token(parts: tuple[str, ...], obtain: Callable[[], tuple[str, float]]) -> str:
    """The token for these credentials; `obtain` returns (token, lifetime in seconds)."""
    key = _key(*parts)
    with _lock:
        known = _tokens.get(key)
    if known and known[1] > time.monotonic():
        return known[0]
    token, lifetime = obtain()
    with _lock:
        # Renewed a minute early so that a token never expires between check and use.
        _tokens[key] = (token, time.monotonic() + max(lifetime - 60, 0))
    return token


def forget_token(parts: tuple[str, ...]) -> None:
    with _lock:
        _tokens.pop(_key(*parts), None)
