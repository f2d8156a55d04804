"""The level-shift CUSUM: slow rises are caught, spikes are not counted twice, state resumes."""

from __future__ import annotations

import json

import numpy as np
import pytest

from sentinelle.stories.bursts import BrandMonitor, BurstDetector
from sentinelle.stories.bursts.shift import LevelShiftCusum
from tests.stories_bursts.synth import DAY_BINS, poisson_counts, seasonal_rate, times


def ramp_rate(n: int, start: int, base: float = 20.0, top: float = 3.0) -> np.ndarray:
    """A seasonal series whose level climbs by a quarter an hour from ``start``, up to ``top`` x:
    no 5-minute bin and no hour is far above the one before."""
    rate = seasonal_rate(n, base)
    hours = np.clip((np.arange(n) - start) / 12.0, 0.0, None)
    rate *= np.minimum(1.0 + 0.25 * hours, top)
    return rate


def run(detector: BurstDetector, counts: list[int]) -> list[tuple[int, object]]:
    return [
        (i, a)
        for i, (t, c) in enumerate(zip(times(len(counts)), counts, strict=True))
        if (a := detector.update(t, c))
    ]


def test_one_spike_adds_at_most_cap_minus_drift() -> None:
    cusum = LevelShiftCusum(drift=1.0, cap=4.0, step_bins=1)
    for _ in range(48):
        cusum.update(10.0, 10.0)
    assert cusum.score() == 0.0
    cusum.update(5000.0, 10.0)
    assert cusum.cusum == pytest.approx(3.0)
    for _ in range(6):
        cusum.update(10.0, 10.0)
    assert cusum.score() == 0.0  # back to normal: the spike is forgotten


def test_a_slow_rise_is_caught_by_the_shift_test_within_hours_and_alarms_once() -> None:
    n = 11 * DAY_BINS
    start = 9 * DAY_BINS + 96  # a weekday, 08:00
    counts = poisson_counts(ramp_rate(n, start), seed=11)
    alarms = run(BurstDetector("slow", alarms_per_week=0.5), counts)
    after = [(i, a) for i, a in alarms if i >= start]
    assert after, "the rise was missed"
    first, alarm = after[0]
    assert first - start <= 6 * 12  # within six hours of the first rising hour
    assert len(after) == 1  # a lasting shift is one alarm, not one an hour
    assert "level-shift" in alarm.test and alarm.observed > 1.5 * alarm.expected


def test_a_spike_in_a_quiet_series_alarms_once() -> None:
    n = 10 * DAY_BINS
    rate = seasonal_rate(n, 5.0)
    spike = 9 * DAY_BINS + 150
    rate[spike : spike + 2] *= 15.0
    alarms = run(BurstDetector("quiet", alarms_per_week=0.5), poisson_counts(rate, seed=12))
    assert [i for i, _ in alarms if i >= spike - 12] == [spike + 1]


def test_state_round_trip_mid_shift_gives_identical_decisions() -> None:
    n = 11 * DAY_BINS
    start = 9 * DAY_BINS + 96
    counts = poisson_counts(ramp_rate(n, start), seed=11)
    ts = times(n)
    cut = start + 17  # inside the rise, mid-hour: the hour in progress must be kept
    original = BurstDetector("slow", alarms_per_week=0.5)
    for t, c in zip(ts[:cut], counts[:cut], strict=True):
        original.update(t, c)
    restored = BurstDetector.from_state(json.loads(json.dumps(original.to_state())))
    a = [original.update(t, c) for t, c in zip(ts[cut:], counts[cut:], strict=True)]
    b = [restored.update(t, c) for t, c in zip(ts[cut:], counts[cut:], strict=True)]
    assert [x.to_dict() if x else None for x in a] == [x.to_dict() if x else None for x in b]
    assert any(x is not None and "level-shift" in x.test for x in a)


def test_state_of_the_previous_version_is_refused() -> None:
    state = BurstDetector("old").to_state()
    state["version"] = 1
    with pytest.raises(ValueError, match="another version"):
        BurstDetector.from_state(state)
    monitor = BrandMonitor()
    monitor.update_volume("brand", times(1)[0], 3)
    old = monitor.to_state()
    old["volume"]["brand"]["version"] = 1
    with pytest.raises(ValueError):  # stories.volume drops it and warms up again
        BrandMonitor.from_state(old)


def test_the_monitor_splits_a_series_budget_between_the_two_tests() -> None:
    monitor = BrandMonitor()
    monitor.update_volume("brand", times(1)[0], 3)
    detector = monitor.volume["brand"]
    share = detector.config.shift_budget_share
    assert detector.alarms_per_week == pytest.approx(monitor.budget.per_series(1))
    assert detector.shift_gate.alarms_per_week == pytest.approx(share * detector.alarms_per_week)
