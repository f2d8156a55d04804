"""What the platform connectors share: JSON over the guarded client, rate limits, item fields."""

from __future__ import annotations

import codecs
import json
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar
from urllib.parse import urlencode

from sentinelle.core import http
from sentinelle.core.clock import now, parse_utc
from sentinelle.listening.connectors import ConnectorError, Reject
from sentinelle.listening.items import MAX_ID_CHARS, MAX_TEXT_CHARS, ItemError, RawItem

Fetch = Callable[..., http.HttpResponse]
T = TypeVar("T")

MAX_API_BYTES = 5_000_000
SEEN_LIMIT = 1_000
# Errors an item parser may raise on data of the wrong shape; each becomes a Reject.
ITEM_ERRORS = (ItemError, ValueError, TypeError, KeyError, AttributeError, OverflowError)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class JsonResponse:
    """A decoded JSON body; `retry_after` is set when the rate-limit window is spent."""

    data: Any
    headers: dict[str, str]
    retry_after: float | None
    charset_problem: str = ""


def with_query(url: str, params: Mapping[str, Any] | Iterable[tuple[str, Any]]) -> str:
    pairs = params.items() if isinstance(params, Mapping) else params
    kept = [(k, v) for k, v in pairs if v not in (None, "")]
    return f"{url}?{urlencode(kept)}" if kept else url


def get_json(
    fetch: Fetch,
    url: str,
    *,
    headers: Mapping[str, str] | None = None,
    max_bytes: int = MAX_API_BYTES,
    method: str = "GET",
    data: bytes | None = None,
    explain: Callable[[http.FetchError], str | None] | None = None,
) -> JsonResponse:
    """Fetch and decode one JSON document; every failure becomes a ConnectorError."""
    sent = {"Accept": "application/json", **(headers or {})}
    try:
        response = fetch(url, headers=sent, max_bytes=max_bytes, method=method, data=data)
    except http.FetchError as exc:
        raise error_from_fetch(exc, explain) from None
    document, problem = decode_json(response.body, where=url.split("?")[0])
    return JsonResponse(document, response.headers, rate_limit_wait(response.headers), problem)


def error_from_fetch(
    exc: http.FetchError, explain: Callable[[http.FetchError], str | None] | None = None
) -> ConnectorError:
    """The ConnectorError for a failed request, with the wait the platform asked for."""
    message = str(exc)
    hint = explain(exc) if explain else None
    if hint:
        message = f"{message}: {hint}"
    elif exc.status in (401, 403):
        message = f"{message}: the credentials were refused (wrong, expired or lacking a scope)"
    wait = exc.retry_after
    if wait is None and exc.status == 429:
        wait = rate_limit_wait(exc.headers, exhausted=True) or 60.0
    retryable = exc.retryable or exc.status == 429
    return ConnectorError(message, retryable=retryable, retry_after=wait)


def decode_json(body: bytes, *, where: str = "the response") -> tuple[Any, str]:
    """The JSON document in a body and a note when its bytes were not UTF-8.

    JSON is UTF-8 by definition; a server that sends Latin-1 anyway still has its items read
    (as Windows-1252, the usual culprit) rather than losing the whole page.
    """
    problem = ""
    encoding = next((name for bom, name in _BOMS if body.startswith(bom)), "utf-8")
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        problem = f"{where} is not valid UTF-8 ({exc.reason} at byte {exc.start}); read as cp1252"
        text = body.decode("cp1252", "replace")
    try:
        return json.loads(text), problem
    except RecursionError:
        raise ConnectorError(f"{where} nests JSON too deeply", retryable=False) from None
    except ValueError as exc:
        snippet = text[:80].replace("\n", " ")
        raise ConnectorError(
            f"{where} did not return JSON ({exc}); it starts with {snippet!r}", retryable=False
        ) from None


def _number(value: str | None) -> float | None:
    try:
        number = float(value) if value not in (None, "") else None
    except ValueError:
        return None
    return number if number is not None and math.isfinite(number) else None


