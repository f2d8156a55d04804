"""An alarm with its explanation, and the gate that decides when a score becomes one."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any, Self

from sentinelle.stories.bursts.calibration import TailCalibrator, exceedance_probability


@dataclass(frozen=True, slots=True)
class Alarm:
    """One burst alarm and why it fired."""

    series: str
    kind: str  # "volume" or "negative_share"
    at: datetime  # end of the bin that raised it (aware UTC)
    test: str  # which test fired, e.g. "poisson-lr 60 min vs 12 h"
    window_minutes: int
    observed: float  # volume: mentions in the window; share: negative share in the window
    expected: float  # the baseline the test compared against
    score: float  # -log10 p, after confirmation
    threshold: float  # the score the budget required
    references: dict[str, float | None] = field(default_factory=dict)
    suppressed: str = ""  # non-empty when over the brand's budget: log it, do not notify

    @property
    def p_value(self) -> float:
        return 10.0 ** (-self.score)

    def explain(self) -> str:
        """One line a person can read."""
        if self.kind == "negative_share":
            what = f"negative share {self.observed:.0%} vs {self.expected:.0%} expected"
        else:
            what = f"{self.observed:g} mentions vs {self.expected:.1f} expected"
        refs = ", ".join(f"{k} {v:.1f}" for k, v in self.references.items() if v is not None)
        text = (
            f"{self.series}: {what} in the last {self.window_minutes} min "
            f"({self.test}, p={self.p_value:.1e}, score {self.score:.1f} >= {self.threshold:.1f})"
        )
        return f"{text}; {refs}" if refs else text

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["at"] = self.at.isoformat()
        data["p_value"] = self.p_value
        data["explanation"] = self.explain()
        return data


def to_epoch(ts: datetime | float) -> float:
    """Epoch seconds of an aware datetime or a number (numbers are taken as UTC epochs)."""
    if isinstance(ts, datetime):
        if ts.tzinfo is None:
            raise ValueError("naive datetime: pass an aware UTC datetime")
        return ts.timestamp()
    return float(ts)


def from_epoch(t: float) -> datetime:
    return datetime.fromtimestamp(t, tz=UTC)


@dataclass(slots=True)
class AlarmGate:
    """Warm-up, budget threshold, persistence and cooldown for one series."""

    bin_seconds: float = 300.0
    persistence: int = 2  # bins in a row above threshold before alarming
    cooldown_bins: int = 48
    warmup_bins: int = 288
    escalation: float = 2.0  # inside cooldown, re-alarm only if observed/expected doubled
    alarms_per_week: float = 0.5  # this series' share of its brand's budget
    calibrator: TailCalibrator = field(default_factory=TailCalibrator)
    run: int = 0
    bins_since_alarm: int = 1 << 30
    last_ratio: float = 0.0
    alarm_cluster: int = -1  # the calibrator's cluster number at the last alarm

    def threshold(self) -> float:
        return self.calibrator.threshold(
            exceedance_probability(self.alarms_per_week, self.bin_seconds)
        )

    def decide(self, n_bins: int, score: float, ratio: float, eligible: bool) -> float | None:
        """Feed one bin's score; return the threshold when it alarms, else None."""
        threshold = self.threshold()
        self.calibrator.update(score)
        self.bins_since_alarm += 1
        if not (eligible and score >= threshold and math.isfinite(score)):
            self.run = 0
            return None
        self.run += 1
        if self.run < self.persistence or n_bins < self.warmup_bins:
            return None
        # A run alarms once, when it becomes persistent; after that only if it escalates, so a
        # lasting level shift is one alarm, not one per cooldown period. A shift that flickers
        # around the threshold is still one cluster of high scores: a fresh alarm needs the
        # last one's cluster closed (scores back under the calibrator's level), which is also
        # the unit the budget is calibrated in.
        cooled = self.bins_since_alarm > self.cooldown_bins
        closed = self.calibrator.n_excess > self.alarm_cluster
        fresh = self.run == self.persistence and cooled and closed
        escalated = self.last_ratio > 0.0 and ratio >= self.escalation * self.last_ratio
        if not (fresh or escalated):
            return None
        self.bins_since_alarm = 0
        self.last_ratio = ratio
        open_cluster = self.calibrator.run_max >= 0.0
        self.alarm_cluster = self.calibrator.n_excess - (0 if open_cluster else 1)
        return threshold

    def to_state(self) -> dict[str, Any]:
        state = asdict(self)
        state["calibrator"] = self.calibrator.to_state()
        return state

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Self:
        state = dict(state)
        calibrator = TailCalibrator.from_state(state.pop("calibrator"))
        return cls(calibrator=calibrator, **state)
