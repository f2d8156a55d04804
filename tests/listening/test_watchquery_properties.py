"""Properties of the watch query language, over generated queries and documents."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from sentinelle.listening.watchquery import (
    MatchDoc,
    WatchQueryError,
    compile_queries,
    parse,
    prepare,
)

# No example database: the tests must not write into the working tree.
settings.register_profile("watchquery", max_examples=150, deadline=None, database=None)
props = settings.get_profile("watchquery")

VOCABULARY = [
    "vélo",
    "opérateur",
    "l'opérateur",
    "d’Orange",
    "orange",
    "free",
    "panne",
    "remboursement",
    "cassé",
    "service",
    "client",
    "bike",
    "broken",
    "refund",
    "été",
    "œuvre",
    "garçon",
    "Noël",
    "#panne",
    "@free",
]
FIELDS = ["lang:fr", "lang:en", "site:example.com", "author:alice", 'source:"Le Forum"']

Transform = Callable[[str], str]


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


TRANSFORMS: list[Transform] = [
    lambda s: s,
    str.upper,
    str.lower,
    strip_accents,
    lambda s: strip_accents(s).upper(),
]

# A query is generated as a tree, rendered later with a transform applied to its words only
# (upper-casing a whole query would turn the word "or" into the operator OR).
words = st.sampled_from(VOCABULARY).map(lambda w: ("word", w))
phrases = st.tuples(st.sampled_from(VOCABULARY), st.sampled_from(VOCABULARY)).map(
    lambda ws: ("phrase", f"{ws[0]} {ws[1]}")
)
fields = st.sampled_from(FIELDS).map(lambda f: ("field", f))
positional = st.recursive(
    st.one_of(words, phrases),
    lambda inner: st.one_of(
        st.tuples(st.just("or"), inner, inner),
        st.tuples(st.just("near"), inner, inner, st.integers(1, 6)),
    ),
    max_leaves=4,
)
queries = st.recursive(
    st.one_of(positional, fields),
    lambda inner: st.one_of(
        st.tuples(st.sampled_from(["and", "or", "implicit"]), inner, inner),
        st.tuples(st.sampled_from(["not", "minus"]), inner),
    ),
    max_leaves=8,
)


def render(tree: tuple, transform: Transform = TRANSFORMS[0]) -> str:
    kind = tree[0]
    if kind == "word":
        return transform(tree[1])
    if kind == "phrase":
        return f'"{transform(tree[1])}"'
    if kind == "field":
        name, value = tree[1].split(":", 1)
        return f"{name}:{transform(value)}"
    if kind == "not":
        return f"NOT ({render(tree[1], transform)})"
    if kind == "minus":
        return f"-({render(tree[1], transform)})"
    if kind == "near":
        return f"({render(tree[1], transform)}) NEAR/{tree[3]} ({render(tree[2], transform)})"
    left, right = render(tree[1], transform), render(tree[2], transform)
    joiner = {"and": " AND ", "or": " OR ", "implicit": " "}[kind]
    return f"({left}){joiner}({right})"


docs = st.builds(
    MatchDoc,
    text=st.lists(st.sampled_from([*VOCABULARY, "et", "the", "de"]), max_size=25).map(" ".join),
    title=st.lists(st.sampled_from(VOCABULARY), max_size=4).map(" ".join),
    lang=st.sampled_from(["fr", "en", "fr-CA", "und", ""]),
    url=st.sampled_from(["", "https://example.com/a", "https://forum.example.com/t/1", "x"]),
    author=st.sampled_from(["", "@alice", "alice@mastodon.social", "bob"]),
    source=st.sampled_from(["Le Forum", "le forum", "Blog"]),
)


def same(a: str, b: str, doc: MatchDoc) -> bool:
    prepared = prepare(doc)
    return parse(a).matches(prepared) == parse(b).matches(prepared)


QUERY_CHARACTERS = st.sampled_from(
    [*'()"-:/ ', "AND", "OR", "NOT", "NEAR/", "NEAR/3", "lang:", "site:", "a", "é", "'"]
)


@props
@given(st.one_of(st.text(max_size=200), st.lists(QUERY_CHARACTERS, max_size=40).map("".join)))
def test_parsing_raises_only_watch_query_errors_and_printing_round_trips(text):
    try:
        query = parse(text)
    except WatchQueryError as exc:
        assert 1 <= exc.position <= len(text) + 1
        assert f"at position {exc.position}" in str(exc)
        return
    assert parse(str(query)) == query


@props
@given(queries, docs)
def test_double_negation_changes_nothing(tree, doc):
    q = render(tree)
    assert same(f"NOT NOT ({q})", q, doc)
    assert same(f"-(-({q}))", q, doc)


@props
@given(queries, queries, docs)
def test_and_or_commute(a, b, doc):
    a, b = render(a), render(b)
    assert same(f"({a}) OR ({b})", f"({b}) OR ({a})", doc)
    assert same(f"({a}) ({b})", f"({b}) AND ({a})", doc)


@props
@given(queries, queries, docs)
def test_de_morgan(a, b, doc):
    a, b = render(a), render(b)
    assert same(f"NOT (({a}) OR ({b}))", f"(NOT ({a})) AND (NOT ({b}))", doc)
    assert same(f"NOT (({a}) AND ({b}))", f"-({a}) OR -({b})", doc)


@props
@given(queries, docs, st.sampled_from(TRANSFORMS), st.sampled_from(TRANSFORMS))
def test_accents_and_case_do_not_change_matches(tree, doc, on_query, on_doc):
    expected = parse(render(tree)).matches(doc)
    variant = MatchDoc(
        on_doc(doc.text), on_doc(doc.title), doc.lang, doc.url, doc.author, doc.source
    )
    assert parse(render(tree, on_query)).matches(variant) == expected


@props
@given(queries, docs)
def test_printing_and_reparsing_gives_the_same_query(tree, doc):
    query = parse(render(tree))
    again = parse(str(query))
    assert again == query
    assert again.matches(doc) == query.matches(doc)


@props
@given(st.lists(queries, min_size=1, max_size=5), docs)
def test_compiled_queries_agree_with_single_ones(trees, doc):
    texts = [render(tree) for tree in trees]
    compiled = compile_queries(texts)
    expected = [i for i, text in enumerate(texts) if parse(text).matches(doc)]
    assert compiled.matching(doc) == expected
    assert compiled.matches_any(doc) == bool(expected)
