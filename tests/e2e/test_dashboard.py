"""A person logs in, switches language and reads the inbox, in a real browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD


@pytest.fixture
def site(live_server, dana, alice, brand, mentions, other_mentions):
    return live_server.url


def _login(page, site, username):
    page.goto(site + "/")
    page.get_by_label("Nom d’utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()


def test_login_switch_language_and_see_the_inbox(page, site):
    _login(page, site, "dana")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Boîte de réception")
    expect(page.locator("ol.mentions > li")).to_have_count(5)
    expect(page.locator("#counts")).to_contain_text("5")
    page.get_by_role("button", name="EN", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Inbox")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("button", name="FR", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Boîte de réception")
    assert not [e for e in page.console_errors if "Content Security Policy" in e]


def test_hostile_text_is_shown_not_run(page, site):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    _login(page, site, "alice")
    page.get_by_role("link", name=re.compile("Bastion U")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("<b>Bastion U</b>")
    expect(page.locator(".body")).to_contain_text("ouvert avec un stylo")
    assert dialogs == []


def test_an_agent_opens_a_case_from_a_mention(page, site):
    _login(page, site, "alice")
    page.locator("ol.mentions a.text").first.click()
    page.get_by_role("button", name="Ouvrir un dossier").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("VN-000001")
    expect(page.locator(".timeline").last).to_contain_text("Alice")


def test_an_agent_fixes_a_hollow_reply_before_sending_it(page, site, brand, alice, mentions):
    from sentinelle.cases.actions import do_acknowledge_case, do_assign_case, do_open_case

    case = do_open_case(brand, title="Vis manquantes", mention=mentions[0], actor=None)
    do_assign_case(do_acknowledge_case(case, actor=alice), owner=alice, actor=alice)
    _login(page, site, "alice")
    page.goto(f"{site}/b/velonova/cases/{case.reference}/")
    box = page.get_by_label("Répondre au client")
    box.fill("Votre demande a été transmise au service concerné. Le service client.")
    expect(page.locator("#lint .rule-hollow")).to_be_visible()
    expect(page.locator("#lint .rule-no_named_person")).to_be_visible()
    box.fill(
        "Bonjour, je comprends, un vélo livré sans vis c'est inacceptable. Je suis Alice et je "
        "m'occupe de votre dossier : les vis partent ce soir, vous les aurez jeudi.\nAlice"
    )
    expect(page.locator("#lint .lint")).to_have_attribute("data-score", "100")
    page.get_by_role("button", name="Envoyer la réponse").click()
    expect(page.locator(".messages")).to_contain_text("Réponse envoyée")
    expect(page.locator("body")).to_contain_text("les vis partent ce soir")
