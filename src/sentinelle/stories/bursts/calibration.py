"""Per-series score thresholds derived from a brand's alarm budget.

A brand allows, say, 3 alarms a week across all of its series. Each series gets an equal share,
turned into a per-bin exceedance probability ``q``. The score threshold is the larger of

- the *nominal* one, ``-log10 q``, right if the test's p-values were exact; and
- an *empirical* one: the series' own score tail, modelled online as peaks over a running high
  quantile ``u`` with an exponential excess (the SPOT idea, Siffer et al., KDD 2017), so
  ``threshold = u + beta * ln(p_u / q)``. Real counts are over-dispersed and autocorrelated;
  this part raises the threshold of a series whose scores run hotter than the nominal law.

Because ``q`` shrinks as the number of series grows, many series do not mean many alarms.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any, Self

SECONDS_PER_WEEK = 7 * 24 * 3600
_UP, _DOWN = math.exp(0.03), math.exp(-0.03)


def exceedance_probability(alarms_per_week: float, bin_seconds: float) -> float:
    """Per-bin probability that spends ``alarms_per_week`` (one series' share of the budget)."""
    bins_per_week = SECONDS_PER_WEEK / bin_seconds
    return min(max(alarms_per_week, 1e-9) / bins_per_week, 0.5)


@dataclass(slots=True)
class TailCalibrator:
    """Running peaks-over-threshold estimate of a series' score tail; JSON-serialisable."""

    tail_prob: float = 0.02  # p_u: share of scores above the tracked level u
    step: float = 0.05  # quantile-tracking step, in score units (-log10 p)
    min_samples: int = 288  # a day of 5-minute bins before the empirical tail is trusted
    n: int = 0
    level: float = 0.0  # u
    # Exponential excess beta = median / ln 2; starts at its value for exact p-values.
    median_excess: float = math.log(2.0) / math.log(10.0)
    n_excess: int = 0

    def update(self, score: float) -> None:
        """Learn from one score (stochastic quantile tracking + median excess)."""
        self.n += 1
        if score > self.level:
            # Median excess, tracked by multiplicative steps: the bursts we are looking for
            # sit in this tail, and a mean would learn them and blind the series.
            y = score - self.level
            self.n_excess += 1
            self.median_excess *= _UP if y > self.median_excess else _DOWN
            self.level += self.step * (1.0 - self.tail_prob)
        else:
            self.level -= self.step * self.tail_prob
            self.level = max(self.level, 0.0)

    @property
    def calibrated(self) -> bool:
        return self.n >= self.min_samples and self.n_excess >= 5

    def threshold(self, q: float) -> float:
        """Score threshold with exceedance probability about ``q`` per bin."""
        nominal = -math.log10(q)
        if not self.calibrated:
            return nominal + 1.0  # young series: be conservative until the tail is learned
        beta = self.median_excess / math.log(2.0)
        empirical = self.level + beta * math.log(self.tail_prob / q)
        return max(nominal, empirical)

    def to_state(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Self:
        return cls(**state)


@dataclass(slots=True)
class AlarmBudget:
    """A brand's alarm budget, shared equally by its active series."""

    alarms_per_week: float = 3.0

    def per_series(self, n_series: int) -> float:
        """Alarms a week one series may spend."""
        return self.alarms_per_week / max(n_series, 1)
