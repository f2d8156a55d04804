"""French and English patterns for escalation signals; each match is evidence."""

from __future__ import annotations

import re

from sentinelle.analysis.lexicon import NUMBER, compile_groups, terms_body

N = NUMBER
CONTACT_EN = (
    r"(?:called|rang|phoned|emailed|e-mailed|contacted|messaged|dm'?e?d|wrote to|tweeted|"
    r"chatted with|spoke to|spoken to|complained)"
)
CONTACT_FR = (
    r"(?:appelé|téléphoné|contacté|relancé|écrit|envoyé (?:un|des|plusieurs) "
    r"(?:mails?|courriers?|messages?|recommandés?)|réclamé|signalé)"
)

# The author already tried to get it fixed, and it failed (GUIDELINES: double deviation).
DOUBLE_DEVIATION_TERMS = terms_body(
    rf"{CONTACT_EN}\b[^.!?\n]{{0,40}}\b(?:{N} times|twice|again|every day|repeatedly)",
    r"still (?:no|waiting|haven'?t|hasn'?t|not (?:fixed|resolved|sorted|working|received|heard)"
    r"|nothing|no word)",
    r"no (?:reply|response|answer|one got back|callback)[^.!?\n]{0,20}\b(?:yet|since|after|for)",
    rf"(?:for|over|after|in|almost|nearly) {N} (?:weeks?|months?)",
    r"been waiting",
    r"(?:\d+(?:st|nd|rd|th)|third|fourth|fifth|umpteenth) (?:time|call|e-?mail|complaint|"
    r"attempt|request|chaser)",
    r"(?:passed|transferred|bounced|sent) (?:from|around|between)[^.!?\n]{0,30}"
    r"(?:department|team|person|desk|agent)s?",
    r"nobody (?:has )?(?:called|got|gets|rang|came) back",
    r"(?:engineer|technician) (?:never|didn'?t|did not|failed to) (?:show|turn|come)",
    r"(?:promised|told) (?:me )?(?:a )?(?:call ?back|refund|replacement)[^.!?\n]{0,30}"
    r"(?:never|nothing|still)",
    r"on hold for",
    r"yet again",
    r"toujours pas (?:de |d')?(?:réponse|retour|nouvelles?|solution|technicien|remboursement|"
    r"rappel|réparé|résolu|rétabli|remboursé|reçu|activée?)",
    r"(?:vous ne|vous|même plus vous|personne ne) (?:répondez|répond|rappelez) (?:pas|jamais|plus)",
    r"(?:jamais|aucune?) (?:de )?(?:réponse|retour|rappel)",
    r"(?:j'appelle|j'ai appelé|on appelle|je relance) "
    r"(?:tous les jours|chaque jour|sans arrêt|encore)",
    r"(?:on|j'ai|nous avons) (?:ouvert|ouvre|fait) (?:des|plusieurs|\d+) (?:tickets|réclamations|"
    r"signalements|demandes)",
    r"maintes fois",
    r"(?:\d+|plusieurs|deux|trois|quatre|cinq|dix) (?:rdv|rendez-vous|techniciens?|appels|"
    r"relances|réclamations|mails)",
    r"(?:ne viennent|n'est) jamais (?:venu|venus)?",
    r"(?:nous|me|vous) (?:promène|promènent|balade|baladent)",
    r"au bout de (?:\d+ ?jours|\d+ semaines?|\d+ mois|une semaine)",
    rf"{CONTACT_FR}[^.!?\n]{{0,40}}(?:{N} fois|plusieurs fois|à nouveau|encore)",
    rf"(?:ça fait|depuis|voilà|bientôt|plus de) {N} (?:semaines?|mois)",
    r"(?:depuis|ça fait|voilà|bientôt|plus de) (?:[7-9]|[1-9]\d+|sept|huit|neuf|dix) jours",
    r"(?:[7-9]|[1-9]\d+) (?:jours|j) sans",
    rf"{N} (?:semaines?|mois) (?:sans|d'attente|que)",
    r"(?:\d+ ?(?:e|è|ème|eme)|troisième|quatrième|énième|nième) (?:relance|appel|réclamation|"
    r"fois|mail|courrier|ticket|rendez-vous)",
    r"(?:renvoyé|baladé|transféré)[^.!?\n]{0,20}(?:service en service|l'un à l'autre|"
    r"de gauche à droite)",
    r"personne ne (?:répond|rappelle|me rappelle|nous rappelle|vient|bouge)",
    r"aucune (?:réponse|nouvelle|solution|suite)",
    r"(?:technicien|rdv|rendez-vous)[^.!?\n]{0,30}(?:jamais venu|pas venu|pas passé|annulé|"
    r"n'est pas venu|n'est jamais venu|pas présenté|lapin)",
    r"(?:on|ils) m'a(?:vait|vaient)? promis",
    r"service client (?:injoignable|aux abonnés absents)",
    r"(?:ticket|dossier|réclamation) (?:ouvert|en cours)[^.!?\n]{0,30}(?:depuis|toujours|rien)",
    r"pas de (?:retour|réponse) (?:depuis|après)",
)

