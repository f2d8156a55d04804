"""No acknowledgement: the reply never recognises the customer's problem or feeling."""

from __future__ import annotations

import re

from sentinelle.replies.lint.rules.base import Doc, Messages
from sentinelle.replies.lint.text import fold, negated, wordlist, words
from sentinelle.replies.lint.types import Finding

MESSAGES: Messages = {
    "fr": (
        "Aucune reconnaissance du problème : le client a l'impression de ne pas avoir été lu.",
        "Commencez par nommer son problème et ce qu'il ressent : « Je comprends votre colère : "
        "trois semaines sans vélo, c'est beaucoup trop. »",
    ),
    "en": (
        "No acknowledgement of the problem: the customer feels nobody read their message.",
        "Start by naming their problem and how they feel: “I understand how frustrating three "
        "weeks without your bike must be.”",
    ),
}
EMPATHY = re.compile(
    r"\b(?:je (?:comprends|comprend|conçois|mesure|suis (?:vraiment |sincèrement |tellement )?"
    r"(?:désolée?|navrée?))|nous (?:comprenons|sommes (?:vraiment |sincèrement )?"
    r"(?:désolés?|navrés?))|désolée?s?|navrée?s?|(?:toutes )?(?:nos|mes) excuses|"
    r"je m['’](?:en )?excuse|nous nous excusons|je regrette|nous regrettons|pardon|"
    r"c['’]est (?:inacceptable|anormal|frustrant|exaspérant|injuste)|vous avez raison|"
    r"vous avez (?:toutes les|bien) raisons?|(?:votre|cette) (?:colère|frustration|"
    r"déception|inquiétude|agacement|exaspération)|(?:frustrant|décevant|pénible)|"
    r"je m['’]imagine|veuillez (?:nous |m['’])?excuser|(?:please )?accept (?:our|my) apologies|"
    r"(?:we|I) regret that|j['’]imagine|ça n['’]aurait (?:jamais )?pas dû|cela n['’]aurait pas dû|"
    r"i (?:completely |totally |fully |really )?(?:understand|get it|hear you|can imagine|"
    r"can see why)|we (?:understand|hear you)|(?:i['’]m|i am|we['’]re|we are) "
    r"(?:so |really |truly |very |sincerely )?sorry|sorry|apologi[sz]e|apologies|"
    r"my bad|you(?:['’]re| are) (?:right|absolutely right)|that(?:['’]s| is) "
    r"(?:not okay|not ok|unacceptable|frustrating|not good enough|on us)|frustrat\w+|"
    r"(?:your|the) (?:frustration|anger|disappointment|concern)|disappointing|"
    r"(?:shouldn['’]t|should not) have happened|n['’]aur(?:ait|iez) (?:jamais |pas )?dû)",
    re.IGNORECASE,
)
# Formulas that look like empathy but announce a refusal.
COLD = re.compile(
    r"\b(?:(?:nous avons|j['’]ai) le regret de|regret to inform|we regret that we)\b", re.I
)
GENERIC = wordlist("generic_words")


def _specific_overlap(doc: Doc) -> bool:
    """Whether the reply names specifics of the complaint (shared stems of 4+ letter words)."""
    complaint = doc.context.complaint
    if not complaint:
        return False

    def stems(text: str) -> set[str]:
        return {w[:5] for w in (fold(x) for x in words(text)) if len(w) >= 4 and w not in GENERIC}

    # Two shared stems: one ("colis", "order") is too often a passing word.
    return len(stems(complaint) & stems(doc.text)) >= 2


def check(doc: Doc) -> list[Finding]:
    """Empathy words or a reference to the complaint's specifics; otherwise a finding."""
    text = doc.text
    for match in EMPATHY.finditer(text):
        cold = COLD.search(text[max(0, match.start() - 20) : match.end() + 5])
        if not cold and not negated(text, match.start(), window=20):
            return []
    if _specific_overlap(doc):
        return []
    # Point at the opening of the body (after "Bonjour Marc,"): acknowledgement goes there.
    body = [s for s in doc.sents if len(s.text.split()) > 3] or doc.sents
    start, end = (body[0].start, body[0].end) if body else (0, len(text))
    return [doc.finding("no_acknowledgement", start, end, MESSAGES)]
