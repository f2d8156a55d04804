"""The brand answering: a reply under a mention, and what its author says back."""

from __future__ import annotations

import re

from sentinelle.demo import texts_brand as tb
from sentinelle.demo.base import brand_author, emit, first_name
from sentinelle.demo.engine import DAY, HOUR, UTC_OFFSET_H, WEEK, Node, World, region_of
from sentinelle.demo.texts_common import ALL_AGENTS

KINDS = {
    "good": (tb.GOOD, "good: a named agent takes charge"),
    "good-lock": (tb.GOOD_LOCK, "good: a named agent explains the free exchange"),
    "thanks": (tb.THANKS, "good: thanks a happy customer by name"),
    "answer": (tb.ANSWER, "good: answers the question"),
    "answer-hours": (tb.ANSWER_HOURS, "good: answers the question"),
    "answer-key": (tb.ANSWER_KEY, "good: answers the question"),
    "legalese": (tb.LEGALESE, "bad: legalese, quotes the terms of sale"),
    "hollow": (tb.HOLLOW, "bad: hollow form letter"),
    "delete": (tb.DELETE, "bad: asks the author to delete the post"),
}
REPLY_CHANNELS = ("facebook", "mastodon", "bluesky", "reddit", "youtube", "forum", "blog")


def tidy(text: str) -> str:
    """Removes the gaps an unknown first name leaves ("Bonjour , je" → "Bonjour, je")."""
    text = re.sub(r"^\s*,\s*", "", text)
    text = re.sub(r" +,", ",", text)
    text = re.sub(r"(Thanks|Thank you|Hi) +!", r"\1!", text)
    text = re.sub(r"  +", " ", text).strip()
    return text[:1].upper() + text[1:]


def office_hours(t: int, variant: str | None) -> int:
    """Moves a moment at night to the next morning, 8:30 local time."""
    offset = UTC_OFFSET_H[region_of(variant)] * HOUR
    local = (t + offset) % DAY
    if 8 * HOUR <= local < 21 * HOUR:
        return t
    shift = (8.5 * HOUR - local) % DAY
    return int(t + shift)


def brand_reply(
    w: World, parent: Node, kind: str, *, mean_minutes: float = 120, agent: str | None = None
) -> Node | None:
    """The brand's answer under ``parent``; None when it would fall after the week."""
    if parent.channel not in REPLY_CHANNELS:
        return None
    variant = parent.variant if parent.variant in ("fr", "qc", "en") else "fr"
    delay = w.after(parent.t, mean_minutes, minimum_s=180)
    if delay is None:
        return None
    t = office_hours(delay, variant)
    if t >= WEEK:
        return None
    bank, note = KINDS[kind]
    extra = {"first": first_name(parent.author)}
    if agent:
        extra["agent"] = agent
    text = tidy(w.fill(w.pick(bank, variant), variant, **extra))
    author = brand_author(w, parent.channel, parent.source)
    return emit(
        w,
        parent.channel,
        variant,
        text,
        t,
        "brand-reply",
        author=author,
        noisy=False,
        parent=parent,
        is_brand=True,
        note=note,
        boost=0.5,
    )


def follow_up(w: World, reply: Node, original: Node, mean_minutes: float = 90) -> Node | None:
    """The author answers the brand: angrier after a bad reply, thankful after a good one."""
    t = w.after(reply.t, mean_minutes)
    if t is None:
        return None
    variant = original.variant if original.variant in ("fr", "qc", "en") else "fr"
    good = reply.note.startswith("good")
    if good:
        bank, complaint, severity, tone = tb.FOLLOW_GOOD, False, 0, "happy"
    elif "delete" in reply.note:
        bank, complaint, severity, tone = tb.FOLLOW_DELETE, True, 3, "angry"
    else:
        bank, complaint, severity, tone = tb.FOLLOW_BAD, True, 3, "angry"
    agent = next((name for name in ALL_AGENTS if name in reply.text), "")
    text = w.fill(w.pick(bank, variant), variant, agent=agent)
    text = tidy(text)
    note = (
        "customer answers a bad brand reply (double deviation)" if not good else "thanks the agent"
    )
    return emit(
        w,
        reply.channel,
        variant,
        text,
        t,
        original.story,
        author=original.author,
        tone=tone,
        parent=reply,
        complaint=complaint,
        severity=severity,
        customer=original.customer,
        note=note,
    )
