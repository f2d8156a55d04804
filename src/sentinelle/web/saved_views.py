"""Saved inbox views: save the current filters under a name, or forget them."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from sentinelle.brands.access import brand_view
from sentinelle.brands.models import Brand
from sentinelle.web.inbox import InboxFilters
from sentinelle.web.models import SavedView

MAX_VIEWS = 30


def list_saved_views(user: Any, brand: Brand) -> QuerySet[SavedView]:
    return SavedView.objects.filter(user=user, brand=brand)


@require_POST
@brand_view()
def save_view(request: HttpRequest) -> HttpResponse:
    filters = InboxFilters.from_query(request.POST)
    name = request.POST.get("name", "").strip()[:80]
    mine = list_saved_views(request.user, request.brand)
    if name and mine.count() < MAX_VIEWS:
        SavedView.objects.update_or_create(
            user=request.user,
            brand=request.brand,
            name=name,
            defaults={"query": filters.query_string()},
        )
    return redirect(reverse("web:inbox", args=[request.brand.slug]) + "?" + filters.query_string())


@require_POST
@brand_view()
def delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    get_object_or_404(SavedView, pk=pk, user=request.user, brand=request.brand).delete()
    return redirect("web:inbox", brand_slug=request.brand.slug)
