"""Replies are linted as the agent types and before they go: fix, knowingly accept, or blocked."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sentinelle.cases.actions import do_acknowledge_case, do_assign_case, do_open_case
from sentinelle.replies.models import BrandReplyTerm, Reply

HOLLOW = "Votre demande a été transmise au service concerné. Cordialement, le service client."
GOOD = (
    "Bonjour, je comprends votre agacement : recevoir un vélo sans vis, c'est inacceptable. "
    "Je suis Alice et je m'occupe de votre dossier : les vis partent ce soir, vous les aurez "
    "jeudi. Je vous rappelle demain avant 16 h pour vérifier que tout va bien.\nAlice"
)


@pytest.fixture
def case(brand, mentions, alice):
    case = do_open_case(brand, title="Vis manquantes", mention=mentions[0], actor=None)
    do_acknowledge_case(case, actor=alice)
    return do_assign_case(case, owner=alice, actor=alice)


def _post(client, name, case, **data):
    return client.post(reverse(name, args=[case.brand.slug, case.reference]), data)


def test_a_hollow_reply_is_held_with_its_findings(client, alice, case):
    client.force_login(alice)
    response = _post(client, "web:case_reply", case, text=HOLLOW)
    assert response.status_code == 422
    assert "rule-hollow" in response.text and "rule-no_named_person" in response.text
    assert HOLLOW.split(".")[0] in response.text  # the draft is kept
    assert not Reply.objects.exists()
    sent = _post(client, "web:case_reply", case, text=HOLLOW, confirm="1")
    assert sent.status_code == 302
    assert Reply.objects.count() == 1


def test_a_good_reply_goes_at_once(client, alice, case):
    client.force_login(alice)
    assert _post(client, "web:case_reply", case, text=GOOD).status_code == 302
    assert Reply.objects.get().text == GOOD


def test_asking_to_delete_a_post_can_never_be_sent(client, alice, case):
    client.force_login(alice)
    text = GOOD + "\nMerci de supprimer votre publication sur Facebook."
    response = _post(client, "web:case_reply", case, text=text, confirm="1")
    assert response.status_code == 422
    assert "rule-asks_removal" in response.text
    assert not Reply.objects.exists()


def test_linting_as_the_agent_types(client, alice, case, brand):
    BrandReplyTerm.objects.create(brand=brand, phrase="SAV N2", message="Jargon interne")
    client.force_login(alice)
    fragment = _post(client, "web:case_reply_lint", case, text="Le SAV N2 traite votre demande.")
    assert fragment.status_code == 200
    assert "<html" not in fragment.text
    assert "rule-brand_terms" in fragment.text
    clean = _post(client, "web:case_reply_lint", case, text=GOOD)
    assert 'data-score="100"' in clean.text


def test_an_answer_given_on_the_platform_is_recorded_with_its_link(client, alice, case):
    client.force_login(alice)
    url = "https://mastodon.example/@velonova/110"
    _post(client, "web:case_reply", case, text=GOOD, channel="platform", link=url)
    reply = Reply.objects.get()
    assert (reply.channel, reply.link) == ("platform", url)
    case.refresh_from_db()
    assert case.first_answered_at is not None
    bad = _post(
        client, "web:case_reply", case, text=GOOD, channel="platform", link="javascript:alert(1)"
    )
    assert bad.status_code == 302 and Reply.objects.count() == 1
