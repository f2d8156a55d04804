from django.contrib import admin

from sentinelle.replies.models import BrandReplyTerm
from sentinelle.web.admin_site import BrandScopedAdmin, admin_site


@admin.register(BrandReplyTerm, site=admin_site)
class BrandReplyTermAdmin(BrandScopedAdmin):
    list_display = ["phrase", "message", "suggestion", "brand"]
