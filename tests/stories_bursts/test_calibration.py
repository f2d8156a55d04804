"""The declustered tail calibrator and the alarm gate that spends the budget per cluster."""

from __future__ import annotations

import math

import pytest

from sentinelle.stories.bursts.alarm import AlarmGate
from sentinelle.stories.bursts.calibration import TailCalibrator, excess_quantile


def test_a_long_burst_is_one_cluster_and_moves_the_level_once() -> None:
    calibrator = TailCalibrator()
    for _ in range(300):
        calibrator.update(0.0)
    before = calibrator.level
    for _ in range(60):  # an hour-long burst keeps a 60-minute window high for 12+ bins
        calibrator.update(50.0)
    calibrator.update(0.0)
    assert calibrator.n_excess == 1
    assert calibrator.excesses == [pytest.approx(50.0 - before)]
    assert calibrator.level < before + calibrator.step


def test_a_burst_does_not_blind_the_series() -> None:
    def threshold_after(burst_bins: int) -> float:
        calibrator = TailCalibrator()
        for i in range(4 * 288):  # four days of ordinary scores: short clusters of 2..4
            calibrator.update(2.0 + (i % 7) if i % 50 < 3 else 0.5)
        for _ in range(burst_bins):
            calibrator.update(80.0)
        for _ in range(5):
            calibrator.update(0.5)
        return calibrator.threshold(1e-4)

    # One burst is one cluster among many: it barely moves the threshold, however long it is.
    assert threshold_after(60) == pytest.approx(threshold_after(3))


def test_heavier_tail_quartiles_give_higher_thresholds() -> None:
    exponential = excess_quantile(1.0, 2.0, 40.0)
    assert exponential == pytest.approx(math.log(40.0) / math.log(2.0))
    assert excess_quantile(1.0, 3.0, 40.0) > 2.0 * exponential


def test_calibrator_state_from_before_declustering_still_loads() -> None:
    old = {
        "tail_prob": 0.02,
        "step": 0.05,
        "min_samples": 288,
        "n": 5000,
        "level": 3.0,
        "median_excess": 1.2,
        "n_excess": 80,
    }
    calibrator = TailCalibrator.from_state(old)
    assert calibrator.level == 3.0 and calibrator.excesses == []
    assert math.isfinite(calibrator.threshold(1e-4))


def test_a_shift_flickering_around_the_threshold_is_one_alarm() -> None:
    gate = AlarmGate(persistence=2, cooldown_bins=12, warmup_bins=0)
    scores = [10.0] * 20 + [3.0] + [10.0] * 30  # dips under the threshold, not under u
    scores += [0.0] * 5 + [10.0] * 3  # back to ordinary scores, then a new burst
    fired = [i for i, s in enumerate(scores) if gate.decide(i + 1, s, 3.0, True) is not None]
    assert fired == [1, 57]
