"""Story grouping: evidence that joins, evidence that does not, merges and state round-trips."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from sentinelle.stories.grouping import MentionRecord, StoryGrouper, canonical_url, extract_urls

T0 = datetime(2026, 11, 17, 15, 0, tzinfo=UTC)


def m(mid: str, text: str, minutes: float = 0, **kw: object) -> MentionRecord:
    return MentionRecord(id=mid, text=text, published_at=T0 + timedelta(minutes=minutes), **kw)


LOCK = (
    "Antivol Vélonova Bastion U ouvert en 12 secondes avec un stylo bille, "
    "la vidéo montre le cylindre tubulaire céder sans forcer"
)


@pytest.mark.parametrize(
    ("raw", "canon"),
    [
        ("https://WWW.Carnet-Cycliste.example/bastion-u/", "carnet-cycliste.example/bastion-u"),
        (
            "http://carnet-cycliste.example/bastion-u?utm_source=x&utm_medium=y",
            "carnet-cycliste.example/bastion-u",
        ),
        (
            "https://carnet-cycliste.example/bastion-u#comment-3",
            "carnet-cycliste.example/bastion-u",
        ),
        ("https://site.example/a?fbclid=ABC&id=2&gclid=1", "site.example/a?id=2"),
        ("https://site.example/a?b=2&a=1", "site.example/a?a=1&b=2"),
        ("https://site.example/x.", "site.example/x"),
        ("ftp://site.example/x", None),
    ],
)
def test_canonical_url(raw: str, canon: str | None) -> None:
    assert canonical_url(raw) == canon


def test_extract_urls_in_prose() -> None:
    text = "vu ici (www.Site.example/x). et https://site.example/x/#top"
    assert extract_urls(text) == ["site.example/x"]


def test_near_duplicates_group() -> None:
    g = StoryGrouper()
    first = g.add(m("1", LOCK))
    again = g.add(m("2", "RT " + LOCK.upper().replace("É", "E") + " !!", 30))
    assert again.story_id == first.story_id
    assert again.kind == "duplicate" and "SimHash distance" in again.reason


def test_shared_link_groups() -> None:
    g = StoryGrouper()
    a = g.add(m("1", "Lisez ça https://carnet-cycliste.example/bastion-u?utm_source=tw"))
    b = g.add(m("2", "wow www.carnet-cycliste.example/bastion-u/", 10))
    assert b.story_id == a.story_id
    assert b.reason == "shares the link carnet-cycliste.example/bastion-u"


def test_unrelated_texts_do_not_group() -> None:
    g = StoryGrouper()
    a = g.add(m("1", LOCK))
    b = g.add(
        m("2", "Livraison du Nova Cargo Duo en retard, le suivi n'a pas bougé depuis lundi", 5)
    )
    c = g.add(m("3", "Super balade avec mon Nova Gravel GR2 dans le Vercors ce week-end", 9))
    assert len({a.story_id, b.story_id, c.story_id}) == 3
    assert b.is_new and c.is_new


def test_reply_inherits_parent_story() -> None:
    g = StoryGrouper()
    a = g.add(m("1", LOCK))
    b = g.add(m("2", "le mien aussi lol", 3, parent_id="1"))
    assert b.story_id == a.story_id and b.kind == "parent"


def test_bridging_mention_merges_two_stories_and_noise_stays_apart() -> None:
    g = StoryGrouper()
    a = g.add(m("1", "Regardez https://carnet-cycliste.example/bastion-u"))
    b = g.add(m("2", "Article: https://quotidien-velo.example/actu/antivols-bastion-u", 20))
    noise = g.add(m("3", "Merci à l'atelier de Lyon pour le réglage des freins, impeccable", 25))
    assert a.story_id != b.story_id
    bridge = g.add(
        m(
            "4",
            "https://carnet-cycliste.example/bastion-u et https://quotidien-velo.example/actu/antivols-bastion-u",
            40,
        )
    )
    assert bridge.merged and {bridge.story_id, *bridge.merged} == {a.story_id, b.story_id}
    assert "merges" in bridge.reason
    assert g.story_of("1") == g.story_of("2") == bridge.story_id
    assert g.story_of("3") == noise.story_id != bridge.story_id


def test_homepage_links_are_not_evidence() -> None:
    g = StoryGrouper()
    a = g.add(m("1", "Mon vélo est arrivé cassé https://velonova.example"))
    b = g.add(m("2", "Promo cyclocross ce week-end https://velonova.example/", 5))
    assert a.story_id != b.story_id


def test_json_state_round_trip_gives_identical_decisions() -> None:
    from sentinelle.stories.grouping.scenarios import scenarios

    records = scenarios()[0].records[:600]
    live = StoryGrouper()
    for r in records[:400]:
        live.add(r)
    restored = StoryGrouper.from_state(json.loads(json.dumps(live.to_state())))
    assert [live.add(r) for r in records[400:]] == [restored.add(r) for r in records[400:]]
