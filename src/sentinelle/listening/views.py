"""Leads manage their brand's sources, see their health, and write its watch queries."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sentinelle.brands.access import brand_view
from sentinelle.brands.models import Role
from sentinelle.listening.forms import SourceForm, WatchQueryForm
from sentinelle.listening.models import Source, WatchQuery
from sentinelle.listening.watchquery import WatchQueryError, parse
from sentinelle.listening.watchquery_filter import filters_source, get_brand_queries
from sentinelle.listening.watchquery_preview import (
    DEFAULT_DAYS,
    PREVIEW_DAYS,
    fault_marker,
    preview_query,
)
from sentinelle.web.form_pages import model_form_page


@require_http_methods(["GET", "POST"])
@brand_view(Role.LEAD)
def source_list(request: HttpRequest) -> HttpResponse:
    form = SourceForm(request.POST or None, instance=Source(brand=request.brand))
    return model_form_page(
        request,
        form,
        template="listening/sources.html",
        context={"sources": request.brand.sources.all()},
        saved=_("Source added."),
        back_to="web:listening:sources",
    )


@require_http_methods(["GET", "POST"])
@brand_view(Role.LEAD)
def source_edit(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(Source, pk=pk, brand=request.brand)
    return model_form_page(
        request,
        SourceForm(request.POST or None, instance=source),
        template="listening/source_edit.html",
        context={"source": source},
        saved=_("Source updated."),
        back_to="web:listening:sources",
    )


def _query_form(request: HttpRequest, instance: WatchQuery) -> WatchQueryForm:
    check_url = reverse("web:listening:watch_query_check", args=[request.brand.slug])
    return WatchQueryForm(request.POST or None, instance=instance, check_url=check_url)


def _days(request: HttpRequest) -> int:
    raw = request.POST.get("days") or request.GET.get("days") or ""
    return int(raw) if raw.isdecimal() and int(raw) in PREVIEW_DAYS else DEFAULT_DAYS


def _check(text: str) -> dict[str, Any]:
    """The context of the live check: the fault with its caret, or how the query is read."""
    try:
        return {"query_text": text, "parsed": parse(text)}
    except WatchQueryError as exc:
        return {"query_text": text, "error": exc, "marker": fault_marker(text, exc)}


def _preview(request: HttpRequest, text: str, exclude: int | None) -> dict[str, Any]:
    check = _check(text)
    days = _days(request)
    if "parsed" not in check:
        return {**check, "days": days}
    return {
        **check,
        "days": days,
        "preview": preview_query(request.brand, check["parsed"], days=days, exclude=exclude),
    }


def _query_page(
    request: HttpRequest,
    watch_query: WatchQuery,
    template: str,
    context: dict[str, Any],
    saved: str,
) -> HttpResponse:
    """Save on a valid POST and go back to the list; a POST with `preview` only previews."""
    form = _query_form(request, watch_query)
    previewing = "preview" in request.POST
    if request.method == "POST" and not previewing and form.is_valid():
        form.save()
        messages.success(request, saved)
        return redirect("web:listening:watch_queries", brand_slug=request.brand.slug)
    if previewing:
        context |= _preview(request, request.POST.get("query", ""), watch_query.pk)
    elif form.query_error is not None:  # a refused save: the fault with its caret
        context |= _check(request.POST.get("query", ""))
    context |= {"form": form, "days": _days(request), "day_choices": PREVIEW_DAYS}
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
@brand_view(Role.LEAD)
def watch_query_list(request: HttpRequest) -> HttpResponse:
    brand = request.brand
    rows = [(q, _check(q.query).get("error")) for q in brand.watch_queries.all()]
    sources = [s for s in brand.sources.all() if s.enabled]
    context = {
        "rows": rows,
        "usable": get_brand_queries(brand.pk).usable,
        "filtered_sources": [s for s in sources if filters_source(s)],
        "unfiltered_sources": [s for s in sources if not filters_source(s)],
    }
    return _query_page(
        request,
        WatchQuery(brand=brand),
        "listening/watch_queries.html",
        context,
        _("Watch query added."),
    )


@require_http_methods(["GET", "POST"])
@brand_view(Role.LEAD)
def watch_query_edit(request: HttpRequest, pk: int) -> HttpResponse:
    watch_query = get_object_or_404(WatchQuery, pk=pk, brand=request.brand)
    context = {"watch_query": watch_query, "title": watch_query.name}  # before the form edits it
    return _query_page(
        request, watch_query, "listening/watch_query_edit.html", context, _("Watch query updated.")
    )


@require_POST
@brand_view(Role.LEAD)
def watch_query_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    watch_query = get_object_or_404(WatchQuery, pk=pk, brand=request.brand)
    watch_query.enabled = not watch_query.enabled
    watch_query.save(update_fields=["enabled"])
    done = _("Watch query enabled.") if watch_query.enabled else _("Watch query disabled.")
    messages.success(request, done)
    return redirect("web:listening:watch_queries", brand_slug=request.brand.slug)


@require_POST
@brand_view(Role.LEAD)
def watch_query_delete(request: HttpRequest, pk: int) -> HttpResponse:
    get_object_or_404(WatchQuery, pk=pk, brand=request.brand).delete()
    messages.success(request, _("Watch query deleted."))
    return redirect("web:listening:watch_queries", brand_slug=request.brand.slug)


@require_POST
@brand_view(Role.LEAD)
def watch_query_check(request: HttpRequest) -> HttpResponse:
    """The fault of a draft query and where it is, as the lead types (an htmx fragment)."""
    return render(request, "listening/_query_check.html", _check(request.POST.get("query", "")))


@require_POST
@brand_view(Role.LEAD)
def watch_query_preview(request: HttpRequest) -> HttpResponse:
    """What a draft query would have matched lately (an htmx fragment)."""
    exclude = request.POST.get("exclude", "")
    context = _preview(
        request, request.POST.get("query", ""), int(exclude) if exclude.isdecimal() else None
    )
    return render(
        request, "listening/_query_preview.html", {**context, "day_choices": PREVIEW_DAYS}
    )
