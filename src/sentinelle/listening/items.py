"""The raw item every connector and importer produces, validated with clear errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from sentinelle.core.choices import Channel
from sentinelle.core.clock import parse_utc

MAX_TEXT_CHARS = 200_000
MAX_ID_CHARS = 512


class ItemError(ValueError):
    """An item that cannot be stored as received; the message names the field."""


@dataclass(frozen=True)
class AuthorInfo:
    handle: str
    name: str = ""
    followers: int | None = None
    profile_url: str = ""
    email: str = ""


@dataclass(frozen=True)
class RawItem:
    """One item as a source gave it, before analysis."""

    external_id: str
    text: str
    published_at: datetime
    channel: str
    content_type: str = "text/plain"
    url: str = ""
    title: str = ""
    lang: str | None = None
    author: AuthorInfo | None = None
    parent_external_id: str | None = None
    engagement: dict[str, int | None] = field(default_factory=dict)
    references: dict[str, str] = field(default_factory=dict)
    is_brand: bool = False
    source: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def safe_url(value: Any, what: str = "url") -> str:
    """An http(s) URL or ''; anything else (javascript:, data:…) is refused."""
    if value in (None, ""):
        return ""
    if not isinstance(value, str) or len(value) > 2000:
        raise ItemError(f"{what} must be a string of at most 2,000 characters")
    parts = urlsplit(value.strip())
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        raise ItemError(f"{what} must be an http or https address")
    return value.strip()


def _text(data: dict[str, Any], key: str, *, limit: int, required: bool = False) -> str:
    value = data.get(key)
    if value is None or value == "":
        if required:
            raise ItemError(f"{key} is missing")
        return ""
    if not isinstance(value, str | int):
        raise ItemError(f"{key} must be text")
    value = str(value)
    if len(value) > limit:
        raise ItemError(f"{key} is too long ({len(value):,} characters, limit {limit:,})")
    return value


def _count(value: Any, what: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ItemError(f"{what} must be a whole number") from None
    if number < 0:
        raise ItemError(f"{what} cannot be negative")
    return number


def _author(data: Any) -> AuthorInfo | None:
    if data in (None, ""):
        return None
    if not isinstance(data, dict):
        raise ItemError("author must be an object")
    handle = _text(data, "handle", limit=255) or _text(data, "email", limit=255)
    if not handle:
        raise ItemError("author.handle is missing")
    return AuthorInfo(
        handle=handle,
        name=_text(data, "name", limit=255),
        followers=_count(data.get("followers"), "author.followers"),
        profile_url=safe_url(data.get("profile_url"), "author.profile_url"),
        email=_text(data, "email", limit=254),
    )


def item_from_dict(data: Any, *, default_channel: str = Channel.OTHER) -> RawItem:
    """Validate one decoded item (the JSONL import format); raise ItemError on a fault."""
    if not isinstance(data, dict):
        raise ItemError("each line must be a JSON object")
    channel = data.get("channel") or default_channel
    if channel not in Channel.values:
        raise ItemError(f"channel {channel!r} is unknown (one of {', '.join(Channel.values)})")
    published = data.get("published_at")
    if not isinstance(published, str):
        raise ItemError("published_at is missing (ISO 8601 with a time zone)")
    try:
        published_at = parse_utc(published)
    except ValueError as exc:
        raise ItemError(f"published_at: {exc}") from None
    engagement = data.get("engagement") or {}
    if not isinstance(engagement, dict):
        raise ItemError("engagement must be an object")
    references = data.get("references") or {}
    if not isinstance(references, dict):
        raise ItemError("references must be an object")
    content_type = _text(data, "content_type", limit=40) or "text/plain"
    lang = data.get("lang")
    return RawItem(
        external_id=_text(data, "external_id", limit=MAX_ID_CHARS, required=True),
        text=_text(data, "text", limit=MAX_TEXT_CHARS, required=True),
        published_at=published_at,
        channel=channel,
        content_type="text/html" if "html" in content_type.lower() else "text/plain",
        url=safe_url(data.get("url")),
        title=_text(data, "title", limit=500),
        lang=lang[:8].lower() if isinstance(lang, str) and lang else None,
        author=_author(data.get("author")),
        parent_external_id=_text(data, "parent_external_id", limit=MAX_ID_CHARS) or None,
        engagement={
            key: _count(engagement.get(key), f"engagement.{key}")
            for key in ("likes", "shares", "replies", "views")
            if engagement.get(key) not in (None, "")
        },
        references={str(k)[:40]: str(v)[:100] for k, v in references.items() if v},
        is_brand=bool(data.get("is_brand", False)),
        source=_text(data, "source", limit=120) or None,
        extra={"truth": data["truth"]} if isinstance(data.get("truth"), dict) else {},
    )
