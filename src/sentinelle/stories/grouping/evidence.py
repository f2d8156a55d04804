"""What a mention's words say about a story: the words it owns, weighed by their rarity.

A story *owns* a word when it holds most of the word's uses. The evidence that a mention
belongs to story S is

    Σ over its words of rarity(w) × (own_S(w) − θ)

where rarity is the word's IDF and own_S(w) the share of its uses that are in S. A rare word
that S owns weighs heavily for S; a word that S does not own weighs against it; a common word
weighs little either way. A product or model name ("=bastion_u") weighs only where S used it:
an incident's mentions name the product, the brand or a shop as it comes, so a name S never
used is no evidence against S. Words a story merely shares with many others (a complaint's
usual vocabulary) never add up to a story, so everyday complaints on one topic stay apart
while an incident's mentions gather around the words it owns.
"""

from __future__ import annotations

from sentinelle.stories.grouping.index import Story, TermStats

Weighed = tuple[list[tuple[str, float, float]], float]


def weigh(
    terms: dict[str, float],
    stats: TermStats,
    usual_terms: int,
    neutral: float,
    leave_out: dict[str, float] | None = None,
    name_weight: float = 1.0,
) -> Weighed:
    """(term, weight × rarity, uses) of a mention's words, and the evidence if no story owned
    any of them. A long text's words are many hints of one topic: they count as a usual post's.
    ``leave_out`` are uses not to count (a story being compared with another)."""
    df, idf = stats.df, stats.idf
    scale = min(1.0, usual_terms / max(1, len(terms)))
    words = []
    for term, weight in terms.items():
        used = df.get(term, 0.0) - (leave_out.get(term, 0.0) if leave_out else 0.0)
        if term[0] == "=":
            weight *= name_weight
        words.append((term, scale * weight * idf(term), used))
    # A name the story never used is no evidence against it: an incident's mentions name the
    # product, the brand, a shop or nobody, as it comes.
    return words, -neutral * sum(w for t, w, _ in words if t[0] != "=")


def owned_evidence(
    story: Story, weighed: Weighed, smoothing: float, neutral: float, share: float = 0.0
) -> tuple[float, list[str]]:
    """The evidence for ``story`` and the three words it owns that weigh most.

    ``smoothing`` uses are added to each word's count, so that one use is not ownership.
    ``share`` is the story's share of all mentions: a story holding a third of them holds
    about a third of every common word's uses too, which says nothing of what it is about, so
    a word is evidence for it only beyond that share (or ``neutral`` when larger).
    """
    words, total = weighed
    counts = story.counts
    lift = max(0.0, share - neutral)
    best = []
    for term, weight, used in words:
        k = counts.get(term)
        if k:
            own = k / (max(k, used) + smoothing) - lift
            total += weight * (own - neutral if term[0] == "=" else own)
            if own > neutral:
                best.append((weight * (own - neutral), term))
    best.sort(reverse=True)
    return total, [t for _, t in best[:3]]
