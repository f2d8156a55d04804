"""Story alerts: a level rose, here is why; sent through the outbox to the brand's channels."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from sentinelle.brands.models import Brand
from sentinelle.core.choices import RISK_ORDER, RiskLevel
from sentinelle.core.clock import now
from sentinelle.core.models import OutboxKind
from sentinelle.core.outbox import enqueue
from sentinelle.core.text import fold
from sentinelle.listening.models import Mention
from sentinelle.stories.grouping.textfeat import stopwords
from sentinelle.stories.models import (
    AlertChannel,
    AlertChannelKind,
    BurstAlarm,
    HoldingStatement,
    Story,
    StoryAlert,
)

SAMPLE_CHARS = 280
_WORD = re.compile(r"[^\W\d_][\w'’-]{3,}", re.UNICODE)
Change = tuple[int, str, str, float, Iterable[str]]  # story pk, old, new, score, reasons


def raise_alerts(brand_id: int, changes: Iterable[Change]) -> list[StoryAlert]:
    """An alert for every rise to watch or above, unless the story alerted as high lately."""
    raised = []
    cooldown = timedelta(hours=settings.SENTINELLE_ALERT_COOLDOWN_H)
    for story_pk, old, new, score, reasons in changes:
        if RISK_ORDER[new] <= RISK_ORDER[old] or new == RiskLevel.QUIET:
            continue
        recent = StoryAlert.objects.filter(story_id=story_pk, created_at__gte=now() - cooldown)
        if any(
            RISK_ORDER[level] >= RISK_ORDER[new] for level in recent.values_list("level", flat=True)
        ):
            continue
        story = Story.objects.get(pk=story_pk)
        alert = StoryAlert.objects.create(
            brand_id=brand_id,
            story=story,
            level=new,
            previous_level=old,
            score=round(score, 4),
            reasons=list(reasons)[:12],
            explanation=explain(story),
        )
        _send(alert)
        raised.append(alert)
    return raised


def story_url(story: Story) -> str:
    path = reverse("web:story", kwargs={"brand_slug": story.brand.slug, "pk": story.pk})
    return settings.SENTINELLE_BASE_URL + path


def explain(story: Story, *, limit: int = 2000) -> dict[str, Any]:
    """Why this story matters, in data: sources, terms, samples, sentiment, spread, link."""
    mentions = list(
        Mention.objects.filter(story_link__story=story)
        .select_related("author", "source")
        .order_by("published_at", "pk")[:limit]
    )
    if not mentions:
        return {"link": story_url(story), "mentions": 0}
    sources = Counter((m.channel, m.source.name) for m in mentions)
    spread: dict[str, str] = {}
    for m in mentions:
        spread.setdefault(m.channel, m.published_at.isoformat())
    first = mentions[0]
    loudest = max(mentions, key=lambda m: (_engagement(m), -m.pk))
    complaints = [m for m in mentions if m.is_complaint]
    samples = []
    for m in [first, loudest, *(complaints[-1:] if complaints else [])]:
        if m.pk not in {s["id"] for s in samples}:
            samples.append(_sample(m))
    return {
        "link": story_url(story),
        "mentions": len(mentions),
        "complaints": len(complaints),
        "top_sources": [
            {"channel": ch, "source": name, "mentions": n}
            for (ch, name), n in sources.most_common(5)
        ],
        "terms": top_terms(m.title + " " + m.text for m in mentions),
        "samples": samples,
        "sentiment": dict(Counter(m.sentiment or "unknown" for m in mentions)),
        "first_mention": _sample(first),
        "spread": [{"channel": ch, "first_at": at} for ch, at in spread.items()],
        "authors": len({m.author_id for m in mentions if m.author_id}),
        "reach": sum(m.author.followers or 0 for m in mentions if m.author_id),
    }


def _engagement(m: Mention) -> int:
    return sum(int(v) for v in (m.engagement or {}).values() if isinstance(v, int | float))


def _sample(m: Mention) -> dict[str, Any]:
    return {
        "id": m.pk,
        "channel": m.channel,
        "author": m.author_label,
        "published_at": m.published_at.isoformat(),
        "url": m.url,
        "text": (m.title + " — " + m.text if m.title else m.text)[:SAMPLE_CHARS],
    }


def top_terms(texts: Iterable[str], n: int = 8) -> list[str]:
    """The words most stories' mentions repeat, without function words."""
    stop = stopwords()
    counts: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for text in texts:
        seen = set()
        for word in _WORD.findall(text):
            key = fold(word)
            if key in stop or key in seen:
                continue
            seen.add(key)
            counts[key] += 1
            shown.setdefault(key, word.lower())
    return [shown[k] for k, c in counts.most_common(n) if c > 1]


def _send(alert: StoryAlert) -> None:
    channels = AlertChannel.objects.filter(brand_id=alert.brand_id, enabled=True)
    brand = Brand.objects.get(pk=alert.brand_id)
    for channel in channels:
        if RISK_ORDER[alert.level] < RISK_ORDER[channel.min_level]:
            continue
        with translation.override(brand.default_language):
            kind, payload = render_alert(alert, channel, brand)
        enqueue(kind, payload, brand=brand, dedupe_key=f"story-alert-{alert.pk}-{channel.pk}")


