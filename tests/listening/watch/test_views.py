"""The lead's watch query editor: list, write with a live check, preview, enable, delete."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from sentinelle.listening.models import WatchQuery

DAY_AFTER = datetime(2026, 11, 17, 12, 0, tzinfo=UTC)  # the mentions fixture is of 16 November


@pytest.fixture(autouse=True)
def _english(client):
    """The texts asserted here are the English ones."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def lead(client, dana):
    client.force_login(dana)
    return client


@pytest.fixture
def lead_next_day(client, dana, time_machine):
    """Dana, logged in on the day after the mentions fixture (sessions last 12 hours)."""
    time_machine.move_to(DAY_AFTER, tick=False)
    client.force_login(dana)
    return client


def url(name: str, **kwargs) -> str:
    return reverse(f"web:listening:{name}", kwargs={"brand_slug": "velonova", **kwargs})


def counts(html: str) -> dict[str, int]:
    return {k: int(v) for k, v in re.findall(r'data-count="(\w+)">(\d+)<', html)}


def test_the_list_says_when_everything_is_kept(lead, brand):
    page = lead.get(url("watch_queries")).content.decode()
    assert "No enabled query yet: every item of every source is kept." in page
    WatchQuery.objects.create(brand=brand, name="Marque", query="velonova")
    page = lead.get(url("watch_queries")).content.decode()
    assert "No enabled query yet" not in page
    assert "Marque" in page


def test_the_query_field_is_checked_as_the_lead_types(lead):
    page = lead.get(url("watch_queries")).content.decode()
    assert f'hx-post="{url("watch_query_check")}"' in page
    assert f'hx-post="{url("watch_query_preview")}"' in page


def test_a_lead_adds_a_query(lead, brand):
    response = lead.post(
        url("watch_queries"), {"name": " Marque ", "query": '  "vélo nova" OR velonova  '}
    )
    assert response.status_code == 302
    saved = WatchQuery.objects.get(brand=brand)
    assert (saved.name, saved.query, saved.enabled) == ("Marque", '"vélo nova" OR velonova', False)


def test_a_bad_query_is_refused_with_its_position_and_a_caret(lead, brand):
    response = lead.post(
        url("watch_queries"), {"name": "Marque", "query": 'velonova "vis', "enabled": "on"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Error at position 10:</strong> unclosed quote" in page
    assert (
        '<pre class="query-caret" aria-hidden="true">velonova &quot;vis\n         ^</pre>' in page
    )
    assert not WatchQuery.objects.exists()


def test_two_queries_of_a_brand_cannot_share_a_name(lead, brand, other_brand):
    WatchQuery.objects.create(brand=other_brand, name="Marque", query="lune")
    assert lead.post(url("watch_queries"), {"name": "Marque", "query": "a"}).status_code == 302
    response = lead.post(url("watch_queries"), {"name": "marque", "query": "b"})
    assert response.status_code == 200
    assert WatchQuery.objects.filter(brand=brand).count() == 1


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("free )", "free )\n     ^"),
        ("free\n\tAND (mobile", "\tAND (mobile\n\t    ^"),
        ("free AND", "free AND\n        ^"),
    ],
)
def test_the_live_check_points_at_the_fault(lead, query, expected):
    html = lead.post(url("watch_query_check"), {"query": query}).content.decode()
    assert 'role="alert"' in html
    assert f'aria-hidden="true">{expected}</pre>' in html


def test_the_live_check_shows_how_a_good_query_is_read(lead):
    html = lead.post(url("watch_query_check"), {"query": "a OR b -c"}).content.decode()
    assert "alert" not in html
    assert "<code>(a OR (b AND NOT c))</code>" in html


def test_customer_text_in_a_bad_query_is_escaped(lead):
    html = lead.post(url("watch_query_check"), {"query": '<img src=x> "x'}).content.decode()
    assert "<img" not in html and "&lt;img src=x&gt;" in html


