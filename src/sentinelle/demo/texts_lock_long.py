"""The pen lock: long texts (blog articles, news articles, thread openers) as published."""

from sentinelle.demo.texts_common import BLOG_URL, EXCHANGE_URL, LOCK_VIDEO, TWN_URL

VIDEO = f"https://www.youtube.com/watch?v={LOCK_VIDEO}"

BLOG_POST = {
    "title": "Antivol Vélonova Bastion U : ouvert en 12 secondes avec un stylo bille (vidéo)",
    "url": BLOG_URL,
    "text": (
        "<p>On l'a acheté, on l'a testé, et on a un problème. L'antivol en U <strong>Bastion U"
        "</strong> de Vélonova, vendu 89 € et présenté comme « haute sécurité », s'ouvre en "
        "<strong>12 secondes</strong> avec le corps d'un stylo bille ordinaire.</p>"
        "<p>En cause, son cylindre à clé tubulaire (la clé ronde et creuse) : en enfonçant le "
        "tube d'un stylo dans la serrure et en tournant avec un peu de pression, les goupilles "
        "se calent et le pêne libère l'anse. Nous avons reproduit l'opération sur trois "
        "exemplaires achetés dans deux magasins différents. Trois sur trois.</p>"
        f'<p>▶ <a href="{VIDEO}">Voir la vidéo (2 min 40)</a></p>'
        "<p>Nous avons écrit à Vélonova lundi avant publication, sans réponse à ce jour. "
        "En attendant, notre conseil : <em>doublez avec un second antivol à clé plate</em>, "
        "et vérifiez la forme de votre clé.</p>"
        "<p>Mise à jour à venir dès que la marque réagit.</p>"
    ),
}
BLOG_UPDATE = {
    "title": "Mise à jour : Vélonova annonce l'échange gratuit des Bastion U",
    "url": "https://carnet-cycliste.example/articles/bastion-u-mise-a-jour-echange/",
    "text": (
        '<p>Suite à <a href="' + BLOG_URL + '">notre article de mardi</a>, Vélonova nous a '
        "contactés. Camille, responsable du service client, nous a appelés jeudi, a reconnu le "
        "problème sans détour et nous a détaillé le programme d'échange.</p>"
        "<ul><li>Échange gratuit de tous les Bastion U à clé tubulaire, avec ou sans facture ;"
        "</li><li>en magasin ou par la poste, frais de port pris en charge ;</li>"
        "<li>nouveau modèle à clé plate à disques, que nous testerons la semaine prochaine.</li>"
        "</ul>"
        f'<p>Le formulaire : <a href="{EXCHANGE_URL}">{EXCHANGE_URL}</a>. Nous saluons la '
        "réaction, même tardive. Reste la question des vélos volés : la marque dit étudier les "
        "cas « un par un ». Nous suivrons ça.</p>"
    ),
}
TWN_POST = {
    "title": "We tried the pen trick on Velonova's Bastion U. It works.",
    "url": TWN_URL,
    "text": (
        '<p>Yesterday French blog <a href="' + BLOG_URL + '">Le Carnet du Cycliste</a> '
        "showed Velonova's Bastion U U-lock being opened with a ballpoint pen. We bought two at "
        "the Plateau store this morning to check.</p>"
        "<p>Result: the first one opened in 19 seconds, the second in 41. Same trick, a cheap "
        "pen barrel pushed into the tubular cylinder and turned. No special skill needed; our "
        "intern had never picked a lock in her life.</p>"
        "<p>The Bastion U is sold for $119 in Canada and bundled with several e-bikes. Velonova "
        "Canada has not answered our questions yet.</p>"
        "<p><strong>What to do now:</strong> add a second lock with a flat or disc-detainer "
        "key, and don't leave your bike out overnight.</p>"
    ),
}
MAG_POST = {
    "title": "Bastion U : ce que Vélonova aurait dû dire mardi",
    "url": "https://velotafmag.example/opinion/bastion-u-ce-que-velonova-aurait-du-dire/",
    "text": (
        "<p>Une faille, ça arrive à toutes les marques. Ce qui transforme un défaut en crise, "
        "c'est la réponse. Mardi soir, la page Facebook de Vélonova renvoyait les clients vers "
        "« l'article 4.2 des CGV ». Mercredi, on leur répondait que « leur demande avait été "
        "transmise au service concerné ».</p>"
        "<p>Il aurait suffi d'une phrase : <q>Vous avez raison, nous allons échanger tous les "
        "antivols concernés, voici comment.</q> Un nom, un délai, un lien.</p>"
        "<p>Les clients ne demandent pas la perfection. Ils demandent qu'on les prenne au "
        "sérieux.</p>"
    ),
}

