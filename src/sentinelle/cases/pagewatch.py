"""The page watcher: fetch watched articles again through the guarded client and record when
one changes, gains an update note, or disappears.

Each fetch is conditional (ETag, Last-Modified), capped in size and time, and happens outside
any transaction; what it found is then written with its case event in one transaction.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from sentinelle.cases.models import CaseEvent, CaseEventKind, PageWatch
from sentinelle.core.clock import now
from sentinelle.core.http import FetchError, HttpResponse, fetch
from sentinelle.core.outbox import enqueue_email
from sentinelle.core.text import fingerprint, fold, plain_text

log = logging.getLogger(__name__)

INTERVAL = timedelta(hours=6)
RETRY_BASE = timedelta(minutes=15)
SLOW_RETRY = timedelta(days=1)
MAX_BACKOFF = timedelta(days=7)
LEASE = timedelta(minutes=10)
#: A watch stops this long after it started: by then the article has settled.
WATCH_FOR = timedelta(days=90)
MAX_BYTES = 2_000_000
TIMEOUT_S = 15.0
MAX_TEXT = 100_000
EXCERPT = 500
BATCH = 20
GONE = {404, 410}

Fetcher = Callable[..., HttpResponse]

_ARTICLE = re.compile(r"<article\b[^>]*>(.*)</article\s*>", re.IGNORECASE | re.DOTALL)
_MAIN = re.compile(r"<main\b[^>]*>(.*)</main\s*>", re.IGNORECASE | re.DOTALL)
_CHARSET = re.compile(r"charset=[\"']?([\w.:-]+)", re.IGNORECASE)
# An update note opens its paragraph ("Mise à jour du 12/11 :", "MAJ :", "Édit :", "EDIT",
# "Update:", "Addendum"…); matched on folded text (lower case, no accents).
_NOTE_START = re.compile(
    r"^\W{0,4}(?:mise a jour|maj|m\.a\.j\.?|edit(?:ion)?|edite|update[d]?|addendum|"
    r"post-scriptum|ps|rectificatif|erratum|nb|n\.b\.)\b",
)
# Anywhere in a new paragraph, in capitals only: "… EDIT : …", "UPDATE (12/11)".
_NOTE_SHOUTED = re.compile(r"\b(?:EDIT|UPDATE|MAJ|MISE À JOUR|ÉDIT)\b")
# A new closing paragraph that says the problem was dealt with.
_RESOLUTION = re.compile(
    r"\b(?:resolu|regle|rembourse|remplace|repare|contacte|m'a (?:contacte|appele|rappele)|"
    r"ont (?:contacte|appele|rappele)|geste commercial|excuses|resolved|refunded|replaced|"
    r"repaired|fixed|reached out|contacted me|got in touch|apologi[sz]ed)\w*",
)


def article_text(body: bytes, content_type: str) -> str:
    """The article's visible text: the <article> (else <main>) element of an HTML page."""
    match = _CHARSET.search(content_type)
    try:
        html = body.decode(match.group(1) if match else "utf-8", errors="replace")
    except LookupError:
        html = body.decode("utf-8", errors="replace")
    if "html" in content_type.lower() or (not content_type and "<html" in html[:2000].lower()):
        found = _ARTICLE.search(html) or _MAIN.search(html)
        return plain_text(found.group(1) if found else html, "text/html")[:MAX_TEXT]
    return plain_text(html, content_type or "text/plain")[:MAX_TEXT]


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def added_paragraphs(before: str, after: str) -> list[str]:
    """The paragraphs of `after` that `before` did not have, in order."""
    seen = {fold(p) for p in _paragraphs(before)}
    return [p for p in _paragraphs(after) if fold(p) not in seen]


def find_update_note(added: list[str], text: str, *, brand_name: str = "") -> str:
    """The new paragraph that reads as an update note, or ''.

    A note opens with a marker (mise à jour, MAJ, édit, update, addendum…), or shouts EDIT or
    UPDATE, or is a new closing paragraph naming the brand or saying the problem was dealt with.
    """
    for paragraph in added:
        if _NOTE_START.search(fold(paragraph)) or _NOTE_SHOUTED.search(paragraph):
            return paragraph[:EXCERPT]
    closing = _paragraphs(text)[-2:]
    brand = fold(brand_name).strip()
    for paragraph in added:
        folded = fold(paragraph)
        if paragraph in closing and ((brand and brand in folded) or _RESOLUTION.search(folded)):
            return paragraph[:EXCERPT]
    return ""


def _tell_owner(watch: PageWatch, what: str, key: str, detail: str = "") -> None:
    owner = watch.case.owner
    if owner is None or not owner.email:
        return
    subject = {
        "note": _("%(ref)s: an update note appeared on the article"),
        "gone": _("%(ref)s: the article is gone"),
    }[what] % {"ref": watch.case.reference}
    enqueue_email(
        to=owner.email,
        brand=watch.brand,
        dedupe_key=f"pagewatch-{watch.pk}-{what}-{key}",
        subject=subject,
        body=f"{watch.case.reference} — {watch.case.title}\n{watch.url}\n\n{detail}".strip(),
    )


