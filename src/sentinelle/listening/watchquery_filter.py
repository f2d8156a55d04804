"""Which items of a source concern the brand: the watch queries applied at ingestion.

Owned channels (the brand's mailbox, complaint form, Facebook page, signed webhooks, file
imports) always concern the brand. Items from the open web (feeds, Mastodon, Bluesky, Reddit,
YouTube, X) are kept when at least one of the brand's enabled queries matches. A source's
configuration `"filter": false` (or `true`) overrides the default of its kind. A brand without
a usable enabled query keeps everything: losing a complaint is worse than reading noise.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from html import unescape

from sentinelle.core.text import plain_text
from sentinelle.listening.items import RawItem
from sentinelle.listening.models import Source, SourceKind, WatchQuery
from sentinelle.listening.watchquery import CompiledQueries, MatchDoc, compile_queries, prepare

log = logging.getLogger(__name__)

OPEN_WEB_KINDS = frozenset(
    {
        SourceKind.RSS,
        SourceKind.MASTODON,
        SourceKind.BLUESKY,
        SourceKind.REDDIT,
        SourceKind.YOUTUBE,
        SourceKind.X,
    }
)
# Where each kept item records the queries that matched it (stored with the mention's raw data).
MATCHED_KEY = "matched_queries"
_MAX_CACHED_BRANDS = 1_000
# The separators that `tidy` keeps (and `str.isprintable` refuses): tabs, newlines, Unicode spaces.
_KEPT_SPACES = re.compile("[\n\t\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")


@dataclass(frozen=True)
class BrandQueries:
    """A brand's enabled queries, compiled; `key` says which rows they were compiled from."""

    key: tuple[tuple[int, str, str], ...]
    compiled: CompiledQueries[int]
    names: dict[int, str]

    @property
    def usable(self) -> bool:
        """Whether at least one enabled query could be read (broken ones match nothing)."""
        return bool(self.compiled.queries)


_compiled: dict[int, BrandQueries] = {}


def get_brand_queries(brand_id: int) -> BrandQueries:
    """The brand's enabled queries, compiled once and again only when one of them changes.

    One small database read per call tells whether the cached compilation is still current, so
    every process (web, workers) sees an edit at its next batch without any signal.
    """
    rows = tuple(
        WatchQuery.objects.filter(brand_id=brand_id, enabled=True)
        .order_by("pk")
        .values_list("pk", "query", "name")
    )
    cached = _compiled.get(brand_id)
    if cached is not None and cached.key == rows:
        return cached
    compiled = compile_queries({pk: text for pk, text, _ in rows}, skip_invalid=True)
    for pk, error in compiled.errors.items():
        log.warning(
            "brand %s: watch query %s cannot be read and matches nothing: %s", brand_id, pk, error
        )
    if len(_compiled) >= _MAX_CACHED_BRANDS:
        _compiled.clear()
    _compiled[brand_id] = fresh = BrandQueries(rows, compiled, {pk: name for pk, _, name in rows})
    return fresh


def filters_source(source: Source) -> bool:
    """Whether the watch queries decide which of this source's items are kept."""
    setting = source.config.get("filter") if isinstance(source.config, dict) else None
    if isinstance(setting, bool):
        return setting
    return source.kind in OPEN_WEB_KINDS


def _visible_text(item: RawItem) -> str:
    """The item's text as `plain_text` stores it, as far as words go; the common case of plain
    text with nothing to drop skips its per-character pass."""
    if "html" not in item.content_type.lower():
        text = unescape(item.text) if "&" in item.text and ";" in item.text else item.text
        if _KEPT_SPACES.sub("", text).isprintable():  # no control or format character
            return text
    return plain_text(item.text, item.content_type)


def item_match_doc(source: Source, item: RawItem) -> MatchDoc:
    """What the queries look at in an item: the same fields a stored mention will have."""
    return MatchDoc(
        text=_visible_text(item),
        title=item.title,
        lang=item.lang or "",
        url=item.url,
        author=item.author.handle if item.author else "",
        source=source.name,
    )


def filter_items(source: Source, items: Iterable[RawItem]) -> list[RawItem]:
    """The items of one source that concern its brand, in order, each annotated.

    Every returned item is a copy whose `extra["matched_queries"]` lists the brand's enabled
    queries that matched it, as `{"id", "name", "reasons"}` (possibly empty for an owned
    channel); items are returned unchanged when the brand has no usable enabled query.
    """
    items = list(items)
    queries = get_brand_queries(source.brand_id)
    if not queries.usable:
        return items
    filtering = filters_source(source)
    kept = []
    for item in items:
        doc = prepare(item_match_doc(source, item))
        matched = [
            {"id": pk, "name": queries.names[pk], "reasons": query.reasons(doc)}
            for pk, query in queries.compiled.queries.items()
            if query.root.test(doc)
        ]
        if filtering and not matched:
            continue
        kept.append(replace(item, extra={**item.extra, MATCHED_KEY: matched}))
    if len(kept) < len(items):
        log.info(
            "source %s: %d of %d items match no watch query and are left out",
            source.pk,
            len(items) - len(kept),
            len(items),
        )
    return kept
