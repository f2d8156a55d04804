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


@dataclass
class FetchResult:
    items: list[RawItem]
    cursor: dict[str, Any]
    problems: list[str] = field(default_factory=list)


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
