"""Everyday complaints in French (France, and Québec additions in ``QC``).

For each topic: ``body`` (the complaint), ``detail`` (a fact that backs it), ``subject`` (an
e-mail or form subject), ``sarcasm`` and ``implicit`` (complaints that do not say so).
"""

FR = {
    "late-delivery": {
        "body": [
            "Commande {order} passée il y a {days} jours, toujours pas livrée.",
            "Mon {ebike} devait arriver lundi, le suivi n'a pas bougé depuis une semaine.",
            "Livraison annoncée « sous 72 h », on en est à {days} jours.",
            "Le colis est « en cours d'acheminement » depuis le {ago}.",
            "Trois dates de livraison différentes en dix jours, et toujours rien.",
            "J'ai posé une journée de congé pour rien, personne n'est passé.",
            "Le transporteur dit qu'il n'a jamais reçu le colis de votre entrepôt.",
        ],
        "detail": [
            "Le suivi {carrier} affiche « incident » sans plus d'explication.",
            "J'ai payé 49 € de livraison express.",
            "C'était un cadeau d'anniversaire.",
            "J'en ai besoin pour aller au travail, je prends le bus en attendant.",
            "Personne ne décroche au numéro indiqué sur le site.",
        ],
        "subject": [
            "Commande {order} non livrée",
            "Retard de livraison – commande {order}",
            "Où est ma commande ?",
        ],
        "sarcasm": [
            "Merci {brand} pour cette formidable leçon de patience. Jour {days}.",
            "Livraison express, qu'ils disaient. Express comme un escargot en vacances.",
        ],
        "implicit": [
            "Jour {days} sans nouvelles de ma commande {order}. Jour {days}.",
            "Quelqu'un a déjà reçu un vélo de chez {brand} en moins d'un mois ?",
        ],
    },
    "wrong-size": {
        "body": [
            "J'ai commandé un cadre M, j'ai reçu un XL.",
            "Le guide des tailles du site est faux : je fais 1,68 m et le S est trop grand.",
            "Vélo enfant commandé en 24 pouces, reçu en 20.",
            "Le casque taille L reçu est un S, étiquette comprise.",
            "On m'a conseillé une taille en magasin, elle ne me convient pas du tout.",
        ],
        "detail": [
            "Pour l'échange, on me demande de payer le retour.",
            "Le carton a été ouvert, visiblement un retour client renvoyé tel quel.",
            "Ma fille attendait son vélo pour la rentrée.",
        ],
        "subject": ["Erreur de taille – commande {order}", "Échange de taille"],
        "sarcasm": ["Taille M commandée, XL reçue : {brand} croit en mon potentiel de croissance."],
        "implicit": ["Quelqu'un veut un cadre XL jamais roulé ? Je mesure 1,65 m."],
    },
    "missing-parts": {
        "body": [
            "Vélo reçu en kit… sans les vis de la potence.",
            "Il manque {accessory} dans le carton.",
            "Le chargeur n'était pas dans la boîte de mon {ebike}.",
            "Pas de pédales dans le carton, je suis censé pédaler avec quoi ?",
            "La notice renvoie à une pièce B7 qui n'existe pas dans le sachet.",
            "Une des clés du Bastion U manquait dans l'emballage.",
        ],
        "detail": [
            "Le magasin me dit de voir avec le site, le site me dit de voir avec le magasin.",
            "Ça fait {days} jours que le vélo est dans mon salon, inutilisable.",
            "On m'a promis un envoi de la pièce « sous 48 h » il y a deux semaines.",
        ],
        "subject": ["Pièces manquantes – commande {order}", "Colis incomplet"],
        "sarcasm": [
            "Merci {brand} pour ce magnifique vélo en kit… sans les vis 🙃",
            "Un vélo livré sans pédales, c'est une trottinette conceptuelle ?",
        ],
        "implicit": [
            "Est-ce que quelqu'un a une vis de potence M5 à me prêter ? Demande sans "
            "rapport avec {brand}, évidemment."
        ],
    },
    "double-charge": {
        "body": [
            "J'ai été débité deux fois pour la même commande ({order}).",
            "Prélèvement de {price_ebike} passé deux fois sur mon compte.",
            "Le paiement en 3 fois a été prélevé en une fois, et en plus deux fois.",
            "On m'a facturé la livraison alors qu'elle était offerte.",
            "Facture avec une TVA erronée, impossible de me la faire corriger.",
        ],
        "detail": [
            "Ma banque me dit que c'est au marchand de rembourser.",
            "Je suis à découvert à cause de ça.",
            "Le service client me répond que « le système ne montre qu'un paiement ».",
        ],
        "subject": ["Double prélèvement commande {order}", "Erreur de facturation"],
        "sarcasm": ["Un vélo acheté, deux payés : la promo de l'année chez {brand}."],
        "implicit": [
            "Petite question : c'est normal de voir deux fois {price_ebike} sur son relevé ?"
        ],
    },
    "app-outage": {
        "body": [
            "{app} plante à l'ouverture depuis la mise à jour.",
            "Impossible de déverrouiller l'antivol connecté, l'appli ne répond plus.",
            "L'appli affiche « erreur serveur » depuis ce matin.",
            "Plus moyen de voir l'autonomie de la batterie dans l'appli.",
            "La connexion Bluetooth avec le vélo saute toutes les deux minutes.",
            "Impossible de me connecter à mon compte, mot de passe réinitialisé trois fois.",
        ],
        "detail": [
            "J'ai dû laisser le vélo au bureau et rentrer à pied.",
            "Désinstallé, réinstallé, rien à faire.",
            "Et bien sûr la FAQ ne dit rien.",
        ],
        "subject": ["Application inutilisable", "Bug appli depuis la mise à jour"],
        "sarcasm": [
            "Merci pour la mise à jour qui rend l'appli plus légère : elle ne s'ouvre plus du tout."
        ],
        "implicit": ["C'est moi ou {app} est encore en panne ?"],
    },
    "rude-staff": {
        "body": [
            "Accueil glacial à {store}, on m'a fait sentir que je dérangeais.",
            "Le vendeur de {store} a levé les yeux au ciel quand j'ai parlé de garantie.",
            "On m'a répondu « c'est pas mon rayon » et on m'a tourné le dos.",
            "Le technicien de l'atelier m'a parlé comme à un enfant.",
            "On m'a reproché d'avoir « mal utilisé » le vélo sans même le regarder.",
        ],
        "detail": [
            "J'étais client fidèle depuis six ans.",
            "Il y avait d'autres clients, c'était gênant.",
            "J'ai demandé à voir un responsable, « il n'est pas là ».",
        ],
        "subject": ["Accueil en magasin", "Plainte concernant un employé"],
        "sarcasm": ["Merci à {store} pour l'accueil chaleureux, on se serait cru à la préfecture."],
        "implicit": ["Il faut prendre rendez-vous pour qu'on vous dise bonjour à {store} ?"],
    },
    "warranty-refused": {
        "body": [
            "Garantie refusée pour un cadre fissuré au bout de 14 mois.",
            "On me refuse la garantie du moteur parce que le vélo « a été utilisé sous la pluie ».",
            "La batterie ne tient plus que 15 km, garantie refusée pour « usure normale ».",
            "Le dérailleur a lâché au bout de trois mois, et on me parle de « choc ».",
            "On me demande 89 € de diagnostic pour une pièce sous garantie.",
        ],
        "detail": [
            "C'est un vélo, il est fait pour rouler dehors, non ?",
            "Le vélo a toujours été entretenu dans vos ateliers, factures à l'appui.",
            "La garantie légale de conformité, ça vous dit quelque chose ?",
        ],
        "subject": ["Refus de garantie – commande {order}", "Contestation refus de garantie"],
        "sarcasm": [
            "Un vélo électrique qui craint la pluie, à {city}. Excellent choix de conception."
        ],
        "implicit": [
            "Petite question : la garantie {brand}, elle couvre quoi exactement ? À part rien."
        ],
    },
    "price-increase": {
        "body": [
            "Le {ebike} a pris 300 € depuis l'été, pour le même vélo.",
            "Les pièces détachées ont augmenté de 20 % sans prévenir.",
            "L'entretien annuel est passé de 59 € à 89 €.",
            "Prix baissé le lendemain de mon achat, et on refuse de rembourser la différence.",
        ],
        "detail": [
            "Toujours le même vélo, même couleur, même moteur.",
            "Vous perdez des clients fidèles avec ce genre de pratique.",
        ],
        "subject": ["Différence de prix", "Hausse des tarifs atelier"],
        "sarcasm": ["{brand}, le seul vélo qui prend de la valeur en restant en magasin."],
        "implicit": ["Le {ebike} est toujours au prix de l'été ou j'ai raté un épisode ?"],
    },
    "unreachable": {
        "body": [
            "Impossible de joindre le service client : 45 minutes d'attente puis ça raccroche.",
            "Le chat du site répond « un conseiller va vous répondre » depuis hier.",
            "Quatre mails, zéro réponse.",
            "Le numéro de téléphone renvoie vers un message « nous ne pouvons donner suite ».",
            "Le formulaire de contact plante à l'envoi, j'ai essayé sur trois navigateurs.",
        ],
        "detail": [
            "Il ne reste que les réseaux sociaux pour espérer une réponse.",
            "Même le magasin ne sait pas comment les joindre.",
            "Mon premier mail date du {ago}.",
        ],
        "subject": ["Sans réponse depuis le {ago}", "Impossible de vous joindre"],
        "sarcasm": ["Service client {brand} : joignable uniquement par télépathie."],
        "implicit": [
            "Est-ce que quelqu'un lit les mails chez {brand} ?",
            "Il y a encore quelqu'un au service client de {brand} ou c'est fermé définitivement ?",
        ],
    },
    "repair-delay": {
        "body": [
            "Vélo déposé à l'atelier de {store} il y a {days} jours pour une simple révision.",
            "Six semaines d'attente pour un rayon, on m'annonce encore deux semaines.",
            "On m'a rendu le vélo avec les freins plus mal réglés qu'avant.",
            "Le vélo est « en attente de pièce » depuis le {ago}.",
        ],
        "detail": [
            "Aucun vélo de prêt proposé.",
            "Personne ne rappelle quand on laisse un message.",
        ],
        "subject": ["Réparation en attente depuis le {ago}", "Atelier : délai de réparation"],
        "sarcasm": [
            "Révision express chez {brand} : {days} jours. Prochaine étape, la révision éternelle."
        ],
        "implicit": ["Des nouvelles de mon vélo, quelqu'un ? Déposé le {ago}."],
    },
    "return-refund": {
        "body": [
            "Vélo retourné sous 14 jours, toujours pas remboursé après un mois.",
            "Retour accepté par mail mais le remboursement n'arrive pas.",
            "On m'a remboursé en bon d'achat alors que j'avais demandé un remboursement.",
            "Mon avoir a expiré sans qu'on me prévienne.",
        ],
        "detail": [
            "J'ai la preuve de dépôt du colis retour.",
            "Le délai légal est de 14 jours, je le rappelle.",
        ],
        "subject": ["Remboursement retour – commande {order}", "Retour non remboursé"],
        "sarcasm": ["Retour en 2 clics, remboursement en 2 siècles."],
        "implicit": ["Les remboursements chez {brand}, c'est en combien de mois en ce moment ?"],
    },
}

