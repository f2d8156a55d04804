"""Legal and technocratic language: clause references, legal formulas, internal jargon."""

from __future__ import annotations

import re

from sentinelle.replies.lint.rules.base import Doc, Messages, matches, pattern
from sentinelle.replies.lint.text import wordlist
from sentinelle.replies.lint.types import Finding

MESSAGES: Messages = {
    "fr": (
        "Langage juridique ou administratif : le client se sent renvoyé à un règlement, "
        "pas écouté.",
        "Dites en mots simples ce que la règle signifie pour lui (« la garantie couvre la "
        "serrure pendant deux ans ») au lieu de citer l'article.",
    ),
    "en": (
        "Legal or bureaucratic language: the customer feels pointed at a rulebook, not heard.",
        "Say in plain words what the rule means for them (“the warranty covers the lock for "
        "two years”) instead of citing the clause.",
    ),
}
JARGON: Messages = {
    "fr": (
        "Sigle ou code interne : le client ne sait pas ce que cela veut dire.",
        "Remplacez le sigle par ce qu'il désigne (« notre équipe technique », « le retour du "
        "produit »).",
    ),
    "en": (
        "Internal acronym or code: the customer cannot know what it means.",
        "Replace it with what it stands for (“our technical team”, “the product return”).",
    ),
}
_REF = r"\s*(?:n°\s*)?\d+(?:[.\-]\d+)*(?:\s*[a-z]\b)?"
LEXICON = [
    pattern(rf"\b(?:article|art\.){_REF}"),
    pattern(rf"\b(?:paragraphe|alinéa|clause|section|paragraph|§){_REF}"),
    pattern(r"\b(?:alinéa|sub-paragraph|subsection)\s+[a-z0-9]\b"),
    pattern(r"\bconformément (?:à|aux?)\b", fr="« selon » ou, mieux, dites ce que vous faites."),
    pattern(r"\b(?:nous|je) (?:attirons|attire|nous permettons d['’]attirer) votre attention"),
    pattern(r"\b(?:nous vous rappelons|nous tenons à vous rappeler) que\b"),
    pattern(r"\ben (?:vertu|application) (?:de|du|des)\b"),
    pattern(r"\baux termes (?:de|du|des)\b"),
    pattern(r"\b(?:stipulée?s?|susmentionnée?s?|susvisée?s?|ci-dessus mentionnée?s?)\b"),
    pattern(r"\bnonobstant\b|\bnotwithstanding\b|\bhereby\b|\bherein(?:after)?\b"),
    pattern(r"\b(?:nos |des |les )?conditions générales(?: de vente| d['’]utilisation)?\b"),
    pattern(r"\bdans le cadre (?:contractuel|réglementaire|des dispositions)\b"),
    pattern(r"\b(?:dispositions|clauses) (?:contractuelles|légales|en vigueur)\b"),
    pattern(
        r"\btel(?:le)?s? que (?:prévue?s?|stipulée?s?|définie?s?|précisée?s?) (?:dans|par|à) "
        r"(?:nos|les|l['’]article|votre contrat|le contrat)"
    ),
    pattern(
        r"\bas (?:outlined|set out|specified|detailed|stated|defined) in (?:our|the|your) "
        r"(?:[\w-]+ ){0,2}(?:policy|terms|conditions|contract|agreement)\b"
    ),
    pattern(r"\bplease note that\b|\bwe trust this (?:clarifies|resolves)\b"),
    pattern(r"\bpursuant to\b", en="Drop it and say what you will do."),
    pattern(r"\bas per (?:our|the) (?:terms|policy|policies|conditions|agreement|contract)\b"),
    pattern(r"\bin accordance with (?:clause|section|article|our terms|the terms|our policy)\b"),
    pattern(r"\b(?:we|I) (?:would like to |must )?draw your attention\b"),
    pattern(r"\b(?:aforementioned|aforesaid|the undersigned|le soussigné)\b"),
    pattern(r"\b(?:as )?stipulated (?:in|by|under)\b"),
    pattern(r"\b(?:our |the )?terms (?:and|&) conditions\b"),
    pattern(r"\bwe(?:['’]d| would)? (?:like to )?remind you that\b"),
]
# Acronyms customers know; anything else in capitals reads as internal jargon.
KNOWN = wordlist("known_acronyms")
ACRONYM = re.compile(r"\b(?:[A-Z]{2,5}[0-9]?|[A-Z][0-9])\b(?:[- ]?(?:N|L)[0-9]\b)?")
CODE = re.compile(r"\b[A-Z]{2,5}-[A-Z0-9-]*\d[A-Z0-9-]*\b")
# A code the customer needs ("votre dossier VN-2024-113") is a reference, not jargon.
REFERENCE_INTRO = re.compile(
    r"(?:dossier|référence|réf\.?|numéro|n°|commande|compte|contrat|facture|case|reference|"
    r"ref\.?|ticket|number|order|account|contract|invoice|#)"
    r"\s*:?\s*$",
    re.IGNORECASE,
)


SHOUTED_WORD = re.compile(r"[A-ZÀ-Ý]{6,}")


def _shouted(text: str, start: int, end: int) -> bool:
    """A capitals token next to a long capitalised word is emphasis ("GESTE COMMERCIAL")."""
    before = text[max(0, start - 20) : start].split()
    after = text[end : end + 20].split()
    near = before[-1:] + after[:1]
    return any(SHOUTED_WORD.fullmatch(w.strip(",.;:!?")) for w in near)


def _in_code(text: str, start: int, end: int) -> bool:
    """Letters between digit groups belong to a longer code (an IBAN, a postcode)."""
    before = text[max(0, start - 12) : start].split()[-1:]
    after = text[end : end + 12].split()[:1]
    return any(any(c.isdigit() for c in w) for w in before + after)


def _jargon(doc: Doc) -> list[Finding]:
    text = doc.text
    found: list[Finding] = []
    caps = sum(1 for c in text if c.isupper())
    if caps > 0.5 * (sum(1 for c in text if c.isalpha()) or 1):
        return found  # Written in capitals: every word would look like an acronym.
    codes = [m.span() for m in CODE.finditer(text)]
    for start, end in codes:
        if not REFERENCE_INTRO.search(text[max(0, start - 25) : start]):
            found.append(doc.finding("legalese", start, end, JARGON))
    for match in ACRONYM.finditer(text):
        token, start = match.group(0), match.start()
        inside_code = any(s <= start < e for s, e in codes)
        hyphenated = start > 0 and text[start - 1] in "-'’"
        skip = inside_code or hyphenated or token in KNOWN
        if skip or _shouted(text, start, match.end()) or _in_code(text, start, match.end()):
            continue
        found.append(doc.finding("legalese", start, match.end(), JARGON))
    return found


def check(doc: Doc) -> list[Finding]:
    """Clause references, legal formulas and internal acronyms."""
    found = [
        doc.finding("legalese", m.start(), m.end(), MESSAGES, entry.suggestion.get(doc.lang))
        for m, entry in matches(doc, LEXICON)
    ]
    return found + _jargon(doc)
