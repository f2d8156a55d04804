"""The write path for customers: one person across authors, e-mails and order numbers."""

from __future__ import annotations

from django.db import transaction

from sentinelle.brands.models import Brand
from sentinelle.cases.models import Customer, CustomerAuthor, CustomerIdentifier
from sentinelle.listening.models import Author


def normalize_identifier(kind: str, value: str) -> str:
    value = value.strip()
    return value.lower() if kind == "email" else value.upper()


@transaction.atomic
def do_create_customer(
    brand: Brand, *, display_name: str, identifiers: dict[str, list[str]] | None = None
) -> Customer:
    """A new customer with the identifiers known for them (already-claimed ones are skipped)."""
    customer = Customer.objects.create(brand=brand, display_name=display_name[:255])
    for kind, values in (identifiers or {}).items():
        for value in values:
            CustomerIdentifier.objects.get_or_create(
                brand=brand,
                kind=kind,
                value=normalize_identifier(kind, value),
                defaults={"customer": customer},
            )
    return customer


@transaction.atomic
def do_link_author(
    customer: Customer, author: Author, *, reason: str, confirmed: bool = True
) -> CustomerAuthor:
    """Link a platform account to the customer behind it (an author has one customer)."""
    if author.brand_id != customer.brand_id:
        raise ValueError("The author belongs to another brand.")
    link, _ = CustomerAuthor.objects.update_or_create(
        author=author, defaults={"customer": customer, "reason": reason, "confirmed": confirmed}
    )
    return link


def get_customer_by_identifiers(brand: Brand, identifiers: dict[str, list[str]]) -> Customer | None:
    """The customer one of these e-mails, phones, order or account numbers points to."""
    for kind, values in identifiers.items():
        for value in values:
            found = (
                CustomerIdentifier.objects.filter(
                    brand=brand, kind=kind, value=normalize_identifier(kind, value)
                )
                .select_related("customer")
                .first()
            )
            if found is not None:
                return found.customer
    return None
