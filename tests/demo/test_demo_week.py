"""The demo week: volumes, languages, determinism, valid fields, and the stories it tells."""

from __future__ import annotations

import json
import re
import statistics
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta, timezone
from functools import cache
from urllib.parse import urlsplit

import pytest

from sentinelle.demo.texts_common import ALL_AGENTS, BLOG_URL
from sentinelle.demo.week import DEFAULT_START, DEMO_BRAND, STORIES, generate_week, write_jsonl

CHANNELS = {
    "blog",
    "forum",
    "news",
    "mastodon",
    "bluesky",
    "reddit",
    "facebook",
    "youtube",
    "email",
    "form",
}
SOCIAL = {"mastodon", "bluesky", "reddit", "facebook", "youtube"}
PUBLIC = CHANNELS - {"email", "form"}
KEYS = {
    "channel",
    "source",
    "external_id",
    "url",
    "title",
    "text",
    "content_type",
    "lang",
    "published_at",
    "author",
    "parent_external_id",
    "engagement",
    "references",
    "is_brand",
    "truth",
}
STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
WEEK = timedelta(days=7)


@cache
def week(seed: int = 20261116) -> tuple[dict, ...]:
    return tuple(generate_week(seed=seed))


def when(item: dict) -> datetime:
    return datetime.fromisoformat(item["published_at"])


def day_of(item: dict, start: datetime = DEFAULT_START) -> int:
    return (when(item) - start).days


def test_volume_channels_and_languages():
    items = week()
    assert 1900 <= len(items) <= 2200
    channels = Counter(i["channel"] for i in items)
    assert set(channels) == CHANNELS
    assert min(channels.values()) >= 20, channels
    langs = Counter(i["truth"]["lang"] for i in items)
    share = {lang: count / len(items) for lang, count in langs.items()}
    assert 0.55 <= share["fr"] <= 0.65, share
    assert 0.30 <= share["en"] <= 0.40, share
    assert 0.01 <= share.get("es", 0) + share.get("de", 0) <= 0.04, share
    assert 0 < share.get(None, 0) <= 0.05, share
    assert set(langs) <= {"fr", "en", "es", "de", None}


def test_platform_language_only_where_the_platform_gives_it():
    items = week()
    for item in items:
        if item["channel"] not in ("mastodon", "bluesky", "reddit"):
            assert item["lang"] is None, item
    for channel in ("mastodon", "bluesky", "reddit"):
        given = [i for i in items if i["channel"] == channel and i["lang"]]
        assert given, channel
    reddit = [i for i in items if i["channel"] == "reddit"]
    assert 0.2 < sum(1 for i in reddit if i["lang"]) / len(reddit) < 0.8


def test_deterministic_for_a_seed():
    assert generate_week() == list(week())
    assert generate_week(seed=7) != list(week())


def test_another_start_shifts_every_timestamp_by_the_same_delta():
    start = datetime(2027, 3, 1, 0, tzinfo=UTC)
    shifted = generate_week(start=start)
    delta = start - DEFAULT_START
    assert len(shifted) == len(week())
    for moved, original in zip(shifted, week(), strict=True):
        assert when(moved) - when(original) == delta
        assert (moved["source"], moved["external_id"]) == (
            original["source"],
            original["external_id"],
        )
        assert moved["parent_external_id"] == original["parent_external_id"]


def test_start_must_be_aware_and_any_zone_works():
    with pytest.raises(ValueError):
        generate_week(start=datetime(2026, 11, 16))  # noqa: DTZ001 - the point of the test
    paris = timezone(timedelta(hours=1))
    same = generate_week(start=datetime(2026, 11, 16, 1, tzinfo=paris))
    assert [i["published_at"] for i in same] == [i["published_at"] for i in week()]


@pytest.mark.parametrize("seed", [20261116, 1, 2])
def test_ids_unique_parents_earlier_times_in_the_window(seed):
    items = week(seed)
    assert 1900 <= len(items) <= 2200
    keys = [(i["source"], i["external_id"]) for i in items]
    assert len(set(keys)) == len(keys)
    by_key = {(i["source"], i["external_id"]): i for i in items}
    for item in items:
        assert STAMP.match(item["published_at"]), item["published_at"]
        assert DEFAULT_START <= when(item) < DEFAULT_START + WEEK
        if item["parent_external_id"] is not None:
            parent = by_key.get((item["source"], item["parent_external_id"]))
            assert parent is not None, item
            assert when(parent) < when(item)
    stamps = [i["published_at"] for i in items]
    assert stamps == sorted(stamps)


