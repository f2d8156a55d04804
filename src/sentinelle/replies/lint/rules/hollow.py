"""Hollow form letters: forwarding, asking for patience, vague promises — with no real step."""

from __future__ import annotations

from sentinelle.replies.lint.rules.base import Doc, Messages, matches, pattern
from sentinelle.replies.lint.types import Finding

MESSAGES: Messages = {
    "fr": (
        "Formule creuse : le client comprend qu'on le renvoie de service en service, sans "
        "que personne ne s'en occupe.",
        "Dites qui s'en occupe et quand : « Je m'en occupe personnellement et je vous rappelle "
        "demain avant 12 h. »",
    ),
    "en": (
        "Hollow form letter: the customer hears they are being passed from desk to desk, "
        "with nobody in charge.",
        "Say who handles it and when: “I'm handling this myself and will call you tomorrow "
        "before noon.”",
    ),
}
_SENT_FR = r"(?:transmise?s?|transférée?s?|remontée?s?|escaladée?s?|relayée?s?|redirigée?s?)"
_THING_FR = (
    r"(?:demande|réclamation|plainte|dossier|message|e-?mail|mail|courriel|courrier|"
    r"signalement|remarque|requête|commentaire)"
)
_DEPT_FR = (
    r"(?:service|département|équipe|région|direction|pôle|cellule|interlocuteur|agence|"
    r"personnes?|siège)s?"
)
_THING_EN = r"(?:request|complaint|email|e-mail|message|case|ticket|query|feedback|concern|issue)"
LEXICON = [
    pattern(
        rf"\b(?:votre|ta|cette) {_THING_FR} (?:a|ont) (?:bien )?été {_SENT_FR}"
        rf"(?: (?:au|à la|aux|à l['’]|vers (?:le|la|les))? ?{_DEPT_FR}[\w' ]{{0,25}})?"
    ),
    pattern(
        rf"\b(?:nous avons|j['’]ai|on a) (?:bien )?(?:transmis|transféré|remonté|relayé|"
        rf"redirigé|fait suivre|escaladé) (?:votre|ta|cette) {_THING_FR}"
        rf"(?: (?:au|à la|aux|à l['’]) ?{_DEPT_FR}[\w' ]{{0,25}})?"
    ),
    pattern(rf"\b(?:au|le|du|aux) {_DEPT_FR} (?:concernée?s?|compétente?s?|dédiée?s?)\b"),
    pattern(
        r"\bnous vous (?:demandons|prions|remercions) (?:de (?:bien vouloir )?(?:faire preuve "
        r"d['’]un peu de |prendre )?patience|(?:pour|de) votre patience|d['’]un peu de patience|"
        r"un peu de patience)"
    ),
    pattern(r"\b(?:un|encore un) peu de patience\b"),
    pattern(
        r"\b(?:nous|je) (?:reviendrons|reviendrai|revenons|reviens) vers vous "
        r"(?:dans les (?:meilleurs|plus brefs) délais|dès que possible|rapidement|"
        r"prochainement|au plus vite|sous peu)"
    ),
    pattern(
        r"\b(?:sera|seront|est|a été) (?:traitée?s?|étudiée?s?|examinée?s?) "
        r"(?:dans les (?:meilleurs|plus brefs) délais|dès que possible|prochainement|"
        r"avec (?:toute )?l['’]attention)"
    ),
    pattern(
        r"\b(?:votre demande|votre dossier|cela) (?:est en cours de traitement|suit son cours)"
    ),
    pattern(
        r"\b(?:est|sont) (?:actuellement |toujours )?(?:à l['’]étude|en cours d['’](?:analyse|"
        r"examen|étude))|\bune réponse vous sera (?:apportée|donnée|communiquée) "
        r"(?:prochainement|dans les meilleurs délais|rapidement|dès que possible)"
    ),
    pattern(r"\bà qui de droit\b"),
    pattern(r"\b(?:is|are) (?:currently |still )?being (?:looked into|investigated|reviewed)\b"),
    pattern(r"\bnous ne manquerons pas de (?:revenir|vous recontacter|vous tenir informé)"),
    pattern(
        rf"\b(?:we|I)(?:['’]ve| have) (?:forwarded|passed on|escalated|referred|sent|"
        rf"transferred|logged|raised) your {_THING_EN}"
    ),
    pattern(
        rf"\b(?:your|this|the) {_THING_EN} (?:has|have) been (?:forwarded|passed on|escalated|"
        r"referred|transferred|logged|raised|sent)(?: to the (?:relevant|appropriate|concerned|"
        r"right|responsible) (?:team|department|people|person|area))?"
    ),
    pattern(r"\bthe (?:relevant|appropriate|concerned|responsible) (?:team|department|people)\b"),
    pattern(
        r"\b(?:we|I)(?:['’]ll| will| shall) (?:get back to you|be in touch|contact you|revert)"
        r" (?:as soon as possible|asap|shortly|soon|in due course|at the earliest "
        r"(?:opportunity|convenience)|once we hear back)"
    ),
    pattern(r"\b(?:someone|a member of (?:our|the) team) will (?:be in touch|contact you)\b"),
    pattern(r"\b(?:kindly |please )?bear with us\b|\bbe patient\b"),
    pattern(r"\byour (?:request|case|complaint) is (?:being processed|under review|in progress)"),
]


def check(doc: Doc) -> list[Finding]:
    """Deflections, only when the reply gives no concrete step that would redeem them."""
    if doc.steps:
        return []
    found: list[Finding] = []
    for match, _ in matches(doc, LEXICON, skip_negated=True):
        if not any(f.start < match.end() and match.start() < f.end for f in found):
            found.append(doc.finding("hollow", match.start(), match.end(), MESSAGES))
    return found
