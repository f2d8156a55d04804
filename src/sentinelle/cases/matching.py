"""Find the customer behind a new author with the linker: link on strong evidence, suggest on
weaker evidence (an agent confirms), never on a name alone."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber

from sentinelle.cases.customers import do_link_author
from sentinelle.cases.linking import AuthorRecord, score_pair
from sentinelle.cases.models import Case, Customer, CustomerAuthor, LinkSuggestion
from sentinelle.core.text import fold
from sentinelle.listening.models import Author, Mention

CANDIDATES = 50
TEXTS_PER_AUTHOR = 5


def _records(authors: list[Author]) -> dict[int, AuthorRecord]:
    """Each author's record with their latest texts: one query for all of them."""
    texts: dict[int, list[Mention]] = {a.pk: [] for a in authors}
    latest = Window(RowNumber(), partition_by=F("author_id"), order_by=F("published_at").desc())
    rows = (
        Mention.objects.filter(author_id__in=list(texts))
        .annotate(latest=latest)
        .filter(latest__lte=TEXTS_PER_AUTHOR)
        .order_by("author_id", "-published_at")
        .only("author_id", "text", "references")
    )
    for m in rows:
        texts[m.author_id].append(m)
    return {
        a.pk: AuthorRecord(
            key=str(a.pk),
            platform=a.platform,
            handle=a.handle,
            display_name=a.display_name,
            profile_url=a.profile_url,
            email=a.email,
            texts=[m.text for m in texts[a.pk]],
            references={m.references["order"] for m in texts[a.pk] if m.references.get("order")},
        )
        for a in authors
    }


def _candidates(author: Author) -> list[Author]:
    """Linked authors of the brand sharing a name word or the handle: the only ones scored
    (at most CANDIDATES), with their customers, in one query."""
    words = [
        w
        for w in fold(f"{author.display_name} {author.handle}").replace("@", " ").split()
        if len(w) >= 3
    ][:3]
    if not words:
        return []
    named = Q()
    for word in words:
        named |= Q(display_name__icontains=word)
    linked = (
        Author.objects.filter(named, brand_id=author.brand_id, customer_link__isnull=False)
        .exclude(pk=author.pk)
        .select_related("customer_link__customer")
    )
    return list(linked[:CANDIDATES])


def match_author(author: Author) -> tuple[Customer | None, list[tuple[Customer, Any]]]:
    """(the customer to link to, or None; the customers to suggest with their decisions)."""
    candidates = _candidates(author)
    records = _records([author, *candidates])
    me = records[author.pk]
    best, suggestions = None, []
    for other in candidates:
        decision = score_pair(me, records[other.pk])
        customer = other.customer_link.customer
        if decision.decision == "link" and (best is None or decision.score > best[1].score):
            best = (customer, decision)
        elif decision.decision == "suggest":
            suggestions.append((customer, decision))
    return (best[0] if best else None), suggestions


@transaction.atomic
def do_record_suggestions(author: Author, suggestions: list[tuple[Customer, Any]]) -> None:
    for customer, decision in suggestions:
        LinkSuggestion.objects.get_or_create(
            author=author,
            customer=customer,
            defaults={
                "brand_id": author.brand_id,
                "score": decision.score,
                "reasons": list(decision.reasons)[:10],
            },
        )


@transaction.atomic
def do_decide_suggestion(suggestion: LinkSuggestion, *, confirm: bool, actor: Any) -> None:
    """Confirm (the author joins that customer, with their cases) or reject a suggestion."""
    suggestion.status = (
        LinkSuggestion.Status.CONFIRMED if confirm else LinkSuggestion.Status.REJECTED
    )
    suggestion.decided_by = actor
    suggestion.save(update_fields=["status", "decided_by"])
    if not confirm:
        return
    previous = CustomerAuthor.objects.filter(author=suggestion.author).first()
    do_link_author(suggestion.customer, suggestion.author, reason="confirmed by an agent")
    old = previous.customer if previous else None
    if old is not None and old != suggestion.customer and not old.author_links.exists():
        Case.objects.filter(customer=old).update(customer=suggestion.customer)
        for identifier in old.identifiers.all():
            if not suggestion.customer.identifiers.filter(
                kind=identifier.kind, value=identifier.value
            ).exists():
                identifier.customer = suggestion.customer
                identifier.save(update_fields=["customer"])
        old.delete()
