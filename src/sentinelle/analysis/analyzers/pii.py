"""Personal data spans (e-mail, phone, IBAN, card, order/account numbers, address, name)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, Self

from sentinelle.analysis.registry import Analyzer
from sentinelle.analysis.types import PiiSpan

if TYPE_CHECKING:
    from sentinelle.analysis.settings import AnalysisSettings
    from sentinelle.analysis.types import Analysis

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b")
CARD = re.compile(r"(?<![\w-])\d(?:[ -]?\d){12,18}(?![\w-])")
PHONE_FR = re.compile(r"(?<![\w+])(?:(?:\+|00)33 ?\(?0?\)? ?|0)[1-9](?:[ .-]?\d{2}){4}(?!\d)")
PHONE_NANP = re.compile(
    r"(?<![\w+])(?:\+?1[ .-]?)?(?:\([2-9]\d{2}\)|[2-9]\d{2})[ .-]?[2-9]\d{2}[ .-]?\d{4}(?!\d)"
)
REFERENCE = re.compile(
    r"\b(?P<ref>[A-Z]{1,4}-\d{4,12})\b"  # VN-123456, CMD-2024001
    r"|(?:#|n°|\b(?:order|ticket|compte|client|contrat|dossier|commande|account|case)"
    r"(?: number| no\.?| num[ée]ro| n°)?\s*:?\s*#?)\s?(?P<ref2>[A-Z0-9-]*\d[A-Z0-9-]{3,})\b",
    re.IGNORECASE,
)
STREET = (
    r"(?:rue|avenue|av\.|boulevard|bd|allée|impasse|chemin|place|route|quai|cours|rang|"
    r"street|st\.?|avenue|ave\.?|road|rd\.?|boulevard|blvd\.?|lane|ln\.?|drive|dr\.?|court)"
)
ADDRESS_FR = re.compile(
    rf"\b\d{{1,4}}(?: ?(?:bis|ter))?,? {STREET} [\w' -]{{2,40}}?(?=[,.\n]|$| \d{{5}}\b)"
    r"(?:,? \d{5} [A-ZÉ][\w-]+)?",
    re.IGNORECASE,
)
ADDRESS_EN = re.compile(rf"\b\d{{1,5}} (?:[A-Z][a-z]+ ){{1,3}}{STREET}\b", re.IGNORECASE)
POSTCODE_CA = re.compile(r"\b[A-Z]\d[A-Z] ?\d[A-Z]\d\b")
NAME_INTRO = re.compile(
    r"(?i:je m'appelle|je m’appelle|mon nom est|mon nom c'est|my name is|my name's)\s+"
    r"([A-Za-zÀ-ÿ][\w'-]+(?: [A-ZÀ-Ý][\w'-]+)?)"
)
NAME_HINT = re.compile(r"appelle|name|nom", re.I)
NOT_NAMES = frozenset({"not", "pas", "is", "est", "the", "le", "la", "on", "in"})


def luhn_ok(digits: str) -> bool:
    """Whether a card number passes the Luhn checksum."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def iban_ok(iban: str) -> bool:
    """Whether an IBAN passes its ISO 13616 mod-97 checksum."""
    s = iban.replace(" ", "").upper()
    if not 15 <= len(s) <= 34:
        return False
    moved = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1


def _card(m: re.Match[str]) -> bool:
    digits = re.sub(r"\D", "", m.group(0))
    return 13 <= len(digits) <= 19 and luhn_ok(digits)


def _name(m: re.Match[str]) -> tuple[int, int] | None:
    first = m.group(1).split(" ")[0]
    return None if first.lower() in NOT_NAMES else m.span(1)


MIN_DIGITS = {"email": 0, "iban": 10, "card": 13, "phone": 10, "reference": 4, "address": 1}
# (kind, pattern, check): earlier kinds win where spans overlap.
RULES: list[tuple[str, re.Pattern[str], Callable[[re.Match[str]], bool] | None]] = [
    ("email", EMAIL, None),
    ("iban", IBAN, lambda m: iban_ok(m.group(0))),
    ("card", CARD, _card),
    ("phone", PHONE_FR, None),
    ("phone", PHONE_NANP, None),
    ("reference", REFERENCE, None),
    ("address", ADDRESS_FR, None),
    ("address", ADDRESS_EN, None),
    ("address", POSTCODE_CA, None),
]


class PiiDetector(Analyzer):
    """Regexes with checksums; spans are located, the values are not copied."""

    name: ClassVar[str] = "pii"
    requires: ClassVar[frozenset[str]] = frozenset({"text"})
    assigns: ClassVar[frozenset[str]] = frozenset({"pii"})

    @classmethod
    def from_settings(cls, settings: AnalysisSettings) -> Self:
        return cls()

    def analyze_batch(self, analyses: list[Analysis]) -> list[Analysis]:
        for analysis in analyses:
            analysis.pii = self.detect(analysis.text)
            analysis.reasons["pii"] = [
                f"{p['kind']} at {p['start']}–{p['end']}" for p in analysis.pii
            ]
        return analyses

    def detect(self, text: str) -> list[PiiSpan]:
        """Every personal-data span in `text`, in order, without overlaps."""
        starts: list[int] = []  # accepted spans, kept sorted for an O(log n) overlap check
        spans: list[PiiSpan] = []

        def add(kind: str, start: int, end: int) -> None:
            i = bisect.bisect_left(starts, start)
            if end <= start or (i < len(spans) and spans[i]["start"] < end):
                return
            if i > 0 and spans[i - 1]["end"] > start:
                return
            starts.insert(i, start)
            spans.insert(i, PiiSpan(kind=kind, start=start, end=end))

        digits = sum(map(text.count, "0123456789"))
        for kind, pattern, check in RULES:
            # Each rule needs a minimum of digits (e-mail an "@"): skip the cheap misses.
            if (kind == "email" and "@" not in text) or digits < MIN_DIGITS[kind]:
                continue
            for match in pattern.finditer(text):
                if check is None or check(match):
                    group = next((g for g in match.groupdict() if match.group(g)), 0)
                    add(kind, *match.span(group))
        for match in NAME_INTRO.finditer(text) if NAME_HINT.search(text) else ():
            span = _name(match)
            if span:
                add("name", *span)
        return spans
