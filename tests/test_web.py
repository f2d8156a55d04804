"""The dashboard shell: inbox, mention and case pages, escaping, brand isolation."""

from __future__ import annotations

from django.urls import reverse

from sentinelle.cases.actions import do_open_case


def _inbox(client, brand, **params):
    return client.get(reverse("web:inbox", kwargs={"brand_slug": brand.slug}), params)


def test_home_goes_straight_to_the_only_brand(client, alice, brand):
    client.force_login(alice)
    response = client.get(reverse("web:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("web:inbox", kwargs={"brand_slug": brand.slug})


def test_inbox_lists_the_brands_mentions_newest_first(client, alice, brand, mentions):
    client.force_login(alice)
    page = _inbox(client, brand)
    assert page.status_code == 200
    texts = [m.text for m in page.context["page"]]
    assert len(texts) == 5
    assert page.context["counts"]["mentions"] == 5


def test_customer_text_is_always_escaped(client, alice, brand, mentions):
    client.force_login(alice)
    blog = next(m for m in mentions if m.channel == "blog")
    inbox = _inbox(client, brand).text
    assert "<b>Bastion U</b>" not in inbox
    assert "&lt;b&gt;Bastion U&lt;/b&gt;" in inbox
    page = client.get(reverse("web:mention", kwargs={"brand_slug": brand.slug, "pk": blog.pk}))
    assert "<script>alert" not in page.text
    assert "onerror=" not in page.text


def test_inbox_filters(client, alice, brand, mentions):
    client.force_login(alice)
    assert len(_inbox(client, brand, channel="blog").context["page"]) == 1
    assert len(_inbox(client, brand, q="stylo").context["page"]) == 1
    assert len(_inbox(client, brand, channel="<script>").context["page"]) == 5


def test_cases_tab_and_case_page(client, alice, brand, mentions):
    case = do_open_case(brand, title="Vis <manquantes>", mention=mentions[0], actor=alice)
    client.force_login(alice)
    tab = _inbox(client, brand, tab="cases")
    assert [c.reference for c in tab.context["page"]] == [case.reference]
    page = client.get(
        reverse("web:case", kwargs={"brand_slug": brand.slug, "reference": case.reference})
    )
    assert "Vis &lt;manquantes&gt;" in page.text
    assert mentions[0].text in page.text


def test_an_agent_opens_a_case_from_a_mention(client, alice, brand, mentions):
    client.force_login(alice)
    url = reverse("web:mention_open_case", kwargs={"brand_slug": brand.slug, "pk": mentions[2].pk})
    response = client.post(url)
    case = brand.cases.get()
    assert response["Location"].endswith(f"/cases/{case.reference}/")
    assert case.events.get().actor == alice
    again = client.post(url, follow=True)
    assert brand.cases.count() == 1
    assert "fait déjà partie d’un dossier" in again.text


def test_live_counts_partial(client, alice, brand, mentions):
    client.force_login(alice)
    url = reverse("web:inbox_counts", kwargs={"brand_slug": brand.slug})
    response = client.get(url, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert 'hx-trigger="every 30s"' in response.text
    assert "<html" not in response.text


def test_a_second_brands_user_sees_none_of_the_first_brands_data(
    client, charlie, brand, other_brand, mentions, other_mentions
):
    do_open_case(brand, title="Dossier Vélonova", mention=mentions[0], actor=None)
    client.force_login(charlie)
    home = client.get(reverse("web:home"), follow=True)
    assert "Vélonova" not in home.text
    inbox = _inbox(client, other_brand)
    assert all(m.brand_id == other_brand.pk for m in inbox.context["page"])
    assert "Secret de la Lune" in inbox.text
    assert "vis, franchement nul" not in inbox.text
    cases = _inbox(client, other_brand, tab="cases")
    assert "Dossier Vélonova" not in cases.text
    assert _inbox(client, brand).status_code == 404


def test_a_lead_manages_members_and_departments(client, dana, bob, brand):
    client.force_login(dana)
    members = reverse("web:brands:members", kwargs={"brand_slug": brand.slug})
    response = client.post(members, {"username": "zoe", "role": "agent", "first_name": "Zoé"})
    assert response.status_code == 302
    assert brand.memberships.filter(user__username="zoe", role="agent").exists()
    refused = client.post(members, {"username": "yann", "role": "admin"})
    assert "Seul un administrateur peut attribuer le rôle" in refused.text
    departments = reverse("web:brands:departments", kwargs={"brand_slug": brand.slug})
    client.post(departments, {"name": "Qualité", "kind": "rnd"})
    duplicate = client.post(departments, {"name": "qualité", "kind": "rnd"})
    assert "Un service portant ce nom existe déjà" in duplicate.text
    assert brand.departments.filter(name="Qualité").count() == 1


def test_a_lead_adds_a_source_with_a_checked_configuration(client, dana, brand):
    client.force_login(dana)
    url = reverse("web:listening:sources", kwargs={"brand_slug": brand.slug})
    bad = client.post(
        url,
        {
            "name": "Blog",
            "kind": "rss",
            "channel": "blog",
            "enabled": "on",
            "config_json": '{"url": ',
        },
    )
    assert "JSON invalide à la ligne 1" in bad.text
    good = client.post(
        url,
        {
            "name": "Blog",
            "kind": "rss",
            "channel": "blog",
            "enabled": "on",
            "config_json": '{"url": "https://carnet.example/feed"}',
        },
    )
    assert good.status_code == 302
    assert brand.sources.get(name="Blog").config == {"url": "https://carnet.example/feed"}


def test_healthz(client, db):
    assert client.get("/healthz").json() == {"status": "ok"}


def test_the_mention_page_explains_its_labels(client, alice, brand):
    from tests.conftest import ingest_dicts, make_item

    text = "J'ai appelé trois fois, personne ne répond. Je vais voir un avocat."
    ingest_dicts(brand, [make_item(7, text=text)])
    mention = brand.mentions.get(external_id="7")
    client.force_login(alice)
    page = client.get(reverse("web:mention", kwargs={"brand_slug": brand.slug, "pk": mention.pk}))
    assert "double_deviation" in page.text
    assert "« appelé trois fois »" in page.text
    assert "Why these labels" in page.text or "Pourquoi ces étiquettes" in page.text


def test_mentions_without_an_author_are_listed(client, alice, brand):
    from tests.conftest import ingest_dicts, make_item

    item = make_item(5)
    item.pop("author")
    ingest_dicts(brand, [item, make_item(6, parent_external_id="5")])
    client.force_login(alice)
    assert _inbox(client, brand).status_code == 200
    orphan = brand.mentions.get(external_id="5")
    page = client.get(reverse("web:mention", kwargs={"brand_slug": brand.slug, "pk": orphan.pk}))
    assert page.status_code == 200
