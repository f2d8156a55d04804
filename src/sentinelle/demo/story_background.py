"""The rest of the week: praise and fans, questions, spam, neutral news, and noise."""

from __future__ import annotations

import re

from sentinelle.demo import people
from sentinelle.demo import texts_misc as M
from sentinelle.demo.base import CHAMPIONS, emit, grow_thread, news, pick_variant, special
from sentinelle.demo.engine import DAY, HOUR, Node, World
from sentinelle.demo.sources import forum_thread_url
from sentinelle.demo.story_brand import brand_reply, follow_up

DAYS = [1, 1, 1, 1, 1, 0.9, 0.8]
VARIANTS = {"fr": 0.48, "qc": 0.13, "en": 0.36, "es": 0.015, "de": 0.015}
PRAISE_PLAN = {
    "facebook": 38,
    "mastodon": 22,
    "bluesky": 18,
    "youtube": 20,
    "reddit": 8,
    "forum": 8,
    "email": 5,
    "form": 3,
}
QUESTION_PLAN = {
    "facebook": 34,
    "mastodon": 14,
    "bluesky": 10,
    "youtube": 15,
    "reddit": 8,
    "forum": 8,
    "email": 14,
    "form": 9,
}
SPAM_PLAN = {
    "youtube": 15,
    "facebook": 11,
    "blog": 5,
    "mastodon": 6,
    "bluesky": 6,
    "reddit": 4,
    "forum": 4,
    "email": 6,
    "form": 2,
}
FORUMS = {"en": "f_biketalk", "qc": "f_veloqc"}


def _forum_kw(w: World, variant: str, title: str) -> dict:
    source = FORUMS.get(variant, "f_velotaf")
    return {
        "source": source,
        "title": title,
        "meta": {"thread_url": forum_thread_url(source, w.rng.randint(40_000, 99_999), title)},
    }


def _private(w: World, channel: str, variant: str, text: str, title: str) -> tuple[str, dict]:
    source = "form" if channel == "form" else ("mail_qc" if variant in ("qc", "en") else "mail_fr")
    author = w.person(channel, source, variant)
    if channel == "email":
        hello = {"en": "Hello,", "es": "Hola,", "de": "Hallo,"}.get(variant, "Bonjour,")
        text = f"{hello}\n\n{text}\n\n{author.name}"
    return text, {"source": source, "author": author, "title": title, "noisy": False}


def praise(w: World) -> None:
    rng = w.rng
    for channel, count in PRAISE_PLAN.items():
        for _ in range(count):
            variant = pick_variant(w, VARIANTS)
            text = w.compose(
                variant, M.PRAISE, (M.PRAISE_CLOSE, 0.4 if variant in ("fr", "qc", "en") else 0)
            )
            t = w.story_t(DAYS, variant)
            kw: dict = {}
            if channel == "forum":
                kw = _forum_kw(
                    w,
                    variant,
                    "Retour d'expérience Vélonova"
                    if variant != "en"
                    else "Velonova long-term review",
                )
            elif channel == "reddit":
                kw["title"] = (
                    "Shout-out to Velonova" if variant == "en" else "Retour positif sur Vélonova"
                )
            elif channel in ("email", "form"):
                text, kw = _private(
                    w, channel, variant, text, "Merci !" if variant != "en" else "Thank you!"
                )
            node = emit(w, channel, variant, text, t, "praise", tone="happy", note="praise", **kw)
            if channel in ("facebook", "mastodon", "bluesky", "youtube") and rng.random() < 0.2:
                brand_reply(w, node, "thanks", mean_minutes=240)
    for key in ("bernard", "hugof", "lucie", "sam", "mei"):
        author = special(w, CHAMPIONS[key])
        for _ in range(4 if key == "bernard" else 3):
            variant = author.variant or "fr"
            kw = (
                _forum_kw(w, variant, "Mon vélo Vélonova, 5 ans après")
                if author.key[0] == "forum"
                else {}
            )
            if author.key[0] == "reddit":
                kw["title"] = "Five years with Velonova bikes, AMA"
            emit(
                w,
                author.key[0],
                variant,
                w.compose(variant, M.PRAISE),
                w.story_t(DAYS, variant),
                "praise",
                author=author,
                tone="happy",
                note="praise: champion",
                **kw,
            )
    for channel, variant in (("mastodon", "fr"), ("bluesky", "en")):
        emit(
            w,
            channel,
            variant,
            M.LOCK_REVIEW[variant],
            w.at(0, variant),
            "praise",
            tone="happy",
            note="praise: the Bastion U, the day before the crisis",
        )


def questions(w: World) -> None:
    rng = w.rng
    for channel, count in QUESTION_PLAN.items():
        for _ in range(count):
            variant = pick_variant(w, VARIANTS)
            if channel in ("forum", "reddit") and variant in ("es", "de"):
                variant = "en"
            text = w.compose(
                variant, (M.QUESTION_OPEN, 0.4 if variant in ("fr", "qc", "en") else 0), M.QUESTION
            )
            t = w.story_t(DAYS, variant)
            kw: dict = {}
            if channel == "forum":
                kw = _forum_kw(
                    w, variant, "Question Vélonova" if variant != "en" else "Velonova question"
                )
            elif channel == "reddit":
                kw["title"] = (
                    "Question about Velonova" if variant == "en" else "Question sur Vélonova"
                )
            elif channel in ("email", "form"):
                text, kw = _private(w, channel, variant, text, "Question")
            node = emit(w, channel, variant, text, t, "question", note="question", **kw)
            if (
                channel in ("facebook", "mastodon", "bluesky", "youtube", "reddit")
                and rng.random() < 0.3
            ):
                kind = "answer"
                if re.search(r"ouvert|horaire|\bopen\b|hours", text, re.IGNORECASE):
                    kind = "answer-hours"
                elif re.search(r"clé|\bkey\b", text, re.IGNORECASE):
                    kind = "answer-key"
                reply = brand_reply(
                    w, node, kind if rng.random() < 0.75 else "hollow", mean_minutes=200
                )
                if reply is not None and rng.random() < 0.3:
                    follow_up(w, reply, node)


