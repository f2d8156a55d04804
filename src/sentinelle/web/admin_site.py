"""The Django admin, opened to each brand's leads and admins for their own brand only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sentinelle.brands.access import list_managed_brands


class SentinelleAdminSite(admin.AdminSite):
    site_header = _("Sentinelle administration")
    site_title = "Sentinelle"
    index_title = _("Manage your brands")

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and list_managed_brands(user).exists())

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        """One login page for the whole product; a signed-in agent is simply refused."""
        if request.user.is_authenticated:
            raise PermissionDenied
        return redirect(f"{reverse('login')}?next={request.get_full_path()}")


admin_site = SentinelleAdminSite(name="admin")


class BrandScopedAdmin(admin.ModelAdmin):
    """A model admin where a lead sees and edits only rows of the brands they manage."""

    brand_field = "brand"

    def managed(self, request: HttpRequest) -> QuerySet:
        return list_managed_brands(request.user)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.brand_field}__in": self.managed(request)})

    def _allowed(self, request: HttpRequest, obj: Model | None) -> bool:
        if request.user.is_superuser:
            return True
        if obj is None:
            return self.managed(request).exists()
        return self.managed(request).filter(pk=getattr(obj, f"{self.brand_field}_id")).exists()

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request, None)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._allowed(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._allowed(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request, None)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._allowed(request, obj)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == self.brand_field and not request.user.is_superuser:
            kwargs["queryset"] = self.managed(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class SuperuserOnlyAdmin(admin.ModelAdmin):
    """Platform-wide tables: only the operator (a superuser) sees them in the admin."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return request.user.is_superuser

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return request.user.is_superuser

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return request.user.is_superuser


class OperatorUserAdmin(SuperuserOnlyAdmin, UserAdmin):
    pass


class OperatorGroupAdmin(SuperuserOnlyAdmin, GroupAdmin):
    pass


admin_site.register(User, OperatorUserAdmin)
admin_site.register(Group, OperatorGroupAdmin)
