"""Seeded synthetic count series for the burst tests."""

from __future__ import annotations

import numpy as np

START = 1_735_516_800.0  # 2024-12-30 00:00 UTC, a Monday
BIN = 300.0
DAY_BINS = 288
WEEK_BINS = 7 * DAY_BINS


def seasonal_rate(n: int, base: float) -> np.ndarray:
    """Per-bin rate with a daily cycle and quieter weekends."""
    hours = np.arange(n) * BIN / 3600.0
    daily = 1.0 + 0.6 * np.sin(2 * np.pi * (hours - 8.0) / 24.0)
    weekend = np.where((hours // 24) % 7 >= 5, 0.6, 1.0)
    return base * daily * weekend


def poisson_counts(rate: np.ndarray, seed: int) -> list[int]:
    return [int(v) for v in np.random.default_rng(seed).poisson(rate)]


def times(n: int) -> list[float]:
    return [START + BIN * (i + 1) for i in range(n)]
