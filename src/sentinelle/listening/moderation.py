"""Hiding a customer's comment: a separate, reasoned, logged action, reported to leads.

Never for a legitimate negative comment: only spam, abuse or personal data."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sentinelle.brands.models import Membership, Role
from sentinelle.core.clock import now
from sentinelle.core.outbox import enqueue_email
from sentinelle.listening.models import Mention

REASONS = {
    "spam": gettext_lazy("spam"),
    "abuse": gettext_lazy("abuse (insults, threats, hate)"),
    "personal_data": gettext_lazy("personal data exposed"),
}


class ModerationError(ValueError):
    """A hiding the rules refuse."""


@transaction.atomic
def do_hide_mention(mention: Mention, *, reason: str, note: str, actor: Any) -> Mention:
    """Hide a mention for one of the allowed reasons, with a note; leads are told."""
    if reason not in REASONS:
        raise ModerationError(
            _("A comment is hidden only for spam, abuse or personal data — never for criticism.")
        )
    if len(note.strip()) < 10:
        raise ModerationError(_("Say in a sentence why this comment must be hidden."))
    if mention.hidden_at is not None:
        raise ModerationError(_("This comment is already hidden."))
    mention.hidden_at, mention.hidden_reason = now(), reason
    mention.hidden_note, mention.hidden_by = note.strip()[:2000], actor
    mention.save(update_fields=["hidden_at", "hidden_reason", "hidden_note", "hidden_by"])
    leads = Membership.objects.filter(brand_id=mention.brand_id, role__in=[Role.LEAD, Role.ADMIN])
    who = actor.get_full_name() or actor.get_username()
    for membership in leads.select_related("user", "brand"):
        if not membership.user.email:
            continue
        with translation.override(membership.brand.default_language):
            enqueue_email(
                to=membership.user.email,
                brand=membership.brand,
                dedupe_key=f"hidden-{mention.pk}-{membership.user_id}",
                subject=_("%(who)s hid a comment (%(reason)s)")
                % {"who": who, "reason": REASONS[reason]},
                body=f"{mention.get_channel_display()} — {mention.url}\n\n{mention.text[:1000]}"
                f"\n\n{mention.hidden_note}",
            )
    return mention
