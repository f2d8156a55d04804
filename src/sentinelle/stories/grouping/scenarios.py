"""Incident replay scenarios, built deterministically from the demo week plus our own lines."""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from datetime import timedelta
from importlib import resources
from typing import Any

from sentinelle.demo.week import DEFAULT_SEED, DEFAULT_START, generate_week
from sentinelle.stories.grouping.records import MentionRecord, parse_time, record_from_item

NOISE = {"everyday", "praise", "question", "news", "spam", "brand-reply"}


@dataclass(frozen=True, slots=True)
class Scenario:
    """A timed stream with its truth: each mention's label ("noise:<id>" when no incident)."""

    name: str
    shape: str
    incident: str | None  # None: a quiet week
    records: list[MentionRecord]
    labels: dict[str, str]


def _label(item: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> str:
    """The generator's story, brand replies taking their parent's."""
    story = item["truth"]["story"]
    while story == "brand-reply" and item.get("parent_external_id") in by_id:
        item = by_id[item["parent_external_id"]]
        story = item["truth"]["story"]
    return story


# The app outage of the demo's Wednesday (``story_everyday.outage``): 09:30-13:30 UTC on day 2.
OUTAGE = (2 * 24 + 9.5, 2 * 24 + 13.5)


def _thread_root(item: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The first post of the item's conversation, following parents of the same story.

    A reply is part of its parent's story when the generator gave it the same story (a "me too",
    a brand answer, a customer answering the brand). A spam or an unrelated complaint dropped
    under someone else's post keeps its own story: the generator says it is about something else.
    """
    story = _label(item, by_id)
    while (parent := by_id.get(item.get("parent_external_id") or "")) is not None:
        if _label(parent, by_id) != story:
            break
        item = parent
    return item


def truth_of(item: dict[str, Any], by_id: dict[str, dict[str, Any]], incident: str | None) -> str:
    """The true story of one item in a scenario about ``incident``.

    The generator labels every non-incident item with a class ("everyday", "praise", ...), not a
    story. Within a class, one conversation is one story (``noise:<first post>``): a thread's
    replies belong with the post they answer. The Wednesday app outage is one incident told by
    many people at once, so its top-level posts share one story (``noise:app-outage``); the same
    complaints on other days are separate everyday troubles.
    """
    root = _thread_root(item, by_id)
    story = _label(root, by_id)
    if story == incident:
        return story
    if root["truth"].get("note") == "everyday: app-outage":
        hours = (parse_time(root["published_at"]) - DEFAULT_START).total_seconds() / 3600
        if OUTAGE[0] <= hours <= OUTAGE[1]:
            return "noise:app-outage"
    return f"noise:{root['external_id']}"


_REMINDER = re.compile(r"\breminder (\d+)\b")


def truth_signals(truth: dict[str, Any]) -> list[str]:
    """The escalation signals the analyzers would report, read from the generator's truth.

    The replays take complaint and severity from the truth so that grouping and risk are
    measured apart from the classifiers; the generator writes its signals in the ``note``
    ("goes public after e-mails went unanswered (double deviation)", "reminder 4 to customer
    care", "pen-lock: threat", "battery: safety incident") and a threat as severity 4.
    """
    note = truth.get("note") or ""
    reminder = _REMINDER.search(note)
    signals = []
    if "double deviation" in note or (reminder and int(reminder.group(1)) >= 3):
        signals.append("double_deviation")
    if "threat" in note or int(truth.get("severity") or 0) >= 4:
        signals.append("threat")
    if "safety" in note:
        signals.append("safety")
    return signals


def _build(name: str, shape: str, incident: str | None, items: list[dict[str, Any]]) -> Scenario:
    by_id = {i["external_id"]: i for i in items}
    items = sorted(items, key=lambda i: (i["published_at"], i["external_id"]))
    labels = {item["external_id"]: truth_of(item, by_id, incident) for item in items}
    items = [{**i, "truth": {**i["truth"], "signals": truth_signals(i["truth"])}} for i in items]
    return Scenario(name, shape, incident, [record_from_item(i) for i in items], labels)


def _week(seed: int, keep: set[str]) -> list[dict[str, Any]]:
    items = generate_week(seed=seed)
    by_id = {i["external_id"]: i for i in items}
    return [i for i in items if _label(i, by_id) in keep]


def _additions(story: str) -> list[dict[str, Any]]:
    text = resources.files(__package__).joinpath("data/additions.jsonl").read_text("utf-8")
    out = []
    for line in text.splitlines():
        item = json.loads(line)
        if item["truth"]["story"] == story:
            at = DEFAULT_START + timedelta(hours=item.pop("offset_h"))
            out.append({**item, "published_at": at.strftime("%Y-%m-%dT%H:%M:%SZ")})
    return out


def _compressed(items: list[dict[str, Any]], factor: float) -> list[dict[str, Any]]:
    """The items with their time since the first one divided by ``factor``.

    All of the incident's items are kept, the brand's replies included: keeping only those the
    generator labels with the story's name dropped the brand's replies and orphaned the
    customers' answers to them.
    """
    t0 = min(parse_time(i["published_at"]) for i in items)
    out = []
    for item in items:
        at = t0 + (parse_time(item["published_at"]) - t0) / factor
        out.append({**item, "published_at": at.strftime("%Y-%m-%dT%H:%M:%SZ")})
    return out


def _spam_wave(seed: int = 7, n: int = 150) -> list[dict[str, Any]]:
    """A coordinated wave: many fresh accounts post the same giveaway in 3 hours."""
    text = resources.files(__package__).joinpath("data/spam_wave.txt").read_text("utf-8")
    templates = [t for t in text.splitlines() if t and not t.startswith("#")]
    rng = random.Random(seed)  # noqa: S311 -- reproducible test data, not secrets
    start = DEFAULT_START + timedelta(days=3, hours=14)
    channels = ["facebook", "bluesky", "mastodon", "youtube", "reddit"]
    out = []
    for k in range(n):
        at = start + timedelta(seconds=rng.uniform(0, 3 * 3600))
        link = f"https://velonova-cadeau.example/?utm_source=fb&id={rng.randint(1, 3)}"
        out.append(
            {
                "channel": rng.choice(channels),
                "source": "spam",
                "external_id": f"wave-{k}",
                "url": f"https://social.example/p/wave-{k}",
                "title": None,
                "text": rng.choice(templates).format(n=rng.choice([100, 50, 200]), link=link),
                "published_at": at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "lang": "fr",
                "author": {
                    "handle": f"gift{rng.randint(10_000, 99_999)}",
                    "followers": rng.randint(0, 40),
                },
                "engagement": {
                    "likes": rng.randint(0, 3),
                    "shares": rng.randint(0, 2),
                    "replies": 0,
                },
                "truth": {"story": "spam-wave", "complaint": False, "severity": 0},
            }
        )
    return out


def scenarios(seed: int = DEFAULT_SEED) -> list[Scenario]:
    """Four incidents of different shapes, a spam wave and two quiet weeks.

    ``seed`` draws another demo week (the second quiet week uses ``seed + 1``): the same
    shapes told by other people at other times, to check that nothing was tuned to one draw.
    """
    week = generate_week(seed=seed)
    by_id = {i["external_id"]: i for i in week}
    noise = [i for i in week if _label(i, by_id) in NOISE]

    def incident(story: str) -> list[dict[str, Any]]:
        return [i for i in week if _label(i, by_id) == story]

    return [
        _build(
            "blog-to-news",
            "blog post picked up by news after two days",
            "pen-lock",
            noise + incident("pen-lock"),
        ),
        _build(
            "viral-video",
            "video viral in hours (time / 6)",
            "delivery-video",
            noise + _compressed(incident("delivery-video"), 6.0),
        ),
        _build(
            "slow-burn",
            "battery defect over a week",
            "battery",
            noise + incident("battery") + _additions("battery"),
        ),
        _build(
            "double-deviation",
            "rebate complaints going public over a week",
            "rebate",
            noise + incident("rebate"),
        ),
        _build(
            "spam-wave", "coordinated spam wave (must not alarm)", "spam-wave", noise + _spam_wave()
        ),
        _build("quiet-week-1", "quiet week", None, noise),
        _build("quiet-week-2", "quiet week (another seed)", None, _week(seed + 1, NOISE)),
    ]
