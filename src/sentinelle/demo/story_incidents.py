"""Two smaller incidents: the filmed delivery fiasco (Friday to Sunday) and overheating
e-bike batteries (a handful of safety posts all week)."""

from __future__ import annotations

import re

from sentinelle.demo import people
from sentinelle.demo import texts_incidents as I
from sentinelle.demo.base import emit, grow_thread, news, pick_variant
from sentinelle.demo.engine import DAY, HOUR, Node, World
from sentinelle.demo.story_brand import brand_reply, follow_up

WEIGHTS = [0, 0, 0, 0, 0.12, 0.55, 0.33]
VIDEO_T = 4 * DAY + 23 * HOUR  # Friday 18:00 in Laval
VARIANTS = {"qc": 0.4, "fr": 0.15, "en": 0.45}
OWNER = ("c12", "Maxime Lavoie", "maxime.lavoie@videotron.example", "VN-528841")


def react(w: World, channel: str, variant: str, t: int, **kw) -> Node:
    rng = w.rng
    roll = rng.random()
    if roll < 0.15:
        text, complaint, tone = w.pick(I.DELIVERY_SHARE, variant), True, "joke"
    else:
        text = w.pick(I.DELIVERY_REACT, variant)
        complaint = "faute de" not in text and "fault" not in text
        tone = "angry" if complaint else "neutral"
    text = w.fill(text, variant)
    return emit(
        w,
        channel,
        variant,
        text,
        t,
        "delivery-video",
        tone=tone,
        complaint=complaint,
        severity=2 if complaint else 0,
        note="delivery video: reaction",
        **kw,
    )


def maker(w: World, channel: str, variant: str):
    def make(t: int, parent: Node, index: int) -> Node:
        v = variant if w.rng.random() < 0.85 else pick_variant(w, VARIANTS)
        return react(w, channel, v, t, parent=parent)

    return make


def build_delivery(w: World) -> None:
    rng = w.rng
    cid, name, email, order = OWNER
    owner_mail = w.register(
        "email", "mail_qc", email, name=name, followers=None, profile_url=None, email=email
    )
    owner_mail.variant = "qc"
    emit(
        w,
        "email",
        "qc",
        f"Bonjour,\n\nMa commande {order} (Nova E-City 700) a été "
        "livrée hier. Ma caméra de porte montre le livreur qui lance la boîte par-dessus ma "
        "clôture. Le cadre est tordu et l'écran est fissuré.\n\nJe veux un vélo neuf, pas une "
        "réclamation chez le transporteur.\n\nMaxime Lavoie\nLaval",
        w.at(4, "qc", (8.5, 10)),
        "delivery-video",
        source="mail_qc",
        author=owner_mail,
        noisy=False,
        title=f"Vélo livré endommagé – commande {order}",
        complaint=True,
        severity=3,
        customer=cid,
        note="delivery video: the owner writes to customer care first",
    )
    for spec in I.DELIVERY_POSTS:
        variant = spec["variant"]
        t = VIDEO_T + 2 * HOUR if spec["source"] == "r_montreal" else w.at(5, "en", (8, 11))
        if spec["source"] == "r_montreal":
            fields = people.account(
                rng, "reddit", spec["source"], "qc", "maxlavoie_laval", "", audience=300
            )
            author = w.register("reddit", spec["source"], **fields)
            author.variant = "qc"
            extra = {"customer": cid}
        else:
            author, extra = None, {}
        root = emit(
            w,
            "reddit",
            variant,
            spec["text"],
            t,
            "delivery-video",
            source=spec["source"],
            author=author,
            noisy=False,
            title=spec["title"],
            complaint=True,
            severity=3,
            boost=4.0,
            note="delivery video: the post that spreads it",
            **extra,
        )
        grow_thread(w, root, spec["comments"], WEIGHTS, maker(w, "reddit", variant), nest=0.4)
        if spec["source"] == "r_montreal":
            bad = brand_reply(w, root, "legalese", mean_minutes=200)
            if bad is not None:
                follow_up(w, bad, root, mean_minutes=20)
                good = brand_reply(w, bad, "good", mean_minutes=360, agent="Sophie")
                if good is not None:
                    follow_up(w, good, root)
    video = {"video": I.DELIVERY_URL.rsplit("=", 1)[1]}
    for _ in range(32):
        variant = pick_variant(w, VARIANTS)
        root = react(
            w,
            "youtube",
            variant,
            w.story_t(WEIGHTS, variant, VIDEO_T + 600),
            source="yt_search",
            meta=dict(video),
        )
        if rng.random() < 0.2:
            grow_thread(w, root, 1, WEIGHTS, maker(w, "youtube", variant))
    for channel, count in (("bluesky", 16), ("mastodon", 8), ("facebook", 9)):
        for _ in range(count):
            variant = pick_variant(w, VARIANTS)
            root = react(w, channel, variant, w.story_t(WEIGHTS, variant, VIDEO_T + 1800))
            if rng.random() < 0.3:
                grow_thread(
                    w, root, rng.randint(1, 3), WEIGHTS, maker(w, channel, variant), nest=0.2
                )
    for spec in I.DELIVERY_NEWS:
        news(w, spec, "delivery-video", complaint=True, severity=2)


def build_battery(w: World) -> None:
    rng = w.rng
    plan = (
        ["facebook"] * 5
        + ["forum"] * 3
        + ["reddit"] * 2
        + ["email"] * 4
        + ["form"] * 3
        + ["mastodon", "mastodon", "bluesky", "bluesky", "youtube"]
    )
    for i, channel in enumerate(plan):
        variant = pick_variant(w, {"fr": 0.5, "qc": 0.2, "en": 0.3})
        t = w.at(rng.randint(0, 6), variant)
        question = i % 4 == 3
        text = w.fill(w.pick(I.BATTERY_ASK if question else I.BATTERY, variant), variant)
        fire = re.search(r"fum|feu|brûl|boucan|smok|fire|burn", text, re.IGNORECASE)
        kwargs: dict = {}
        if channel in ("email", "form"):
            kwargs["title"] = w.fill(w.pick(I.BATTERY_SUBJECT, variant), variant)
            hello = "Hello," if variant == "en" else "Bonjour,"
            text = f"{hello}\n\n{text}\n\n{'Order' if variant == 'en' else 'Commande'} {w.order()}"
        elif channel == "forum":
            source = rng.choice(["f_velotaf", "f_veloqc"] if variant != "en" else ["f_biketalk"])
            title = "Batterie qui chauffe / fume ?" if variant != "en" else "Battery overheating?"
            from sentinelle.demo.sources import forum_thread_url

            kwargs.update(
                source=source,
                title=title,
                meta={"thread_url": forum_thread_url(source, rng.randint(40_000, 99_999), title)},
            )
        elif channel == "reddit":
            kwargs["title"] = (
                "Velonova battery smoking while charging"
                if variant == "en"
                else "Batterie Vélonova qui fume en charge"
            )
        node = emit(
            w,
            channel,
            variant,
            text,
            t,
            "battery",
            noisy=channel not in ("email", "form"),
            tone="alarm",
            complaint=not question,
            severity=4 if fire else 3,
            note="battery: safety question" if question else "battery: safety incident",
            **kwargs,
        )
        if not question and channel in ("facebook", "reddit", "mastodon", "bluesky"):
            reply = brand_reply(
                w, node, "good" if rng.random() < 0.7 else "hollow", mean_minutes=90
            )
            if reply is not None and rng.random() < 0.6:
                follow_up(w, reply, node)
