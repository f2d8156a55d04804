"""Watch queries: which items concern the brand (`"free mobile" OR @free -promo lang:fr`).

`parse` turns a query into a tree of nodes; a node `matches` a `MatchDoc`. Documents are
tokenized once (`prepare`), so many queries can be matched against one item cheaply
(`compile_queries`). Matching ignores case and accents, and French elisions: `l'opérateur`
contains the word `operateur`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar
from urllib.parse import urlsplit

from django.utils.translation import gettext

from sentinelle.core.text import fold

MAX_QUERY_CHARS = 2_000
MAX_DEPTH = 50
MAX_NEAR = 100
# Title and body are searched together, far enough apart that no phrase or NEAR spans both.
_TITLE_GAP = MAX_NEAR + 1
_ELISION = re.compile(r"(?<!\w)(?:qu|jusqu|lorsqu|puisqu|quoiqu|presqu|[cdjlmnst])'(?=\w)")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "´": "'"})
_NON_ASCII = re.compile(r"([^\x00-\x7f]+)")
_TOKEN = re.compile(r"(?<![\w@#])([@#])(\w+)|(\w+)")

Token = tuple[str, str]  # (folded word, "@" / "#" / "")
K = TypeVar("K")


class WatchQueryError(ValueError):
    """A query that cannot be read; `position` counts characters from 1.

    `message` is a translatable template filled with `params` when read, so a lead sees the
    reason in their own language.
    """

    def __init__(self, message: str, position: int, **params: object) -> None:
        super().__init__(message, position)
        self.message = message
        self.params = params
        self.position = position

    @property
    def reason(self) -> str:
        """Why the query cannot be read, without the position."""
        text = str(self.message)
        return text % self.params if self.params else text

    def __str__(self) -> str:
        return gettext("%(reason)s at position %(position)s") % {
            "reason": self.reason,
            "position": self.position,
        }


def normalize(text: str) -> str:
    """Fold case, accents and ligatures; unify apostrophes.

    The same as `core.text.fold`, run only on the non-ASCII stretches of the text: every item
    is normalized at ingestion, and most of its characters are ASCII.
    """
    parts = _NON_ASCII.split(text.translate(_APOSTROPHES))
    parts[::2] = [part.lower() for part in parts[::2]]
    parts[1::2] = [fold(part) for part in parts[1::2]]
    return "".join(parts).replace("œ", "oe").replace("æ", "ae")


def tokenize(text: str) -> list[Token]:
    """The words of a text as matching sees them: folded, elided articles dropped."""
    text = _ELISION.sub(" ", normalize(text))
    return [(marked or word, mark) for mark, marked, word in _TOKEN.findall(text)]


@dataclass(frozen=True)
class MatchDoc:
    """What a query looks at in one item."""

    text: str = ""
    title: str = ""
    lang: str = ""
    url: str = ""
    author: str = ""
    source: str = ""

    @classmethod
    def from_mention(cls, mention: Any) -> MatchDoc:
        """From a Mention (select its source and author to avoid a query per mention)."""
        author = mention.author.handle if mention.author_id else ""
        return cls(
            mention.text, mention.title, mention.language, mention.url, author, mention.source.name
        )


@dataclass
class Prepared:
    """A MatchDoc tokenized once, for matching many queries."""

    words: list[str]
    marks: list[str]
    index: dict[str, list[int]]
    lang: str
    host: str
    author: str
    source: str


def prepare(doc: MatchDoc | Prepared) -> Prepared:
    """Tokenize a document once; passing a Prepared returns it unchanged."""
    if isinstance(doc, Prepared):
        return doc
    tokens = tokenize(doc.title)
    if tokens:
        tokens += [("", "")] * _TITLE_GAP
    tokens += tokenize(doc.text)
    index: dict[str, list[int]] = {}
    for position, (word, _) in enumerate(tokens):
        if word:
            index.setdefault(word, []).append(position)
    try:
        host = (urlsplit(doc.url).hostname or "").rstrip(".")
    except ValueError:
        host = ""
    return Prepared(
        words=[w for w, _ in tokens],
        marks=[m for _, m in tokens],
        index=index,
        lang=normalize(doc.lang).replace("_", "-"),
        host=normalize(host),
        author=normalize(doc.author).lstrip("@"),
        source=normalize(doc.source).strip(),
    )


Span = tuple[int, int]  # first and last token position, inclusive


class Node:
    """A node of a parsed query."""

    def matches(self, doc: MatchDoc | Prepared) -> bool:
        return self.test(prepare(doc))

    def test(self, doc: Prepared) -> bool:
        raise NotImplementedError

    def spans(self, doc: Prepared) -> list[Span]:
        """Where the node occurs, for NEAR; only words, phrases and their ORs have spans."""
        raise TypeError(f"{self} has no position")

    def reasons(self, doc: MatchDoc | Prepared) -> list[str]:
        """The positive words and fields of the query that the document contains."""
        prepared = prepare(doc)
        return [str(leaf) for leaf in self.leaves() if leaf.test(prepared)]

    def leaves(self) -> Iterable[Node]:
        yield self


@dataclass(frozen=True)
class Words(Node):
    """A word or a "quoted phrase": consecutive tokens."""

    tokens: tuple[Token, ...]
    text: str = field(compare=False, default="")
    quoted: bool = field(compare=False, default=False)

    def _spans(self, doc: Prepared) -> Iterator[Span]:
        first, mark = self.tokens[0]
        if len(self.tokens) == 1 and not mark:
            yield from ((start, start) for start in doc.index.get(first, ()))
            return
        for start in doc.index.get(first, ()):
            end = start + len(self.tokens) - 1
            if end < len(doc.words) and all(
                doc.words[start + i] == word and (not m or doc.marks[start + i] == m)
                for i, (word, m) in enumerate(self.tokens)
            ):
                yield start, end

    def spans(self, doc: Prepared) -> list[Span]:
        return list(self._spans(doc))

    def test(self, doc: Prepared) -> bool:
        if len(self.tokens) == 1 and not self.tokens[0][1]:
            return self.tokens[0][0] in doc.index  # the common case: one plain word
        return next(self._spans(doc), None) is not None

    def __str__(self) -> str:
        return f'"{self.text}"' if self.quoted else self.text


@dataclass(frozen=True)
class Field(Node):
    """`lang:fr`, `site:example.com`, `author:handle`, `source:name`."""

    name: str
    value: str
    raw: str = field(compare=False, default="")

    def test(self, doc: Prepared) -> bool:
        if self.name == "lang":
            return doc.lang == self.value or doc.lang.startswith(self.value + "-")
        if self.name == "site":
            return doc.host == self.value or doc.host.endswith("." + self.value)
        if self.name == "author":
            return doc.author == self.value or doc.author.split("@")[0] == self.value
        return doc.source == self.value

    def __str__(self) -> str:
        plain = self.raw and not any(c.isspace() or c in '()"' for c in self.raw)
        return f"{self.name}:{self.raw}" if plain else f'{self.name}:"{self.raw}"'


@dataclass(frozen=True)
class Not(Node):
    operand: Node

    def test(self, doc: Prepared) -> bool:
        return not self.operand.test(doc)

    def leaves(self) -> Iterable[Node]:
        return ()  # what a query excludes is never a reason it matched

    def __str__(self) -> str:
        return f"NOT {self.operand}"


@dataclass(frozen=True)
class And(Node):
    operands: tuple[Node, ...]

    def test(self, doc: Prepared) -> bool:
        return all(op.test(doc) for op in self.operands)

    def leaves(self) -> Iterable[Node]:
        for op in self.operands:
            yield from op.leaves()

    def __str__(self) -> str:
        return "(" + " AND ".join(map(str, self.operands)) + ")"


@dataclass(frozen=True)
class Or(Node):
    operands: tuple[Node, ...]

    def test(self, doc: Prepared) -> bool:
        return any(op.test(doc) for op in self.operands)

    def spans(self, doc: Prepared) -> list[Span]:
        return sorted({span for op in self.operands for span in op.spans(doc)})

    def leaves(self) -> Iterable[Node]:
        for op in self.operands:
            yield from op.leaves()

    def __str__(self) -> str:
        return "(" + " OR ".join(map(str, self.operands)) + ")"


@dataclass(frozen=True)
class Near(Node):
    """Two word groups at most `distance` words apart, in either order."""

    left: Node
    right: Node
    distance: int

    def spans(self, doc: Prepared) -> list[Span]:
        rights = sorted(self.right.spans(doc))
        if not rights:
            return []
        longest = max(end - start for start, end in rights)
        starts = [start for start, _ in rights]
        found = set()
        for a_start, a_end in self.left.spans(doc):
            first = bisect_left(starts, a_start - self.distance - longest)
            for b_start, b_end in rights[first:]:
                if b_start > a_end + self.distance:
                    break
                gap = max(b_start - a_end, a_start - b_end)
                if 0 < gap <= self.distance:
                    found.add((min(a_start, b_start), max(a_end, b_end)))
        return sorted(found)

    def test(self, doc: Prepared) -> bool:
        return bool(self.spans(doc))

    def leaves(self) -> Iterable[Node]:
        yield from self.left.leaves()
        yield from self.right.leaves()

    def __str__(self) -> str:
        return f"({self.left} NEAR/{self.distance} {self.right})"


@dataclass(frozen=True)
class Query:
    """A parsed watch query."""

    root: Node
    text: str = field(compare=False, default="")

    def matches(self, doc: MatchDoc | Prepared) -> bool:
        return self.root.test(prepare(doc))

    def reasons(self, doc: MatchDoc | Prepared) -> list[str]:
        return self.root.reasons(doc)

    def __str__(self) -> str:
        return str(self.root)


def parse(query: str) -> Query:
    """Parse a watch query; raise WatchQueryError naming the position of the fault."""
    from sentinelle.listening.watchquery_parser import Parser

    return Query(Parser(query).parse(), text=query)


@dataclass
class CompiledQueries(Generic[K]):
    """Many queries, matched against each document after one tokenization."""

    queries: dict[K, Query]
    errors: dict[K, WatchQueryError] = field(default_factory=dict)

    def matching(self, doc: MatchDoc | Prepared) -> list[K]:
        prepared = prepare(doc)
        return [key for key, query in self.queries.items() if query.root.test(prepared)]

    def matches_any(self, doc: MatchDoc | Prepared) -> bool:
        prepared = prepare(doc)
        return any(query.root.test(prepared) for query in self.queries.values())


def compile_queries(
    queries: Mapping[K, str] | Iterable[str], *, skip_invalid: bool = False
) -> CompiledQueries[Any]:
    """Parse many queries (a mapping key → text, or texts keyed by their index).

    With `skip_invalid`, a bad query is kept in `errors` instead of raising, so that one broken
    query does not stop the others from matching.
    """
    items = queries.items() if isinstance(queries, Mapping) else enumerate(queries)
    compiled: CompiledQueries[Any] = CompiledQueries({})
    for key, text in items:
        try:
            compiled.queries[key] = parse(text)
        except WatchQueryError as exc:
            if not skip_invalid:
                raise
            compiled.errors[key] = exc
    return compiled


def matches_any(queries: CompiledQueries[Any] | Iterable[Query], doc: MatchDoc) -> bool:
    """Whether any of the queries matches the document (tokenized once)."""
    if isinstance(queries, CompiledQueries):
        return queries.matches_any(doc)
    prepared = prepare(doc)
    return any(query.matches(prepared) for query in queries)
