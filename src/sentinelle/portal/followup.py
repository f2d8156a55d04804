"""What a customer adds from the tracking page, and what they see there."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from sentinelle.cases.actions import do_attach_mention
from sentinelle.cases.models import Case
from sentinelle.listening.ingest import get_or_create_source, ingest_items
from sentinelle.listening.items import AuthorInfo, RawItem
from sentinelle.listening.models import Mention
from sentinelle.portal.intake import FORM_SOURCE
from sentinelle.portal.models import Submission, SubmissionStatus
from sentinelle.replies.models import Reply, ReplyStatus


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    from_customer: bool
    text: str
    who: str


def do_add_follow_up(case: Case, *, message: str, client: str) -> Mention:
    """Keep the customer's message, then add it to their case as a mention."""
    email = (
        case.customer.identifiers.filter(kind="email").values_list("value", flat=True).first()
        if case.customer_id
        else None
    )
    email = email or "unknown@invalid"
    with transaction.atomic():
        submission = Submission.objects.create(
            brand=case.brand,
            client_hash=client,
            email=email,
            payload={"follow_up": message, "case": case.reference},
        )
        source = get_or_create_source(case.brand, FORM_SOURCE, "form")
        item = RawItem(
            external_id=f"F-{submission.pk:06d}",
            text=message,
            published_at=submission.created_at,
            channel="form",
            title=_("Follow-up on %(ref)s") % {"ref": case.reference},
            author=AuthorInfo(
                handle=email,
                name=case.customer.display_name if case.customer_id else "",
                email=email,
            ),
        )
        ingest_items(source, [item])
        mention = Mention.objects.get(source=source, external_id=item.external_id)
        do_attach_mention(case, mention, actor=None)
        submission.status = SubmissionStatus.ACCEPTED
        submission.mention = mention
        submission.save(update_fields=["status", "mention"])
    return mention


def list_customer_timeline(case: Case) -> list[TimelineEntry]:
    """The customer's own form messages and the replies sent to them; never internal notes."""
    entries = [
        TimelineEntry(m.published_at, True, m.text, _("You"))
        for m in Mention.objects.filter(case_link__case=case, channel="form").order_by("pk")
    ]
    entries += [
        TimelineEntry(r.sent_at, False, r.text, r.author.first_name or case.brand.name)
        for r in Reply.objects.filter(case=case, status=ReplyStatus.SENT).select_related("author")
    ]
    return sorted(entries, key=lambda e: e.at)
