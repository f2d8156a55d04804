"""Who signs a reply: a person's first name, or only a department or a brand."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sentinelle.replies.lint.text import fold, wordlist

# A gazetteer of first names, not a model: a name missing from it is a one-line fix.
FIRST_NAMES = wordlist("first_names")
FOLDED_NAMES = frozenset(fold(name) for name in FIRST_NAMES)
DEPARTMENT = re.compile(
    r"\b(?:service|équipe|equipe|team|care|support|department|dept|direction|sav|relation|"
    r"relations|customer|client|clientèle|clientele|desk|helpdesk|cellule|pôle|bureau|office|"
    r"staff|management|headquarters|siège|community)\b",
    re.IGNORECASE,
)
SELF_INTRO = re.compile(
    r"(?i:\b(?:je suis|je m['’]appelle|ici|moi,? c['’]est|i['’]m|i am|this is|my name is|"
    r"my name['’]s|c['’]est))\s+([A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?)",
)
# "^Camille", "— Camille", "-Karim" inside a short post (tweets sign like this).
INLINE_SIGN = re.compile(r"(?:\^|[—–]\s?|(?<=\s)-\s?)([A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?)")
CLOSING = re.compile(
    r"^(?:cordialement|bien (?:à vous|cordialement)|salutations|bonne (?:journée|soirée)|"
    r"best(?: regards)?|regards|kind regards|sincerely|thanks|thank you|merci|cheers|"
    r"au plaisir|à bientôt|take care|all the best|warm regards)\b[\s,.!]*",
    re.IGNORECASE,
)
GREETING = re.compile(
    r"^\s*(?:bonjour|bonsoir|salut|allô|allo|hello|hi|hey|dear|cher|chère|madame|monsieur)\b", re.I
)
TOKEN = re.compile(r"[A-Za-zÀ-ÿ]+(?:-[A-Za-zÀ-ÿ]+)?")


@dataclass(frozen=True, slots=True)
class Signature:
    """Where the reply is signed, and whether a person's first name signs it."""

    start: int
    end: int
    person: bool
    department: bool


def is_first_name(word: str, exclude: str | None = None) -> bool:
    """Whether a capitalised word (or hyphenated pair) is a known first name."""
    if not word[:1].isupper():
        return False
    low = fold(word)
    if exclude and low == fold(exclude):
        return False
    return low in FOLDED_NAMES or all(p in FOLDED_NAMES for p in low.split("-"))


def _line_person(line: str, customer: str | None) -> bool:
    tokens = TOKEN.findall(line)
    # The signer comes first ("Camille B., service client"); a brand or team comes after.
    return any(is_first_name(t, customer) for t in tokens[:3])


def signature(text: str, customer: str | None = None) -> Signature:
    """The closing lines (after greetings), and whether they name a person."""
    customer_first = customer.split()[0] if customer else None
    for match in SELF_INTRO.finditer(text):
        if is_first_name(match.group(1), customer_first):
            return Signature(match.start(), match.end(), True, False)
    tail = text[-300:]
    offset = len(text) - len(tail)
    for match in INLINE_SIGN.finditer(tail):
        if is_first_name(match.group(1), customer_first):
            return Signature(offset + match.start(), offset + match.end(), True, False)
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    tail_lines = [s for s in lines[-3:] if text[s[0] : s[1]].strip()]
    department = False
    for start, end in reversed(tail_lines):
        line = text[start:end]
        body = CLOSING.sub("", line.strip())
        if GREETING.match(line):
            continue
        if not body or len(body.split()) > 8:
            continue
        if _line_person(body, customer_first):
            return Signature(start, end, True, False)
        department = department or bool(DEPARTMENT.search(body))
    if tail_lines:
        start, end = tail_lines[-1]
        return Signature(start, end, False, department)
    return Signature(0, len(text), False, False)
