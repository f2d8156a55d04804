from django.contrib import admin

from sentinelle.listening.models import Author, Mention, Source, WatchQuery
from sentinelle.web.admin_site import BrandScopedAdmin, admin_site


@admin.register(Source, site=admin_site)
class SourceAdmin(BrandScopedAdmin):
    list_display = ["name", "kind", "channel", "brand", "enabled", "last_success_at", "last_error"]
    list_filter = ["kind", "enabled"]
    readonly_fields = ["cursor", "last_success_at", "last_error", "last_error_at", "items_per_hour"]


@admin.register(WatchQuery, site=admin_site)
class WatchQueryAdmin(BrandScopedAdmin):
    list_display = ["name", "query", "brand", "enabled"]


@admin.register(Author, site=admin_site)
class AuthorAdmin(BrandScopedAdmin):
    list_display = ["handle", "display_name", "platform", "followers", "brand"]
    search_fields = ["handle", "display_name"]

    def has_add_permission(self, request):
        return False


@admin.register(Mention, site=admin_site)
class MentionAdmin(BrandScopedAdmin):
    list_display = ["external_id", "channel", "published_at", "language", "is_complaint", "brand"]
    list_filter = ["channel", "language", "is_complaint"]
    search_fields = ["text"]
    raw_id_fields = ["author", "parent", "source"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
