"""The volume-burst detector on controlled synthetic series."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import numpy as np
import pytest

from sentinelle.stories.bursts import BurstConfig, BurstDetector
from tests.stories_bursts.synth import (
    BIN,
    DAY_BINS,
    START,
    WEEK_BINS,
    poisson_counts,
    seasonal_rate,
    times,
)


def run(detector: BurstDetector, counts: list[int]) -> list[tuple[int, object]]:
    return [
        (i, a)
        for i, (t, c) in enumerate(zip(times(len(counts)), counts, strict=True))
        if (a := detector.update(t, c))
    ]


def test_seasonal_series_do_not_alarm() -> None:
    # 9 series x 4 weeks at 0.5 alarms a week each could spend 18 alarms; seasonality
    # (daily cycle, quiet weekends) must spend almost none of that.
    alarms = [
        alarm
        for base in (0.5, 5.0, 50.0)
        for seed in (1, 2, 3)
        for alarm in run(
            BurstDetector("quiet", alarms_per_week=0.5),
            poisson_counts(seasonal_rate(4 * WEEK_BINS, base), seed=seed),
        )
    ]
    assert len(alarms) <= 2


def test_sharp_burst_alarms_within_the_persistence_window() -> None:
    n = 10 * DAY_BINS
    rate = seasonal_rate(n, 20.0)
    start = 9 * DAY_BINS + 100
    rate[start : start + 24] *= 6.0
    detector = BurstDetector("burst", alarms_per_week=0.5)
    alarms = run(detector, poisson_counts(rate, seed=2))
    assert len(alarms) == 1
    at, alarm = alarms[0]
    assert at == start + detector.config.persistence - 1  # as soon as persistence allows
    assert alarm.kind == "volume" and alarm.observed > 2 * alarm.expected
    assert "mentions vs" in alarm.explain() and alarm.p_value < 1e-3


def test_low_counts_do_not_alarm_but_a_jump_to_twelve_does() -> None:
    n = 14 * DAY_BINS
    quiet = poisson_counts(np.full(n, 1.0), seed=3)
    assert max(quiet) <= 8
    detector = BurstDetector("low", alarms_per_week=0.5)
    assert run(detector, quiet) == []
    rng = np.random.default_rng(4)
    jump = [int(v) for v in rng.poisson(12.0, size=12)]
    t0 = START + BIN * n
    alarms = [detector.update(t0 + BIN * (i + 1), c) for i, c in enumerate(jump)]
    assert any(alarms[:3])


def test_cooldown_prevents_repeated_alarms() -> None:
    n = 10 * DAY_BINS
    rate = seasonal_rate(n, 10.0)
    first = 9 * DAY_BINS
    for offset in (0, 8, 16):  # three bursts of 15 minutes, 40 minutes apart
        rate[first + offset : first + offset + 3] *= 8.0
    late = first + 6 * 12  # a fourth one five hours later, past the hour of cooldown
    rate[late : late + 3] *= 8.0
    config = BurstConfig(cooldown_minutes=60)
    alarms = run(BurstDetector("cool", config, alarms_per_week=0.5), poisson_counts(rate, 5))
    assert [i // 12 for i, _ in alarms] == [first // 12, late // 12]


def test_missing_bins_count_as_zero_and_order_is_enforced() -> None:
    detector = BurstDetector("gaps")
    detector.update(START, 3)
    detector.update(START + 10 * BIN, 3)
    assert detector.n == 11  # bins 0..10, the nine missing ones as zeros
    with pytest.raises(ValueError, match="not after"):
        detector.update(START + 5 * BIN, 1)
    with pytest.raises(ValueError, match="naive"):
        detector.update(datetime(2025, 1, 1, 12), 1)  # noqa: DTZ001 - the case under test
    alarm_free = detector.update(datetime(2025, 1, 1, 12, tzinfo=UTC), 1)
    assert alarm_free is None


def test_state_json_round_trip_gives_identical_decisions() -> None:
    n = 12 * DAY_BINS
    rate = seasonal_rate(n, 8.0)
    for start in (10 * DAY_BINS, 11 * DAY_BINS + 50):
        rate[start : start + 12] *= 5.0
    counts = poisson_counts(rate, seed=6)
    cut = 9 * DAY_BINS + 7
    ts = times(n)
    original = BurstDetector("story:42", alarms_per_week=0.5)
    for t, c in zip(ts[:cut], counts[:cut], strict=True):
        original.update(t, c)
    restored = BurstDetector.from_state(json.loads(json.dumps(original.to_state())))
    a = [original.update(t, c) for t, c in zip(ts[cut:], counts[cut:], strict=True)]
    b = [restored.update(t, c) for t, c in zip(ts[cut:], counts[cut:], strict=True)]
    assert [x.to_dict() if x else None for x in a] == [x.to_dict() if x else None for x in b]
    assert sum(x is not None for x in a) == 2
    assert json.dumps(original.to_state()) == json.dumps(restored.to_state())
