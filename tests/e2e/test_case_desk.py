"""The case desk in a real browser: to closure, collisions, a breached SLA."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from sentinelle.cases.actions import do_open_case
from sentinelle.cases.escalation import refresh_open_cases
from sentinelle.cases.models import Case, SlaPolicy
from sentinelle.core.clock import now
from tests.conftest import PASSWORD


@pytest.fixture
def site(live_server, alice, bob, dana):
    return live_server.url


@pytest.fixture
def contexts(browser):
    """Browser contexts opened by a test, closed after it (their pages poll the server)."""
    opened = []
    yield opened
    for context in opened:
        context.close()


def _login(contexts, browser, site, username, path):
    context = browser.new_context(locale="fr-FR")
    contexts.append(context)
    page = context.new_page()
    page.goto(f"{site}/accounts/login/?next={path}")
    page.get_by_label("Nom d’utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    return page


def test_an_agent_takes_a_case_to_closure_while_a_colleague_is_warned(
    browser, contexts, site, brand, mentions
):
    case = do_open_case(brand, title="Roue voilée", mention=mentions[0], actor=None)
    path = f"/b/velonova/cases/{case.reference}/"
    alice = _login(contexts, browser, site, "alice", path)
    alice.get_by_role("button", name="Accuser réception").click()
    expect(alice.locator(".messages")).to_contain_text("Accusé de réception enregistré")
    alice.get_by_role("button", name="Prendre en charge").click()
    alice.get_by_label("Répondre au client").fill("Bonjour")

    bob = _login(contexts, browser, site, "bob", path)
    expect(bob.locator(".collision")).to_contain_text("Alice")

    alice.get_by_label("Répondre au client").fill(
        "Bonjour, je comprends : une roue voilée à la livraison, c'est inacceptable. Je suis "
        "Alice et je m'occupe de votre dossier ; une roue neuve part demain, vous l'aurez "
        "jeudi.\nAlice"
    )
    alice.get_by_role("button", name="Envoyer la réponse").click()
    expect(alice.locator(".messages")).to_contain_text("Réponse envoyée")
    alice.locator("summary", has_text="Résoudre avec une réponse finale").click()
    alice.get_by_label("Réponse finale au client").fill("Roue remplacée, livrée jeudi.")
    alice.get_by_label("positive").check()
    alice.get_by_role("button", name="Résoudre", exact=True).click()
    expect(alice.locator(".messages")).to_contain_text("Résolu avec une réponse finale")
    alice.get_by_role("button", name="Clore").click()
    expect(alice.locator(".badge.status-closed")).to_be_visible()
    assert Case.objects.get(pk=case.pk).status == "closed"


def test_a_lead_sees_a_breached_case_first(browser, contexts, site, brand, mentions):
    SlaPolicy.objects.create(
        brand=brand, name="24/7", business_hours_only=False, acknowledge_minutes=1
    )
    late = do_open_case(brand, title="Sans réponse", mention=mentions[0], actor=None)
    Case.objects.filter(pk=late.pk).update(opened_at=now() - timedelta(hours=2))
    refresh_open_cases()
    dana = _login(contexts, browser, site, "dana", "/b/velonova/?tab=cases")
    first_row = dana.locator("table.list tbody tr").first
    expect(first_row).to_contain_text(late.reference)
    expect(first_row.locator(".badge.sla-breached")).to_be_visible()
