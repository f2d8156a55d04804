"""What resolved cases are compared on, and the per-brand text index kept between requests.

A case's profile is its text (title, then its messages), its topic, severity and channel. The
text index is a TF-IDF over character n-grams of the brand's most recently resolved cases.
Fitting is the costly part, so the index is kept in the process and follows resolutions
incrementally: a new resolution is transformed and appended, a reopened case is dropped, and
the vectoriser is refitted only when a quarter of the rows came after the fit, or after a day.
"""

from __future__ import annotations

import threading
import uuid
from collections import Counter, OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Max, QuerySet
from django.db.models.functions import Substr

from sentinelle.cases.models import Case, CaseStatus
from sentinelle.core.clock import now
from sentinelle.listening.models import Mention

#: The most recently resolved cases a brand compares against: the cost stays bounded.
MAX_PRECEDENT_CASES = 2000
#: The text of a case that is compared (its title, then its messages, oldest first).
MAX_CHARS_PER_CASE = 1200
REFIT_AFTER = timedelta(days=1)
CACHED_BRANDS = 4
RESOLVED = (CaseStatus.RESOLVED, CaseStatus.CLOSED)
OTHER_TOPIC = "other"

Row = tuple[int, str, str, datetime]  # pk, title, channel, resolved_at


@dataclass(frozen=True)
class Profile:
    """What is compared between two cases."""

    text: str
    topic: str
    severity: int | None
    channel: str


def _gather(rows: Sequence[Row], mentions: QuerySet[Mention]) -> list[Profile]:
    """Profiles of the cases in `rows`, from their mentions."""
    parts: dict[int, list[str]] = {row[0]: [row[1]] for row in rows}
    topics: dict[int, Counter[str]] = {row[0]: Counter() for row in rows}
    severity: dict[int, int] = {}
    found = (
        mentions.annotate(head=Substr("text", 1, MAX_CHARS_PER_CASE))
        .order_by("published_at", "pk")
        .values_list("case_link__case_id", "title", "head", "topic", "severity")
    )
    for case_id, title, head, topic, level in found:
        if case_id not in parts:
            continue
        if sum(map(len, parts[case_id])) < MAX_CHARS_PER_CASE:
            parts[case_id].append(f"{title} {head}")
        if topic and topic != OTHER_TOPIC:
            topics[case_id][topic] += 1
        if level:
            severity[case_id] = max(severity.get(case_id, 0), level)
    return [
        Profile(
            text=" ".join(parts[pk])[:MAX_CHARS_PER_CASE],
            topic=topics[pk].most_common(1)[0][0] if topics[pk] else OTHER_TOPIC,
            severity=severity.get(pk),
            channel=channel,
        )
        for pk, _, channel, _ in rows
    ]


def get_profile(case: Case) -> Profile:
    """The profile of one case, from its own messages."""
    row = (case.pk, case.title, case.channel, case.resolved_at or now())
    return _gather([row], Mention.objects.filter(case_link__case=case))[0]


@dataclass(frozen=True)
class PrecedentIndex:
    """The brand's resolved cases, most recent first at fit time, and their text vectors."""

    signature: tuple[Any, ...]
    fitted_at: datetime
    fitted_ids: frozenset[int]
    ids: list[int]
    resolved_at: list[datetime]
    profiles: list[Profile]
    vectorizer: Any
    matrix: Any

    def similarities(self, text: str) -> list[float]:
        """Cosine similarity of `text` with every row (0 when there is no text to compare)."""
        if self.vectorizer is None:
            return [0.0] * len(self.ids)
        query = self.vectorizer.transform([text])
        return (self.matrix @ query.T).toarray().ravel().tolist()  # rows are L2-normalised


_INDEXES: OrderedDict[int, PrecedentIndex | None] = OrderedDict()
_LOCK = threading.Lock()


