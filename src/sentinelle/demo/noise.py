"""Makes clean sentences look like social media: emoji, hashtags, typos, SMS style, Québec
French, elongations ("nuuul"), code-switching. Never touches URLs, handles or order numbers."""

from __future__ import annotations

import random
import re
import unicodedata

EMOJI = {
    "angry": ["😡", "🤬", "😤", "👎", "🙄", "😠", "🤡", "💸"],
    "sad": ["😞", "😔", "😢", "🥲", "😕", "🫠"],
    "joke": ["😂", "🤣", "💀", "🖊️", "🙃", "😅", "🤭", "😬"],
    "happy": ["😍", "🚲", "🙌", "👍", "💚", "✨", "🥰", "👏", "🔥"],
    "alarm": ["⚠️", "🚨", "‼️", "😱", "🔥", "👀"],
    "neutral": ["🚲", "👀", "🤔", "🙂", "📦"],
}
HASHTAGS = {
    "fr": ["#Vélonova", "#velonova", "#vélotaf", "#vélo", "#antivol", "#VAE", "#conso", "#SAV"],
    "en": ["#Velonova", "#cycling", "#bikecommuting", "#ebike", "#bikelock", "#fail", "#bikeMTL"],
    "es": ["#bici", "#ciclismo", "#Velonova"],
    "de": ["#Fahrrad", "#Radfahren", "#Velonova"],
}
BRAND_AT = {
    "mastodon": "@velonova@mastodon.example",
    "bluesky": "@velonova.bsky.social",
    "youtube": "@Velonova",
}
SMS = {
    "fr": [
        ("c'est ", "c "),
        ("C'est ", "C "),
        ("pourquoi", "pk"),
        ("toujours", "tjrs"),
        ("beaucoup", "bcp"),
        ("quelque chose", "qqch"),
        ("je sais pas", "jsp"),
        ("vraiment", "vrmt"),
        ("aujourd'hui", "ajd"),
        ("s'il vous plaît", "svp"),
        ("parce que", "pcq"),
        ("tout le monde", "tlm"),
        ("Je suis ", "Chui "),
        ("je suis ", "chui "),
        ("rendez-vous", "rdv"),
        ("quand même", "qd même"),
    ],
    "qc": [
        ("je suis ", "chu "),
        ("Je suis ", "Chu "),
        ("il y a ", "y'a "),
        ("Il y a ", "Y'a "),
        ("tu sais", "tsé"),
        ("pas du tout", "pantoute"),
        ("ce soir", "à soir"),
        ("cette ", "c'te "),
        ("Il faut ", "Faut "),
        ("je vais ", "j'vais "),
    ],
    "en": [
        (" you ", " u "),
        ("You ", "U "),
        (" your ", " ur "),
        (" are ", " r "),
        ("please", "pls"),
        ("to be honest", "tbh"),
        ("Thanks", "Thx"),
        ("thanks", "thx"),
        (" because ", " bc "),
        ("I don't know", "idk"),
        ("right now", "rn"),
        ("going to", "gonna"),
        ("want to", "wanna"),
        ("people", "ppl"),
        ("seriously", "srsly"),
    ],
}
ELONGATE = {
    "fr": [
        "nul",
        "trop",
        "non",
        "honte",
        "sérieux",
        "merci",
        "génial",
        "super",
        "jamais",
        "bravo",
        "déçu",
        "top",
        "grave",
        "ouf",
    ],
    "en": [
        "so",
        "no",
        "never",
        "please",
        "really",
        "love",
        "cool",
        "nope",
        "what",
        "why",
        "sick",
        "yes",
        "wow",
    ],
}
QC_FLAVOUR = {
    "angry": [
        " C'est ben plate.",
        " Pantoute.",
        " Ça a pas d'allure.",
        " Chu pas mal tanné.",
        " Franchement, c'est pas fort.",
        " Voyons donc.",
    ],
    "happy": [" Full content!", " C'est malade!", " Vraiment le fun.", " Chu ben contente."],
}
QC_PREFIX = ["Ben là, ", "Coudonc, ", "Hey, ", "Bon ben, ", "Sérieux, "]
SWITCH = {
    "fr": [" lol", " WTF", " #fail", " bref.", " big fail", " sorry not sorry", " mdr"],
    "qc": [" anyway", " full poche", " big time", " c'est weird", " for real", " lol"],
    "en": [" c'est la vie.", " anyway.", " lol", " smh", " ugh."],
}
_PROTECTED = re.compile(r"https?://|@|#|VN-|\d")


