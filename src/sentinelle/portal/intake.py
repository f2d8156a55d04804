"""What happens to a complaint sent through the form: kept first, then turned into a case."""

from __future__ import annotations

import hashlib
import hmac
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from sentinelle.brands.models import Brand
from sentinelle.cases.actions import do_attach_mention, do_open_case
from sentinelle.cases.customers import (
    do_create_customer,
    do_link_author,
    get_customer_by_identifiers,
)
from sentinelle.cases.models import Case
from sentinelle.cases.workflow import OPEN_STATUSES
from sentinelle.core.clock import now
from sentinelle.core.outbox import enqueue_email
from sentinelle.listening.attachments import do_attach_stored_file
from sentinelle.listening.ingest import get_or_create_source, ingest_items
from sentinelle.listening.items import AuthorInfo, RawItem
from sentinelle.listening.models import Mention
from sentinelle.portal.forms import EarlierContact, Wish
from sentinelle.portal.models import PortalSettings, Submission, SubmissionStatus
from sentinelle.portal.tracking import do_create_tracking_link
from sentinelle.portal.uploads import CheckedFile

FORM_SOURCE = "Formulaire de réclamation"


@dataclass(frozen=True)
class Outcome:
    submission: Submission
    case: Case | None = None
    token: str = ""


def client_hash(address: str) -> str:
    """A keyed hash of the client's address: enough to rate-limit, useless to anyone else."""
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def spam_reason(brand: Brand, *, email: str, client: str, honeypot: str) -> str:
    """Why a submission goes to the spam folder, or '' when it looks like a person's."""
    if honeypot:
        return "honeypot field filled in"
    since = now() - timedelta(hours=1)
    recent = Submission.objects.filter(brand=brand, created_at__gte=since)
    if recent.filter(client_hash=client).count() >= settings.PORTAL_MAX_PER_ADDRESS_PER_HOUR:
        return "too many submissions from this address in an hour"
    if recent.filter(email__iexact=email).count() >= settings.PORTAL_MAX_PER_EMAIL_PER_HOUR:
        return "too many submissions from this e-mail address in an hour"
    return ""


def do_receive_submission(
    brand: Brand, *, data: dict[str, Any], files: list[CheckedFile], client: str, reason: str
) -> Submission:
    """Keep everything the customer sent, files included, before anything else can fail."""
    with transaction.atomic():
        submission = Submission.objects.create(
            brand=brand,
            client_hash=client,
            email=data["email"],
            payload=data,
            status=SubmissionStatus.SPAM if reason else SubmissionStatus.RECEIVED,
            reason=reason,
        )
        stored = []
        for checked in files:
            content = checked.upload.read()
            path = default_storage.save(
                f"submissions/{submission.pk}/{uuid.uuid4().hex}{checked.extension}",
                ContentFile(content),
            )
            stored.append(
                {
                    "path": path,
                    "name": checked.name,
                    "content_type": checked.content_type,
                    "size": len(content),
                    "sha256": hashlib.sha256(content).hexdigest(),
                }
            )
        submission.payload = {**data, "files": stored}
        submission.save(update_fields=["payload"])
    return submission


def _mention_text(data: dict[str, Any]) -> str:
    lines = [data["problem"]]
    if data.get("earlier_contact") and data["earlier_contact"] != EarlierContact.NONE:
        contact = str(EarlierContact(data["earlier_contact"]).label)
        when = data.get("earlier_when", "")
        lines.append(_("Earlier contact: %(how)s. %(when)s") % {"how": contact, "when": when})
    if data.get("wish"):
        lines.append(_("The customer would like: %(wish)s") % {"wish": Wish(data["wish"]).label})
    return "\n\n".join(line.strip() for line in lines)


def do_process_submission(submission: Submission, *, tracking_base_url: str) -> Outcome:
    """Turn a kept submission into a mention, a customer, a case and an acknowledgement."""
    brand, data = submission.brand, submission.payload
    portal, _created = PortalSettings.objects.get_or_create(brand=brand)
    with transaction.atomic():
        source = get_or_create_source(brand, FORM_SOURCE, "form")
        item = RawItem(
            external_id=f"F-{submission.pk:06d}",
            text=_mention_text(data),
            published_at=submission.created_at,
            channel="form",
            title=_("Complaint: %(wish)s") % {"wish": Wish(data["wish"]).label},
            author=AuthorInfo(handle=data["email"].lower(), name=data["name"], email=data["email"]),
            references={"order": data["reference"]} if data.get("reference") else {},
            extra={"form": {k: v for k, v in data.items() if k != "files"}},
        )
        ingest_items(source, [item])
        mention = Mention.objects.get(source=source, external_id=item.external_id)
        for stored in data.get("files", []):
            do_attach_stored_file(mention, **stored)
        identifiers = {"email": [data["email"]]}
        if data.get("reference"):
            identifiers["order"] = [data["reference"]]
        customer = get_customer_by_identifiers(brand, identifiers)
        if customer is None:
            customer = do_create_customer(brand, display_name=data["name"], identifiers=identifiers)
        do_link_author(customer, mention.author, reason="complaint form: same e-mail")
        case = _case_for(customer, mention)
        token, link = do_create_tracking_link(case, days=portal.tracking_days)
        url = f"{tracking_base_url.rstrip('/')}/{token}/"
        enqueue_email(
            to=data["email"],
            brand=brand,
            dedupe_key=f"portal-ack-{submission.pk}-{link.pk}",
            **_acknowledgement(brand, case, data, url, link.expires_at),
        )
        submission.status = SubmissionStatus.ACCEPTED
        submission.mention = mention
        submission.save(update_fields=["status", "mention"])
    return Outcome(submission=submission, case=case, token=token)


def _case_for(customer: Any, mention: Mention) -> Case:
    already = Case.objects.filter(mention_links__mention=mention).first()
    if already is not None:
        return already
    open_case = customer.cases.filter(status__in=OPEN_STATUSES).order_by("opened_at").first()
    if open_case is not None:
        return do_attach_mention(open_case, mention, actor=None)
    return do_open_case(
        mention.brand,
        title=mention.text[:120],
        mention=mention,
        customer=customer,
        actor=None,
        reason="complaint form",
    )


def _acknowledgement(brand: Brand, case: Case, data: dict, url: str, expires: Any) -> dict:
    with translation.override(data.get("language") or brand.default_language):
        subject = _("Your complaint %(ref)s has been received") % {"ref": case.reference}
        body = _(
            "Hello %(name)s,\n\nWe have received your complaint (reference %(ref)s). A person "
            "from our team will take charge of it and answer you; you will see their first "
            "name on your tracking page.\n\nFollow your case: %(url)s\nThis link is personal: "
            "do not share it. It expires on %(date)s.\n\n%(brand)s"
        ) % {
            "name": data["name"],
            "ref": case.reference,
            "url": url,
            "date": expires.strftime("%Y-%m-%d"),
            "brand": brand.name,
        }
    return {"subject": subject, "body": body}


def do_mark_submission_failed(submission: Submission, error: Exception) -> None:
    """Keep a submission that could not be processed, with the reason, for a lead to retry."""
    submission.status = SubmissionStatus.FAILED
    submission.reason = f"{type(error).__name__}: {error}"[:200]
    submission.save(update_fields=["status", "reason"])


def do_discard_submission(submission: Submission) -> None:
    """A lead decided a held submission is spam: it stays, marked discarded."""
    submission.status = SubmissionStatus.DISCARDED
    submission.save(update_fields=["status"])