def rate_limit_wait(headers: Mapping[str, str], *, exhausted: bool = False) -> float | None:
    """Seconds until the rate-limit window resets when it is spent, from the platform headers.

    Mastodon sends `X-RateLimit-Reset` as an ISO 8601 time, Reddit as seconds to wait, X and
    Bluesky as a Unix time; `exhausted` says the request was already refused (HTTP 429).
    """
    lower = {k.lower(): v for k, v in headers.items()}
    if "retry-after" in lower:
        wait = http.parse_retry_after(lower["retry-after"])
        if wait is not None:
            return wait
    names = ("x-ratelimit", "x-rate-limit", "ratelimit")
    remaining = next((lower[f"{n}-remaining"] for n in names if f"{n}-remaining" in lower), None)
    reset = next((lower[f"{n}-reset"] for n in names if f"{n}-reset" in lower), None)
    left = _number(remaining)
    if not exhausted and (left is None or left >= 1):
        return None
    if reset is None:
        return None
    seconds = _number(reset)
    if seconds is None:
        try:
            seconds = (parse_utc(reset) - now()).total_seconds()
        except ValueError:
            return None
    elif seconds > 1_000_000_000:  # a Unix time, not a delay
        seconds -= now().timestamp()
    return min(max(seconds, 0.0), float(http.MAX_RETRY_AFTER_S))


def clean(value: str) -> str:
    """Text safe to store: no NUL (PostgreSQL refuses it), no lone surrogates."""
    if "\0" in value:
        value = value.replace("\0", "")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        value = value.encode("utf-8", "replace").decode("utf-8")
    return value


def text(data: Any, key: str, *, limit: int = 255, required: bool = False) -> str:
    """A string field of a JSON object, cleaned and cut to `limit`; ItemError names the key."""
    if not isinstance(data, dict):
        raise ItemError(f"expected an object holding {key!r}, got {type(data).__name__}")
    value = data.get(key)
    if value is None or value == "":
        if required:
            raise ItemError(f"{key} is missing")
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ItemError(f"{key} must be text, not {type(value).__name__}")
    return clean(str(value))[:limit]


def identifier(data: Any, key: str) -> str:
    value = text(data, key, limit=MAX_ID_CHARS + 1, required=True)
    if len(value) > MAX_ID_CHARS:
        raise ItemError(f"{key} is longer than {MAX_ID_CHARS} characters")
    return value


def body(data: Any, key: str, *, required: bool = True) -> str:
    value = text(data, key, limit=MAX_TEXT_CHARS + 1, required=required)
    if len(value) > MAX_TEXT_CHARS:
        raise ItemError(f"{key} is longer than {MAX_TEXT_CHARS:,} characters")
    return value


def count(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | str) or value == "":
        return None
    try:
        number = int(value)
    except ValueError:
        return None
    return number if 0 <= number < 2**63 else None


def timestamp(value: Any, key: str, fetched_at: datetime) -> datetime:
    """An aware UTC time from ISO 8601 or Unix seconds; a future time becomes the fetch time."""
    if isinstance(value, bool) or value in (None, ""):
        raise ItemError(f"{key} is missing")
    if isinstance(value, int | float):
        if not math.isfinite(value) or not 0 <= value < 32_503_680_000:
            raise ItemError(f"{key} is not a valid time")
        moment = datetime.fromtimestamp(value, tz=UTC)
    elif isinstance(value, str) and len(value) <= 64:
        try:
            moment = parse_utc(value)
        except ValueError as exc:
            raise ItemError(f"{key}: {exc}") from None
    else:
        raise ItemError(f"{key} is not a valid time")
    return min(moment, fetched_at)


def as_list(document: Any, key: str | None, where: str) -> list[Any]:
    """The list of entries in a document (`key` None: the document itself)."""
    entries = (
        document
        if key is None
        else (document or {}).get(key)
        if isinstance(document, dict)
        else None
    )
    if not isinstance(entries, list):
        shape = f"a {key!r} list" if key else "a list"
        raise ConnectorError(f"{where} did not return {shape}", retryable=False)
    return entries


