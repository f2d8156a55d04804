"""A lead splits a story: the chosen mentions become a new story that new mentions follow."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sentinelle.cases.actions import do_open_case
from sentinelle.cases.stories import do_attach_cases_to_stories
from sentinelle.listening.models import Mention
from sentinelle.stories.engine import forget_engines
from sentinelle.stories.models import Story, StoryMention
from sentinelle.stories.split import SplitError, do_split_story
from tests.stories.helpers import LOCK_TEXTS, ingest, lock_item


def story_of(external_id: str) -> Story:
    return StoryMention.objects.select_related("story").get(mention__external_id=external_id).story


def pks(*numbers: int) -> list[int]:
    ids = [str(1000 + n) for n in numbers]
    return list(Mention.objects.filter(external_id__in=ids).values_list("pk", flat=True))


@pytest.fixture
def lock_story(brand):
    ingest(brand, [lock_item(n, minutes=10 * n) for n in range(6)])
    story = story_of("1000")
    assert story.mention_count == 6
    return story


def test_split_moves_the_mentions_their_cases_and_counts(brand, lock_story, dana):
    mention = Mention.objects.get(external_id="1002")
    case = do_open_case(brand, title="Vidéo", mention=mention, actor=None)
    do_attach_cases_to_stories([mention.pk])
    new = do_split_story(lock_story, pks(1, 2), user=dana)
    lock_story.refresh_from_db()
    case.refresh_from_db()
    assert (lock_story.mention_count, new.mention_count) == (4, 2)
    assert new.split_from_id == lock_story.pk and new.split_by == dana
    assert {story_of(x).pk for x in ("1001", "1002")} == {new.pk}
    assert {story_of(x).pk for x in ("1000", "1003", "1004", "1005")} == {lock_story.pk}
    assert set(StoryMention.objects.filter(story=new).values_list("kind", flat=True)) == {"split"}
    assert case.story_id == new.pk
    assert new.first_seen_at < new.last_seen_at <= lock_story.last_seen_at
    assert new.engine_id is not None


@pytest.mark.parametrize("restart", [False, True], ids=["same process", "after a restart"])
def test_new_mentions_follow_the_split_and_never_merge_it_back(brand, lock_story, dana, restart):
    new = do_split_story(lock_story, pks(1, 2), user=dana)
    if restart:
        forget_engines()  # another process: it loads the snapshot the split wrote
    # Near-duplicates of a moved mention (same text as #1) and of a kept one (as #0).
    ingest(brand, [lock_item(11, minutes=70), lock_item(10, minutes=71)])
    assert LOCK_TEXTS[11 % 5] == LOCK_TEXTS[1]
    assert story_of("1011").pk == new.pk
    assert story_of("1010").pk == lock_story.pk
    new.refresh_from_db()
    lock_story.refresh_from_db()
    assert new.merged_into_id is None and lock_story.merged_into_id is None
    assert (lock_story.mention_count, new.mention_count) == (5, 3)


def test_a_split_needs_mentions_on_both_sides(brand, lock_story, dana, other_brand):
    with pytest.raises(SplitError, match="au moins une mention"):
        do_split_story(lock_story, [], user=dana)
    with pytest.raises(SplitError, match="doit rester"):
        do_split_story(lock_story, pks(0, 1, 2, 3, 4, 5), user=dana)
    ingest(other_brand, [lock_item(40, minutes=1)])
    foreign = Mention.objects.get(brand=other_brand).pk
    with pytest.raises(SplitError):  # not a mention of this story: ignored, so nothing chosen
        do_split_story(lock_story, [foreign], user=dana)
    assert Story.objects.filter(split_from=lock_story).count() == 0


def test_a_lead_filters_the_mentions_and_splits_them_from_the_story_page(
    client, brand, lock_story, dana, alice
):
    url = reverse("web:story", kwargs={"brand_slug": brand.slug, "pk": lock_story.pk})
    client.force_login(dana)
    page = client.get(url, {"q": "vidéo"}).content.decode()
    assert "1 mention contenant « vidéo »" in page
    chosen = pks(2)
    assert f'value="{chosen[0]}" id="split-{chosen[0]}" ' in page
    assert "Séparer les mentions choisies" in page
    split_url = reverse("web:story_split", kwargs={"brand_slug": brand.slug, "pk": lock_story.pk})
    response = client.post(split_url, {"mentions": chosen})
    new = Story.objects.get(split_from=lock_story)
    assert response.status_code == 302 and response["Location"].endswith(f"/stories/{new.pk}/")
    page = client.get(response["Location"]).content.decode()
    assert "Séparé de" in page and lock_story.title[:30] in page
    # An agent sees the story but no split form, and may not post one.
    client.force_login(alice)
    assert "split-form" not in client.get(url).content.decode()
    assert client.post(split_url, {"mentions": pks(0)}).status_code == 403


def test_a_lead_merges_a_story_grouping_told_apart(client, brand, lock_story, dana, alice):
    from sentinelle.stories.models import StoryAlert
    from tests.stories.helpers import everyday_item

    ingest(brand, [everyday_item(3, "Ma sacoche Vélonova a perdu sa boucle.", minutes=2)])
    other = story_of("2003")
    assert other.pk != lock_story.pk
    alert = StoryAlert.objects.create(
        brand=brand, story=other, level="watch", previous_level="quiet"
    )
    url = reverse("web:story", kwargs={"brand_slug": brand.slug, "pk": lock_story.pk})
    merge_url = reverse("web:story_merge", kwargs={"brand_slug": brand.slug, "pk": lock_story.pk})
    client.force_login(alice)
    assert client.post(merge_url, {"other": other.pk}).status_code == 403
    client.force_login(dana)
    page = client.get(url).content.decode()
    assert f'<option value="{other.pk}">' in page
    assert client.post(merge_url, {"other": other.pk}).status_code == 302
    other.refresh_from_db()
    lock_story.refresh_from_db()
    assert other.merged_into_id == lock_story.pk and other.merged_by == dana
    assert story_of("2003").pk == lock_story.pk
    assert lock_story.mention_count == 7
    assert StoryAlert.objects.get(pk=alert.pk).story_id == lock_story.pk
    forget_engines()  # another process: it loads the snapshot the merge wrote
    ingest(brand, [everyday_item(4, "Ma sacoche Vélonova a perdu sa boucle.", minutes=80)])
    assert story_of("2004").pk == lock_story.pk
    # A story of another brand, or itself, cannot be merged in.
    assert client.post(merge_url, {"other": lock_story.pk}).status_code == 302
    assert Story.objects.filter(merged_into=lock_story).count() == 1


def test_a_split_then_merged_story_is_whole_again(brand, lock_story, dana):
    from sentinelle.stories.split import do_merge_stories

    new = do_split_story(lock_story, pks(1, 2), user=dana)
    do_merge_stories(lock_story, new, user=dana)
    lock_story.refresh_from_db()
    assert lock_story.mention_count == 6
    ingest(brand, [lock_item(11, minutes=70)])  # a near-duplicate of a moved mention
    assert story_of("1011").pk == lock_story.pk
