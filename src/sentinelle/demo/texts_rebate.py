"""The mail-in rebate never paid: the customers, their e-mails and their public posts.

Placeholders filled per customer: {name} {first} {order} {model} {amount} {bought}
{claimed} {first_mail} {n} (the rank of this reminder) {weeks}.
"""

# (id, name, variant, e-mail, order, model, private items, public items as (channel, source,
# handle base, display name))
CUSTOMERS = [
    (
        "c01",
        "Nadia Benali",
        "fr",
        "nadia.benali@free.example",
        "VN-482913",
        "Nova E-City 500",
        ["email", "email", "email"],
        [
            ("facebook", "fb_fr", "nadia.benali", "Nadia Benali"),
            ("mastodon", "m_mentions", "nadia_benali", "Nadia B. 🚲"),
        ],
    ),
    (
        "c02",
        "Marie-Ève Tremblay",
        "qc",
        "marieeve.tremblay@videotron.example",
        "VN-517204",
        "Nova E-City 700",
        ["email", "email", "form"],
        [
            ("facebook", "fb_qc", "marieeve.tremblay", "Marie-Ève Tremblay"),
            ("bluesky", "b_search", "marieeve-tremblay", "Marie-Ève T."),
        ],
    ),
    (
        "c03",
        "Thomas Garnier",
        "fr",
        "thomas.garnier@orange.example",
        "VN-493377",
        "Nova Trek E+",
        ["form", "form"],
        [
            ("forum", "f_velotaf", "tgarnier", "tgarnier"),
            ("mastodon", "m_search", "tgarnier", "Thomas Garnier"),
        ],
    ),
    (
        "c04",
        "Kevin O'Brien",
        "en",
        "kevin.obrien@outlook.example",
        "VN-520981",
        "Nova Cargo Duo",
        ["email", "email"],
        [
            ("bluesky", "b_mentions", "kobrien", "Kevin O'Brien"),
            ("facebook", "fb_qc", "kevin.obrien", "Kevin O'Brien"),
            ("reddit", "r_bicycling", "KevinOB_rides", "KevinOB_rides"),
        ],
    ),
    (
        "c05",
        "Sandrine Roux",
        "fr",
        "sandrine.roux@laposte.example",
        "VN-488120",
        "Nova E-City 500",
        ["email", "email"],
        [
            ("facebook", "fb_fr", "sandrine.roux", "Sandrine Roux"),
            ("forum", "f_velotaf", "sandrine_r", "sandrine_r"),
        ],
    ),
    (
        "c06",
        "Jean-François Gagnon",
        "qc",
        "jf.gagnon@sympatico.example",
        "VN-509834",
        "Nova Trek E+",
        ["email", "form"],
        [
            ("facebook", "fb_qc", "jf.gagnon", "Jean-François Gagnon"),
            ("mastodon", "m_mentions", "jfgagnon", "JF Gagnon"),
        ],
    ),
    (
        "c07",
        "Priya Natarajan",
        "en",
        "priya.natarajan@gmail.example",
        "VN-522617",
        "Nova E-Pliant 20",
        ["email", "email"],
        [
            ("bluesky", "b_search", "priyarides", "Priya N."),
            ("mastodon", "m_mentions", "priya_n", "Priya Natarajan"),
        ],
    ),
    (
        "c08",
        "Luc Marchand",
        "fr",
        "luc.marchand@orange.example",
        "VN-491052",
        "Nova E-City 700",
        ["email", "email", "email"],
        [("facebook", "fb_fr", "luc.marchand", "Luc Marchand")],
    ),
    (
        "c09",
        "Élodie Fontaine",
        "fr",
        "elodie.fontaine@gmail.example",
        "VN-486639",
        "Nova E-Pliant 20",
        ["form", "email"],
        [
            ("bluesky", "b_mentions", "elodie-fontaine", "Élodie F."),
            ("mastodon", "m_search", "elodief", "Élodie Fontaine"),
        ],
    ),
    (
        "c10",
        "Ahmed Haddad",
        "qc",
        "ahmed.haddad@hotmail.example",
        "VN-514478",
        "Nova Cargo Duo",
        ["email", "email"],
        [
            ("forum", "f_veloqc", "ahmed_h", "ahmed_h"),
            ("facebook", "fb_qc", "ahmed.haddad", "Ahmed Haddad"),
        ],
    ),
    (
        "c11",
        "Sarah Cohen",
        "en",
        "sarah.cohen@rogers.example",
        "VN-525390",
        "Nova E-City 700",
        ["form", "email"],
        [
            ("reddit", "r_bicycling", "sarahc_ottawa", "sarahc_ottawa"),
            ("bluesky", "b_search", "sarahcohen", "Sarah Cohen"),
        ],
    ),
]

