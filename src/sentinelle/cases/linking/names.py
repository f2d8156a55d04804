"""Person names from display names, and how close two of them are."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sentinelle.cases.linking.wordlists import nicknames, words
from sentinelle.core.text import fold

TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*\.?")
INITIALS = re.compile(r"\b([A-Z])\.?\s?-?\s?([A-Z])\.(?=\s)")
HONORIFICS = frozenset({"m", "mme", "mlle", "mr", "mrs", "ms", "dr", "me", "monsieur", "madame"})

# How two names compare, strongest first; "conflict" says they are two people.
FULL, INITIAL, FIRST, LAST, CONFLICT, NONE = "full", "initial", "first", "last", "conflict", ""


@dataclass(frozen=True, slots=True)
class PersonName:
    """A folded first and last name; `known` when the first name is in our gazetteer."""

    first: str
    last: str = ""
    known: bool = False

    @property
    def last_is_initial(self) -> bool:
        return len(self.last) == 1

    @property
    def spellings(self) -> tuple[str, ...]:
        """How a handle may spell this name: "marieevetremblay", "mtremblay", "marieevet"."""
        first, last = _letters(self.first), _letters(self.last)
        if not last:
            return (first,) if len(first) >= 4 else ()
        return tuple(s for s in (first + last, first[0] + last, last + first) if len(s) >= 5)


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", text)


def is_first_name(token: str) -> bool:
    """Whether a folded token is a first name or a known short form ("jf", "bob")."""
    parts = token.split("-")
    return (
        token in words("first_names")
        or token in nicknames()
        or all(p in words("first_names") for p in parts)
    )


def parse_name(display_name: str) -> PersonName | None:
    """The person's name in a display name, or None for a pseudonym or a company."""
    display_name = INITIALS.sub(r"\1\2", display_name)  # "J.-F. Roy" → "JF Roy"
    raw = [t for t in TOKEN.findall(display_name) if fold(t).rstrip(".") not in HONORIFICS]
    folded = [fold(t).rstrip(".").replace("’", "'") for t in raw]
    if not folded or len(folded) > 4 or any(t in words("business_words") for t in folded):
        return None
    # "TREMBLAY Marie": a French form, surname first in capitals.
    if len(raw) >= 2 and raw[0].isupper() and len(raw[0]) > 2 and is_first_name(folded[1]):
        folded = [folded[1], folded[0], *folded[2:]]
    if "," in display_name and len(folded) == 2:  # "Tremblay, Marie"
        folded = [folded[1], folded[0]]
    first, rest = folded[0], folded[1:]
    known = is_first_name(first)
    capitalised = all(t[:1].isupper() for t in raw)
    if not known and not (capitalised and len(folded) in (2, 3)):
        return None
    last = " ".join(rest)
    return PersonName(first=first, last=last, known=known)


def first_name_forms(first: str) -> set[str]:
    """A first name and what it may be short for, e.g. "bob" → {"bob", "robert"}."""
    forms = {first, first.replace("-", "")}
    forms |= nicknames().get(first, frozenset())
    for form in list(forms):
        if "-" in form:  # "jean-francois" is also written "jf"
            forms.add("".join(p[0] for p in form.split("-")))
    return forms


def first_names_match(a: str, b: str) -> bool:
    """Same first name, accents and case aside, or a nickname or initials of it."""
    if a == b or first_name_forms(a) & first_name_forms(b):
        return True
    # "Marie" for "Marie-Ève": the first part of a compound first name.
    return a.split("-")[0] == b or b.split("-")[0] == a


def last_names_match(a: str, b: str) -> str:
    """FULL for the same surname, INITIAL for "T." against "Tremblay", NONE otherwise."""
    a, b = _letters(a), _letters(b)
    if not a or not b:
        return NONE
    if a == b and len(a) > 1:
        return FULL
    if (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)):
        return INITIAL
    return NONE


def compare_names(a: PersonName, b: PersonName) -> str:
    """How the two names compare: FULL, INITIAL, FIRST, LAST, CONFLICT or NONE."""
    last = last_names_match(a.last, b.last)
    if first_names_match(a.first, b.first):
        if last in (FULL, INITIAL):
            return last
        if not (a.last and b.last):
            return FIRST
        # Same first name, two surnames: two people when we are sure these are names.
        return CONFLICT if a.known and b.known else NONE
    if a.known and b.known:  # "Julie Martin" and "Marc Martin": a family, not one person
        return CONFLICT
    return LAST if last == FULL else NONE


def is_common(name: PersonName) -> bool:
    """A frequent first name with a frequent surname ("Marie Martin", "John Smith")."""
    return name.first in words("first_names") and _letters(name.last) in words("common_surnames")
