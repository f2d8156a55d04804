"""The places the demo brand listens to, and platform-like ids and URLs for their items."""

from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sentinelle.demo.engine import Node, World


@dataclass(frozen=True)
class Source:
    channel: str
    name: str
    base: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


SOURCES: dict[str, Source] = {
    "carnet": Source("blog", "Le Carnet du Cycliste", "https://carnet-cycliste.example"),
    "velotafmag": Source("blog", "Vélotaf Mag", "https://velotafmag.example"),
    "twn": Source("blog", "Two Wheels North", "https://twowheelsnorth.example"),
    "pedale": Source("blog", "Pédale Douce", "https://pedale-douce.example"),
    "f_velotaf": Source("forum", "Forum Vélotaf", "https://forum.velotaf.example"),
    "f_veloqc": Source("forum", "Forum Vélo Québec", "https://forum.veloquebec.example"),
    "f_biketalk": Source("forum", "BikeTalk Forums", "https://forums.biketalk.example"),
    "n_qv": Source("news", "Le Quotidien du Vélo", "https://quotidien-velo.example"),
    "n_ac": Source("news", "Actu Conso", "https://actuconso.example"),
    "n_mr": Source("news", "Metro Ride News", "https://metroride-news.example"),
    "n_pu": Source("news", "La Presse Urbaine", "https://presse-urbaine.example"),
    "n_ea": Source("news", "L'Écho des Affaires", "https://echo-affaires.example"),
    "m_search": Source("mastodon", "Mastodon · recherche « vélonova »", "https://mastodon.example"),
    "m_mentions": Source("mastodon", "Mastodon · mentions @velonova", "https://mastodon.example"),
    "b_search": Source("bluesky", "Bluesky · recherche « vélonova »", "https://bsky.app"),
    "b_mentions": Source("bluesky", "Bluesky · mentions @velonova.bsky.social", "https://bsky.app"),
    "r_velo": Source("reddit", "Reddit · r/velo", extra={"sub": "velo"}),
    "r_bicycling": Source("reddit", "Reddit · r/bicycling", extra={"sub": "bicycling"}),
    "r_montreal": Source("reddit", "Reddit · r/montreal", extra={"sub": "montreal"}),
    "fb_fr": Source(
        "facebook", "Facebook · page Vélonova France", extra={"page": "104882736150224"}
    ),
    "fb_qc": Source(
        "facebook", "Facebook · page Vélonova Québec", extra={"page": "109371552806417"}
    ),
    "yt_search": Source("youtube", "YouTube · recherche « Vélonova »"),
    "yt_official": Source("youtube", "YouTube · chaîne Vélonova"),
    "mail_fr": Source("email", "Boîte support@velonova.example", extra={"box": "support"}),
    "mail_qc": Source("email", "Boîte serviceclient@velonova.example", extra={"box": "qc"}),
    "form": Source("form", "Formulaire de réclamation velonova.example"),
}

NEWS_DOMAINS = [SOURCES[k].base.removeprefix("https://") for k in SOURCES if k.startswith("n_")]

# fixed bases: ids do not depend on the start of the week, only on the order of items
_MASTODON_MS = 1_794_787_200_000
_BSKY_US = 1_794_787_200_000_000
_TID_CHARS = "234567abcdefghijklmnopqrstuvwxyz"
_B64 = string.ascii_letters + string.digits + "-_"
_B36 = string.digits + string.ascii_lowercase


def slugify(text: str, sep: str = "-", limit: int = 60) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > limit:
            break
        slug = f"{slug}{sep}{word}" if slug else word
    return slug or "post"


def _base36(number: int) -> str:
    out = ""
    while number:
        number, rem = divmod(number, 36)
        out = _B36[rem] + out
    return out or "0"


def _tid(number: int) -> str:
    out = ""
    for _ in range(13):
        number, rem = divmod(number, 32)
        out = _TID_CHARS[rem] + out
    return out


