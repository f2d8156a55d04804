"""Breaches escalate to leads, warnings reach the owner, once each; the inbox sorts by due time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import time_machine
from django.urls import reverse

from sentinelle.cases.actions import do_acknowledge_case, do_assign_case, do_open_case
from sentinelle.cases.escalation import refresh_open_cases
from sentinelle.cases.models import SlaPolicy
from sentinelle.core.models import Outbox

START = datetime(2026, 11, 16, 10, 0, tzinfo=UTC)


def _policy(brand):
    return SlaPolicy.objects.create(
        brand=brand,
        name="24/7",
        business_hours_only=False,
        acknowledge_minutes=60,
        owner_minutes=120,
        warn_before_minutes=20,
    )


def test_a_breach_escalates_to_the_leads_once(brand, mentions, alice, dana, erin):
    _policy(brand)
    with time_machine.travel(START, tick=False):
        case = do_open_case(brand, title="Roue voilée", mention=mentions[0], actor=None)
    with time_machine.travel(START + timedelta(minutes=90), tick=False):
        refresh_open_cases()
        refresh_open_cases()
    mails = Outbox.objects.filter(kind="email")
    assert sorted(m.payload["to"] for m in mails) == ["dana@example.org", "erin@example.org"]
    assert all(case.reference in m.payload["subject"] for m in mails)
    case.refresh_from_db()
    assert case.sla_state == "breached"


def test_the_owner_is_warned_before_a_breach(brand, mentions, alice):
    _policy(brand)
    with time_machine.travel(START, tick=False):
        case = do_open_case(brand, title="Roue voilée", mention=mentions[0], actor=None)
        do_acknowledge_case(case, actor=alice)
        do_assign_case(case, owner=alice, actor=alice)
    with time_machine.travel(START + timedelta(minutes=2), tick=False):
        refresh_open_cases()
    assert not Outbox.objects.exists()


def test_the_cases_inbox_puts_the_most_urgent_first(client, brand, mentions, alice):
    _policy(brand)
    with time_machine.travel(START, tick=False):
        early = do_open_case(brand, title="Premier", mention=mentions[0], actor=None)
    with time_machine.travel(START + timedelta(minutes=30), tick=False):
        later = do_open_case(brand, title="Second", mention=mentions[1], actor=None)
        do_acknowledge_case(early, actor=alice)
    client.force_login(alice)
    page = client.get(reverse("web:inbox", args=[brand.slug]), {"tab": "cases"})
    assert [c.reference for c in page.context["page"]] == [later.reference, early.reference]
    with time_machine.travel(START + timedelta(minutes=40), tick=False):
        detail = client.get(reverse("web:case", args=[brand.slug, later.reference]))
    assert 'class="sla-running"><td>acknowledge</td>' in detail.text
