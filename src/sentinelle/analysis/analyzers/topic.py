"""Topic of a mention from a keyword taxonomy (default, or a brand's own from settings)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar, Self

from sentinelle.analysis.lexicon import compile_groups, lexicon_of, lower_same_length, terms_body
from sentinelle.analysis.registry import Analyzer

if TYPE_CHECKING:
    from sentinelle.analysis.settings import AnalysisSettings
    from sentinelle.analysis.types import Analysis

OTHER = "other"
# Ordered: on a tie, the earlier topic wins (safety and outages matter most).
DEFAULT_TOPICS: dict[str, list[str]] = {
    "safety": [
        r"dangerous|dangereu(?:x|se)|unsafe|hazard\w*",
        r"food poisoning|intoxication",
        r"injur\w+|bless(?:é|ée|ure)s?",
        r"caught fire|pris feu|on fire|brûl\w+|burn(?:ed|t)",
        r"explo\w+|électrocut\w*|electric shock|allergic|allergique|hospital|hôpital|urgences",
    ],
    "outage": [
        r"outage|down|offline|no (?:signal|service|network|internet|connection|wifi|wi-fi)",
        r"not working|doesn'?t work|stopped working|can'?t connect|no connection",
        r"panne|en panne|coupure|coupé|plus de (?:réseau|internet|connexion|tv|télé|wifi)",
        r"pas de (?:réseau|internet|connexion|wifi|tv)|sans (?:internet|connexion|wifi|réseau)",
        r"(?:ne )?(?:marche|fonctionne) (?:plus|pas)|hors service|déconnecté\w*|réseau",
        r"étape [0-9]|bloqué\w* (?:à|a) l'étape|connexion",
    ],
    "billing": [
        r"bill(?:ed|ing|s)?|charged?|charges|overcharg\w+|refund\w*|invoice|direct debit",
        r"factur\w+|prélev\w+|rembours\w+|débit\w*|frais|payé|paiement|payment|recouvrement",
    ],
    "delivery": [
        r"deliver\w*|shipping|shipped|shipment|parcel|package|courier|tracking|arrived|arrive",
        r"livr\w+|colis|expédi\w+|suivi|reçu|pas arrivé|installation|raccordement|technicien",
        r"engineer|rendez-vous|rdv|appointment|activation",
    ],
    "product_defect": [
        r"broken|broke|faulty|defective|damaged|cracked|stopped working|doesn'?t work|quality",
        r"cassé\w*|défectu\w+|abîmé\w*|endommagé\w*|en panne|bug\w*|plante|redémarre",
        r"box|freebox|décodeur|player|télécommande|remote|firmware|app|application|update",
    ],
    "customer_service": [
        r"customer (?:service|care|support)|support|helpline|call cent(?:re|er)|agent|staff",
        r"rude|on hold|no (?:reply|response|answer)|nobody|ignored|hung up",
        r"service client|conseill\w+|hotline|injoignable|répon\w+|personne ne|rappel\w*",
        r"accueil|boutique|store|shop|manager",
    ],
    "pricing": [
        r"price\w*|pricing|expensive|cost\w*|too much|overpriced|promo\w*|discount|deal",
        r"prix|tarif\w*|cher|chère|augmentation|hausse|promo\w*|offre|réduction|€|\$|£",
    ],
    "account_contract": [
        r"account|contract|subscription|subscribe\w*|cancel\w*|login|log in|password|sign up",
        r"compte|contrat|abonnement|abonn\w+|résili\w+|mot de passe|identifiant|forfait",
        r"engagement|migration|option|portabilité|rio",
    ],
}


class TopicClassifier(Analyzer):
    """The topic with the most keyword matches; "other" when nothing matches."""

    name: ClassVar[str] = "topic"
    requires: ClassVar[frozenset[str]] = frozenset({"text"})
    assigns: ClassVar[frozenset[str]] = frozenset({"topic"})

    def __init__(self, topics: list[str], pattern: re.Pattern[str]) -> None:
        self.topics = topics
        self.pattern = pattern

    @classmethod
    def from_settings(cls, settings: AnalysisSettings) -> Self:
        taxonomy = {t: terms for t, terms in (settings.topics or DEFAULT_TOPICS).items() if terms}
        topics = list(taxonomy)
        # One regex pass for the whole taxonomy; group t<i> says which topic matched.
        groups = {f"t{i}": terms_body(*taxonomy[topic]) for i, topic in enumerate(topics)}
        return cls(topics, compile_groups(groups))

    def analyze_batch(self, analyses: list[Analysis]) -> list[Analysis]:
        for analysis in analyses:
            analysis.topic, matched = self.classify(analysis.text[:20_000])
            analysis.reasons["topic"] = (
                [f"matched {', '.join(repr(m) for m in matched[:5])}"]
                if matched
                else ["no topic keyword matched"]
            )
        return analyses

    def classify(self, text: str) -> tuple[str, list[str]]:
        """(topic, matched keywords) for one text; ties go to the earlier topic."""
        hits: dict[int, list[str]] = {}
        for match in self.pattern.finditer(lower_same_length(text)):
            hits.setdefault(int(lexicon_of(match)[1:]), []).append(
                text[match.start() : match.end()]
            )
        if not hits:
            return OTHER, []
        best = max(hits, key=lambda i: (len(hits[i]), -i))
        return self.topics[best], hits[best]
