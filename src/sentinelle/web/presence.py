"""Who else is on a case right now: a page polls every few seconds and says who is writing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from sentinelle.brands.access import brand_view
from sentinelle.cases.models import Case
from sentinelle.core.clock import now
from sentinelle.web.models import CasePresence

WINDOW = timedelta(seconds=45)


def do_mark_presence(case: Case, user: Any, *, writing: bool) -> None:
    CasePresence.objects.update_or_create(
        case=case, user=user, defaults={"seen_at": now(), "writing": writing}
    )


def list_others_present(case: Case, user: Any) -> list[CasePresence]:
    recent = CasePresence.objects.filter(case=case, seen_at__gte=now() - WINDOW)
    return list(recent.exclude(user=user).select_related("user"))


@require_POST
@brand_view()
def case_presence(request: HttpRequest, reference: str) -> HttpResponse:
    case = get_object_or_404(Case, brand=request.brand, reference=reference)
    do_mark_presence(case, request.user, writing=bool(request.POST.get("text", "").strip()))
    others = list_others_present(case, request.user)
    return render(request, "web/_presence.html", {"others": others, "case": case})
