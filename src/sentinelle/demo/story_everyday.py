"""Everyday complaints, the largest share of the week: late deliveries, wrong sizes, missing
parts, double charges, an app outage on Wednesday, rude staff, refused warranties, prices,
an unreachable customer service, repairs, refunds."""

from __future__ import annotations

import re

from sentinelle.demo import texts_everyday_en as EN
from sentinelle.demo import texts_everyday_fr as FR
from sentinelle.demo.base import emit, grow_thread, pick_variant
from sentinelle.demo.engine import Node, World
from sentinelle.demo.sources import forum_thread_url
from sentinelle.demo.story_brand import brand_reply, follow_up
from sentinelle.demo.texts_common import CLOSE, THREAT

STORY = "everyday"
DAYS = [1, 1.05, 1, 1, 1, 0.8, 0.7]
VARIANTS = {"fr": 0.46, "qc": 0.13, "en": 0.37, "es": 0.02, "de": 0.02}
TOPIC_WEIGHTS = {
    "late-delivery": 5,
    "wrong-size": 2,
    "missing-parts": 3,
    "double-charge": 2,
    "app-outage": 2,
    "rude-staff": 2,
    "warranty-refused": 3,
    "price-increase": 1.5,
    "unreachable": 3,
    "repair-delay": 2,
    "return-refund": 2,
}
SEVERITY = {1: 0.2, 2: 0.4, 3: 0.28, 4: 0.12}
PLAN = {
    "facebook": 106,
    "mastodon": 58,
    "bluesky": 54,
    "reddit": 14,
    "forum": 18,
    "youtube": 40,
    "email": 90,
    "form": 65,
    "blog": 12,
}
OPEN_BY_SEVERITY = {1: "mild", 2: "plain", 3: "angry", 4: "angry"}


def _merge() -> dict[str, dict[str, dict[str, list[str]]]]:
    """TOPICS[topic][part] = {"fr": [...], "qc": [...], "en": [...]}."""
    topics: dict[str, dict[str, dict[str, list[str]]]] = {}
    for topic, parts in FR.FR.items():
        topics[topic] = {}
        for part, items in parts.items():
            bank = {"fr": items, "en": EN.EN[topic][part]}
            if part in FR.QC.get(topic, {}):
                bank["qc"] = FR.QC[topic][part]
            topics[topic][part] = bank
    return topics


TOPICS = _merge()
OPENERS = {
    kind: {"fr": FR.OPEN[kind], "qc": FR.OPEN_QC.get(kind, []), "en": EN.OPEN[kind]}
    for kind in FR.OPEN
}
ASKS = {"fr": FR.EMAIL_ASK, "en": EN.EMAIL_ASK}
SIGNS = {"fr": FR.EMAIL_SIGN, "en": EN.EMAIL_SIGN}
FOREIGN = EN.FOREIGN
ME_TOO = {"fr": FR.ME_TOO, "qc": FR.ME_TOO_QC, "en": EN.ME_TOO}


def complaint_text(
    w: World, variant: str, topic: str, severity: int, formal: bool = False
) -> tuple[str, str, int]:
    """(text, tone, severity) of one complaint; sarcastic or implicit now and then."""
    if variant in ("es", "de"):
        return w.fill(w.pick(FOREIGN, variant), variant), "angry", 2
    bank = TOPICS[topic]
    style = w.rng.random()
    if not formal and style < 0.12:
        return w.compose(variant, bank["sarcasm"], (bank["detail"], 0.3)), "joke", max(severity, 2)
    if not formal and style < 0.25:
        return w.compose(variant, bank["implicit"]), "sad", min(severity, 2)
    parts = [
        (OPENERS[OPEN_BY_SEVERITY[severity]], 0.1 if formal else 0.5),
        bank["body"],
        (bank["detail"], 0.7 if formal else 0.5),
        (CLOSE[min(severity, 3)], 0.2 if formal else 0.6),
    ]
    if severity == 4:
        parts.append(THREAT)
    tone = {1: "sad", 2: "sad", 3: "angry", 4: "angry"}[severity]
    return w.compose(variant, *parts), tone, severity


