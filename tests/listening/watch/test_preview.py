"""Marking matched words in customer text, safely, and pointing at a query's fault."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sentinelle.listening.watchquery import MatchDoc, WatchQueryError, parse, prepare
from sentinelle.listening.watchquery_preview import (
    FaultMarker,
    fault_marker,
    highlight,
    matched_words,
)


def test_matched_words_are_marked_whatever_their_case_accents_or_elision():
    words = frozenset({"operateur", "panneorange"})
    marked = highlight("L’Opérateur <b>ment</b> #PanneOrange; opérateurs", words)
    assert marked == (
        "L’<mark>Opérateur</mark> &lt;b&gt;ment&lt;/b&gt; #<mark>PanneOrange</mark>; opérateurs"
    )


def test_only_the_positive_terms_that_matched_are_marked():
    query = parse('("sans les vis" OR stylo) vélo -promo NOT lang:en')
    doc = prepare(MatchDoc(text="Vélo livré sans les vis, pas de promo", lang="fr"))
    assert matched_words(query, doc) == {"sans", "les", "vis", "velo"}
    marked = highlight("Vélo livré sans les vis, pas de promo", matched_words(query, doc))
    assert marked.count("<mark>") == 4 and "<mark>promo" not in marked


def test_a_long_text_is_cut_around_the_first_match():
    text = "début " + "bla " * 300 + "la panne du vélo " + "bla " * 300 + "fin"
    marked = highlight(text, frozenset({"panne"}), excerpt=200)
    assert marked.startswith("…") and marked.endswith("…")
    assert "<mark>panne</mark>" in marked
    assert len(html.unescape(re.sub("</?mark>", "", marked))) <= 202
    short = highlight("la panne", frozenset({"panne"}), excerpt=200)
    assert short == "la <mark>panne</mark>"


@settings(max_examples=200, deadline=None, database=None)
@given(
    st.lists(st.sampled_from([*"ab<>&\"' é\n", "<script>", "vélo"]), max_size=80).map("".join),
    st.sampled_from([None, 20, 80]),
)
def test_marked_text_is_the_escaped_text_and_nothing_else(text, excerpt):
    marked = highlight(text, frozenset({"velo", "a"}), excerpt=excerpt)
    plain = re.sub("</?mark>", "", marked)
    assert "<" not in plain and ">" not in plain and '"' not in plain
    shown = html.unescape(plain)
    if excerpt is None:
        assert shown == text
    else:
        assert shown.strip("…") in text


@pytest.mark.parametrize(
    ("query", "line_number", "line", "caret"),
    [
        ("free )", 1, "free )", "     ^"),
        ("free AND", 1, "free AND", "        ^"),
        ('a\n\tb "c', 2, '\tb "c', "\t  ^"),
        ("a\nb\n)", 3, ")", "^"),
    ],
)
def test_the_caret_points_at_the_fault_on_its_line(query, line_number, line, caret):
    with pytest.raises(WatchQueryError) as error:
        parse(query)
    assert fault_marker(query, error.value) == FaultMarker(line_number, line, caret)
