"""The brand's own replies: good ones (a named person, a delay, plain words) and bad ones
(legalese, hollow form letters, asking to delete a post). ``{first}`` is the customer's first
name when known, ``{agent}`` the agent's."""

GOOD = {
    "fr": [
        "Bonjour {first}, je suis {agent} du service client. Vous avez raison et je prends "
        "votre dossier personnellement. Je vous rappelle avant 16 h aujourd'hui.",
        "{first}, ici {agent}. Je suis désolée pour tout ce temps perdu. J'ai retrouvé votre "
        "commande, je vous écris en privé dans l'heure avec une solution.",
        "Bonjour {first}, {agent} de l'équipe Vélonova. Je m'occupe de votre demande de bout "
        "en bout : je reviens vers vous demain matin au plus tard, promis.",
        "Merci d'avoir pris le temps d'écrire. Je suis {agent}, c'est moi qui suis votre "
        "dossier désormais. Donnez-moi deux heures.",
        "Bonjour {first}, je suis {agent}. Ce n'est pas normal, et je m'en excuse. Je viens "
        "de lancer le remboursement, vous recevrez la confirmation par mail ce soir.",
    ],
    "qc": [
        "Bonjour {first}, ici {agent} du service à la clientèle. Vous avez raison, je prends "
        "votre dossier en main pis je vous appelle avant 16 h."
    ],
    "en": [
        "Hi {first}, I'm {agent} from customer care. You're right, and I'm taking your case "
        "personally. I'll call you before 4 pm today.",
        "{first}, {agent} here. Sorry for all the lost time. I found your order and I'll "
        "message you privately within the hour with a fix.",
        "Hi {first}, {agent} from Velonova. I'm handling this start to finish and will get "
        "back to you by tomorrow morning at the latest.",
        "Thanks for writing. I'm {agent} and I'm your contact from now on. Give me two hours.",
        "Hi {first}, I'm {agent}. This isn't okay and I'm sorry. I've just issued the refund, "
        "you'll get the confirmation e-mail tonight.",
    ],
}
GOOD_LOCK = {
    "fr": [
        "Bonjour {first}, je suis {agent}. Oui, votre Bastion U est concerné et nous "
        "l'échangeons gratuitement, avec ou sans facture : {exchange_url}. Si le formulaire "
        "vous pose problème, répondez-moi ici, je m'en charge.",
        "{first}, ici {agent}. Vous avez raison d'être en colère. L'échange est gratuit, en "
        "magasin ou par la poste : {exchange_url}. Pour le vol de votre vélo, écrivez-moi en "
        "privé, je regarde votre cas personnellement.",
    ],
    "qc": [
        "Bonjour {first}, ici {agent}. Oui, votre cadenas est couvert, l'échange est gratuit: "
        "{exchange_url}. Si ça bloque, écrivez-moi ici pis je m'en occupe."
    ],
    "en": [
        "Hi {first}, {agent} here. Yes, your Bastion U is covered and we'll replace it for "
        "free, receipt or not: {exchange_url}. If the form gives you trouble, reply here and "
        "I'll handle it.",
        "{first}, I'm {agent}. You have every right to be angry. The swap is free, in store or "
        "by mail: {exchange_url}. About your stolen bike, DM me and I'll look at it myself.",
    ],
}
THANKS = {
    "fr": [
        "Merci {first} ! Je transmets à l'équipe, ça va leur faire très plaisir. {agent}",
        "Merci beaucoup {first}, bonne route ! {agent} pour Vélonova",
    ],
    "en": [
        "Thanks {first}! Passing this on to the team, they'll be thrilled. {agent}",
        "Thank you {first}, enjoy the ride! {agent} at Velonova",
    ],
}
ANSWER_HOURS = {
    "fr": [
        "Bonjour {first}, oui ! Nos magasins sont ouverts de 10 h à 19 h du lundi au samedi, "
        "et le dimanche de 10 h à 13 h. {agent}"
    ],
    "qc": [
        "Bonjour {first}! Nos magasins sont ouverts de 10 h à 21 h, pis de 10 h à 17 h la fin "
        "de semaine. {agent}"
    ],
    "en": [
        "Hi {first}, yes! Our stores are open 10 am to 9 pm on weekdays and 10 am to 5 pm on "
        "weekends. {agent}"
    ],
}
ANSWER_KEY = {
    "fr": [
        "Bonjour {first}, pour une clé de rechange il suffit du numéro gravé sur la clé, en "
        "magasin ou sur le site. Comptez une semaine. {agent}"
    ],
    "en": [
        "Hi {first}, for a spare key all you need is the number stamped on your key, in store "
        "or online. It takes about a week. {agent}"
    ],
}
ANSWER = {
    "fr": [
        "Bonjour {first}, bonne question ! Je vous envoie le détail en message privé, et "
        "l'équipe du magasin peut aussi vérifier avec vous sur place. {agent}",
        "Bonjour {first}, oui, c'est possible. Je vous mets le lien vers la fiche technique en "
        "privé. {agent}",
        "Bonjour {first}, je vérifie avec l'atelier et je vous réponds ici avant ce soir. {agent}",
    ],
    "en": [
        "Hi {first}, good question! I'm sending you the details by DM, and the store team can "
        "check it with you in person. {agent}",
        "Hi {first}, yes, that works. I'll DM you the spec sheet. {agent}",
        "Hi {first}, let me check with the workshop, I'll answer here before tonight. {agent}",
    ],
}
LEGALESE = {
    "fr": [
        "Bonjour, conformément à l'article 4.2 de nos conditions générales de vente, les "
        "accessoires de sécurité sont garantis contre les défauts de fabrication et non contre "
        "les tentatives d'effraction. Nous vous invitons à consulter nos CGV.",
        "Madame, Monsieur, nous attirons votre attention sur l'article 7.3 c) de nos CGV, qui "
        "précise que les offres de remboursement sont traitées par notre prestataire dans un "
        "délai indicatif.",
        "Nos produits sont conformes aux normes en vigueur. Conformément à l'article 4.2 de nos "
        "CGV, aucune réclamation ne peut être reçue sans facture originale.",
        "Conformément à l'article 9.1 de nos CGV, les dommages survenus lors du transport "
        "doivent faire l'objet de réserves auprès du transporteur sous 48 heures.",
    ],
    "en": [
        "Hello, pursuant to section 4.2 of our Terms of Sale, security accessories are "
        "warranted against manufacturing defects only, not against attempted theft.",
        "As stated in section 7.3(c) of our Terms and Conditions, rebate claims are processed "
        "by our third-party partner within an indicative timeframe.",
        "Pursuant to section 9.1 of our Terms of Sale, transport damage must be reported to "
        "the carrier within 48 hours.",
    ],
}
HOLLOW = {
    "fr": [
        "Bonjour, votre demande a été transmise au service concerné.",
        "Nous sommes désolés pour la gêne occasionnée. Merci de nous contacter en message privé.",
        "Votre message a bien été pris en compte. Un conseiller reviendra vers vous dans les "
        "meilleurs délais.",
        "Nous prenons note de votre remarque. Bonne journée.",
    ],
    "en": [
        "Hello, your request has been forwarded to the relevant department.",
        "We're sorry for the inconvenience. Please send us a DM.",
        "Your message has been noted. An advisor will get back to you as soon as possible.",
    ],
}
DELETE = {
    "fr": [
        "Bonjour, nous vous demandons de retirer ce message, qui contient des informations "
        "inexactes et porte atteinte à l'image de notre marque.",
        "Merci de supprimer cette publication. Nous traiterons votre demande uniquement par mail.",
    ],
    "en": [
        "Please remove this post, it contains inaccurate information that harms our brand.",
        "Kindly delete this thread. We will only handle your request by e-mail.",
    ],
}
DELETE_BLOG = (
    "Bonjour, nous vous demandons de retirer cet article et la vidéo associée sous 48 heures, "
    "faute de quoi nous nous réservons le droit d'engager des poursuites. Le service juridique "
    "de Vélonova."
)

