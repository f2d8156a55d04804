"""Made-up people: names, handles, follower counts, per platform."""

from __future__ import annotations

import random
import unicodedata
from typing import Any

from sentinelle.demo.sources import SOURCES, slugify

FIRST = {
    "fr": [
        "Camille",
        "Léa",
        "Manon",
        "Chloé",
        "Sarah",
        "Inès",
        "Julie",
        "Pauline",
        "Claire",
        "Émilie",
        "Lucie",
        "Mathilde",
        "Anaïs",
        "Céline",
        "Aurélie",
        "Margaux",
        "Élise",
        "Nathalie",
        "Hélène",
        "Laura",
        "Océane",
        "Zoé",
        "Fatou",
        "Yasmine",
        "Julien",
        "Thomas",
        "Nicolas",
        "Maxime",
        "Antoine",
        "Hugo",
        "Lucas",
        "Romain",
        "Mathieu",
        "Yann",
        "Sébastien",
        "Olivier",
        "Pierre",
        "Florian",
        "Karim",
        "Mehdi",
        "Baptiste",
        "Arnaud",
        "Guillaume",
        "Rémi",
        "Théo",
        "Loïc",
        "Vincent",
        "Bruno",
        "Stéphane",
        "Damien",
    ],
    "qc": [
        "Marie-Ève",
        "Geneviève",
        "Isabelle",
        "Catherine",
        "Annie",
        "Mélanie",
        "Véronique",
        "Jessica",
        "Stéphanie",
        "Marie-Pier",
        "Josée",
        "Karine",
        "Audrey",
        "Noémie",
        "Rosalie",
        "Jean-François",
        "Marc-André",
        "Mathieu",
        "Simon",
        "Patrick",
        "Éric",
        "Sylvain",
        "Steve",
        "Alexandre",
        "Jonathan",
        "Pier-Luc",
        "Francis",
        "Gabriel",
        "Félix",
        "Réjean",
        "Jean-Philippe",
        "Dominic",
        "Samuel",
        "Olivier",
        "Benoît",
    ],
    "en": [
        "Emily",
        "Sarah",
        "Jessica",
        "Megan",
        "Olivia",
        "Hannah",
        "Rachel",
        "Lauren",
        "Chloe",
        "Amanda",
        "Aisha",
        "Mei",
        "Grace",
        "Jenna",
        "Kayla",
        "Nicole",
        "James",
        "Ryan",
        "Tyler",
        "Kevin",
        "Daniel",
        "Matt",
        "Chris",
        "Josh",
        "Ben",
        "Liam",
        "Noah",
        "Ethan",
        "Omar",
        "Raj",
        "Wei",
        "Connor",
        "Dylan",
        "Adam",
        "Jordan",
        "Sam",
        "Alex",
        "Tom",
    ],
    "es": ["Lucía", "Javier", "Carmen", "Diego", "Marta", "Pablo", "Elena", "Andrés"],
    "de": ["Lukas", "Anna", "Jonas", "Lena", "Felix", "Miriam", "Tobias", "Katrin"],
}
LAST = {
    "fr": [
        "Martin",
        "Bernard",
        "Dubois",
        "Durand",
        "Lefebvre",
        "Moreau",
        "Laurent",
        "Simon",
        "Michel",
        "Garcia",
        "Roux",
        "Fournier",
        "Girard",
        "Bonnet",
        "Dupont",
        "Lambert",
        "Fontaine",
        "Rousseau",
        "Vincent",
        "Muller",
        "Faure",
        "Mercier",
        "Blanc",
        "Guérin",
        "Chevalier",
        "Morel",
        "Perrin",
        "Nguyen",
        "Diallo",
        "Lemoine",
        "Leroy",
        "Barbier",
        "Brun",
        "Colin",
        "Meunier",
        "Renaud",
        "Aubert",
        "Masson",
        "Traoré",
        "Ferrand",
    ],
    "qc": [
        "Tremblay",
        "Gagnon",
        "Roy",
        "Côté",
        "Bouchard",
        "Gauthier",
        "Morin",
        "Lavoie",
        "Fortin",
        "Gagné",
        "Ouellet",
        "Pelletier",
        "Bélanger",
        "Lévesque",
        "Bergeron",
        "Leblanc",
        "Paquette",
        "Simard",
        "Boucher",
        "Caron",
        "Beaulieu",
        "Cloutier",
        "Dubé",
        "Poirier",
        "Thibault",
        "Desjardins",
        "Lachance",
        "St-Pierre",
        "Bisson",
        "Vachon",
    ],
    "en": [
        "Smith",
        "Brown",
        "Wilson",
        "Taylor",
        "Campbell",
        "MacDonald",
        "Anderson",
        "Thompson",
        "Clarke",
        "Walsh",
        "Murphy",
        "O'Connor",
        "Patel",
        "Singh",
        "Chen",
        "Wong",
        "Lee",
        "Kim",
        "Johnson",
        "Miller",
        "Davis",
        "Robinson",
        "Stewart",
        "Fraser",
        "Reid",
        "Scott",
        "Hughes",
        "Bennett",
        "Green",
        "Hall",
        "Young",
        "Nguyen",
        "Ahmed",
        "Cooper",
    ],
    "es": ["García", "Martínez", "López", "Sánchez", "Romero", "Navarro", "Ruiz", "Ortega"],
    "de": ["Müller", "Schmidt", "Weber", "Fischer", "Becker", "Hoffmann", "Wagner", "Koch"],
}
NICKS = {
    "fr": [
        "ptitvelo69",
        "roue_libre",
        "biclou_urbain",
        "pignon_fixe",
        "chambre_a_air",
        "velotafeur92",
        "la_sacoche",
        "derailleur_fou",
        "cyclo_lyonnais",
        "grimpeur_du_dimanche",
        "rayon_de_soleil",
        "bidon_vide",
        "selle_en_cuir",
        "tonton_cycliste",
        "la_petite_reine",
        "velib_addict",
        "roulemapoule",
        "garde_boue",
        "patte_de_derailleur",
        "cadre_acier",
    ],
    "qc": [
        "pedalo_mtl",
        "tandem_qc",
        "bixi_forever",
        "velo_plateau",
        "piste_cyclable_qc",
        "cyclo_laval",
        "gros_mollets",
        "vent_de_face_qc",
        "la_route_verte",
        "hiver_a_velo",
    ],
    "en": [
        "spokes_and_coffee",
        "two_wheel_tom",
        "gravel_grinder88",
        "commuter_kate",
        "fixie_fred",
        "bikelane_betty",
        "chainring_charlie",
        "northbound_rider",
        "urban_pedaler",
        "saddle_sore_sam",
        "torontocyclist",
        "ottawa_on_wheels",
        "wrench_wendy",
        "cadence_carl",
        "headwind_hank",
        "pothole_patrol",
        "tubeless_tina",
        "crank_it_up",
        "winter_biker_mtl",
    ],
    "es": ["ciclista_urbano", "bici_lucia", "pedalea_ya"],
    "de": ["radler_lukas", "fahrrad_anna", "speichen_jonas"],
}
WORDS = ["velo", "rides", "bike", "cycle", "taf", "pedale", "roule", "75", "69", "mtl", "qc"]
INSTANCES = {
    "fr": ["piaille.example", "mamot.example", "mastodon.example", "toot.example"],
    "qc": ["mastodon.example", "mstdn-qc.example", "piaille.example"],
    "en": ["mastodon.example", "mstdn-ca.example", "toot.example", "fosstodon.example"],
}
EMAIL_DOMAINS = {
    "fr": ["free.example", "orange.example", "laposte.example", "gmail.example", "sfr.example"],
    "qc": ["videotron.example", "gmail.example", "hotmail.example", "sympatico.example"],
    "en": ["gmail.example", "outlook.example", "rogers.example", "yahoo.example"],
}
EMOJI_NAMES = ["🚲", "🌱", "☕", "🏔️", "🌧️", "🐈", "🍁", "⚡"]


