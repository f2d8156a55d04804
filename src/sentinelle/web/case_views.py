"""Case actions from the case page: each a POST that calls one action."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sentinelle.brands.access import brand_view
from sentinelle.cases.actions import CaseError, do_acknowledge_case, do_assign_case
from sentinelle.cases.models import Case, CaseStatus
from sentinelle.portal.tracking import do_revoke_tracking_links
from sentinelle.replies.actions import MAX_REPLY_CHARS, do_send_reply
from sentinelle.replies.checks import blocking_rules, lint_case_reply
from sentinelle.web.views import render_case_page


def _act(request: HttpRequest, reference: str, action: Callable[[Case], object], done: str):
    case = get_object_or_404(Case, brand=request.brand, reference=reference)
    try:
        action(case)
    except CaseError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return redirect("web:case", brand_slug=request.brand.slug, reference=reference)


@require_POST
@brand_view()
def case_acknowledge(request: HttpRequest, reference: str) -> HttpResponse:
    return _act(
        request,
        reference,
        lambda c: do_acknowledge_case(c, actor=request.user),
        _("Acknowledgement recorded."),
    )


@require_POST
@brand_view()
def case_take(request: HttpRequest, reference: str) -> HttpResponse:
    """Take charge: acknowledge first if needed, then name the current user as owner."""

    def take(case: Case) -> None:
        if case.status == CaseStatus.NEW:
            case = do_acknowledge_case(case, actor=request.user)
        do_assign_case(case, owner=request.user, actor=request.user)

    return _act(request, reference, take, _("You are now in charge of this case."))


@require_POST
@brand_view()
def case_reply(request: HttpRequest, reference: str) -> HttpResponse:
    """Send a reply once the linter's findings are fixed or knowingly accepted."""
    case = get_object_or_404(Case, brand=request.brand, reference=reference)
    text = request.POST.get("text", "")
    report = lint_case_reply(case, text)
    blocked = blocking_rules(report)
    if report.findings and (blocked or request.POST.get("confirm") != "1"):
        extra = {"draft": text, "lint": report, "blocked": bool(blocked), "held": True}
        return render_case_page(request, case, extra, status=422)
    return _act(
        request,
        reference,
        lambda c: do_send_reply(c, author=request.user, text=text),
        _("Reply sent."),
    )


@require_POST
@brand_view()
def case_reply_lint(request: HttpRequest, reference: str) -> HttpResponse:
    """The linter's findings on a draft, as the agent types (an htmx fragment)."""
    case = get_object_or_404(Case, brand=request.brand, reference=reference)
    report = lint_case_reply(case, request.POST.get("text", "")[:MAX_REPLY_CHARS])
    return render(
        request, "web/_lint.html", {"lint": report, "blocked": bool(blocking_rules(report))}
    )


@require_POST
@brand_view()
def case_revoke_links(request: HttpRequest, reference: str) -> HttpResponse:
    return _act(
        request,
        reference,
        do_revoke_tracking_links,
        _("The customer's tracking links are revoked."),
    )
