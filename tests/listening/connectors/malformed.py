"""Generators of malformed inputs: broken entries for item-level tests, broken bodies for pages.

An entry mutation replaces or deletes one field (given as a path) of a good entry with a value
of the wrong kind; `expected` is a word the Reject's reason must contain.
"""

from __future__ import annotations

import copy
import gzip
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

MISSING = object()

BAD_ID = [MISSING, None, "", [], {}, True, False, 3.5, "9" * 600, ["1"], {"id": "1"}, 1.5]
BAD_STRING = [MISSING, None, "", [], {}, True, False, 3.5, ["camille"], {"name": "x"}]
#: Values of the wrong kind for an optional text field (missing or empty is allowed there).
NOT_TEXT = [[], {}, True, False, 3.5, ["camille"], {"name": "x"}]
BAD_OBJECT = [MISSING, None, "", 5, [], "camille", True, 3.5, ["x"]]
BAD_BODY = [[], {}, True, False, 3.5, "x" * 200_001, ["text"], {"text": "x"}]
BAD_ISO_TIME = [
    MISSING,
    None,
    "",
    "yesterday",
    "2026-13-45T00:00:00Z",
    "2026-11-16T09:14:03",  # no time zone
    "2026-11-16",  # a date, no time zone
    "2026-11-16T25:00:00Z",
    "2026-02-30T10:00:00Z",
    "16/11/2026 09:14",
    "Mon, 16 Nov 2026 09:14:03 +0000",
    "x" * 100,
    [],
    {},
    True,
    "NaN",
    "2026-11-16T09:14:03+25:00",
    "T09:14:03Z",
    "0000-00-00T00:00:00Z",
    "+275760-09-13T00:00:00Z",
    "2026-11-16T09:14:03Zjunk",
    "2026-11-16 09:14:03 CET",
    ["2026-11-16T09:14:03Z"],
    {"$date": "2026-11-16T09:14:03Z"},
]
BAD_UNIX_TIME = [
    MISSING,
    None,
    "",
    "yesterday",
    "2026-11-16",
    "1794820443",
    [],
    {},
    True,
    -5,
    1e20,
    float("inf"),
    float("nan"),
    "x" * 100,
]
BAD_ENTRY = [None, 1, "status", [], True, 3.5, "", 0, [{}], ["id"], {"entry": 1}, False]


@dataclass(frozen=True)
class Broken:
    label: str
    entry: Any
    expected: str


def _set(entry: Any, path: Sequence[str], value: Any) -> Any:
    broken = copy.deepcopy(entry)
    target = broken
    for key in path[:-1]:
        target = target[key]
    if value is MISSING:
        target.pop(path[-1], None)
    else:
        target[path[-1]] = copy.deepcopy(value)
    return broken


def mutations(
    good: Any, fields: Sequence[tuple[Sequence[str], Sequence[Any]]], *, prefix: str = ""
) -> Iterator[Broken]:
    """Each field of `good` replaced by each bad value; the reason must name the field."""
    for path, values in fields:
        for number, value in enumerate(values):
            shown = "missing" if value is MISSING else repr(value)[:30]
            yield Broken(
                f"{prefix}{'.'.join(path)}={shown}#{number}", _set(good, path, value), path[-1]
            )


def bad_entries() -> Iterator[Broken]:
    for number, value in enumerate(BAD_ENTRY):
        yield Broken(f"entry={value!r}#{number}", value, "")


def truncations(message: str, count: int = 10) -> list[str]:
    """A JSON text cut at `count` places: each is broken JSON."""
    step = max(len(message) // (count + 1), 1)
    return [message[: step * (i + 1)] for i in range(count)]


GARBAGE = [
    b"\xff\xfe\x00garbage",
    b"\x80\x81\x82\x83",
    b'{"event": "update", "payload": "\xc3\x28"}',
    bytes(range(256)),
    b"\xed\xa0\x80",  # an encoded surrogate: not UTF-8
]
NOT_OBJECTS = ["[]", "null", "42", '"update"', "true"]


@cache
def gzip_bomb() -> bytes:
    """A 5 MB-capped client meets 40 MB of spaces in 40 kB."""
    return gzip.compress(b" " * 40_000_000, compresslevel=9)


def fifty_megabytes() -> Iterator[bytes]:
    chunk = b'{"padding": "' + b"x" * 65_000 + b'"},'
    yield b"["
    for _ in range(50_000_000 // len(chunk)):
        yield chunk
    yield b"{}]"


def deep_json(depth: int = 100_000) -> bytes:
    return b"[" * depth + b"]" * depth


def lying_charset(document: Any) -> bytes:
    """JSON in Latin-1 while the header says UTF-8."""
    return json.dumps(document, ensure_ascii=False).encode("latin-1", "replace")
