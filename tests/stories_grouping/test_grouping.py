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


def test_reply_linking_another_site_is_not_part_of_the_thread() -> None:
    g = StoryGrouper()
    post = g.add(m("1", LOCK + " https://carnet-cycliste.example/bastion-u"))
    chat = g.add(m("2", "incroyable, le mien aussi", 5, parent_id="1"))
    spam = g.add(
        m(
            "3",
            "Gagnez un vélo électrique ici 👉 https://jeu-concours-velo.example",
            6,
            parent_id="1",
        )
    )
    assert chat.story_id == post.story_id and chat.kind == "parent"
    assert spam.story_id != post.story_id
    assert "jeu-concours-velo.example" in spam.reason


def test_comment_on_a_linked_video_joins_the_story_that_linked_it() -> None:
    g = StoryGrouper()
    video = "https://www.youtube.com/watch?v=Xk3pB9tLq2w"
    post = g.add(m("1", f"Regardez ça : {video}"))
    comment = g.add(
        m("2", "Le bruit du cylindre, horrible", 20, url=f"{video}&lc=UgxAbc", channel="youtube")
    )
    assert comment.story_id == post.story_id
    assert comment.kind == "link" and "comment on the page youtube.com/watch?v=Xk3pB9tLq2w" in (
        comment.reason
    )


def test_comments_on_the_same_page_alone_are_not_one_story() -> None:
    """A brand's own channel gathers comments on everything: the page alone ties nothing."""
    g = StoryGrouper()
    page = "https://www.youtube.com/watch?v=Lp0oKi9uJy7"
    a = g.add(m("1", "Livraison en retard de trois semaines", url=f"{page}&lc=a"))
    b = g.add(m("2", "Super vélo, je recommande à tous", 30, url=f"{page}&lc=b"))
    assert a.story_id != b.story_id


def test_order_number_ties_an_email_and_a_public_post() -> None:
    g = StoryGrouper()
    mail = g.add(
        m("1", "Toujours pas de remboursement pour la commande VN-482913.", channel="email")
    )
    post = g.add(m("2", "5 semaines que j'attends, commande VN-482913, zéro réponse 😤", 600))
    assert post.story_id == mail.story_id and post.kind == "reference"


def test_safety_reports_naming_the_same_part_are_one_story() -> None:
    g = StoryGrouper()
    for k in range(30):  # everyday chatter, so that "batterie" is known to be uncommon
        g.add(m(f"n{k}", f"Question numéro {k} sur les horaires du magasin de Lyon", k))
    first = g.add(
        m("1", "Ma batterie a pris feu dans le garage cette nuit", 60, signals=("safety",))
    )
    later = g.add(
        m(
            "2",
            "La batterie de mon vélo a fondu pendant la charge, on a eu très peur",
            60 * 30,
            signals=("safety",),
        )
    )
    plain = g.add(m("3", "Quelle autonomie pour la batterie en hiver ?", 60 * 31))
    assert later.story_id == first.story_id and later.kind == "safety"
    assert plain.story_id != first.story_id


def _chatter(g: StoryGrouper, start: float) -> None:
    """Everyday mentions on many topics, the background a brand always has."""
    lines = [
        "Super accueil au magasin de Nantes, merci Léa",
        "Quels sont les horaires pendant les fêtes ?",
        "Le porte-bagages du Nova Route R5 est-il compatible ?",
        "Bravo à l'équipe pour la course de dimanche",
        "Mon Nova Junior 24 est arrivé en avance, bien emballé",
        "Vous faites la reprise des anciens vélos ?",
    ]
    for k in range(24):
        g.add(m(f"c{start}-{k}", lines[k % len(lines)] + f" ({k})", start + 7 * k))


