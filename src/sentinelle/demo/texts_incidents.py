"""The filmed delivery fiasco and the overheating e-bike batteries."""

from sentinelle.demo.texts_common import DELIVERY_VIDEO

DELIVERY_URL = f"https://www.youtube.com/watch?v={DELIVERY_VIDEO}"

DELIVERY_POSTS = [
    {
        "source": "r_montreal",
        "variant": "qc",
        "comments": 26,
        "title": "Le livreur a lancé mon vélo électrique par-dessus la clôture (caméra de porte)",
        "text": "Commande Vélonova, 3 299 $, la boîte lancée par-dessus une clôture de 6 pieds à "
        "Laval. Le service client me dit de « faire une réclamation auprès du transporteur ». "
        "Ben là. " + DELIVERY_URL,
    },
    {
        "source": "r_bicycling",
        "variant": "en",
        "comments": 30,
        "title": "Courier throws a $3,299 e-bike box over a 6 ft fence. Velonova: "
        "'contact the carrier'",
        "text": "Doorbell cam footage from Laval, QC. The box landed on its side, frame bent. "
        "Velonova told the owner to file a claim with the courier himself. " + DELIVERY_URL,
    },
]

DELIVERY_NEWS = [
    {
        "source": "n_pu",
        "day": 5,
        "hour": 8.0,
        "variant": "qc",
        "boost": 2.5,
        "title": "Vidéo virale : un vélo électrique lancé par-dessus une clôture à Laval",
        "slug": "societe/video-virale-velo-electrique-cloture-laval",
        "text": "<p>Une vidéo de caméra de porte montrant un livreur lancer la boîte d'un vélo "
        "électrique Vélonova par-dessus une clôture a été vue plus de 400 000 fois en 24 heures."
        "</p><p>Le propriétaire, Maxime Lavoie, affirme que le service client lui a d'abord "
        "conseillé de se tourner vers le transporteur. Vélonova dit désormais « prendre le "
        "dossier en main ».</p>",
    },
    {
        "source": "n_mr",
        "day": 5,
        "hour": 12.0,
        "variant": "en",
        "boost": 2.0,
        "title": "Caught on camera: courier tosses e-bike over fence",
        "slug": "2026/courier-tosses-ebike-over-fence-laval",
        "text": "<p>Doorbell footage from Laval showing a courier throwing a boxed Velonova e-bike "
        "over a fence has gone viral. Velonova says it is replacing the bike and reviewing its "
        "contract with the delivery company.</p>",
    },
    {
        "source": "n_qv",
        "day": 6,
        "hour": 9.0,
        "variant": "fr",
        "boost": 1.5,
        "title": "En bref : un VAE Vélonova lancé par-dessus un portail, la vidéo circule",
        "slug": "actu/en-bref-vae-velonova-lance-portail-38302",
        "text": "<p>Après l'affaire de l'antivol, Vélonova fait face à une nouvelle vidéo virale : "
        "au Québec, un livreur lance la boîte d'un vélo électrique par-dessus un portail. La "
        "marque annonce remplacer le vélo.</p>",
    },
]