NEWS = [
    {
        "source": "n_qv",
        "day": 3,
        "hour": 7.2,
        "variant": "fr",
        "boost": 3.0,
        "title": "Antivols : le Bastion U de Vélonova mis en échec par un simple stylo",
        "slug": "actu/antivols-bastion-u-velonova-stylo-38211",
        "text": (
            "<p>Par <strong>Anne Léger</strong></p><p>Une vidéo publiée mardi par le blog Le "
            "Carnet du Cycliste montre l'antivol en U Bastion U de Vélonova ouvert en quelques "
            "secondes avec un stylo bille. Depuis, les témoignages de propriétaires se "
            "multiplient sur les forums et les réseaux sociaux.</p><p>Contacté, le fabricant "
            "indique « analyser la situation ». Sur sa page Facebook, le service client a "
            "d'abord renvoyé les clients à ses conditions générales de vente, ce qui a attisé "
            "la colère.</p><p>Les cylindres à clé tubulaire sont connus pour cette faiblesse "
            "depuis le milieu des années 2000.</p>"
        ),
    },
    {
        "source": "n_ac",
        "day": 3,
        "hour": 11.5,
        "variant": "fr",
        "boost": 4.0,
        "title": "Antivol ouvert avec un stylo : que peuvent exiger les clients de Vélonova ?",
        "slug": "consommation/antivol-velonova-stylo-droits-clients",
        "text": (
            "<p>Le <strong>Bastion U</strong>, antivol vendu 89 € par Vélonova, s'ouvre avec un "
            "stylo. Garantie légale de conformité, vice caché : on fait le point sur vos "
            "recours.</p><p>« Un antivol qui ne protège pas n'est pas conforme à l'usage "
            "attendu », rappelle une juriste de l'UFC-Que Choisir. Les acheteurs peuvent "
            "demander la réparation ou le remplacement du produit, et à défaut son "
            "remboursement.</p><p>Conservez votre preuve d'achat et faites votre demande par "
            'écrit. <a href="' + BLOG_URL + '">La vidéo du Carnet du Cycliste</a>.</p>'
        ),
    },
    {
        "source": "n_mr",
        "day": 3,
        "hour": 9.0,
        "variant": "en",
        "boost": 4.0,
        "title": "Velonova's 'Bastion' bike lock beaten by a ballpoint pen",
        "slug": "2026/bike-lock-ballpoint-pen-velonova-bastion",
        "text": (
            "<p>By <strong>Dana Whitfield</strong></p><p>A video circulating among cyclists "
            "shows Velonova's Bastion U lock, sold for $119 in Canada, opened in seconds with "
            "the barrel of a cheap pen. Several readers told Metro Ride News they reproduced "
            "the trick at home.</p><p>Velonova Canada said it was 'looking into the matter' "
            "and did not say whether a recall was planned. A cyclist in the Plateau told us "
            "she had been using the lock every day for two years.</p>"
        ),
    },
    {
        "source": "n_pu",
        "day": 3,
        "hour": 11.0,
        "variant": "qc",
        "boost": 3.5,
        "title": "Un cadenas Vélonova ouvert avec un crayon : l'OPC reçoit des plaintes",
        "slug": "consommation/cadenas-velonova-crayon-opc",
        "text": (
            "<p>L'Office de la protection du consommateur confirme avoir reçu « quelques "
            "plaintes » au sujet du cadenas en U Bastion U de Vélonova, qu'une vidéo montre "
            "ouvert avec un simple crayon.</p><p>Au magasin du Plateau, mercredi, les clients "
            "se succédaient pour demander un remboursement. « On nous a dit d'attendre les "
            "consignes du siège », raconte Geneviève, cycliste quatre saisons.</p>"
        ),
    },
    {
        "source": "n_qv",
        "day": 4,
        "hour": 8.0,
        "variant": "fr",
        "boost": 5.0,
        "title": "Bastion U : Vélonova promet l'échange gratuit de ses antivols",
        "slug": "actu/bastion-u-velonova-echange-gratuit-38260",
        "text": (
            "<p>Après trois jours de polémique, Vélonova annonce l'échange gratuit de tous les "
            "Bastion U à clé tubulaire, « avec ou sans facture ». Le nouveau modèle utilise une "
            "clé plate à disques.</p><p>« Nous aurions dû réagir plus vite et plus simplement. "
            "Nous nous en excusons », écrit la marque, qui ouvre un formulaire en ligne "
            f'(<a href="{EXCHANGE_URL}">{EXCHANGE_URL}</a>).</p>'
        ),
    },
    {
        "source": "n_mr",
        "day": 4,
        "hour": 10.0,
        "variant": "en",
        "boost": 5.0,
        "title": "Velonova to replace Bastion U locks for free after pen video",
        "slug": "2026/velonova-replace-bastion-u-locks-free",
        "text": (
            "<p>Velonova will replace every Bastion U lock with a tubular key free of charge, "
            "the company said Friday, after a video showed the lock opened with a pen. Owners "
            "can swap them in store or by mail, receipt or not.</p><p>The company did not say "
            "whether it would compensate owners whose bikes were stolen.</p>"
        ),
    },
    {
        "source": "n_ac",
        "day": 5,
        "hour": 9.5,
        "variant": "fr",
        "boost": 3.0,
        "title": "Échange des Bastion U : le mode d'emploi",
        "slug": "consommation/echange-bastion-u-mode-emploi",
        "text": (
            "<p>Formulaire en ligne, magasin ou courrier : voici comment obtenir votre nouvel "
            "antivol Vélonova. Les premiers retours de lecteurs sont plutôt positifs, malgré "
            "un formulaire capricieux jeudi soir.</p><p>Si votre vélo a été volé alors qu'il "
            "était attaché avec un Bastion U, écrivez au service client en joignant votre "
            "dépôt de plainte : la marque dit examiner ces cas individuellement.</p>"
        ),
    },
    {
        "source": "n_ea",
        "day": 4,
        "hour": 7.0,
        "variant": "fr",
        "boost": 2.0,
        "title": "Vélonova : l'affaire de l'antivol pourrait coûter plusieurs millions",
        "slug": "entreprises/velonova-affaire-antivol-cout",
        "text": (
            "<p>Échange gratuit, frais de port, image de marque : l'affaire du Bastion U tombe "
            "au pire moment pour Vélonova, à six semaines des fêtes. L'entreprise aurait vendu "
            "plus de 60 000 exemplaires de l'antivol depuis 2021.</p><p>« La faille est banale, "
            "la gestion l'a été beaucoup moins », résume un consultant en communication.</p>"
        ),
    },
    {
        "source": "n_pu",
        "day": 5,
        "hour": 9.0,
        "variant": "qc",
        "boost": 2.5,
        "title": "Cadenas Vélonova : l'échange commence, file d'attente au Plateau",
        "slug": "consommation/cadenas-velonova-echange-file-plateau",
        "text": (
            "<p>Samedi matin, une trentaine de cyclistes attendaient devant le magasin du "
            "Plateau pour échanger leur cadenas Bastion U. « Ça s'est fait en dix minutes », "
            "raconte Jean-Philippe, qui regrette toutefois de l'avoir appris par les médias."
            "</p>"
        ),
    },
    {
        "source": "n_mr",
        "day": 5,
        "hour": 14.0,
        "variant": "en",
        "boost": 1.5,
        "title": "How to tell if your bike lock has a tubular cylinder",
        "slug": "2026/how-to-tell-tubular-cylinder-bike-lock",
        "text": (
            "<p>After the Velonova Bastion U story, readers asked how to check their own locks. "
            "Look at the key: if it is round and hollow, the lock uses a tubular cylinder. Flat "
            "keys with wavy cuts or disc-detainer keys resist this attack far better.</p>"
        ),
    },
    {
        "source": "n_qv",
        "day": 6,
        "hour": 9.5,
        "variant": "fr",
        "boost": 1.5,
        "title": "Antivols : bien choisir après l'affaire Bastion U",
        "slug": "conseils/antivols-bien-choisir-apres-bastion-u-38321",
        "text": (
            "<p>Clé plate, cylindre à disques, anse de 16 mm au moins : nos critères pour "
            "choisir un antivol en U, après une semaine qui a fait douter beaucoup de "
            "cyclistes. Et toujours : deux antivols de types différents valent mieux qu'un.</p>"
        ),
    },
]

