"""Volume bursts in the app: online bins by arrival, the alarm budget, alarms sent once."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from sentinelle.core.models import Outbox
from sentinelle.listening.models import Mention, Source
from sentinelle.stories.models import AlertChannel, BurstAlarm, BurstState
from sentinelle.stories.volume import check_brand_bursts

T0 = datetime(2026, 11, 2, 0, 0, tzinfo=UTC)


def _mentions(brand, times, *, topic="delivery", complaint=False, start=0):
    source, _ = Source.objects.get_or_create(brand=brand, name="Flux", kind="file", channel="forum")
    Mention.objects.bulk_create(
        Mention(
            brand=brand,
            source=source,
            channel="forum",
            external_id=f"m{start + n}",
            text="Livraison",
            text_raw="Livraison",
            published_at=t,
            fetched_at=t,
            fingerprint=f"{start + n:032x}",
            topic=topic,
            is_complaint=complaint,
        )
        for n, t in enumerate(times)
    )


def _quiet_week(brand, rng):
    """About two mentions an hour for a week, at random moments."""
    times = [T0 + timedelta(minutes=rng.uniform(0, 7 * 24 * 60)) for _ in range(7 * 24 * 2)]
    _mentions(brand, sorted(times))


def test_a_spike_raises_one_alarm_sent_to_the_channels_and_never_twice(brand):
    rng = random.Random(4)
    _quiet_week(brand, rng)
    AlertChannel.objects.create(brand=brand, name="PR", kind="email", target="pr@example.com")
    week_end = T0 + timedelta(days=7)
    assert check_brand_bursts(brand.pk, week_end) == 0  # warm-up: a quiet week, no alarm
    spike = [week_end + timedelta(minutes=20 + rng.uniform(0, 40)) for _ in range(60)]
    _mentions(brand, sorted(spike), complaint=True, start=10_000)
    raised = check_brand_bursts(brand.pk, week_end + timedelta(hours=1, minutes=5))
    assert raised >= 1
    alarm = BurstAlarm.objects.filter(brand=brand, suppressed="").order_by("at").first()
    assert alarm.series in {"brand", "topic:delivery"}
    assert "expected" in alarm.explanation["explanation"]
    assert week_end < alarm.at <= week_end + timedelta(hours=1, minutes=5)
    sent = Outbox.objects.filter(brand=brand, kind="email").count()
    assert sent == BurstAlarm.objects.filter(brand=brand, suppressed="").count()
    # The same bins are never fed twice: running again at the same time raises nothing.
    assert check_brand_bursts(brand.pk, week_end + timedelta(hours=1, minutes=5)) == 0
    assert BurstState.objects.get(brand=brand).last_bin_end == week_end + timedelta(
        hours=1, minutes=5
    )


def test_the_weekly_budget_caps_what_is_sent(brand, settings):
    settings.SENTINELLE_ALARMS_PER_WEEK = 1
    rng = random.Random(5)
    _quiet_week(brand, rng)
    AlertChannel.objects.create(brand=brand, name="PR", kind="email", target="pr@example.com")
    week_end = T0 + timedelta(days=7)
    check_brand_bursts(brand.pk, week_end)
    start = 10_000
    for hour in range(0, 30, 6):  # five spikes in a day
        at = week_end + timedelta(hours=hour)
        times = sorted(at + timedelta(minutes=rng.uniform(5, 50)) for _ in range(80))
        _mentions(brand, times, complaint=True, start=start)
        start += 100
        check_brand_bursts(brand.pk, at + timedelta(hours=1))
    notified = BurstAlarm.objects.filter(brand=brand, suppressed="")
    assert notified.count() == 1
    assert BurstAlarm.objects.filter(brand=brand).exclude(suppressed="").exists()
    assert Outbox.objects.filter(brand=brand).count() == 1


def test_a_state_saved_by_another_release_is_dropped_and_warmed_up_again(brand):
    rng = random.Random(5)
    _quiet_week(brand, rng)
    week_end = T0 + timedelta(days=7)
    check_brand_bursts(brand.pk, week_end)
    row = BurstState.objects.get(brand=brand)
    row.state["volume"] = {"brand": {"version": 0}}  # what an older release left
    row.save(update_fields=["state"])
    spike = [week_end + timedelta(minutes=20 + rng.uniform(0, 40)) for _ in range(60)]
    _mentions(brand, sorted(spike), complaint=True, start=10_000)
    # Not an error on every run from now on: the detectors start again from the stored week.
    assert check_brand_bursts(brand.pk, week_end + timedelta(hours=1, minutes=5)) >= 1
    row.refresh_from_db()
    assert row.state["volume"]["brand"]["version"] != 0
