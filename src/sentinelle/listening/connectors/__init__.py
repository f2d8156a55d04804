"""Connectors: one module per kind of source, one small protocol."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from sentinelle.listening.items import RawItem


class ConnectorError(Exception):
    """A fetch that failed; `retryable` says whether trying again later may help."""

    def __init__(self, message: str, *, retryable: bool = True) -> None:
        super().__init__(message)
        self.retryable = retryable


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
    return None
