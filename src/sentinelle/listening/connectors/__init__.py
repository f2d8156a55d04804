"""Connectors: one module per kind of source, one small protocol."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from sentinelle.listening.items import RawItem


class ConnectorError(Exception):
    """A fetch that failed; `retryable` says whether trying again later may help.

    `retry_after` is the number of seconds the platform asked us to wait (HTTP 429,
    `Retry-After`, an exhausted rate-limit window), or None when it said nothing.
    """

    def __init__(
        self, message: str, *, retryable: bool = True, retry_after: float | None = None
    ) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.retry_after = retry_after


MAX_REJECT_PAYLOAD = 64_000


@dataclass(frozen=True)
class Reject:
    """An item a connector received but could not read: kept for the dead-letter table.

    ``payload`` is the raw item as received (cut to ``MAX_REJECT_PAYLOAD`` characters), so an
    admin can see it, fix the cause and retry it.
    """

    reason: str
    payload: str
    external_id: str | None = None

    @classmethod
    def of(cls, reason: str, payload: str | bytes, external_id: str | None = None) -> Reject:
        if isinstance(payload, bytes):
            payload = payload[: MAX_REJECT_PAYLOAD * 4].decode("utf-8", "replace")
        return cls(reason[:1000], payload[:MAX_REJECT_PAYLOAD], external_id)


@dataclass
class FetchResult:
    """What one fetch returned: readable items, the cursor after them, the rejects."""

    items: list[RawItem]
    cursor: dict[str, Any]
    problems: list[str] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    # Seconds to wait before the next fetch when the platform's rate-limit window is spent.
    retry_after: float | None = None
    # A platform that keeps a number of items (a feed's last N entries, a listing's last
    # pages): nothing fetched reached back to what was seen before, so what came in between
    # may be lost. (from, until): the newest item seen before (None: unknown), the oldest now.
    gap: tuple[datetime | None, datetime] | None = None


def window_gap(
    cursor: dict[str, Any], items: list[RawItem], *, overlapped: bool
) -> tuple[datetime | None, datetime] | None:
    """The gap a count-limited window reveals: a fetch after an earlier one (the cursor has
    seen ids) whose items include none seen before. `cursor["newest"]` dates the newest item
    seen before (see `newest_seen`)."""
    if overlapped or not items or not cursor.get("seen"):
        return None
    oldest = min(item.published_at for item in items)
    before = _newest_before(cursor)
    if before is not None and before >= oldest:
        return None  # the window does reach back to the last item seen
    return (before, oldest)


def newest_seen(cursor: dict[str, Any], items: list[RawItem]) -> str | None:
    """The `newest` a cursor keeps: the latest publication time seen so far, ISO 8601."""
    times = [item.published_at for item in items]
    before = _newest_before(cursor)
    if before is not None:
        times.append(before)
    return max(times).isoformat() if times else None


def _newest_before(cursor: dict[str, Any]) -> datetime | None:
    """The cursor's `newest`, or None when it has none or it is not a date."""
    try:
        return datetime.fromisoformat(str(cursor["newest"])) if cursor.get("newest") else None
    except ValueError:
        return None


class Connector(Protocol):
    kind: str

    def fetch(self, cursor: dict[str, Any]) -> FetchResult: ...


def connector_for(kind: str, config: dict[str, Any]) -> Connector | None:
    """The connector for a source kind, or None where this kind has none yet."""
    if kind == "file":
        from sentinelle.listening.connectors.file import FileConnector

        return FileConnector.from_config(config)
    if kind == "rss":
        from sentinelle.listening.connectors.rss import RssConnector

        return RssConnector.from_config(config)
    if kind in _PLATFORMS:
        from importlib import import_module

        module = import_module(f"sentinelle.listening.connectors.{_PLATFORMS[kind]}")
        return module.connector_from_config(config)
    return None


# Source kind → module; each module has `connector_from_config(config) -> Connector`.
_PLATFORMS = {
    "mastodon": "mastodon",
    "bluesky": "bluesky",
    "reddit": "reddit",
    "imap": "imap",
    "youtube": "youtube",
    "x": "x",
}