def spam(w: World) -> None:
    rng = w.rng
    targets = [
        n for n in w.nodes if n.parent is None and n.channel in ("blog", "youtube", "facebook")
    ]
    for channel, count in SPAM_PLAN.items():
        for i in range(count):
            variant = rng.choice(["fr", "en", "en"]) if i % 9 else "es"
            text = w.fill(w.pick(M.SPAM, variant), variant)
            base = rng.choice(M.SPAM_HANDLES)
            source = {
                "email": "mail_fr",
                "form": "form",
                "forum": "f_velotaf",
                "blog": "pedale",
                "reddit": "r_bicycling",
            }.get(channel, "")
            fields = people.account(
                rng, channel, source or channel, variant, base, base.replace("_", " ").title()
            )
            author = w.register(channel, source or channel, **fields)
            kw: dict = {"author": author}
            parents = [n for n in targets if n.channel == channel]
            if channel in ("blog", "youtube") and parents:
                kw["parent"] = rng.choice(parents)
            elif channel == "forum":
                kw.update(_forum_kw(w, "fr", "Bon plan vélo !!!"))
                kw["source"] = "f_velotaf"
            elif channel == "reddit":
                kw["title"] = "Free e-bike giveaway!!!"
            elif channel in ("email", "form"):
                kw.update(
                    title="Offre exclusive 🎁" if variant == "fr" else "Exclusive offer 🎁",
                    noisy=False,
                )
                kw["source"] = source
            t = w.story_t(DAYS, variant, kw["parent"].t + 60 if "parent" in kw else 0)
            emit(w, channel, variant, text, t, "spam", note="spam", **kw)
    review = next(n for n in w.nodes if n.source == "pedale" and n.parent is None)
    hostile = w.register(
        "blog", "pedale", "top_antivols", name="Top Antivols", followers=None, profile_url=None
    )
    emit(
        w,
        "blog",
        "fr",
        M.HOSTILE_HTML,
        w.story_t(DAYS, "fr", review.t + HOUR),
        "spam",
        author=hostile,
        parent=review,
        noisy=False,
        html=True,
        note="spam: hostile HTML (script and onerror) to prove escaping",
    )


def neutral_news(w: World) -> None:
    spec = M.REVIEW_POST
    writer = w.register(
        "blog",
        spec["source"],
        "marion",
        name="Marion — Pédale Douce",
        followers=12_000,
        profile_url="https://pedale-douce.example/a-propos/",
    )
    writer.variant = "fr"
    review = emit(
        w,
        "blog",
        "fr",
        spec["text"],
        w.at(spec["day"], "fr", (spec["hour"], spec["hour"] + 1)),
        "praise",
        source="pedale",
        author=writer,
        noisy=False,
        title=spec["title"],
        html=True,
        external_id="post-2210",
        url=spec["url"],
        boost=2.0,
        note="praise: a long-term review",
    )

    def comment(t: int, parent: Node, index: int) -> Node:
        variant = "fr"
        return emit(
            w,
            "blog",
            variant,
            w.compose(variant, M.PRAISE),
            t,
            "praise",
            parent=parent,
            tone="happy",
            note="praise: comment on a review",
        )

    grow_thread(w, review, 6, DAYS, comment, nest=0.1)
    for spec in M.NEWS_ARTICLES:
        news(w, spec, "news")
    for _ in range(22):
        variant = pick_variant(w, {"fr": 0.55, "qc": 0.1, "en": 0.35})
        channel = w.rng.choice(["mastodon", "bluesky", "facebook", "reddit"])
        kw = (
            {"title": "Vélonova dans l'actu" if variant != "en" else "Velonova in the news"}
            if channel == "reddit"
            else {}
        )
        emit(
            w,
            channel,
            variant,
            w.pick(M.NEWS_SHARE, variant),
            w.story_t(DAYS, variant),
            "news",
            tone="neutral",
            note="news: shares neutral news",
            **kw,
        )


def noise(w: World) -> None:
    """Replies too short or too noisy to tell the language of."""
    rng = w.rng
    threads = [
        n
        for n in w.nodes
        if n.channel in ("facebook", "youtube", "reddit", "mastodon", "bluesky")
        and not n.is_brand
        and n.t < 7 * DAY - 2 * HOUR
    ]
    for _ in range(46):
        parent = rng.choice(threads)
        t = w.after(parent.t, 120)
        if t is None:
            continue
        emit(
            w,
            parent.channel,
            None,
            rng.choice(M.NOISE),
            t,
            parent.story,
            parent=parent,
            noisy=False,
            note="noise: too short to tell",
        )
