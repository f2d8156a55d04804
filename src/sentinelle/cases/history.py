"""A customer's history across channels, and the double deviation it may show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from sentinelle.cases.models import Case, Outcome
from sentinelle.listening.models import Mention

#: An earlier contact counts as unanswered when nothing came back within this delay.
ANSWER_DELAY = timedelta(hours=48)


@dataclass(frozen=True)
class DoubleDeviation:
    reasons: list[str]

    def __bool__(self) -> bool:
        return bool(self.reasons)


def list_customer_mentions(case: Case) -> QuerySet[Mention]:
    """The case's messages and everything its customer wrote, every channel, oldest first."""
    mine = Q(case_link__case=case)
    if case.customer_id is not None:
        mine |= Q(author__customer_link__customer_id=case.customer_id)
    return Mention.objects.filter(mine).distinct().select_related("author").order_by("published_at")


def _answered(mention: Mention) -> bool:
    """Whether the brand answered: a reply under the post, or a reply on its case."""
    deadline = mention.published_at + ANSWER_DELAY
    if mention.replies.filter(is_from_brand=True, published_at__lte=deadline).exists():
        return True
    return Case.objects.filter(
        mention_links__mention=mention, replies__sent_at__lte=deadline
    ).exists()


def detect_double_deviation(case: Case, mentions: list[Mention] | None = None) -> DoubleDeviation:
    """The product failed, then we failed the customer: evidence, in plain words.

    `mentions` is the customer's history when the caller already has it."""
    reasons: list[str] = []
    if mentions is None:
        mentions = list(list_customer_mentions(case))
    for mention in mentions:
        for signal in mention.analysis.get("signals", []):
            if signal.get("kind") == "double_deviation":
                quotes = ", ".join(f"« {e['text']} »" for e in signal.get("evidence", [])[:2])
                reasons.append(_("The customer says so: %(quotes)s") % {"quotes": quotes})
                break
    earlier = [m for m in mentions if m.published_at < case.opened_at - ANSWER_DELAY]
    for mention in earlier:
        if not _answered(mention):
            reasons.append(
                _("Unanswered: %(channel)s of %(date)s")
                % {
                    "channel": mention.get_channel_display(),
                    "date": f"{mention.published_at:%d/%m}",
                }
            )
    if case.customer_id:
        failed = Case.objects.filter(customer_id=case.customer_id, outcome=Outcome.NEGATIVE)
        for other in failed.exclude(pk=case.pk):
            reasons.append(_("Earlier case %(ref)s ended negatively") % {"ref": other.reference})
    return DoubleDeviation(reasons)
