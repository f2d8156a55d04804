"""Load the demo brand: users, sources, a week of mentions replayed, and a few cases."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from rich.console import Console

from sentinelle.brands.actions import do_add_member, do_create_brand
from sentinelle.brands.models import Brand, Department, DepartmentKind, Role
from sentinelle.cases.actions import (
    do_acknowledge_case,
    do_assign_case,
    do_attach_mention,
    do_open_case,
)
from sentinelle.cases.customers import do_create_customer, do_link_author
from sentinelle.cases.models import CaseRule, Customer, SlaPolicy
from sentinelle.cases.rules import apply_case_rules
from sentinelle.cli_admin import progress_bar
from sentinelle.core.clock import now
from sentinelle.demo.week import DEMO_BRAND, generate_week
from sentinelle.listening.importer import ImportLine
from sentinelle.listening.ingest import ingest_lines
from sentinelle.listening.items import item_from_dict
from sentinelle.listening.models import Mention, WatchQuery

DEMO_USERS = [
    ("dana", "Dana", "Lefebvre", Role.LEAD, DepartmentKind.CUSTOMER_CARE),
    ("alice", "Alice", "Martin", Role.AGENT, DepartmentKind.CUSTOMER_CARE),
    ("bob", "Bob", "Tremblay", Role.AGENT, DepartmentKind.CUSTOMER_CARE),
    ("pierre", "Pierre", "Gagnon", Role.ADMIN, DepartmentKind.PR),
]


def load_demo(*, reset: bool = False, console: Console | None = None) -> Brand:
    """Create the demo brand and replay its week, ending now; idempotent unless reset."""
    console = console or Console()
    brand = Brand.objects.filter(slug=DEMO_BRAND["slug"]).first()
    if brand is not None and reset:
        with transaction.atomic():
            Mention.objects.filter(brand=brand).delete()
            brand.delete()
        brand = None
    if brand is not None:
        console.print(f"The demo brand {brand.name} is already loaded (use --reset to reload).")
        return brand
    brand = _create_brand_and_people()
    start = now().replace(minute=0, second=0, microsecond=0) - timedelta(days=7)
    items = generate_week(start=start)
    lines = (ImportLine(number, item=item_from_dict(data)) for number, data in enumerate(items, 1))
    with progress_bar() as progress:
        task = progress.add_task("Replaying the demo week", total=len(items))
        report = ingest_lines(
            brand,
            lines,
            default_source="Demo",
            batch_size=100,
            on_batch=lambda n: progress.advance(task, n),
        )
    console.print(f"{report.created} mentions replayed into {brand.name}.")
    cases = _open_demo_cases(brand)
    # The brand's rule goes live after the scripted cases, then catches up on the week.
    CaseRule.objects.create(
        brand=brand, name="Plaintes sérieuses", min_complaint_score=0.8, min_severity=3
    )
    week = list(
        Mention.objects.filter(brand=brand).select_related("author").order_by("published_at")
    )
    routed = apply_case_rules(week)
    console.print(
        f"{cases} cases for customers who wrote to the brand; the case rule routed {routed} "
        f"serious complaints; {brand.cases.count()} cases in all."
    )
    return brand


def _create_brand_and_people() -> Brand:
    brand = do_create_brand(
        name=DEMO_BRAND["name"],
        slug=DEMO_BRAND["slug"],
        timezone=DEMO_BRAND.get("timezone", "Europe/Paris"),
        case_prefix="VN",
    )
    for username, first, last, role, dept_kind in DEMO_USERS:
        do_add_member(
            brand,
            username=username,
            role=role,
            actor=None,
            first_name=first,
            last_name=last,
            email=f"{username}@velonova.example",
            password=settings.SENTINELLE_DEMO_PASSWORD,
            departments=list(Department.objects.filter(brand=brand, kind=dept_kind)),
        )
    SlaPolicy.objects.create(
        brand=brand,
        name="Standard",
        acknowledge_minutes=60,
        owner_minutes=120,
        first_answer_minutes=240,
        update_minutes=1440,
        resolution_minutes=5 * 540,
    )
    SlaPolicy.objects.create(
        brand=brand,
        name="Crise",
        risk_level="crisis",
        business_hours_only=False,
        acknowledge_minutes=15,
        owner_minutes=30,
        first_answer_minutes=60,
        update_minutes=240,
        resolution_minutes=24 * 60,
    )
    WatchQuery.objects.create(
        brand=brand, name="Vélonova", query='"vélonova" OR velonova OR @velonova OR "bastion u"'
    )
    return brand


def _open_demo_cases(brand: Brand) -> int:
    """The agents' week: each rebate customer becomes one customer with one case."""
    from django.contrib.auth import get_user_model

    agents = list(get_user_model().objects.filter(username__in=["alice", "bob"]).order_by("pk"))
    by_customer: dict[str, list[Mention]] = {}
    for mention in Mention.objects.filter(brand=brand).select_related("author"):
        key = (mention.raw.get("truth") or {}).get("customer")
        if key and not mention.is_from_brand:
            by_customer.setdefault(key, []).append(mention)
    opened = 0
    for index, (key, mentions) in enumerate(sorted(by_customer.items())):
        mentions.sort(key=lambda m: m.published_at)
        first = mentions[0]
        customer = _customer_for(brand, key, mentions)
        case = do_open_case(
            brand,
            title=(first.title or first.text)[:120],
            mention=first,
            customer=customer,
            actor=None,
            reason="demo: a customer wrote to the brand",
        )
        opened += 1
        for later in mentions[1:]:
            do_attach_mention(case, later, actor=None)
        if index % 3 == 2:
            continue  # some cases wait for an agent in the inbox
        do_acknowledge_case(case, actor=agents[index % len(agents)])
        if index % 3 == 0:
            do_assign_case(case, owner=agents[index % len(agents)], actor=agents[0])
    return opened


def _customer_for(brand: Brand, key: str, mentions: list[Mention]) -> Customer:
    names = [m.author.display_name for m in mentions if m.author and m.author.display_name]
    emails = {m.author.email for m in mentions if m.author and m.author.email}
    orders = {m.references["order"] for m in mentions if m.references.get("order")}
    customer = do_create_customer(
        brand,
        display_name=names[0] if names else key,
        identifiers={"email": sorted(emails), "order": sorted(orders)},
    )
    for author in {m.author for m in mentions if m.author}:
        do_link_author(customer, author, reason="demo: same e-mail or order number")
    return customer