def ascii_lower(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", text.lower()) if c.isalnum() and c.isascii()
    )


def followers(rng: random.Random) -> int:
    """Heavy-tailed audience: median around 70, most under 500, a few thousands."""
    return int(rng.lognormvariate(4.2, 1.3))


def make_person(rng: random.Random, channel: str, source: str, variant: str) -> dict[str, Any]:
    names = variant if variant in FIRST else "fr"
    first = rng.choice(FIRST[names])
    last = rng.choice(LAST[names])
    if variant == "qc" and rng.random() < 0.3:
        first = rng.choice(FIRST["fr"])
    roll = rng.random()
    if roll < 0.45:
        base = f"{ascii_lower(first)}.{ascii_lower(last)}"
    elif roll < 0.65:
        base = f"{ascii_lower(first)}{ascii_lower(last)[0]}{rng.randint(70, 99)}"
    elif roll < 0.82:
        base = f"{ascii_lower(first)}_{rng.choice(WORDS)}"
    else:
        base = rng.choice(NICKS[names])
    base = f"{base}{rng.randint(2, 99)}" if rng.random() < 0.25 else base
    style = 0.0 if channel in ("email", "form") and rng.random() < 0.85 else rng.random()
    if style < 0.4:
        name = f"{first} {last}"
    elif style < 0.65:
        name = f"{first} {last[0]}."
    elif style < 0.82:
        name = f"{first} {rng.choice(EMOJI_NAMES)}"
    else:
        name = base
    return account(rng, channel, source, variant, base, name)


