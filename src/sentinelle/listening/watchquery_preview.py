"""What a draft watch query would have matched among the brand's recent mentions.

The lead's editor shows it before a query is saved: how many recent mentions match, how many
of those the other enabled queries already catch, and a sample with the matched words marked.
Only stored mentions can be scanned, so items an earlier query left out are not seen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString

from sentinelle.brands.models import Brand
from sentinelle.core.clock import now
from sentinelle.listening.models import Mention
from sentinelle.listening.watchquery import (
    MatchDoc,
    Prepared,
    Query,
    WatchQueryError,
    Words,
    prepare,
    tokenize,
)
from sentinelle.listening.watchquery_filter import get_brand_queries

PREVIEW_DAYS = (1, 3, 7, 14, 30)
DEFAULT_DAYS = 7
MAX_SCANNED = 20_000
SAMPLE_SIZE = 20
EXCERPT_CHARS = 320
_RUN = re.compile(r"\w+")
_PREVIEW_FIELDS = ("title", "text", "language", "url", "channel", "published_at", "source__name")
_PREVIEW_FIELDS += ("author__handle", "author__display_name", "source", "author")


@dataclass
class PreviewRow:
    mention: Mention
    title: SafeString
    excerpt: SafeString
    also_matched_by: list[str]


@dataclass
class Preview:
    """Counts over the scanned mentions, and the first matches, newest first."""

    days: int
    limit: int
    scanned: int = 0
    matched: int = 0
    also_matched: int = 0  # of the matched, those another enabled query matches too
    other_queries: int = 0
    samples: list[PreviewRow] = field(default_factory=list)

    @property
    def truncated(self) -> bool:
        return self.scanned >= self.limit

    @property
    def only_this(self) -> int:
        return self.matched - self.also_matched


@dataclass(frozen=True)
class FaultMarker:
    """The line of a query holding a fault, and a caret line pointing at it."""

    line_number: int
    line: str
    caret: str


def fault_marker(query: str, error: WatchQueryError) -> FaultMarker:
    """Where the fault is, for showing a caret under it (tabs kept so the caret lines up)."""
    at = max(0, min(error.position - 1, len(query)))
    start = query.rfind("\n", 0, at) + 1
    end = query.find("\n", at)
    line = query[start : end if end >= 0 else len(query)]
    pad = "".join("\t" if ch == "\t" else " " for ch in query[start:at])
    return FaultMarker(query.count("\n", 0, at) + 1, line, pad + "^")


def matched_words(query: Query, doc: Prepared) -> frozenset[str]:
    """The folded words of the query's positive terms that the document contains."""
    return frozenset(
        word
        for leaf in query.root.leaves()
        if isinstance(leaf, Words) and leaf.test(doc)
        for word, _ in leaf.tokens
    )


def highlight(text: str, words: frozenset[str], *, excerpt: int | None = None) -> SafeString:
    """The text escaped, its words that fold to one of `words` wrapped in <mark>.

    With `excerpt`, only about that many characters around the first marked word are kept.
    """
    memo: dict[str, bool] = {}

    def marked(run: str) -> bool:
        if run not in memo:
            memo[run] = any(word in words for word, _ in tokenize(run))
        return memo[run]

    start, end = 0, len(text)
    if excerpt is not None and end > excerpt:
        first = next((m.start() for m in _RUN.finditer(text) if marked(m[0])), 0)
        start = max(0, first - excerpt // 3)
        start = text.rfind(" ", 0, start) + 1 if start else 0
        end = min(end, start + excerpt)
    parts: list[SafeString] = [escape("…")] if start else []
    at = start
    for run in _RUN.finditer(text, start, end):
        if marked(run[0]):
            parts += [escape(text[at : run.start()]), format_html("<mark>{}</mark>", run[0])]
            at = run.end()
    parts.append(escape(text[at:end]))
    if end < len(text):
        parts.append(escape("…"))
    return format_html_join("", "{}", ((part,) for part in parts))


def preview_query(
    brand: Brand,
    query: Query,
    *,
    days: int = DEFAULT_DAYS,
    exclude: int | None = None,
    limit: int = MAX_SCANNED,
    sample_size: int = SAMPLE_SIZE,
) -> Preview:
    """Match a draft query against the brand's mentions of the last `days` days, newest first,
    scanning at most `limit`; `exclude` is the query being edited, left out of the others."""
    others_compiled = get_brand_queries(brand.pk)
    others = {pk: q for pk, q in others_compiled.compiled.queries.items() if pk != exclude}
    preview = Preview(days=days, limit=limit, other_queries=len(others))
    recent = (
        Mention.objects.filter(brand=brand, published_at__gte=now() - timedelta(days=days))
        .select_related("source", "author")
        .only(*_PREVIEW_FIELDS)
        .order_by("-published_at", "-pk")[:limit]
    )
    for mention in recent.iterator(chunk_size=2_000):
        preview.scanned += 1
        doc = prepare(MatchDoc.from_mention(mention))
        if not query.root.test(doc):
            continue
        preview.matched += 1
        also = [pk for pk, other in others.items() if other.root.test(doc)]
        preview.also_matched += bool(also)
        if len(preview.samples) < sample_size:
            words = matched_words(query, doc)
            preview.samples.append(
                PreviewRow(
                    mention=mention,
                    title=highlight(mention.title, words),
                    excerpt=highlight(mention.text, words, excerpt=EXCERPT_CHARS),
                    also_matched_by=[others_compiled.names[pk] for pk in also],
                )
            )
    return preview
