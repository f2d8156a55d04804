"""The killer-post playbook: a complaint published as a blog or forum article.

Contact the author privately, fix the problem, then politely ask for an update note at the
bottom of the article; never ask for its removal. Each step is tracked on the case, and the
article is watched (cases/pagewatch.py) for the update note.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from django.db import transaction
from django.utils.translation import gettext as _

from sentinelle.cases.actions import CaseError
from sentinelle.cases.models import (
    Case,
    CaseEvent,
    CaseEventKind,
    KillerPostStep,
    PageWatch,
    PlaybookStep,
)
from sentinelle.core.choices import Channel
from sentinelle.core.clock import now
from sentinelle.listening.models import Mention

ARTICLE_CHANNELS = (Channel.BLOG, Channel.FORUM)


def web_url(url: str) -> str:
    """The URL when it is an http(s) address, else '' (never a javascript: link)."""
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme in {"http", "https"} and parts.netloc else ""


def get_killer_post(case: Case) -> Mention | None:
    """The case's first message published as a blog or forum article with an address."""
    mentions = Mention.objects.filter(case_link__case=case, channel__in=ARTICLE_CHANNELS)
    for mention in mentions.exclude(url="").order_by("published_at", "pk")[:20]:
        if web_url(mention.url):
            return mention
    return None


@dataclass(frozen=True)
class StepState:
    step: str
    label: str
    done_at: datetime | None
    done_by: Any


@dataclass(frozen=True)
class KillerPost:
    """What the case page shows: the article, the steps in order, and its watch."""

    mention: Mention
    url: str
    steps: list[StepState]
    watch: PageWatch | None


def get_killer_post_panel(case: Case) -> KillerPost | None:
    """The playbook for a case whose complaint is an article; None for any other case."""
    mention = get_killer_post(case)
    if mention is None:
        return None
    done = {s.step: s for s in case.playbook_steps.select_related("done_by")}
    steps = [
        StepState(
            step,
            str(label),
            done[step].done_at if step in done else None,
            done[step].done_by if step in done else None,
        )
        for step, label in PlaybookStep.choices
    ]
    watch = case.page_watches.filter(url=mention.url).first()
    return KillerPost(mention, web_url(mention.url), steps, watch)


@transaction.atomic
def do_watch_page(case: Case, *, actor: Any) -> PageWatch:
    """Start watching the case's article (once); the first fetch takes its baseline."""
    mention = get_killer_post(case)
    if mention is None:
        raise CaseError(_("This case has no blog or forum article to watch."))
    watch, created = PageWatch.objects.get_or_create(
        case=case,
        url=mention.url,
        defaults={"brand_id": case.brand_id, "created_by": actor, "next_fetch_at": now()},
    )
    if created:
        CaseEvent.objects.create(
            case=case,
            kind=CaseEventKind.PAGE_WATCH_STARTED,
            actor=actor,
            data={"url": mention.url, "mention": mention.pk},
        )
    return watch


@transaction.atomic
def do_mark_playbook_step(case: Case, *, step: str, done: bool, actor: Any) -> KillerPostStep:
    """Mark a step done or not done, with who and when in the case's history; the first step
    done starts watching the article."""
    if step not in PlaybookStep.values:
        raise CaseError(_("This is not a step of the playbook."))
    if get_killer_post(case) is None:
        raise CaseError(_("This case has no blog or forum article."))
    row, _created = KillerPostStep.objects.select_for_update().get_or_create(case=case, step=step)
    if (row.done_at is not None) == done:
        return row
    row.done_at = now() if done else None
    row.done_by = actor if done else None
    row.save(update_fields=["done_at", "done_by"])
    CaseEvent.objects.create(
        case=case,
        kind=CaseEventKind.PLAYBOOK_STEP,
        actor=actor,
        data={"step": step, "done": done},
    )
    if done:
        do_watch_page(case, actor=actor)
    return row