DELIVERY_REACT = {
    "fr": [
        "Le lancer de vélo, nouvelle discipline olympique.",
        "Il a même pas regardé où ça tombait.",
        "J'ai eu la même chose avec {carrier}, carton éventré et dérailleur tordu.",
        "Le pire c'est la réponse du service client : « voyez avec le transporteur ».",
        "C'est le vendeur qui choisit le transporteur, c'est donc à {brand} de gérer.",
        "3 299 $ qui volent par-dessus une clôture. Magnifique.",
        "J'espère que le vélo n'a rien, un cadre alu ça n'aime pas les chocs.",
        "Refusez toujours la livraison si le carton est abîmé.",
        "C'est pas la faute de {brand}, c'est le livreur.",
        "Les livreurs sont payés au colis, faut pas s'étonner.",
        "{brand} doit reprendre le vélo et en envoyer un neuf, point.",
        "Ma commande arrive jeudi, je vais camper devant la porte.",
        "Entre l'antivol et ça, sale semaine pour {brand}.",
        "La petite prise d'élan avant le lancer 💀",
    ],
    "qc": [
        "Mon voisin de Laval, je reconnais la clôture lol.",
        "Le gars a pas pantoute envie d'être là.",
        "Ben voyons, on lance ça comme une poche de patates.",
        "Y'a pas un cadre de vélo qui survit à ça.",
        "Pis après ils s'étonnent que le monde magasine ailleurs.",
    ],
    "en": [
        "Bike throwing, new Olympic sport.",
        "He didn't even look where it landed.",
        "Same thing happened to my order, box crushed, derailleur bent.",
        "The worst part is support saying 'contact the carrier'.",
        "The seller picks the courier, so it's on {brand} to fix this.",
        "$3,299 flying over a fence. Beautiful.",
        "Aluminum frames really don't like that kind of drop.",
        "Always refuse delivery if the box is damaged.",
        "Not Velonova's fault, it's the courier.",
        "Couriers get paid per parcel, what did you expect.",
        "Velonova should take it back and ship a new one, end of story.",
        "Mine arrives Thursday, taking the day off to guard the door.",
        "The little run-up before the throw 💀",
        "That fence is at least 6 feet.",
        "Rough week for Velonova between the lock and this.",
    ],
}
DELIVERY_SHARE = {
    "fr": [
        "La vidéo de livraison {brand} qui tourne au Québec : {delivery_url}",
        "Quand ton vélo électrique arrive par la voie des airs : {delivery_url}",
        "Regardez jusqu'à la fin 😳 {delivery_url}",
    ],
    "en": [
        "The Velonova delivery video everyone's sharing: {delivery_url}",
        "When your e-bike arrives by air mail: {delivery_url}",
        "Watch till the end 😳 {delivery_url}",
    ],
}

BATTERY = {
    "fr": [
        "Ma batterie de {ebike} a commencé à fumer pendant la charge dans le garage. On a eu "
        "très peur.",
        "Ça a pris feu dans le garage cette nuit. Batterie d'origine, chargeur d'origine.",
        "Odeur de plastique brûlé en rentrant : c'était la batterie du {ebike}. Les pompiers "
        "sont venus.",
        "Le connecteur de charge de mon {ebike} a fondu. Photos à l'appui.",
        "Petite brûlure à la main en retirant la batterie, elle était brûlante après 20 km.",
        "Le SAV me dit que c'est « dans les tolérances ». Une batterie qui fume, dans les "
        "tolérances ?",
        "Ma batterie a gonflé au point de ne plus rentrer dans son logement.",
    ],
    "qc": ["La batterie de mon {ebike} a boucané dans le cabanon hier soir. J'ai eu la chienne."],
    "en": [
        "My {ebike} battery started smoking while charging in the garage. Scary stuff.",
        "It caught fire in the garage last night. Original battery, original charger.",
        "Came home to a burnt plastic smell, it was the {ebike} battery. Fire department came.",
        "The charging port on my {ebike} melted. Pictures attached.",
        "Burned my hand pulling the battery out after a 20 km ride.",
        "Support says it's 'within tolerance'. Smoke is within tolerance?",
        "Battery swelled so much it doesn't fit the frame anymore.",
    ],
}
BATTERY_ASK = {
    "fr": [
        "La batterie de mon {ebike} chauffe beaucoup en charge, c'est normal ?",
        "Est-ce qu'il y a un rappel sur les batteries du {ebike} ? J'ai vu passer des histoires.",
        "On peut charger la batterie dans l'appartement sans risque ?",
    ],
    "en": [
        "My {ebike} battery gets really hot while charging, is that normal?",
        "Is there a recall on {ebike} batteries? I've seen a few stories.",
        "Is it safe to charge the battery indoors?",
    ],
}
BATTERY_SUBJECT = {
    "fr": [
        "URGENT – batterie qui a pris feu",
        "Batterie {ebike} : départ de fumée",
        "Sécurité : batterie gonflée",
        "Incident batterie, demande de prise en charge",
    ],
    "en": [
        "URGENT - battery caught fire",
        "{ebike} battery smoking",
        "Safety issue: swollen battery",
    ],
}
