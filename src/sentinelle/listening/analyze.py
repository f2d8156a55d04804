"""Run the analysis pipeline over stored mentions, in batches, and keep its labels."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db import connection

from sentinelle.core.clock import now
from sentinelle.listening.models import Mention
from sentinelle.listening.steps import run_after_store

MAX_ANALYZED_CHARS = 20_000
FIELDS = [
    "analysis",
    "analyzed_at",
    "language",
    "is_complaint",
    "complaint_score",
    "severity",
    "sentiment",
    "sentiment_score",
    "topic",
]


@lru_cache(maxsize=1)
def get_pipeline() -> Any:
    """The pipeline named in the settings, loaded once per process (models are heavy)."""
    from sentinelle.analysis.pipeline import build_pipeline

    return build_pipeline(settings.SENTINELLE_ANALYSIS)


def analyze_mentions(mentions: Sequence[Mention]) -> int:
    """Label the mentions and store the labels; returns how many were analysed."""
    if not mentions or not settings.SENTINELLE_ANALYSIS_ENABLED:
        return 0
    items = [
        {
            "id": str(m.pk),
            "text": f"{m.title}\n{m.text}".strip()[:MAX_ANALYZED_CHARS],
            "lang": None if m.language == "und" else m.language,
        }
        for m in mentions
    ]
    analyses = get_pipeline().analyze_batch(items)
    stamp = now()
    for mention, analysis in zip(mentions, analyses, strict=True):
        labels = analysis.to_dict()
        mention.analysis = labels
        mention.analyzed_at = stamp
        mention.language = labels["language"] or "und"
        # The brand's own posts are analysed but never counted as complaints.
        mention.is_complaint = False if mention.is_from_brand else labels["complaint"]
        mention.complaint_score = labels["complaint_score"]
        mention.severity = labels["severity"] if mention.is_complaint else None
        mention.sentiment = labels["sentiment"] or ""
        mention.sentiment_score = labels["sentiment_score"]
        mention.topic = labels["topic"] or ""
    _save_labels(mentions)
    return len(mentions)


def _save_labels(mentions: Sequence[Mention]) -> None:
    """One UPDATE per mention sent as a batch (executemany): what bulk_update does, without
    its CASE WHEN per field and row, which costs more than the analysis itself."""
    fields = [Mention._meta.get_field(name) for name in FIELDS]
    table = connection.ops.quote_name(Mention._meta.db_table)
    columns = ", ".join(f"{connection.ops.quote_name(f.column)} = %s" for f in fields)
    rows = [
        [f.get_db_prep_save(getattr(m, f.attname), connection) for f in fields] + [m.pk]
        for m in mentions
    ]
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET {columns} WHERE id = %s", rows)  # noqa: S608


def analyze_pending(*, batch_size: int = 500) -> int:
    """Mentions stored while analysis was unavailable go through the after-store steps again
    (analysis, then case rules, which need the labels); returns how many were pending."""
    if not settings.SENTINELLE_ANALYSIS_ENABLED:
        return 0
    pending = list(
        Mention.objects.filter(analyzed_at__isnull=True)
        .select_related("author", "brand")
        .order_by("pk")[:batch_size]
    )
    run_after_store(pending)
    return len(pending)
