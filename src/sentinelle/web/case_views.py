"""Case actions from the case page: each a POST that calls one action."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sentinelle.brands.access import brand_view
from sentinelle.brands.models import Department
from sentinelle.cases.actions import (
    CaseError,
    do_acknowledge_case,
    do_add_note,
    do_assign_case,
    do_close_case,
    do_consult_department,
    do_resolve_case,
    do_wait_on_customer,
)
from sentinelle.cases.calls import do_log_call
from sentinelle.cases.matching import do_decide_suggestion
from sentinelle.cases.models import Case, CaseStatus, LinkSuggestion
from sentinelle.cases.remedies import (
    check_before_resolving,
    do_resolve_against_precedents,
    parse_amount,
    same_amount,
)
from sentinelle.portal.tracking import do_revoke_tracking_links
from sentinelle.replies.actions import (
    MAX_REPLY_CHARS,
    do_record_platform_answer,
    do_send_reply,
)
from sentinelle.replies.checks import blocking_rules, lint_case_reply
from sentinelle.replies.models import ReplyStatus
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
    if request.POST.get("channel") == "platform":
        link = request.POST.get("link", "")
        return _act(
            request,
            reference,
            lambda c: do_record_platform_answer(c, author=request.user, text=text, link=link),
            _("Answer on the platform recorded."),
        )
    try:
        reply = do_send_reply(case, author=request.user, text=text)
    except CaseError as exc:
        messages.error(request, str(exc))
    else:
        if reply.status == ReplyStatus.PENDING:
            messages.info(request, _("Reply saved: it goes once a lead approves it."))
        else:
            messages.success(request, _("Reply sent."))
    return redirect("web:case", brand_slug=request.brand.slug, reference=reference)


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


@require_POST
@brand_view()
def case_wait(request: HttpRequest, reference: str) -> HttpResponse:
    return _act(
        request,
        reference,
        lambda c: do_wait_on_customer(c, actor=request.user),
        _("The case waits for the customer; its clocks are paused."),
    )


@require_POST
@brand_view()
def case_resolve(request: HttpRequest, reference: str) -> HttpResponse:
    """Record the final answer; a case cannot be resolved without one. A compensation out of
    line with comparable cases is held until the agent keeps it knowingly (`confirm`)."""
    case = get_object_or_404(Case, brand=request.brand, reference=reference)
    resolution = {
        "final_answer": request.POST.get("final_answer", "")[:MAX_REPLY_CHARS],
        "outcome": request.POST.get("outcome", ""),
        "compensation": request.POST.get("compensation", "").strip()[:300],
    }
    raw_amount = request.POST.get("compensation_amount", "").strip()[:40]
    try:
        amount = parse_amount(raw_amount)
    except ValueError:
        messages.error(request, _("The amount is not a number: write it like 45 or 45,50."))
        return redirect("web:case", brand_slug=request.brand.slug, reference=reference)
    check = check_before_resolving(case, amount=amount, **resolution)
    if check is None:
        return _act(
            request,
            reference,
            lambda c: do_resolve_case(
                c, compensation_amount=amount, actor=request.user, **resolution
            ),
            _("Resolved with a final answer."),
        )
    if request.POST.get("confirm") != "1" or not same_amount(
        request.POST.get("warned_amount", "")[:40], amount
    ):
        extra = {"resolve_held": check, "resolve_draft": {**resolution, "amount": raw_amount}}
        return render_case_page(request, case, extra, status=422)
    return _act(
        request,
        reference,
        lambda c: do_resolve_against_precedents(c, check=check, actor=request.user, **resolution),
        _("Resolved with a final answer; the compensation was kept knowingly."),
    )


@require_POST
@brand_view()
def case_close(request: HttpRequest, reference: str) -> HttpResponse:
    return _act(
        request, reference, lambda c: do_close_case(c, actor=request.user), _("Case closed.")
    )


@require_POST
@brand_view()
def case_consult(request: HttpRequest, reference: str) -> HttpResponse:
    get_object_or_404(Case, brand=request.brand, reference=reference)
    raw = request.POST.get("department", "")
    department = Department.objects.filter(
        pk=int(raw) if raw.isdigit() else 0, brand=request.brand
    ).first()
    if department is None:
        messages.error(request, _("Choose one of the brand's departments."))
        return redirect("web:case", brand_slug=request.brand.slug, reference=reference)
    note = request.POST.get("note", "")[:2000]
    return _act(
        request,
        reference,
        lambda c: do_consult_department(c, department=department, actor=request.user, note=note),
        _("%(dept)s is consulted.") % {"dept": department.name},
    )


@require_POST
@brand_view()
def case_note(request: HttpRequest, reference: str) -> HttpResponse:
    text = request.POST.get("text", "")
    return _act(
        request,
        reference,
        lambda c: do_add_note(c, author=request.user, text=text),
        _("Note added."),
    )


@require_POST
@brand_view()
def case_suggestion(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    """An agent confirms or rejects a suggested link between an author and a customer."""
    case = get_object_or_404(Case, brand=request.brand, reference=reference)
    suggestion = get_object_or_404(
        LinkSuggestion, pk=pk, brand=request.brand, status=LinkSuggestion.Status.PENDING
    )
    confirm = request.POST.get("decision") == "confirm"
    do_decide_suggestion(suggestion, confirm=confirm, actor=request.user)
    messages.success(request, _("Link confirmed.") if confirm else _("Suggestion rejected."))
    return redirect("web:case", brand_slug=request.brand.slug, reference=case.reference)


@require_POST
@brand_view()
def case_log_call(request: HttpRequest, reference: str) -> HttpResponse:
    """Log a phone call with the customer: it joins the case's history like any message."""
    case = get_object_or_404(Case, brand=request.brand, reference=reference)
    summary = request.POST.get("summary", "").strip()[:MAX_REPLY_CHARS]
    if len(summary) < 5:
        messages.error(request, _("Say in a few words what the call was about."))
    else:
        do_log_call(case, summary=summary, actor=request.user)
        messages.success(request, _("Call logged."))
    return redirect("web:case", brand_slug=request.brand.slug, reference=case.reference)