def test_fields_are_valid():
    items = week()
    channel_of_source: dict[str, str] = {}
    for item in items:
        assert set(item) == KEYS
        assert item["channel"] in CHANNELS
        assert channel_of_source.setdefault(item["source"], item["channel"]) == item["channel"]
        assert item["content_type"] in ("text/plain", "text/html")
        assert item["text"].strip()
        if item["content_type"] == "text/plain":
            assert "<p>" not in item["text"] and "<div>" not in item["text"]
        if item["channel"] in ("email", "form"):
            assert item["url"] is None and item["title"]
            assert item["author"]["email"] and "@" in item["author"]["email"]
        else:
            parts = urlsplit(item["url"])
            assert parts.scheme == "https" and parts.netloc
            if item["channel"] in ("blog", "forum", "news"):
                assert parts.netloc.endswith(".example")
        if item["channel"] == "news":
            assert item["content_type"] == "text/html" and item["title"]
        engagement = item["engagement"]
        assert set(engagement) == {"likes", "shares", "replies", "views"}
        assert all(
            isinstance(engagement[k], int) and engagement[k] >= 0
            for k in ("likes", "shares", "replies")
        )
        assert engagement["views"] is None or engagement["views"] >= 0
        assert set(item["references"]) <= {"order"}
        if item["references"]:
            assert re.fullmatch(r"VN-\d{6}", item["references"]["order"])
            assert item["references"]["order"] in item["text"] + (item["title"] or "")
        author = item["author"]
        assert author["handle"] and author["name"]
        assert author["followers"] is None or author["followers"] >= 0
        truth = item["truth"]
        assert truth["story"] in STORIES
        assert isinstance(truth["complaint"], bool) and truth["severity"] in range(5)
        if not truth["complaint"]:
            assert truth["severity"] == 0
        assert len(item["source"]) <= 120 and len(item["title"] or "") <= 500
    assert len(channel_of_source) <= 30


def test_platform_like_ids():
    items = week()
    for item in items:
        ext = item["external_id"]
        channel = item["channel"]
        if channel == "mastodon":
            assert ext.isdigit() and item["url"].endswith(ext)
        elif channel == "bluesky":
            assert ext.startswith("at://did:plc:") and "/app.bsky.feed.post/" in ext
        elif channel == "reddit":
            assert ext.startswith("t1_" if item["parent_external_id"] else "t3_")
            assert item["url"].startswith("https://www.reddit.com/r/")
        elif channel == "email":
            assert ext.startswith("<") and ext.endswith(">") and "@" in ext
        elif channel == "form":
            assert re.fullmatch(r"F-\d{6}", ext)
        elif channel == "youtube":
            assert "youtube.com/watch?v=" in item["url"]
    shared = [i for i in items if BLOG_URL in i["text"] or (i["url"] or "").startswith(BLOG_URL)]
    assert len(shared) >= 10


def test_same_handle_same_platform_same_person():
    seen: dict[tuple[str, str], tuple] = {}
    for item in week():
        platform = item["channel"] if item["channel"] in SOCIAL else item["source"]
        author = item["author"]
        key = (platform, author["handle"])
        value = (author["name"], author["followers"])
        assert seen.setdefault(key, value) == value, key


def test_followers_are_heavy_tailed():
    authors = {}
    for item in week():
        if item["channel"] in SOCIAL and item["author"]["followers"] is not None:
            authors[(item["channel"], item["author"]["handle"])] = item["author"]["followers"]
    counts = list(authors.values())
    assert statistics.median(counts) < 200
    assert sum(1 for c in counts if c < 500) / len(counts) > 0.8
    assert sum(1 for c in counts if c >= 50_000) >= 3
    news = [i["author"]["followers"] for i in week() if i["channel"] == "news"]
    assert min(news) >= 50_000


def test_pen_lock_starts_on_a_blog_and_bursts():
    items = [i for i in week() if i["truth"]["story"] == "pen-lock"]
    first = items[0]
    assert first["channel"] in ("blog", "forum")
    assert day_of(first) == 1
    news = [i for i in items if i["channel"] == "news"]
    assert len({i["source"] for i in news}) >= 4
    assert all(when(i) >= when(first) + timedelta(days=1) for i in news)
    daily = Counter(day_of(i) for i in items)
    assert daily[0] == 0
    assert max(daily.values()) >= 5 * daily[day_of(first)], daily
    assert sum(daily[d] for d in (2, 3, 4)) > 0.6 * len(items)
    langs = Counter(i["truth"]["lang"] for i in items)
    assert langs["fr"] > 100 and langs["en"] > 100
    kinds = Counter(i["truth"]["note"] for i in items)
    for kind in ("angry", "threat", "joke", "defend", "advice", "ask"):
        assert kinds[f"pen-lock: {kind}"] >= 5, kind
    notes = " ".join(i["truth"]["note"] for i in items)
    assert "statement" in notes
    big = [i for i in news if i["engagement"]["likes"] > 0]
    assert big