def _headline(alert: StoryAlert, brand: Brand) -> str:
    return _("%(brand)s: story at level %(level)s — %(title)s") % {
        "brand": brand.name,
        "level": RiskLevel(alert.level).label,
        "title": alert.story.title[:100],
    }


def _body_lines(alert: StoryAlert) -> list[str]:
    e = alert.explanation
    lines = [_("Why: %(reasons)s") % {"reasons": "; ".join(alert.reasons) or "—"}]
    lines.append(
        _("%(mentions)s mentions, %(complaints)s complaints, %(authors)s authors")
        % {k: e.get(k, 0) for k in ("mentions", "complaints", "authors")}
    )
    if e.get("top_sources"):
        lines.append(
            _("Sources: %(list)s")
            % {"list": ", ".join(f"{s['source']} ({s['mentions']})" for s in e["top_sources"])}
        )
    if e.get("terms"):
        lines.append(_("Terms: %(list)s") % {"list": ", ".join(e["terms"])})
    if e.get("spread"):
        lines.append(
            _("Spread: %(list)s")
            % {"list": " → ".join(f"{s['channel']} {s['first_at'][:16]}" for s in e["spread"])}
        )
    if e.get("sentiment"):
        lines.append(
            _("Sentiment: %(list)s")
            % {"list": ", ".join(f"{k} {v}" for k, v in sorted(e["sentiment"].items()))}
        )
    for sample in e.get("samples", []):
        lines.append(f"- [{sample['channel']}] {sample['text']} {sample['url']}".strip())
    lines.append(_("Open the story: %(link)s") % {"link": e.get("link", "")})
    return lines


def render_alert(alert: StoryAlert, channel: AlertChannel, brand: Brand) -> tuple[str, dict]:
    """The outbox message for one channel: an e-mail, a Slack or Teams card, a signed JSON."""
    body = {
        "event": "story.level_raised",
        "brand": brand.slug,
        "alert": {
            "id": alert.pk,
            "level": alert.level,
            "previous_level": alert.previous_level,
            "score": alert.score,
            "reasons": alert.reasons,
            "created_at": alert.created_at.isoformat(),
        },
        "story": {"id": alert.story_id, "title": alert.story.title},
        "explanation": alert.explanation,
    }
    link = alert.explanation.get("link", "")
    return render_message(channel, _headline(alert, brand), _body_lines(alert), link, body)


def render_message(
    channel: AlertChannel, headline: str, lines: list[str], link: str, body: dict[str, Any]
) -> tuple[str, dict]:
    """One notification in the channel's format; customer text is escaped for each format."""
    if channel.kind == AlertChannelKind.EMAIL:
        return OutboxKind.EMAIL, {
            "to": channel.target,
            "subject": headline,
            "body": "\n".join(lines),
        }
    if channel.kind == AlertChannelKind.SLACK:
        # Slack's mrkdwn treats <, > and & as markup: customer text is escaped for it.
        text = "\n".join(_slack_escape(line) for line in [f"*{headline}*", *lines])
        return OutboxKind.SLACK, {"url": channel.target, "json": {"text": text}}
    if channel.kind == AlertChannelKind.TEAMS:
        card = {
            "@type": "MessageCard",
            "@context": "https://schema.org/extensions",
            "summary": headline[:150],
            "title": _teams_escape(headline),
            "text": "\n\n".join(_teams_escape(line) for line in lines),
            "potentialAction": [
                {
                    "@type": "OpenUri",
                    "name": _("Open in Sentinelle"),
                    "targets": [{"os": "default", "uri": link}],
                }
            ],
        }
        return OutboxKind.TEAMS, {"url": channel.target, "json": card}
    return OutboxKind.WEBHOOK, {"url": channel.target, "json": body, "secret": channel.secret}


def _slack_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _teams_escape(text: str) -> str:
    # MessageCard text is Markdown with some HTML: neutralise both.
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_\[\]()#|])", r"\\\1", text)


@transaction.atomic
def do_acknowledge_alert(alert: StoryAlert, *, user: Any) -> StoryAlert:
    """Someone saw the alert and is on it (idempotent: the first acknowledgement stays)."""
    StoryAlert.objects.filter(pk=alert.pk, acknowledged_at__isnull=True).update(
        acknowledged_at=now(), acknowledged_by=user
    )
    alert.refresh_from_db()
    return alert


@transaction.atomic
def do_acknowledge_burst(alarm: BurstAlarm, *, user: Any) -> None:
    BurstAlarm.objects.filter(pk=alarm.pk, acknowledged_at__isnull=True).update(
        acknowledged_at=now(), acknowledged_by=user
    )


def move_story_rows(old_story_id: int, new_story_id: int) -> None:
    """A story merged into another: its alerts and statements follow it."""
    StoryAlert.objects.filter(story_id=old_story_id).update(story_id=new_story_id)
    top = (
        HoldingStatement.objects.filter(story_id=new_story_id)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
        or 0
    )
    for statement in HoldingStatement.objects.filter(story_id=old_story_id).order_by("version"):
        top += 1
        HoldingStatement.objects.filter(pk=statement.pk).update(story_id=new_story_id, version=top)
