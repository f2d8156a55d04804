"""Stories that turn out to be one: a growing story takes in the small ones that belong to it.

A mention is placed as it arrives; early in a storm the storm's story is still small and cold,
and its first mentions start stories of their own. Each time a story doubles it looks again at
the small recent stories that share its words, and takes in those that would join it now.
"""

from __future__ import annotations

import itertools
import math
from typing import TYPE_CHECKING

from sentinelle.stories.grouping.evidence import owned_evidence, weigh

if TYPE_CHECKING:
    from sentinelle.stories.grouping.cluster import StoryGrouper

HOUR = 3600.0


def consolidation_due(docs: int, start: int) -> bool:
    """Whether a story of ``docs`` mentions looks again: each time it doubles from ``start``,
    and from ``8 × start`` on each time it grows by a sixteenth. A storm's story is big and
    its fragments keep coming; a small story is checked rarely, which keeps grouping fast.
    """
    if docs < start:
        return False
    step = 1 << (docs.bit_length() - 1)
    if docs >= 8 * start:
        step //= 16
    return docs % max(1, step) == 0


def consolidate(grouper: StoryGrouper, sid: int, t: float) -> list[int]:
    """Merges into ``sid`` the smaller recent stories that would join it now; their ids.

    Only a story still alive when ``sid`` began can be one of its early fragments: an older
    one that fell silent before is a former trouble that happens to use the same words (a
    question about a spare key for the lock that is now in the news).
    """
    cfg = grouper.config
    story = grouper.stories[sid]
    tau = cfg.attention_h * HOUR
    stream = max(1.0, grouper._decayed(grouper.stream, grouper.stream_t, t))
    prior = math.log(story.heat_at(t, tau) / stream)
    since = t - cfg.text_window_h * HOUR
    alive = story.first - tau
    share = story.docs / max(cfg.share_floor, grouper.terms.docs)
    idf = grouper.terms.idf
    top = sorted(story.counts, key=lambda w: (-story.counts[w] * idf(w), w))[: cfg.probe_terms]
    # Candidates: the stories that use its most telling words, and the newest stories, where
    # its fragments are (a quip, a quote of one of its posts, whose words are not its top ones).
    found: list[int] = []
    for term in top:
        posting = grouper.postings.get(term, {})
        if len(posting) <= cfg.max_posting:
            found += [other for other, last in posting.items() if last >= since]
    newest = list(itertools.islice(reversed(grouper.stories), cfg.max_candidates))
    seen: set[int] = set()
    merged: list[int] = []
    for other in itertools.chain(newest, found):
        other = grouper.resolve(other)
        if other == sid or other in seen or other not in grouper.stories:
            continue
        if grouper.kept_apart(sid, other):
            continue
        seen.add(other)
        small = grouper.stories[other]
        if small.n >= story.n or not small.counts or small.last < max(alive, since):
            continue
        words = weigh(
            dict.fromkeys(small.counts, 1.0),
            grouper.terms,
            cfg.usual_terms,
            cfg.own_neutral,
            leave_out=small.counts,
            name_weight=cfg.name_weight,
        )
        evidence, _ = owned_evidence(story, words, cfg.own_smoothing, cfg.own_neutral, share)
        if evidence + prior > cfg.join_margin:
            grouper._merge(sid, other)
            merged.append(other)
        if len(seen) >= 4 * cfg.max_candidates:
            break
    return merged
