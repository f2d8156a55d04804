"""Phone calls an agent logs on a case: part of the customer's history like any message."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from sentinelle.cases.actions import do_attach_mention
from sentinelle.cases.models import Case
from sentinelle.core.clock import now
from sentinelle.listening.ingest import get_or_create_source, ingest_items
from sentinelle.listening.items import RawItem
from sentinelle.listening.models import Mention

CALLS_SOURCE = "Appels"


@transaction.atomic
def do_log_call(case: Case, *, summary: str, actor: Any) -> Mention:
    """Store the call as a mention of the `phone` channel and attach it to the case."""
    source = get_or_create_source(case.brand, CALLS_SOURCE, "phone")
    who = actor.get_full_name() or actor.get_username()
    item = RawItem(
        external_id=f"call-{uuid.uuid4().hex}",
        text=summary,
        published_at=now(),
        channel="phone",
        title=_("Call logged by %(who)s") % {"who": who},
    )
    ingest_items(source, [item])
    mention = Mention.objects.get(source=source, external_id=item.external_id)
    do_attach_mention(case, mention, actor=actor)
    return mention
