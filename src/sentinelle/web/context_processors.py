"""Template context: the brands the user may switch between."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from sentinelle.brands.access import list_user_brands


def brands(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "user_brands": list_user_brands(user),
        "current_brand": getattr(request, "brand", None),
        "current_membership": getattr(request, "membership", None),
    }
