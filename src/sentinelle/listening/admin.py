from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from sentinelle.listening.deadletter import do_discard_dead_letter, do_retry_dead_letter
from sentinelle.listening.models import (
    Author,
    DeadLetter,
    DeadLetterStatus,
    Mention,
    Source,
    SourceGap,
    WatchQuery,
)
from sentinelle.web.admin_site import BrandScopedAdmin, admin_site


@admin.register(Source, site=admin_site)
class SourceAdmin(BrandScopedAdmin):
    list_display = [
        "name",
        "kind",
        "channel",
        "brand",
        "enabled",
        "last_success_at",
        "unhealthy_since",
        "last_error",
    ]
    list_filter = ["kind", "enabled"]
    readonly_fields = [
        "cursor",
        "last_success_at",
        "last_error",
        "last_error_at",
        "items_per_hour",
        "failures",
        "next_fetch_at",
        "unhealthy_since",
    ]


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


@admin.register(SourceGap, site=admin_site)
class SourceGapAdmin(BrandScopedAdmin):
    list_display = ["source", "starts_at", "ends_at", "detected_at", "brand"]
    readonly_fields = ["brand", "source", "starts_at", "ends_at", "detected_at", "note"]

    def has_add_permission(self, request):
        return False


@admin.register(DeadLetter, site=admin_site)
class DeadLetterAdmin(BrandScopedAdmin):
    """Items that could not be read or stored: fix the payload if need be, then retry."""

    list_display = ["created_at", "source", "stage", "reason", "attempts", "status", "brand"]
    list_filter = ["status", "stage"]
    search_fields = ["reason", "external_id"]
    readonly_fields = [
        "brand",
        "source",
        "stage",
        "reason",
        "external_id",
        "status",
        "attempts",
        "created_at",
        "last_attempt_at",
        "resolved_at",
        "resolved_by",
    ]
    fields = [*readonly_fields[:5], "payload", *readonly_fields[5:]]
    actions = ["retry", "discard"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # Discard instead: the row stays, with who gave up on it and when. The operator may
        # still delete (a brand deleted in the admin takes its dead letters with it).
        return request.user.is_superuser

    def get_readonly_fields(self, request, obj=None):
        # The payload can be corrected while the letter waits, not after.
        if obj is not None and obj.status != DeadLetterStatus.PENDING:
            return [*self.readonly_fields, "payload"]
        return self.readonly_fields

    @admin.action(description=_("Retry the selected items"))
    def retry(self, request, queryset):
        failed = stored = 0
        for letter in queryset.filter(status=DeadLetterStatus.PENDING):
            if do_retry_dead_letter(letter, actor=request.user) is None:
                stored += 1
            else:
                failed += 1
        if stored:
            self.message_user(
                request,
                ngettext("%(n)d item stored.", "%(n)d items stored.", stored) % {"n": stored},
            )
        if failed:
            self.message_user(
                request,
                ngettext(
                    "%(n)d item failed again; see its reason.",
                    "%(n)d items failed again; see their reasons.",
                    failed,
                )
                % {"n": failed},
                messages.WARNING,
            )

    @admin.action(description=_("Discard the selected items"))
    def discard(self, request, queryset):
        letters = list(queryset.filter(status=DeadLetterStatus.PENDING))
        for letter in letters:
            do_discard_dead_letter(letter, actor=request.user)
        self.message_user(
            request,
            ngettext("%(n)d item discarded.", "%(n)d items discarded.", len(letters))
            % {"n": len(letters)},
        )
