"""The write path for replies to customers."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from sentinelle.brands.models import Membership, Role
from sentinelle.cases.actions import CaseError, do_record_answer
from sentinelle.cases.models import Case
from sentinelle.core.choices import RISK_ORDER
from sentinelle.core.clock import now
from sentinelle.core.outbox import enqueue_email
from sentinelle.listening.items import ItemError, safe_url
from sentinelle.replies.models import Reply, ReplyChannel, ReplyPolicy, ReplyStatus
from sentinelle.stories.models import Story

MAX_REPLY_CHARS = 10_000


@transaction.atomic
def do_record_platform_answer(case: Case, *, author: Any, text: str, link: str) -> Reply:
    """Record an answer the agent gave on the platform itself (a comment, a DM), with its link."""
    text = text.strip()
    if not text:
        raise CaseError(_("A reply cannot be empty."))
    try:
        link = safe_url(link, "link")
    except ItemError:
        raise CaseError(_("The link must be an http or https address.")) from None
    reply = Reply.objects.create(
        brand_id=case.brand_id,
        case=case,
        author=author,
        text=text[:MAX_REPLY_CHARS],
        channel=ReplyChannel.PLATFORM,
        link=link,
    )
    do_record_answer(case, actor=author, channel=reply.channel)
    return reply


def _customer_email(case: Case) -> str | None:
    if not case.customer_id:
        return None
    return case.customer.identifiers.filter(kind="email").values_list("value", flat=True).first()


def get_reply_policy(brand: Any) -> ReplyPolicy:
    """The brand's reply policy, created with the defaults on first use."""
    policy, _created = ReplyPolicy.objects.get_or_create(brand=brand)
    return policy


def needs_approval(case: Case) -> bool:
    """Whether the brand wants a lead to approve replies on this case's story first."""
    policy = ReplyPolicy.objects.filter(brand_id=case.brand_id).first()
    if policy is None or policy.approval == ReplyPolicy.Approval.NEVER or not case.story_id:
        return False
    level = Story.objects.filter(pk=case.story_id).values_list("risk_level", flat=True).first()
    return RISK_ORDER.get(level or "", 0) >= RISK_ORDER[policy.approval]


@transaction.atomic
def do_send_reply(case: Case, *, author: Any, text: str) -> Reply:
    """Record a reply on the case; it goes by e-mail when the customer left an address, and
    always shows on their tracking page. On a story the brand watches closely, it waits for
    a lead's approval first (see `ReplyPolicy`)."""
    text = text.strip()
    if not text:
        raise CaseError(_("A reply cannot be empty."))
    if len(text) > MAX_REPLY_CHARS:
        raise CaseError(_("A reply is at most 10,000 characters."))
    email = _customer_email(case)
    pending = needs_approval(case) and not author_may_approve(case, author)
    reply = Reply.objects.create(
        brand_id=case.brand_id,
        case=case,
        author=author,
        text=text,
        channel=ReplyChannel.EMAIL if email else ReplyChannel.PORTAL,
        status=ReplyStatus.PENDING if pending else ReplyStatus.SENT,
    )
    if not pending:
        _deliver(reply, case, email)
    return reply


def _deliver(reply: Reply, case: Case, email: str | None) -> None:
    if email:
        signature = reply.author.get_full_name() or reply.author.get_username()
        enqueue_email(
            to=email,
            brand=case.brand,
            dedupe_key=f"reply-{reply.pk}",
            subject=_("About your complaint %(ref)s") % {"ref": case.reference},
            body=f"{reply.text}\n\n{signature}\n{case.brand.name}",
        )
    do_record_answer(case, actor=reply.author, channel=reply.channel)


def author_may_approve(case: Case, user: Any) -> bool:
    """Leads and admins approve replies, their own included."""
    return Membership.objects.filter(
        brand_id=case.brand_id, user=user, role__in=[Role.LEAD, Role.ADMIN]
    ).exists()


@transaction.atomic
def do_review_reply(reply: Reply, *, reviewer: Any, approve: bool, note: str = "") -> Reply:
    """A lead approves a waiting reply (it is sent now) or sends it back with a note."""
    reply = Reply.objects.select_for_update().get(pk=reply.pk)
    if reply.status != ReplyStatus.PENDING:
        raise CaseError(_("This reply is not waiting for approval any more."))
    case = Case.objects.get(pk=reply.case_id)
    reply.reviewed_by = reviewer
    reply.reviewed_at = now()
    reply.review_note = note.strip()[:2000]
    if approve:
        reply.status = ReplyStatus.SENT
        reply.sent_at = now()
    else:
        reply.status = ReplyStatus.REJECTED
    reply.save(update_fields=["status", "sent_at", "reviewed_by", "reviewed_at", "review_note"])
    if approve:
        _deliver(
            reply, case, _customer_email(case) if reply.channel == ReplyChannel.EMAIL else None
        )
    return reply