def test_pen_lock_champions_speak_up_often():
    defenders = Counter(
        (i["channel"], i["author"]["handle"])
        for i in week()
        if not i["is_brand"]
        and i["truth"]["story"] in ("pen-lock", "praise")
        and not i["truth"]["complaint"]
    )
    assert sum(1 for count in defenders.values() if count >= 6) >= 3, defenders.most_common(5)


def test_rebate_customers_write_privately_then_publicly():
    by_customer: dict[str, list[dict]] = defaultdict(list)
    for item in week():
        if item["truth"]["customer"]:
            by_customer[item["truth"]["customer"]].append(item)
    linked = 0
    for items in by_customer.values():
        if not any(i["truth"]["story"] == "rebate" for i in items):
            continue
        private = [i for i in items if i["channel"] in ("email", "form")]
        public = [i for i in items if i["channel"] in PUBLIC]
        if not private or not public:
            continue
        keys = {i["references"].get("order") for i in private} | {
            i["author"]["email"] for i in private
        }
        public_keys = {i["references"].get("order") for i in public} | {
            i["author"]["email"] for i in public
        }
        if (keys & public_keys) - {None}:
            linked += 1
        assert min(when(i) for i in private) < min(when(i) for i in public)
    assert linked >= 8
    texts = " ".join(i["text"] for i in week() if i["truth"]["story"] == "rebate")
    assert re.search(r"\de relance|reminder number \d|Second e-mail since", texts)


def test_background_stories_and_brand_replies():
    items = week()
    stories = Counter(i["truth"]["story"] for i in items)
    assert set(stories) == set(STORIES)
    assert 0.02 <= stories["spam"] / len(items) <= 0.05
    assert stories["everyday"] == max(stories.values())
    assert stories["praise"] >= 60 and stories["question"] >= 60
    replies = [i for i in items if i["truth"]["story"] == "brand-reply"]
    assert len(replies) >= 60
    assert all(i["is_brand"] and i["parent_external_id"] for i in replies)
    assert not any(
        i["is_brand"] for i in items if i["truth"]["story"] not in ("brand-reply", "pen-lock")
    )
    legalese = r"(conformément à l'article|pursuant to section|as stated in section)"
    assert any(re.search(legalese, i["text"], re.IGNORECASE) for i in replies)
    agent = rf"(je suis|ici|I'm) ({'|'.join(ALL_AGENTS)})\b"
    assert any(re.search(agent, i["text"], re.IGNORECASE) for i in replies)
    assert any("transmise au service concerné" in i["text"] for i in replies)
    assert any(re.search(r"retirer|supprimer|remove this|delete this", i["text"]) for i in replies)


def test_severities_and_threats():
    items = [i for i in week() if i["truth"]["complaint"]]
    severities = Counter(i["truth"]["severity"] for i in items)
    assert all(severities[s] >= 30 for s in (1, 2, 3, 4)), severities
    texts = " ".join(i["text"] for i in items)
    for word in (
        "UFC-Que Choisir",
        "Office de la protection du consommateur",
        "Sportmax",
        "avocat",
    ):
        assert word in texts, word


def test_texts_are_varied_and_bounded():
    items = week()
    texts = [i["text"] for i in items]
    assert len(set(texts)) >= 1200
    assert max(len(t) for t in texts) <= 20_000
    hostile = [
        i for i in items if "<script>alert(1)</script>" in i["text"] and "onerror=" in i["text"]
    ]
    assert len(hostile) == 1 and hostile[0]["content_type"] == "text/html"
    assert all(len(i["text"]) <= 300 for i in items if i["channel"] == "bluesky")
    assert not any(re.search(r"\{[a-z_]+\}", t) for t in texts)


def test_daily_rhythm_in_paris():
    french = [
        i for i in week() if i["source"] in ("Facebook · page Vélonova France", "Forum Vélotaf")
    ]
    hours = Counter((when(i) + timedelta(hours=1)).hour for i in french)
    night = sum(hours[h] for h in range(1, 6))
    noon = sum(hours[h] for h in range(11, 15))
    assert noon > 4 * night


def test_demo_brand_and_jsonl(tmp_path):
    assert DEMO_BRAND["name"] == "Vélonova" and DEMO_BRAND["slug"] == "velonova"
    assert {"timezone", "languages", "description", "media_domains"} <= set(DEMO_BRAND)
    used = {urlsplit(i["url"]).netloc for i in week() if i["channel"] == "news"}
    assert used == set(DEMO_BRAND["media_domains"])
    path = tmp_path / "week.jsonl"
    assert write_jsonl(list(week()), path) == len(week())
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == list(week())
