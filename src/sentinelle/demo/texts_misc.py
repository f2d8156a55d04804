"""Praise, questions, spam, neutral news and noise."""

PRAISE = {
    "fr": [
        "Trois ans avec mon {ebike}, zéro souci. Meilleur achat de ma vie de cycliste.",
        "Un grand merci à {agent} du service client, problème réglé en une journée !",
        "Accueil au top à {store}, on a pris le temps de m'expliquer le réglage de la selle.",
        "Mon {bike} est arrivé en avance, bien emballé, monté en 20 minutes.",
        "Réparation faite en 48 h à l'atelier de {store}, merci l'équipe !",
        "Testé le {ebike} ce week-end en famille, les enfants adorent.",
        "Franchement, le rapport qualité-prix de {brand} est imbattable.",
        "Merci à {agent} pour les conseils, mon premier VAE est parfait.",
        "Le {ebike} grimpe la Croix-Rousse sans broncher, je suis conquise.",
        "5 000 km avec mon {ebike}, batterie d'origine, toujours nickel.",
        "SAV réactif : pièce reçue en trois jours, rien à redire.",
        "Premier vélotaf avec le {bike} ce matin, que du bonheur.",
        "Je recommande {brand} les yeux fermés.",
        "Le {bike} de ma fille a survécu à deux ans de collège, respect.",
        "Reçu un mail de suivi personnalisé après ma révision, c'est rare et appréciable.",
        "Le mécano de {store} m'a réparé une crevaison gratuitement en deux minutes. Merci !",
    ],
    "qc": [
        "Merci à {agent} du magasin de Laval, un service vraiment le fun.",
        "Mon {ebike} a passé l'hiver dans la slush pis il roule encore comme un neuf.",
        "Belle expérience au magasin du Plateau, le commis connaissait son affaire.",
    ],
    "en": [
        "Three years with my {ebike}, zero issues. Best bike I've owned.",
        "Huge thanks to {agent} in customer care, sorted in a day!",
        "Great service at {store}, they took the time to fit my saddle properly.",
        "Bike arrived early, well packed, assembled in 20 minutes.",
        "Repair done in 48h at {store}, thanks team!",
        "Took the {ebike} on a family ride this weekend, the kids loved it.",
        "5,000 km on my {ebike}, original battery, still perfect.",
        "Parts arrived in three days. Solid after-sales service.",
        "Winter commute on the {ebike} in {city}: handled the slush like a champ.",
        "Can't recommend {brand} enough.",
        "The mechanic at {store} fixed my flat for free in two minutes. Legends.",
        "Got a follow-up e-mail after my tune-up asking if all was good. Nice touch.",
    ],
    "es": ["Muy contenta con mi {ebike}, un año sin ningún problema."],
    "de": ["Seit zwei Jahren fahre ich das {ebike} – top Qualität, klare Empfehlung."],
}
PRAISE_CLOSE = {
    "fr": ["Merci {brand} !", "Bravo à toute l'équipe.", "Ravie.", "Je recommande.", "Top."],
    "en": ["Thanks {brand}!", "Well done.", "Happy camper.", "Recommended.", "10/10."],
}
LOCK_REVIEW = {
    "fr": "Mon antivol Bastion U a trois ans et il est toujours impeccable. Lourd mais rassurant.",
    "en": "Three years with my Bastion U lock and it still feels bomb-proof. Heavy but reassuring.",
}

QUESTION = {
    "fr": [
        "Le magasin de {city} est ouvert le dimanche ?",
        "Quels sont les horaires de {store} pendant les fêtes ?",
        "Je mesure 1,78 m, plutôt M ou L sur le {ebike} ?",
        "Le porte-bagages du {bike} est compatible avec un siège enfant ?",
        "Où trouver une clé de rechange pour un Bastion U ? J'ai perdu la mienne.",
        "La batterie du {ebike} est-elle compatible avec l'ancien modèle ?",
        "Vous faites la reprise des anciens vélos ?",
        "Le paiement en plusieurs fois est possible en magasin ?",
        "Quelle autonomie réelle pour le {ebike} en hiver ?",
        "On peut essayer le {ebike} avant d'acheter ?",
        "Le {ebike} est éligible à la prime vélo de ma région ?",
        "Vous livrez en Corse ?",
        "Peut-on monter des pneus à clous sur le {bike} ?",
        "Comment on active la garantie ? Il faut s'inscrire en ligne ?",
        "Quel est le couple de serrage de la potence ? La notice ne le dit pas.",
        "Il reste des {ebike} en taille S en stock ?",
    ],
    "qc": [
        "Le magasin de Québec est-tu ouvert le lendemain de Noël?",
        "Est-ce que je peux avoir une clé de rechange au magasin du Plateau?",
        "Ça prend-tu un rendez-vous pour une mise au point?",
    ],
    "en": [
        "Is the {city} store open on Sundays?",
        "Holiday hours for {store}?",
        "I'm 5'10\", medium or large on the {ebike}?",
        "Is the {bike} rear rack compatible with a child seat?",
        "Where can I get a spare key for a Bastion U? Lost mine.",
        "Is the new {ebike} battery compatible with the older model?",
        "Do you do trade-ins?",
        "Real winter range on the {ebike}?",
        "Can I test ride the {ebike} before buying?",
        "Does the {ebike} qualify for the provincial e-bike rebate?",
        "Can I fit studded tires on the {bike}?",
        "How do I register my warranty?",
        "Any {ebike} left in size S?",
    ],
    "es": [
        "¿Hacéis envíos a España?",
        "¿La batería del {ebike} es compatible con el modelo antiguo?",
    ],
    "de": ["Liefert ihr auch nach Deutschland?", "Gibt es Ersatzschlüssel für das Bastion U?"],
}
QUESTION_OPEN = {
    "fr": ["Bonjour,", "Petite question :", "Bonjour {brand},", "Salut,"],
    "qc": ["Allô,", "Bonjour,"],
    "en": ["Hi,", "Quick question:", "Hey {brand},", "Hello,"],
}

