"""One discourse per story, in a real browser: a lead approves the holding statement, an agent
inserts it in a reply, makes it personal and sends it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from sentinelle.cases.actions import do_acknowledge_case, do_assign_case, do_open_case
from sentinelle.replies.models import Reply
from sentinelle.stories.models import HoldingStatement, Story, StoryMention
from tests.conftest import PASSWORD

STATEMENT = (
    "Bonjour, nous avons vu vos messages sur le cadenas Bastion U et nous comprenons votre "
    "inquiétude. Nos équipes vérifient ce qui s'est passé ; nous publions nos conclusions ici "
    "avant demain 18 h."
)
PERSONAL = (
    " Je suis Alice et je m'occupe de votre dossier : je vous rappelle demain avant 12 h pour "
    "vous proposer un échange de votre cadenas.\nAlice"
)


@pytest.fixture
def site(live_server, dana, alice, brand, mentions):
    return live_server.url


def _login(page, site, username):
    page.goto(site + "/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()


def test_a_lead_approves_the_statement_and_an_agent_answers_with_it(
    browser, site, brand, alice, mentions
):
    blog = mentions[4]
    story = StoryMention.objects.get(mention=blog).story
    Story.objects.filter(pk=story.pk).update(risk_level="alert")
    case = do_open_case(brand, title="Cadenas", mention=blog, actor=None)
    do_assign_case(do_acknowledge_case(case, actor=alice), owner=alice, actor=alice)
    case.refresh_from_db()
    assert case.story_id == story.pk

    lead = browser.new_context(locale="fr-FR")
    try:
        page = lead.new_page()
        _login(page, site, "dana")
        page.goto(f"{site}/b/velonova/stories/{story.pk}/")
        expect(page.locator("section.playbook ol li").first).to_be_visible()
        page.locator("textarea[name=text_fr]").fill(STATEMENT)
        page.locator("form[action$='/statements/'] button[type=submit]").click()
        page.locator("form[action$='/approve/'] button[type=submit]").click()
        expect(page.locator(".statement.approved blockquote").first).to_contain_text("Bastion U")
    finally:
        lead.close()
    assert HoldingStatement.objects.get(story=story).status == "approved"

    agent = browser.new_context(locale="fr-FR")
    try:
        page = agent.new_page()
        _login(page, site, "alice")
        page.goto(f"{site}/b/velonova/cases/{case.reference}/")
        expect(page.locator(".statement.approved")).to_contain_text("nous comprenons")
        page.locator("a[href='?insert=statement#reply-text']").click()
        box = page.locator("#reply-text")
        expect(box).to_have_value(STATEMENT)
        box.press("End")
        box.type(PERSONAL)
        expect(page.locator("#lint .lint")).to_be_visible()
        expect(page.locator("#lint .rule-ignores_statement")).to_have_count(0)
        page.locator("form[action$='/reply/'] button[type=submit]").click()
        expect(page.locator("ol.timeline").first).to_contain_text("je vous rappelle demain")
    finally:
        agent.close()
    assert Reply.objects.get(case=case).text.startswith("Bonjour, nous avons vu vos messages")
