"""The dashboard shell: brand switcher, inbox, mention and case pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sentinelle.brands.access import brand_view, list_user_brands
from sentinelle.cases.actions import CaseError, do_open_case
from sentinelle.cases.history import detect_double_deviation, list_customer_mentions
from sentinelle.cases.killer_post import get_killer_post_panel
from sentinelle.cases.models import Case, CaseStatus, LinkSuggestion
from sentinelle.cases.remedies import list_similar_cases
from sentinelle.cases.sla import case_clocks
from sentinelle.core.choices import Channel
from sentinelle.core.models import Outbox
from sentinelle.core.outbox import delivery_state
from sentinelle.listening.corrections import TOPICS, CorrectionError, do_correct_label
from sentinelle.listening.models import Mention
from sentinelle.listening.moderation import REASONS, ModerationError, do_hide_mention
from sentinelle.web.inbox import InboxFilters, count_inbox, list_inbox_cases, list_inbox_mentions
from sentinelle.web.pager import get_page
from sentinelle.web.presence import do_mark_presence, list_others_present
from sentinelle.web.reply_aids import reply_aids
from sentinelle.web.saved_views import list_saved_views

PAGE_SIZE = 50


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    brands = list(list_user_brands(request.user))
    if len(brands) == 1:
        return redirect("web:inbox", brand_slug=brands[0].slug)
    return render(request, "web/home.html", {"brands": brands})


@require_GET
@brand_view()
def inbox(request: HttpRequest) -> HttpResponse:
    filters = InboxFilters.from_query(request.GET)
    if filters.tab == "cases":
        rows = list_inbox_cases(request.brand, filters, user=request.user)
    else:
        rows = list_inbox_mentions(request.brand, filters)
    page = get_page(rows, request.GET.get("page"), PAGE_SIZE)
    context = {
        "filters": filters,
        "page": page,
        "counts": count_inbox(request.brand),
        "query_string": filters.query_string(),
        "filters_items": filters.as_items(),
        "channel_choices": Channel.choices,
        "members": request.brand.memberships.select_related("user").order_by("user__first_name"),
        "departments": request.brand.departments.all(),
        "topics": sorted(TOPICS),
        "saved_views": list_saved_views(request.user, request.brand),
        "status_choices": CaseStatus.choices,
    }
    return render(request, "web/inbox.html", context)


@require_GET
@brand_view()
def inbox_counts(request: HttpRequest) -> HttpResponse:
    return render(request, "web/_counts.html", {"counts": count_inbox(request.brand)})


@require_GET
@brand_view()
def mention_detail(request: HttpRequest, pk: int) -> HttpResponse:
    mention = get_object_or_404(
        Mention.objects.select_related("author", "source", "parent"), pk=pk, brand=request.brand
    )
    context = {
        "mention": mention,
        "case": Case.objects.filter(mention_links__mention=mention).first(),
        "replies": mention.replies.select_related("author").order_by("published_at")[:50],
        "topics": sorted(TOPICS),
        "hide_reasons": REASONS.items(),
    }
    return render(request, "web/mention.html", context)


@require_POST
@brand_view()
def mention_open_case(request: HttpRequest, pk: int) -> HttpResponse:
    mention = get_object_or_404(Mention, pk=pk, brand=request.brand)
    title = (mention.title or mention.text)[:120] or _("Complaint")
    try:
        case = do_open_case(
            request.brand, title=title, mention=mention, actor=request.user, reason="opened by hand"
        )
    except CaseError as exc:
        messages.error(request, str(exc))
        return redirect("web:mention", brand_slug=request.brand.slug, pk=mention.pk)
    messages.success(request, _("Case %(ref)s opened.") % {"ref": case.reference})
    return redirect("web:case", brand_slug=request.brand.slug, reference=case.reference)


@require_GET
@brand_view()
def case_detail(request: HttpRequest, reference: str) -> HttpResponse:
    case = get_object_or_404(Case, reference=reference, brand=request.brand)
    return render_case_page(request, case)


def _replies_with_delivery(case: Case) -> list:
    """The case's replies, each with the state of its e-mail (sent, retrying, failed)."""
    replies = list(case.replies.select_related("author"))
    keys = {f"reply-{r.pk}": r for r in replies}
    for message in Outbox.objects.filter(dedupe_key__in=list(keys)):
        keys[message.dedupe_key].delivery = delivery_state(message)
    return replies


def render_case_page(
    request: HttpRequest, case: Case, extra: dict | None = None, *, status: int = 200
) -> HttpResponse:
    """The case page; `extra` carries a draft reply and its findings when sending was held."""
    case = Case.objects.select_related("owner", "customer", "story").get(pk=case.pk)
    do_mark_presence(case, request.user, writing=bool(extra and extra.get("draft")))
    history = list(list_customer_mentions(case))
    context = {
        "others": list_others_present(case, request.user),
        "notes": case.notes.select_related("author"),
        "case": case,
        "events": case.events.select_related("actor"),
        "mentions": Mention.objects.filter(case_link__case=case)
        .select_related("author")
        .order_by("published_at"),
        "departments": case.consulted_departments.all(),
        "replies": _replies_with_delivery(case),
        "clocks": case_clocks(case),
        "double_deviation": detect_double_deviation(case, history),
        "suggestions": LinkSuggestion.objects.filter(
            brand=case.brand,
            status=LinkSuggestion.Status.PENDING,
            author__customer_link__customer_id=case.customer_id,
        ).select_related("author", "customer")
        if case.customer_id
        else [],
        "customer_mentions": history[:200],
        "brand_departments": case.brand.departments.all(),
        **reply_aids(request, case),
        "similar_cases": list_similar_cases(case),
        "killer_post": get_killer_post_panel(case),
        **(extra or {}),
    }
    return render(request, "web/case.html", context, status=status)


def _on_mention(request: HttpRequest, pk: int, action, done: str) -> HttpResponse:
    """Run one action on a mention of the brand; a refusal is shown, not raised."""
    mention = get_object_or_404(Mention, pk=pk, brand=request.brand)
    try:
        action(mention)
    except (CorrectionError, ModerationError) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return redirect("web:mention", brand_slug=request.brand.slug, pk=mention.pk)


@require_POST
@brand_view()
def mention_correct(request: HttpRequest, pk: int) -> HttpResponse:
    field, value = request.POST.get("field", ""), request.POST.get("value", "")
    return _on_mention(
        request,
        pk,
        lambda m: do_correct_label(m, field=field, value=value, actor=request.user),
        _("Thank you: the label is corrected and will train the model."),
    )


@require_POST
@brand_view()
def mention_hide(request: HttpRequest, pk: int) -> HttpResponse:
    reason, note = request.POST.get("reason", ""), request.POST.get("note", "")
    return _on_mention(
        request,
        pk,
        lambda m: do_hide_mention(m, reason=reason, note=note, actor=request.user),
        _("The comment is hidden; the leads are told."),
    )
