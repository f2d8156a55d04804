"""The Story rows behind the engine's stories: created, and merged, as the grouper decides.

Most mentions start a story of their own (a one-off remark, a question), so a batch creates
many rows. They are created together at the end of the batch (`Rows.flush`): until then a new
story has a provisional, negative key, and the batch's links, touched stories and level
changes follow provisional keys and merges alike through `follow`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import F

from sentinelle.cases.stories import do_move_cases_to_story
from sentinelle.core.choices import RiskLevel
from sentinelle.stories.grouping import MentionRecord
from sentinelle.stories.models import Story, StoryMention

if TYPE_CHECKING:
    from sentinelle.stories.engine import Engine

TITLE_CHARS = 140


def title_of(record: MentionRecord) -> str:
    return (record.title or record.text).strip().replace("\n", " ")[:TITLE_CHARS] or "—"


class Rows:
    """One batch's row work for one brand: new rows waiting to be created, and the moves."""

    def __init__(self, engine: Engine, brand_id: int) -> None:
        self.engine, self.brand_id = engine, brand_id
        self.pending: dict[int, Story] = {}  # provisional key (< 0) → unsaved row
        self.moved: dict[int, int] = {}  # rows merged away, or created → where they are now
        self.new: list[int] = []
        self._key = 0

    def follow(self, pk: int) -> int:
        while pk in self.moved:
            pk = self.moved[pk]
        return pk

    def story_for(self, assignment: Any, record: MentionRecord) -> int:
        """The row (or provisional key) for the grouper's story, merges applied first."""
        gid = assignment.story_id
        for other in assignment.merged:
            self.merge(gid, other)
        pk = self.engine.stories.get(gid)
        if pk is None:
            self._key -= 1
            pk = self._key
            self.pending[pk] = Story(
                brand_id=self.brand_id,
                title=title_of(record),
                titled_by_article=bool(record.title),
                engine_id=gid,
                first_seen_at=record.published_at,
                last_seen_at=record.published_at,
            )
            self.engine.stories[gid] = pk
            self.new.append(pk)
        return pk

    def merge(self, into: int, other: int) -> None:
        """Two stories turned out to be one: the younger one's links move to the older."""
        stories = self.engine.stories
        other_pk = stories.pop(other, None)
        if other_pk is None:
            return
        into_pk = stories.get(into)
        if into_pk is None:
            stories[into] = other_pk
            if other_pk < 0:
                self.pending[other_pk].engine_id = into
            else:
                Story.objects.filter(pk=other_pk).update(engine_id=into)
            return
        if other_pk < 0:  # created in this batch: nothing stored to move yet
            self.pending.pop(other_pk)
            self.moved[other_pk] = into_pk
            return
        if into_pk < 0:  # an older row goes into one of this batch's: that one must exist
            into_pk = stories[into] = self._create(into_pk)
        self.moved[other_pk] = into_pk
        merge_rows(into_pk, other_pk)

    def _create(self, key: int) -> int:
        story = self.pending.pop(key)
        story.save()
        self.moved[key] = story.pk
        return story.pk

    def flush(self) -> None:
        """Create the batch's new rows (one INSERT) and point the engine at them."""
        keys = list(self.pending)
        rows = [self.pending[k] for k in keys]
        if connection.features.can_return_rows_from_bulk_insert:
            Story.objects.bulk_create(rows)
        else:
            for row in rows:
                row.save()
        for key, row in zip(keys, rows, strict=True):
            self.moved[key] = row.pk
        self.pending.clear()
        stories = self.engine.stories
        for gid, pk in stories.items():
            if pk < 0:
                stories[gid] = self.follow(pk)
        self.new = list(dict.fromkeys(self.follow(pk) for pk in self.new))


def merge_rows(into_pk: int, other_pk: int) -> None:
    """Everything of row `other_pk` goes to `into_pk`: links, counts, title, alerts, cases."""
    StoryMention.objects.filter(story_id=other_pk).update(story_id=into_pk)
    counts = (
        Story.objects.filter(pk=other_pk)
        .values("mention_count", "complaint_count", "title", "titled_by_article")
        .first()
    )
    if counts:
        Story.objects.filter(pk=into_pk).update(
            mention_count=F("mention_count") + counts["mention_count"],
            complaint_count=F("complaint_count") + counts["complaint_count"],
        )
        if counts["titled_by_article"]:  # the merged story's article names both
            Story.objects.filter(pk=into_pk, titled_by_article=False).update(
                title=counts["title"], titled_by_article=True
            )
    Story.objects.filter(pk=other_pk).update(
        merged_into_id=into_pk,
        engine_id=None,
        risk_level=RiskLevel.QUIET,
        mention_count=0,
        complaint_count=0,
    )
    from sentinelle.stories.alerts import move_story_rows

    move_story_rows(other_pk, into_pk)
    do_move_cases_to_story(other_pk, into_pk)
