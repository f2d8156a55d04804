"""Tail a JSONL file of mentions: each fetch reads the complete lines added since the cursor."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sentinelle.listening.connectors import ConnectorError, FetchResult
from sentinelle.listening.importer import MAX_LINE_BYTES
from sentinelle.listening.items import ItemError, item_from_dict

MAX_BYTES_PER_FETCH = 8_000_000


@dataclass(frozen=True)
class FileConnector:
    path: Path
    kind: str = "file"

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> FileConnector:
        path = config.get("path")
        if not isinstance(path, str) or not path:
            raise ConnectorError(
                'a file source needs {"path": "/path/to/mentions.jsonl"}', retryable=False
            )
        return cls(path=Path(path))

    def fetch(self, cursor: dict[str, Any]) -> FetchResult:
        offset = int(cursor.get("offset", 0))
        line_number = int(cursor.get("line", 0))
        try:
            size = self.path.stat().st_size
            if size < offset:  # the file was replaced or truncated: start again
                offset, line_number = 0, 0
            with self.path.open("rb") as handle:
                handle.seek(offset)
                chunk = handle.read(MAX_BYTES_PER_FETCH)
        except OSError as exc:
            raise ConnectorError(f"cannot read {self.path}: {exc.strerror}") from None
        end = chunk.rfind(b"\n") + 1
        if end == 0 and len(chunk) >= MAX_LINE_BYTES:
            end = len(chunk)  # one absurdly long line: skip it rather than stall forever
        items, problems = [], []
        for raw in chunk[:end].splitlines():
            line_number += 1
            if not raw.strip():
                continue
            try:
                items.append(item_from_dict(json.loads(raw.decode("utf-8"))))
            except (UnicodeDecodeError, json.JSONDecodeError, ItemError) as exc:
                problems.append(f"line {line_number}: {exc}")
        return FetchResult(
            items=items, cursor={"offset": offset + end, "line": line_number}, problems=problems
        )
