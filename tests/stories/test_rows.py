"""Story rows of a batch: created together at its end, merges followed before and after."""

from __future__ import annotations

from datetime import UTC, datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from sentinelle.stories.engine import Engine
from sentinelle.stories.grouping import Assignment, MentionRecord
from sentinelle.stories.models import Story, StoryAlert
from sentinelle.stories.rows import Rows

T0 = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


def record(n: int, title: str | None = None) -> MentionRecord:
    return MentionRecord(id=str(n), text=f"Remarque {n}", title=title, published_at=T0)


def new(gid: int, n: int, *merged: int) -> Assignment:
    return Assignment(str(n), gid, not merged, "new", "", 1.0, merged)


def test_a_batch_creates_its_new_stories_in_one_insert(brand):
    engine = Engine()
    rows = Rows(engine, brand.pk)
    keys = [rows.story_for(new(g, g), record(g)) for g in range(1, 41)]
    assert all(k < 0 for k in keys) and len(set(keys)) == 40
    assert not Story.objects.filter(brand=brand).exists()
    with CaptureQueriesContext(connection) as queries:
        rows.flush()
    inserts = [q for q in queries.captured_queries if q["sql"].startswith("INSERT")]
    assert len(inserts) == 1
    stored = dict(Story.objects.filter(brand=brand).values_list("engine_id", "pk"))
    assert engine.stories == stored and len(stored) == 40
    assert rows.new == [rows.follow(k) for k in keys] == [stored[g] for g in range(1, 41)]


def test_merges_of_new_and_stored_stories_in_one_batch(brand):
    older = Story.objects.create(brand=brand, title="Ancienne", engine_id=1, mention_count=3)
    StoryAlert.objects.create(brand=brand, story=older, level="watch", previous_level="quiet")
    engine = Engine(stories={1: older.pk})
    rows = Rows(engine, brand.pk)
    a = rows.story_for(new(5, 10), record(10, title="Le billet du blog"))
    b = rows.story_for(new(6, 11), record(11))
    # Story 6 (new) goes into 5 (new): nothing stored; then the stored story 1 goes into 5.
    assert rows.story_for(new(5, 12, 6), record(12)) == a
    assert rows.follow(b) == a
    into = rows.story_for(new(5, 13, 1), record(13))
    assert into > 0, "the new story was created for the stored one to move into"
    rows.flush()
    older.refresh_from_db()
    assert older.merged_into_id == into and older.engine_id is None
    assert StoryAlert.objects.get().story_id == into
    assert rows.follow(a) == rows.follow(b) == into
    assert engine.stories == {5: into}
    assert Story.objects.get(pk=into).mention_count == 3
    assert Story.objects.filter(brand=brand, merged_into__isnull=True).count() == 1
