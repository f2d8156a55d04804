"""Store raw items as mentions: dedupe (by id, and reposts by fingerprint), authors, parents,
the cursor, and the after-store steps, in one transaction."""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils.text import get_valid_filename

from sentinelle.brands.models import Brand
from sentinelle.core.choices import Channel
from sentinelle.core.clock import now
from sentinelle.core.text import fingerprint, plain_text
from sentinelle.listening.attachments import do_attach_stored_file
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
#: Channels where the same text twice is two messages from a person, never a repost.
PRIVATE_CHANNELS = frozenset({Channel.EMAIL, Channel.FORM, Channel.PHONE})
REPOST_MIN_WORDS = 8
MAX_ATTACHED_BYTES = 10_000_000  # a connector's own limit is lower; this one is a backstop


@dataclass
class IngestResult:
    created: list[Mention] = field(default_factory=list)
    duplicates: int = 0
    reposts: int = 0

    def add(self, other: IngestResult) -> None:
        self.created += other.created
        self.duplicates += other.duplicates
        self.reposts += other.reposts


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
    new, changed = [], []
    for key, item in wanted.items():
        info = item.author
        assert info is not None
        author = existing.get(key)
        if author is None:
            new.append(
                Author(
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
            )
        elif info.followers is not None and info.followers != author.followers:
            author.followers = info.followers
            changed.append(author)
    for author in Author.objects.bulk_create(new, batch_size=500):
        existing[(author.platform, author.handle)] = author
    if changed:
        Author.objects.bulk_update(changed, ["followers"])
    return existing


def _serialize(brand_id: int, fingerprints: Iterable[str]) -> None:
    """On PostgreSQL, workers storing the same text for a brand take turns (until commit), so
    that a repost, or the same item handed to two workers, is seen by the second one."""
    if connection.vendor != "postgresql":
        return  # SQLite runs one write transaction at a time anyway
    keys = sorted({int(fp[:7], 16) for fp in fingerprints})  # sorted: no deadlock between us
    if keys:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s, k) FROM unnest(%s::int[]) AS k", [brand_id, keys]
            )


def _repostable(item: RawItem, text: str) -> bool:
    # Short texts ("nul", "merci !") are alike by chance; private channels are never reposts.
    return item.channel not in PRIVATE_CHANNELS and len(text.split()) >= REPOST_MIN_WORDS


def store_items(
    source: Source,
    items: Iterable[RawItem],
    *,
    cursor: dict | None = None,
    reposts: bool = False,
) -> IngestResult:
    """Store the new items of one source, in one transaction (a savepoint when nested); the
    after-store steps are the caller's. Known (source, external id) pairs are skipped; with
    `reposts`, so are texts the brand already has from the last SENTINELLE_REPOST_WINDOW_HOURS
    (reposts, cross-posts)."""
    items = list(items)
    result = IngestResult()
    fetched_at = now()
    texts = {i.external_id: plain_text(i.text, i.content_type) for i in items}
    prints = {i.external_id: fingerprint(f"{i.title} {texts[i.external_id]}") for i in items}
    with transaction.atomic():
        _serialize(source.brand_id, prints.values())
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
        if reposts:
            fresh = _without_reposts(source, fresh, texts, prints, fetched_at, result)
        authors = _authors(source.brand, list(fresh.values()))
        mentions = [
            Mention(
                brand_id=source.brand_id,
                source=source,
                channel=item.channel,
                external_id=item.external_id,
                url=item.url,
                title=item.title,
                text_raw=item.text,
                content_type=item.content_type,
                text=texts[item.external_id],
                language=item.lang or "und",
                published_at=item.published_at,
                fetched_at=fetched_at,
                is_from_brand=item.is_brand,
                author=authors.get((item.channel, item.author.handle)) if item.author else None,
                engagement=item.engagement,
                engagement_at=fetched_at if item.engagement else None,
                references=item.references,
                fingerprint=prints[item.external_id],
                raw=without_file_contents(item.extra),
            )
            for item in fresh.values()
        ]
        result.created = Mention.objects.bulk_create(mentions, batch_size=500)
        for mention, item in zip(result.created, fresh.values(), strict=True):
            store_attached_files(mention, item.extra)
        _link_parents(source, [i for i in fresh.values() if i.parent_external_id])
        if cursor is not None:
            source.cursor = cursor
            source.save(update_fields=["cursor"])
    return result