# Threats, by target kind. Order matters: the first kind that matches a span wins.
THREAT_TERMS: dict[str, list[str]] = {
    "legal": terms_body(
        r"(?:sue|suing|sued)(?: you)?",
        r"(?:my|a|see you in|take (?:you|this|it) to) (?:lawyer|attorney|solicitor|court)s?",
        r"legal action",
        r"small claims",
        r"class action",
        r"avocats?",
        r"(?:porter|déposer|porté|portée|déposé|porte|dépose) plainte",
        r"tribunal",
        r"en justice",
        r"mise en demeure",
        r"huissier",
        r"action collective",
        r"recours collectif",
    ),
    "regulator": terms_body(
        r"arcep",
        r"dgccrf",
        r"ufc[- ]?que[- ]?choisir",
        r"que choisir",
        r"60 millions(?: de consommateurs)?",
        r"médiateur(?: des communications électroniques| des télécoms)?",
        r"signal ?conso",
        r"office de la protection du consommateur",
        r"opc",
        r"crtc",
        r"ccts",
        r"better business bureau",
        r"bbb",
        r"fcc",
        r"ftc",
        r"ofcom",
        r"trading standards",
        r"ombudsman",
        r"consumer (?:protection|rights|watchdog)",
        r"association de consommateurs",
    ),
    "media": terms_body(
        r"(?:go|going|went|contact|contacting|tell|telling|call|calling|email|write|writing|"
        r"alert|tweet|send)\w*[^.!?\n]{0,20}(?:the )?(?:press|media|journalists?|newspapers?|"
        r"reporters?|bbc|watchdog|marketplace)",
        r"(?:contacter|contacte|alerter|alerte|prévenir|appeler|appelle|écrire|aller voir|saisir|"
        r"envoyer|balancer|passer)[^.!?\n]{0,20}(?:la presse|les médias|médias|journalistes?|"
        r"bfm\w*|le parisien|envoyé spécial|capital|la facture|j\.?e\.?|tva nouvelles)",
    ),
    "public": terms_body(
        r"(?:make|making|go|going) (?:this |it )?(?:public|viral)",
        r"tell (?:everyone|everybody|all my)",
        r"(?:write|leave|post)(?:ing)? (?:a )?(?:bad |terrible |1[- ]star )?reviews?",
        r"trustpilot",
        r"rendre (?:ça |cela )?public",
        r"faire (?:le )?buzz",
        r"faire tourner",
        r"(?:faire|vous faire) (?:une )?(?:pub|publicité)",
        r"(?:partout|sur tous les) réseaux",
    ),
    "competitor": terms_body(
        r"(?:switch|switching|move|moving|go|going|went|changing|change) (?:over )?to "
        r"(?:orange|sfr|bouygues|sosh|red|verizon|at&t|t-?mobile|vodafone|o2|ee|virgin|sky|"
        r"bt|bell|rogers|telus|vidéotron|fizz|comcast|spectrum|a competitor|another provider)",
        r"(?:passer|partir|aller|retourner|retour|passe|pars|vais|repasser) (?:chez|à) "
        r"(?:orange|sfr|bouygues|sosh|red|b&you|la concurrence|vidéotron|bell|fizz)",
        r"(?:chez|à) la concurrence",
        r"chang\w* d'opérateur",
    ),
    "leave": terms_body(
        r"cancel(?:l?ing)? (?:my|our|the) (?:account|subscription|contract|order|service|plan)",
        r"(?:take|taking) my (?:business|money) elsewhere",
        r"(?:i'?m|we'?re|i am) (?:done|finished) with (?:you|this)",
        r"(?:never|won'?t) (?:buy|fly|shop|order|use|book)(?:ing)?[^.!?\n]{0,30} again",
        r"(?:closing|close) my account",
        r"(?:leaving|leave) (?:you|for good)",
        r"(?:je|j'|on|nous)(?: vais| vas| va| veux| compte| allons)? ?(?:résilie|résilier|"
        r"résilions|résilié)",
        r"je (?:demande|lance|fais|ferai) (?:la|ma) résiliation",
        r"(?:aller|tester|voir|partir) ailleurs",
        r"adieu",
        r"je me casse",
        r"je (?:vous )?quitte",
        r"(?:c'est le moment|il est temps) de (?:quitter|partir|changer)",
        r"je m'en vais",
        r"je décale",
        r"plus jamais (?:free|chez vous|ça)?",
        r"j'arrête (?:mon|mes|l') ?(?:abonnement|contrat|forfait|box|offre)",
        r"(?:c'est )?(?:fini|terminé) (?:avec|pour) (?:vous|free|moi)",
        r"(?:dernier|derniers) mois (?:chez|avec) (?:vous|free)",
    ),
}


