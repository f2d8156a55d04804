"""The mention as the grouper and the risk scorer see it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class MentionRecord:
    """One mention; ``published_at`` must be aware, ``parent_id`` names a mention's parent."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    channel: str = "web"
    source: str = ""
    author: str = ""
    followers: int | None = None
    published_at: datetime = datetime(1970, 1, 1, tzinfo=UTC)
    lang: str = "und"
    is_complaint: bool = False
    severity: int = 0  # 0 none … 3 safety / legal
    signals: tuple[str, ...] = ()  # "double_deviation", "threat_media", "threat_legal", …
    engagement: int = 0  # likes + shares + replies
    parent_id: str | None = None
    is_brand: bool = False
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if self.published_at.tzinfo is None:
            raise ValueError("published_at must be an aware datetime")

    @property
    def epoch(self) -> float:
        return self.published_at.timestamp()


def parse_time(value: str) -> datetime:
    """An ISO 8601 timestamp ("Z" allowed) as an aware UTC datetime."""
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError(f"naive timestamp: {value}")
    return moment.astimezone(UTC)


def record_from_item(item: dict[str, Any]) -> MentionRecord:
    """A record from one line of the JSONL import format (the demo week's shape).

    Complaint and severity come from ``analysis`` when present, else from the demo's ``truth``
    (the replays use the truth so that grouping and risk are measured apart from the classifiers).
    """
    author = item.get("author") or {}
    labels = item.get("analysis") or item.get("truth") or {}
    eng = item.get("engagement") or {}
    handle = author.get("handle") or author.get("email") or author.get("name") or ""
    return MentionRecord(
        id=str(item.get("external_id") or item.get("id")),
        text=item.get("text") or "",
        title=item.get("title"),
        url=item.get("url"),
        channel=item.get("channel") or "web",
        source=item.get("source") or "",
        author=f"{item.get('source', '')}|{handle}",
        followers=author.get("followers"),
        published_at=parse_time(item["published_at"]),
        lang=item.get("lang") or labels.get("lang") or "und",
        is_complaint=bool(labels.get("complaint")),
        severity=int(labels.get("severity") or 0),
        signals=tuple(labels.get("signals") or ()),
        engagement=sum(int(eng.get(k) or 0) for k in ("likes", "shares", "replies")),
        parent_id=item.get("parent_external_id"),
        is_brand=bool(item.get("is_brand")),
    )
