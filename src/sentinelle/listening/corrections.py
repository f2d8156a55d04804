"""Agents correct automatic labels; the correction shows at once and feeds training."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from sentinelle.analysis.analyzers.topic import DEFAULT_TOPICS
from sentinelle.analysis.analyzers.topic import OTHER as OTHER_TOPIC
from sentinelle.brands.models import Brand
from sentinelle.listening.models import LabelCorrection, Mention

SENTIMENTS = {"negative", "neutral", "positive"}
TOPICS = {*DEFAULT_TOPICS, OTHER_TOPIC}


class CorrectionError(ValueError):
    """A correction with a value the label cannot take."""


def _parse(field: str, value: str) -> tuple[str, Any]:
    if field == LabelCorrection.Field.COMPLAINT and value in {"yes", "no"}:
        return "is_complaint", value == "yes"
    if field == LabelCorrection.Field.SEVERITY and value in {"1", "2", "3", "4"}:
        return "severity", int(value)
    if field == LabelCorrection.Field.SENTIMENT and value in SENTIMENTS:
        return "sentiment", value
    if field == LabelCorrection.Field.TOPIC and value in TOPICS:
        return "topic", value
    raise CorrectionError(_("This value is not possible for this label."))


@transaction.atomic
def do_correct_label(mention: Mention, *, field: str, value: str, actor: Any) -> LabelCorrection:
    """Set the label as the agent says, keep what the model said, and record who changed it."""
    column, parsed = _parse(field, value)
    old = getattr(mention, column)
    setattr(mention, column, parsed)
    if column == "is_complaint" and not parsed:
        mention.severity = None
    mention.analysis = {
        **mention.analysis,
        "corrected": {**mention.analysis.get("corrected", {}), field: value},
    }
    mention.save(update_fields=[column, "severity", "analysis"])
    return LabelCorrection.objects.create(
        brand_id=mention.brand_id,
        mention=mention,
        field=field,
        author=actor,
        old_value="" if old is None else str(old).lower(),
        new_value=value,
    )


def list_training_corrections(brand: Brand) -> list[dict[str, Any]]:
    """The brand's corrections as training rows {text, lang, label, value} (latest wins)."""
    latest: dict[tuple[int, str], LabelCorrection] = {}
    for correction in LabelCorrection.objects.filter(brand=brand).select_related("mention"):
        latest.setdefault((correction.mention_id, correction.field), correction)
    return [
        {
            "text": c.mention.text,
            "lang": c.mention.language,
            "label": c.field,
            "value": c.new_value,
        }
        for c in latest.values()
    ]
