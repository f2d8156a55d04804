"""The pen lock on social media: posts, influencers and champions, the Facebook page (legalese
on Tuesday, the statement on Thursday), YouTube comments under the video, owners writing to
the brand, and the brand's answers."""

from __future__ import annotations

from sentinelle.demo import texts_lock_long as LL
from sentinelle.demo.base import (
    CHAMPIONS,
    INFLUENCERS,
    brand_author,
    emit,
    grow_thread,
    pick_variant,
    special,
)
from sentinelle.demo.engine import DAY, HOUR, World
from sentinelle.demo.story_brand import brand_reply, follow_up
from sentinelle.demo.story_lock import (
    BLOG_T,
    STATEMENT_T,
    STORY,
    SUBJECT,
    VARIANTS,
    WEIGHTS,
    lock_text,
    post,
    replier,
)
from sentinelle.demo.texts_common import LOCK_VIDEO


def build(w: World) -> None:
    rng = w.rng
    # -- social media posts, influencers and champions
    for key, kind, day in (("cyclotrip", "share", 1), ("velomtl", "share", 2), ("twn", "share", 2)):
        author = special(w, INFLUENCERS[key])
        t = w.story_t([0] * day + [1] + [0] * (6 - day), author.variant, BLOG_T + HOUR)
        root = post(w, author.key[0], author.variant, t, kind, author=author, boost=6.0)
        grow_thread(
            w, root, rng.randint(3, 7), WEIGHTS, replier(w, root.channel, author.variant), nest=0.3
        )
    for channel in ("mastodon", "bluesky"):
        for _ in range(30):
            variant = pick_variant(w, VARIANTS)
            root = post(w, channel, variant, w.story_t(WEIGHTS, variant, BLOG_T + 1800))
            if rng.random() < 0.25:
                grow_thread(
                    w, root, rng.randint(1, 3), WEIGHTS, replier(w, channel, variant), nest=0.3
                )
    quotes(w)
    for key in ("lucie", "mei"):
        author = special(w, CHAMPIONS[key])
        for _ in range(5):
            t = w.story_t(WEIGHTS, author.variant, BLOG_T + 3600)
            post(
                w, author.key[0], author.variant, t, rng.choice(["defend", "advice"]), author=author
            )
    # -- Facebook: a wall post answered with legalese on Tuesday evening, then the statement
    wall = post(w, "facebook", "fr", BLOG_T + 3 * HOUR, "angry", source="fb_fr")
    reply = emit(
        w,
        "facebook",
        "fr",
        w.pick(_LEGAL_LOCK, "fr"),
        BLOG_T + 4 * HOUR + 600,
        "brand-reply",
        author=brand_author(w, "facebook", "fb_fr"),
        noisy=False,
        parent=wall,
        is_brand=True,
        note="bad: legalese, quotes the terms of sale",
    )
    follow_up(w, reply, wall, mean_minutes=30)
    grow_thread(w, reply, 9, WEIGHTS, replier(w, "facebook", "fr"), nest=0.2)
    for _ in range(16):
        variant = pick_variant(w, {"fr": 0.5, "qc": 0.2, "en": 0.3})
        root = post(w, "facebook", variant, w.story_t(WEIGHTS, variant, BLOG_T + 3600))
        if rng.random() < 0.4:
            grow_thread(
                w, root, rng.randint(1, 4), WEIGHTS, replier(w, "facebook", variant), nest=0.2
            )
    statements(w)
    # -- YouTube comments under the video
    video = {"video": LOCK_VIDEO}
    carnet_yt = special(w, INFLUENCERS["carnet_yt"])
    for i in range(44):
        variant = pick_variant(w, VARIANTS)
        kind = "video" if rng.random() < 0.18 else None
        root = post(
            w,
            "youtube",
            variant,
            w.story_t(WEIGHTS, variant, BLOG_T + 600),
            kind,
            source="yt_search",
            meta=dict(video),
        )
        if i % 5 == 0:
            t = w.after(root.t, 180)
            if t is not None:
                text = (
                    "Merci ! Oui, on a écrit à Vélonova avant de publier."
                    if root.lang == "fr"
                    else "Thanks! We did contact Velonova before publishing."
                )
                emit(
                    w,
                    "youtube",
                    "fr" if root.lang == "fr" else "en",
                    text,
                    t,
                    STORY,
                    author=carnet_yt,
                    parent=root,
                    noisy=False,
                    note="pen-lock: the blogger answers",
                )
        elif rng.random() < 0.15:
            grow_thread(
                w, root, rng.randint(1, 2), WEIGHTS, replier(w, "youtube", variant), nest=0.0
            )
    # -- private channels: owners write to the brand
    for channel in ("email", "form"):
        for _ in range(10):
            variant = pick_variant(w, {"fr": 0.55, "qc": 0.15, "en": 0.3})
            kind = rng.choice(["angry", "threat", "ask", "ask"])
            text, complaint, severity, _, kind = lock_text(w, variant, kind, 0)
            body = f"{w.pick(_HELLO, variant)}\n\n{text}\n\n{w.pick(_BYE, variant)}"
            t = w.story_t(WEIGHTS, variant, BLOG_T + 3 * HOUR)
            node = emit(
                w,
                channel,
                variant,
                body,
                t,
                STORY,
                noisy=False,
                complaint=complaint,
                severity=severity,
                title=w.fill(w.pick(SUBJECT, variant), variant),
                note=f"pen-lock: {kind}",
            )
            node.text = node.text.rstrip() + f"\n{node.author.name}"
    answer_lock(w)