QC = {
    "late-delivery": {
        "body": [
            "Ma commande {order} devait arriver avant la première neige, on "
            "est rendus en novembre pis rien.",
            "Le livreur a laissé un avis de passage, j'étais chez nous toute la journée.",
        ]
    },
    "missing-parts": {
        "body": [
            "Pas de vis dans la boîte pour le support à vélo. Faut que je "
            "m'en aille à la quincaillerie?"
        ]
    },
    "rude-staff": {"body": ["Le commis à {store} m'a répondu bête, j'ai jamais vu ça."]},
    "warranty-refused": {
        "body": [
            "Ils refusent la garantie parce que j'ai roulé dans la "
            "slush. C'est le Québec, voyons donc."
        ]
    },
    "unreachable": {
        "body": ["J'ai attendu une heure au téléphone pis ça a coupé. Pantoute de service."]
    },
    "price-increase": {
        "body": [
            "Le même vélo coûte 400 $ de plus qu'au printemps, j'ai "
            "magasiné ailleurs pis c'est moins cher."
        ]
    },
    "app-outage": {"body": ["L'app marche pu depuis la mise à jour, c'est quoi l'affaire?"]},
}

OPEN = {
    "mild": [
        "Petite déception :",
        "Bon, un peu déçu.",
        "Je ne suis pas du genre à râler, mais",
        "Dommage :",
        "Rien de grave, mais",
        "Petite remarque :",
    ],
    "plain": [
        "Bonjour,",
        "Bonjour {brand},",
        "Coup de gueule :",
        "Franchement,",
        "Encore une fois,",
        "Sérieusement,",
        "Je vous écris car",
        "Question au service client :",
    ],
    "angry": [
        "C'est une blague ?",
        "J'en ai ras-le-bol.",
        "Là, trop c'est trop.",
        "Honteux.",
        "Inadmissible.",
        "Je suis furieux.",
        "Ça suffit.",
    ],
}
OPEN_QC = {"plain": ["Allô {brand},", "Bonjour,"], "angry": ["Ben là.", "Chu en beau maudit."]}

EMAIL_ASK = [
    "Merci de me tenir informé rapidement.",
    "Je souhaite une solution sous huit jours.",
    "Merci de me rappeler au numéro indiqué dans mon compte.",
    "J'attends votre retour.",
    "Pouvez-vous me dire où en est ma demande ?",
]
EMAIL_SIGN = [
    "Cordialement,",
    "Bien cordialement,",
    "Salutations,",
    "Merci d'avance,",
    "Bonne journée,",
]
ME_TOO = [
    "Pareil ici.",
    "Même souci chez moi.",
    "Idem, commande passée la même semaine.",
    "Même chose, et toujours aucune réponse.",
    "+1, pareil.",
    "Bienvenue au club.",
    "Ah, je me sentais moins seul.",
    "Exactement pareil il y a un mois.",
]
ME_TOO_QC = ["Même affaire pour moi.", "Mets-en, pareil ici."]
