"""Volume bursts in the app: every few minutes, each brand's mention counts per bin (for the
brand and per topic) go to its `BrandMonitor` (the pure `stories.bursts` package), under the
brand's weekly alarm budget; an alarm is stored and sent to the brand's alert channels.

Bins follow arrival time (`fetched_at`), so a closed bin never changes: the detectors are
online, as in `sentinelle eval crisis`. On its first run a brand is warmed up on the last
`WARMUP_DAYS` days.
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from sentinelle.brands.models import Brand
from sentinelle.core.choices import RISK_ORDER, RiskLevel
from sentinelle.core.clock import now
from sentinelle.core.outbox import enqueue
from sentinelle.listening.models import Mention
from sentinelle.stories.alerts import render_message
from sentinelle.stories.bursts import AlarmBudget, BrandMonitor
from sentinelle.stories.models import AlertChannel, BurstAlarm, BurstState

log = logging.getLogger(__name__)
WARMUP_DAYS = 7
MAX_ROWS = 500_000


def _bin_seconds(monitor: BrandMonitor) -> int:
    return int(monitor.config.bin_seconds)


def _floor(moment: datetime, step: int) -> datetime:
    epoch = int(moment.timestamp()) // step * step
    return datetime.fromtimestamp(epoch, tz=UTC)


def check_bursts(at: datetime | None = None) -> int:
    """Feed every brand's closed bins; returns how many alarms were raised (sent or not)."""
    raised = 0
    for brand in Brand.objects.all().only("pk"):
        try:
            raised += check_brand_bursts(brand.pk, at or now())
        except Exception:  # one brand's failure must not silence the others
            log.exception("burst check failed for brand %s", brand.pk)
    return raised


def _monitor(row: BurstState) -> BrandMonitor:
    """The brand's detectors as saved; a state an older release saved (or a damaged one) is
    dropped, with a warning, and the detectors warm up again from the stored mentions."""
    if row.state:
        try:
            return BrandMonitor.from_state(row.state)
        except (ValueError, KeyError, TypeError) as exc:
            log.warning("burst state of brand %s dropped (%s): warming up again", row.brand_id, exc)
            row.last_bin_end = None
    return BrandMonitor(AlarmBudget(settings.SENTINELLE_ALARMS_PER_WEEK))


@transaction.atomic
def check_brand_bursts(brand_id: int, at: datetime) -> int:
    BurstState.objects.get_or_create(brand_id=brand_id)
    row = BurstState.objects.select_for_update().get(brand_id=brand_id)
    monitor = _monitor(row)
    step = _bin_seconds(monitor)
    last = _floor(at, step)
    first = row.last_bin_end or last - timedelta(days=WARMUP_DAYS)
    if last <= first:
        return 0
    counts, totals, negatives = _binned(brand_id, first, last, step)
    topics = sorted({topic for (_, topic) in counts} - {""})
    alarms = []
    t = first + timedelta(seconds=step)
    while t <= last:
        alarms.append(monitor.update_volume("brand", t, totals[t]))
        alarms.append(monitor.update_share("brand", t, totals[t], negatives[t]))
        for topic in topics:
            alarms.append(monitor.update_volume(f"topic:{topic}", t, counts.get((t, topic), 0)))
        t += timedelta(seconds=step)
    stored = [_store(brand_id, a) for a in alarms if a is not None]
    row.state = monitor.to_state()
    row.last_bin_end = last
    row.save(update_fields=["state", "last_bin_end"])
    return sum(1 for s in stored if s is not None)


def _binned(brand_id: int, first: datetime, last: datetime, step: int):
    """Mentions per (bin, topic), per bin, and complaints per bin; a bin is named by its end."""
    rows = (
        Mention.objects.filter(
            brand_id=brand_id,
            fetched_at__gt=first,
            fetched_at__lte=last,
            is_from_brand=False,
            hidden_at__isnull=True,
        )
        .order_by()
        .values_list("fetched_at", "topic", "is_complaint")[:MAX_ROWS]
    )
    counts: Counter[tuple[datetime, str]] = Counter()
    totals: Counter[datetime] = Counter()
    negatives: Counter[datetime] = Counter()
    for fetched_at, topic, is_complaint in rows:
        # A bin is (end - step, end].
        end = _floor(fetched_at - timedelta(microseconds=1), step) + timedelta(seconds=step)
        counts[(end, topic or "")] += 1
        totals[end] += 1
        if is_complaint:
            negatives[end] += 1
    return counts, totals, negatives


def _store(brand_id: int, alarm: Any) -> BurstAlarm | None:
    row, created = BurstAlarm.objects.get_or_create(
        brand_id=brand_id,
        series=alarm.series[:80],
        kind=alarm.kind,
        at=alarm.at,
        defaults={"explanation": alarm.to_dict(), "suppressed": alarm.suppressed[:200]},
    )
    if not created:
        return None
    if not alarm.suppressed:
        _send(row)
    return row


def _send(alarm: BurstAlarm) -> None:
    brand = Brand.objects.get(pk=alarm.brand_id)
    link = settings.SENTINELLE_BASE_URL + f"/b/{brand.slug}/stories/"
    for channel in AlertChannel.objects.filter(brand=brand, enabled=True):
        if RISK_ORDER[channel.min_level] > RISK_ORDER[RiskLevel.ALERT]:
            continue
        with translation.override(brand.default_language):
            what = (
                _("complaints rising as a share")
                if alarm.kind == "negative_share"
                else _("mentions rising")
            )
            series = (
                _("the brand")
                if alarm.series == "brand"
                else _("topic %(topic)s") % {"topic": alarm.series.removeprefix("topic:")}
            )
            headline = _("%(brand)s: %(what)s for %(series)s") % {
                "brand": brand.name,
                "what": what,
                "series": series,
            }
            lines = [alarm.explanation.get("explanation", ""), link]
        body = {
            "event": "volume.burst",
            "brand": brand.slug,
            "alarm": {"id": alarm.pk, **alarm.explanation},
        }
        kind, payload = render_message(channel, headline, lines, link, body)
        enqueue(kind, payload, brand=brand, dedupe_key=f"burst-{alarm.pk}-{channel.pk}")
