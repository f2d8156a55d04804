"""SLA clocks of a case, computed from its event log: paused while waiting on the customer,
stopped at resolution, each target on its own clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sentinelle.cases.calendar import BusinessCalendar
from sentinelle.cases.models import Case, CaseEventKind, CaseStatus, SlaPolicy
from sentinelle.core.clock import now

RUNNING = {CaseStatus.NEW, CaseStatus.ACKNOWLEDGED, CaseStatus.OWNED}


class ClockState(StrEnum):
    MET = "met"
    MISSED = "missed"
    RUNNING = "running"
    WARNING = "warning"
    BREACHED = "breached"
    PAUSED = "paused"


@dataclass(frozen=True)
class Clock:
    target: str
    state: ClockState
    limit_minutes: int
    used_minutes: float
    due_at: datetime | None  # None when met, missed or paused


def policy_for(case: Case) -> SlaPolicy | None:
    """The most specific policy of the case's brand for its risk level and channel."""
    candidates = SlaPolicy.objects.filter(brand_id=case.brand_id)
    best, best_rank = None, -1
    for policy in candidates:
        if policy.risk_level and policy.risk_level != case.risk_level:
            continue
        if policy.channel and policy.channel != case.channel:
            continue
        rank = bool(policy.risk_level) * 2 + bool(policy.channel)
        if rank > best_rank:
            best, best_rank = policy, rank
    return best


def _running_spans(case: Case, until: datetime) -> list[tuple[datetime, datetime]]:
    """When the case's clocks run: open and not waiting on the customer, not resolved."""
    spans, status, since = [], CaseStatus.NEW, case.opened_at
    for event in case.events.order_by("at", "pk"):
        if not event.to_status or event.at > until:
            continue
        if status in RUNNING and event.to_status not in RUNNING:
            spans.append((since, event.at))
        elif status not in RUNNING and event.to_status in RUNNING:
            since = event.at
        status = CaseStatus(event.to_status)
    if status in RUNNING:
        spans.append((since, until))
    return spans


def _first(case: Case, kind: str) -> datetime | None:
    event = case.events.filter(kind=kind).order_by("at", "pk").first()
    return event.at if event else None


def _last_update(case: Case) -> datetime:
    """The last time the customer heard from us (or the case opened)."""
    kinds = [CaseEventKind.ANSWERED, CaseEventKind.ACKNOWLEDGED, CaseEventKind.RESOLVED]
    event = case.events.filter(kind__in=kinds).order_by("-at", "-pk").first()
    return event.at if event else case.opened_at


def _clock(target: str, limit: int, warn: int, spans, met_at, cal, at, start=None) -> Clock:
    spans = [(max(lo, start), hi) for lo, hi in spans if hi > start] if start else spans
    end = met_at or at
    used = sum(cal.business_seconds(lo, min(hi, end)) for lo, hi in spans if lo < end) / 60
    if met_at is not None:
        state = ClockState.MET if used <= limit else ClockState.MISSED
        return Clock(target, state, limit, used, None)
    if used > limit:
        return Clock(target, ClockState.BREACHED, limit, used, None)
    running = bool(spans) and spans[-1][1] >= at
    if not running:
        return Clock(target, ClockState.PAUSED, limit, used, None)
    due = cal.add_business(at, (limit - used) * 60)
    state = ClockState.WARNING if limit - used <= warn else ClockState.RUNNING
    return Clock(target, state, limit, used, due)


def case_clocks(case: Case, *, at: datetime | None = None) -> list[Clock]:
    """Every SLA clock of the case at a given time (now by default)."""
    policy = policy_for(case)
    if policy is None:
        return []
    at = at or now()
    cal = BusinessCalendar.from_brand(case.brand, business_hours_only=policy.business_hours_only)
    spans = _running_spans(case, at)
    resolved = case.status in {CaseStatus.RESOLVED, CaseStatus.CLOSED}
    warn = policy.warn_before_minutes
    clocks = [
        _clock(
            "acknowledge",
            policy.acknowledge_minutes,
            warn,
            spans,
            _first(case, CaseEventKind.ACKNOWLEDGED),
            cal,
            at,
        ),
        _clock("owner", policy.owner_minutes, warn, spans, case.owned_at, cal, at),
        _clock(
            "first_answer",
            policy.first_answer_minutes,
            warn,
            spans,
            case.first_answered_at,
            cal,
            at,
        ),
        _clock(
            "resolution",
            policy.resolution_minutes,
            warn,
            spans,
            case.resolved_at if resolved else None,
            cal,
            at,
        ),
    ]
    if case.first_answered_at is not None and not resolved:
        # The update clock starts only once the first answer is out: it never replaces it.
        clocks.append(
            _clock(
                "update",
                policy.update_minutes,
                warn,
                spans,
                None,
                cal,
                at,
                start=_last_update(case),
            )
        )
    return clocks


def next_due(clocks: list[Clock]) -> datetime | None:
    """The earliest due time among running clocks."""
    dues = [c.due_at for c in clocks if c.due_at is not None]
    return min(dues) if dues else None


def breached(clocks: list[Clock]) -> list[Clock]:
    return [c for c in clocks if c.state in {ClockState.BREACHED, ClockState.MISSED}]