def _signature(brand_id: int) -> tuple[Any, ...]:
    """Changes whenever a case of the brand is resolved, reopened or re-resolved; the token
    changes when the Django cache is cleared."""
    token = cache.get_or_set(f"precedent-index-{brand_id}", lambda: uuid.uuid4().hex, None)
    seen = Case.objects.filter(brand_id=brand_id, status__in=RESOLVED).aggregate(
        n=Count("pk"), last=Max("resolved_at"), touched=Max("updated_at"), top=Max("pk")
    )
    return (token, seen["n"], seen["last"], seen["touched"], seen["top"])


def _latest_resolved(brand_id: int) -> QuerySet[Case]:
    resolved = Case.objects.filter(brand_id=brand_id, status__in=RESOLVED)
    return resolved.order_by("-resolved_at", "-pk")[:MAX_PRECEDENT_CASES]


def _fit(brand_id: int, signature: tuple[Any, ...], rows: list[Row]) -> PrecedentIndex:
    mentions = Mention.objects.filter(case_link__case__in=_latest_resolved(brand_id).values("pk"))
    profiles = _gather(rows, mentions)
    import numpy as np  # heavy: loaded on first use
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer: Any = TfidfVectorizer(
        analyzer="char_wb",
        ngram_range=(3, 5),
        strip_accents="unicode",
        sublinear_tf=True,
        max_features=100_000,
        dtype=np.float32,
    )
    try:
        matrix = vectorizer.fit_transform([p.text for p in profiles])
    except ValueError:  # no text at all: only topic, severity and channel can match
        vectorizer = matrix = None
    return PrecedentIndex(
        signature,
        now(),
        frozenset(r[0] for r in rows),
        [r[0] for r in rows],
        [r[3] for r in rows],
        profiles,
        vectorizer,
        matrix,
    )


def _follow(
    brand_id: int, index: PrecedentIndex, signature: tuple[Any, ...], rows: list[Row]
) -> PrecedentIndex:
    """The index with reopened cases dropped and new resolutions appended, or refitted."""
    current = {r[0]: r for r in rows}
    known = set(index.ids)
    added = [r for r in rows if r[0] not in known]
    keep = [i for i, pk in enumerate(index.ids) if pk in current]
    appended = sum(index.ids[i] not in index.fitted_ids for i in keep) + len(added)
    if (
        index.vectorizer is None
        or now() - index.fitted_at > REFIT_AFTER
        or appended > len(index.fitted_ids) // 4
    ):
        return _fit(brand_id, signature, rows)
    from scipy.sparse import vstack

    matrix = index.matrix[keep]
    profiles = [index.profiles[i] for i in keep]
    if added:
        mentions = Mention.objects.filter(case_link__case_id__in=[r[0] for r in added])
        new = _gather(added, mentions)
        matrix = vstack([matrix, index.vectorizer.transform([p.text for p in new])]).tocsr()
        profiles += new
    ids = [index.ids[i] for i in keep] + [r[0] for r in added]
    return PrecedentIndex(
        signature,
        index.fitted_at,
        index.fitted_ids,
        ids,
        [current[pk][3] for pk in ids],
        profiles,
        index.vectorizer,
        matrix,
    )


def get_precedent_index(brand_id: int) -> PrecedentIndex | None:
    """The brand's index, up to date with its resolutions; None when nothing is resolved."""
    signature = _signature(brand_id)
    with _LOCK:
        index = _INDEXES.get(brand_id)
        if brand_id in _INDEXES:
            _INDEXES.move_to_end(brand_id)
    if index is not None and index.signature == signature:
        return index
    rows = list(_latest_resolved(brand_id).values_list("pk", "title", "channel", "resolved_at"))
    if not rows:
        fresh = None
    elif index is None or index.signature[0] != signature[0]:
        fresh = _fit(brand_id, signature, rows)
    else:
        fresh = _follow(brand_id, index, signature, rows)
    with _LOCK:
        _INDEXES[brand_id] = fresh
        _INDEXES.move_to_end(brand_id)
        while len(_INDEXES) > CACHED_BRANDS:
            _INDEXES.popitem(last=False)
    return fresh
