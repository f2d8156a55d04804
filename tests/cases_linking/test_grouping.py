"""Union-find over automatic links; suggestions are listed, never merged."""

from __future__ import annotations

from sentinelle.cases.linking import AuthorRecord, group_authors
from sentinelle.cases.linking.grouping import UnionFind


def test_union_find_merges_transitively():
    sets = UnionFind(["a", "b", "c", "d"])
    sets.union("a", "b")
    sets.union("b", "c")
    assert sets.find("a") == sets.find("c")
    assert sets.find("d") != sets.find("a")


def _people() -> list[AuthorRecord]:
    return [
        # e-mail links form ↔ mailbox, the order number links mailbox ↔ Reddit.
        AuthorRecord("form", "form", email="n.okafor@courriel.example", display_name="Nadia"),
        AuthorRecord(
            "mail",
            "email",
            email="n.okafor@courriel.example",
            texts=["Commande VN-482211 : cadre fissuré."],
        ),
        AuthorRecord(
            "reddit", "reddit", handle="u/throwaway_2025", texts=["order #482211 is a disaster"]
        ),
        # Same name, nothing else: only a suggestion.
        AuthorRecord("fb", "facebook", handle="nadia.okafor.7", display_name="Nadia Okafor"),
        AuthorRecord("yt", "youtube", handle="@nadiaokafor", display_name="Nadia Okafor"),
        AuthorRecord("other", "forum", handle="lynx", display_name="Rémi Brassard"),
    ]


def test_links_are_grouped_transitively_and_suggestions_stay_apart():
    groups, suggestions = group_authors(_people())
    by_key = {key: sorted(g.keys) for g in groups for key in g.keys}
    assert by_key["reddit"] == ["form", "mail", "reddit"]
    assert by_key["fb"] == ["fb"]
    assert by_key["yt"] == ["yt"]
    assert by_key["other"] == ["other"]
    assert {(s.a, s.b) for s in suggestions} == {("fb", "yt")}
    assert all(s.reasons for s in suggestions)


def test_each_link_in_a_group_keeps_its_reasons():
    groups, _ = group_authors(_people())
    big = next(g for g in groups if len(g.keys) == 3)
    assert len(big.reasons) >= 2
    assert all(reasons for reasons in big.reasons.values())


def test_an_identifier_on_many_authors_stops_linking():
    shop_line = "Rappelez-moi au 06 39 98 00 00"
    records = [AuthorRecord(f"a{i}", "facebook", texts=[shop_line]) for i in range(8)]
    groups, _ = group_authors(records)
    assert len(groups) == 8
