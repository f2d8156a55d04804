"""Case rules: stored complaints open a case, or join their customer's open case."""

from __future__ import annotations

from collections.abc import Sequence

from sentinelle.cases.actions import do_attach_mention, do_open_case
from sentinelle.cases.customers import (
    do_create_customer,
    do_link_author,
    get_customer_by_identifiers,
)
from sentinelle.cases.matching import do_record_suggestions, match_author
from sentinelle.cases.models import Case, CaseMention, CaseRule, Customer, CustomerAuthor
from sentinelle.cases.workflow import OPEN_STATUSES
from sentinelle.core.choices import RiskLevel
from sentinelle.listening.models import Mention

#: The complaint form opens its own cases, with the customer it knows.
OWN_INTAKE_CHANNELS = frozenset({"form"})
ESCALATING = frozenset({"threat", "safety", "double_deviation"})


def customer_for(mention: Mention) -> Customer:
    """The customer behind the mention's author: linked, found by identifier, or new."""
    author = mention.author
    link = CustomerAuthor.objects.filter(author=author).select_related("customer").first()
    if link is not None:
        return link.customer
    identifiers: dict[str, list[str]] = {}
    if author and author.email:
        identifiers["email"] = [author.email]
    if mention.references.get("order"):
        identifiers["order"] = [mention.references["order"]]
    customer = get_customer_by_identifiers(mention.brand, identifiers)
    suggestions = []
    if customer is None and author is not None:
        customer, suggestions = match_author(author)
    if customer is None:
        name = (author.display_name or author.handle) if author else ""
        customer = do_create_customer(mention.brand, display_name=name, identifiers=identifiers)
    if author is not None and suggestions:
        do_record_suggestions(author, suggestions)
    if author is not None:
        do_link_author(customer, author, reason="same author, e-mail or order number")
    return customer


def _risk(mention: Mention) -> str:
    kinds = {s.get("kind") for s in mention.analysis.get("signals", [])}
    return RiskLevel.WATCH if kinds & ESCALATING or mention.severity == 4 else RiskLevel.QUIET


def apply_case_rules(mentions: Sequence[Mention]) -> int:
    """Open or join a case for each new complaint a brand's rules select; returns how many."""
    rules: dict[int, list[CaseRule]] = {}
    handled = 0
    for mention in mentions:
        if mention.channel in OWN_INTAKE_CHANNELS or mention.author_id is None:
            continue
        brand_rules = rules.get(mention.brand_id)
        if brand_rules is None:
            brand_rules = rules[mention.brand_id] = list(
                CaseRule.objects.filter(brand_id=mention.brand_id, enabled=True)
            )
        rule = next((r for r in brand_rules if r.matches(mention)), None)
        if rule is None or CaseMention.objects.filter(mention=mention).exists():
            continue
        customer = customer_for(mention)
        open_case = Case.objects.filter(customer=customer, status__in=OPEN_STATUSES).first()
        if open_case is not None:
            do_attach_mention(open_case, mention, actor=None)
        else:
            do_open_case(
                mention.brand,
                title=(mention.title or mention.text)[:120],
                mention=mention,
                customer=customer,
                actor=None,
                risk_level=_risk(mention),
                reason=f"rule: {rule.name}",
            )
        handled += 1
    return handled
