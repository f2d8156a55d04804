"""Watch queries on French and English examples: what matches, and the errors a lead sees."""

from __future__ import annotations

import pytest
from django.utils import translation

from sentinelle.listening.models import Mention
from sentinelle.listening.watchquery import (
    MAX_QUERY_CHARS,
    MatchDoc,
    WatchQueryError,
    compile_queries,
    matches_any,
    parse,
)


@pytest.fixture(autouse=True, scope="module")
def _english():
    """The messages below are the English ones; a lead reads them in their own language."""
    with translation.override("en"):
        yield


FORUM_FR = MatchDoc(
    text=(
        "Troisième appel à l’opérateur d'Orange et toujours rien : ma box est en panne depuis "
        "dix jours. Le service client m'a raccroché au nez. #PanneOrange @Orange_conseil"
    ),
    title="Box en panne, service client injoignable",
    lang="fr",
    url="https://forum.lesnumeriques.example/t/box-panne/1234",
    author="jeanne_d",
    source="Forum Les Numériques",
)
REVIEW_EN = MatchDoc(
    text="The Bastion U lock was opened with a pen in ten seconds. Refund refused, support "
    "ghosted me.",
    title="Velonova lock review: do not buy",
    lang="en-GB",
    url="https://www.bikeblog.example/reviews/bastion-u",
    author="@sam@mastodon.social",
    source="Bike Blog",
)


@pytest.mark.parametrize(
    ("query", "forum_fr", "review_en"),
    [
        ("orange", True, False),
        ("ORANGE", True, False),
        ("opérateur", True, False),
        ("operateur", True, False),
        ("l'opérateur", True, False),
        ("d’Orange", True, False),
        ("\"l'opérateur d'Orange\"", True, False),
        ('"service client"', True, False),
        ('"client service"', False, False),
        ("box panne", True, False),
        ("box AND fibre", False, False),
        ("box OR lock", True, True),
        ("panne -orange", False, False),
        ("panne NOT orange", False, False),
        ("(panne OR refund) -bastion", True, False),
        ("#panneorange", True, False),
        ("#orange", False, False),
        ("@orange_conseil", True, False),
        ("orange_conseil", True, False),
        ("appel NEAR/3 opérateur", True, False),
        ("appel NEAR/1 opérateur", False, False),
        ("opérateur NEAR/1 orange", True, False),
        ('"service client" NEAR/3 raccroché', True, False),
        ("(refund OR remboursement) NEAR/2 refused", False, True),
        ("lock NEAR/5 pen", False, True),
        ("velonova NEAR/5 bastion", False, False),  # title and body are not neighbours
        ("lang:fr", True, False),
        ("lang:en", False, True),
        ("lang:EN-gb", False, True),
        ("site:example", True, True),
        ("site:bikeblog.example", False, True),
        ("site:https://www.bikeblog.example", False, True),
        ("site:blog.example", False, False),
        ("author:jeanne_d", True, False),
        ("author:sam", False, True),
        ("author:@sam@mastodon.social", False, True),
        ('source:"forum les numeriques"', True, False),
        ("source:Bike", False, False),
        ("bastion lang:fr", False, False),
        ('"Bastion U" OR (box panne lang:fr)', True, True),
        ("NOT lang:fr", False, True),
        ("do not buy", False, True),  # lower-case "not" and "or" are words, not operators
    ],
)
def test_french_and_english_examples(query, forum_fr, review_en):
    parsed = parse(query)
    assert (parsed.matches(FORUM_FR), parsed.matches(REVIEW_EN)) == (forum_fr, review_en)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('free "mobile', "unclosed quote at position 6"),
        ('source:"Le Carnet', "unclosed quote at position 8"),
        ("free OR )", "unexpected ')' at position 9"),
        ("(free OR sfr", "missing ')' for this '(' at position 1"),
        ("free)", "unexpected ')' at position 5"),
        ("free NEAR mobile", "NEAR needs a number, like NEAR/5 at position 6"),
        ("free NEAR/x mobile", "NEAR needs a number"),
        ("free NEAR/0 mobile", "NEAR takes a distance from 1 to 100 at position 6"),
        ("free NEAR/5 lang:fr", "NEAR joins words"),
        ("free NEAR/5 -mobile", "NEAR joins words"),
        ("free AND", "the query ends too early, after 'AND' at position 9"),
        ("OR free", "unexpected 'OR' where a word, a phrase or '(' should be at position 1"),
        ("free - promo", "'-' must be followed by what to exclude, like -promo at position 6"),
        ("lang:", "lang: needs a value at position 1"),
        ("site:example.com/forum", "site: takes a host name"),
        ("   ", "the query is empty at position 1"),
        ("free !!!", "'!!!' has no letters or digits to search for at position 6"),
        ("()", "unexpected ')' at position 2"),
    ],
)
def test_errors_name_the_position(query, message):
    with pytest.raises(WatchQueryError) as error:
        parse(query)
    assert message in str(error.value)


