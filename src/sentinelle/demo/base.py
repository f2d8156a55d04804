"""Helpers shared by the story builders: posting on a channel, threads, the brand's accounts,
champions and influencers."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

from sentinelle.demo import people
from sentinelle.demo.engine import Author, Node, World
from sentinelle.demo.noise import BRAND_AT
from sentinelle.demo.sources import SOURCES

#: how much social noise each channel gets (1 = the most)
LEVEL = {
    "mastodon": 1.0,
    "bluesky": 1.0,
    "facebook": 0.9,
    "youtube": 1.0,
    "reddit": 0.6,
    "forum": 0.5,
    "blog": 0.35,
    "email": 0.0,
    "form": 0.0,
    "news": 0.0,
}
LIMIT = {"bluesky": 300, "mastodon": 500}
OFFICIAL_VIDEOS = ["aB4dE6fG8hJ", "Lp0oKi9uJy7", "Zt5xWq2eRr1", "Mn8bVc4xZa3"]

_BRAND = {
    "facebook:fb_fr": (
        "velonova.france",
        "Vélonova",
        48_200,
        "https://www.facebook.com/velonova.france",
    ),
    "facebook:fb_qc": (
        "velonova.quebec",
        "Vélonova Québec",
        21_500,
        "https://www.facebook.com/velonova.quebec",
    ),
    "mastodon": (
        "velonova@mastodon.example",
        "Vélonova",
        3_100,
        "https://mastodon.example/@velonova",
    ),
    "bluesky": (
        "velonova.bsky.social",
        "Vélonova",
        5_400,
        "https://bsky.app/profile/velonova.bsky.social",
    ),
    "reddit": (
        "Velonova_Official",
        "Velonova_Official",
        340,
        "https://www.reddit.com/user/Velonova_Official/",
    ),
    "youtube": ("@Velonova", "Vélonova", 12_800, "https://www.youtube.com/@Velonova"),
    "forum": ("Velonova_Support", "Velonova_Support", None, None),
    "blog": ("equipe_velonova", "L'équipe Vélonova", None, None),
    "email": ("support@velonova.example", "Service client Vélonova", None, None),
}

# key: (channel, source, variant, handle base, display name, followers)
CHAMPIONS = {
    "hugof": ("forum", "f_velotaf", "fr", "hugof", "hugof", None),
    "lucie": ("mastodon", "m_search", "fr", "lucie_pedale", "Lucie 🚲", 2_400),
    "sam": ("reddit", "r_bicycling", "en", "sam_rides_mtl", "sam_rides_mtl", 850),
    "bernard": ("facebook", "fb_fr", "fr", "bernard.lemoine", "Bernard Lemoine", None),
    "mei": ("bluesky", "b_search", "en", "meirides", "Mei Chen 🚲", 8_900),
}
INFLUENCERS = {
    "cyclotrip": ("mastodon", "m_search", "fr", "cyclotrip", "CycloTrip 🚴", 54_000),
    "velomtl": ("bluesky", "b_search", "qc", "velomtl", "Vélo MTL", 62_000),
    "twn": ("bluesky", "b_search", "en", "twowheelsnorth", "Two Wheels North", 51_000),
    "carnet_yt": (
        "youtube",
        "yt_search",
        "fr",
        "CarnetDuCycliste",
        "Le Carnet du Cycliste",
        85_000,
    ),
}


def brand_author(w: World, channel: str, source: str) -> Author:
    handle, name, followers, profile = _BRAND.get(f"{channel}:{source}") or _BRAND[channel]
    extra: dict[str, Any] = {}
    if channel == "bluesky":
        extra["did"] = "did:plc:velonova7brand2demo3account4"
    if channel == "email":
        extra["email"] = handle
    if channel == "forum":
        profile = f"{SOURCES[source].base}/u/{handle}"
    return w.register(
        channel, source, handle, name=name, followers=followers, profile_url=profile, **extra
    )


def special(w: World, spec: tuple[Any, ...]) -> Author:
    """A named account (champion, influencer), the same every time it is asked for."""
    channel, source, variant, base, name, audience = spec
    fields = people.account(w.rng, channel, source, variant, base, name, audience=audience)
    if channel == "facebook":
        fields["followers"] = None
    author = w.register(channel, source, **fields)
    author.variant = variant
    return author


def fit(text: str, limit: int | None) -> str:
    """Shortens a text to a platform's limit, dropping whole sentences first."""
    if limit is None or len(text) <= limit:
        return text
    sentences = re.split(r"(?<=[.!?…])\s+", text)
    while len(" ".join(sentences)) > limit and len(sentences) > 1:
        candidates = [s for s in sentences if "http" not in s] or sentences
        sentences.remove(max(candidates, key=len))
    text = " ".join(sentences)
    if len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return text


