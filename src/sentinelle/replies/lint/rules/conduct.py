"""Conduct: blaming the customer, asking to remove a post or review."""

from __future__ import annotations

from sentinelle.replies.lint.rules.base import Doc, Messages, matches, pattern
from sentinelle.replies.lint.types import Finding

BLAME: Messages = {
    "fr": (
        "Le client est mis en faute : même s'il s'est trompé, il le lira comme un reproche "
        "et la discussion s'envenime.",
        "Décrivez la solution sans juger : « Pour que cela fonctionne, il faut … ; je vous "
        "guide si vous voulez. »",
    ),
    "en": (
        "The customer is blamed: even when they got something wrong, they will read it as a "
        "reproach and the exchange turns sour.",
        "Describe the fix without judging: “To get this working, … — I can walk you through it.”",
    ),
}
REMOVAL: Messages = {
    "fr": (
        "Demander de supprimer un avis ou une publication n'est jamais acceptable : cela "
        "ressemble à de la censure et relance la polémique.",
        "Réglez le problème, puis demandez poliment s'il accepterait d'ajouter une note de "
        "mise à jour à sa publication.",
    ),
    "en": (
        "Asking to delete a review or post is never acceptable: it looks like censorship and "
        "reignites the story.",
        "Fix the problem, then politely ask whether they would add an update note to their post.",
    ),
}
_EXPECTED = r"(?:recevoir|reçu|être|été|avoir (?:reçu|été|eu)|obtenir|obtenu|bénéficier)"
BLAME_LEXICON = [
    pattern(rf"\bvous auriez (?:dû|du|pu)\b(?! {_EXPECTED})"),
    pattern(
        r"\bvous n['’](?:avez|aviez) (?:pas|jamais) (?:respecté|suivi|lu|vérifié|pris la peine|"
        r"fourni|renseigné|signalé|conservé|déclaré)"
    ),
    pattern(r"\bvous n['’]aviez qu['’]à\b|\bil (?:vous appartenait|vous incombait)\b"),
    pattern(r"\bil aurait fallu (?:que vous|nous prévenir|lire|vérifier)\b"),
    pattern(r"\bsi vous aviez (?:lu|suivi|respecté|vérifié|bien lu|pris)\b"),
    pattern(
        r"\bcomme (?:(?:cela est |c['’]est |il est )?(?:pourtant |clairement |bien |très "
        r"clairement )(?:indiqué|précisé|mentionné|stipulé|écrit|expliqué))"
    ),
    pattern(
        r"\b(?:par|de) votre (?:faute|négligence|fait)\b|\bvotre (?:erreur|négligence|"
        r"oubli)\b|\b(?:une )?mauvaise (?:utilisation|manipulation) de votre part\b"
    ),
    pattern(r"\bvous (?:êtes|étiez) (?:seule? )?responsables?\b|\bvous étiez censée?\b"),
    pattern(r"\bvous avez (?:mal|oublié de|omis de|négligé de|ignoré)\b"),
    pattern(r"\bune simple lecture\b|\bil suffisait de\b"),
    pattern(r"\bvous n['’]êtes pas sans (?:savoir|ignorer)\b|\bvous savez (?:pourtant|bien) que\b"),
    pattern(r"\bas you (?:well |surely |should )?know\b|\bas you are (?:well )?aware\b"),
    pattern(
        r"\byou should(?: have|['’]ve)\b(?! (?:received|had|been|gotten|got|heard|seen it|"
        r"it|them|never|not))"
    ),
    pattern(r"\byou (?:failed|neglected|forgot|omitted) to\b"),
    pattern(
        r"\bas (?:was |is |it is |it was )?(?:clearly|plainly|explicitly) (?:stated|indicated|"
        r"mentioned|explained|written|shown)"
    ),
    pattern(r"\b(?:if|had) you (?:had )?(?:read|followed|checked|respected)\b"),
    pattern(
        r"\byou (?:did not|didn['’]t|never) (?:follow|read|respect|check|provide|register|"
        r"keep|bother)"
    ),
    pattern(
        r"\b(?:your (?:own )?(?:fault|mistake|error|negligence)|user error|due to your "
        r"(?:failure|mistake|negligence|error|misuse|behaviou?r|attitude))\b|\bmisuse\b"
    ),
    pattern(r"\bit (?:was|is) your responsibility\b|\byou were (?:supposed|expected) to\b"),
    pattern(r"\bsimply reading\b|\ball you had to do\b"),
]
_POST_FR = (
    r"(?:avis|commentaires?|publications?|posts?|messages?|articles?|billets?|vidéos?|tweets?|"
    r"notes?|évaluations?|critiques?|témoignages?|fils?|statuts?|photos?|vidéo|blogue?)"
)
_POST_EN = (
    r"(?:reviews?|posts?|comments?|articles?|tweets?|videos?|blog(?: post)?|ratings?|"
    r"threads?|status|photos?|stor(?:y|ies)|testimonials?)"
)
_DET = r"(?:votre|vos|ce|cet|cette|ces|le|la|les|l['’]|son|sa|ses)\s?(?:[\w-]+ )?"
_DET_EN = r"(?:your|the|this|that|these|those|its)\s(?:[\w-]+ )?"
REMOVAL_LEXICON = [
    pattern(
        rf"\b(?:supprimer|retirer|effacer|enlever|dépublier|modérer|masquer|supprimiez|"
        rf"retiriez|effaciez|enleviez|supprimez|retirez|effacez|enlevez) {_DET}{_POST_FR}\b"
    ),
    pattern(rf"\b(?:la suppression|le retrait) de {_DET}{_POST_FR}\b"),
    pattern(
        rf"\b(?:delete|remove|take down|retract|unpublish|hide|edit out) {_DET_EN}{_POST_EN}\b"
    ),
    pattern(rf"\btak(?:e|ing) {_DET_EN}{_POST_EN} (?:down|offline)\b|\btake (?:it|them) down\b"),
    pattern(rf"\b(?:removal|deletion|takedown) of {_DET_EN}{_POST_EN}\b"),
]


def check_blame(doc: Doc) -> list[Finding]:
    """Phrases that put the fault on the customer."""
    return [
        doc.finding("blames_customer", m.start(), m.end(), BLAME)
        for m, _ in matches(doc, BLAME_LEXICON)
    ]


def check_removal(doc: Doc) -> list[Finding]:
    """Requests to delete, hide or take down the customer's publication (negations excluded)."""
    return [
        doc.finding("asks_removal", m.start(), m.end(), REMOVAL)
        for m, _ in matches(doc, REMOVAL_LEXICON, skip_negated=True)
    ]