# what the customer answers to the brand's reply
FOLLOW_BAD = {
    "fr": [
        "Merci pour le copier-coller.",
        "C'est tout ? Sérieusement ?",
        "Transmise à qui ? J'aimerais un nom.",
        "Je vous ai déjà écrit en privé trois fois.",
        "Une vraie personne, ça existe chez vous ?",
        "Ça, c'est la réponse qui me fait partir.",
        "Vos CGV, je les connais. Je veux une solution.",
    ],
    "qc": ["Ben là, c'est toute?", "Un vrai humain, ça se peut-tu?"],
    "en": [
        "Thanks for the copy-paste.",
        "That's it? Seriously?",
        "Forwarded to whom? I'd like a name.",
        "I've already DMed you three times.",
        "Is there an actual human there?",
        "I know your terms. I want a solution.",
    ],
}
FOLLOW_DELETE = {
    "fr": [
        "Supprimer mon message ? Non. Réglez le problème.",
        "Vous demandez de supprimer au lieu de répondre, bravo.",
        "Capture d'écran faite, au cas où.",
        "Mon message reste. Votre réponse aussi, d'ailleurs.",
    ],
    "en": [
        "Delete my post? No. Fix the problem.",
        "Asking me to delete instead of answering. Wow.",
        "Screenshot taken, just in case.",
    ],
}
FOLLOW_GOOD = {
    "fr": [
        "Merci, j'attends votre appel.",
        "Merci pour la réponse rapide.",
        "Voilà qui change tout, merci.",
        "Merci {agent}, c'est réglé !",
    ],
    "qc": ["Merci ben gros, c'est apprécié."],
    "en": [
        "Thanks, I'll wait for your call.",
        "Thanks for the quick answer.",
        "That's more like it, thank you.",
        "Thanks {agent}, all sorted!",
    ],
}
