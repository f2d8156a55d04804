"""Saved replies: a brand's reusable texts, filled with a case's names, reference and deadline."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from sentinelle.cases.models import Case
from sentinelle.replies.models import SavedReply

VARIABLES = ("customer_name", "owner_name", "case_reference", "deadline")
_VARIABLE = re.compile(r"\{([a-z_]+)\}")


def unknown_variables(text: str) -> list[str]:
    """The `{names}` in a saved reply that Sentinelle cannot fill."""
    return sorted({name for name in _VARIABLE.findall(text) if name not in VARIABLES})


def default_deadline(at: datetime, tz: Any) -> datetime:
    """The next working day at 18:00 in the brand's time zone: a concrete, short promise."""
    local = timezone.localtime(at, tz) + timedelta(days=1)
    while local.weekday() >= 5:
        local += timedelta(days=1)
    return local.replace(hour=18, minute=0, second=0, microsecond=0)


def fill(saved: SavedReply, case: Case, *, agent: Any, at: datetime) -> str:
    """The saved reply with the case's values; an unknown variable is left as written."""
    tz = ZoneInfo(case.brand.timezone)
    owner = case.owner or agent
    values = {
        "customer_name": case.customer.display_name if case.customer_id else "",
        "owner_name": (owner.get_full_name() or owner.get_username()) if owner else "",
        "case_reference": case.reference,
        "deadline": formats.date_format(default_deadline(at, tz), "DATETIME_FORMAT"),
    }

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        return values[name] if values.get(name) else match.group(0)

    return _VARIABLE.sub(value, saved.text)


def saved_replies_for(case: Case, language: str) -> list[SavedReply]:
    """The brand's saved replies, the customer's language first."""
    replies = list(SavedReply.objects.filter(brand_id=case.brand_id))
    return sorted(replies, key=lambda r: (r.language != language, r.title.lower()))


def describe_variables() -> str:
    return _("Variables: %(list)s") % {"list": ", ".join("{" + v + "}" for v in VARIABLES)}