SPAM = {
    "fr": [
        "💰 Je gagne 4 000 € par semaine grâce au trading, écrivez-moi en privé 👉 "
        "https://crypto-liberte.example/inscription",
        "🎉 {brand} offre 100 vélos électriques pour ses 10 ans ! Partagez et cliquez ici : "
        "https://velonova-cadeau.example",
        "Comparatif des meilleurs antivols vélo 2026 👉 https://top-antivols.example/?ref=velo",
        "Service client Vélonova : contactez-nous sur WhatsApp pour un remboursement rapide, "
        "envoyez vos coordonnées bancaires 👉 https://velonova-rembourse.example",
        "Article très intéressant ! Découvrez nos assurances vélo à prix cassés : "
        "https://assur-velo-pascher.example",
        "Gagnez un {ebike} ! Remplissez le formulaire avec votre carte pour les frais de port "
        ": https://jeu-concours-velo.example",
        "Pièces détachées pas chères, livraison 24 h : https://pieces-discount.example",
        "Investissez dans le NovaCoin avant qu'il ne soit trop tard 🚀🚀 https://novacoin.example",
    ],
    "en": [
        "💸 Made $6,000 last week trading crypto, DM me to learn how 👉 "
        "https://quickcoin-profits.example",
        "🎁 {brand} is giving away 100 e-bikes for its 10th anniversary! Claim yours: "
        "https://velonova-giveaway.example",
        "Best bike locks 2026, full comparison 👉 "
        "https://best-bike-locks.example/?utm_source=comment",
        "Velonova support here, DM us your card number and we'll process your refund right away.",
        "Great post! Cheap bike insurance at https://cheap-bike-cover.example",
        "Win a {ebike}! Just pay $1.99 shipping: https://win-an-ebike.example",
        "Follow for follow? 🚲🔥 #cycling #ebike #f4f",
        "NovaCoin to the moon 🚀🚀 https://novacoin.example",
        "Hot singles who ride e-bikes in {city} 👉 https://meet-riders.example",
    ],
    "es": ["Gana dinero desde casa con criptomonedas 👉 https://cripto-facil.example"],
}
SPAM_HANDLES = [
    "crypto_queen_88",
    "velonova_support_help",
    "giveaway_velonova",
    "seo_master_24",
    "win_bikes_now",
    "novacoin_official",
    "promo_deals_4u",
    "assur_velo_promo",
]
HOSTILE_HTML = (
    "<p>Super article, merci ! Pour les antivols pas chers : "
    '<a href="https://top-antivols.example/?ref=xss">top-antivols</a></p>'
    "<script>alert(1)</script>"
    '<img src="https://top-antivols.example/pixel.gif" onerror="alert(document.cookie)">'
)

