"""The only write path for a case's status and owner; each action writes its CaseEvent."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from sentinelle.brands.models import Brand, Department, Membership
from sentinelle.cases.escalation import refresh_case_sla
from sentinelle.cases.models import (
    Case,
    CaseEvent,
    CaseEventKind,
    CaseMention,
    CaseNote,
    CaseStatus,
    Customer,
    Outcome,
)
from sentinelle.cases.stories import do_attach_cases_to_stories
from sentinelle.cases.workflow import can_transition
from sentinelle.core.choices import Channel, RiskLevel
from sentinelle.core.clock import now
from sentinelle.core.outbox import enqueue_email
from sentinelle.listening.models import Mention


class CaseError(Exception):
    """An action the case workflow refuses, with a message an agent can read."""


def _locked(case: Case) -> Case:
    return Case.objects.select_for_update().get(pk=case.pk)


def _move(case: Case, target: str, *, actor: Any, kind: str, **data: Any) -> CaseEvent:
    if not can_transition(case.status, target):
        raise CaseError(
            _("A case cannot go from %(current)s to %(target)s.")
            % {"current": case.get_status_display(), "target": CaseStatus(target).label}
        )
    previous = case.status
    case.status = target
    case.updated_at = now()
    case.save()
    event = CaseEvent.objects.create(
        case=case, kind=kind, actor=actor, from_status=previous, to_status=target, data=data
    )
    refresh_case_sla(case)
    return event


def _next_reference(brand: Brand) -> str:
    Brand.objects.select_for_update().filter(pk=brand.pk).first()
    # The highest reference of the brand (zero-padded: text order is number order), not a
    # count of its cases: read from the (brand, reference) index, not a scan.
    prefix = f"{brand.case_prefix}-"
    last = (
        Case.objects.filter(brand=brand, reference__startswith=prefix)
        .order_by("-reference")
        .values_list("reference", flat=True)
        .first()
    )
    tail = last[len(prefix) :] if last else ""
    number = int(tail) + 1 if tail.isdigit() else Case.objects.filter(brand=brand).count() + 1
    while Case.objects.filter(brand=brand, reference=f"{brand.case_prefix}-{number:06d}").exists():
        number += 1
    return f"{brand.case_prefix}-{number:06d}"


@transaction.atomic
def do_open_case(
    brand: Brand,
    *,
    title: str,
    actor: Any,
    mention: Mention | None = None,
    customer: Customer | None = None,
    risk_level: str = RiskLevel.QUIET,
    reason: str = "",
) -> Case:
    """Open a case, by hand or by a rule, from a mention or for a customer."""
    if mention is not None and mention.brand_id != brand.pk:
        raise CaseError(_("The mention belongs to another brand."))
    if mention is not None and CaseMention.objects.filter(mention=mention).exists():
        raise CaseError(_("This mention is already part of a case."))
    opened_at = now()
    case = Case.objects.create(
        brand=brand,
        reference=_next_reference(brand),
        title=title[:300],
        customer=customer,
        risk_level=risk_level,
        channel=mention.channel if mention else Channel.OTHER,
        opened_at=opened_at,
        updated_at=opened_at,
    )
    CaseEvent.objects.create(
        case=case,
        kind=CaseEventKind.OPENED,
        actor=actor,
        to_status=case.status,
        data={"reason": reason, "mention": mention.pk if mention else None},
    )
    if mention is not None:
        CaseMention.objects.create(case=case, mention=mention)
    case = refresh_case_sla(case)
    if mention is not None and do_attach_cases_to_stories([mention.pk]):
        case.refresh_from_db()  # the case joined its mention's story (and its risk level)
    return case


@transaction.atomic
def do_attach_mention(case: Case, mention: Mention, *, actor: Any) -> Case:
    """Attach a mention to a case; a closed or resolved case reopens."""
    case = _locked(case)
    if mention.brand_id != case.brand_id:
        raise CaseError(_("The mention belongs to another brand."))
    if CaseMention.objects.filter(mention=mention).exists():
        raise CaseError(_("This mention is already part of a case."))
    CaseMention.objects.create(case=case, mention=mention)
    CaseEvent.objects.create(
        case=case, kind=CaseEventKind.MENTION_ATTACHED, actor=actor, data={"mention": mention.pk}
    )
    if do_attach_cases_to_stories([mention.pk]):
        case.refresh_from_db()
    if case.status in {CaseStatus.RESOLVED, CaseStatus.CLOSED, CaseStatus.WAITING}:
        kind = (
            CaseEventKind.RESUMED if case.status == CaseStatus.WAITING else CaseEventKind.REOPENED
        )
        _move(case, CaseStatus.OWNED, actor=actor, kind=kind, mention=mention.pk)
    return case


@transaction.atomic
def do_acknowledge_case(case: Case, *, actor: Any, note: str = "") -> Case:
    """Record that the customer's complaint was acknowledged."""
    case = _locked(case)
    case.acknowledged_at = now()
    _move(case, CaseStatus.ACKNOWLEDGED, actor=actor, kind=CaseEventKind.ACKNOWLEDGED, note=note)
    return case