def one(w: World, channel: str, variant: str, t: int, topic: str | None = None, **kw) -> Node:
    rng = w.rng
    topic = topic or rng.choices(list(TOPIC_WEIGHTS), weights=list(TOPIC_WEIGHTS.values()))[0]
    severity = rng.choices(list(SEVERITY), weights=list(SEVERITY.values()))[0]
    formal = channel in ("email", "form")
    text, tone, severity = complaint_text(w, variant, topic, severity, formal)
    note = f"everyday: {topic}"
    if not formal:
        return emit(
            w,
            channel,
            variant,
            text,
            t,
            STORY,
            tone=tone,
            complaint=True,
            severity=severity,
            note=note,
            **kw,
        )
    lang = variant if variant in ("en", "es", "de") else "fr"
    base = "fr" if lang in ("es", "de") else lang
    subject = w.fill(w.pick(TOPICS[topic]["subject"], base), base)
    if lang in ("es", "de"):
        subject = {"es": "Reclamación", "de": "Beschwerde"}[
            lang
        ] + f" – {subject.split('–')[-1].strip()}"
    author = w.person(
        channel,
        "form" if channel == "form" else ("mail_qc" if variant in ("qc", "en") else "mail_fr"),
        variant,
    )
    order = ""
    if "VN-" not in text and rng.random() < 0.6:
        order = f"\n{'Order:' if lang == 'en' else 'Commande :'} {w.order()}"
    if channel == "email":
        hello = {"en": "Hello,", "es": "Hola,", "de": "Guten Tag,"}.get(lang, "Bonjour,")
        ask = w.pick(ASKS, base) if lang in ("fr", "en") else ""
        sign = {"es": "Saludos,", "de": "Grüße,"}.get(lang) or w.pick(SIGNS, base)
        body = f"{hello}\n\n{text}\n\n{ask}\n\n{sign}\n{author.name}{order}".replace(
            "\n\n\n\n", "\n\n"
        )
        html = rng.random() < 0.2
        if html:
            body = (
                "<div>"
                + body.replace("\n\n", "</div><div><br></div><div>").replace("\n", "<br>")
                + "</div>"
            )
        return emit(
            w,
            "email",
            variant,
            body,
            t,
            STORY,
            author=author,
            noisy=False,
            title=subject,
            html=html,
            complaint=True,
            severity=severity,
            note=note,
        )
    body = f"{text}{order}"
    return emit(
        w,
        "form",
        variant,
        body,
        t,
        STORY,
        author=author,
        source="form",
        noisy=False,
        title=subject,
        complaint=True,
        severity=severity,
        note=note,
    )


def build(w: World) -> None:
    rng = w.rng
    for channel, count in PLAN.items():
        for _ in range(count):
            variant = pick_variant(w, VARIANTS)
            if channel in ("forum", "blog", "reddit") and variant in ("es", "de"):
                variant = "fr"
            t = w.story_t(DAYS, variant)
            if channel in ("forum", "reddit"):
                thread(w, channel, variant, t)
                continue
            if channel == "blog":
                parent = rng.choice(
                    [n for n in w.nodes if n.channel == "blog" and n.parent is None]
                )
                one(w, "blog", variant, max(t, parent.t + 600), parent=parent)
                continue
            node = one(w, channel, variant, t)
            if channel in ("facebook", "reddit", "youtube") and rng.random() < 0.15:
                grow_thread(w, node, rng.randint(1, 3), DAYS, chorus(w, channel, variant), nest=0.2)
    outage(w)
    answer(w)


def thread(w: World, channel: str, variant: str, t: int) -> Node:
    """A forum thread or a reddit post about one everyday trouble, with a few replies."""
    topic = w.rng.choices(list(TOPIC_WEIGHTS), weights=list(TOPIC_WEIGHTS.values()))[0]
    lang = "en" if variant == "en" else "fr"
    subject = w.fill(w.pick(TOPICS[topic]["subject"], lang), lang)
    subject = re.sub(r"\s*[-–]?\s*(commande|order)?\s*VN-\d{6}", "", subject, flags=re.IGNORECASE)
    subject = subject[:1].lower() + subject[1:]
    title = f"Velonova: {subject}" if lang == "en" else f"Vélonova : {subject}"
    kw: dict = {"title": title}
    if channel == "forum":
        source = {"en": "f_biketalk", "qc": "f_veloqc"}.get(variant, "f_velotaf")
        kw.update(
            source=source,
            meta={"thread_url": forum_thread_url(source, w.rng.randint(40_000, 99_999), title)},
        )
    root = one(w, channel, variant, t, topic=topic, **kw)
    grow_thread(
        w,
        root,
        w.rng.randint(1, 5),
        DAYS,
        chorus(w, channel, variant),
        nest=0.3 if channel == "reddit" else 0.1,
    )
    return root


def chorus(w: World, channel: str, variant: str):
    """Replies from other people: me too, or their own version of the same trouble."""

    def make(t: int, parent: Node, index: int) -> Node:
        v = variant if variant in ("fr", "qc", "en") else "fr"
        if w.rng.random() < 0.45:
            return emit(
                w,
                channel,
                v,
                w.pick(ME_TOO, v),
                t,
                STORY,
                parent=parent,
                tone="sad",
                complaint=True,
                severity=2,
                note="everyday: me too",
            )
        return one(w, channel, v, t, parent=parent)

    return make


def outage(w: World) -> None:
    """Wednesday around noon in Paris: the app goes down for a few hours."""
    for _ in range(36):
        variant = pick_variant(w, {"fr": 0.7, "qc": 0.05, "en": 0.25})
        local = w.rng.uniform(10.5, 14.5) if variant == "fr" else w.rng.uniform(5.5, 8.5)
        t = w.at(2, variant, (local, local))
        channel = w.rng.choice(["mastodon", "bluesky", "facebook", "facebook", "form", "email"])
        one(w, channel, variant, t, topic="app-outage")


def answer(w: World) -> None:
    """The brand answers some everyday complaints: well, or badly."""
    public = [
        n
        for n in w.nodes
        if n.story == STORY
        and n.parent is None
        and n.channel in ("facebook", "mastodon", "bluesky", "reddit", "youtube", "forum")
    ]
    kinds = {"good": 0.45, "hollow": 0.3, "legalese": 0.14, "delete": 0.11}
    for node in w.rng.sample(public, min(48, len(public))):
        kind = w.rng.choices(list(kinds), weights=list(kinds.values()))[0]
        reply = brand_reply(w, node, kind, mean_minutes=w.rng.choice([45, 180, 600]))
        if reply is not None and w.rng.random() < 0.55:
            follow_up(w, reply, node)
