"""Case pages that only read: the sweep of disputes without a final answer, the export."""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from sentinelle.brands.access import brand_view
from sentinelle.brands.models import Role
from sentinelle.cases.models import Case
from sentinelle.cases.workflow import OPEN_STATUSES
from sentinelle.core.clock import now
from sentinelle.listening.models import Mention


@require_GET
@brand_view(Role.LEAD)
def unresolved(request: HttpRequest) -> HttpResponse:
    """Disputes still without a final answer after N days: none may be forgotten."""
    raw = request.GET.get("days", "7")
    days = int(raw) if raw.isdigit() and 0 < int(raw) < 3650 else 7
    cases = (
        Case.objects.filter(
            brand=request.brand, status__in=OPEN_STATUSES, opened_at__lte=now() - timedelta(days)
        )
        .select_related("owner", "customer")
        .order_by("opened_at")
    )
    return render(request, "web/unresolved.html", {"cases": cases, "days": days})


@require_GET
@brand_view()
def case_export(request: HttpRequest, reference: str) -> JsonResponse:
    """Everything that happened on a case, as JSON: its history is exportable."""
    case = get_object_or_404(Case, brand=request.brand, reference=reference)
    mentions = Mention.objects.filter(case_link__case=case).order_by("published_at")
    data = {
        "reference": case.reference,
        "title": case.title,
        "status": case.status,
        "owner": case.owner.get_username() if case.owner_id else None,
        "customer": case.customer.display_name if case.customer_id else None,
        "opened_at": case.opened_at,
        "acknowledged_at": case.acknowledged_at,
        "owned_at": case.owned_at,
        "first_answered_at": case.first_answered_at,
        "resolved_at": case.resolved_at,
        "closed_at": case.closed_at,
        "final_answer": case.final_answer,
        "outcome": case.outcome,
        "compensation": case.compensation,
        "events": [
            {
                "at": e.at,
                "kind": e.kind,
                "actor": e.actor.get_username() if e.actor else None,
                "from": e.from_status,
                "to": e.to_status,
                "data": e.data,
            }
            for e in case.events.select_related("actor")
        ],
        "mentions": [
            {"channel": m.channel, "published_at": m.published_at, "url": m.url, "text": m.text}
            for m in mentions
        ],
        "replies": [
            {
                "sent_at": r.sent_at,
                "author": r.author.get_username(),
                "channel": r.channel,
                "text": r.text,
            }
            for r in case.replies.select_related("author")
        ],
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="{case.reference}.json"'
    return response
