"""The crisis: the Bastion U opened with a pen. Quiet on Monday, a blog post on Tuesday
afternoon, forums and social media on Wednesday, news sites on Thursday, the brand's free
exchange on Thursday evening, a long tail to Sunday."""

from __future__ import annotations

from sentinelle.demo import texts_lock as L
from sentinelle.demo import texts_lock_long as LL
from sentinelle.demo.base import (
    CHAMPIONS,
    brand_author,
    emit,
    grow_thread,
    news,
    pick_variant,
    special,
)
from sentinelle.demo.engine import DAY, HOUR, Node, World
from sentinelle.demo.sources import SOURCES, forum_thread_url
from sentinelle.demo.story_brand import brand_reply, follow_up
from sentinelle.demo.texts_brand import DELETE_BLOG
from sentinelle.demo.texts_common import THREAT

STORY = "pen-lock"
WEIGHTS = [0, 0.05, 0.26, 0.38, 0.16, 0.09, 0.06]
BLOG_T = 1 * DAY + 15 * HOUR + 40 * 60  # Tuesday 15:40 UTC, 16:40 in Paris
STATEMENT_T = 3 * DAY + 16 * HOUR + 30 * 60  # Thursday 17:30 in Paris
VARIANTS = {"fr": 0.44, "qc": 0.12, "en": 0.42, "es": 0.01, "de": 0.01}

# kind: (parts, complaint, severity, tone)
KINDS = {
    "angry": ([(L.OPEN, 0.45), L.ANGRY, (L.DEMAND, 0.45), (L.CLOSE, 0.35)], True, 3, "angry"),
    "threat": ([(L.OPEN, 0.3), (L.ANGRY, 0.6), (L.DEMAND, 0.5), THREAT], True, 4, "angry"),
    "tried": ([(L.OPEN, 0.3), L.TRIED, (L.CLOSE, 0.3)], True, 2, "sad"),
    "joke": ([L.JOKE], True, 1, "joke"),
    "share": ([L.SHARE], True, 2, "alarm"),
    "defend": ([L.DEFEND], False, 0, "happy"),
    "advice": ([L.ADVICE, (L.ADVICE, 0.3)], False, 0, "neutral"),
    "ask": ([(L.OPEN, 0.25), L.ASK], True, 2, "neutral"),
    "agree": ([L.AGREE], True, 2, "sad"),
    "chat": ([L.CHAT], False, 0, "neutral"),
    "legalese": ([L.AFTER_LEGALESE, (L.CLOSE, 0.3)], True, 3, "angry"),
    "ex-ok": ([L.EXCHANGE_OK], False, 0, "happy"),
    "ex-ko": ([L.EXCHANGE_KO], True, 2, "sad"),
    "video": ([L.VIDEO_COMMENT], False, 0, "neutral"),
}
_EARLY = {
    "angry": 3,
    "tried": 3,
    "share": 4,
    "joke": 2,
    "agree": 2,
    "chat": 2,
    "ask": 1,
    "advice": 1,
    "defend": 1,
}
_MID = {
    "angry": 4,
    "threat": 1.5,
    "tried": 2,
    "share": 2,
    "joke": 3,
    "agree": 2,
    "chat": 1.5,
    "ask": 2,
    "advice": 1.5,
    "defend": 2,
    "legalese": 2,
}
_PEAK = dict(_MID, threat=2.5, tried=1, ask=2.5, legalese=1.5)
_LATE = {
    "angry": 1.5,
    "threat": 0.8,
    "joke": 1.5,
    "ask": 3,
    "ex-ok": 3,
    "ex-ko": 2.5,
    "defend": 1.5,
    "agree": 1,
    "chat": 1,
}
PHASES = [_EARLY, _EARLY, _MID, _PEAK, _LATE, _LATE, _LATE]
SUBJECT = {
    "fr": [
        "Antivol Bastion U – demande d'échange",
        "Bastion U : remboursement",
        "Réclamation antivol Bastion U",
        "Bastion U ouvert avec un stylo ??",
        "Demande de rappel produit Bastion U",
    ],
    "en": [
        "Bastion U lock - replacement request",
        "Refund request: Bastion U",
        "Bastion U lock defect",
        "Bastion U recall?",
    ],
}


