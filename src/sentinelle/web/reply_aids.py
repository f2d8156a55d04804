"""What helps an agent write a reply on the case page: the story's approved statement, the
brand's saved replies, and whether a lead approves replies first."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import translation

from sentinelle.cases.models import Case
from sentinelle.core.clock import now
from sentinelle.replies.actions import author_may_approve, needs_approval
from sentinelle.replies.models import SavedReply
from sentinelle.replies.saved import fill, saved_replies_for
from sentinelle.stories.playbooks import current_statement


def _customer_language(case: Case) -> str:
    first = case.mention_links.select_related("mention").order_by("mention__published_at").first()
    language = first.mention.language if first else ""
    return language if language in {"fr", "en"} else case.brand.default_language


def reply_aids(request: HttpRequest, case: Case) -> dict[str, Any]:
    """Context for the reply box; `?insert=statement` or `?saved=<id>` pre-fills the draft."""
    language = _customer_language(case)
    statement = current_statement(case.story_id)
    saved = saved_replies_for(case, language)
    context: dict[str, Any] = {
        "statement": statement,
        "statement_text": statement.text_for(language) if statement else "",
        "saved_replies": saved,
        "needs_approval": needs_approval(case) and not author_may_approve(case, request.user),
    }
    wanted = request.GET.get("insert") if request.method == "GET" else None
    if wanted == "statement" and statement:
        context["draft"] = context["statement_text"]
    elif request.method == "GET" and request.GET.get("saved", "").isdigit():
        chosen = SavedReply.objects.filter(
            brand_id=case.brand_id, pk=int(request.GET["saved"])
        ).first()
        if chosen:
            with translation.override(chosen.language):
                context["draft"] = fill(chosen, case, agent=request.user, at=now())
    return context
