"""Inbox reads: filtered lists of mentions and cases, and their counts."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlencode

from django.core.cache import cache
from django.db.models import F, QuerySet
from django.http import QueryDict

from sentinelle.brands.models import Brand
from sentinelle.cases.models import Case, CaseStatus
from sentinelle.cases.workflow import OPEN_STATUSES
from sentinelle.core.choices import Channel
from sentinelle.listening.models import Mention

TABS = ("mentions", "cases")
COUNTS_SECONDS = 10


@dataclass(frozen=True)
class InboxFilters:
    tab: str = "mentions"
    channel: str = ""
    language: str = ""
    complaint: str = ""
    status: str = ""
    owner: str = ""
    department: str = ""
    topic: str = ""
    q: str = ""

    @classmethod
    def from_query(cls, query: QueryDict) -> InboxFilters:
        """Read filters from the query string; unknown values are ignored, never trusted."""
        tab = query.get("tab", "mentions")
        channel = query.get("channel", "")
        status = query.get("status", "")
        language = query.get("language", "")
        return cls(
            tab=tab if tab in TABS else "mentions",
            channel=channel if channel in Channel.values else "",
            language=language if language in {"fr", "en", "und", "other"} else "",
            complaint=query.get("complaint", "") if query.get("complaint") in {"1", "0"} else "",
            status=status if status in CaseStatus.values or status == "open" else "",
            owner=_choice(query.get("owner", ""), {"me", "none"}, numeric=True),
            department=_choice(query.get("department", ""), set(), numeric=True),
            topic=query.get("topic", "")[:40] if query.get("topic", "").isidentifier() else "",
            q=query.get("q", "").strip()[:200],
        )

    def as_items(self) -> list[tuple[str, str]]:
        return [(k, v) for k, v in asdict(self).items() if v]

    def query_string(self) -> str:
        return urlencode(self.as_items())


def _choice(value: str, allowed: set[str], *, numeric: bool = False) -> str:
    return value if value in allowed or (numeric and value.isdigit() and len(value) < 12) else ""


def list_inbox_mentions(brand: Brand, filters: InboxFilters) -> QuerySet[Mention]:
    mentions = Mention.objects.filter(brand=brand).select_related("author", "source")
    if filters.channel:
        mentions = mentions.filter(channel=filters.channel)
    if filters.language == "other":
        mentions = mentions.exclude(language__in=["fr", "en", "und"])
    elif filters.language:
        mentions = mentions.filter(language=filters.language)
    if filters.complaint:
        mentions = mentions.filter(is_complaint=filters.complaint == "1")
    if filters.topic:
        mentions = mentions.filter(topic=filters.topic)
    if filters.q:
        mentions = mentions.filter(text__icontains=filters.q)
    return mentions.order_by("-published_at", "-pk")


def list_inbox_cases(brand: Brand, filters: InboxFilters, *, user: Any = None) -> QuerySet[Case]:
    cases = Case.objects.filter(brand=brand).select_related("owner", "customer")
    if filters.status == "open":
        cases = cases.filter(status__in=OPEN_STATUSES)
    elif filters.status:
        cases = cases.filter(status=filters.status)
    if filters.channel:
        cases = cases.filter(channel=filters.channel)
    if filters.language:
        cases = cases.filter(mention_links__mention__language=filters.language).distinct()
    if filters.owner == "me" and user is not None:
        cases = cases.filter(owner=user)
    elif filters.owner == "none":
        cases = cases.filter(owner__isnull=True)
    elif filters.owner:
        cases = cases.filter(owner_id=int(filters.owner))
    if filters.department:
        cases = cases.filter(consulted_departments__id=int(filters.department))
    if filters.topic:
        cases = cases.filter(mention_links__mention__topic=filters.topic).distinct()
    if filters.q:
        cases = cases.filter(title__icontains=filters.q)
    return cases.order_by("-risk_rank", F("sla_due_at").asc(nulls_last=True), "opened_at", "pk")


def count_inbox(brand: Brand) -> dict[str, int]:
    """The inbox counters, cached a few seconds: they are polled, and cost a scan each."""
    key = f"inbox-counts-{brand.pk}"
    counts = cache.get(key)
    if counts is None:
        counts = _count(brand)
        cache.set(key, counts, COUNTS_SECONDS)
    return counts


def _count(brand: Brand) -> dict[str, int]:
    return {
        "mentions": Mention.objects.filter(brand=brand).count(),
        "complaints": Mention.objects.filter(brand=brand, is_complaint=True).count(),
        "open_cases": Case.objects.filter(brand=brand, status__in=OPEN_STATUSES).count(),
        "new_cases": Case.objects.filter(brand=brand, status=CaseStatus.NEW).count(),
    }
