"""The entry point: run every rule over one reply and collect a report."""

from __future__ import annotations

from sentinelle.replies.lint.rules import (
    acknowledgement,
    brand,
    conduct,
    hollow,
    legalese,
    ownership,
    privacy,
    readability,
    repetition,
)
from sentinelle.replies.lint.rules.base import Doc, Rule
from sentinelle.replies.lint.text import detect_lang
from sentinelle.replies.lint.types import LintContext, LintReport

# In the order of types.RULES; each returns its findings for one reply.
CHECKS: dict[str, Rule] = {
    "legalese": legalese.check,
    "hollow": hollow.check,
    "no_acknowledgement": acknowledgement.check,
    "no_named_person": ownership.check_named_person,
    "no_next_step": ownership.check_next_step,
    "blames_customer": conduct.check_blame,
    "asks_removal": conduct.check_removal,
    "personal_data": privacy.check,
    "hard_to_read": readability.check,
    "copy_paste": repetition.check,
    "brand_terms": brand.check,
}
LANGS = frozenset({"fr", "en"})


def lint(text: str, *, lang: str | None = None, context: LintContext | None = None) -> LintReport:
    """Lint one reply (French or English, detected when `lang` is None)."""
    text = text or ""
    lang = lang if lang in LANGS else detect_lang(text)
    doc = Doc(text, lang, context or LintContext())
    report = LintReport(lang=lang)
    if not any(c.isalnum() for c in text):
        return report  # Nothing written yet (or only emoji): nothing to advise.
    for check in CHECKS.values():
        report.findings.extend(check(doc))
    report.findings.sort(key=lambda f: (f.start, f.end, f.rule))
    return report