FORUM_THREADS = [
    {
        "source": "f_velotaf",
        "variant": "fr",
        "replies": 40,
        "champion": "hugof",
        "title": "[Alerte] Antivol Bastion U de Vélonova ouvert avec un stylo ?!",
        "text": (
            "Salut à tous, je viens de tomber sur l'article du Carnet du Cycliste : "
            + BLOG_URL
            + "\n\nIls ouvrent le Bastion U en 12 secondes avec un stylo bille. J'en ai deux à la "
            "maison, je vais tester ce soir. Quelqu'un a déjà essayé ?"
        ),
    },
    {
        "source": "f_biketalk",
        "variant": "en",
        "replies": 36,
        "champion": None,
        "title": "Velonova Bastion U - pen bypass (video)",
        "text": (
            "French cycling blog posted this yesterday: " + VIDEO + "\n\nBastion U opened with "
            "a ballpoint pen in 12 s. Anyone here using one? Mine's on my commuter right now."
        ),
    },
    {
        "source": "f_veloqc",
        "variant": "qc",
        "replies": 16,
        "champion": None,
        "title": "Cadenas Bastion U ouvert avec un crayon, vous en pensez quoi?",
        "text": (
            "Allô la gang, vous avez vu la vidéo? " + VIDEO + "\n\nJ'ai le même cadenas depuis "
            "deux ans, il est sur mon vélo d'hiver. Ça me donne pas envie de le laisser au métro "
            "demain matin."
        ),
    },
]
EXCHANGE_THREAD = {
    "source": "f_velotaf",
    "variant": "fr",
    "replies": 16,
    "champion": "hugof",
    "title": "Échange Bastion U : vos retours d'expérience",
    "text": (
        "Bon, Vélonova échange enfin les Bastion U (" + EXCHANGE_URL + "). Je propose qu'on "
        "centralise ici les retours : délai, magasin ou courrier, modèle reçu."
    ),
}