def account(
    rng: random.Random,
    channel: str,
    source: str,
    variant: str,
    base: str,
    name: str,
    audience: int | None = None,
    email: str | None = None,
) -> dict[str, Any]:
    """The fields of an author on one platform, from a base handle and a display name."""
    regional = variant if variant in INSTANCES else "fr"
    audience = audience if audience is not None else followers(rng)
    fields: dict[str, Any] = {"name": name, "followers": audience, "email": None}
    if channel == "mastodon":
        user = base.replace(".", "_").replace("-", "_")
        instance = rng.choice(INSTANCES[regional])
        fields.update(handle=f"{user}@{instance}", profile_url=f"https://{instance}/@{user}")
    elif channel == "bluesky":
        handle = f"{base.replace('_', '-').replace('.', '-')}.bsky.social"
        did = "did:plc:" + "".join(
            rng.choice("abcdefghijklmnopqrstuvwxyz234567") for _ in range(24)
        )
        fields.update(handle=handle, profile_url=f"https://bsky.app/profile/{handle}", did=did)
    elif channel == "reddit":
        user = base.replace(".", "_").title() if rng.random() < 0.4 else base.replace(".", "_")
        fields.update(handle=user, name=user, profile_url=f"https://www.reddit.com/user/{user}/")
        fields["followers"] = min(audience // 10, 900)
    elif channel == "facebook":
        uid = f"1000{rng.randint(10**10, 10**11 - 1)}"
        fields.update(handle=uid, profile_url=f"https://www.facebook.com/profile.php?id={uid}")
        fields["followers"] = None
    elif channel == "youtube":
        handle = "@" + base.replace(".", "").replace("_", "")
        fields.update(handle=handle, profile_url=f"https://www.youtube.com/{handle}")
    elif channel == "forum":
        handle = base.replace(".", "_")
        fields.update(handle=handle, name=handle, profile_url=f"{SOURCES[source].base}/u/{handle}")
        fields["followers"] = None
    elif channel == "blog":
        fields.update(handle=slugify(name, "_", 30), profile_url=None, followers=None)
    elif channel in ("email", "form"):
        if email is None:
            domain = rng.choice(EMAIL_DOMAINS[regional])
            email = f"{base.replace('_', '.')}@{domain}"
        fields.update(handle=email, email=email, profile_url=None, followers=None)
    else:
        raise ValueError(f"no people on channel {channel}")
    return fields
