"""The replays' truth: what counts as one story among the demo week's items."""

from __future__ import annotations

from typing import Any

from sentinelle.stories.grouping.scenarios import truth_of, truth_signals


def item(
    xid: str,
    story: str,
    parent: str | None = None,
    note: str = "",
    at: str = "2026-11-16T10:00:00Z",
) -> dict[str, Any]:
    return {
        "external_id": xid,
        "parent_external_id": parent,
        "published_at": at,
        "truth": {"story": story, "note": note, "severity": 0},
    }


def labels(items: list[dict[str, Any]], incident: str | None) -> dict[str, str]:
    by_id = {i["external_id"]: i for i in items}
    return {i["external_id"]: truth_of(i, by_id, incident) for i in items}


def test_a_conversation_is_one_story_and_separate_complaints_are_not() -> None:
    items = [
        item("p1", "everyday"),
        item("r1", "everyday", parent="p1"),  # "me too"
        item("b1", "brand-reply", parent="r1"),
        item("r2", "everyday", parent="b1"),  # the customer answers the brand
        item("p2", "everyday"),
    ]
    got = labels(items, None)
    assert got["r1"] == got["b1"] == got["r2"] == got["p1"] == "noise:p1"
    assert got["p2"] == "noise:p2"


def test_spam_or_an_unrelated_complaint_under_a_post_keeps_its_own_story() -> None:
    items = [
        item("post", "pen-lock"),
        item("reply", "pen-lock", parent="post"),
        item("spam", "spam", parent="post"),
        item("vent", "everyday", parent="post"),
    ]
    got = labels(items, "pen-lock")
    assert got["post"] == got["reply"] == "pen-lock"
    assert got["spam"] == "noise:spam" and got["vent"] == "noise:vent"


def test_the_wednesday_app_outage_is_one_story_only_during_the_outage() -> None:
    note = "everyday: app-outage"
    items = [
        item("o1", "everyday", note=note, at="2026-11-18T10:10:00Z"),
        item("o2", "everyday", note=note, at="2026-11-18T12:40:00Z"),
        item("later", "everyday", note=note, at="2026-11-20T10:10:00Z"),
    ]
    got = labels(items, None)
    assert got["o1"] == got["o2"] == "noise:app-outage"
    assert got["later"] == "noise:later"


def test_signals_come_from_the_generators_notes() -> None:
    assert truth_signals({"note": "rebate: reminder 4 to customer care"}) == ["double_deviation"]
    assert truth_signals({"note": "rebate: reminder 2 to customer care"}) == []
    gone_public = "rebate: goes public after e-mails went unanswered (double deviation)"
    assert truth_signals({"note": gone_public}) == ["double_deviation"]
    assert truth_signals({"note": "battery: safety incident"}) == ["safety"]
    assert truth_signals({"note": "everyday: late-delivery", "severity": 4}) == ["threat"]
