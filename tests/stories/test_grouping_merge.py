"""Story grouping: what ties stories together, what must not, and when stories are re-checked."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from sentinelle.stories.grouping import MentionRecord, StoryGrouper
from sentinelle.stories.grouping.merge import consolidation_due

T0 = datetime(2026, 11, 17, 15, 0, tzinfo=UTC)
ARTICLE = "https://carnet-cycliste.example/articles/bastion-u-ouvert-stylo-bille"
SPAM = "Gana dinero desde casa con criptomonedas, es muy facil 👉 https://cripto-facil.example"
STORM = [
    "Le Bastion U de Vélonova s'ouvre avec un stylo bille en douze secondes, cylindre tubulaire",
    "Cylindre tubulaire du Bastion U : ouvert au stylo bille, Vélonova doit rappeler l'antivol",
    "Antivol Bastion U ouvert avec un stylo bille, le cylindre tubulaire cède sans forcer",
    "Stylo bille contre cylindre tubulaire : le Bastion U perd en douze secondes, rappel",
]


def m(mid: str, text: str, minutes: float = 0, **kw: object) -> MentionRecord:
    return MentionRecord(id=mid, text=text, published_at=T0 + timedelta(minutes=minutes), **kw)


def test_spam_reply_under_an_article_does_not_take_the_article_link_to_the_spam() -> None:
    g = StoryGrouper()
    post = g.add(m("post", "Le Bastion U ouvert au stylo bille : notre test", url=ARTICLE))
    spam = g.add(m("spam-1", SPAM, 10))
    reply = g.add(m("c1", SPAM, 20, url=f"{ARTICLE}/#comment-1", parent_id="post"))
    assert reply.story_id == spam.story_id != post.story_id
    # A later post sharing the article's link joins the article's story, and nothing else.
    later = g.add(m("later", f"Vu sur le blog : {ARTICLE}", 60))
    assert later.story_id == post.story_id
    assert later.merged == ()
    assert g.story_of("spam-1") == spam.story_id


def test_a_big_story_does_not_own_the_words_every_complaint_uses() -> None:
    """A storm holding most mentions holds most uses of every common word too; a complaint
    that shares only those words with it is another story."""
    g = StoryGrouper()
    for k in range(60):
        tail = ", et le service client ne répond pas" if k % 2 else ""
        g.add(m(f"storm-{k}", STORM[k % len(STORM)] + tail, k * 3))
    for k in range(10):
        g.add(
            m(f"day-{k}", f"Le service client ne répond pas, commande {k} en attente", 200 + 10 * k)
        )
    storm = g.story_of("storm-0")
    assert {g.story_of(f"storm-{k}") for k in range(60)} == {storm}
    complaint = g.add(m("alice", "Le service client ne répond pas, c'est pénible", 320))
    assert complaint.story_id != storm


@pytest.mark.parametrize(
    ("docs", "due"),
    [
        (4, False),
        (8, True),
        (12, False),
        (16, True),
        (48, False),
        (64, True),
        (68, True),
        (66, False),
        (512, True),
        (544, True),
        (528, False),
    ],
)
def test_a_big_story_looks_for_its_fragments_more_often(docs: int, due: bool) -> None:
    assert consolidation_due(docs, 8) is due
