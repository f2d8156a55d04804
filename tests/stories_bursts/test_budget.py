"""The brand budget: 50 quiet series stay within it; a real burst still gets through."""

from __future__ import annotations

import numpy as np

from sentinelle.stories.bursts import AlarmBudget, BrandMonitor
from sentinelle.stories.bursts.calibration import TailCalibrator, exceedance_probability
from tests.stories_bursts.synth import DAY_BINS, WEEK_BINS, poisson_counts, seasonal_rate, times


def test_fifty_quiet_series_stay_within_budget_and_a_burst_is_caught() -> None:
    weeks, n_series, budget = 4, 50, 3.0
    n = weeks * WEEK_BINS
    bases = np.geomspace(0.3, 60.0, n_series)
    burst_series, burst_at = 17, 3 * WEEK_BINS + 2 * DAY_BINS + 150
    series = []
    for k, base in enumerate(bases):
        rate = seasonal_rate(n, float(base))
        if k == burst_series:
            rate[burst_at : burst_at + 24] *= 6.0
        series.append(poisson_counts(rate, seed=100 + k))
    monitor = BrandMonitor(AlarmBudget(budget), hard_cap=False)
    alarms = []
    for i, t in enumerate(times(n)):
        for k in range(n_series):
            alarm = monitor.update_volume(f"topic:{k}", t, series[k][i])
            if alarm is not None:
                alarms.append((k, i))
    false_alarms = [(k, i) for k, i in alarms if not (k == burst_series and i >= burst_at)]
    assert len(false_alarms) <= budget * weeks
    assert any(k == burst_series and burst_at <= i < burst_at + 6 for k, i in alarms)


def test_more_series_mean_higher_thresholds() -> None:
    calibrator = TailCalibrator()
    few = calibrator.threshold(exceedance_probability(AlarmBudget(3).per_series(2), 300))
    many = calibrator.threshold(exceedance_probability(AlarmBudget(3).per_series(200), 300))
    assert many > few + 1.5


def test_hard_cap_marks_alarms_over_budget_as_suppressed() -> None:
    n = 10 * DAY_BINS
    monitor = BrandMonitor(AlarmBudget(1.0))
    rate = seasonal_rate(n, 10.0)
    for start in (8 * DAY_BINS, 9 * DAY_BINS):
        rate[start : start + 12] *= 8.0
    counts = poisson_counts(rate, seed=21)
    fired = [
        a for t, c in zip(times(n), counts, strict=True) if (a := monitor.update_volume("b", t, c))
    ]
    assert [bool(a.suppressed) for a in fired] == [False, True]
    restored = BrandMonitor.from_state(monitor.to_state())
    assert restored.to_state() == monitor.to_state()
