"""Concrete next steps: a commitment with a time, or an action already done."""

from __future__ import annotations

import re

from sentinelle.replies.lint.text import Sentence, sentence_at, sentences

_NUM_FR = r"(?:\d+|une?|deux|trois|quatre|cinq|six|sept|huit|dix|douze|quinze|vingt|quarante-huit)"
_NUM_EN = r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|ten|twelve|fifteen|24|48)"
_DAYS_FR = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
_DAYS_EN = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MONTHS_FR = (
    r"(?:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|"
    r"novembre|décembre|decembre)"
)
_MONTHS_EN = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?"
)

TIME = re.compile(
    "|".join(
        [
            r"\b\d{1,2}\s?h(?:eures?)?(?:\s?\d{2})?\b",  # 16 h, 16h30, 9 heures
            r"\b\d{1,2}:\d{2}\b",
            r"\b\d{1,2}(?::\d{2})?\s?[ap]\.?m\b\.?",  # 4 pm, 10:30 a.m.
            r"\b(?:midi|noon|midday)\b",
            r"\b(?:demain|après-demain|aujourd['’]hui|ce soir|ce matin|cet après-midi)\b",
            r"\b(?:dans la journée|dans la matinée|dans l['’]heure|en fin de journée)\b",
            r"\b(?:today|tonight|tomorrow|this (?:morning|afternoon|evening))\b",
            r"\bend of (?:the )?day\b",
            rf"\b(?:dans|sous|d['’]ici) (?:les |la )?(?:prochaine?s? )?{_NUM_FR} "
            r"(?:h\b|heures?|minutes?|jours?(?: ouvr[ée]s| ouvrables)?|semaines?)",
            rf"\b(?:within|in|under) (?:the next )?{_NUM_EN}(?: |-)"
            r"(?:hours?|minutes?|(?:business |working )?days?|weeks?)\b",
            rf"\b(?:d['’]ici|avant|dès|jusqu['’]à) (?:le )?(?:{_DAYS_FR}|"
            r"la fin de (?:la|cette) \w+|demain|ce soir|midi|\d)",
            rf"\b(?:en|d['’]ici|avant|début|fin|facture de|relevé de) {_MONTHS_FR}\b",
            rf"\b(?:in|by|before|early|late|end of|your) {_MONTHS_EN} ?(?:bill|invoice|statement)?",
            rf"\b{_DAYS_FR}(?: prochain| matin| après-midi| soir)?\b",
            rf"\b(?:by|before|on|next|this|until) (?:the )?(?:{_DAYS_EN}|tomorrow|noon|eod|\d)",
            rf"\b{_DAYS_EN}\b",
            r"\b(?:la semaine prochaine|next week|cette semaine|this week)\b",
            rf"\b\d{{1,2}}(?:er)? {_MONTHS_FR}\b",
            rf"\b{_MONTHS_EN} \d{{1,2}}(?:st|nd|rd|th)?\b",
            rf"\b\d{{1,2}}(?:st|nd|rd|th)? {_MONTHS_EN}\b",
        ]
    ),
    re.IGNORECASE,
)
# A deadline is a promise in itself ("d'ici vendredi", "within two hours", "by Friday").
DEADLINE = re.compile(
    rf"\b(?:d['’]ici|avant|au plus tard|by|before|no later than) (?:le |the )?"
    rf"(?:{_DAYS_FR}|{_DAYS_EN}|demain|tomorrow|ce soir|tonight|midi|noon|\d)"
    rf"|\b(?:sous|within|in the next) {_NUM_FR}? ?(?:{_NUM_EN} )?"
    r"(?:h\b|heures?|hours?|minutes?|jours?|days?)",
    re.IGNORECASE,
)
# What the customer must do ("must be returned within 14 days") is not the brand's step.
OBLIGATION = re.compile(
    r"\b(?:must|have to|has to|need to|needs to|required|doit|doivent|devez|devra|devrez|"
    r"il faut|obligatoirement|censée?s?|supposed|open|ouverts?)\b",
    re.IGNORECASE,
)
# Someone commits to something in the sentence: a first person, a future, an imperative "me".
COMMITMENT = re.compile(
    r"\b(?:je|j['’]|nous|notre|nos|moi|me|m['’]|I|I['’](?:ll|m|ve)|we|we['’](?:ll|re|ve)|"
    r"my|our|will|shall|['’]ll|vous (?:recevrez|aurez|serez|pourrez)|sera|seront|"
    r"part|partent|arrive|arrivent|passe|passent|revient|prévue?s?|programmée?s?|"
    r"planifiée?s?|va|vont|ships?|leaves?|arrives?|goes|comes|gets|is back|scheduled|booked|"
    r"planned)\b"
    r"|\w{3,}(?:rai|ra|rons|ront|rez)\b",
    re.IGNORECASE,
)
# The time belongs to what already happened ("devait arriver lundi", "was due on Monday").
PAST = re.compile(
    r"\b(?:devait|devaient|aurait dû|auraient dû|était prévue?s?|hier|depuis|dernier|dernière|"
    r"was due|were due|was supposed|were supposed|was scheduled|yesterday|last|since|ago|"
    r"il y a|ouverts?|open|opening hours|horaires)\b",
    re.IGNORECASE,
)
CLAUSE_BREAK = re.compile(r"[,;:]|\b(?:et|mais|puis|and|but|then)\b", re.IGNORECASE)
# "observée ce matin", "observed this morning": the time dates an event, not a promise.
PARTICIPLE_BEFORE = re.compile(
    r"\b(?:\w+(?:ed|ée?s?)|eu lieu|happened|began|broke|went down)\s+(?:\w+\s+)?"
    r"(?:ce matin|cette nuit|this morning|last night|tonight|today|aujourd['’]hui|ce soir)",
    re.IGNORECASE,
)
DONE = re.compile(
    r"\b(?:j['’]ai|nous avons|on a) (?:déjà |tout de suite |immédiatement |aussi )?"
    r"(?:remboursé|procédé au (?:remboursement|remplacement|renvoi|versement)|crédité|envoyé|"
    r"expédié|renvoyé|annulé|réservé|programmé|planifié|versé|appliqué|rétabli|débloqué|"
    r"corrigé|fait partir|émis|viré)\b"
    r"|\b(?:(?:le|votre) (?:remboursement|virement|rabais|crédit|colis|remplacement)|"
    r"l['’]avoir|(?:la|votre) remise)"
    r" (?:de [\d,. ]+ ?(?:€|\$|euros?|dollars?) )?(?:a été|est) "
    r"(?:effectuée?|versée?|émise?|virée?|expédiée?|validée?|envoyée?|créditée?|appliquée?)"
    r"|\b(?:I|we)(?:['’]ve| have) (?:just |already |now )?(?:refunded|issued|credited|sent|"
    r"shipped|cancell?ed|booked|scheduled|applied|processed|reversed|waived|restored|"
    r"reinstated|paid|corrected|fixed|dispatched|arranged)\b"
    r"|\b(?:expédiée?s?|envoyée?s?|validée?s?|remboursée?s?|créditée?s?|approuvée?s?|"
    r"shipped|sent|approved|credited|refunded|dispatched|mailed|posted|issued)\s+(?:\w+\s+)?"
    r"(?:ce matin|aujourd['’]hui|hier|cet après-midi|this morning|today|yesterday)"
    r"|\b(?:refund|credit|replacement|payment|rebate|reimbursement)"
    r"(?: of [$€£]?[\d,.]+ ?(?:€|\$|dollars|euros)?)? (?:has been|was|is) "
    r"(?:issued|processed|sent|credited|paid|shipped|approved)\b",
    re.IGNORECASE,
)


def find_steps(text: str, sents: list[Sentence] | None = None) -> list[tuple[int, int]]:
    """Spans of concrete next steps: a committed, future time, or an action already done."""
    sents = sents if sents is not None else sentences(text)
    found = [m.span() for m in DONE.finditer(text)]
    for match in TIME.finditer(text):
        sent = sentence_at(sents, match.start())
        deadline = DEADLINE.search(text[max(0, match.start() - 16) : match.end()])
        if sent is None or not (deadline or COMMITMENT.search(sent.text)):
            continue
        # Only the clause that holds the time: "j'ai vu l'équipe hier et je vous appelle jeudi".
        window = text[max(sent.start, match.start() - 60) : match.end()]
        clause = CLAUSE_BREAK.split(window)[-1]
        if PAST.search(clause) or PARTICIPLE_BEFORE.search(clause) or OBLIGATION.search(clause):
            continue
        found.append(match.span())
    return sorted(found)
