"""A lead splits a story the grouper merged: the parts stay apart, and new mentions follow."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from sentinelle.stories.grouping import MentionRecord, RiskScorer, StoryGrouper
from sentinelle.stories.grouping.split import split

T0 = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
OUTAGE = "https://actu-lyon.example/2026/11/20/panne-fibre-oxelia-lyon"
BILLING = "https://conso-mag.example/oxelia-factures-doublees-novembre"


def m(mid: str, text: str, minutes: float = 0, **kw: object) -> MentionRecord:
    return MentionRecord(id=mid, text=text, published_at=T0 + timedelta(minutes=minutes), **kw)


def merged_story() -> tuple[StoryGrouper, list[MentionRecord], list[MentionRecord]]:
    """An outage and a billing error, tied by a roundup post that links to both articles."""
    g = StoryGrouper()
    outage = [
        m("o1", f"Panne de fibre Oxelia à Lyon depuis ce matin {OUTAGE}", 0),
        m("o2", f"Toujours pas d'internet à Lyon, Oxelia en panne {OUTAGE}", 5),
        m("o3", f"Panne Oxelia : tout Lyon 3e sans fibre {OUTAGE}", 9),
    ]
    billing = [
        m("b1", f"Oxelia a doublé ma facture de novembre {BILLING}", 20),
        m("b2", f"Facture doublée chez Oxelia, prélèvement deux fois {BILLING}", 25),
    ]
    roundup = m("r1", f"Mauvaise semaine pour Oxelia : {OUTAGE} et {BILLING}", 40)
    for record in [*outage, *billing]:
        g.add(record)
    assert g.story_of("o1") != g.story_of("b1")
    tie = g.add(roundup)
    assert tie.merged, "the roundup ties the two stories"
    assert g.story_of("o1") == g.story_of("b1")
    return g, [*outage, roundup], billing


def test_split_moves_the_mentions_and_rebuilds_both_stories() -> None:
    g, kept, moved = merged_story()
    sid = g.story_of("o1")
    new = split(g, sid, moved, kept)
    assert new != sid
    assert {g.story_of(r.id) for r in moved} == {new}
    assert {g.story_of(r.id) for r in kept} == {sid}
    assert g.stories[new].n == 2 and g.stories[sid].n == 4
    assert "factur" in g.stories[new].counts
    assert "factur" not in g.stories[sid].counts
    assert "pann" in g.stories[sid].counts
    assert g.kept_apart(sid, new) and g.kept_apart(new, sid)


def test_new_mentions_follow_the_part_they_belong_to_and_never_merge_the_parts() -> None:
    g, kept, moved = merged_story()
    sid = g.story_of("o1")
    new = split(g, sid, moved, kept)
    reply = g.add(m("b1-reply", "Pareil pour moi, 89 € au lieu de 45 €", 50, parent_id="b1"))
    assert reply.story_id == new
    link = g.add(m("b3", f"Lu ce matin : {BILLING}", 55))
    assert link.story_id == new and link.merged == ()
    dup = g.add(m("b2-copy", moved[1].text, 60))
    assert dup.story_id == new
    # Another roundup linking both: it goes to one of them and merges nothing.
    again = g.add(m("r2", f"Oxelia cumule : {OUTAGE} puis {BILLING}", 70))
    assert again.merged == ()
    assert g.story_of("o1") == sid and g.story_of("b1") == new


def test_the_parts_stay_apart_after_a_snapshot() -> None:
    g, kept, moved = merged_story()
    sid = g.story_of("o1")
    new = split(g, sid, moved, kept)
    back = StoryGrouper.from_state(g.to_state())
    assert back.kept_apart(sid, new)
    assert back.story_of("b2") == new
    again = back.add(m("r2", f"Oxelia cumule : {OUTAGE} puis {BILLING}", 70))
    assert again.merged == ()


def test_a_split_needs_mentions_on_both_sides() -> None:
    g, kept, moved = merged_story()
    sid = g.story_of("o1")
    with pytest.raises(ValueError, match="at least one mention to move"):
        split(g, sid, [], [*kept, *moved])
    with pytest.raises(ValueError, match="leave at least one"):
        split(g, sid, [*kept, *moved], [])
    with pytest.raises(KeyError):
        split(g, 999, moved, kept)


def test_scorer_counts_each_part_again() -> None:
    g, kept, moved = merged_story()
    scorer = RiskScorer()
    sid = g.story_of("o1")
    for record in [*kept, *moved]:
        scorer.observe(sid, record)
    assert scorer.stats[sid].n_public == 6
    new = split(g, sid, moved, kept)
    scorer.rebuild(sid, kept, moved[-1].epoch)
    scorer.rebuild(new, moved, moved[-1].epoch)
    assert scorer.stats[sid].n_public == 4
    assert scorer.stats[new].n_public == 2
    assert new in scorer.tracks


def test_a_person_merges_back_what_was_split() -> None:
    from sentinelle.stories.grouping.split import join

    g, kept, moved = merged_story()
    sid = g.story_of("o1")
    new = split(g, sid, moved, kept)
    assert join(g, sid, new) == sid
    assert not g.kept_apart(sid, new)
    assert {g.story_of(r.id) for r in [*kept, *moved]} == {sid}
    assert g.stories[sid].n == 6
    assert g.add(m("b9", f"Lu ce matin : {BILLING}", 80)).story_id == sid
