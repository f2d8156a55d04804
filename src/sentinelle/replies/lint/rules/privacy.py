"""Personal or confidential data in a public reply."""

from __future__ import annotations

import re

from sentinelle.analysis.analyzers.pii import PiiDetector
from sentinelle.replies.lint.rules.base import Doc, Messages
from sentinelle.replies.lint.types import Finding

MESSAGES: Messages = {
    "fr": (
        "Donnée personnelle dans une réponse publique : tout le monde peut la lire et la "
        "réutiliser.",
        "Retirez-la et proposez de poursuivre en message privé : « Je vous écris en privé pour "
        "les détails de votre commande. »",
    ),
    "en": (
        "Personal data in a public reply: anyone can read and reuse it.",
        "Remove it and move the details to a private message: “I've sent you a DM about your "
        "order details.”",
    ),
}
# The agent introducing themselves ("je m'appelle Camille") is not a leak.
SKIPPED_KINDS = frozenset({"name"})
_DETECTOR = PiiDetector()
# The shared detector knows French and North American numbers; UK ones are added here.
PHONE_UK = re.compile(r"(?<![\w+])(?:\+44 ?(?:\(0\) ?)?|0)(?:\d{2,4} ?){2}\d{3,4}(?!\d)")


def check(doc: Doc) -> list[Finding]:
    """E-mails, phones, IBAN, cards, order or account numbers, addresses, full names."""
    if not doc.context.public:
        return []
    found = [
        doc.finding("personal_data", span["start"], span["end"], MESSAGES)
        for span in _DETECTOR.detect(doc.text)
        if span["kind"] not in SKIPPED_KINDS
    ]
    for match in PHONE_UK.finditer(doc.text):
        digits = sum(c.isdigit() for c in match.group(0))
        overlaps = any(f.start < match.end() and match.start() < f.end for f in found)
        if 10 <= digits <= 12 and not overlaps:
            found.append(doc.finding("personal_data", match.start(), match.end(), MESSAGES))
    # A first name is how one greets; first name and surname together identify the person.
    name = (doc.context.customer_name or "").strip()
    if len(name.split()) >= 2:
        at = doc.text.lower().find(name.lower())
        if at >= 0:
            found.append(doc.finding("personal_data", at, at + len(name), MESSAGES))
    return sorted(found, key=lambda f: f.start)
