"""Keep each open case's next SLA due time current; warn the owner, escalate breaches to leads."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from sentinelle.brands.models import Membership, Role
from sentinelle.cases.models import Case, CaseStatus
from sentinelle.cases.sla import ClockState, case_clocks, next_due
from sentinelle.cases.workflow import OPEN_STATUSES
from sentinelle.core.outbox import enqueue_email

SEVERITY = [ClockState.BREACHED, ClockState.MISSED, ClockState.WARNING, ClockState.RUNNING]


def refresh_case_sla(case: Case) -> Case:
    """Store the next due time and the worst clock state; queue warnings and escalations."""
    clocks = case_clocks(case)
    states = {c.state for c in clocks}
    worst = next((s for s in SEVERITY if s in states), "")
    Case.objects.filter(pk=case.pk).update(sla_due_at=next_due(clocks), sla_state=worst)
    case.sla_due_at, case.sla_state = next_due(clocks), worst
    if case.status not in {CaseStatus.RESOLVED, CaseStatus.CLOSED}:
        for clock in clocks:
            if clock.state == ClockState.BREACHED:
                _escalate(case, clock.target)
            elif clock.state == ClockState.WARNING and case.owner_id and case.owner.email:
                _notify(case, [case.owner.email], clock.target, warning=True)
    return case


def _escalate(case: Case, target: str) -> None:
    leads = Membership.objects.filter(brand_id=case.brand_id, role__in=[Role.LEAD, Role.ADMIN])
    emails = [m.user.email for m in leads.select_related("user") if m.user.email]
    _notify(case, emails, target, warning=False)


def _notify(case: Case, emails: list[str], target: str, *, warning: bool) -> None:
    with translation.override(case.brand.default_language):
        if warning:
            subject = _("SLA warning on %(ref)s (%(target)s)")
        else:
            subject = _("SLA breached on %(ref)s (%(target)s)")
        subject = subject % {"ref": case.reference, "target": target}
        body = _("Case %(ref)s: %(title)s") % {"ref": case.reference, "title": case.title}
    kind = "warn" if warning else "breach"
    for email in emails:
        enqueue_email(
            to=email,
            subject=subject,
            body=body,
            brand=case.brand,
            dedupe_key=f"sla-{kind}-{case.pk}-{target}-{email}"[:200],
        )


def refresh_open_cases(*, limit: int = 1000) -> int:
    """Refresh every open case's clocks (run by the loop of `sentinelle run`)."""
    cases = Case.objects.filter(status__in=OPEN_STATUSES).select_related("brand", "owner")
    count = 0
    for case in cases.order_by("sla_due_at")[:limit]:
        refresh_case_sla(case)
        count += 1
    return count
