"""Batch analysis of JSON Lines: bad lines are reported with their number and skipped."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from sentinelle.analysis.pipeline import Pipeline

MAX_TEXT_CHARS = 100_000
BATCH_SIZE = 1000


@dataclass
class BatchReport:
    """Counts of a batch run."""

    processed: int = 0
    skipped: int = 0


def parse_line(raw: bytes) -> dict[str, Any]:
    """One input line as an item {id, text, lang}; ValueError says what is wrong."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"invalid UTF-8 at byte {exc.start}") from None
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON ({exc.msg})") from None
    if not isinstance(item, dict):
        raise ValueError("not a JSON object")
    text = item.get("text")
    if not isinstance(text, str):
        raise ValueError("missing 'text' string")
    if len(text) > MAX_TEXT_CHARS:
        raise ValueError(f"text has {len(text):,} characters, more than {MAX_TEXT_CHARS:,}")
    lang = item.get("lang")
    if lang is not None and not isinstance(lang, str):
        raise ValueError("'lang' is not a string")
    return {"id": item.get("id"), "text": text, "lang": lang}


def read_items(
    lines: Iterable[bytes], on_error: Callable[[int, str], None]
) -> Iterator[dict[str, Any]]:
    """Parsed items; each bad line goes to `on_error(line_number, message)`."""
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            yield parse_line(raw.rstrip(b"\r\n"))
        except ValueError as exc:
            on_error(number, str(exc))


def run_batch(
    pipeline: Pipeline,
    source: Iterable[bytes],
    sink: IO[str],
    on_error: Callable[[int, str], None],
) -> BatchReport:
    """Analyse every good line of `source`, writing one JSON line per item to `sink`."""
    report = BatchReport()

    def error(number: int, message: str) -> None:
        report.skipped += 1
        on_error(number, message)

    batch: list[dict[str, Any]] = []

    def flush() -> None:
        for item, analysis in zip(batch, pipeline.analyze_batch(batch), strict=True):
            sink.write(json.dumps({"id": item["id"], **analysis.to_dict()}, ensure_ascii=False))
            sink.write("\n")
        report.processed += len(batch)
        batch.clear()

    for item in read_items(source, error):
        batch.append(item)
        if len(batch) >= BATCH_SIZE:
            flush()
    flush()
    return report
