"""For leads: how consistently each topic's cases were compensated over a period."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import QuerySet

from sentinelle.brands.models import Brand
from sentinelle.cases.models import Case
from sentinelle.cases.remedies import (
    MAX_REPORT_CASES,
    OTHER_TOPIC,
    RESOLVED,
    WIDEN,
    quantile,
    was_compensated,
)
from sentinelle.listening.models import Mention


@dataclass(frozen=True)
class TopicDispersion:
    """One row of the report; amount figures cover the cases paid an amount (above zero)."""

    topic: str
    count: int
    compensated: int
    paid: int
    minimum: Decimal | None = None
    q1: Decimal | None = None
    median: Decimal | None = None
    q3: Decimal | None = None
    maximum: Decimal | None = None
    cv: float | None = None
    outliers: int = 0

    @property
    def share(self) -> float:
        return self.compensated / self.count if self.count else 0.0


def _dominant_topics(cases: list[int], chosen: QuerySet[Case]) -> dict[int, str]:
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    rows = Mention.objects.filter(case_link__case__in=chosen.values("pk")).values_list(
        "case_link__case_id", "topic"
    )
    for case_id, topic in rows.iterator(chunk_size=2000):
        if topic and topic != OTHER_TOPIC:
            counts[case_id][topic] += 1
    return {pk: counts[pk].most_common(1)[0][0] if counts[pk] else OTHER_TOPIC for pk in cases}


def _row(topic: str, cases: list[tuple[Decimal | None, str]]) -> TopicDispersion:
    paid = sorted(a for a, _ in cases if a is not None and a > 0)
    compensated = sum(was_compensated(a, text) for a, text in cases)
    if not paid:
        return TopicDispersion(topic, len(cases), compensated, 0)
    q1, q3 = quantile(paid, 0.25), quantile(paid, 0.75)
    mean = statistics.fmean(float(a) for a in paid)
    cv = statistics.stdev(float(a) for a in paid) / mean if len(paid) > 1 and mean else None
    low, high = q1 / WIDEN, q3 * WIDEN
    return TopicDispersion(
        topic,
        len(cases),
        compensated,
        len(paid),
        minimum=paid[0],
        q1=q1,
        median=quantile(paid, 0.5),
        q3=q3,
        maximum=paid[-1],
        cv=round(cv, 2) if cv is not None else None,
        outliers=sum(a < low or a > high for a in paid) if len(paid) >= 3 else 0,
    )


def list_compensation_dispersion(
    brand: Brand, *, since: datetime, until: datetime
) -> list[TopicDispersion]:
    """Per topic, for cases resolved in [since, until): how many, how many compensated, and
    the spread of amounts (quartiles, extremes, coefficient of variation, outliers outside the
    warning range). The last row covers every topic; topics with the most cases come first."""
    chosen = Case.objects.filter(
        brand=brand, status__in=RESOLVED, resolved_at__gte=since, resolved_at__lt=until
    ).order_by("-resolved_at", "-pk")[:MAX_REPORT_CASES]
    rows = list(chosen.values_list("pk", "compensation_amount", "compensation"))
    topics = _dominant_topics([pk for pk, _, _ in rows], chosen)
    by_topic: dict[str, list[tuple[Decimal | None, str]]] = defaultdict(list)
    for pk, amount, text in rows:
        by_topic[topics[pk]].append((amount, text))
    report = [_row(topic, cases) for topic, cases in by_topic.items()]
    report.sort(key=lambda r: (-r.count, r.topic))
    if rows:
        report.append(_row("", [(a, t) for _, a, t in rows]))
    return report
