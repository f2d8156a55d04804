"""Ownership: a named person signs and a concrete next step (with a time) is promised."""

from __future__ import annotations

from sentinelle.replies.lint.names import signature
from sentinelle.replies.lint.rules.base import Doc, Messages
from sentinelle.replies.lint.types import Finding

NO_PERSON: Messages = {
    "fr": (
        "Signé par un service ou une marque : personne ne prend le dossier en charge.",
        "Présentez-vous et signez de votre prénom : « Je suis Camille, je suis responsable de "
        "votre dossier. — Camille »",
    ),
    "en": (
        "Signed by a department or the brand: nobody is taking charge of the case.",
        "Introduce yourself and sign with your first name: “I'm Camille and I'm looking after "
        "your case. — Camille”",
    ),
}
NO_STEP: Messages = {
    "fr": (
        "Aucune prochaine étape concrète ni délai : le client ne sait pas ce qui va se passer "
        "ni quand.",
        "Promettez une action datée : « je vous rappelle avant 16 h », « le remboursement part "
        "d'ici vendredi ».",
    ),
    "en": (
        "No concrete next step or time: the customer cannot tell what happens next, or when.",
        "Commit to a dated action: “I'll call you before 4 pm”, “the refund goes out by Friday”.",
    ),
}


def check_named_person(doc: Doc) -> list[Finding]:
    """A first name must sign or introduce the reply."""
    if not doc.text.strip():
        return []
    sig = signature(doc.text, doc.context.customer_name)
    if sig.person:
        return []
    return [doc.finding("no_named_person", sig.start, sig.end, NO_PERSON)]


def check_next_step(doc: Doc) -> list[Finding]:
    """At least one committed, timed action or an action already done."""
    if doc.steps or not doc.text.strip():
        return []
    # Point at the body's last sentence: that is where the step belongs.
    body = [s for s in doc.sents if len(s.text.split()) > 3] or doc.sents
    last = body[-1]
    return [doc.finding("no_next_step", last.start, last.end, NO_STEP)]