def test_length_and_nesting_are_limited():
    with pytest.raises(WatchQueryError, match=r"too long \(2,001 characters, limit 2,000\)"):
        parse("a" * (MAX_QUERY_CHARS + 1))
    assert parse("a " * (MAX_QUERY_CHARS // 2)).matches(MatchDoc(text="a"))
    assert parse("(" * 50 + "free" + ")" * 50).matches(MatchDoc(text="Free"))
    with pytest.raises(WatchQueryError, match="nests more than 50 levels at position 51"):
        parse("(" * 51 + "free" + ")" * 51)
    with pytest.raises(WatchQueryError, match="nests more than 50"):
        parse("NOT " * 60 + "free")
    with pytest.raises(WatchQueryError, match="nests more than 50"):
        parse("-" * 60 + "free")


def test_the_printed_query_is_explicit():
    query = parse('"free mobile" OR @free -promo lang:fr')
    assert str(query) == '("free mobile" OR (@free AND NOT promo AND lang:fr))'
    assert parse(str(query)) == query


def test_reasons_name_what_matched_and_never_what_was_excluded():
    query = parse("(panne OR refund) box -bastion lang:fr")
    assert query.reasons(FORUM_FR) == ["panne", "box", "lang:fr"]


def test_many_queries_are_matched_after_one_tokenization():
    compiled = compile_queries(
        {"orange": "orange OR #panneorange", "velonova": "bastion OR velonova"}
    )
    assert compiled.matching(FORUM_FR) == ["orange"]
    assert compiled.matching(REVIEW_EN) == ["velonova"]
    assert not compiled.matches_any(MatchDoc(text="Rien à voir."))
    assert matches_any([parse("lock"), parse("box")], REVIEW_EN)
    assert not matches_any(compile_queries(["fibre"]), REVIEW_EN)


def test_one_bad_query_does_not_stop_the_others_when_asked():
    with pytest.raises(WatchQueryError):
        compile_queries(["orange", '"broken'])
    compiled = compile_queries(["orange", '"broken'], skip_invalid=True)
    assert list(compiled.queries) == [0]
    assert compiled.errors[1].position == 1
    assert compiled.matches_any(FORUM_FR)


def test_a_stored_mention_can_be_matched(mentions, django_assert_max_num_queries):
    rows = Mention.objects.select_related("source", "author").order_by("pk")
    with django_assert_max_num_queries(1):
        docs = [MatchDoc.from_mention(m) for m in rows]
    query = parse('("sans les vis" NEAR/3 nul) OR (bastion NEAR/5 stylo) lang:fr')
    assert sum(query.matches(doc) for doc in docs) == len(mentions)
    blog = parse(
        'source:"Le Carnet du Cycliste" site:carnet.example author:"@user99@mastodon.example"'
    )
    assert [query.matches(doc) for doc in docs] == [True] * 5
    assert [blog.matches(doc) for doc in docs] == [False] * 4 + [True]
