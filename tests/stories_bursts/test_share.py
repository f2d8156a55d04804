"""The negative-share detector: share rises alarm, volume rises at constant share do not."""

from __future__ import annotations

import json

import numpy as np

from sentinelle.stories.bursts import NegativeShareDetector
from tests.stories_bursts.synth import DAY_BINS, times


def stream(n: int, volume: np.ndarray, share: np.ndarray, seed: int) -> list[tuple[int, int]]:
    rng = np.random.default_rng(seed)
    totals = rng.poisson(volume)
    negatives = rng.binomial(totals, share)
    return [(int(t), int(k)) for t, k in zip(totals, negatives, strict=True)]


def run(detector: NegativeShareDetector, bins: list[tuple[int, int]]) -> list[int]:
    ts = times(len(bins))
    return [
        i for i, (t, (n, k)) in enumerate(zip(ts, bins, strict=True)) if detector.update(t, n, k)
    ]


def test_share_rise_at_constant_volume_alarms() -> None:
    n = 6 * DAY_BINS
    share = np.full(n, 0.2)
    start = 5 * DAY_BINS
    share[start : start + 36] = 0.45
    bins = stream(n, np.full(n, 8.0), share, seed=11)
    alarms = run(NegativeShareDetector("brand", alarms_per_week=0.5), bins)
    assert len(alarms) == 1
    assert start <= alarms[0] < start + 12


def test_volume_rise_at_constant_share_does_not_alarm() -> None:
    n = 6 * DAY_BINS
    volume = np.full(n, 8.0)
    volume[5 * DAY_BINS : 5 * DAY_BINS + 36] = 40.0
    bins = stream(n, volume, np.full(n, 0.2), seed=12)
    assert run(NegativeShareDetector("brand", alarms_per_week=0.5), bins) == []


def test_share_alarm_explains_itself_and_state_round_trips() -> None:
    n = 6 * DAY_BINS
    share = np.full(n, 0.1)
    share[5 * DAY_BINS + 20 :] = 0.4
    bins = stream(n, np.full(n, 10.0), share, seed=13)
    ts = times(n)
    cut = 4 * DAY_BINS
    a = NegativeShareDetector("topic:billing", alarms_per_week=0.5)
    for t, (total, neg) in zip(ts[:cut], bins[:cut], strict=True):
        a.update(t, total, neg)
    b = NegativeShareDetector.from_state(json.loads(json.dumps(a.to_state())))
    out_a = [a.update(t, x, k) for t, (x, k) in zip(ts[cut:], bins[cut:], strict=True)]
    out_b = [b.update(t, x, k) for t, (x, k) in zip(ts[cut:], bins[cut:], strict=True)]
    assert out_a == out_b
    fired = [x for x in out_a if x is not None]
    assert len(fired) == 1
    assert fired[0].kind == "negative_share" and fired[0].observed > 2 * fired[0].expected
    assert "negative share" in fired[0].explain()
