"""Sustained level shifts: a CUSUM of robust log residuals against the seasonal long-run level.

The burst test compares short windows (5 to 60 minutes) with the 12 hours before. A rise that
builds over hours (a story that spreads, a defect discussed all afternoon) slips through it:
each hour is only a little above the last, the 12 h median follows the rise, and its
quasi-Poisson variance, learned on a series' spikes, makes a threefold hour unremarkable next
to the tenfold single-bin spikes that the same series also has (on NAB's KO and CRM series a
5x rise over hours scored far under the threshold set by such spikes). So the shift test
differs from the burst test in four ways:

- its baseline is the seasonal profile's long-run level (about three days of memory,
  Huber-clipped) times the hour-of-week factor, so hours of elevation do not become normal;
- it moves by hours: mentions come in threads and cascades, so 5-minute residuals are
  autocorrelated and a per-bin CUSUM climbs on every lively hour; hourly log residuals are
  close to independent and their robust scale is the hour-to-hour variability of the series;
- each hour adds a *capped*, robustly standardised log residual to a one-sided CUSUM (Page
  1954): one huge spike adds at most ``cap - drift``, so only persistence builds the statistic
  and a series' giant spikes do not set its tail;
- its score is the CUSUM read as ``-log10`` of its stationary tail, ``P(S > h) ~ exp(-2 k h)``
  for a reflected random walk with unit-variance steps and drift ``-k`` (Siegmund), so it goes
  through the same kind of budget gate as the burst test's p-values (with its own tail
  calibrator: see ``BurstDetector``).

Pure Python, JSON-serialisable, O(1) a bin.
"""

from __future__ import annotations

import math
from typing import Any, Self

_LN10 = math.log(10.0)
_MEAN_ABS_TO_SIGMA = math.sqrt(math.pi / 2.0)  # sigma = E|Z| * sqrt(pi / 2) for a normal Z


class LevelShiftCusum:
    """Feed ``(count, expected)`` per bin; ``update`` returns the shift score (-log10 p)."""

    __slots__ = (
        "acc_expected",
        "acc_observed",
        "bins",
        "cap",
        "cusum",
        "drift",
        "expected",
        "n",
        "observed",
        "pseudo",
        "rate",
        "scale",
        "step_bins",
    )

    def __init__(
        self,
        drift: float = 1.0,
        cap: float = 4.0,
        pseudo: float = 1.0,
        step_bins: int = 12,
        memory_steps: int = 24,
    ) -> None:
        self.drift = drift  # k: shifts of about 2 k robust sigmas are detected fastest
        self.cap = cap  # one step's standardised residual counts at most this much
        self.pseudo = pseudo  # added to count and baseline: log(0) and 1-vs-0 are not news
        # Steps of an hour, not a bin: mention counts are autocorrelated within the hour
        # (threads, retweet cascades), so per-bin residuals are not independent and a per-bin
        # CUSUM drifts up on every lively hour; hourly residuals are close to independent and
        # their scale is the hour-to-hour variability a shift must stand out from.
        self.step_bins = step_bins
        self.rate = 1.0 / memory_steps  # the residual scale learns over about a day
        self.scale = 0.5  # robust sigma of the log residual, a priori half a factor e
        self.cusum = 0.0
        self.observed = 0.0  # mentions since the CUSUM last left zero, for the explanation
        self.expected = 0.0
        self.bins = 0  # bins since the CUSUM last left zero
        self.acc_observed = 0.0  # the step in progress
        self.acc_expected = 0.0
        self.n = 0

    def update(self, count: float, expected: float) -> float:
        """Add one bin; the CUSUM moves once a step is complete. Returns the current score."""
        self.n += 1
        self.acc_observed += count
        self.acc_expected += expected
        if self.cusum > 0.0:
            self.bins += 1
        if self.n % self.step_bins:
            return self.score()
        count, expected = self.acc_observed, self.acc_expected
        self.acc_observed = self.acc_expected = 0.0
        r = math.log((count + self.pseudo) / (expected + self.pseudo))
        z = r / self.scale
        # Mean absolute residual, clipped so that a burst under test barely widens the scale.
        clipped = min(abs(r), 4.0 * self.scale)
        self.scale = max(self.scale + self.rate * (clipped * _MEAN_ABS_TO_SIGMA - self.scale), 0.05)
        if self.cusum <= 0.0:
            self.observed = self.expected = 0.0
            self.bins = self.step_bins
        self.cusum = max(0.0, self.cusum + min(z, self.cap) - self.drift)
        if self.cusum > 0.0:
            self.observed += count
            self.expected += expected
        return self.score()

    def score(self) -> float:
        return 2.0 * self.drift * self.cusum / _LN10

    def to_state(self) -> dict[str, Any]:
        return {s: getattr(self, s) for s in self.__slots__}

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Self:
        self = cls()
        for s in cls.__slots__:
            setattr(self, s, state[s])
        return self