def _without_reposts(
    source: Source,
    fresh: dict[str, RawItem],
    texts: dict[str, str],
    prints: dict[str, str],
    at: datetime,
    result: IngestResult,
) -> dict[str, RawItem]:
    candidates = {prints[key] for key, item in fresh.items() if _repostable(item, texts[key])}
    if not candidates:
        return fresh
    window = timedelta(hours=settings.SENTINELLE_REPOST_WINDOW_HOURS)
    seen = set(
        Mention.objects.filter(
            brand_id=source.brand_id, fingerprint__in=candidates, fetched_at__gte=at - window
        ).values_list("fingerprint", flat=True)
    )
    kept = {}
    for key, item in fresh.items():
        if prints[key] in candidates and prints[key] in seen:
            result.reposts += 1
            continue
        seen.add(prints[key])
        kept[key] = item
    return kept


def lock_authors(mentions: Sequence[Mention]) -> None:
    """Hold the authors of new mentions until commit (PostgreSQL), so that two workers do not
    open two cases, or create two customers, for one person at the same time."""
    ids = sorted({m.author_id for m in mentions if m.author_id})
    if ids and connection.features.has_select_for_update:
        list(Author.objects.select_for_update().filter(pk__in=ids).order_by("pk").values("pk"))


def ingest_items(
    source: Source, items: Iterable[RawItem], *, cursor: dict | None = None
) -> IngestResult:
    """Store new items of one source and run the after-store steps on them, all in one
    transaction, with the source's new cursor."""
    with transaction.atomic():
        result = store_items(source, items, cursor=cursor)
        stamp = now()
        source.last_success_at = stamp
        source.items_per_hour = Mention.objects.filter(
            source=source, fetched_at__gt=stamp - timedelta(hours=1)
        ).count()
        source.save(update_fields=["last_success_at", "items_per_hour"])
        lock_authors(result.created)
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


def without_file_contents(extra: dict | None) -> dict:
    """The item's extra data as kept on the mention: attached files without their bytes."""
    if not extra or not isinstance(extra.get("attachments"), list):
        return extra or {}
    files = [
        {k: v for k, v in a.items() if k != "content_base64"}
        for a in extra["attachments"]
        if isinstance(a, dict)
    ]
    return {**extra, "attachments": files}


def store_attached_files(mention: Mention, extra: dict | None) -> int:
    """Files a connector received with an item (e-mail attachments, base64 in `extra`), saved
    to storage and recorded as the mention's attachments, never served publicly."""
    files = (extra or {}).get("attachments")
    if not isinstance(files, list):
        return 0
    stored = 0
    for entry in files:
        if not isinstance(entry, dict) or not isinstance(entry.get("content_base64"), str):
            continue
        try:
            data = base64.b64decode(entry["content_base64"], validate=True)
        except (ValueError, binascii.Error):
            continue
        if not data or len(data) > MAX_ATTACHED_BYTES:
            continue
        digest = hashlib.sha256(data).hexdigest()
        base = str(entry.get("name") or "").replace("\\", "/").rsplit("/", 1)[-1]
        name = get_valid_filename(base.lstrip(".") or "attachment")[:100]
        path = default_storage.save(
            f"attachments/{mention.fetched_at:%Y/%m}/{digest[:16]}-{name}", ContentFile(data)
        )
        do_attach_stored_file(
            mention,
            path=path,
            name=str(entry.get("name") or name),
            content_type=str(entry.get("content_type") or "application/octet-stream")[:100],
            size=len(data),
            sha256=digest,
        )
        stored += 1
    return stored