def default_source(channel: str, variant: str | None, text: str) -> str:
    if channel in ("mastodon", "bluesky"):
        prefix = "m" if channel == "mastodon" else "b"
        return f"{prefix}_mentions" if BRAND_AT[channel] in text else f"{prefix}_search"
    if channel == "facebook":
        return "fb_qc" if variant in ("qc", "en") else "fb_fr"
    if channel == "email":
        return "mail_qc" if variant in ("qc", "en") else "mail_fr"
    if channel == "reddit":
        return {"fr": "r_velo", "qc": "r_montreal"}.get(variant or "", "r_bicycling")
    if channel == "youtube":
        return "yt_official"
    return channel


def emit(
    w: World,
    channel: str,
    variant: str | None,
    text: str,
    t: int,
    story: str,
    *,
    source: str | None = None,
    author: Author | None = None,
    tone: str = "neutral",
    noisy: bool = True,
    parent: Node | None = None,
    **kwargs: Any,
) -> Node:
    """Posts ``text`` on ``channel`` the way a person would, with the platform's habits."""
    if noisy and variant:
        text = w.social(text, variant, channel, tone, LEVEL[channel])
    text = fit(text, LIMIT.get(channel))
    if parent is not None:
        source = parent.source
    elif source is None:
        source = default_source(channel, variant, text)
    if author is None:
        author = w.person(channel, source, variant)
    if channel == "blog" and not kwargs.get("html"):
        text = "<p>" + html.escape(text, quote=False).replace("\n", "<br>") + "</p>"
        kwargs["html"] = True
    if channel == "youtube" and parent is None and "meta" not in kwargs:
        kwargs["meta"] = {"video": w.rng.choice(OFFICIAL_VIDEOS)}
    return w.add(channel, source, author, text, t, variant, story, parent=parent, **kwargs)


def grow_thread(
    w: World,
    root: Node,
    count: int,
    weights: list[float],
    make: Callable[[int, Node, int], Node | None],
    *,
    nest: float = 0.2,
    variant: str | None = None,
    gap_s: int = 240,
) -> list[Node]:
    """Adds ``count`` replies to a thread, spread over the story's days, some nested."""
    replies: list[Node] = []
    for index in range(count):
        t = w.story_t(weights, variant or root.author.variant, not_before=root.t + gap_s)
        earlier = [r for r in replies if r.t < t - 60 and r.channel == root.channel]
        parent = root
        if earlier and w.rng.random() < nest:
            parent = w.rng.choice(earlier)
        node = make(t, parent, index)
        if node is not None:
            replies.append(node)
    return replies


def pick_variant(w: World, weights: dict[str, float]) -> str:
    keys = list(weights)
    return w.rng.choices(keys, weights=[weights[k] for k in keys])[0]


def first_name(author: Author) -> str:
    """What an agent would call the author: a first name, or nothing for a pseudonym."""
    name = author.name.strip()
    if " " in name and name[:1].isupper() and not any(c.isdigit() for c in name):
        return name.split(" ")[0]
    return ""


def news(w: World, spec: dict, story: str, **kw) -> Node:
    variant = spec["variant"]
    src = spec["source"]
    outlet = SOURCES[src]
    domain = outlet.base.removeprefix("https://")
    audience = {"n_qv": 180_000, "n_ac": 420_000, "n_mr": 350_000, "n_pu": 610_000, "n_ea": 95_000}
    author = w.register(
        "news",
        src,
        domain,
        name=outlet.name,
        followers=audience[src],
        profile_url=outlet.base + "/",
    )
    url = f"{outlet.base}/{spec['slug']}"
    t = w.at(spec["day"], variant, (spec["hour"], spec["hour"] + 0.5))
    return emit(
        w,
        "news",
        variant,
        spec["text"],
        t,
        story,
        source=src,
        author=author,
        noisy=False,
        title=spec["title"],
        html=True,
        external_id=url,
        url=url,
        boost=spec.get("boost", 1.0),
        note=f"{story}: news article",
        **kw,
    )
