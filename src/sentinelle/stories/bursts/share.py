"""Online negative-share detector: complaints rising as a share even when volume does not."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any, Self

from sentinelle.stories.bursts.alarm import Alarm, AlarmGate, from_epoch, to_epoch
from sentinelle.stories.bursts.ring import CumRing
from sentinelle.stories.bursts.stats import binomial_score

STATE_VERSION = 1


@dataclass(frozen=True, slots=True)
class ShareConfig:
    """Knobs of the negative-share test; defaults chosen a priori."""

    bin_seconds: int = 300
    window_minutes: int = 60
    reference_hours: int = 24  # the baseline share: the day before the window
    prior_weight: float = 20.0  # pseudo-mentions of the long-run share added to the reference
    persistence: int = 2
    cooldown_minutes: int = 60
    warmup_hours: float = 24.0
    min_total: float = 10.0  # fewer mentions than this in the window never alarm
    min_negatives: float = 5.0

    def to_state(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Self:
        return cls(**state)


class NegativeShareDetector:
    """Feed ``(total, negatives)`` per bin; alarms on a significant rise of the negative share.

    Binomial likelihood-ratio test of the window's negatives against the share of the day
    before (shrunk towards the long-run share), with a beta-binomial-like dispersion learned
    online, under the same budget threshold, persistence and cooldown as volume.
    """

    def __init__(self, key: str, config: ShareConfig | None = None, alarms_per_week: float = 0.5):
        self.key = key
        self.config = cfg = config or ShareConfig()
        self.w = max(1, round(cfg.window_minutes * 60 / cfg.bin_seconds))
        self.ref = max(1, round(cfg.reference_hours * 3600 / cfg.bin_seconds))
        self.totals = CumRing(self.w + self.ref + 2)
        self.negatives = CumRing(self.w + self.ref + 2)
        self.long_total = 0.0  # exponentially weighted, about a week of memory
        self.long_neg = 0.0
        self.dispersion = 1.0  # mean |Pearson residual| of the window (1.0 ~ binomial)
        self.gate = AlarmGate(
            bin_seconds=cfg.bin_seconds,
            persistence=cfg.persistence,
            cooldown_bins=round(cfg.cooldown_minutes * 60 / cfg.bin_seconds),
            warmup_bins=round(cfg.warmup_hours * 3600 / cfg.bin_seconds),
            alarms_per_week=alarms_per_week,
        )
        self.n = 0
        self.t_last: float | None = None
        self.last_score = 0.0

    def update(self, ts: datetime | float, total: float, negatives: float) -> Alarm | None:
        """Add one bin; missing bins before it count as empty."""
        if negatives > total or negatives < 0:
            raise ValueError(f"{self.key}: negatives must be within [0, total]")
        t = to_epoch(ts)
        if self.t_last is not None:
            gap = round((t - self.t_last) / self.config.bin_seconds)
            if gap <= 0:
                raise ValueError(f"{self.key}: bin at {t} is not after {self.t_last}")
            for i in range(1, min(gap, self.w + self.ref + 1)):
                self._step(self.t_last + i * self.config.bin_seconds, 0.0, 0.0)
        self.t_last = t
        return self._step(t, float(total), float(negatives))

    def _step(self, t: float, total: float, neg: float) -> Alarm | None:
        cfg = self.config
        self.totals.push(total)
        self.negatives.push(neg)
        self.n += 1
        alarm = None
        if self.n > self.w + self.ref:
            alarm = self._score(t)
        # The long-run share learns from the bin leaving the window, so a rise under test
        # does not raise its own baseline.
        keep = 1.0 - cfg.bin_seconds / (7 * 24 * 3600)
        old_total = self.totals.window(1, self.w) if self.n > self.w else 0.0
        old_neg = self.negatives.window(1, self.w) if self.n > self.w else 0.0
        self.long_total = keep * self.long_total + old_total
        self.long_neg = keep * self.long_neg + old_neg
        return alarm

    def baseline_share(self) -> float:
        """Share of negatives in the reference day, shrunk towards the long-run share."""
        cfg = self.config
        ref_total = self.totals.window(self.ref, self.w)
        ref_neg = self.negatives.window(self.ref, self.w)
        long_share = (self.long_neg + 1.0) / (self.long_total + 2.0)
        return (ref_neg + cfg.prior_weight * long_share) / (ref_total + cfg.prior_weight)

    def _score(self, t: float) -> Alarm | None:
        cfg = self.config
        total = self.totals.window(self.w, 0)
        neg = self.negatives.window(self.w, 0)
        p0 = self.baseline_share()
        disp = self.dispersion
        phi = max(1.0, (1.2533 * disp) ** 2)
        score = binomial_score(neg, total, p0, phi)
        if total > 0:
            r = abs(neg - total * p0) / math.sqrt(total * p0 * (1.0 - p0) + 1e-9)
            cap = 4.0 * max(disp, 1.0)
            self.dispersion = disp + 0.004 * ((r if r < cap else cap) - disp)
        self.last_score = score
        share = neg / total if total else 0.0
        eligible = total >= cfg.min_total and neg >= cfg.min_negatives
        threshold = self.gate.decide(self.n, score, share / max(p0, 1e-6), eligible)
        if threshold is None:
            return None
        return Alarm(
            series=self.key,
            kind="negative_share",
            at=from_epoch(t),
            test=f"binomial-lr {cfg.window_minutes} min vs {cfg.reference_hours} h share",
            window_minutes=cfg.window_minutes,
            observed=share,
            expected=p0,
            score=score,
            threshold=threshold,
            references={"mentions in window": total, "negatives in window": neg},
        )

    def to_state(self) -> dict[str, Any]:
        """A JSON-serialisable snapshot; ``from_state`` resumes with identical decisions."""
        return {
            "version": STATE_VERSION,
            "key": self.key,
            "config": self.config.to_state(),
            "totals": self.totals.to_state(),
            "negatives": self.negatives.to_state(),
            "long_total": self.long_total,
            "long_neg": self.long_neg,
            "dispersion": self.dispersion,
            "gate": self.gate.to_state(),
            "n": self.n,
            "t_last": self.t_last,
            "last_score": self.last_score,
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Self:
        if state.get("version") != STATE_VERSION:
            raise ValueError("negative-share state from another version: start afresh")
        self = cls(state["key"], ShareConfig.from_state(state["config"]))
        self.totals = CumRing.from_state(state["totals"])
        self.negatives = CumRing.from_state(state["negatives"])
        for name in ("long_total", "long_neg", "dispersion", "n", "t_last", "last_score"):
            setattr(self, name, state[name])
        self.gate = AlarmGate.from_state(state["gate"])
        return self
