"""Read mentions from JSONL or CSV files (ours, or exports from other tools)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sentinelle.listening.items import ItemError, RawItem, item_from_dict

MAX_LINE_BYTES = 2_000_000

# Column names accepted in CSV files, with the aliases other tools use in their exports.
CSV_COLUMNS: dict[str, tuple[str, ...]] = {
    "channel": ("channel", "platform", "page type", "media type"),
    "source": ("source", "site", "domain", "source name"),
    "external_id": ("external_id", "id", "post id", "resource id", "mention id"),
    "url": ("url", "link", "permalink"),
    "title": ("title", "subject", "headline"),
    "text": ("text", "full text", "content", "snippet", "message", "body"),
    "content_type": ("content_type",),
    "lang": ("lang", "language"),
    "published_at": ("published_at", "date", "published", "created_at", "timestamp"),
    "author_handle": ("author_handle", "author", "handle", "username", "screen name"),
    "author_name": ("author_name", "full name", "name", "display name"),
    "author_followers": ("author_followers", "followers", "reach", "audience"),
    "author_profile_url": ("author_profile_url", "profile url", "author url"),
    "author_email": ("author_email", "email"),
    "parent_external_id": ("parent_external_id", "parent id", "in reply to"),
    "likes": ("likes", "favourites", "favorites"),
    "shares": ("shares", "reposts", "retweets"),
    "replies": ("replies", "comments"),
    "views": ("views", "impressions"),
    "order": ("order", "order number"),
    "is_brand": ("is_brand",),
}


@dataclass(frozen=True)
class ImportLine:
    """One line of an import file: an item, or the reason it was skipped."""

    number: int
    item: RawItem | None = None
    error: str = ""


def detect_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in {".jsonl", ".ndjson", ".json"}:
        return "jsonl"
    if suffix in {".csv", ".tsv"}:
        return "csv"
    raise ItemError(f"{path.name}: unknown format; use a .jsonl or .csv file, or --format")


def read_items(path: Path, fmt: str | None = None) -> Iterator[ImportLine]:
    """Every line of the file, validated; bad lines carry their error and are not fatal."""
    fmt = fmt or detect_format(path)
    if fmt == "jsonl":
        yield from _read_jsonl(path)
    elif fmt == "csv":
        yield from _read_csv(path)
    else:
        raise ItemError(f"unknown format {fmt!r}: use jsonl or csv")


def _read_jsonl(path: Path) -> Iterator[ImportLine]:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            if len(raw) > MAX_LINE_BYTES:
                yield ImportLine(number, error=f"line is too large ({len(raw):,} bytes)")
                continue
            try:
                data = json.loads(raw.decode("utf-8"))
                yield ImportLine(number, item=item_from_dict(data))
            except UnicodeDecodeError:
                yield ImportLine(number, error="line is not valid UTF-8")
            except json.JSONDecodeError as exc:
                yield ImportLine(number, error=f"invalid JSON ({exc.msg} at column {exc.colno})")
            except ItemError as exc:
                yield ImportLine(number, error=str(exc))


def _pick(row: dict[str, str], field: str) -> str:
    for alias in CSV_COLUMNS[field]:
        value = row.get(alias)
        if value not in (None, ""):
            return value
    return ""


def csv_row_to_dict(row: dict[str, str]) -> dict[str, Any]:
    """Map a CSV row (our columns or a known export's) to the JSONL item format."""
    row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
    handle = _pick(row, "author_handle")
    author = None
    if handle or _pick(row, "author_email"):
        author = {
            "handle": handle,
            "name": _pick(row, "author_name"),
            "followers": _pick(row, "author_followers") or None,
            "profile_url": _pick(row, "author_profile_url") or None,
            "email": _pick(row, "author_email"),
        }
    order = _pick(row, "order")
    return {
        "channel": _pick(row, "channel").lower() or None,
        "source": _pick(row, "source") or None,
        "external_id": _pick(row, "external_id"),
        "url": _pick(row, "url") or None,
        "title": _pick(row, "title"),
        "text": _pick(row, "text"),
        "content_type": _pick(row, "content_type"),
        "lang": _pick(row, "lang") or None,
        "published_at": _pick(row, "published_at") or None,
        "author": author,
        "parent_external_id": _pick(row, "parent_external_id") or None,
        "engagement": {k: _pick(row, k) for k in ("likes", "shares", "replies", "views")},
        "references": {"order": order} if order else {},
        "is_brand": _pick(row, "is_brand").lower() in {"1", "true", "yes"},
    }


def _read_csv(path: Path) -> Iterator[ImportLine]:
    try:
        content = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        yield ImportLine(0, error="the file is not valid UTF-8")
        return
    dialect = "excel-tab" if path.suffix.lower() == ".tsv" else "excel"
    csv.field_size_limit(MAX_LINE_BYTES)
    reader = csv.DictReader(io.StringIO(content, newline=""), dialect=dialect)
    if not reader.fieldnames or not any(
        (name or "").strip().lower() in CSV_COLUMNS["text"] for name in reader.fieldnames
    ):
        yield ImportLine(1, error="no text column (expected one of: text, full text, content)")
        return
    try:
        for row in reader:
            number = reader.line_num
            try:
                yield ImportLine(number, item=item_from_dict(csv_row_to_dict(row)))
            except ItemError as exc:
                yield ImportLine(number, error=str(exc))
    except csv.Error as exc:
        yield ImportLine(reader.line_num, error=f"malformed CSV: {exc}")