def statements(w: World) -> None:
    """The brand's public statement and free exchange, posted on its own pages."""
    for source, channel, variant, t in (
        ("fb_fr", "facebook", "fr", STATEMENT_T),
        ("fb_qc", "facebook", "qc", 4 * DAY + 14 * HOUR),
        ("m_search", "mastodon", "fr", STATEMENT_T + 600),
        ("b_search", "bluesky", "en", 4 * DAY + 14 * HOUR + 900),
    ):
        text = LL.BRAND_STATEMENT[variant]
        root = emit(
            w,
            channel,
            variant,
            LL.BRAND_STATEMENT["short"] if channel == "bluesky" else text,
            t,
            STORY,
            source=source,
            author=brand_author(w, channel, source),
            noisy=False,
            is_brand=True,
            note="pen-lock: the brand's statement and free exchange",
            boost=8.0,
        )
        count = {"facebook": 16, "mastodon": 7, "bluesky": 7}[channel]
        grow_thread(w, root, count, WEIGHTS, replier(w, channel, variant), nest=0.25)


def answer_lock(w: World) -> None:
    """From Thursday evening, named agents answer owners one by one; a few bad replies before."""
    mine = [
        n
        for n in w.nodes
        if n.story == STORY
        and n.complaint
        and not n.is_brand
        and n.channel in ("facebook", "mastodon", "bluesky", "reddit", "youtube")
    ]
    early = [n for n in mine if 2 * DAY + 6 * HOUR < n.t < STATEMENT_T - 6 * HOUR]
    late = [n for n in mine if n.t > STATEMENT_T]
    for node, kind in zip(
        w.rng.sample(early, min(6, len(early))),
        ["hollow", "hollow", "delete", "hollow", "legalese", "hollow"],
        strict=False,
    ):
        reply = brand_reply(w, node, kind, mean_minutes=240)
        if reply is not None and w.rng.random() < 0.8:
            follow_up(w, reply, node)
    for node in w.rng.sample(late, min(16, len(late))):
        reply = brand_reply(w, node, "good-lock", mean_minutes=150)
        if reply is not None and w.rng.random() < 0.5:
            follow_up(w, reply, node)


_LEGAL_LOCK = {
    "fr": [
        "Bonjour, nos antivols sont conformes aux normes en vigueur. Conformément à l'article "
        "4.2 de nos conditions générales de vente, les accessoires de sécurité sont garantis "
        "contre les défauts de fabrication et non contre les tentatives d'effraction."
    ]
}
_HELLO = {"fr": ["Bonjour,", "Madame, Monsieur,"], "qc": ["Bonjour,"], "en": ["Hello,", "Hi,"]}
_BYE = {
    "fr": ["Cordialement,", "Dans l'attente de votre réponse,"],
    "qc": ["Merci,"],
    "en": ["Regards,", "Waiting for your answer,"],
}


QUOTE = {
    "fr": [
        "Ça.",
        "Exactement ce que je disais hier.",
        "À lire 👇",
        "Tellement vrai :",
        "Je partage :",
        "Je relaie :",
        "Résumé parfait de la situation :",
    ],
    "en": [
        "This.",
        "Exactly what I said yesterday.",
        "Read this 👇",
        "So true:",
        "Sharing:",
        "Boosting for visibility:",
        "Perfect summary:",
    ],
}


def quotes(w: World) -> None:
    """Quote posts: someone repeats an earlier post with a word of their own."""
    quoted = [
        n
        for n in w.nodes
        if n.story == STORY and n.parent is None and n.channel in ("mastodon", "bluesky")
    ]
    for node in w.rng.sample(quoted, min(14, len(quoted))):
        t = w.after(node.t, 240)
        if t is None or node.variant not in ("fr", "qc", "en"):
            continue
        body = node.text if len(node.text) < 160 else node.text[:150].rsplit(" ", 1)[0] + "…"
        opening = w.pick(QUOTE, node.variant)
        text = f"{opening} « {body} »" if node.lang == "fr" else f'{opening} "{body}"'
        kw = {"complaint": node.complaint, "severity": node.severity, "boost": 0.6}
        emit(w, node.channel, node.variant, text, t, STORY, note="pen-lock: quote post", **kw)