def forum_thread_url(source: str, thread_id: int, title: str) -> str:
    return f"{SOURCES[source].base}/t/{slugify(title)}/{thread_id}"


def assign_ids(world: World, nodes: list[Node]) -> None:
    """Gives every node, in chronological order, its platform id and URL."""
    rng = world.rng
    counters: dict[str, int] = {}

    def count(key: str, start: int, step: tuple[int, int] = (1, 1)) -> int:
        value = counters.get(key, start) + rng.randint(*step)
        counters[key] = value
        return value

    def rand(alphabet: str, size: int) -> str:
        return "".join(rng.choice(alphabet) for _ in range(size))

    for node in nodes:
        src = SOURCES[node.source]
        root = node.root
        channel = node.channel
        if channel == "mastodon":
            ms = _MASTODON_MS + node.t * 1000 + rng.randrange(1000)
            node.external_id = str((ms << 16) + node.seq % 65_536)
            user, instance = node.author.handle.split("@", 1)
            node.url = f"https://{instance}/@{user}/{node.external_id}"
        elif channel == "bluesky":
            tid = _tid(((_BSKY_US + node.t * 1_000_000 + rng.randrange(1_000_000)) << 10) + 7)
            node.external_id = f"at://{node.author.did}/app.bsky.feed.post/{tid}"
            node.url = f"https://bsky.app/profile/{node.author.handle}/post/{tid}"
        elif channel == "reddit":
            if node.parent is None:
                post = _base36(count("reddit-post", 2_600_000_000, (40, 4000)))
                node.meta["id36"] = post
                node.external_id = f"t3_{post}"
                slug = slugify(node.title or "post", "_", 50)
                node.url = f"https://www.reddit.com/r/{src.extra['sub']}/comments/{post}/{slug}/"
            else:
                comment = _base36(count("reddit-comment", 2_900_000_000_00, (30, 9000)))
                node.external_id = f"t1_{comment}"
                node.url = f"{root.url}{comment}/"
        elif channel == "facebook":
            page = src.extra["page"]
            if node.parent is None:
                post = count("fb-post", 1_089_000_000_000_000, (1000, 90_000_000))
                node.meta["post"] = post
                node.external_id = f"{page}_{post}"
                node.url = f"https://www.facebook.com/{page}/posts/{post}"
            else:
                comment = count("fb-comment", 5_120_000_000_000_000, (1000, 90_000_000))
                node.external_id = f"{root.meta['post']}_{comment}"
                node.url = f"{root.url}?comment_id={comment}"
        elif channel == "youtube":
            if node.parent is None:
                node.external_id = f"Ugx{rand(_B64, 19)}4AaABAg"
            else:
                node.external_id = f"{root.external_id}.{rand('9A', 1)}{rand(_B64, 21)}"
            video = root.meta["video"]
            node.url = f"https://www.youtube.com/watch?v={video}&lc={node.external_id}"
        elif channel == "forum":
            number = count(f"forum-{node.source}", 880_000 + 40_000 * len(node.source), (1, 40))
            node.external_id = f"post-{number}"
            position = root.meta.get("posts", 0) + 1
            root.meta["posts"] = position
            node.url = f"{root.meta['thread_url']}/{position}"
        elif channel == "blog":
            if node.parent is not None:
                number = count(f"blog-{node.source}", 20_000 + 3_000 * len(node.source), (1, 30))
                node.external_id = f"comment-{number}"
                node.url = f"{root.url}#comment-{number}"
        elif channel == "email":
            domain = (node.author.email or "velonova.example").rsplit("@", 1)[-1]
            node.external_id = f"<{rand('0123456789abcdef', 16)}.{node.seq}@{domain}>"
        elif channel == "form":
            node.external_id = f"F-{count('form', 4186):06d}"
        if node.external_id is None:
            raise ValueError(f"no id for a {channel} item of {node.source}")
