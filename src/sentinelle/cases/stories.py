"""Cases and the stories their mentions belong to: the story engine calls these."""

from __future__ import annotations

from collections.abc import Sequence

from sentinelle.cases.models import Case, CaseStatus
from sentinelle.core.choices import RISK_ORDER
from sentinelle.stories.models import Story, StoryMention

OPEN = [s for s in CaseStatus.values if s not in {CaseStatus.RESOLVED, CaseStatus.CLOSED}]


def do_attach_cases_to_stories(mention_ids: Sequence[int]) -> int:
    """Cases without a story take the story of their mentions; returns how many changed."""
    pairs = (
        StoryMention.objects.filter(
            mention_id__in=list(mention_ids),
            mention__case_link__case__story__isnull=True,
        )
        .values_list("mention__case_link__case_id", "story_id")
        .order_by("pk")
    )
    first: dict[int, int] = {}
    for case_id, story_id in pairs:
        first.setdefault(case_id, story_id)
    for case_id, story_id in first.items():
        Case.objects.filter(pk=case_id, story__isnull=True).update(story_id=story_id)
    for story_id in set(first.values()):
        level = Story.objects.filter(pk=story_id).values_list("risk_level", flat=True).first()
        if level:
            do_sync_story_risk(story_id, level)
    return len(first)


def do_move_cases_to_story(old_story_id: int, new_story_id: int) -> int:
    """A story was merged into another: its cases follow."""
    return Case.objects.filter(story_id=old_story_id).update(story_id=new_story_id)


def do_move_cases_with_mentions(
    old_story_id: int, new_story_id: int, mention_ids: Sequence[int]
) -> list[int]:
    """Part of a story was split off: a case goes with its first mention; the moved cases."""
    moving = set(mention_ids)
    first: dict[int, int] = {}
    rows = (
        StoryMention.objects.filter(
            story_id__in=[old_story_id, new_story_id],
            mention__case_link__case__story_id=old_story_id,
        )
        .order_by("mention__published_at", "mention_id")
        .values_list("mention__case_link__case_id", "mention_id")
    )
    for case_id, mention_id in rows:
        first.setdefault(case_id, mention_id)
    moved = sorted(case for case, mention in first.items() if mention in moving)
    Case.objects.filter(pk__in=moved, story_id=old_story_id).update(story_id=new_story_id)
    return moved


def do_sync_story_risk(story_id: int, level: str) -> int:
    """Open cases of a story rise to its risk level (the inbox sorts on it); a story that
    calms down leaves its cases where they were: an agent already saw them high."""
    rank = RISK_ORDER.get(level, 0)
    if rank == 0:  # nothing is below the lowest level
        return 0
    return Case.objects.filter(story_id=story_id, status__in=OPEN, risk_rank__lt=rank).update(
        risk_level=level, risk_rank=rank
    )
