"""Leads manage their brand's sources and see their health."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sentinelle.brands.access import brand_view
from sentinelle.brands.models import Role
from sentinelle.listening.forms import SourceForm
from sentinelle.listening.models import Source
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
