"""Lint a reply in its case's context: the complaint, the customer, the brand's own terms."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from sentinelle.cases.models import Case
from sentinelle.core.choices import RISK_ORDER, RiskLevel
from sentinelle.core.text import fold
from sentinelle.listening.models import Mention
from sentinelle.replies.lint.linter import lint
from sentinelle.replies.lint.types import BrandTerm, Finding, LintContext, LintReport
from sentinelle.replies.models import BrandReplyTerm, Reply
from sentinelle.stories.models import HoldingStatement, Story
from sentinelle.stories.playbooks import current_statement

#: Findings an agent cannot override: asking a customer to delete a post is never acceptable.
BLOCKING = frozenset({"asks_removal"})
PREVIOUS_REPLIES = 300
STATEMENT_OVERLAP = 0.6
_WORD = re.compile(r"\w+", re.UNICODE)


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
    report = lint(text, context=context)
    finding = statement_finding(case, text)
    if finding is not None:
        report.findings.append(finding)
    return report


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(fold(text)) if len(w) > 3}


def follows_statement(text: str, statement: HoldingStatement) -> bool:
    """Whether a reply carries the statement: most of its words, in either language."""
    words = _words(text)
    for version in (statement.text_fr, statement.text_en):
        wanted = _words(version)
        if wanted and len(wanted & words) / len(wanted) >= STATEMENT_OVERLAP:
            return True
    return False


def statement_finding(case: Case, text: str) -> Finding | None:
    """On a story at alert or crisis with an approved statement, a reply should carry it."""
    if not case.story_id or not text.strip():
        return None
    level = Story.objects.filter(pk=case.story_id).values_list("risk_level", flat=True).first()
    if RISK_ORDER.get(level or "", 0) < RISK_ORDER[RiskLevel.ALERT]:
        return None
    statement = current_statement(case.story_id)
    if statement is None or follows_statement(text, statement):
        return None
    return Finding(
        "ignores_statement",
        0,
        len(text),
        _(
            "This story is at %(level)s level and the brand has one approved statement on it; "
            "this reply does not carry it. Customers compare answers in public."
        )
        % {"level": RiskLevel(level).label},
        _("Insert the approved statement, then add what concerns this customer."),
    )


def blocking_rules(report: LintReport) -> set[str]:
    return report.rules & BLOCKING
