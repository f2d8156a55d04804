from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from sentinelle.portal.models import PortalSettings, Submission
from sentinelle.portal.uploads import sniff
from sentinelle.web.admin_site import BrandScopedAdmin, admin_site

MAX_LOGO_BYTES = 500_000


class PortalSettingsForm(forms.ModelForm):
    class Meta:
        model = PortalSettings
        fields = "__all__"

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "read") and getattr(logo, "size", 0):
            if logo.size > MAX_LOGO_BYTES:
                raise forms.ValidationError(_("The logo must be under 500 KB."))
            logo.seek(0)
            kind = sniff(logo.read(16))
            logo.seek(0)
            if kind is None or kind[0] not in {"image/png", "image/jpeg"}:
                raise forms.ValidationError(_("The logo must be a PNG or JPEG image."))
        return logo


@admin.register(PortalSettings, site=admin_site)
class PortalSettingsAdmin(BrandScopedAdmin):
    form = PortalSettingsForm
    list_display = ["brand", "enabled", "primary_color", "tracking_days"]


@admin.register(Submission, site=admin_site)
class SubmissionAdmin(BrandScopedAdmin):
    list_display = ["created_at", "email", "status", "reason", "brand"]
    list_filter = ["status"]
    readonly_fields = [
        "brand",
        "created_at",
        "client_hash",
        "email",
        "payload",
        "status",
        "reason",
        "mention",
    ]

    def has_add_permission(self, request):
        return False
