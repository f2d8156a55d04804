"""A customer complains on the brand's own page and follows their case, in a real browser."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.portal.conftest import PNG

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def site(live_server, alice, brand):
    return live_server.url


def _file_complaint(page, site, tmp_path):
    photo = tmp_path / "roue-voilee.png"
    photo.write_bytes(PNG)
    page.goto(f"{site}/p/velonova/")
    page.get_by_label("Votre nom").fill("Nadia Benali")
    page.get_by_label("Votre adresse e-mail").fill("nadia.benali@example.org")
    page.get_by_label("Numéro de commande ou de compte (facultatif)").fill("VN-482913")
    page.get_by_label("Par téléphone").check()
    page.get_by_label("Quand, et combien de fois ? (facultatif)").fill(
        "Deux appels la semaine dernière"
    )
    page.get_by_label("Que s’est-il passé ?").fill(
        "Mon vélo est arrivé avec la roue avant voilée, et personne ne me rappelle."
    )
    page.get_by_label("Une réparation").check()
    page.get_by_label("Photos ou documents (facultatif)").set_input_files(str(photo))
    page.get_by_role("button", name="Envoyer ma réclamation").click()


def test_a_customer_files_a_complaint_and_follows_it_to_a_named_person(browser, site, tmp_path):
    customer = browser.new_context(locale="fr-FR").new_page()
    _file_complaint(customer, site, tmp_path)
    expect(customer.get_by_role("heading", level=1)).to_have_text(
        "Votre réclamation a bien été reçue"
    )
    expect(customer.locator("strong")).to_have_text("VN-000001")
    customer.locator(".link a").click()
    expect(customer.locator("#owner")).to_have_text("pas encore désignée")

    agent = browser.new_context(locale="fr-FR").new_page()
    agent.goto(f"{site}/accounts/login/?next=/b/velonova/cases/VN-000001/")
    agent.get_by_label("Nom d’utilisateur").fill("alice")
    agent.get_by_label("Mot de passe").fill(PASSWORD)
    agent.get_by_role("button", name="Connexion").click()
    expect(agent.get_by_role("heading", level=1)).to_contain_text("VN-000001")
    expect(agent.locator("body")).to_contain_text("roue avant voilée")
    agent.get_by_role("button", name="Prendre en charge").click()
    expect(agent.locator(".messages")).to_contain_text("Vous êtes maintenant responsable")

    customer.reload()
    expect(customer.locator("#owner")).to_have_text("Alice")
    customer.get_by_label("Ajouter une information ou nous répondre").fill(
        "J’ajoute la facture : numéro 2026-118."
    )
    customer.get_by_role("button", name="Envoyer", exact=True).click()
    expect(customer.locator(".notice")).to_contain_text("votre message a été ajouté")
    expect(customer.locator(".timeline")).to_contain_text("numéro 2026-118")

    agent.reload()
    expect(agent.locator("body")).to_contain_text("numéro 2026-118")
    customer.context.close()
    agent.context.close()


def _serious_violations(page) -> list[dict]:
    if not AXE.exists():
        if os.environ.get("SENTINELLE_REQUIRE_BROWSER"):
            pytest.fail("axe-core is missing: run npm install")
        pytest.skip("axe-core is not installed (npm install)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def test_the_form_and_tracking_page_have_no_serious_accessibility_violations(
    browser, site, tmp_path
):
    page = browser.new_context(locale="fr-FR", bypass_csp=True).new_page()
    page.goto(f"{site}/p/velonova/")
    assert _serious_violations(page) == []
    page.get_by_role("button", name="Envoyer ma réclamation").click()  # errors shown
    expect(page.locator(".summary")).to_be_visible()
    violations = _serious_violations(page)
    assert violations == [], json.dumps(violations)
    page.goto(f"{site}/p/velonova/?lang=en")
    assert _serious_violations(page) == []
    _file_complaint(page, site, tmp_path)
    assert _serious_violations(page) == []
    page.locator(".link a").click()
    assert _serious_violations(page) == []
    page.context.close()


def test_the_form_works_without_javascript(browser, site):
    context = browser.new_context(locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/p/velonova/")
    page.get_by_label("Votre nom").fill("Jo")
    page.get_by_role("button", name="Envoyer ma réclamation").click()
    expect(page.locator(".summary")).to_contain_text("Vérifiez le formulaire")
    context.close()
