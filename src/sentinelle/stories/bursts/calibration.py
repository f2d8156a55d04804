"""Per-series score thresholds derived from a brand's alarm budget.

A brand allows, say, 3 alarms a week across all of its series. Each series gets an equal share,
turned into a per-bin exceedance probability ``q``. The score threshold is the larger of

- the *nominal* one, ``-log10 q``, right if the test's p-values were exact; and
- an *empirical* one: the series' own score tail, modelled online as peaks over a running high
  level ``u`` (the SPOT idea, Siffer et al., KDD 2017), declustered into runs so that one
  burst counts once, with a generalised Pareto excess read from two quartiles of recent
  cluster maxima: ``threshold = u + Q_excess(p_u / q)``. Real counts are over-dispersed and
  autocorrelated; this part raises the threshold of a series whose scores run hotter than
  the nominal law.

Because ``q`` shrinks as the number of series grows, many series do not mean many alarms.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Self

SECONDS_PER_WEEK = 7 * 24 * 3600
XI_MAX = 1.0  # tail shape cap: past 1 the GPD has no mean, and 40 maxima cannot tell more


def exceedance_probability(alarms_per_week: float, bin_seconds: float) -> float:
    """Per-bin probability that spends ``alarms_per_week`` (one series' share of the budget)."""
    bins_per_week = SECONDS_PER_WEEK / bin_seconds
    return min(max(alarms_per_week, 1e-9) / bins_per_week, 0.5)


def _quantile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    x = p * (len(ordered) - 1)
    lo = int(x)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (x - lo) * (ordered[hi] - ordered[lo])


def excess_quantile(median: float, upper: float, odds: float) -> float:
    """Excess over ``u`` exceeded once in ``odds`` clusters, from two quartiles of a GPD.

    For a generalised Pareto excess, ``Q(3/4) / Q(1/2) = 2**xi + 1`` (Pickands-style, robust:
    no moment is used), ``xi = 0`` being the exponential tail. Heavier tails (``xi > 0``) are
    common in count scores and an exponential fit would spend the budget several times over.
    """
    xi = min(max(math.log2(max(upper / median - 1.0, 1.0)), 0.0), XI_MAX)
    if xi < 1e-6:
        return median / math.log(2.0) * math.log(odds)
    sigma = median * xi / (2.0**xi - 1.0)
    return sigma / xi * (odds**xi - 1.0)


@dataclass(slots=True)
class TailCalibrator:
    """Running, declustered peaks-over-threshold estimate of a series' score tail.

    Scores of moving windows come in runs: one burst keeps a 60-minute window high for a dozen
    bins. Counting each of those bins as an exceedance lets a single burst push the tracked
    level up and fill the excess estimate with burst values, which blinds the series for days.
    So the tail is modelled per *cluster* (a run of bins above ``u``, the "runs" declustering
    of extreme-value statistics): ``u`` is tracked so that clusters start in about
    ``tail_prob`` of the bins, and the excess scale is the median of recent cluster maxima
    above ``u``. Alarms are also one per run, so the budget is spent in the same unit.
    JSON-serialisable.
    """

    tail_prob: float = 0.01  # p_u: share of bins where a cluster above the level u starts
    step: float = 0.05  # quantile-tracking step, in score units (-log10 p)
    min_samples: int = 288  # a day of 5-minute bins before the empirical tail is trusted
    min_clusters: int = 5  # ... and this many clusters seen
    memory: int = 40  # cluster excesses kept for the median (about two to four weeks)
    n: int = 0
    # u. It starts where clusters would start in ``tail_prob`` of the bins if scores were exact
    # p-values, like the excess below. Started at 0, the first days' clusters are measured
    # from a level far under the tail, and the young threshold spent the budget several times.
    level: float = math.nan
    # Exponential excess beta = median / ln 2; starts at its value for exact p-values.
    median_excess: float = math.log(2.0) / math.log(10.0)
    upper_excess: float = 2.0 * math.log(2.0) / math.log(10.0)  # upper quartile, same units
    n_excess: int = 0  # clusters closed so far
    excesses: list[float] = field(default_factory=list)  # the last ``memory`` cluster excesses
    run_max: float = -1.0  # largest excess of the cluster in progress; -1 outside a cluster

    def __post_init__(self) -> None:
        if math.isnan(self.level):
            self.level = -math.log10(self.tail_prob)

    def update(self, score: float) -> None:
        """Learn from one score: quantile tracking of cluster starts, then cluster maxima."""
        self.n += 1
        if score > self.level:
            if self.run_max < 0.0:  # a cluster starts
                self.run_max = score - self.level
                self.level += self.step * (1.0 - self.tail_prob)
                return
            self.run_max = max(self.run_max, score - self.level)
        elif self.run_max >= 0.0:
            self._close_cluster()
        self.level = max(self.level - self.step * self.tail_prob, 0.0)

    def _close_cluster(self) -> None:
        # The median of cluster maxima: the bursts we are looking for sit in this tail, and a
        # mean would learn them and blind the series.
        self.excesses = [*self.excesses, self.run_max][-self.memory :]
        self.run_max = -1.0
        self.n_excess += 1
        self.median_excess = max(_quantile(self.excesses, 0.5), 0.01)
        self.upper_excess = max(_quantile(self.excesses, 0.75), 2.0 * self.median_excess)

    @property
    def calibrated(self) -> bool:
        return self.n >= self.min_samples and self.n_excess >= self.min_clusters

    def threshold(self, q: float) -> float:
        """Score threshold crossed by about a share ``q`` of the bins, counted once per run."""
        nominal = -math.log10(q)
        if not self.calibrated:
            return nominal + 1.0  # young series: be conservative until the tail is learned
        empirical = self.level + excess_quantile(
            self.median_excess, self.upper_excess, self.tail_prob / q
        )
        return max(nominal, empirical)

    def to_state(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Self:
        # Fields added later take their defaults, so a stored state stays readable.
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in state.items() if k in known})


@dataclass(slots=True)
class AlarmBudget:
    """A brand's alarm budget, shared equally by its active series."""

    alarms_per_week: float = 3.0

    def per_series(self, n_series: int) -> float:
        """Alarms a week one series may spend."""
        return self.alarms_per_week / max(n_series, 1)
