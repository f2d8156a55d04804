"""The write path for replies to customers."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from sentinelle.cases.actions import CaseError, do_record_answer
from sentinelle.cases.models import Case
from sentinelle.core.outbox import enqueue_email
from sentinelle.listening.items import ItemError, safe_url
from sentinelle.replies.models import Reply, ReplyChannel

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


@transaction.atomic
def do_send_reply(case: Case, *, author: Any, text: str) -> Reply:
    """Record a reply on the case; it goes by e-mail when the customer left an address, and
    always shows on their tracking page."""
    text = text.strip()
    if not text:
        raise CaseError(_("A reply cannot be empty."))
    if len(text) > MAX_REPLY_CHARS:
        raise CaseError(_("A reply is at most 10,000 characters."))
    email = None
    if case.customer_id:
        email = (
            case.customer.identifiers.filter(kind="email").values_list("value", flat=True).first()
        )
    reply = Reply.objects.create(
        brand_id=case.brand_id,
        case=case,
        author=author,
        text=text,
        channel=ReplyChannel.EMAIL if email else ReplyChannel.PORTAL,
    )
    if email:
        signature = author.get_full_name() or author.get_username()
        enqueue_email(
            to=email,
            brand=case.brand,
            dedupe_key=f"reply-{reply.pk}",
            subject=_("About your complaint %(ref)s") % {"ref": case.reference},
            body=f"{text}\n\n{signature}\n{case.brand.name}",
        )
    do_record_answer(case, actor=author, channel=reply.channel)
    return reply
