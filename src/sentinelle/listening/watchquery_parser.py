"""Reading watch queries: a lexer and a recursive-descent parser with positioned errors.

Precedence, loosest first: OR, AND (also implied between neighbours), NOT, NEAR/n, then
`-x`, parentheses, words, "phrases" and fields. Operators are upper case; `and`, `or` and
`not` in lower case are ordinary words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from sentinelle.listening.watchquery import (
    MAX_DEPTH,
    MAX_NEAR,
    MAX_QUERY_CHARS,
    And,
    Field,
    Near,
    Node,
    Not,
    Or,
    WatchQueryError,
    Words,
    normalize,
    tokenize,
)

FIELDS = ("lang", "site", "author", "source")
_FIELD = re.compile(r"^(lang|site|author|source):", re.IGNORECASE)
_NEAR = re.compile(r"^NEAR/(\d{1,4})$")
_OPERANDS = {"word", "phrase", "field", "(", "-", "NOT"}


@dataclass(frozen=True)
class Lexeme:
    kind: str  # word, phrase, field, (, ), -, AND, OR, NOT, NEAR, end
    text: str
    position: int  # from 1
    name: str = ""  # the field name
    distance: int = 0  # for NEAR


def _describe(lexeme: Lexeme) -> str:
    return _("the end of the query") if lexeme.kind == "end" else repr(lexeme.text)


def lex(query: str) -> list[Lexeme]:
    """Split a query into lexemes; quotes must be closed."""
    out: list[Lexeme] = []
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        if ch.isspace():
            i += 1
        elif ch in "()":
            out.append(Lexeme(ch, ch, i + 1))
            i += 1
        elif ch == '"':
            end = query.find('"', i + 1)
            if end < 0:
                raise WatchQueryError(_("unclosed quote"), i + 1)
            out.append(Lexeme("phrase", query[i + 1 : end], i + 1))
            i = end + 1
        elif ch == "-":
            if i + 1 == n or query[i + 1].isspace() or query[i + 1] == ")":
                raise WatchQueryError(
                    _("'-' must be followed by what to exclude, like -promo"), i + 1
                )
            out.append(Lexeme("-", "-", i + 1))
            i += 1
        else:
            start = i
            while i < n and not query[i].isspace() and query[i] not in '()"':
                i += 1
            out.append(_word(query, start, i))
            if out[-1].kind == "field" and not out[-1].text:
                if i < n and query[i] == '"':  # a quoted value: source:"Le Carnet du Cycliste"
                    end = query.find('"', i + 1)
                    if end < 0:
                        raise WatchQueryError(_("unclosed quote"), i + 1)
                    out[-1] = Lexeme("field", query[i + 1 : end], start + 1, name=out[-1].name)
                    i = end + 1
                if not out[-1].text.strip():
                    raise WatchQueryError(
                        _("%(field)s: needs a value"), start + 1, field=out[-1].name
                    )
    out.append(Lexeme("end", "", n + 1))
    return out


def _word(query: str, start: int, end: int) -> Lexeme:
    run = query[start:end]
    if run in ("AND", "OR", "NOT"):
        return Lexeme(run, run, start + 1)
    if run == "NEAR" or run.startswith("NEAR/"):
        match = _NEAR.match(run)
        if not match:
            raise WatchQueryError(_("NEAR needs a number, like NEAR/5"), start + 1)
        distance = int(match[1])
        if not 1 <= distance <= MAX_NEAR:
            raise WatchQueryError(
                _("NEAR takes a distance from 1 to %(max)s"), start + 1, max=MAX_NEAR
            )
        return Lexeme("NEAR", run, start + 1, distance=distance)
    field = _FIELD.match(run)
    if field:
        return Lexeme("field", run[field.end() :], start + 1, name=field[1].lower())
    return Lexeme("word", run, start + 1)


def _field_value(name: str, raw: str, position: int) -> str:
    value = normalize(raw).strip()
    if name == "lang":
        value = value.replace("_", "-")
    elif name == "site":
        value = re.sub(r"^[a-z][a-z0-9+.-]*://", "", value).removeprefix("*.").rstrip(".")
        if "/" in value or not value:
            raise WatchQueryError(_("site: takes a host name, like site:example.com"), position)
    elif name == "author":
        value = value.lstrip("@")
    if not value:
        raise WatchQueryError(_("%(field)s: needs a value"), position, field=name)
    return value


def _has_position(node: Node) -> bool:
    if isinstance(node, Words | Near):
        return True
    return isinstance(node, Or) and all(_has_position(op) for op in node.operands)


class Parser:
    """Parse one query into a tree of nodes (see `sentinelle.listening.watchquery`)."""

    def __init__(self, query: str) -> None:
        self.query = query
        self.lexemes: list[Lexeme] = []
        self.at = 0
        self.depth = 0

    def parse(self) -> Node:
        if not isinstance(self.query, str):
            raise WatchQueryError(_("the query must be text"), 1)
        if len(self.query) > MAX_QUERY_CHARS:
            raise WatchQueryError(
                _("the query is too long (%(length)s characters, limit %(limit)s)"),
                MAX_QUERY_CHARS + 1,
                length=f"{len(self.query):,}",
                limit=f"{MAX_QUERY_CHARS:,}",
            )
        self.lexemes = lex(self.query)
        if self.peek.kind == "end":
            raise WatchQueryError(_("the query is empty"), 1)
        node = self.or_expr()
        if self.peek.kind != "end":
            raise WatchQueryError(
                _("unexpected %(what)s"), self.peek.position, what=_describe(self.peek)
            )
        return node

    @property
    def peek(self) -> Lexeme:
        return self.lexemes[self.at]

    def take(self) -> Lexeme:
        lexeme = self.lexemes[self.at]
        self.at = min(self.at + 1, len(self.lexemes) - 1)
        return lexeme

    def deeper(self, lexeme: Lexeme) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise WatchQueryError(
                _("the query nests more than %(max)s levels"), lexeme.position, max=MAX_DEPTH
            )

    def or_expr(self) -> Node:
        operands = [self.and_expr()]
        while self.peek.kind == "OR":
            self.take()
            operands.append(self.and_expr())
        return operands[0] if len(operands) == 1 else Or(tuple(operands))

    def and_expr(self) -> Node:
        operands = [self.not_expr()]
        while self.peek.kind == "AND" or self.peek.kind in _OPERANDS:
            if self.peek.kind == "AND":
                self.take()
            operands.append(self.not_expr())
        return operands[0] if len(operands) == 1 else And(tuple(operands))

    def not_expr(self) -> Node:
        if self.peek.kind != "NOT":
            return self.near_expr()
        lexeme = self.take()
        self.deeper(lexeme)
        node = Not(self.not_expr())
        self.depth -= 1
        return node

    def near_expr(self) -> Node:
        node = self.primary()
        while self.peek.kind == "NEAR":
            near = self.take()
            right = self.primary()
            if not (_has_position(node) and _has_position(right)):
                raise WatchQueryError(
                    _("NEAR joins words, phrases or groups of them, not fields or NOT"),
                    near.position,
                )
            node = Near(node, right, near.distance)
        return node

    def primary(self) -> Node:
        lexeme = self.take()
        kind = lexeme.kind
        if kind in ("word", "phrase"):
            tokens = tuple(tokenize(lexeme.text))
            if not tokens:
                raise WatchQueryError(
                    _("%(text)s has no letters or digits to search for"),
                    lexeme.position,
                    text=repr(lexeme.text),
                )
            return Words(tokens, text=lexeme.text, quoted=kind == "phrase")
        if kind == "field":
            value = _field_value(lexeme.name, lexeme.text, lexeme.position)
            return Field(lexeme.name, value, raw=lexeme.text)
        if kind in ("(", "-"):
            self.deeper(lexeme)
            node = self.or_expr() if kind == "(" else Not(self.primary())
            if kind == "(" and self.take().kind != ")":
                raise WatchQueryError(_("missing ')' for this '('"), lexeme.position)
            self.depth -= 1
            return node
        if kind == "end":
            previous = self.lexemes[self.at - 1] if self.at else lexeme
            raise WatchQueryError(
                _("the query ends too early, after %(what)s"),
                lexeme.position,
                what=_describe(previous),
            )
        if kind == ")":
            raise WatchQueryError(_("unexpected ')'"), lexeme.position)
        raise WatchQueryError(
            _("unexpected %(text)s where a word, a phrase or '(' should be"),
            lexeme.position,
            text=repr(lexeme.text),
        )
