"""The customer's tracking page: only their case, only while the link is valid."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from sentinelle.cases.actions import do_acknowledge_case, do_assign_case, do_attach_mention
from sentinelle.cases.models import Case
from sentinelle.core.outbox import deliver_pending
from sentinelle.portal.tracking import do_create_tracking_link, do_revoke_tracking_links
from sentinelle.replies.actions import do_send_reply
from tests.portal.conftest import complaint


@pytest.fixture
def filed(client, brand):
    """A complaint filed through the form: (case, tracking path)."""
    response = client.post(reverse("portal:form", args=[brand.slug]), complaint())
    path = re.search(r'href="http://testserver(/p/velonova/suivi/[^/"?]+/)', response.text)
    return Case.objects.get(brand=brand), path.group(1)


def test_the_tracking_page_shows_status_owner_first_name_and_replies(client, filed, alice, bob):
    case, path = filed
    page = client.get(path)
    assert page.status_code == 200
    assert case.reference in page.text
    assert "pas encore désignée" in page.text
    do_acknowledge_case(case, actor=alice)
    do_assign_case(case, owner=alice, actor=alice)
    do_send_reply(case, author=alice, text="Bonjour, je m’en occupe : je vous rappelle avant 16 h.")
    page = client.get(path)
    assert re.search(r'id="owner">\s*Alice\s*<', page.text)
    assert "je vous rappelle avant 16 h" in page.text
    assert "Alice" in page.text and "alice@example.org" not in page.text


def test_a_follow_up_from_the_tracking_page_goes_to_the_same_case(client, filed):
    case, path = filed
    response = client.post(path, {"message": "J’ajoute : la facture porte le numéro 2026-118."})
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "facture porte le numéro 2026-118" in page.text
    assert case.mention_links.count() == 2


def test_internal_details_and_other_customers_never_show(client, filed, brand, mentions):
    case, path = filed
    public = next(m for m in mentions if m.channel == "mastodon")
    do_attach_mention(case, public, actor=None)  # a public post linked by an agent
    other = client.post(
        reverse("portal:form", args=[brand.slug]),
        complaint(
            email="autre@example.org",
            name="Autre Client",
            reference="",
            problem="Secret d'un autre client : ma commande perdue.",
        ),
    )
    assert other.status_code == 200
    page = client.get(path).text
    assert public.text not in page
    assert "Secret d'un autre client" not in page and "Autre Client" not in page
    assert "complaint form" not in page  # the case event's internal reason


def test_wrong_expired_revoked_and_other_brand_tokens_show_nothing(
    client, filed, other_brand, brand
):
    case, path = filed
    token = path.rstrip("/").rsplit("/", 1)[1]
    wrong = client.get(path.replace(token, token[:-2] + "xx"))
    assert wrong.status_code == 404 and case.reference not in wrong.text
    assert client.get(f"/p/{other_brand.slug}/suivi/{token}/").status_code == 404
    assert client.get(f"/p/velonova/suivi/{'a' * 200}/").status_code == 404
    with time_machine.travel(case.opened_at + timedelta(days=181), tick=False):
        expired = client.get(path)
    assert expired.status_code == 404 and "expiré" in expired.text
    do_revoke_tracking_links(case)
    revoked = client.get(path)
    assert revoked.status_code == 404 and case.reference not in revoked.text
    assert client.post(path, {"message": "encore moi"}).status_code == 404
    fresh, _link = do_create_tracking_link(case, days=30)
    assert client.get(f"/p/velonova/suivi/{fresh}/").status_code == 200


def test_an_agents_reply_reaches_the_customer_by_email(client, filed, alice, smtp):
    case, _path = filed
    deliver_pending()
    do_acknowledge_case(case, actor=alice)
    do_assign_case(case, owner=alice, actor=alice)
    do_send_reply(case, author=alice, text="La roue part demain, vous l’aurez jeudi.")
    assert deliver_pending() == 1
    reply = smtp.messages[-1]
    assert reply["To"] == "nadia.benali@example.org"
    assert "La roue part demain" in reply.get_content()
    case.refresh_from_db()
    assert case.first_answered_at is not None
