"""Lint a reply in its case's context: the complaint, the customer, the brand's own terms."""

from __future__ import annotations

from sentinelle.cases.models import Case
from sentinelle.listening.models import Mention
from sentinelle.replies.lint.linter import lint
from sentinelle.replies.lint.types import BrandTerm, LintContext, LintReport
from sentinelle.replies.models import BrandReplyTerm, Reply

#: Findings an agent cannot override: asking a customer to delete a post is never acceptable.
BLOCKING = frozenset({"asks_removal"})
PREVIOUS_REPLIES = 300


def lint_case_reply(case: Case, text: str) -> LintReport:
    """Every finding on a draft reply to this case's customer."""
    first = Mention.objects.filter(case_link__case=case).order_by("published_at").first()
    terms = [
        BrandTerm(t.phrase, t.message, t.suggestion)
        for t in BrandReplyTerm.objects.filter(brand_id=case.brand_id)
    ]
    previous = Reply.objects.filter(brand_id=case.brand_id).order_by("-sent_at")
    context = LintContext(
        complaint=first.text if first else None,
        customer_name=case.customer.display_name if case.customer_id else None,
        public=False,
        brand_terms=terms,
        previous_replies=list(previous.values_list("text", flat=True)[:PREVIOUS_REPLIES]),
    )
    return lint(text, context=context)


def blocking_rules(report: LintReport) -> set[str]:
    return report.rules & BLOCKING