def lock_text(w: World, variant: str, kind: str | None, t: int) -> tuple[str, bool, int, str, str]:
    """A text for this moment of the story: (text, complaint, severity, tone, kind)."""
    if variant in ("es", "de"):
        return w.fill(w.pick(L.FOREIGN, variant), variant), True, 2, "angry", "foreign"
    if kind is None:
        phase = PHASES[min(t // DAY, 6)]
        if t < STATEMENT_T:
            phase = {k: v for k, v in phase.items() if not k.startswith("ex-")}
        kind = w.rng.choices(list(phase), weights=list(phase.values()))[0]
    parts, complaint, severity, tone = KINDS[kind]
    return w.compose(variant, *parts), complaint, severity, tone, kind


def post(w: World, channel: str, variant: str, t: int, kind: str | None = None, **kw) -> Node:
    text, complaint, severity, tone, kind = lock_text(w, variant, kind, t)
    boost = 1.0 + 2.0 * (t > 3 * DAY)
    return emit(
        w,
        channel,
        variant,
        text,
        t,
        STORY,
        tone=tone,
        complaint=complaint,
        severity=severity,
        note=f"pen-lock: {kind}",
        boost=kw.pop("boost", boost),
        **kw,
    )


def replier(w: World, channel: str, variant: str, champion: str | None = None, mix: float = 0.1):
    """A ``make`` function for grow_thread: mostly the thread's language, champions now and then."""

    def make(t: int, parent: Node, index: int) -> Node:
        v = variant if w.rng.random() > mix else pick_variant(w, VARIANTS)
        if champion and index % 6 == 3:
            author = special(w, CHAMPIONS[champion])
            kind = w.rng.choice(["defend", "defend", "advice"])
            return post(w, channel, author.variant or v, t, kind, parent=parent, author=author)
        return post(w, channel, v, t, parent=parent)

    return make


def blog(w: World, spec: dict, source: str, t: int, variant: str, author: tuple) -> Node:
    handle, name, audience = author
    writer = w.register(
        "blog",
        source,
        handle,
        name=name,
        followers=audience,
        profile_url=f"{SOURCES[source].base}/a-propos/",
    )
    writer.variant = variant
    return emit(
        w,
        "blog",
        variant,
        spec["text"],
        t,
        STORY,
        source=source,
        author=writer,
        noisy=False,
        title=spec["title"],
        html=True,
        complaint=True,
        severity=3,
        boost=4.0,
        external_id=f"post-{w.rng.randint(3000, 9000)}",
        url=spec["url"],
        note="pen-lock: the blog post that starts it" if spec is LL.BLOG_POST else "pen-lock: blog",
    )


def build(w: World) -> None:
    rng = w.rng
    # -- Tuesday: the blog post, its comments, and the brand's demand to take it down
    carnet = blog(
        w,
        LL.BLOG_POST,
        "carnet",
        BLOG_T,
        "fr",
        ("antoine", "Antoine — Le Carnet du Cycliste", 38_000),
    )
    grow_thread(w, carnet, 20, WEIGHTS, replier(w, "blog", "fr", mix=0.15), nest=0.15)
    demand = emit(
        w,
        "blog",
        "fr",
        DELETE_BLOG,
        BLOG_T + 17 * HOUR + 1200,
        "brand-reply",
        author=brand_author(w, "blog", "carnet"),
        noisy=False,
        parent=carnet,
        is_brand=True,
        note="bad: asks the blogger to delete the article, threatens to sue",
    )
    emit(
        w,
        "blog",
        "fr",
        "Nous maintenons l'article. La vidéo est factuelle, et nous vous avions "
        "écrit avant publication. Nous publierons volontiers votre réponse sur le fond.",
        demand.t + 2 * HOUR,
        STORY,
        author=carnet.author,
        noisy=False,
        parent=demand,
        note="pen-lock: the blogger refuses to take the article down",
    )
    for i, spec in enumerate(LL.FORUM_THREADS):
        variant = spec["variant"]
        t = BLOG_T + 50 * 60 if i == 0 else w.at(2, variant, (7.5, 21.5))
        thread_id = rng.randint(40_000, 99_999)
        root = post(
            w,
            "forum",
            variant,
            t,
            "share",
            source=spec["source"],
            title=spec["title"],
            meta={"thread_url": forum_thread_url(spec["source"], thread_id, spec["title"])},
        )
        root.text = spec["text"]
        replies = grow_thread(
            w,
            root,
            spec["replies"],
            WEIGHTS,
            replier(w, "forum", variant, spec["champion"]),
            nest=0.12,
        )
        first_reply = next((r for r in replies if r.t > 2 * DAY + 8 * HOUR), None)
        if i == 0 and first_reply is not None:
            reply = brand_reply(w, first_reply, "hollow", mean_minutes=60)
            if reply is not None:
                follow_up(w, reply, first_reply)
    # -- Wednesday and Thursday: Two Wheels North, the opinion piece, reddit
    twn = blog(
        w,
        LL.TWN_POST,
        "twn",
        2 * DAY + 14 * HOUR,
        "en",
        ("dana.w", "Dana — Two Wheels North", 21_000),
    )
    grow_thread(w, twn, 10, WEIGHTS, replier(w, "blog", "en"), nest=0.1)
    mag = blog(
        w,
        LL.MAG_POST,
        "velotafmag",
        3 * DAY + 7 * HOUR,
        "fr",
        ("claire.m", "Claire Mercier", 15_000),
    )
    mag.complaint, mag.severity = False, 0
    grow_thread(w, mag, 6, WEIGHTS, replier(w, "blog", "fr"), nest=0.1)
    for spec in LL.REDDIT_POSTS:
        variant = spec["variant"]
        root = post(
            w,
            "reddit",
            variant,
            w.at(spec["day"], variant, (8, 20)),
            "share",
            source=spec["source"],
            title=spec["title"],
        )
        root.text = spec["text"]
        champion = "sam" if spec["source"] == "r_bicycling" else None
        grow_thread(
            w, root, spec["comments"], WEIGHTS, replier(w, "reddit", variant, champion), nest=0.45
        )
        if spec["source"] == "r_bicycling":
            reply = brand_reply(w, root, "hollow", mean_minutes=300)
            if reply is not None:
                follow_up(w, reply, root)
    # -- news sites pick it up on Thursday, with growing audiences
    for spec in LL.NEWS:
        news(w, spec, STORY, complaint=True, severity=3)
    update = blog(w, LL.BLOG_UPDATE, "carnet", 4 * DAY + 15 * HOUR, "fr", ("antoine", "", 0))
    update.complaint, update.severity = False, 0
    grow_thread(w, update, 5, WEIGHTS, replier(w, "blog", "fr"), nest=0.1)
    thread_id = rng.randint(40_000, 99_999)
    spec = LL.EXCHANGE_THREAD
    root = post(
        w,
        "forum",
        "fr",
        STATEMENT_T + 3 * HOUR,
        "ex-ok",
        source=spec["source"],
        title=spec["title"],
        meta={"thread_url": forum_thread_url(spec["source"], thread_id, spec["title"])},
    )
    root.text = spec["text"]
    grow_thread(w, root, spec["replies"], WEIGHTS, replier(w, "forum", "fr", "hugof"), nest=0.1)
