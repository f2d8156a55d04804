"""The declustered tail calibrator and the alarm gate that spends the budget per cluster."""

from __future__ import annotations

import math
import random

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

    # One burst is one cluster among many: it barely moves the threshold, however long it is
    # (the level only misses its slow decay during the longer run).
    assert threshold_after(60) == pytest.approx(threshold_after(3), rel=1e-2)


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


def alarms_per_week(calibrator: TailCalibrator, score_scale: float, days: int) -> float:
    """Alarm clusters a week from day 7 on, scores ``score_scale`` x exact p-value scores."""
    rng = random.Random(7)
    q = 0.5 / 2016  # 0.5 alarms a week in 5-minute bins
    alarms, above = 0, False
    for i in range(days * 288):
        score = score_scale * -math.log10(1.0 - rng.random())
        crossed = score >= calibrator.threshold(q)
        if crossed and not above and i >= 7 * 288:
            alarms += 1
        above = crossed
        calibrator.update(score)
    return alarms / ((days - 7) / 7)


def test_a_fresh_level_starts_where_exact_p_values_start_clusters() -> None:
    assert TailCalibrator(tail_prob=0.01).level == pytest.approx(2.0)
    assert TailCalibrator(tail_prob=0.001).level == pytest.approx(3.0)


def test_a_series_scoring_hotter_than_the_nominal_law_still_keeps_its_budget() -> None:
    # Over-dispersed counts score several times higher than exact p-values. Started at 0, the
    # level settled under the bulk of the scores, where nearly every bin is inside one long
    # run and clusters rarely start: a false equilibrium spending the budget dozens of times.
    assert alarms_per_week(TailCalibrator(), 4.0, days=21) < 1.5
    assert alarms_per_week(TailCalibrator(level=0.0), 4.0, days=21) > 5.0
    assert alarms_per_week(TailCalibrator(), 1.0, days=21) < 1.5
