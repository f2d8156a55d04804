"""Inbox filters and saved views, the sweep of disputes without a final answer, the export."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import time_machine
from django.urls import reverse

from sentinelle.cases.actions import (
    do_acknowledge_case,
    do_assign_case,
    do_consult_department,
    do_open_case,
)
from sentinelle.web.models import SavedView


def _cases(client, brand, **params):
    page = client.get(reverse("web:inbox", args=[brand.slug]), {"tab": "cases", **params})
    return [c.reference for c in page.context["page"]]


def test_case_filters_by_owner_and_department(client, brand, mentions, alice, bob):
    mine = do_open_case(brand, title="A", mention=mentions[0], actor=None)
    do_assign_case(do_acknowledge_case(mine, actor=alice), owner=alice, actor=alice)
    nobody = do_open_case(brand, title="B", mention=mentions[1], actor=None)
    legal = brand.departments.get(kind="legal")
    do_consult_department(mine, department=legal, actor=alice)
    client.force_login(alice)
    assert _cases(client, brand, owner="me") == [mine.reference]
    assert _cases(client, brand, owner="none") == [nobody.reference]
    assert _cases(client, brand, owner=str(bob.pk)) == []
    assert _cases(client, brand, department=str(legal.pk)) == [mine.reference]
    assert len(_cases(client, brand, owner="'; DROP TABLE x;--")) == 2


def test_a_saved_view_keeps_its_filters_and_is_personal(client, brand, alice, bob):
    client.force_login(alice)
    response = client.post(
        reverse("web:save_view", args=[brand.slug]),
        {"name": "Mes dossiers ouverts", "tab": "cases", "owner": "me", "status": "open"},
    )
    assert response.status_code == 302
    view = SavedView.objects.get()
    assert view.user == alice and "owner=me" in view.query and "status=open" in view.query
    assert "Mes dossiers ouverts" in client.get(reverse("web:inbox", args=[brand.slug])).text
    client.force_login(bob)
    assert "Mes dossiers ouverts" not in client.get(reverse("web:inbox", args=[brand.slug])).text
    assert client.post(reverse("web:delete_view", args=[brand.slug, view.pk])).status_code == 404


def test_the_sweep_lists_old_disputes_without_a_final_answer(client, brand, mentions, dana):
    with time_machine.travel(datetime(2026, 11, 1, 9, 0, tzinfo=UTC), tick=False):
        old = do_open_case(brand, title="Vieux litige", mention=mentions[0], actor=None)
    recent = do_open_case(brand, title="Récent", mention=mentions[1], actor=None)
    client.force_login(dana)
    page = client.get(reverse("web:unresolved", args=[brand.slug]), {"days": "7"})
    assert old.reference in page.text and recent.reference not in page.text
    with time_machine.travel(datetime.now(tz=UTC) + timedelta(days=30), tick=False):
        client.force_login(dana)  # the earlier session has expired by then
        later = client.get(reverse("web:unresolved", args=[brand.slug]), {"days": "7"})
    assert recent.reference in later.text


def test_a_case_history_exports_as_json(client, brand, mentions, alice):
    case = do_open_case(brand, title="Roue <voilée>", mention=mentions[0], actor=alice)
    do_acknowledge_case(case, actor=alice)
    client.force_login(alice)
    response = client.get(reverse("web:case_export", args=[brand.slug, case.reference]))
    assert response["Content-Disposition"].endswith(f'{case.reference}.json"')
    data = json.loads(response.content)
    assert data["title"] == "Roue <voilée>"
    assert [e["kind"] for e in data["events"]] == ["opened", "acknowledged"]
    assert data["mentions"][0]["text"] == mentions[0].text


def test_the_case_page_takes_a_case_to_closure(client, brand, mentions, alice):
    case = do_open_case(brand, title="Roue voilée", mention=mentions[0], actor=None)
    client.force_login(alice)

    def post(name, **data):
        return client.post(reverse(name, args=[brand.slug, case.reference]), data, follow=True)

    post("web:case_take")
    post("web:case_consult", department=str(brand.departments.get(kind="rnd").pk), note="Défaut ?")
    post("web:case_wait")
    refused = post("web:case_resolve", final_answer="  ", outcome="positive")
    assert "réponse finale" in refused.text
    post(
        "web:case_resolve",
        final_answer="Roue remplacée jeudi.",
        outcome="positive",
        compensation="bon de 20 €",
    )
    post("web:case_close")
    case.refresh_from_db()
    assert case.status == "closed" and case.owner == alice
    assert case.compensation == "bon de 20 €"
    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds == [
        "opened",
        "acknowledged",
        "assigned",
        "department_consulted",
        "waiting",
        "resolved",
        "closed",
    ]


def test_a_note_tells_the_colleague_it_names_and_never_reaches_the_customer(
    client, brand, mentions, alice, bob
):
    from sentinelle.core.models import Outbox

    case = do_open_case(brand, title="Roue voilée", mention=mentions[0], actor=None)
    client.force_login(alice)
    client.post(
        reverse("web:case_note", args=[brand.slug, case.reference]),
        {"text": "@bob peux-tu vérifier le stock de roues ? (@nobody)"},
    )
    note = case.notes.get()
    assert list(note.mentioned.all()) == [bob]
    assert [m.payload["to"] for m in Outbox.objects.all()] == ["bob@example.org"]
    assert case.events.filter(kind="note").exists()


def test_a_second_agent_sees_who_else_is_on_the_case(client, brand, mentions, alice, bob):
    from django.test import Client

    case = do_open_case(brand, title="Roue voilée", mention=mentions[0], actor=None)
    client.force_login(alice)
    client.get(reverse("web:case", args=[brand.slug, case.reference]))
    client.post(
        reverse("web:case_presence", args=[brand.slug, case.reference]), {"text": "Bonjour, je"}
    )
    other = Client()
    other.force_login(bob)
    page = other.get(reverse("web:case", args=[brand.slug, case.reference]))
    assert "Alice" in page.text and 'class="collision"' in page.text
    poll = other.post(reverse("web:case_presence", args=[brand.slug, case.reference]))
    assert "Alice" in poll.text and "<html" not in poll.text


def test_a_logged_call_joins_the_history_and_delivery_states_show(
    client, brand, mentions, alice, settings
):
    from sentinelle.core.outbox import deliver_pending
    from sentinelle.replies.actions import do_send_reply

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    settings.EMAIL_USE_TLS = False
    case = do_open_case(brand, title="Roue voilée", mention=mentions[0], actor=None)
    do_assign_case(do_acknowledge_case(case, actor=alice), owner=alice, actor=alice)
    from sentinelle.cases.customers import do_create_customer

    customer = do_create_customer(brand, display_name="Nadia", identifiers={"email": ["n@x.org"]})
    case.customer = customer  # set up the customer before replying
    case.save(update_fields=["customer"])
    do_send_reply(case, author=alice, text="Bonjour, la roue part demain. Alice")
    deliver_pending()  # the mail server is down: the reply will be retried
    client.force_login(alice)
    url = reverse("web:case_log_call", args=[brand.slug, case.reference])
    client.post(url, {"summary": "Appel de la cliente : elle attend toujours sa roue."})
    page = client.get(reverse("web:case", args=[brand.slug, case.reference]))
    assert "elle attend toujours sa roue" in page.text
    assert "delivery-retrying" in page.text
    assert case.mention_links.filter(mention__channel="phone").exists()


def test_cases_filter_by_language(client, brand, mentions, alice):
    case = do_open_case(brand, title="A", mention=mentions[0], actor=None)
    client.force_login(alice)
    assert _cases(client, brand, language="fr") == [case.reference]
    assert _cases(client, brand, language="en") == []
