"""Watch queries applied at ingestion: what is kept, what is left out, and why."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sentinelle.core.text import plain_text
from sentinelle.listening.items import AuthorInfo, RawItem
from sentinelle.listening.models import Source, WatchQuery
from sentinelle.listening.watchquery import tokenize
from sentinelle.listening.watchquery_filter import (
    MATCHED_KEY,
    filter_items,
    filters_source,
    get_brand_queries,
    item_match_doc,
)

WHEN = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)


def item(n: int, text: str, **overrides) -> RawItem:
    fields = {"external_id": str(n), "text": text, "published_at": WHEN, "channel": "mastodon"}
    return RawItem(**(fields | overrides))


ITEMS = [
    item(1, "Mon Vélonova est arrivé sans les vis.", lang="fr"),
    item(2, "Recette de la tarte aux pommes.", lang="fr"),
    item(3, "Le cadenas Bastion U s'ouvre avec un stylo.", lang="fr", extra={"truth": {"x": 1}}),
    item(4, "Velonova promo: -20 % ce week-end !", lang="fr"),
]


def source(brand, kind: str = "mastodon", **config) -> Source:
    return Source.objects.create(brand=brand, kind=kind, name=f"{kind} {config}", config=config)


@pytest.fixture
def queries(brand):
    return {
        "marque": WatchQuery.objects.create(brand=brand, name="Marque", query="vélonova -promo"),
        "produit": WatchQuery.objects.create(brand=brand, name="Produit", query='"bastion u"'),
    }


def matched(items: list[RawItem]) -> dict[str, list[str]]:
    return {i.external_id: [m["name"] for m in i.extra[MATCHED_KEY]] for i in items}


def test_open_web_items_are_kept_only_when_a_query_matches(brand, queries):
    kept = filter_items(source(brand), ITEMS)
    assert matched(kept) == {"1": ["Marque"], "3": ["Produit"]}
    assert kept[0].extra[MATCHED_KEY] == [
        {"id": queries["marque"].pk, "name": "Marque", "reasons": ["vélonova"]}
    ]
    assert kept[1].extra["truth"] == {"x": 1}, "what the item already carried is kept"
    assert MATCHED_KEY not in ITEMS[0].extra, "the items given are not changed"


@pytest.mark.parametrize("kind", ["imap", "form", "facebook", "webhook", "file"])
def test_owned_channels_always_concern_the_brand(brand, queries, kind):
    kept = filter_items(source(brand, kind), ITEMS)
    assert matched(kept) == {"1": ["Marque"], "2": [], "3": ["Produit"], "4": []}


@pytest.mark.parametrize(
    ("kind", "config", "filtered"),
    [
        ("rss", {}, True),
        ("bluesky", {}, True),
        ("reddit", {}, True),
        ("youtube", {}, True),
        ("x", {}, True),
        ("rss", {"filter": False}, False),
        ("form", {"filter": True}, True),
        ("rss", {"filter": "no"}, True),  # only a true JSON boolean changes the default
    ],
)
def test_the_source_config_can_turn_filtering_off_or_on(brand, queries, kind, config, filtered):
    src = source(brand, kind, **config)
    assert filters_source(src) is filtered
    assert len(filter_items(src, ITEMS)) == (2 if filtered else 4)


def test_a_brand_without_enabled_query_keeps_everything_unchanged(brand, other_brand):
    WatchQuery.objects.create(brand=brand, name="Off", query="bastion", enabled=False)
    WatchQuery.objects.create(brand=other_brand, name="Lune", query="pommes")
    assert filter_items(source(brand), ITEMS) == ITEMS


def test_a_broken_query_matches_nothing_and_alone_filters_nothing(brand):
    broken = WatchQuery.objects.create(brand=brand, name="Cassée", query='"vélonova')
    src = source(brand)
    assert filter_items(src, ITEMS) == ITEMS
    WatchQuery.objects.create(brand=brand, name="Pommes", query="pommes")
    assert matched(filter_items(src, ITEMS)) == {"2": ["Pommes"]}
    assert list(get_brand_queries(brand.pk).compiled.errors) == [broken.pk]


def test_queries_are_compiled_once_and_again_after_a_change(brand, queries):
    src = source(brand)
    first = get_brand_queries(brand.pk)
    assert get_brand_queries(brand.pk) is first
    queries["produit"].query = "pommes"
    queries["produit"].save()
    assert get_brand_queries(brand.pk) is not first
    assert matched(filter_items(src, ITEMS)) == {"1": ["Marque"], "2": ["Produit"]}
    queries["marque"].enabled = False
    queries["marque"].save()
    assert matched(filter_items(src, ITEMS)) == {"2": ["Produit"]}
    queries["produit"].name = "Dessert"
    queries["produit"].save()
    assert matched(filter_items(src, ITEMS)) == {"2": ["Dessert"]}


def test_fields_see_what_the_stored_mention_will_have(brand):
    WatchQuery.objects.create(
        brand=brand,
        name="Champs",
        query='author:jeanne site:forum.example lang:fr source:"Forum vélo"',
    )
    src = Source.objects.create(brand=brand, kind="rss", name="Forum vélo")
    good = item(
        1,
        "Rien",
        lang="fr-FR",
        url="https://www.forum.example/t/1",
        author=AuthorInfo(handle="@Jeanne"),
    )
    others = [
        item(2, "Rien", lang="en", url=good.url, author=good.author),
        item(3, "Rien", lang="fr", url="https://ailleurs.example/", author=good.author),
        item(4, "Rien", lang="fr", url=good.url, author=AuthorInfo(handle="paul")),
    ]
    assert [i.external_id for i in filter_items(src, [good, *others])] == ["1"]


def test_html_is_searched_as_the_text_a_reader_sees(brand):
    WatchQuery.objects.create(brand=brand, name="Marque", query="velonova")
    html = '<p>Un <a href="https://velonova.example" title="velonova">lien</a></p>'
    items = [
        item(1, html, content_type="text/html"),
        item(2, "<p>Chez <b>Vélo</b>nova</p>", content_type="text/html"),  # one word on screen
        item(3, "<p>Chez <b>Vélo</b> nova</p>", content_type="text/html"),
    ]
    assert [i.external_id for i in filter_items(source(brand), items)] == ["2"]


@settings(max_examples=300, deadline=None, database=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=6),
            st.sampled_from(["vé", "lo", "a", " ", "\n", "l'", "\xa0", "&amp;", "&eacute;", ";"]),
            st.sampled_from(["\r", "\x1c", "\x85", "\u00ad", "\u200b", "\u2028", "\ue000"]),
        ),
        max_size=30,
    ).map("".join)
)
def test_items_are_searched_as_their_stored_text(text):
    raw = item(1, text)
    stored = plain_text(text, "text/plain")
    assert tokenize(item_match_doc(Source(name="s"), raw).text) == tokenize(stored)
