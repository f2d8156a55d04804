from django.contrib import admin

from sentinelle.stories.models import Story
from sentinelle.web.admin_site import BrandScopedAdmin, admin_site


@admin.register(Story, site=admin_site)
class StoryAdmin(BrandScopedAdmin):
    list_display = ["title", "risk_level", "first_seen_at", "last_seen_at", "brand"]
    list_filter = ["risk_level"]
