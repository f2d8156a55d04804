"""How many bins a second one detector absorbs (``sentinelle bench`` reports it)."""

from __future__ import annotations

import time

from sentinelle.stories.bursts.detector import BurstDetector
from sentinelle.stories.bursts.share import NegativeShareDetector

START = 1_735_689_600.0  # 2025-01-01 00:00 UTC


def synthetic_counts(n: int, base: float = 20.0, seed: int = 0) -> list[int]:
    """Seasonal Poisson counts in 5-minute bins."""
    import numpy as np  # lazy: importing the package stays light

    rng = np.random.default_rng(seed)
    hours = np.arange(n) * 300 / 3600.0
    rate = base * (1.0 + 0.6 * np.sin(2 * np.pi * hours / 24.0))
    return [int(v) for v in rng.poisson(rate)]


def bench_bursts(n_points: int = 50_000, seed: int = 0) -> dict[str, float]:
    """Points per second of the volume and negative-share detectors, one series each."""
    counts = synthetic_counts(n_points, seed=seed)
    volume = BurstDetector("bench")
    began = time.perf_counter()
    for i, c in enumerate(counts):
        volume.update(START + 300.0 * i, c)
    volume_s = time.perf_counter() - began
    share = NegativeShareDetector("bench")
    began = time.perf_counter()
    for i, c in enumerate(counts):
        share.update(START + 300.0 * i, c, c // 4)
    share_s = time.perf_counter() - began
    return {
        "volume_points_per_s": round(n_points / volume_s),
        "share_points_per_s": round(n_points / share_s),
    }
