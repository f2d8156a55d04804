"""Reports for leads: how consistently comparable cases were compensated."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from sentinelle.brands.access import brand_view
from sentinelle.brands.models import Role
from sentinelle.cases.remedies import MIN_PRECEDENTS, WIDEN
from sentinelle.cases.remedy_report import list_compensation_dispersion

DEFAULT_DAYS = 90
MAX_DAYS = 3650


def _day(raw: str | None, default: date) -> date:
    try:
        return date.fromisoformat(raw or "")
    except ValueError:
        return default


def _period(query) -> tuple[date, date]:
    """The first and last days asked for (the brand's calendar), sane whatever was sent."""
    today = timezone.localdate()
    last = _day(query.get("until"), today)
    first = _day(query.get("since"), last - timedelta(days=DEFAULT_DAYS - 1))
    if first > last:
        first, last = last, first
    return max(first, last - timedelta(days=MAX_DAYS)), last


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


@require_GET
@brand_view(Role.LEAD)
def remedies_report(request: HttpRequest) -> HttpResponse:
    """Dispersion of compensation by topic over a period: one single discourse, or not?"""
    first, last = _period(request.GET)
    rows = list_compensation_dispersion(
        request.brand, since=_start_of(first), until=_start_of(last + timedelta(days=1))
    )
    context = {
        "rows": rows,
        "since": first,
        "until": last,
        "widen": WIDEN,
        "min_precedents": MIN_PRECEDENTS,
    }
    return render(request, "web/remedies_report.html", context)
