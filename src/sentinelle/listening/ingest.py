"""Store raw items as mentions: dedupe, authors, parents, and the cursor, in one transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction

from sentinelle.brands.models import Brand
from sentinelle.core.choices import Channel
from sentinelle.core.clock import now
from sentinelle.core.text import fingerprint, plain_text
from sentinelle.listening.items import RawItem
from sentinelle.listening.models import Author, Mention, Source, SourceKind
from sentinelle.listening.steps import run_after_store

SOURCE_KIND_FOR_CHANNEL = {
    Channel.BLOG: SourceKind.RSS,
    Channel.FORUM: SourceKind.RSS,
    Channel.NEWS: SourceKind.RSS,
    Channel.MASTODON: SourceKind.MASTODON,
    Channel.BLUESKY: SourceKind.BLUESKY,
    Channel.REDDIT: SourceKind.REDDIT,
    Channel.FACEBOOK: SourceKind.FACEBOOK,
    Channel.YOUTUBE: SourceKind.YOUTUBE,
    Channel.X: SourceKind.X,
    Channel.EMAIL: SourceKind.IMAP,
    Channel.FORM: SourceKind.FORM,
    Channel.PHONE: SourceKind.FILE,
}


@dataclass
class IngestResult:
    created: list[Mention] = field(default_factory=list)
    duplicates: int = 0


def get_or_create_source(brand: Brand, name: str, channel: str) -> Source:
    """The brand's source with this name, created with the kind its channel implies."""
    source, _ = Source.objects.get_or_create(
        brand=brand,
        name=name,
        defaults={
            "channel": channel,
            "kind": SOURCE_KIND_FOR_CHANNEL.get(Channel(channel), SourceKind.FILE),
        },
    )
    return source


def _authors(brand: Brand, items: Sequence[RawItem]) -> dict[tuple[str, str], Author]:
    wanted = {(item.channel, item.author.handle): item for item in items if item.author}
    existing = {
        (a.platform, a.handle): a
        for a in Author.objects.filter(brand=brand, handle__in={handle for _, handle in wanted})
    }
    changed = []
    for key, item in wanted.items():
        info = item.author
        assert info is not None
        author = existing.get(key)
        if author is None:
            existing[key] = Author.objects.create(
                brand=brand,
                platform=item.channel,
                handle=info.handle,
                display_name=info.name,
                profile_url=info.profile_url,
                email=info.email,
                followers=info.followers,
                is_brand=item.is_brand,
                first_seen_at=item.published_at,
            )
        elif info.followers is not None and info.followers != author.followers:
            author.followers = info.followers
            changed.append(author)
    if changed:
        Author.objects.bulk_update(changed, ["followers"])
    return existing


def ingest_items(
    source: Source, items: Iterable[RawItem], *, cursor: dict | None = None
) -> IngestResult:
    """Store new items of one source; the new cursor is saved in the same transaction."""
    items = list(items)
    result = IngestResult()
    with transaction.atomic():
        known = set(
            Mention.objects.filter(
                source=source, external_id__in=[i.external_id for i in items]
            ).values_list("external_id", flat=True)
        )
        fresh: dict[str, RawItem] = {}
        for item in items:
            if item.external_id in known or item.external_id in fresh:
                result.duplicates += 1
            else:
                fresh[item.external_id] = item
        authors = _authors(source.brand, list(fresh.values()))
        fetched_at = now()
        mentions = []
        for item in fresh.values():
            text = plain_text(item.text, item.content_type)
            mentions.append(
                Mention(
                    brand_id=source.brand_id,
                    source=source,
                    channel=item.channel,
                    external_id=item.external_id,
                    url=item.url,
                    title=item.title,
                    text_raw=item.text,
                    content_type=item.content_type,
                    text=text,
                    language=item.lang or "und",
                    published_at=item.published_at,
                    fetched_at=fetched_at,
                    is_from_brand=item.is_brand,
                    author=authors.get((item.channel, item.author.handle)) if item.author else None,
                    engagement=item.engagement,
                    engagement_at=fetched_at if item.engagement else None,
                    references=item.references,
                    fingerprint=fingerprint(f"{item.title} {text}"),
                    raw=item.extra,
                )
            )
        result.created = Mention.objects.bulk_create(mentions, batch_size=500)
        _link_parents(source, [i for i in fresh.values() if i.parent_external_id])
        source.last_success_at = fetched_at
        source.items_per_hour = Mention.objects.filter(
            source=source, fetched_at__gt=fetched_at - timedelta(hours=1)
        ).count()
        fields = ["last_success_at", "items_per_hour"]
        if cursor is not None:
            source.cursor = cursor
            fields.append("cursor")
        source.save(update_fields=fields)
    run_after_store(result.created)
    return result


def _link_parents(source: Source, children: list[RawItem]) -> None:
    if not children:
        return
    ids = {c.external_id for c in children} | {c.parent_external_id for c in children}
    by_id = {m.external_id: m for m in Mention.objects.filter(source=source, external_id__in=ids)}
    updated = []
    for child in children:
        mention = by_id.get(child.external_id)
        parent = by_id.get(child.parent_external_id or "")
        if mention is not None and parent is not None and mention.parent_id is None:
            mention.parent = parent
            updated.append(mention)
    Mention.objects.bulk_update(updated, ["parent"])


@dataclass
class ImportReport:
    created: int = 0
    duplicates: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)


def ingest_lines(
    brand: Brand,
    lines: Iterable,
    *,
    default_source: str,
    batch_size: int = 200,
    on_batch: Callable[[int], None] | None = None,
) -> ImportReport:
    """Store importer lines in batches, one transaction per source and batch; bad lines are kept
    in the report with their line number."""
    report = ImportReport()
    batch: list[RawItem] = []

    def flush() -> None:
        by_source: dict[tuple[str, str], list[RawItem]] = {}
        for item in batch:
            by_source.setdefault((item.source or default_source, item.channel), []).append(item)
        for (name, channel), items in by_source.items():
            result = ingest_items(get_or_create_source(brand, name, channel), items)
            report.created += len(result.created)
            report.duplicates += result.duplicates
        if on_batch is not None:
            on_batch(len(batch))
        batch.clear()

    for line in lines:
        if line.item is None:
            report.skipped.append((line.number, line.error))
            continue
        batch.append(line.item)
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    return report
