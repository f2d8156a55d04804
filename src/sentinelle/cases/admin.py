from django.contrib import admin

from sentinelle.cases.models import Case, CaseEvent, CaseRule, Customer, SlaPolicy
from sentinelle.web.admin_site import BrandScopedAdmin, admin_site


class ReadOnlyBrandAdmin(BrandScopedAdmin):
    """Cases change only through their actions: the admin shows them, never edits them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Case, site=admin_site)
class CaseAdmin(ReadOnlyBrandAdmin):
    list_display = ["reference", "title", "status", "owner", "risk_level", "opened_at", "brand"]
    list_filter = ["status", "risk_level"]


@admin.register(CaseEvent, site=admin_site)
class CaseEventAdmin(ReadOnlyBrandAdmin):
    brand_field = "case__brand"
    list_display = ["case", "kind", "actor", "at"]

    def _allowed(self, request, obj):
        if obj is not None and not request.user.is_superuser:
            return self.managed(request).filter(pk=obj.case.brand_id).exists()
        return super()._allowed(request, None)


@admin.register(Customer, site=admin_site)
class CustomerAdmin(BrandScopedAdmin):
    list_display = ["display_name", "brand", "created_at"]


@admin.register(SlaPolicy, site=admin_site)
class SlaPolicyAdmin(BrandScopedAdmin):
    list_display = [
        "name",
        "risk_level",
        "channel",
        "acknowledge_minutes",
        "owner_minutes",
        "first_answer_minutes",
        "resolution_minutes",
        "brand",
    ]


@admin.register(CaseRule, site=admin_site)
class CaseRuleAdmin(BrandScopedAdmin):
    list_display = ["name", "enabled", "min_complaint_score", "min_severity", "channels", "brand"]