# What makes a threat not one: negation or a hypothetical just before it.
THREAT_NEGATION = re.compile(
    r"(?:\bnot\b|\bnever\b|\w+n't\b|\bno need\b|\bpas\b|\bjamais\b|\bne\b|\bn'|\baucun\w*|\bsans\b)"
    r"[^.!?,;\n]{0,12}$|(?:aurais|aurait|aurions) d[uû][^.!?\n]{0,10}$|should have[^.!?\n]{0,10}$",
)

SAFETY_TERMS = terms_body(
    r"food poisoning",
    r"(?:got|get|gotten|made me|made my \w+|making me) (?:really |so |very )?(?:sick|ill)",
    r"(?:in|to) (?:the )?(?:hospital|a&e|er|emergency room)",
    r"injur(?:ed|y|ies)",
    r"burn(?:ed|t|s)? (?:my|his|her|their|our)",
    r"caught fire",
    r"(?:on fire|exploded|explosion|exploding)",
    r"electric(?:al)? shock",
    r"chok(?:ed|ing) (?:on|hazard)",
    r"allergic reaction",
    r"(?:dangerous|hazardous|unsafe|safety hazard)",
    r"(?:glass|metal|plastic|a bug|insects?|mould|mold) (?:in|inside) (?:my|the)",
    r"intoxication(?: alimentaire)?",
    r"(?:rendu|tombé|suis|été) malade",
    r"(?:à |aux )?urgences",
    r"hôpital",
    r"brûl(?:é|ée|ure|ures)",
    r"(?:pris|prend) feu",
    r"(?:explosé|explosion)",
    r"électrocut(?:é|ée|ion)",
    r"décharge électrique",
    r"dangereu(?:x|se)",
    r"bless(?:é|ée|ure|ures)",
    r"réaction allergique",
    r"(?:morceau de verre|bout de verre|moisissure|moisi)",
)

# A request or question addressed to the brand.
REQUEST_TERMS = terms_body(
    r"(?:please|pls|plz) (?:help|advise|reply|respond|call|fix|contact|dm|sort|check|let me know)",
    r"(?:can|could|will|would) (?:you|someone|anyone) (?:please )?\w+",
    r"when (?:will|is|are|do|does|can)",
    r"how (?:do|can|long) (?:i|we|you)",
    r"any (?:update|news|eta|idea)",
    r"help ?!",
    r"what(?:'s| is) going on",
    r"s'il (?:vous|te) pla[iî]t",
    r"svp",
    r"stp",
    r"merci de (?:me|nous) (?:répondre|rappeler|contacter|recontacter|dire|tenir)",
    r"(?:pouvez|pourriez|pourrez)[- ]vous",
    r"(?:peux|pourrais)[- ]tu",
    r"quand (?:est-ce|allez|va|vont|pensez|aurons|aurai|sera)",
    r"est-ce (?:normal|que)",
    r"c'est normal",
    r"une idée",
    r"des nouvelles",
    r"(?:combien de temps|comment faire|que faire|qu'est-ce qui se passe)",
    r"(?:help|aide)z?[- ]?(?:me|moi)",
)
SECOND_PERSON = re.compile(r"(?<!\w)(?:you|your|u|vous|votre|vos|tu|ton|ta|tes|@\w+)(?!\w)")
QUESTION = re.compile(r"[^.!?\n]{3,}\?")

# All signal lexicons in one regex pass; the group name says which matched.
SIGNALS = compile_groups(
    {
        "double_deviation": DOUBLE_DEVIATION_TERMS,
        **{f"threat_{target}": terms for target, terms in THREAT_TERMS.items()},
        "safety": SAFETY_TERMS,
        "needs_answer": REQUEST_TERMS,
    }
)