def payload(entry: Any) -> str:
    """The raw entry as JSON text for the dead-letter table."""
    try:
        return json.dumps(entry, ensure_ascii=True, default=repr)
    except (ValueError, TypeError, RecursionError):
        return repr(entry)[:100_000]


def entry_id(entry: Any, *keys: str) -> str | None:
    value = entry
    for key in keys:
        value = value.get(key) if isinstance(value, dict) else None
    return clean(str(value))[:MAX_ID_CHARS] if isinstance(value, str | int) and value else None


def read_entries(
    entries: Iterable[Any],
    parse: Callable[[Any], T | None],
    *,
    label: str,
    id_keys: tuple[str, ...] = ("id",),
) -> tuple[list[T], list[Reject]]:
    """Parse each entry; one that fails becomes a Reject with its reason, the rest go on.

    `parse` returns None for an entry that is deliberately skipped (a notification of another
    type, a deleted comment): that is not a fault.
    """
    items: list[T] = []
    rejects: list[Reject] = []
    for number, entry in enumerate(entries, 1):
        try:
            item = parse(entry)
        except (*ITEM_ERRORS, RecursionError) as exc:
            known = entry_id(entry, *id_keys)
            reason = f"{label} {number}{f' ({known[:80]})' if known else ''}: {exc}"
            rejects.append(Reject.of(reason, payload(entry), known))
            continue
        if item is not None:
            items.append(item)
    return items, rejects


def remember(previous: Iterable[str], current: Iterable[str], limit: int = SEEN_LIMIT) -> list[str]:
    """Ids seen, newest first: every current one, then older ones up to `limit`."""
    current = list(dict.fromkeys(current))
    kept = current + [key for key in previous if key not in set(current)]
    return kept[: max(limit, len(current))]


def unseen(items: list[RawItem], seen: Iterable[str]) -> list[RawItem]:
    known = set(seen)
    fresh = []
    for item in items:
        if item.external_id not in known:
            known.add(item.external_id)
            fresh.append(item)
    return fresh


def config_text(config: dict[str, Any], key: str, kind: str, example: str) -> str:
    """A required string setting, or a ConnectorError saying what to write."""
    value = config.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ConnectorError(
            f'a {kind} source needs "{key}" (for example {example})', retryable=False
        )
    return value.strip()


def config_url(config: dict[str, Any], key: str, kind: str, example: str) -> str:
    """An https base URL (no path beyond /, no query), or a ConnectorError saying why."""
    from urllib.parse import urlsplit

    value = config_text(config, key, kind, example)
    if "://" not in value:
        value = f"https://{value}"
    parts = urlsplit(value)
    host = parts.hostname or ""
    if parts.scheme not in ("https", "http") or not re.fullmatch(r"[A-Za-z0-9.:_-]+", host):
        raise ConnectorError(
            f"{kind}: {key} {value[:100]!r} is not an https address like {example}",
            retryable=False,
        )
    if parts.query or parts.fragment or parts.path not in ("", "/") or parts.username:
        raise ConnectorError(
            f"{kind}: {key} must be the server's address only, like {example}, not {value[:100]!r}",
            retryable=False,
        )
    return f"{parts.scheme}://{parts.netloc}"


def config_int(
    config: dict[str, Any], key: str, kind: str, default: int, low: int, high: int
) -> int:
    value = config.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ConnectorError(
            f"{kind}: {key} must be a whole number from {low} to {high}", retryable=False
        )
    return value


def seen_list(cursor: dict[str, Any], key: str = "seen") -> list[str]:
    """The ids a cursor remembers; anything else there (a hand-edited cursor) is ignored."""
    values = cursor.get(key)
    return [v for v in values if isinstance(v, str)] if isinstance(values, list) else []
