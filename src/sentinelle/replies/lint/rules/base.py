"""What every rule receives (the parsed reply) and how it builds a localised finding."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from sentinelle.replies.lint.steps import find_steps
from sentinelle.replies.lint.text import Sentence, negated, sentences
from sentinelle.replies.lint.types import Finding, LintContext

# Per language: (why it hurts, what to do instead).
Messages = dict[str, tuple[str, str]]


@dataclass
class Doc:
    """The reply, its language and context, with the shared parses computed once."""

    text: str
    lang: str
    context: LintContext = field(default_factory=LintContext)

    @cached_property
    def sents(self) -> list[Sentence]:
        """Sentences with spans."""
        return sentences(self.text)

    @cached_property
    def steps(self) -> list[tuple[int, int]]:
        """Concrete next steps found in the reply."""
        return find_steps(self.text, self.sents)

    def finding(
        self, rule: str, start: int, end: int, messages: Messages, suggestion: str | None = None
    ) -> Finding:
        """A finding worded in the reply's language (English when unknown)."""
        message, default = messages.get(self.lang, messages["en"])
        return Finding(rule, start, end, message, suggestion or default)


Rule = Callable[[Doc], list[Finding]]


@dataclass(frozen=True, slots=True)
class Pattern:
    """One lexicon entry: a regex and, optionally, its own rewrite per language."""

    regex: re.Pattern[str]
    suggestion: dict[str, str] = field(default_factory=dict)


def pattern(expr: str, fr: str = "", en: str = "") -> Pattern:
    """Compile a case-insensitive lexicon entry."""
    tips = {k: v for k, v in (("fr", fr), ("en", en)) if v}
    return Pattern(re.compile(expr, re.IGNORECASE), tips)


def matches(
    doc: Doc, lexicon: list[Pattern], *, skip_negated: bool = False
) -> Iterator[tuple[re.Match[str], Pattern]]:
    """Every match of a lexicon in the reply, optionally leaving out negated ones."""
    for entry in lexicon:
        for match in entry.regex.finditer(doc.text):
            if skip_negated and negated(doc.text, match.start()):
                continue
            yield match, entry
