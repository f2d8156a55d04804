"""Each kind of evidence, and the cases that must never link automatically."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sentinelle.cases.linking import AuthorRecord, identifiers_of, score_pair
from sentinelle.cases.linking.handles import is_distinctive
from sentinelle.cases.linking.names import FULL, INITIAL, compare_names, parse_name

DAY = datetime(2025, 5, 2, 9, tzinfo=UTC)


def author(key: str, platform: str = "facebook", **fields) -> AuthorRecord:
    return AuthorRecord(key=key, platform=platform, first_seen=DAY, last_seen=DAY, **fields)


def test_same_email_links_whatever_the_case_and_tag():
    form = author("form", "form", email="Alice.Vachon@courriel.example", display_name="Alice")
    post = author("post", texts=["Écrivez-moi : alice.vachon+velo@courriel.example"])
    decision = score_pair(form, post)
    assert decision.decision == "link"
    assert any("alice.vachon@courriel.example" in r for r in decision.reasons)


@pytest.mark.parametrize(
    ("one", "two"),
    [
        ("Rappelez-moi au 06 39 98 12 34", "Tél. +33 6 39 98 12 34"),
        ("mon cell : (514) 555-0142", "call me back on 514.555.0142"),
    ],
)
def test_same_phone_in_two_formats_links(one, two):
    decision = score_pair(author("a", texts=[one]), author("b", "email", texts=[two]))
    assert decision.decision == "link"
    assert any("phone" in r for r in decision.reasons)


@pytest.mark.parametrize(
    "said", ["commande n° 448812", "order #448812", "Order number: VN-448812", "ma cmd VN-448812"]
)
def test_same_order_number_written_differently_links(said):
    post = author("post", "reddit", texts=[f"Toujours rien ({said})"])
    mail = author("mail", "email", references={"VN-448812"})
    assert score_pair(post, mail).decision == "link"


def test_same_account_number_links():
    mail = author("mail", "email", texts=["Compte client 4783603 : la batterie est morte."])
    post = author("post", texts=["Mon numéro de client est le 4783603."])
    assert score_pair(mail, post).decision == "link"


def test_same_handle_on_the_same_platform_is_the_same_account():
    a = author("a", "reddit", handle="u/velo_fan", display_name="Bob")
    b = author("b", "reddit", handle="velo_fan", display_name="Robert")
    assert score_pair(a, b).decision == "link"


def test_distinctive_handle_across_platforms_links_common_one_does_not():
    rare = score_pair(
        author("a", "mastodon", handle="@zorglub77@piaille.fr"),
        author("b", "bluesky", handle="zorglub77.bsky.social"),
    )
    common = score_pair(
        author("a", "reddit", handle="u/velo_fan"), author("b", "youtube", handle="@velo_fan")
    )
    assert rare.decision == "link"
    assert common.decision != "link"
    assert any("common handle" in r for r in common.reasons)


@pytest.mark.parametrize("handle", ["admin", "john", "velo_fan", "mtremblay", "mariemartin", "jf"])
def test_generic_short_and_name_like_handles_are_not_distinctive(handle):
    assert not is_distinctive(handle)


@pytest.mark.parametrize("handle", ["zorglub77", "kestrel", "marie_martin84", "mev_tremblay_qc"])
def test_invented_handles_are_distinctive(handle):
    assert is_distinctive(handle)


def test_a_profile_link_the_author_claims_links():
    old = author("old", "mastodon", handle="@nadia_s@mastodon.social")
    old.profile_url = "https://mastodon.social/@nadia_s"
    new = author("new", "youtube", texts=["Mon ancien compte : https://mastodon.social/@nadia_s"])
    decision = score_pair(old, new)
    assert decision.decision == "link"
    assert any("is their account" in r for r in decision.reasons)


def test_quoting_someone_elses_handle_is_not_a_claim():
    quoted = author("q", "bluesky", handle="pedalo88.bsky.social", display_name="Sabine Ouimet")
    quoting = author(
        "p", "bluesky", display_name="Rémi Brassard", texts=["@pedalo88.bsky.social a eu le même"]
    )
    assert score_pair(quoted, quoting).decision == "none"


@pytest.mark.parametrize(
    ("one", "two", "level"),
    [
        ("Marie-Ève T.", "Marie-Eve Tremblay", INITIAL),
        ("Bob Kerbrat", "Robert Kerbrat", FULL),
        ("J.-F. Roy", "Jean-François Roy", FULL),
        ("TREMBLAY Marie", "marie tremblay", FULL),
    ],
)
def test_names_compare_across_accents_initials_and_nicknames(one, two, level):
    assert compare_names(parse_name(one), parse_name(two)) == level


@pytest.mark.parametrize(
    ("one", "two"),
    [
        ("Marie-Ève Tremblay", "Marie-Eve Tremblay"),
        ("Marie-Ève T.", "Marie-Eve Tremblay"),
        ("Marie Martin", "Marie Martin"),
    ],
)
def test_a_name_alone_never_links_even_with_the_same_product_and_week(one, two):
    text = "Les freins de mon Nova S3 lâchent, trois semaines sans réponse."
    decision = score_pair(
        author("a", display_name=one, texts=[text]),
        author("b", "forum", display_name=two, texts=[text]),
    )
    assert decision.decision == "suggest"
    assert any("name" in r for r in decision.reasons)


def test_relatives_order_number_is_only_a_suggestion():
    relative = author(
        "rel",
        display_name="Julie Vachon",
        texts=["La commande VN-220045 de ma mère est bloquée depuis un mois."],
    )
    customer = author("cust", "email", display_name="Denise Vachon", references={"VN-220045"})
    decision = score_pair(relative, customer)
    assert decision.decision != "link"
    assert any("someone else's" in r for r in decision.reasons)


def test_shop_posting_a_customers_order_is_not_a_link():
    shop = author(
        "shop",
        "forum",
        handle="cycles_dupont",
        display_name="Cycles Dupont",
        texts=["Pour un client : commande VN-310877, toujours en attente."],
    )
    customer = author("c", "form", display_name="Priya Holloway", references={"VN-310877"})
    assert identifiers_of(shop)[("number", "310877")].owner == "other"
    assert score_pair(shop, customer).decision != "link"


def test_the_brands_support_number_and_address_are_not_identifiers():
    one = author(
        "a", texts=["J'ai appelé le 01 99 00 10 00 trois fois, écrit à support@velonova.example"]
    )
    two = author("b", texts=["Le service client au 01 99 00 10 00 ne répond jamais."])
    assert identifiers_of(one) == {}
    assert score_pair(one, two).decision == "none"


def test_different_peoples_names_turn_a_shared_identifier_into_a_suggestion():
    one = author("a", "email", display_name="Julie Castonguay", email="castonguay@mail.example")
    two = author("b", "form", display_name="Marc Castonguay", email="castonguay@mail.example")
    decision = score_pair(one, two)
    assert decision.decision == "suggest"
    assert any("different people's names" in r for r in decision.reasons)


def test_a_family_email_never_links_on_its_own():
    one = author("a", "email", email="famille.ouimet@mail.example")
    two = author("b", "form", email="famille.ouimet@mail.example")
    decision = score_pair(one, two)
    assert decision.decision != "link"
    assert any("family" in r for r in decision.reasons)


def test_every_decision_gives_reasons_and_a_score_in_range():
    pairs = [
        (author("a", email="x@mail.example"), author("b", email="x@mail.example")),
        (author("a", display_name="Léa Rivard"), author("b", display_name="Léa Rivard")),
        (author("a"), author("b", "email")),
    ]
    for a, b in pairs:
        decision = score_pair(a, b)
        assert decision.reasons
        assert 0.0 <= decision.score <= 1.0
