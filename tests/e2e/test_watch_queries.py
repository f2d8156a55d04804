"""A lead writes a watch query: the fault is pointed at as she types, then a preview, then save."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from sentinelle.core.clock import now
from sentinelle.listening.models import WatchQuery
from tests.conftest import PASSWORD, ingest_dicts, make_item


@pytest.fixture
def site(live_server, dana, brand):
    recent = [
        make_item(n, published_at=(now() - timedelta(hours=n)).isoformat()) for n in range(1, 4)
    ]
    old = (now() - timedelta(days=20)).isoformat()
    recent.append(make_item(9, text="Le cadenas Bastion s'ouvre au stylo.", published_at=old))
    ingest_dicts(brand, recent)
    return live_server.url


def test_a_lead_writes_checks_previews_and_saves_a_query(page, site, brand):
    page.goto(site + "/")
    page.get_by_label("Nom d’utilisateur").fill("dana")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.goto(f"{site}/b/velonova/settings/sources/queries/")
    query = page.locator("#id_query")
    query.fill('vis "sans')
    expect(page.locator("#query-check [role=alert]")).to_contain_text("5")
    expect(page.locator("#query-check .query-caret")).to_have_text('vis "sans\n    ^')
    query.fill("vis OR stylo")
    expect(page.locator("#query-check .query-ok code")).to_have_text("(vis OR stylo)")
    page.locator("button[name=preview]").click()
    expect(page.locator('#query-preview [data-count="matched"]')).to_have_text("3")
    expect(page.locator("#query-preview mark").first).to_have_text("vis")
    page.locator("select[name=days]").select_option("30")
    expect(page.locator('#query-preview [data-count="scanned"]')).to_have_text("4")
    expect(page.locator('#query-preview [data-count="matched"]')).to_have_text("4")
    page.locator("#id_name").fill("Vis et stylo")
    page.locator("button.primary").click()
    expect(page.locator("table.list")).to_contain_text("Vis et stylo")
    assert WatchQuery.objects.get(brand=brand).query == "vis OR stylo"
    assert page.console_errors == []
