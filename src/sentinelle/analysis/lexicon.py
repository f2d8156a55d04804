"""Helpers to write French/English lexicon patterns once and match them fast, accent-blind.

Patterns are written in lower case and matched against lower-cased text without
re.IGNORECASE, which runs about twice as fast; `lower_same_length` keeps offsets valid.
"""

from __future__ import annotations

import re

_FOLD = {
    "é": "[eéèêë]",
    "è": "[eéèêë]",
    "ê": "[eéèêë]",
    "ë": "[eéèêë]",
    "à": "[aàâ]",
    "â": "[aàâ]",
    "ç": "[cç]",
    "ù": "[uùû]",
    "û": "[uùû]",
    "ô": "[oô]",
    "î": "[iîï]",
    "ï": "[iîï]",
    "'": "['’ ]?",
    "œ": "(?:œ|oe)",
}
_FOLD_RE = re.compile("|".join(map(re.escape, _FOLD)))

#: A number of days/weeks/… written in digits or words (English and French).
NUMBER = (
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|many|few|"
    r"un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|plusieurs|quelques)"
)


#: What a lexicon term may start with (brand keywords included).
FIRST_CHARS = r"[\w@#€$£]"


def fold(pattern: str) -> str:
    """Make accented letters and apostrophes in a pattern match their plain forms too."""
    return _FOLD_RE.sub(lambda m: _FOLD[m.group(0)], pattern)


def terms_body(*alternatives: str) -> list[str]:
    """The folded alternatives of a lexicon."""
    return [fold(a) for a in alternatives]


def compile_terms(*alternatives: str) -> re.Pattern[str]:
    """One accent-blind regex over word-bounded alternatives, for lower-cased text."""
    return compile_groups({"term": terms_body(*alternatives)})


def compile_groups(groups: dict[str, list[str]]) -> re.Pattern[str]:
    """One word-bounded regex pass over several lexicons; `lexicon_of` says which matched."""
    body = "|".join(f"(?P<{name}>{'|'.join(alts)})" for name, alts in groups.items())
    # The lookahead is redundant but saves trying every alternative after punctuation.
    return re.compile(rf"(?<!\w)(?={FIRST_CHARS})(?:{body})(?!\w)")


def lexicon_of(match: re.Match[str]) -> str:
    """The name of the lexicon a match of `compile_groups` came from."""
    return str(match.lastgroup)


def lower_same_length(text: str) -> str:
    """Lower-cased text with the same length, so match offsets index the original."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few characters (e.g. "İ") grow when lower-cased; leave those unchanged.
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
