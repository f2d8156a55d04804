"""Lead settings that are lists of rows: list + add, edit, delete, one shape for all.

Each `Crud` names a brand-owned model, its form and the columns to show; `crud_urls` gives
its three routes under /b/<brand>/settings/<name>/, all for leads and admins.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.db import models
from django.db.models import ProtectedError
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sentinelle.brands.access import brand_view
from sentinelle.brands.models import Role
from sentinelle.web.form_pages import model_form_page


@dataclass(frozen=True)
class Crud:
    """One list of brand settings rows."""

    name: str
    model: type[models.Model]
    form: type[ModelForm]
    title: Any  # lazy translation
    intro: Any
    columns: list[tuple[Any, Callable[[Any], Any]]]
    more_context: Callable[[HttpRequest], dict[str, Any]] = field(default=lambda request: {})

    def rows(self, brand: Any) -> list[tuple[Any, list[Any]]]:
        objects = self.model.objects.filter(brand=brand)
        return [(obj, [cell(obj) for _, cell in self.columns]) for obj in objects]


def crud_urls(crud: Crud) -> list:
    list_name = f"settings_{crud.name}"

    @require_http_methods(["GET", "POST"])
    @brand_view(Role.LEAD)
    def list_view(request: HttpRequest) -> HttpResponse:
        form = crud.form(request.POST or None, instance=crud.model(brand=request.brand))
        return model_form_page(
            request,
            form,
            template="web/settings_list.html",
            context={
                "crud": crud,
                "headers": [label for label, _ in crud.columns],
                "rows": crud.rows(request.brand),
                "edit_url": f"web:{list_name}_edit",
                **crud.more_context(request),
            },
            saved=_("Saved."),
            back_to=f"web:{list_name}",
        )

    @require_http_methods(["GET", "POST"])
    @brand_view(Role.LEAD)
    def edit_view(request: HttpRequest, pk: int) -> HttpResponse:
        obj = get_object_or_404(crud.model, pk=pk, brand=request.brand)
        return model_form_page(
            request,
            crud.form(request.POST or None, instance=obj),
            template="web/settings_edit.html",
            context={
                "crud": crud,
                "object": obj,
                "list_url": f"web:{list_name}",
                "delete_url": f"web:{list_name}_delete",
            },
            saved=_("Saved."),
            back_to=f"web:{list_name}",
        )

    @require_POST
    @brand_view(Role.LEAD)
    def delete_view(request: HttpRequest, pk: int) -> HttpResponse:
        obj = get_object_or_404(crud.model, pk=pk, brand=request.brand)
        try:
            obj.delete()
        except ProtectedError:
            messages.error(request, _("This row is still in use."))
        else:
            messages.success(request, _("Deleted."))
        return redirect(f"web:{list_name}", brand_slug=request.brand.slug)

    return [
        path(f"settings/{crud.name}/", list_view, name=list_name),
        path(f"settings/{crud.name}/<int:pk>/", edit_view, name=f"{list_name}_edit"),
        path(f"settings/{crud.name}/<int:pk>/delete/", delete_view, name=f"{list_name}_delete"),
    ]
