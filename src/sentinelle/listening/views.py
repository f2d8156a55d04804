"""Leads manage their brand's sources and see their health."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sentinelle.brands.access import brand_view
from sentinelle.brands.models import Role
from sentinelle.listening.forms import SourceForm
from sentinelle.listening.models import Source


@require_http_methods(["GET", "POST"])
@brand_view(Role.LEAD)
def source_list(request: HttpRequest) -> HttpResponse:
    form = SourceForm(request.POST or None, instance=Source(brand=request.brand))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Source added."))
        return redirect("web:listening:sources", brand_slug=request.brand.slug)
    sources = request.brand.sources.all()
    return render(request, "listening/sources.html", {"sources": sources, "form": form})


@require_http_methods(["GET", "POST"])
@brand_view(Role.LEAD)
def source_edit(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(Source, pk=pk, brand=request.brand)
    form = SourceForm(request.POST or None, instance=source)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Source updated."))
        return redirect("web:listening:sources", brand_slug=request.brand.slug)
    return render(request, "listening/source_edit.html", {"source": source, "form": form})