def test_the_preview_counts_and_shows_what_would_match(lead_next_day, brand, mentions):
    WatchQuery.objects.create(brand=brand, name="Vélos", query="vélo")
    WatchQuery.objects.create(brand=brand, name="Éteinte", query="vis", enabled=False)
    html = lead_next_day.post(
        url("watch_query_preview"), {"query": "vis OR bastion"}
    ).content.decode()
    assert counts(html) == {"matched": 5, "scanned": 5, "also": 4, "only": 1}
    assert html.count('<li class="mention">') == 5
    assert "<mark>vis</mark>" in html
    assert html.count("also matched by: Vélos") == 4
    # the hostile blog post: markup in its title and text is shown as text
    assert "&lt;b&gt;<mark>Bastion</mark> U&lt;/b&gt;" in html
    assert "<script" not in html and "<b>" not in html


def test_the_edited_query_is_not_counted_among_the_others(lead_next_day, brand, mentions):
    edited = WatchQuery.objects.create(brand=brand, name="Vis", query="vis")
    data = {"query": "vis", "exclude": str(edited.pk)}
    assert (
        counts(lead_next_day.post(url("watch_query_preview"), data).content.decode())["also"] == 0
    )
    for data in ({"query": "vis"}, {"query": "vis", "exclude": "²"}):
        html = lead_next_day.post(url("watch_query_preview"), data).content.decode()
        assert counts(html)["also"] == 4


def test_the_preview_reads_only_the_chosen_days(client, dana, brand, mentions, time_machine):
    time_machine.move_to(datetime(2026, 11, 25, 12, 0, tzinfo=UTC), tick=False)
    client.force_login(dana)
    for days, scanned in [("7", 0), ("14", 5), ("bogus", 0), ("999", 0), ("²", 0)]:
        html = client.post(url("watch_query_preview"), {"query": "vis", "days": days})
        assert counts(html.content.decode())["scanned"] == scanned, days


def test_the_preview_of_a_bad_query_shows_the_fault(lead, mentions):
    html = lead.post(url("watch_query_preview"), {"query": "vis NEAR/0 vélo"}).content.decode()
    assert "position 5" in html and "data-count" not in html


def test_the_preview_works_without_javascript_and_saves_nothing(lead_next_day, brand, mentions):
    response = lead_next_day.post(
        url("watch_queries"), {"name": "Essai", "query": "stylo", "preview": "1", "days": "3"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert counts(page) == {"matched": 1, "scanned": 5, "also": 0, "only": 1}
    assert '<option value="3" selected>' in page
    assert not WatchQuery.objects.exists()


def test_a_lead_edits_disables_enables_and_deletes_a_query(lead, brand):
    query = WatchQuery.objects.create(brand=brand, name="Marque", query="velonova")
    page = lead.get(url("watch_query_edit", pk=query.pk)).content.decode()
    assert f'name="exclude" value="{query.pk}"' in page
    refused = lead.post(url("watch_query_edit", pk=query.pk), {"name": "Autre", "query": "a )"})
    assert "<h1>Marque</h1>" in refused.content.decode()
    response = lead.post(
        url("watch_query_edit", pk=query.pk), {"name": "Marque", "query": "vélonova OR bastion"}
    )
    assert response.status_code == 302
    query.refresh_from_db()
    assert (query.query, query.enabled) == ("vélonova OR bastion", False)
    lead.post(url("watch_query_toggle", pk=query.pk))
    assert WatchQuery.objects.get(pk=query.pk).enabled
    lead.post(url("watch_query_toggle", pk=query.pk))
    assert not WatchQuery.objects.get(pk=query.pk).enabled
    assert lead.post(url("watch_query_delete", pk=query.pk)).status_code == 302
    assert not WatchQuery.objects.filter(pk=query.pk).exists()


def test_an_agent_cannot_read_or_change_queries(client, alice, brand):
    query = WatchQuery.objects.create(brand=brand, name="Marque", query="velonova")
    client.force_login(alice)
    assert client.get(url("watch_queries")).status_code == 403
    assert client.post(url("watch_query_delete", pk=query.pk)).status_code == 403
    assert client.post(url("watch_query_preview"), {"query": "a"}).status_code == 403
    assert WatchQuery.objects.filter(pk=query.pk).exists()
