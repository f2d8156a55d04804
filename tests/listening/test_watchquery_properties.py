"""Properties of the watch query language, over generated queries and documents."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from sentinelle.core.text import fold
from sentinelle.listening.watchquery import (
    MatchDoc,
    WatchQueryError,
    compile_queries,
    normalize,
    parse,
    prepare,
)


@pytest.fixture(autouse=True, scope="module")
def _english():
    """The messages below are the English ones; a lead reads them in their own language."""
    with translation.override("en"):
        yield


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


ARTICLES = ["l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "L", "D", "QU"]
APOSTROPHES = ["'", "’", "ʼ"]
PLAIN_WORDS = ["opérateur", "orange", "avocat", "été", "usine", "histoire", "Œuvre", "appel"]


@props
@given(
    st.sampled_from(PLAIN_WORDS),
    st.sampled_from(ARTICLES),
    st.sampled_from(APOSTROPHES),
    st.sampled_from(TRANSFORMS),
)
def test_french_elisions_do_not_change_matches(word, article, apostrophe, transform):
    elided = f"{article}{apostrophe}{word}"
    for query, text in [(word, elided), (elided, word), (elided, f"Voir {elided}.")]:
        assert parse(transform(query)).matches(MatchDoc(text=text)), (query, text)
    assert parse(f'"{elided} vélo"').matches(MatchDoc(text=f"{word} vélo"))


SMALL = ["a", "b", "c", "d"]


@settings(props, max_examples=300)
@given(st.lists(st.sampled_from(SMALL), max_size=30), *[st.sampled_from(SMALL)] * 2)
def test_near_matches_two_words_at_most_n_apart_in_either_order(words, left, right):
    doc = MatchDoc(text=" ".join(words))
    where = {w: [i for i, x in enumerate(words) if x == w] for w in SMALL}
    for n in (1, 2, 5):
        expected = any(0 < abs(i - j) <= n for i in where[left] for j in where[right])
        assert parse(f"{left} NEAR/{n} {right}").matches(doc) == expected, n
        assert parse(f"{right} NEAR/{n} {left}").matches(doc) == expected


@props
@given(st.lists(st.sampled_from(SMALL), max_size=30), st.integers(1, 8))
def test_a_phrase_near_a_word_counts_from_the_phrase_ends(words, n):
    doc = MatchDoc(text=" ".join(words))
    phrases = [i for i in range(len(words) - 1) if words[i : i + 2] == ["a", "b"]]
    cs = [i for i, w in enumerate(words) if w == "c"]
    expected = any(0 < c - (p + 1) <= n or 0 < p - c <= n for p in phrases for c in cs)
    assert parse(f'"a b" NEAR/{n} c').matches(doc) == expected


@props
@given(queries, st.integers(1, 20))
def test_a_wider_near_matches_at_least_what_a_narrower_one_does(tree, n):
    q = render(tree)
    doc = MatchDoc(text="free vélo panne orange refund bike service client cassé free été")
    narrow = parse(f"({q}) OR (free NEAR/{n} panne)")
    wide = parse(f"({q}) OR (free NEAR/{n + 1} panne)")
    assert not narrow.matches(doc) or wide.matches(doc)


@props
@given(queries, st.sampled_from([(" )", 2), (' "vélo', 2), (" AND", 5), (" NEAR/3", 8)]))
def test_a_fault_added_after_a_good_query_is_found_where_it_is(tree, fault):
    q = render(tree)
    suffix, offset = fault
    with pytest.raises(WatchQueryError) as error:
        parse(q + suffix)
    assert error.value.position == len(q) + offset


@props
@given(queries)
def test_an_unclosed_parenthesis_is_reported_where_it_opens(tree):
    with pytest.raises(WatchQueryError) as error:
        parse(f"vélo ({render(tree)}")
    assert error.value.position == 6
    assert "missing ')'" in error.value.reason


@props
@given(
    queries,
    st.builds(
        MatchDoc,
        text=st.text(max_size=300),
        title=st.text(max_size=50),
        lang=st.text(max_size=10),
        url=st.text(max_size=50),
        author=st.text(max_size=20),
        source=st.text(max_size=20),
    ),
)
def test_any_document_can_be_matched_without_error(tree, doc):
    query = parse(render(tree))
    assert query.matches(doc) in (True, False)
    assert all(isinstance(reason, str) for reason in query.reasons(doc))


@props
@given(
    st.lists(
        st.one_of(st.text(max_size=8), st.sampled_from([*"`’ʼ‘´'œŒæÆßﬁ", "É", "é", "Noël"])),
        max_size=30,
    ).map("".join)
)
def test_normalize_folds_exactly_like_the_shared_fold(text):
    unified = text.translate(str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "´": "'"}))
    assert normalize(text) == fold(unified).replace("œ", "oe").replace("æ", "ae")