@transaction.atomic
def do_assign_case(case: Case, *, owner: Any, actor: Any) -> Case:
    """Name the one person who owns the case (a member of its brand, never a group)."""
    case = _locked(case)
    if not Membership.objects.filter(user=owner, brand_id=case.brand_id).exists():
        raise CaseError(
            _("%(user)s is not a member of this brand and cannot own its cases.") % {"user": owner}
        )
    if case.status == CaseStatus.NEW:
        raise CaseError(_("Acknowledge the complaint before naming its owner."))
    previous_owner = case.owner
    case.owner = owner
    if case.status == CaseStatus.ACKNOWLEDGED:
        case.owned_at = now()
        _move(case, CaseStatus.OWNED, actor=actor, kind=CaseEventKind.ASSIGNED, owner=owner.pk)
        return case
    if case.status not in {CaseStatus.OWNED, CaseStatus.WAITING}:
        raise CaseError(_("Reopen the case before changing its owner."))
    case.updated_at = now()
    case.save()
    CaseEvent.objects.create(
        case=case,
        kind=CaseEventKind.ASSIGNED,
        actor=actor,
        data={"owner": owner.pk, "previous_owner": previous_owner.pk if previous_owner else None},
    )
    return case


@transaction.atomic
def do_consult_department(
    case: Case, *, department: Department, actor: Any, note: str = ""
) -> Case:
    """Ask a department (PR, R&D, legal…) for its view; it never becomes the owner."""
    if department.brand_id != case.brand_id:
        raise CaseError(_("The department belongs to another brand."))
    case.consulted_departments.add(department)
    CaseEvent.objects.create(
        case=case,
        kind=CaseEventKind.DEPARTMENT_CONSULTED,
        actor=actor,
        data={"department": department.pk, "note": note},
    )
    return case


@transaction.atomic
def do_wait_on_customer(case: Case, *, actor: Any, note: str = "") -> Case:
    """Pause the case while the customer owes us an answer."""
    case = _locked(case)
    _move(case, CaseStatus.WAITING, actor=actor, kind=CaseEventKind.WAITING, note=note)
    return case


@transaction.atomic
def do_resolve_case(
    case: Case,
    *,
    final_answer: str,
    outcome: str,
    actor: Any,
    compensation: str = "",
    compensation_amount: Decimal | None = None,
) -> Case:
    """Record the final answer, positive or negative, and any compensation."""
    case = _locked(case)
    if not final_answer.strip():
        raise CaseError(_("A case is resolved with a final answer to the customer."))
    if outcome not in Outcome.values:
        raise CaseError(_("The outcome is positive or negative."))
    case.final_answer = final_answer.strip()
    case.outcome = outcome
    case.compensation = compensation
    case.compensation_amount = compensation_amount
    case.resolved_at = now()
    _move(case, CaseStatus.RESOLVED, actor=actor, kind=CaseEventKind.RESOLVED, outcome=outcome)
    return case


@transaction.atomic
def do_close_case(case: Case, *, actor: Any) -> Case:
    """Close a resolved case; a case without a final answer cannot be closed."""
    case = _locked(case)
    if not case.final_answer:
        raise CaseError(_("A case cannot be closed without a final answer."))
    case.closed_at = now()
    _move(case, CaseStatus.CLOSED, actor=actor, kind=CaseEventKind.CLOSED)
    return case


@transaction.atomic
def do_reopen_case(case: Case, *, actor: Any, reason: str) -> Case:
    """Reopen a resolved or closed case, with its owner kept in charge."""
    case = _locked(case)
    case.resolved_at = None
    case.closed_at = None
    _move(case, CaseStatus.OWNED, actor=actor, kind=CaseEventKind.REOPENED, reason=reason)
    return case


@transaction.atomic
def do_record_answer(case: Case, *, actor: Any, channel: str) -> Case:
    """Record that an answer went to the customer (the first one stops that SLA clock)."""
    case = _locked(case)
    if case.first_answered_at is None:
        case.first_answered_at = now()
    case.updated_at = now()
    case.save()
    CaseEvent.objects.create(
        case=case, kind=CaseEventKind.ANSWERED, actor=actor, data={"channel": channel}
    )
    return refresh_case_sla(case)


MENTION = re.compile(r"(?<![\w@])@([\w.+-]{2,150})")


@transaction.atomic
def do_add_note(case: Case, *, author: Any, text: str) -> CaseNote:
    """Add an internal note; colleagues named with @username are told by e-mail."""
    text = text.strip()[:10_000]
    if not text:
        raise CaseError(_("A note cannot be empty."))
    note = CaseNote.objects.create(case=case, author=author, text=text)
    names = {m.lower() for m in MENTION.findall(text)}
    members = Membership.objects.filter(brand_id=case.brand_id).select_related("user")
    mentioned = [m.user for m in members if m.user.get_username().lower() in names]
    note.mentioned.set(mentioned)
    CaseEvent.objects.create(
        case=case,
        kind=CaseEventKind.NOTE,
        actor=author,
        data={"note": note.pk, "mentioned": [u.pk for u in mentioned]},
    )
    for user in mentioned:
        if user.email and user != author:
            enqueue_email(
                to=user.email,
                brand=case.brand,
                dedupe_key=f"note-{note.pk}-{user.pk}",
                subject=_("%(who)s mentioned you on %(ref)s")
                % {"who": author.get_full_name() or author.get_username(), "ref": case.reference},
                body=f"{case.reference} — {case.title}\n\n{text}",
            )
    return note