NEWS_ARTICLES = [
    {
        "source": "n_ea",
        "day": 0,
        "hour": 7.5,
        "variant": "fr",
        "title": "Vélonova ouvre un douzième magasin au Québec, à Sherbrooke",
        "slug": "commerce/velonova-douzieme-magasin-sherbrooke",
        "text": "<p>Le fabricant de vélos Vélonova inaugurera samedi un magasin de 900 m² à "
        "Sherbrooke, son douzième au Québec. Une vingtaine d'emplois sont créés.</p><p>L'enseigne "
        "réalise désormais 35 % de ses ventes en ligne.</p>",
    },
    {
        "source": "n_qv",
        "day": 0,
        "hour": 18.0,
        "variant": "fr",
        "title": "Cyclo-cross : Léa Morin (Team Vélonova-Alpes) s'impose à Lyon",
        "slug": "course/cyclo-cross-lea-morin-lyon-38190",
        "text": "<p>Sous la pluie, Léa Morin a dominé la manche lyonnaise de la coupe de France de "
        "cyclo-cross, devant Inès Barbier et Chloé Perrin. Troisième victoire de la saison pour la "
        "coureuse du Team Vélonova-Alpes.</p>",
    },
    {
        "source": "n_mr",
        "day": 1,
        "hour": 8.0,
        "variant": "en",
        "title": "E-bike sales up 8% in Canada; Velonova among the top three brands",
        "slug": "2026/ebike-sales-up-canada-velonova-top-three",
        "text": "<p>E-bike sales grew 8% year over year, according to an industry survey released "
        "Tuesday. Velonova, Sportmax and a Toronto start-up lead the market.</p>",
    },
    {
        "source": "n_ea",
        "day": 2,
        "hour": 8.5,
        "variant": "fr",
        "title": "Vélonova recrute 40 personnes pour son entrepôt de Vénissieux",
        "slug": "emploi/velonova-recrute-entrepot-venissieux",
        "text": "<p>Préparateurs de commandes, mécaniciens, conseillers : Vélonova renforce son "
        "entrepôt logistique de la banlieue lyonnaise avant les fêtes.</p>",
    },
    {
        "source": "n_pu",
        "day": 4,
        "hour": 7.0,
        "variant": "qc",
        "title": "Réseau express vélo : 30 km de plus à Montréal l'an prochain",
        "slug": "ville/reseau-express-velo-30-km",
        "text": "<p>La Ville annonce 30 km de nouvelles pistes protégées. Plusieurs commerçants, "
        "dont Vélonova et des ateliers de quartier, saluent le projet.</p>",
    },
    {
        "source": "n_qv",
        "day": 6,
        "hour": 10.0,
        "variant": "fr",
        "title": "Salon du vélo : les vélos cargo à l'honneur pour 2027",
        "slug": "actu/salon-velo-cargo-2027-38310",
        "text": "<p>Longtail, biporteurs, triporteurs : les cargos tiennent la vedette. Vélonova "
        "présente une nouvelle version du Nova Cargo Duo, Sportmax un biporteur d'entrée de gamme."
        "</p>",
    },
    {
        "source": "n_mr",
        "day": 3,
        "hour": 7.0,
        "variant": "en",
        "title": "Winter cycling: five tips before the first snow",
        "slug": "2026/winter-cycling-five-tips",
        "text": "<p>Studded tires, fenders, lights and a good lock: our checklist for riding "
        "through the winter. Several shops, including Velonova and local co-ops, offer free "
        "winter check-ups this month.</p>",
    },
    {
        "source": "n_ea",
        "day": 5,
        "hour": 8.0,
        "variant": "fr",
        "title": "Vélo : le marché français se stabilise, le cargo progresse",
        "slug": "marches/velo-marche-francais-cargo",
        "text": "<p>Après deux années de baisse, les ventes de vélos se stabilisent. Les vélos "
        "cargo progressent de 12 %, portés par les familles urbaines ; Vélonova et Sportmax "
        "revendiquent chacun une hausse de leurs ventes sur ce segment.</p>",
    },
    {
        "source": "n_pu",
        "day": 1,
        "hour": 7.0,
        "variant": "qc",
        "title": "Vélo d'hiver : les ateliers débordés avant la neige",
        "slug": "ville/velo-hiver-ateliers-debordes",
        "text": "<p>Chez Vélonova comme dans les ateliers de quartier, les délais pour une mise au "
        "point d'hiver atteignent deux semaines. Les mécaniciens conseillent de s'y prendre tôt."
        "</p>",
    },
]
REVIEW_POST = {
    "source": "pedale",
    "day": 0,
    "hour": 12.0,
    "variant": "fr",
    "title": "Test longue durée : le Nova Gravel GR2 après 3 000 km",
    "url": "https://pedale-douce.example/tests/nova-gravel-gr2-3000-km/",
    "text": "<p>Trois mille kilomètres de chemins, de pluie et de vélotaf : le Nova Gravel GR2 "
    "de Vélonova s'en sort très bien. Cadre confortable, transmission fiable, seul bémol "
    "les pneus d'origine un peu fragiles.</p><p>Note finale : 8/10.</p>",
}
NEWS_SHARE = {
    "fr": [
        "Vélonova ouvre un magasin à Sherbrooke, enfin un atelier pas trop loin 👌",
        "Bravo à Léa Morin, victoire à Lyon sur son vélo Vélonova ! #cyclocross",
        "Le marché du VAE continue de grimper, Vélonova dans le trio de tête.",
        "30 km de pistes en plus à Montréal, Vélonova applaudit. Nous aussi.",
        "Les cargos à l'honneur au Salon du vélo, le nouveau Cargo Duo a l'air sympa.",
        "Vélonova recrute à Vénissieux, si ça intéresse quelqu'un.",
    ],
    "en": [
        "Velonova opening a Sherbrooke store, finally a shop nearby 👌",
        "E-bike sales up 8% in Canada, Velonova in the top three.",
        "30 more km of bike lanes in Montréal next year, Velonova is cheering too.",
        "Cargo bikes stealing the show, the new Velonova Cargo Duo looks neat.",
    ],
}

NOISE = [
    "😡😡😡",
    "+1",
    "up",
    "??",
    "...",
    "!!!",
    "^",
    "ok",
    "👀",
    "🔥🔥",
    "😂😂😂",
    "💀💀",
    "🙄",
    "👍",
    "100%",
    "!!",
    "😬",
    "🤡",
    "+1000",
    "?!",
]