SUBJECT = {
    "fr": [
        "{n}e relance — remboursement de {amount} non reçu (commande {order})",
        "Offre de remboursement {model} : toujours rien",
        "RELANCE : offre de remboursement {amount}, commande {order}",
        "Remboursement différé sans réponse depuis le {first_mail}",
        "Dossier remboursement {order} – {n}e demande",
        "Toujours pas de remboursement ({order})",
    ],
    "qc": [
        "{n}e relance – remise postale de {amount} (commande {order})",
        "Remise postale {model} jamais reçue",
    ],
    "en": [
        "Reminder #{n} - {amount} mail-in rebate not received (order {order})",
        "Mail-in rebate for my {model} - still nothing",
        "Rebate claim {order}, no answer since {first_mail}",
        "Second e-mail since {first_mail}: where is my rebate?",
        "RE: mail-in rebate, order {order}",
    ],
}
GREET = {
    "fr": ["Bonjour,", "Madame, Monsieur,", "Bonjour à l'équipe du service client,", "Bonjour,"],
    "qc": ["Bonjour,", "Bonjour à vous,"],
    "en": ["Hello,", "Hi,", "Dear Velonova customer care,", "To whom it may concern,"],
}
STORY = {
    "fr": [
        "J'ai acheté un {model} le {bought} avec l'offre « {amount} remboursés ». J'ai envoyé "
        "le dossier complet (facture, code-barres, RIB) le {claimed}.",
        "Suite à l'achat de mon {model} (commande {order}), j'ai envoyé ma demande de "
        "remboursement de {amount} le {claimed}, comme indiqué sur le bulletin.",
        "Je vous écris pour la {n}e fois au sujet de l'offre de remboursement de {amount} liée "
        "à ma commande {order}.",
        "Je me permets de revenir vers vous concernant l'offre de remboursement de {amount} "
        "sur le {model} acheté le {bought}.",
    ],
    "qc": [
        "J'ai acheté un {model} le {bought} avec la remise postale de {amount}. Le coupon, "
        "la facture pis le code-barres sont partis par la poste le {claimed}."
    ],
    "en": [
        "I bought a {model} on {bought} with the {amount} mail-in rebate offer. I mailed the "
        "complete claim (receipt, UPC, form) on {claimed}.",
        "This is message number {n} about the {amount} mail-in rebate on order {order}.",
        "Following my purchase of a {model} (order {order}), I sent my rebate claim on "
        "{claimed}, exactly as the form says.",
        "I'm writing again about the {amount} rebate on the {model} I bought on {bought}.",
    ],
}
DESKS = {
    "fr": [
        "Le magasin me dit de voir avec le service client, le service client me renvoie vers "
        "le prestataire de l'offre, et le prestataire ne répond pas.",
        "Au téléphone, on m'a dit le {first_mail} que c'était « en cours de traitement », "
        "puis la semaine suivante que le dossier était introuvable.",
        "On m'a d'abord répondu que ma demande avait été transmise au service concerné, "
        "puis plus rien.",
        "J'ai appelé trois fois : trois interlocuteurs, trois versions différentes.",
        "Votre prestataire PromoGestion affirme que le dossier est incomplet, sans dire ce "
        "qui manque.",
        "Le vendeur m'a conseillé de « renvoyer le dossier », ce que j'ai fait.",
    ],
    "qc": [
        "Le magasin me dit d'appeler le service à la clientèle, le service à la clientèle me "
        "renvoie au magasin. On tourne en rond."
    ],
    "en": [
        "The store tells me to contact customer care, customer care sends me to the rebate "
        "processor, and the processor never answers.",
        "On the phone on {first_mail} I was told it was 'being processed', then a week later "
        "that there was no record of my claim.",
        "The only reply I got said my request 'had been forwarded to the relevant "
        "department'. Nothing since.",
        "Three calls, three agents, three different stories.",
        "Your processor PromoGestion says my claim is incomplete but won't say what's missing.",
    ],
}
TIMELINE = {
    "fr": [
        "Mon premier mail date du {first_mail}, sans réponse.",
        "Cela fait {weeks} semaines que j'attends.",
        "C'est ma {n}e relance.",
        "Aucune réponse depuis le {first_mail}.",
        "Cela fait maintenant {weeks} semaines, et c'est ma {n}e relance.",
    ],
    "en": [
        "My first e-mail was on {first_mail}, no answer.",
        "I've been waiting {weeks} weeks.",
        "This is reminder number {n}.",
        "No answer since {first_mail}.",
        "No answer in {weeks} weeks, and this is reminder number {n}.",
        "No answer since {weeks} weeks.",
    ],
}
ASK = {
    "fr": [
        "Merci de me confirmer la date du virement.",
        "Je vous demande de régulariser sous huit jours.",
        "Pouvez-vous me donner un nom et un délai ?",
        "Je souhaite simplement recevoir ce qui m'a été promis.",
    ],
    "en": [
        "Please confirm when the payment will be sent.",
        "Please settle this within eight days.",
        "Can you give me a name and a date?",
        "I simply want what was promised.",
    ],
}
ESCALATE = {
    "fr": [
        "Sans réponse d'ici vendredi, je saisirai {regulator}.",
        "Je me réserve le droit de rendre ma démarche publique.",
        "À défaut, j'en parlerai publiquement : je ne vois plus d'autre moyen d'être entendu.",
        "Je vous informe que je transmets ce dossier à une association de consommateurs.",
    ],
    "en": [
        "If I hear nothing by Friday, I'll file a complaint with {regulator}.",
        "I reserve the right to make this public.",
        "Otherwise I'll take this public, I see no other way to be heard.",
    ],
}
SIGN = {
    "fr": [
        "Cordialement,\n{name}",
        "Bien cordialement,\n{name}",
        "Salutations,\n{name}\nCommande {order}",
        "{name}\nTél. : 06 •• •• •• ••",
    ],
    "qc": ["Merci,\n{name}", "Bonne journée,\n{name}"],
    "en": ["Regards,\n{name}", "Thanks,\n{name}", "Best,\n{name}\nOrder {order}"],
}

