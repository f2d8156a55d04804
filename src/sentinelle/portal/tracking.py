"""Tracking links: a random token given to the customer, only its hash kept."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sentinelle.cases.models import Case
from sentinelle.core.clock import now
from sentinelle.portal.models import TrackingLink


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def do_create_tracking_link(case: Case, *, days: int) -> tuple[str, TrackingLink]:
    """A new link for the case; the token itself is returned once and never stored."""
    token = secrets.token_urlsafe(32)
    link = TrackingLink.objects.create(
        case=case, token_hash=_hash(token), expires_at=now() + timedelta(days=days)
    )
    return token, link


def get_tracked_case(brand_slug: str, token: str) -> Case | None:
    """The case behind a valid token of this brand; None when wrong, expired or revoked."""
    if not token or len(token) > 100:
        return None
    link = (
        TrackingLink.objects.select_related("case", "case__brand", "case__owner")
        .filter(token_hash=_hash(token), case__brand__slug=brand_slug)
        .first()
    )
    if link is None or link.revoked_at is not None or link.expires_at <= now():
        return None
    TrackingLink.objects.filter(pk=link.pk).update(last_used_at=now())
    return link.case


def do_revoke_tracking_links(case: Case) -> int:
    """Revoke every live link of a case (the customer can get a new one from an agent)."""
    return TrackingLink.objects.filter(case=case, revoked_at__isnull=True).update(revoked_at=now())
