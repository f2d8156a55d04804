from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from sentinelle.brands.models import Brand, Department, Membership, Role
from sentinelle.web.admin_site import BrandScopedAdmin, SuperuserOnlyAdmin, admin_site


@admin.register(Brand, site=admin_site)
class BrandAdmin(SuperuserOnlyAdmin):
    list_display = ["name", "slug", "timezone", "default_language"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Department, site=admin_site)
class DepartmentAdmin(BrandScopedAdmin):
    list_display = ["name", "kind", "brand"]
    list_filter = ["kind"]


@admin.register(Membership, site=admin_site)
class MembershipAdmin(BrandScopedAdmin):
    list_display = ["user", "brand", "role"]
    list_filter = ["role"]
    raw_id_fields = ["user"]
    filter_horizontal = ["departments"]

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "departments" and not request.user.is_superuser:
            kwargs["queryset"] = Department.objects.filter(brand__in=self.managed(request))
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        base = super().get_form(request, obj, change, **kwargs)
        user = request.user

        class MembershipForm(base):  # type: ignore[misc, valid-type]
            def clean(self) -> dict[str, Any]:
                data = super().clean()
                grants_admin = data.get("role") == Role.ADMIN
                if grants_admin and not user.is_superuser:
                    actor_is_admin = Membership.objects.filter(
                        user=user, brand=data.get("brand"), role=Role.ADMIN
                    ).exists()
                    if not actor_is_admin:
                        raise ValidationError(_("Only an admin can grant the admin role."))
                return data

        return MembershipForm
