"""E-mails, phones, order and account numbers: found in a record, normalised, with an owner."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from sentinelle.cases.linking.wordlists import phrases, words
from sentinelle.core.text import fold

if TYPE_CHECKING:
    from sentinelle.cases.linking.records import AuthorRecord

Owner = Literal["self", "other"]

EMAIL = re.compile(r"(?<![\w.+-])([\w.+-]+)@([\w-]+(?:\.[\w-]+)*\.[a-z]{2,})", re.IGNORECASE)
PHONE_FR = re.compile(r"(?<![\w+])(?:(?:\+|00)33\s?\(?0?\)?\s?|0)([1-9](?:[\s.-]?\d{2}){4})(?!\d)")
PHONE_NANP = re.compile(
    r"(?<![\w+-])(?:\+?1[\s.-]?)?\(?([2-9]\d{2})\)?[\s.-]?([2-9]\d{2})[\s.-]?(\d{4})(?![\d-])"
)
PHONE_INTL = re.compile(r"(?<![\w+])\+(?!33|1\b)(\d{2,3}(?:[\s.-]?\d){6,12})(?!\d)")
_NUMBER = r"#?\s*((?:[A-Z]{1,4}-?)?\d{5,12})\b"
_NO = r"(?:\s*(?:n[°oº]\.?|no\.?|num[ée]ro|number|#|id))?\s*:?\s*(?:(?:est|is) (?:le |the )?)?"
PREFIXED = re.compile(r"(?<![\w-])([A-Z]{2,4})-(\d{5,12})\b")
ORDER = re.compile(
    rf"\b(?:commande|cmd|order|achat|purchase|facture|invoice)s?{_NO}{_NUMBER}", re.IGNORECASE
)
ACCOUNT = re.compile(
    rf"\b(?:compte(?: client)?|account|abonn[ée]e?|contrat|contract|membre|member|"
    rf"(?:num[ée]ro|no) (?:de )?client|customer){_NO}{_NUMBER}",
    re.IGNORECASE,
)
HASH_NUMBER = re.compile(r"(?<![\w&])#(\d{6,12})\b")
# "… de ma mère", "… for my wife": the owner named just after the number.
OWNER_AFTER = re.compile(
    r"^\W{0,3}(?:de|d'|du|of|for|pour)\s+(?:ma|mon|my|notre|our|un|une|a|the)\b", re.IGNORECASE
)
CUE_BEFORE = 60
CUE_AFTER = 30


@dataclass(frozen=True, slots=True)
class Identifier:
    """A normalised identifier, whose it seems to be, and where it was found."""

    kind: str  # email, phone, order or account
    value: str
    owner: Owner = "self"
    source: str = "field"

    @property
    def match_key(self) -> tuple[str, str]:
        """Orders and accounts share numbers ("VN-123456" is "commande 123456")."""
        if self.kind in ("order", "account"):
            return ("number", re.sub(r"\D", "", self.value))
        return (self.kind, self.value)


def normalize_email(local: str, domain: str) -> str:
    """Lower-case, without a "+tag" (marie+velo@… is marie@…)."""
    return f"{local.lower().split('+')[0]}@{domain.lower()}"


def _cue(window: str, name: str) -> bool:
    folded = fold(window)
    return any(re.search(rf"(?<!\w){re.escape(c)}(?!\w)", folded) for c in phrases(name))


def _owner(text: str, start: int, end: int) -> Owner:
    before, after = text[max(0, start - CUE_BEFORE) : start], text[end : end + CUE_AFTER]
    if _cue(before, "third_party_cues") or OWNER_AFTER.search(after):
        return "other"
    return "self"


def _contacted(text: str, start: int) -> bool:
    """A number or address the author called or wrote to (the brand's), not their own."""
    return _cue(text[max(0, start - 40) : start], "contact_cues")


def from_text(text: str) -> list[Identifier]:
    """Every identifier in one text, with its owner guessed from the words around it."""
    found: list[Identifier] = []

    def add(kind: str, value: str, m: re.Match[str], *, contact_check: bool = False) -> None:
        if contact_check and _contacted(text, m.start()):
            return
        found.append(Identifier(kind, value, _owner(text, m.start(), m.end()), "text"))

    for m in EMAIL.finditer(text):
        if m.group(1).lower() not in words("role_emails"):
            add("email", normalize_email(m.group(1), m.group(2)), m, contact_check=True)
    for m in PHONE_FR.finditer(text):
        add("phone", "+33" + re.sub(r"\D", "", m.group(1)), m, contact_check=True)
    for m in PHONE_NANP.finditer(text):
        add("phone", "+1" + "".join(m.groups()), m, contact_check=True)
    for m in PHONE_INTL.finditer(text):
        add("phone", "+" + re.sub(r"\D", "", m.group(1)), m, contact_check=True)
    numbers: set[str] = set()
    for kind, pattern in (("account", ACCOUNT), ("order", ORDER), ("order", HASH_NUMBER)):
        for m in pattern.finditer(text):
            digits = re.sub(r"\D", "", m.group(1))
            if digits not in numbers:
                numbers.add(digits)
                add(kind, m.group(1).upper().replace(" ", ""), m)
    for m in PREFIXED.finditer(text):
        if m.group(2) not in numbers:
            numbers.add(m.group(2))
            add("order", f"{m.group(1)}-{m.group(2)}", m)
    return found


def from_reference(reference: str) -> Identifier | None:
    """An identifier from a mention's references ("VN-123456", "account:778812")."""
    kind, sep, value = reference.partition(":")
    if not sep or kind not in ("email", "phone", "order", "account"):
        kind, value = ("email" if "@" in reference else "order"), reference
    value = value.strip()
    if kind == "email":
        local, _, domain = value.partition("@")
        return Identifier("email", normalize_email(local, domain), "self", "reference")
    if kind in ("order", "account") and not re.search(r"\d{4,}", value):
        return None
    return Identifier(kind, value.upper(), "self", "reference")


def is_business(record: AuthorRecord) -> bool:
    """Whether the account looks like a shop or a company (it posts customers' numbers)."""
    tokens = re.findall(r"[a-z]+", fold(f"{record.handle} {record.display_name}"))
    return any(t in words("business_words") for t in tokens)


def identifiers_of(record: AuthorRecord) -> dict[tuple[str, str], Identifier]:
    """The record's identifiers by match key; "other" wins when both owners were seen."""
    found: list[Identifier] = []
    if record.email and "@" in record.email:
        local, _, domain = record.email.strip().partition("@")
        found.append(Identifier("email", normalize_email(local, domain), "self", "field"))
    found += [i for r in sorted(record.references) if (i := from_reference(r))]
    for text in record.texts:
        found += from_text(text)
    business = is_business(record)
    by_key: dict[tuple[str, str], list[Identifier]] = {}
    for ident in found:
        if business and ident.source != "field":
            ident = Identifier(ident.kind, ident.value, "other", ident.source)
        by_key.setdefault(ident.match_key, []).append(ident)
    # The account's own e-mail field is theirs; elsewhere one "my wife's order" is enough
    # to say the number may be someone else's.
    return {
        key: next((i for i in seen if i.source == "field"), None)
        or next((i for i in seen if i.owner == "other"), seen[0])
        for key, seen in by_key.items()
    }