PUBLIC = {
    "fr": [
        "{weeks} semaines que j'attends les {amount} de l'offre de remboursement de mon "
        "{model}. {n} mails, zéro réponse. Commande {order}.",
        "Je ne voulais pas en arriver là, mais après {n} mails sans réponse je poste ici : "
        "offre de remboursement de {amount}, commande {order}, rien reçu depuis le {claimed}.",
        "On me balade de service en service depuis le {first_mail} pour un remboursement de "
        "{amount}. Commande {order}. Quelqu'un chez Vélonova peut-il enfin s'en occuper ?",
        "Petit rappel public puisque les mails ne servent à rien : commande {order}, offre de "
        "remboursement de {amount} envoyée le {claimed}. Toujours rien.",
        "L'offre « {amount} remboursés » sur le {model}, c'est surtout « {amount} jamais "
        "remboursés ». Commande {order}, {n} relances.",
        "Réponse du service client après {weeks} semaines : « votre demande a été transmise "
        "au service concerné ». Très utile. Commande {order}.",
    ],
    "qc": [
        "{weeks} semaines que j'attends ma remise postale de {amount}. Le magasin me renvoie "
        "au service à la clientèle, qui me renvoie au magasin. Commande {order}.",
        "Ça fait {n} courriels que j'envoie pour ma remise de {amount} sur mon {model}. "
        "Pas de réponse. Commande {order}. C'est ben plate d'en arriver là.",
    ],
    "en": [
        "{weeks} weeks waiting for the {amount} mail-in rebate on my {model}. {n} e-mails, "
        "zero answers. Order {order}.",
        "Didn't want to do this publicly, but after {n} e-mails: {amount} rebate, order "
        "{order}, mailed on {claimed}, nothing since.",
        "Bounced from desk to desk since {first_mail} over a {amount} rebate. Order {order}. "
        "Can anyone at Velonova actually fix this?",
        "'{amount} mail-in rebate' on the {model} should read '{amount} never paid'. Order "
        "{order}.",
        "Second e-mail since {first_mail}, still no rebate. Order {order}. "
        "Going public since private doesn't work.",
    ],
}
AFTER_HOLLOW = {
    "fr": [
        "C'est exactement la phrase qu'on me sert depuis le {first_mail}.",
        "Transmise à qui ? J'aimerais un nom.",
        "Merci, mais ça fait {weeks} semaines qu'elle est « transmise ».",
        "Vous me répondez la même chose qu'il y a un mois. Mot pour mot.",
    ],
    "en": [
        "That's the exact sentence I've been getting since {first_mail}.",
        "Forwarded to whom? I'd like a name.",
        "It's been 'forwarded' for {weeks} weeks now.",
        "Same copy-paste as last month.",
    ],
}
THANKS = {
    "fr": [
        "Merci {agent}, j'attends votre appel.",
        "Enfin une vraie réponse, merci.",
        "Virement reçu ce matin, merci {agent}. Dommage qu'il ait fallu passer par ici.",
    ],
    "en": [
        "Thanks {agent}, I'll wait for your call.",
        "Finally a real answer, thank you.",
        "Payment received this morning, thanks {agent}. Shame it took a public post.",
    ],
}
SYMPATHY = {
    "fr": [
        "Pareil pour moi, commande de septembre, toujours rien.",
        "Même chose ici, deux mois d'attente pour l'offre de remboursement.",
        "On devrait se regrouper, on est visiblement nombreux.",
        "J'ai eu le même problème l'an dernier, il a fallu menacer de saisir le médiateur.",
        "Ça ressemble à une stratégie : promettre et ne jamais payer.",
        "Courage, j'ai fini par être remboursé au bout de quatre mois.",
        "Les offres de remboursement, plus jamais. Une vraie remise en caisse ou rien.",
        "Je suis dans le même cas, je vais poster aussi.",
    ],
    "qc": [
        "Même affaire pour moi, ma remise postale est jamais arrivée.",
        "Ça fait trois mois pour ma blonde, pareil.",
    ],
    "en": [
        "Same here, bought in September, nothing yet.",
        "Two months waiting for mine too.",
        "We should compare notes, clearly there are lots of us.",
        "Had the same thing last year, only got paid after threatening a complaint.",
        "Mail-in rebates are designed so people give up.",
        "Hang in there, mine finally came after four months.",
    ],
}

NEWS = {
    "source": "n_ac",
    "day": 6,
    "hour": 8.5,
    "variant": "fr",
    "boost": 2.0,
    "title": "Offres de remboursement : des clients de Vélonova attendent depuis des semaines",
    "slug": "consommation/offres-remboursement-velonova-attente",
    "text": (
        "<p>« Cinquante euros remboursés » : l'offre accompagnait l'achat d'un vélo électrique "
        "Vélonova cet automne. Plusieurs lecteurs nous écrivent qu'ils attendent toujours, après "
        "trois ou quatre relances, renvoyés du magasin au service client et au prestataire.</p>"
        "<p>Vélonova assure que « tous les dossiers complets seront payés avant la fin du mois » "
        "et dit avoir nommé une responsable pour les traiter. Rappel : une offre promotionnelle "
        "engage le vendeur, et le médiateur de la consommation peut être saisi.</p>"
    ),
}