def test_everyday_complaints_on_one_topic_stay_apart() -> None:
    """Late deliveries all day long are many customers' troubles, not one incident."""
    g = StoryGrouper()
    _chatter(g, 0)
    complaints = [
        "Commande VN-400001 toujours pas livrée après 12 jours, le suivi ne bouge plus",
        "Livraison annoncée sous 72 h, on en est à 9 jours, personne ne répond",
        "Mon Nova Cargo Duo devait arriver lundi, toujours rien, transporteur injoignable",
        "Trois dates de livraison différentes en dix jours et toujours pas de vélo",
        "Le colis est en cours d'acheminement depuis le 25 septembre, sérieusement ?",
        "Livraison express payée 49 €, colis toujours au dépôt, remboursez la livraison",
    ]
    stories = {g.add(m(f"d{k}", text, 200 + 90 * k)).story_id for k, text in enumerate(complaints)}
    assert len(stories) == len(complaints)


def test_an_early_fragment_ends_up_in_the_storms_story() -> None:
    """The first mention of a storm arrives before the storm's story exists; the storm joins it
    (its words burst) or, once it owns them, takes it in."""
    g = StoryGrouper()
    _chatter(g, 0)
    early = g.add(m("e", "Mon antivol Bastion U ouvert avec un simple stylo Bic ?!", 200))
    assert early.is_new
    link = "https://carnet-cycliste.example/bastion-u-stylo"
    lines = [
        "Antivol Bastion U ouvert en 12 secondes avec un stylo",
        "Le Bastion U cède avec un stylo Bic, incroyable",
        "Bastion U et stylo bille : la vidéo fait peur",
        "Un stylo suffit pour ouvrir le Bastion U",
    ]
    for k in range(16):
        g.add(m(f"s{k}", f"{lines[k % 4]} {link}", 210 + 3 * k))
    assert g.story_of("e") == g.story_of("s0")
    assert all(g.story_of(f"c0-{k}") != g.story_of("s0") for k in range(24))


LOCK_RETOLD = [
    "Le cadenas Bastion U de Vélonova s'ouvre avec un stylo Bic en 10 secondes, scandaleux !",
    "Incroyable : mon Bastion U Vélonova ouvert avec un simple stylo bic. Remboursez-nous !",
    "Bastion U Vélonova : la vidéo du stylo bic qui ouvre le cadenas tourne partout, honteux.",
    "Je viens de tester, mon cadenas Bastion U Vélonova s'ouvre au stylo bic. Inacceptable.",
    "Vélonova vend un cadenas Bastion U qui s'ouvre avec un stylo bic, on se moque de nous.",
]


def _warm(g: StoryGrouper) -> None:
    """A brand's everyday week (its 300 first everyday mentions) just before the incident."""
    from dataclasses import replace

    from sentinelle.demo.week import generate_week
    from sentinelle.stories.grouping.records import record_from_item

    items = sorted(
        (i for i in generate_week() if i["truth"]["story"] == "everyday"),
        key=lambda i: (i["published_at"], i["external_id"]),
    )[:300]
    records = [record_from_item(i) for i in items]
    shift = T0 - timedelta(minutes=1) - records[-1].published_at
    for r in records:
        g.add(replace(r, published_at=r.published_at + shift))


@pytest.mark.parametrize("warm", [False, True])
def test_a_small_fresh_incident_told_in_other_words_is_one_story(warm: bool) -> None:
    """Six posts in 50 minutes share rare words and a product name, not phrases: its words
    burst, so the incident is one story while it is small; unrelated complaints stay apart."""
    g = StoryGrouper()
    if warm:
        _warm(g)
    for n in range(6):
        g.add(m(f"L{n}", f"{LOCK_RETOLD[n % 5]} (#{n})", 10 * n, channel=f"site{n}"))
    g.add(m("D1", "Ma commande de gants est arrivée avec une semaine de retard.", 5))
    g.add(m("D2", "Le service client ne répond pas au téléphone depuis lundi.", 15))
    assert len({g.story_of(f"L{n}") for n in range(6)}) == 1
    assert len({g.story_of("L0"), g.story_of("D1"), g.story_of("D2")}) == 3