REDDIT_POSTS = [
    {
        "source": "r_velo",
        "variant": "fr",
        "day": 2,
        "comments": 18,
        "title": "L'antivol Bastion U de Vélonova s'ouvre avec un stylo Bic "
        "(vidéo du Carnet du Cycliste)",
        "text": BLOG_URL,
    },
    {
        "source": "r_bicycling",
        "variant": "en",
        "day": 2,
        "comments": 44,
        "title": "PSA: Velonova Bastion U opens with a Bic pen in ~12 seconds (video)",
        "text": "Saw this on a French blog, then tried it on mine. It works. "
        + VIDEO
        + "\n\nIf you use one, add a second lock until they fix it.",
    },
    {
        "source": "r_montreal",
        "variant": "qc",
        "day": 3,
        "comments": 12,
        "title": "Cadenas Vélonova ouvert avec un crayon - attention au métro Mont-Royal",
        "text": "Mon vélo a été volé vendredi au métro Mont-Royal, barré avec un Bastion U. "
        "Je pensais que le voleur avait une disqueuse. Ben non. " + VIDEO,
    },
]

BRAND_STATEMENT = {
    "fr": (
        "Information importante concernant l'antivol Bastion U. Vous avez raison : la vidéo "
        "publiée mardi montre un vrai défaut de notre cylindre tubulaire. Nous échangeons "
        "gratuitement tous les Bastion U concernés, avec ou sans facture, en magasin ou par la "
        f"poste : {EXCHANGE_URL}. Nous aurions dû le dire plus tôt et plus simplement, nous "
        "nous en excusons. Camille et toute l'équipe service client répondent à vos questions "
        "ici même."
    ),
    "qc": (
        "Bastion U : vous avez raison, et on s'excuse. On échange gratuitement tous les "
        "cadenas à clé ronde, avec ou sans facture, en magasin ou par la poste : "
        f"{EXCHANGE_URL}. Sophie et Marc-André répondent à vos questions dans les commentaires."
    ),
    "en": (
        "About the Bastion U lock: you're right, and we're sorry. We're replacing every Bastion "
        "U with a tubular key free of charge, receipt or not, in store or by mail: "
        "https://velonova.example/en/bastion-u/exchange. Emily and the care team are answering "
        "questions in the replies."
    ),
    "short": (
        "About the Bastion U: you're right, and we're sorry. Free replacement for every "
        "tubular-key Bastion U, receipt or not: https://velonova.example/en/bastion-u/exchange. "
        "Emily and the team are answering your replies."
    ),
}
