"""The one shape of a settings page: show a model form, save it on a valid POST, go back."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render


def model_form_page(
    request: HttpRequest,
    form: ModelForm,
    *,
    template: str,
    context: dict[str, Any],
    saved: str,
    back_to: str,
) -> HttpResponse:
    """Save and redirect to `back_to` (a URL name under the brand) on success, else show."""
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, saved)
        return redirect(back_to, brand_slug=request.brand.slug)  # type: ignore[attr-defined]
    return render(request, template, {**context, "form": form})
