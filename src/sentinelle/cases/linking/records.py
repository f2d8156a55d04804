"""The records the linker compares and the decisions it returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

Decision = Literal["link", "suggest", "none"]


@dataclass(slots=True)
class AuthorRecord:
    """One account as the linker sees it: who it says it is and what it wrote."""

    key: str
    platform: str
    handle: str = ""
    display_name: str = ""
    profile_url: str = ""
    email: str = ""
    texts: list[str] = field(default_factory=list)
    references: set[str] = field(default_factory=set)
    first_seen: datetime | None = None
    last_seen: datetime | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AuthorRecord:
        """A record from its JSON form (dates as ISO 8601 strings)."""
        return cls(
            key=str(data["key"]),
            platform=data.get("platform", ""),
            handle=data.get("handle", ""),
            display_name=data.get("display_name", ""),
            profile_url=data.get("profile_url", ""),
            email=data.get("email", ""),
            texts=list(data.get("texts", [])),
            references=set(data.get("references", [])),
            first_seen=_date(data.get("first_seen")),
            last_seen=_date(data.get("last_seen")),
        )


def _date(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


@dataclass(frozen=True, slots=True)
class Evidence:
    """One clue for or against two records being the same person."""

    kind: str
    weight: float  # in [0, 1]; negative kinds lower the score instead
    reason: str
    strong: bool = False  # strong evidence alone is enough to link automatically


@dataclass(frozen=True, slots=True)
class LinkDecision:
    """Whether to link two authors automatically, suggest it to an agent, or do nothing."""

    decision: Decision
    score: float
    reasons: list[str]


@dataclass(slots=True)
class Group:
    """Authors linked into one customer, and why each link was made."""

    keys: list[str]
    reasons: dict[tuple[str, str], list[str]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A pair an agent should confirm or reject."""

    a: str
    b: str
    score: float
    reasons: list[str]
