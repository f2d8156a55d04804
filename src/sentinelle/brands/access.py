"""Who may see and do what: brand membership and role checks for views."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone

from sentinelle.brands.models import Brand, Membership, Role

View = Callable[..., HttpResponse]


def get_membership(user: Any, brand_slug: str) -> Membership | None:
    """The user's membership of the brand with this slug, or None."""
    if not user.is_authenticated:
        return None
    return (
        Membership.objects.select_related("brand").filter(user=user, brand__slug=brand_slug).first()
    )


def list_user_brands(user: Any) -> QuerySet[Brand]:
    """The brands a user belongs to; nothing else is ever shown to them."""
    if not user.is_authenticated:
        return Brand.objects.none()
    return Brand.objects.filter(memberships__user=user).order_by("name")


def list_managed_brands(user: Any) -> QuerySet[Brand]:
    """The brands a user may manage (lead or admin)."""
    if not user.is_authenticated:
        return Brand.objects.none()
    if user.is_superuser:
        return Brand.objects.all()
    return Brand.objects.filter(
        memberships__user=user, memberships__role__in=[Role.LEAD, Role.ADMIN]
    ).distinct()


def brand_view(minimum: Role = Role.AGENT) -> Callable[[View], View]:
    """Resolve `brand_slug`; 404 for non-members (no leak), 403 below the role."""

    def decorate(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, brand_slug: str, *args: Any, **kwargs: Any):
            membership = get_membership(request.user, brand_slug)
            if membership is None:
                raise Http404("No such brand")
            if not membership.has_role(minimum):
                raise PermissionDenied
            request.brand = membership.brand  # type: ignore[attr-defined]
            request.membership = membership  # type: ignore[attr-defined]
            with timezone.override(ZoneInfo(membership.brand.timezone)):
                return view(request, *args, **kwargs)

        wrapper.minimum_role = minimum  # type: ignore[attr-defined]
        return wrapper

    return decorate