def _event(watch: PageWatch, kind: str, **data: Any) -> None:
    CaseEvent.objects.create(case=watch.case, kind=kind, data={"url": watch.url, **data})


@transaction.atomic
def _record_page(watch: PageWatch, response: HttpResponse) -> PageWatch:
    fetched = now()
    was_gone = watch.gone_at is not None
    watch.last_fetched_at, watch.last_status = fetched, response.status
    watch.failures, watch.error, watch.gone_at = 0, "", None
    watch.next_fetch_at = fetched + INTERVAL
    if response.status == 304:  # not modified: the text we have is still the page's
        if was_gone:
            watch.changed_at = fetched
            _event(watch, CaseEventKind.PAGE_CHANGED, added="", back=True)
        watch.save()
        return watch
    etag = response.header("etag")
    watch.etag = etag if len(etag) <= 300 and etag.isprintable() else ""
    modified = response.header("last-modified")
    watch.last_modified = modified if len(modified) <= 100 and modified.isprintable() else ""
    text = article_text(response.body, response.header("content-type"))
    digest = fingerprint(text)
    if not watch.baseline_hash:
        watch.baseline_at, watch.baseline_hash, watch.content_hash = fetched, digest, digest
        watch.baseline_text, watch.baseline_excerpt = text, text[:EXCERPT]
    elif digest != watch.content_hash or was_gone:
        watch.content_hash, watch.changed_at = digest, fetched
        watch.change_count += 1
        added = added_paragraphs(watch.baseline_text, text)
        note = find_update_note(added, text, brand_name=watch.brand.name)
        if note and note != watch.update_note_excerpt:
            watch.update_note_at, watch.update_note_excerpt = fetched, note
            _event(watch, CaseEventKind.PAGE_UPDATE_NOTE, excerpt=note)
            _tell_owner(watch, "note", digest, note)
        else:
            _event(
                watch, CaseEventKind.PAGE_CHANGED, added=" / ".join(added)[:EXCERPT], back=was_gone
            )
    watch.save()
    return watch


def _backoff(base: timedelta, failures: int) -> timedelta:
    return min(base * 2 ** min(max(failures - 1, 0), 20), MAX_BACKOFF)


@transaction.atomic
def _record_failure(watch: PageWatch, exc: FetchError) -> PageWatch:
    fetched = now()
    watch.last_fetched_at, watch.last_status = fetched, exc.status
    watch.failures += 1
    detail = str(exc)[:300]
    if exc.status in GONE:
        watch.error = _("The page is gone (HTTP %(status)s).") % {"status": exc.status}
        delay = _backoff(SLOW_RETRY, watch.failures)
        if watch.gone_at is None:
            watch.gone_at = fetched
            _event(watch, CaseEventKind.PAGE_GONE, status=exc.status)
            _tell_owner(watch, "gone", fetched.isoformat(), watch.error)
    elif exc.retryable:
        watch.error = _("Cannot be fetched for now, will try again: %(detail)s") % {
            "detail": detail
        }
        delay = max(_backoff(RETRY_BASE, watch.failures), timedelta(seconds=exc.retry_after or 0))
    else:
        # The guarded client says "refused …" when the address is not a public one.
        refused = str(exc).startswith("refused")
        template = (
            _("Refused by the network guard: %(detail)s")
            if refused
            else _("Cannot be fetched: %(detail)s")
        )
        error = template % {"detail": detail}
        if error != watch.error:
            _event(watch, CaseEventKind.PAGE_WATCH_FAILED, error=error, refused=refused)
        watch.error = error
        delay = _backoff(SLOW_RETRY, watch.failures)
    watch.next_fetch_at = fetched + min(delay, MAX_BACKOFF)
    watch.save()
    return watch


def check_page(watch: PageWatch, *, fetcher: Fetcher = fetch) -> PageWatch:
    """Fetch one watched page (outside any transaction) and record what it shows."""
    headers = {"Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5"}
    if watch.etag and watch.baseline_hash:
        headers["If-None-Match"] = watch.etag
    if watch.last_modified and watch.baseline_hash:
        headers["If-Modified-Since"] = watch.last_modified
    try:
        response = fetcher(watch.url, headers=headers, max_bytes=MAX_BYTES, timeout=TIMEOUT_S)
    except FetchError as exc:
        log.info("page watch %s: %s", watch.pk, exc)
        return _record_failure(watch, exc)
    return _record_page(watch, response)


def watch_due_pages(*, fetcher: Fetcher = fetch, limit: int = BATCH) -> int:
    """Check the watched pages that are due; returns how many were fetched.

    A page is claimed with a lease first, so two loops never fetch it at the same time."""
    started = now()
    due = (
        PageWatch.objects.filter(
            active=True, next_fetch_at__lte=started, created_at__gte=started - WATCH_FOR
        )
        .order_by("next_fetch_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    checked = 0
    for pk in list(due):
        claimed = PageWatch.objects.filter(pk=pk, next_fetch_at__lte=started).update(
            next_fetch_at=started + LEASE
        )
        if not claimed:
            continue
        watch = PageWatch.objects.select_related("case__owner", "brand").get(pk=pk)
        check_page(watch, fetcher=fetcher)
        checked += 1
    return checked
