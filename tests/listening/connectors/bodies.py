"""Curated broken response bodies that every JSON API connector meets the same way.

A body that cannot be read at all fails the fetch with a ConnectorError saying why (and the
worker goes on); a body whose items can still be read is salvaged with a note.
"""

from __future__ import annotations

import codecs
import gzip
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from sentinelle.listening.connectors import ConnectorError, FetchResult
from tests.listening.connectors import malformed
from tests.listening.fake_http import Reply

JSON = "application/json; charset=utf-8"


@dataclass(frozen=True)
class BodyCase:
    name: str
    reply: Callable[[Any], Reply]  # the good document → the reply to serve
    error: str | None = None  # a ConnectorError matching this, or None for a salvaged page
    retryable: bool | None = False
    retry_after: float | None = None
    problem: str | None = None  # a note the salvaged result carries


def _json(document: Any) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode()


def _cut(fraction: float) -> Callable[[Any], Reply]:
    def reply(document: Any) -> Reply:
        body = _json(document)
        return Reply(200, {"Content-Type": JSON}, body[: int(len(body) * fraction)])

    return reply


def _fixed(status: int, body: bytes, **headers: str) -> Callable[[Any], Reply]:
    named = {"Content-Type": JSON} | {k.replace("_", "-"): v for k, v in headers.items()}
    return lambda document: Reply(status, named, body)


CASES = [
    BodyCase("truncated-early", _cut(0.1), "did not return JSON"),
    BodyCase("truncated-middle", _cut(0.5), "did not return JSON"),
    BodyCase("truncated-end", _cut(0.99), "did not return JSON"),
    BodyCase(
        "html-error-page",
        _fixed(
            200, b"<!doctype html><title>Maintenance</title><p>Back soon", Content_Type="text/html"
        ),
        "did not return JSON",
    ),
    BodyCase("empty", _fixed(200, b""), "did not return JSON"),
    BodyCase("nul-bytes", _fixed(200, b"\x00" * 64), "did not return JSON"),
    BodyCase("null", _fixed(200, b"null"), "did not return"),
    BodyCase("a-string", _fixed(200, b'"ok"'), "did not return"),
    BodyCase(
        "deep-nesting",
        lambda d: Reply(200, {"Content-Type": JSON}, malformed.deep_json()),
        "too deeply",
    ),
    BodyCase(
        "fifty-megabytes-streamed",
        lambda d: Reply(200, {"Content-Type": JSON}, malformed.fifty_megabytes()),
        "5,000,000",
    ),
    BodyCase(
        "fifty-megabytes-declared",
        _fixed(200, b"", Content_Length=str(50_000_000)),
        "5,000,000",
    ),
    BodyCase(
        "gzip-bomb",
        lambda d: Reply(
            200, {"Content-Type": JSON, "Content-Encoding": "gzip"}, malformed.gzip_bomb()
        ),
        "100×",
    ),
    BodyCase(
        "truncated-gzip",
        lambda d: Reply(
            200, {"Content-Type": JSON, "Content-Encoding": "gzip"}, gzip.compress(_json(d))[:-12]
        ),
        "truncated",
        retryable=True,
    ),
    BodyCase(
        "brotli", _fixed(200, b"\x1b\x03", Content_Encoding="br"), "unsupported content encoding"
    ),
    BodyCase("server-error", _fixed(503, b'{"error": "overloaded"}'), "HTTP 503", retryable=True),
    BodyCase("not-found", _fixed(404, b'{"error": "not found"}'), "HTTP 404"),
    BodyCase("gone", _fixed(410, b""), "HTTP 410"),
    BodyCase(
        "rate-limited",
        _fixed(429, b'{"error": "slow down"}', Retry_After="30"),
        "HTTP 429",
        retryable=True,
        retry_after=30.0,
    ),
    BodyCase(
        "lying-charset",
        lambda d: Reply(200, {"Content-Type": JSON}, malformed.lying_charset(d)),
        problem="not valid UTF-8",
    ),
    BodyCase(
        "utf-16-with-bom",
        lambda d: Reply(
            200, {"Content-Type": JSON}, codecs.BOM_UTF16_LE + json.dumps(d).encode("utf-16-le")
        ),
    ),
    BodyCase(
        "utf-8-with-bom",
        lambda d: Reply(200, {"Content-Type": JSON}, codecs.BOM_UTF8 + _json(d)),
    ),
]


def check(case: BodyCase, fetch: Callable[[], FetchResult], expected_texts: list[str]) -> None:
    """Fetch once against `case` and check the outcome it promises."""
    if case.error:
        with pytest.raises(ConnectorError, match=case.error) as error:
            fetch()
        assert error.value.retryable is case.retryable
        assert error.value.retry_after == case.retry_after
        return
    result = fetch()
    assert sorted(item.text for item in result.items) == sorted(expected_texts)
    if case.problem:
        assert any(case.problem in problem for problem in result.problems)
    else:
        assert result.problems == []


def count() -> int:
    return len(CASES)
