"""Words shared by all the stories: products, stores, cities, prices, agents, outlets.

A bank is a list, or a dict of lists by text variant: ``fr`` (France), ``qc`` (Québec
French, added to ``fr``), ``en`` (English, mostly Canada), ``es``, ``de``. Templates use
``{slot}`` placeholders filled from :data:`SLOTS`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sentinelle.demo.engine import World

BLOG_URL = "https://carnet-cycliste.example/articles/bastion-u-ouvert-stylo-bille/"
TWN_URL = "https://twowheelsnorth.example/posts/we-tried-the-pen-trick-on-velonovas-bastion-u/"
LOCK_VIDEO = "Xk3pB9tLq2w"
DELIVERY_VIDEO = "Qm7fR2vLw0c"
EXCHANGE_URL = "https://velonova.example/bastion-u/echange"
EXCHANGE_URL_EN = "https://velonova.example/en/bastion-u/exchange"

MONTHS = {
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}

EBIKES = [
    "Nova E-City 500",
    "Nova E-City 700",
    "Nova Trek E+",
    "Nova Cargo Duo",
    "Nova E-Pliant 20",
]
BIKES = ["Nova Urbain 3", "Nova Gravel GR2", "Nova Route R5", "Nova Junior 24", "Nova Trek 7"]

STORES = {
    "fr": [
        "Vélonova Lyon Part-Dieu",
        "Vélonova Bordeaux",
        "Vélonova Lille",
        "Vélonova Nantes",
        "Vélonova Paris Bastille",
        "Vélonova Toulouse",
        "Vélonova Marseille Prado",
        "Vélonova Rennes",
        "Vélonova Grenoble",
    ],
    "qc": [
        "Vélonova Plateau",
        "Vélonova Laval",
        "Vélonova Québec Lebourgneuf",
        "Vélonova Sherbrooke",
        "Vélonova Gatineau",
        "Vélonova Longueuil",
    ],
    "en": [
        "the Plateau store",
        "the Laval store",
        "the Ottawa store",
        "Velonova Gatineau",
        "the Sherbrooke store",
        "the downtown Montréal store",
        "the Kingston store",
    ],
}
CITIES = {
    "fr": [
        "Lyon",
        "Bordeaux",
        "Lille",
        "Nantes",
        "Paris",
        "Toulouse",
        "Grenoble",
        "Strasbourg",
        "Montpellier",
        "Rennes",
    ],
    "qc": ["Montréal", "Québec", "Laval", "Longueuil", "Sherbrooke", "Gatineau", "Trois-Rivières"],
    "en": ["Montréal", "Ottawa", "Toronto", "Gatineau", "Kingston", "Halifax"],
    "es": ["Madrid", "Barcelona", "Valencia"],
    "de": ["Berlin", "Köln", "Freiburg"],
}
ACCESSORIES = {
    "fr": [
        "le porte-bagages",
        "les garde-boue",
        "la sacoche",
        "l'éclairage avant",
        "la béquille",
        "le chargeur",
        "la sonnette",
        "le panier avant",
    ],
    "en": [
        "the rear rack",
        "the fenders",
        "the pannier",
        "the front light",
        "the kickstand",
        "the charger",
        "the bell",
        "the front basket",
    ],
}
AGENTS = {
    "fr": ["Camille", "Julien", "Inès", "Thomas"],
    "qc": ["Sophie", "Marc-André", "Geneviève"],
    "en": ["Emily", "Marc-André", "Sophie"],
}
#: every agent name the brand's replies use, for the tests
ALL_AGENTS = sorted({name for names in AGENTS.values() for name in names})
OUTLETS = {
    "fr": [
        "un journaliste du Quotidien du Vélo",
        "la rédaction d'Actu Conso",
        "une journaliste de La Presse Urbaine",
        "l'émission conso de la radio locale",
    ],
    "qc": ["un journaliste de La Presse Urbaine", "l'émission de consommation à la radio"],
    "en": [
        "a reporter at Metro Ride News",
        "the Metro Ride News tips line",
        "a journalist at La Presse Urbaine",
        "a consumer reporter I know",
    ],
}
REGULATORS = {
    "fr": ["l'UFC-Que Choisir", "la DGCCRF", "le médiateur de la consommation"],
    "qc": ["l'Office de la protection du consommateur", "l'OPC"],
    "en": ["the Office de la protection du consommateur", "the Better Business Bureau"],
}


def _choice(bank: dict[str, list[str]]) -> Any:
    def pick(world: World, variant: str) -> str:
        return world.pick(bank, variant)

    return pick


def _by_region(fr: list[str], qc: list[str], en: list[str]) -> Any:
    def pick(world: World, variant: str) -> str:
        return world.rng.choice({"qc": qc, "en": en}.get(variant, fr))

    return pick


SLOTS: dict[str, Any] = {
    "ebike": lambda w, v: w.rng.choice(EBIKES),
    "bike": lambda w, v: w.rng.choice(BIKES),
    "store": _choice(STORES),
    "city": lambda w, v: w.rng.choice(CITIES.get(v, CITIES["fr"]) if v != "qc" else CITIES["qc"]),
    "accessory": _choice(ACCESSORIES),
    "agent": _by_region(AGENTS["fr"], AGENTS["qc"], AGENTS["en"]),
    "outlet": _choice(OUTLETS),
    "regulator": _choice(REGULATORS),
    "price_lock": _by_region(["89 €"], ["119 $"], ["$119"]),
    "price_ebike": _by_region(
        ["2 499 €", "2 899 €", "3 190 €"], ["3 299 $", "3 799 $"], ["$3,299", "$3,799", "$2,999"]
    ),
    "amount": _by_region(["50 €"], ["75 $"], ["$75"]),
    "carrier": _by_region(
        ["TransColis", "TransColis", "le transporteur"],
        ["ExpressNord", "le livreur"],
        ["ExpressNord", "the courier"],
    ),
    "days": lambda w, v: str(w.rng.choice([6, 8, 9, 10, 12, 14, 15, 17, 19, 21, 23, 26])),
    "weeks": lambda w, v: str(w.rng.choice([3, 4, 5, 6, 7])),
    "hours": lambda w, v: str(w.rng.choice([2, 3, 4, 5])),
    "order": lambda w, v: w.order(),
    "ago": lambda w, v: w.date_ago(w.rng.randint(12, 60), v),
    "blog_url": lambda w, v: BLOG_URL,
    "twn_url": lambda w, v: TWN_URL,
    "video_url": lambda w, v: f"https://www.youtube.com/watch?v={LOCK_VIDEO}",
    "delivery_url": lambda w, v: f"https://www.youtube.com/watch?v={DELIVERY_VIDEO}",
    "exchange_url": lambda w, v: EXCHANGE_URL_EN if v == "en" else EXCHANGE_URL,
    "competitor": lambda w, v: "Sportmax",
    "app": _by_region(["l'appli Vélonova"], ["l'app Vélonova"], ["the Velonova app"]),
    "brand": lambda w, v: "Velonova" if v == "en" and w.rng.random() < 0.6 else "Vélonova",
}

#: closings by severity, shared by many stories
CLOSE = {
    1: {
        "fr": [
            "Un peu déçu quand même.",
            "Dommage.",
            "Bof.",
            "Pas top.",
            "Je m'attendais à mieux.",
            "C'est dommage, j'aimais bien la marque.",
            "Voilà, c'est dit.",
        ],
        "qc": ["Un peu décevant.", "C'est plate.", "Pas fort fort."],
        "en": [
            "A bit disappointed.",
            "Shame.",
            "Meh.",
            "Expected better.",
            "Not the end of the world, but still.",
            "Just saying.",
        ],
        "es": ["Un poco decepcionado."],
        "de": ["Etwas enttäuscht."],
    },
    2: {
        "fr": [
            "Merci de faire le nécessaire.",
            "J'attends une réponse.",
            "C'est pénible.",
            "Ce n'est pas sérieux.",
            "Vous pouvez m'expliquer ?",
            "On fait comment ?",
            "Ça commence à bien faire.",
        ],
        "qc": ["Ça commence à faire.", "C'est pas sérieux pantoute."],
        "en": [
            "Please sort this out.",
            "Waiting for an answer.",
            "This is getting old.",
            "Not very professional.",
            "Can someone explain?",
            "What now?",
        ],
        "es": ["Espero una respuesta."],
        "de": ["Ich warte auf eine Antwort."],
    },
    3: {
        "fr": [
            "C'est inadmissible.",
            "Vous vous moquez de vos clients.",
            "Honteux.",
            "Plus jamais.",
            "Quelle incompétence.",
            "Service client inexistant.",
            "On touche le fond.",
            "Je suis furieux.",
        ],
        "qc": ["C'est rire du monde.", "Ça a pas d'allure.", "Chu en beau maudit."],
        "en": [
            "Unacceptable.",
            "You're taking your customers for fools.",
            "Shameful.",
            "Never again.",
            "Absolute incompetence.",
            "Customer service doesn't exist.",
            "I'm furious.",
        ],
        "es": ["Es inaceptable."],
        "de": ["Unverschämt."],
    },
}
THREAT = {
    "fr": [
        "Je saisis {regulator} si rien ne bouge cette semaine.",
        "Prochaine étape : mon avocat.",
        "Je vais porter l'affaire devant le tribunal.",
        "J'ai contacté {outlet}.",
        "J'annule tout et je passe chez {competitor}.",
        "Dernier achat chez vous, je file chez {competitor}.",
        "Je fais opposition sur le paiement auprès de ma banque.",
        "Je vais raconter tout ça à {outlet}.",
        "Mise en demeure envoyée en recommandé ce matin.",
    ],
    "qc": [
        "Je porte plainte à {regulator} dès demain.",
        "Je m'en vais aux petites créances.",
        "Je contacte {outlet}, l'histoire va intéresser du monde.",
        "Je retourne tout et je m'en vais chez {competitor}.",
        "Je conteste la transaction avec ma carte de crédit.",
    ],
    "en": [
        "I'm filing a complaint with {regulator} this week.",
        "Talking to a lawyer next.",
        "See you in small claims court.",
        "I've already emailed {outlet}.",
        "Cancelling everything and going to {competitor}.",
        "Disputing the charge with my credit card company.",
        "Formal demand letter going out tomorrow.",
    ],
    "es": ["Voy a reclamar a la asociación de consumidores."],
    "de": ["Ich gehe zur Verbraucherzentrale."],
}
