"""One discourse per story: the approved holding statement, saved replies, lead approval."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sentinelle.cases.actions import do_acknowledge_case, do_assign_case, do_open_case
from sentinelle.core.models import Outbox
from sentinelle.portal.followup import list_customer_timeline
from sentinelle.replies.models import Reply, ReplyPolicy, SavedReply
from sentinelle.stories.models import HoldingStatement, Story, StoryMention
from sentinelle.stories.playbooks import offer_playbook
from tests.test_reply_desk import GOOD

STATEMENT_FR = (
    "Bonjour, nous avons vu vos messages sur le cadenas Bastion U et nous comprenons votre "
    "inquiétude. Nos équipes vérifient ce qui s'est passé. Nous publions nos conclusions ici "
    "avant demain 18 h et nous répondons à chacun personnellement."
)


@pytest.fixture
def case(brand, mentions, alice):
    case = do_open_case(brand, title="Cadenas", mention=mentions[4], actor=None)
    do_acknowledge_case(case, actor=alice)
    case = do_assign_case(case, owner=alice, actor=alice)
    story = StoryMention.objects.get(mention=mentions[4]).story
    Story.objects.filter(pk=story.pk).update(risk_level="alert")
    case.story = story
    case.save(update_fields=["story"])
    return case


def _url(name, case, **kw):
    return reverse(name, kwargs={"brand_slug": case.brand.slug, **kw})


def test_a_lead_approves_a_statement_drafted_by_an_agent(client, case, alice, dana):
    story = case.story
    client.force_login(alice)
    page = client.get(_url("web:story", case, pk=story.pk)).content.decode()
    assert "Playbook" in page or "Plan" in page  # the default playbook at alert level
    client.post(_url("web:statement_save", case, pk=story.pk), {"text_fr": STATEMENT_FR})
    draft = HoldingStatement.objects.get(story=story)
    assert (draft.version, draft.status, draft.created_by) == (1, "draft", alice)
    assert client.post(_url("web:statement_approve", case, pk=draft.pk)).status_code == 403
    client.force_login(dana)
    client.post(_url("web:statement_approve", case, pk=draft.pk))
    client.post(
        _url("web:statement_save", case, pk=story.pk), {"text_fr": STATEMENT_FR + " Merci."}
    )
    second = HoldingStatement.objects.get(story=story, version=2)
    client.post(_url("web:statement_approve", case, pk=second.pk))
    draft.refresh_from_db()
    second.refresh_from_db()
    assert (draft.status, second.status, second.approved_by) == ("superseded", "approved", dana)


def test_an_empty_statement_is_refused(client, case, alice):
    client.force_login(alice)
    client.post(_url("web:statement_save", case, pk=case.story_id), {"text_fr": " ", "text_en": ""})
    assert not HoldingStatement.objects.exists()


def _approve(case, dana):
    from sentinelle.stories.playbooks import do_approve_statement, do_save_statement

    statement = do_save_statement(case.story, author=dana, text_fr=STATEMENT_FR, text_en="")
    return do_approve_statement(statement, approver=dana)


def test_the_agent_sees_the_statement_first_and_can_insert_it(client, case, alice, dana):
    _approve(case, dana)
    client.force_login(alice)
    page = client.get(_url("web:case", case, reference=case.reference)).content.decode()
    assert "Bastion U et nous comprenons" in page
    filled = client.get(
        _url("web:case", case, reference=case.reference) + "?insert=statement"
    ).content.decode()
    assert filled.count("Nos équipes vérifient") == 2  # shown, and in the reply box


def test_a_reply_that_ignores_the_statement_asks_for_confirmation(client, case, alice, dana):
    _approve(case, dana)
    client.force_login(alice)
    held = client.post(_url("web:case_reply", case, reference=case.reference), {"text": GOOD})
    assert held.status_code == 422 and "rule-ignores_statement" in held.text
    personal = STATEMENT_FR + " " + GOOD
    sent = client.post(_url("web:case_reply", case, reference=case.reference), {"text": personal})
    assert sent.status_code == 302 and Reply.objects.count() == 1


def test_on_a_quiet_story_the_statement_is_not_required(client, case, alice, dana):
    _approve(case, dana)
    Story.objects.filter(pk=case.story_id).update(risk_level="watch")
    client.force_login(alice)
    sent = client.post(_url("web:case_reply", case, reference=case.reference), {"text": GOOD})
    assert sent.status_code == 302


def test_replies_wait_for_a_lead_on_a_story_at_alert(client, case, alice, dana):
    ReplyPolicy.objects.create(brand=case.brand, approval="alert")
    client.force_login(alice)
    page = client.get(_url("web:case", case, reference=case.reference)).content.decode()
    assert "approuve" in page or "approves" in page
    client.post(_url("web:case_reply", case, reference=case.reference), {"text": GOOD})
    reply = Reply.objects.get()
    case.refresh_from_db()
    assert reply.status == "pending" and case.first_answered_at is None
    assert not Outbox.objects.filter(kind="email", dedupe_key=f"reply-{reply.pk}").exists()
    assert list_customer_timeline(case) == [e for e in list_customer_timeline(case) if e.mine]
    client.force_login(dana)
    queue = client.get(_url("web:replies_pending", case)).content.decode()
    assert "vis partent ce soir" in queue
    client.post(_url("web:reply_review", case, pk=reply.pk), {"decision": "approve"})
    reply.refresh_from_db()
    case.refresh_from_db()
    assert reply.status == "sent" and reply.reviewed_by == dana
    assert case.first_answered_at is not None
    again = client.post(_url("web:reply_review", case, pk=reply.pk), {"decision": "reject"})
    assert again.status_code == 302
    reply.refresh_from_db()
    assert reply.status == "sent"  # a decision is final


def test_a_lead_sends_back_a_reply_with_a_note(client, case, alice, dana):
    ReplyPolicy.objects.create(brand=case.brand, approval="alert")
    client.force_login(alice)
    client.post(_url("web:case_reply", case, reference=case.reference), {"text": GOOD})
    reply = Reply.objects.get()
    client.force_login(dana)
    client.post(
        _url("web:reply_review", case, pk=reply.pk), {"decision": "reject", "note": "Ton trop sec"}
    )
    reply.refresh_from_db()
    assert (reply.status, reply.review_note) == ("rejected", "Ton trop sec")
    client.force_login(alice)
    page = client.get(_url("web:case", case, reference=case.reference)).content.decode()
    assert "Ton trop sec" in page


def test_a_leads_own_reply_goes_at_once_and_crisis_policy_spares_alert(client, case, dana):
    policy = ReplyPolicy.objects.create(brand=case.brand, approval="crisis")
    client.force_login(dana)
    client.post(_url("web:case_reply", case, reference=case.reference), {"text": GOOD})
    assert Reply.objects.get().status == "sent"
    policy.approval = "alert"
    policy.save()
    client.post(_url("web:case_reply", case, reference=case.reference), {"text": GOOD + " Bis."})
    assert Reply.objects.filter(status="sent").count() == 2


def test_a_saved_reply_is_filled_with_the_cases_values(client, case, alice, dana):
    saved = SavedReply.objects.create(
        brand=case.brand,
        title="Pièces manquantes",
        language="fr",
        text="Bonjour, je suis {owner_name}, votre dossier {case_reference} est suivi. "
        "Je vous rappelle avant {deadline}. {inconnu}",
    )
    client.force_login(alice)
    page = client.get(
        _url("web:case", case, reference=case.reference) + f"?saved={saved.pk}"
    ).content.decode()
    assert f"votre dossier {case.reference} est suivi" in page
    assert "{owner_name}" not in page and "{deadline}" not in page


def test_a_lead_cannot_save_a_reply_with_an_unknown_variable(client, brand, dana):
    client.force_login(dana)
    url = reverse("web:settings_saved-replies", args=["velonova"])
    bad = client.post(url, {"title": "X", "language": "fr", "text": "Bonjour {prenom}"})
    assert bad.status_code == 200 and "prenom" in bad.content.decode()
    assert not SavedReply.objects.exists()
    ok = client.post(url, {"title": "X", "language": "fr", "text": "Bonjour {customer_name}"})
    assert ok.status_code == 302 and SavedReply.objects.count() == 1
    listing = client.get(url).content.decode()
    assert "/100" in listing  # each saved reply shows its lint score


def test_a_lead_adds_a_word_to_avoid_and_the_linter_flags_it(client, case, dana):
    client.force_login(dana)
    url = reverse("web:settings_reply-terms", args=["velonova"])
    client.post(
        url,
        {
            "phrase": "geste commercial",
            "message": "Sonne comme une aumône",
            "suggestion": "remboursement",
        },
    )
    draft = GOOD + " Nous vous proposons un geste commercial."
    lint = client.post(_url("web:case_reply_lint", case, reference=case.reference), {"text": draft})
    assert "Sonne comme une aumône" in lint.content.decode()


def test_alert_channel_settings_refuse_unsafe_targets(client, brand, dana):
    client.force_login(dana)
    url = reverse("web:settings_alerts", args=["velonova"])
    plain = client.post(
        url,
        {
            "name": "Hook",
            "kind": "webhook",
            "target": "http://x.example/h",
            "secret": "s" * 20,
            "min_level": "alert",
            "enabled": "on",
        },
    )
    assert plain.status_code == 200  # http refused
    weak = client.post(
        url,
        {
            "name": "Hook",
            "kind": "webhook",
            "target": "https://x.example/h",
            "secret": "short",
            "min_level": "alert",
            "enabled": "on",
        },
    )
    assert weak.status_code == 200
    good = client.post(
        url,
        {
            "name": "Hook",
            "kind": "webhook",
            "target": "https://x.example/h",
            "secret": "s" * 20,
            "min_level": "alert",
            "enabled": "on",
        },
    )
    assert good.status_code == 302


def test_a_brand_playbook_for_the_topic_comes_before_the_default(case, dana):
    from sentinelle.stories.models import Playbook

    story = Story.objects.get(pk=case.story_id)
    assert offer_playbook(story).playbook is None  # Sentinelle's default at alert
    Playbook.objects.create(
        brand=case.brand,
        name="Sécurité produit",
        topics=["safety"],
        steps="Rappeler\nPrévenir le juridique",
    )
    general = Playbook.objects.create(brand=case.brand, name="Général", steps="Informer les RP")
    assert offer_playbook(story).playbook == general  # the topic does not fit this story
    Story.objects.filter(pk=story.pk).update(risk_level="quiet")
    story.refresh_from_db()
    assert offer_playbook(story) is None
