"""Online volume-burst detector for one series of counts in regular bins.

Two tests share the series' alarm budget, each with its own gate: the burst test (short
windows against the last 12 hours, for spikes) and the level-shift CUSUM (``shift.py``, for
rises that build over hours).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any, Self

from sentinelle.stories.bursts.alarm import Alarm, AlarmGate, from_epoch, to_epoch
from sentinelle.stories.bursts.profile import SeasonalProfile
from sentinelle.stories.bursts.ring import CumRing
from sentinelle.stories.bursts.shift import LevelShiftCusum
from sentinelle.stories.bursts.stats import poisson_score

STATE_VERSION = 2  # 2: the level-shift CUSUM and its gate


@dataclass(frozen=True, slots=True)
class BurstConfig:
    """Tunable knobs; the defaults are chosen a priori, not fitted to labelled data."""

    bin_seconds: int = 300
    windows_minutes: tuple[int, ...] = (5, 15, 60)  # a lone 5-minute spike is a burst too
    reference_hours: int = 12
    persistence: int = 2
    cooldown_minutes: int = 60
    warmup_hours: float = 24.0
    min_count: float = 5.0  # fewer mentions than this in a window never alarm
    min_rate_per_hour: float = 1.0  # floor of the baseline: silence is not a zero-rate law
    confirm_floor: float = 0.5  # day/week references count as at least this share of the 12 h one
    confirm_ceiling: float = 2.0  # ... and at most this multiple
    utc_offset_minutes: int = 0  # the brand's local time, for the hour-of-week profile
    # Level-shift CUSUM (shift.py): drift k in robust sigmas, cap of one hour's residual, and
    # the share of the series' alarm budget its gate spends (the burst test gets the rest).
    # A small share: the shift test is for the rare rise that builds over hours, and a high
    # bar also makes it fire when the rise is established rather than at its first hour.
    shift_drift: float = 1.0
    shift_cap: float = 4.0
    shift_budget_share: float = 0.15

    def to_state(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Self:
        state = dict(state)
        state["windows_minutes"] = tuple(state["windows_minutes"])
        return cls(**state)


class BurstDetector:
    """Feed counts in time order with ``update``; it returns an ``Alarm`` or None.

    Baseline: the robust (median of hourly) deseasonalised level of the 12 hours before the
    last hour, times the hour-of-week profile; each window's quasi-Poisson score is confirmed
    against the same window a day and a week earlier (the score is the smallest of them).
    Beside it, a level-shift CUSUM on hourly log residuals against the long-run seasonal level
    catches rises that build over hours; it spends ``shift_budget_share`` of the budget.
    """

    def __init__(self, key: str, config: BurstConfig | None = None, alarms_per_week: float = 0.5):
        self.key = key
        self.config = cfg = config or BurstConfig()
        self.bph = max(1, round(3600 / cfg.bin_seconds))
        self.day = 24 * self.bph
        self.week = 7 * self.day
        self.ref_hours = cfg.reference_hours
        self.windows = [max(1, round(m * 60 / cfg.bin_seconds)) for m in cfg.windows_minutes]
        span = max(self.windows)
        # Raw counts a week back (day/week confirmation); y and f only over the 12 h reference.
        self.cx = CumRing(self.week + span + 2)
        self.cy = CumRing((self.ref_hours + 1) * self.bph + span + 2)
        self.cf = CumRing((self.ref_hours + 1) * self.bph + span + 2)
        self.profile = SeasonalProfile(self.bph, cfg.utc_offset_minutes)
        self.dispersion = [0.01] * len(self.windows)  # c in Var = E + c E^2, per window
        self.gate = AlarmGate(
            bin_seconds=cfg.bin_seconds,
            persistence=cfg.persistence,
            cooldown_bins=round(cfg.cooldown_minutes * 60 / cfg.bin_seconds),
            warmup_bins=round(cfg.warmup_hours * self.bph),
        )
        # Its own gate and tail calibrator: the shift score's tail is made of hours-long
        # elevations, the burst score's of spikes; one threshold for both would let a spiky
        # series' giant spikes set the bar that every slow rise must clear.
        self.shift = LevelShiftCusum(cfg.shift_drift, cfg.shift_cap, step_bins=self.bph)
        self.shift_gate = AlarmGate(
            bin_seconds=cfg.bin_seconds,
            persistence=1,  # the CUSUM is an accumulation already
            cooldown_bins=round(cfg.cooldown_minutes * 60 / cfg.bin_seconds),
            warmup_bins=round(cfg.warmup_hours * self.bph),
        )
        self.alarms_per_week = alarms_per_week
        self.n = 0
        self.t_last: float | None = None
        self.last_score = 0.0

    # -- feeding -------------------------------------------------------------------------
    def update(self, ts: datetime | float, count: float) -> Alarm | None:
        """Add the count of the bin ending at ``ts``; missing bins before it count as zero."""
        t = to_epoch(ts)
        if not count >= 0.0 or count == float("inf"):
            raise ValueError(f"{self.key}: count must be a finite number >= 0, not {count!r}")
        if self.t_last is not None:
            gap = round((t - self.t_last) / self.config.bin_seconds)
            if gap <= 0:
                raise ValueError(f"{self.key}: bin at {t} is not after {self.t_last}")
            for i in range(1, min(gap, self.week + 1)):
                self._step(self.t_last + i * self.config.bin_seconds, 0.0)
        self.t_last = t
        return self._step(t, float(count))

    @property
    def alarms_per_week(self) -> float:
        """This series' share of its brand's budget, split between the burst and shift tests."""
        return self.gate.alarms_per_week + self.shift_gate.alarms_per_week

    @alarms_per_week.setter
    def alarms_per_week(self, value: float) -> None:
        share = self.config.shift_budget_share
        self.gate.alarms_per_week = value * (1.0 - share)
        self.shift_gate.alarms_per_week = value * share

    def _step(self, t: float, x: float) -> Alarm | None:
        f = self.profile.factor(t)
        n = self.n
        self.cx.push(x)
        self.cy.push(x / f)
        self.cf.push(f)
        floor = self.config.min_rate_per_hour / self.bph
        shift_score = self.shift.update(x, max(self.profile.level, floor) * f)
        alarm = shift_alarm = None
        if n >= (self.ref_hours + 1) * self.bph:
            alarm = self._score(t)
            shift_alarm = self._shift_decide(t, shift_score)
        self.profile.learn(t, x, f)
        self.n = n + 1
        return alarm or shift_alarm

    def _reference_rate(self) -> float:
        """Median deseasonalised count per bin over the 12 hours before the last hour."""
        cy, bph = self.cy, self.bph
        hours = sorted(cy.window(bph, bph * k) for k in range(1, self.ref_hours + 1))
        mid = len(hours) // 2
        median = hours[mid] if len(hours) % 2 else 0.5 * (hours[mid - 1] + hours[mid])
        return max(median / bph, self.config.min_rate_per_hour / bph)

    def _score(self, t: float) -> Alarm | None:
        cfg = self.config
        rate = self._reference_rate()
        best = (-1.0, 0, 0.0, 0.0, None, None)
        n_total = self.n + 1
        # Fast first estimates, then about a day of memory.
        step = max(0.1 / (1.0 + (n_total - (self.ref_hours + 1) * self.bph) / 100), 0.01)
        rate_up, rate_down = math.exp(step), math.exp(-step)
        for i, w in enumerate(self.windows):
            observed = self.cx.window(w, 0)
            expected = rate * self.cf.window(w, 0)
            # Negative-binomial-like variance E + c E^2: mention rates fluctuate by a
            # proportion, so big series must not turn every wobble into a tiny p-value.
            c = self.dispersion[i]
            phi = 1.0 + c * expected
            score = poisson_score(observed, expected, phi)
            ref_day = self.cx.window(w, self.day) if n_total >= self.day + w else None
            ref_week = self.cx.window(w, self.week) if n_total >= self.week + w else None
            if score > 0.0 and (ref_day is not None or ref_week is not None):
                # It must also beat the same window yesterday and last week, each read as
                # within [floor, ceiling] x the 12 h baseline: yesterday's burst may raise the
                # bar, not hide today's.
                lo, hi = cfg.confirm_floor * expected, cfg.confirm_ceiling * expected
                confirm = min(
                    poisson_score(observed, lam, 1.0 + c * lam)
                    for lam in (min(max(r, lo), hi) for r in (ref_day, ref_week) if r is not None)
                )
                score = min(score, confirm)
            # c tracks median |r| = 0.6745 (the normal MAD): a quantile, so the spikes we
            # look for vote like any large residual instead of inflating the variance.
            # The half-count continuity term keeps Poisson noise at 1/bin from reading as
            # over-dispersion.
            r = abs(observed - expected) - 0.5
            up = r > 0.0 and r * r > 0.455 * expected * phi
            self.dispersion[i] = max(c * (rate_up if up else rate_down), 1e-4)
            if score > best[0]:
                best = (score, w, observed, expected, ref_day, ref_week)
        score, w, observed, expected, ref_day, ref_week = best
        self.last_score = score
        eligible = observed >= cfg.min_count
        threshold = self.gate.decide(self.n + 1, score, observed / expected, eligible)
        if threshold is None:
            return None
        minutes = round(w * cfg.bin_seconds / 60)
        return Alarm(
            series=self.key,
            kind="volume",
            at=from_epoch(t),
            test=f"quasi-poisson-lr {minutes} min vs {self.ref_hours} h",
            window_minutes=minutes,
            observed=observed,
            expected=expected,
            score=score,
            threshold=threshold,
            references={"same window yesterday": ref_day, "same window last week": ref_week},
        )

    def _shift_decide(self, t: float, score: float) -> Alarm | None:
        cfg, shift = self.config, self.shift
        ratio = shift.observed / max(shift.expected, 1e-9)
        eligible = shift.observed >= cfg.min_count
        threshold = self.shift_gate.decide(self.n + 1, score, ratio, eligible)
        if threshold is None:
            return None
        if self.gate.bins_since_alarm <= shift.bins:
            # The burst test already alarmed on this rise: one event, one alarm. The gate
            # has spent its alarm all the same, so the run does not alarm again later.
            return None
        minutes = round(shift.bins * cfg.bin_seconds / 60)
        return Alarm(
            series=self.key,
            kind="volume",
            at=from_epoch(t),
            test="level-shift cusum vs seasonal long-run level",
            window_minutes=minutes,
            observed=shift.observed,
            expected=shift.expected,
            score=score,
            threshold=threshold,
            references={"robust log-scale sigma": shift.scale},
        )

    # -- state ---------------------------------------------------------------------------
    def to_state(self) -> dict[str, Any]:
        """A JSON-serialisable snapshot; ``from_state`` resumes with identical decisions."""
        return {
            "version": STATE_VERSION,
            "key": self.key,
            "config": self.config.to_state(),
            "cx": self.cx.to_state(),
            "cy": self.cy.to_state(),
            "cf": self.cf.to_state(),
            "profile": self.profile.to_state(),
            "dispersion": list(self.dispersion),
            "gate": self.gate.to_state(),
            "shift": self.shift.to_state(),
            "shift_gate": self.shift_gate.to_state(),
            "n": self.n,
            "t_last": self.t_last,
            "last_score": self.last_score,
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Self:
        if state.get("version") != STATE_VERSION:
            raise ValueError("burst detector state from another version: start afresh")
        self = cls(state["key"], BurstConfig.from_state(state["config"]))
        self.cx = CumRing.from_state(state["cx"])
        self.cy = CumRing.from_state(state["cy"])
        self.cf = CumRing.from_state(state["cf"])
        self.profile = SeasonalProfile.from_state(state["profile"])
        self.dispersion = list(state["dispersion"])
        self.gate = AlarmGate.from_state(state["gate"])
        self.shift = LevelShiftCusum.from_state(state["shift"])
        self.shift_gate = AlarmGate.from_state(state["shift_gate"])
        self.n = state["n"]
        self.t_last = state["t_last"]
        self.last_score = state["last_score"]
        return self