def _drop_accents(text: str) -> str:
    out = []
    for char in text:
        base = unicodedata.normalize("NFD", char)[0]
        out.append(base if char.lower() in "éèêàâùûîïôç" else char)
    return "".join(out)


def _elongate(rng: random.Random, text: str, lang: str) -> str:
    words = [w for w in ELONGATE.get(lang, []) if re.search(rf"\b{w}\b", text, re.IGNORECASE)]
    if not words:
        return text
    word = rng.choice(words)
    vowels = [i for i, c in enumerate(word) if c in "aeiouyéè"]
    if not vowels:
        return text
    i = vowels[-1]
    longer = word[:i] + word[i] * rng.randint(3, 6) + word[i + 1 :]
    return re.sub(rf"\b{word}\b", longer, text, count=1, flags=re.IGNORECASE)


def _typo(rng: random.Random, text: str) -> str:
    tokens = text.split(" ")
    candidates = [
        i
        for i, tok in enumerate(tokens)
        if len(tok) >= 6 and tok.isalpha() and not _PROTECTED.search(tok)
    ]
    if not candidates:
        return text
    i = rng.choice(candidates)
    word = tokens[i]
    j = rng.randrange(1, len(word) - 2)
    if rng.random() < 0.5:
        word = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
    else:
        word = word[:j] + word[j + 1 :]
    tokens[i] = word
    return " ".join(tokens)


def socialize(
    rng: random.Random, text: str, variant: str, channel: str, tone: str, level: float = 1.0
) -> str:
    """Adds the noise of real posts to ``text``, more of it with a higher ``level``."""
    if level <= 0:
        return text
    lang = "fr" if variant == "qc" else variant

    def chance(p: float) -> bool:
        return rng.random() < p * level

    if variant == "qc" and chance(0.3):
        flavour = QC_FLAVOUR["happy" if tone == "happy" else "angry"]
        if tone in ("angry", "sad", "happy"):
            text = text.rstrip() + rng.choice(flavour)
    if variant == "qc" and tone in ("angry", "sad") and chance(0.15):
        text = rng.choice(QC_PREFIX) + text[:1].lower() + text[1:]
    for table in [SMS.get(lang, [])] if variant != "qc" else [SMS["fr"], SMS["qc"]]:
        if table and chance(0.22):
            for old, new in rng.sample(table, k=min(4, len(table))):
                text = text.replace(old, new)
    if chance(0.18):
        text = _elongate(rng, text, lang)
    if lang == "fr" and chance(0.12):
        text = _drop_accents(text)
    if chance(0.14):
        text = _typo(rng, text)
    if variant in SWITCH and tone in ("angry", "sad", "joke") and chance(0.08):
        text = text.rstrip(".") + rng.choice(SWITCH[variant])
    if tone == "angry" and chance(0.06) and len(text) < 140:
        text = text.upper()
    if chance(0.25) and not text.isupper():
        text = text[:1].lower() + text[1:]
    if chance(0.25) and text.endswith("."):
        text = text[:-1]
    if chance(0.42):
        emoji = EMOJI.get(tone, EMOJI["neutral"])
        text = f"{text} {''.join(rng.choice(emoji) for _ in range(rng.choice((1, 1, 2, 3))))}"
    if channel in ("mastodon", "bluesky") and chance(0.5):
        tags = rng.sample(HASHTAGS.get(lang, HASHTAGS["en"]), k=rng.choice((1, 1, 2, 3)))
        text = f"{text} {' '.join(tags)}"
    if channel in BRAND_AT and chance(0.3) and BRAND_AT[channel] not in text:
        text = (
            f"{BRAND_AT[channel]} {text}" if rng.random() < 0.6 else f"{text} {BRAND_AT[channel]}"
        )
    return re.sub(r"  +", " ", text).strip()
