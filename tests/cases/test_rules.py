"""Case rules open a case for a stored complaint, or add it to its customer's open case."""

from __future__ import annotations

from sentinelle.cases.models import Case, CaseRule
from tests.conftest import ingest_dicts, make_item

ANGRY = (
    "Trois semaines sans réponse du SAV Vélonova, j'ai appelé cinq fois. Je vais voir un avocat."
)


def test_a_complaint_opens_a_case_and_the_next_one_joins_it(brand):
    CaseRule.objects.create(brand=brand, name="Plaintes", min_complaint_score=0.5)
    author = {"handle": "@nadia@mastodon.example", "name": "Nadia B."}
    ingest_dicts(brand, [make_item(1, text=ANGRY, author=author)])
    case = Case.objects.get(brand=brand)
    assert case.customer.display_name == "Nadia B."
    assert case.risk_level == "watch"
    assert case.events.get(kind="opened").data["reason"] == "rule: Plaintes"
    ingest_dicts(brand, [make_item(2, text=ANGRY + " Toujours rien !", author=author)])
    assert Case.objects.filter(brand=brand).count() == 1
    assert case.mention_links.count() == 2


def test_the_same_order_number_across_channels_is_one_customer(brand):
    CaseRule.objects.create(brand=brand, name="Plaintes")
    email = make_item(
        1,
        channel="email",
        source="Support",
        text=ANGRY,
        references={"order": "VN-482913"},
        author={"handle": "nadia@example.org", "email": "nadia@example.org"},
    )
    post = make_item(
        2,
        text=ANGRY,
        references={"order": "VN-482913"},
        author={"handle": "@nadia_b@bsky.example"},
        channel="bluesky",
        source="Bluesky",
    )
    ingest_dicts(brand, [email])
    ingest_dicts(brand, [post])
    case = Case.objects.get(brand=brand)
    assert set(case.mention_links.values_list("mention__channel", flat=True)) == {
        "email",
        "bluesky",
    }


def test_without_a_matching_rule_no_case_opens(brand):
    CaseRule.objects.create(brand=brand, name="Graves", min_severity=4, channels=["email"])
    ingest_dicts(brand, [make_item(1, text=ANGRY)])
    ingest_dicts(brand, [make_item(2, text="Merci Vélonova, super vélo !", lang="fr")])
    ingest_dicts(brand, [make_item(3, text=ANGRY, is_brand=True)])
    assert not Case.objects.exists()


def test_the_case_page_flags_a_double_deviation(client, brand, alice):
    from datetime import UTC, datetime

    from django.urls import reverse

    CaseRule.objects.create(brand=brand, name="Plaintes")
    author = {"handle": "nadia@example.org", "email": "nadia@example.org", "name": "Nadia B."}
    first = make_item(
        1,
        channel="email",
        source="Support",
        author=author,
        text="Bonjour, mon vélo est arrivé sans vis, pouvez-vous m'en envoyer ?",
        published_at=datetime(2026, 10, 1, 9, tzinfo=UTC).isoformat(),
    )
    ingest_dicts(brand, [first])
    ingest_dicts(
        brand, [make_item(2, channel="email", source="Support", author=author, text=ANGRY)]
    )
    case = Case.objects.get(brand=brand)
    client.force_login(alice)
    page = client.get(reverse("web:case", args=[brand.slug, case.reference]))
    assert 'class="flag"' in page.text
    assert "Le client le dit" in page.text


def test_a_weaker_match_is_suggested_and_an_agent_confirms_it(client, brand, alice):
    from django.urls import reverse

    from sentinelle.cases.models import LinkSuggestion

    CaseRule.objects.create(brand=brand, name="Plaintes")
    first = make_item(
        1, text=ANGRY, author={"handle": "@nbenali@mastodon.example", "name": "Nadia Benali"}
    )
    second = make_item(
        2,
        channel="bluesky",
        source="Bluesky",
        text=ANGRY + " Bastion U cassé.",
        author={"handle": "nadia-b.bsky.example", "name": "Nadia Benali"},
    )
    ingest_dicts(brand, [first])
    ingest_dicts(brand, [second])
    assert Case.objects.filter(brand=brand).count() == 2, "a name alone never links"
    suggestion = LinkSuggestion.objects.get()
    later = Case.objects.get(mention_links__mention__channel="bluesky")
    client.force_login(alice)
    page = client.get(reverse("web:case", args=[brand.slug, later.reference]))
    assert 'class="suggestion"' in page.text
    client.post(
        reverse("web:case_suggestion", args=[brand.slug, later.reference, suggestion.pk]),
        {"decision": "confirm"},
    )
    later.refresh_from_db()
    earlier = Case.objects.get(mention_links__mention__channel="mastodon")
    assert later.customer == earlier.customer
    assert earlier.customer.author_links.count() == 2


def test_mentions_stored_without_analysis_get_it_and_their_case_later(brand, settings):
    from sentinelle.listening.analyze import analyze_pending

    CaseRule.objects.create(brand=brand, name="Plaintes")
    settings.SENTINELLE_ANALYSIS_ENABLED = False
    ingest_dicts(brand, [make_item(1, text=ANGRY)])
    assert not Case.objects.exists()
    settings.SENTINELLE_ANALYSIS_ENABLED = True
    assert analyze_pending() == 1
    assert Case.objects.filter(brand=brand).count() == 1
    assert analyze_pending() == 0
