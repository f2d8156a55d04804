"""The killer-post playbook on the case page: steps done or undone, the article watched."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sentinelle.brands.access import brand_view
from sentinelle.cases.actions import CaseError
from sentinelle.cases.killer_post import do_mark_playbook_step, do_watch_page
from sentinelle.cases.models import Case


def _on_case(request: HttpRequest, reference: str, action: Callable[[Case], object], done: str):
    case = get_object_or_404(Case, brand=request.brand, reference=reference)
    try:
        action(case)
    except CaseError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return redirect("web:case", brand_slug=request.brand.slug, reference=case.reference)


@require_POST
@brand_view()
def case_playbook_step(request: HttpRequest, reference: str) -> HttpResponse:
    step, done = request.POST.get("step", ""), request.POST.get("done") == "1"
    return _on_case(
        request,
        reference,
        lambda c: do_mark_playbook_step(c, step=step, done=done, actor=request.user),
        _("Step marked as done.") if done else _("Step marked as not done."),
    )


@require_POST
@brand_view()
def case_watch_page(request: HttpRequest, reference: str) -> HttpResponse:
    return _on_case(
        request,
        reference,
        lambda c: do_watch_page(c, actor=request.user),
        _("The article is watched: you will see here when it changes or gains an update note."),
    )
