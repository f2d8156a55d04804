"""All the burst detectors of one brand, sharing its alarm budget."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import datetime
from typing import Any, Self

from sentinelle.stories.bursts.alarm import Alarm, to_epoch
from sentinelle.stories.bursts.calibration import AlarmBudget
from sentinelle.stories.bursts.detector import BurstConfig, BurstDetector
from sentinelle.stories.bursts.share import NegativeShareDetector, ShareConfig

WEEK = 7 * 24 * 3600.0


class BrandMonitor:
    """Routes each series' bins to its detector and spends the brand's alarm budget.

    Every active series (volume or share) gets ``budget / n_series`` alarms a week, which sets
    its score threshold; with ``hard_cap`` an alarm beyond the budget over the last 7 days is
    still returned, marked ``suppressed``, so it is logged but not notified.
    """

    def __init__(
        self,
        budget: AlarmBudget | None = None,
        config: BurstConfig | None = None,
        share_config: ShareConfig | None = None,
        hard_cap: bool = True,
    ) -> None:
        self.budget = budget or AlarmBudget()
        self.config = config or BurstConfig()
        self.share_config = share_config or ShareConfig()
        self.hard_cap = hard_cap
        self.volume: dict[str, BurstDetector] = {}
        self.share: dict[str, NegativeShareDetector] = {}
        self.recent: list[float] = []  # epochs of notified alarms, last 7 days

    def _per_series(self) -> float:
        return self.budget.per_series(len(self.volume) + len(self.share))

    def update_volume(self, key: str, ts: datetime | float, count: float) -> Alarm | None:
        """Feed one bin's mention count of series ``key`` (brand, topic or story)."""
        detector = self.volume.get(key)
        if detector is None:
            detector = self.volume[key] = BurstDetector(key, self.config)
        detector.alarms_per_week = self._per_series()
        return self._spend(detector.update(ts, count))

    def update_share(
        self, key: str, ts: datetime | float, total: float, negatives: float
    ) -> Alarm | None:
        """Feed one bin's (mentions, negative mentions) of series ``key``."""
        detector = self.share.get(key)
        if detector is None:
            detector = self.share[key] = NegativeShareDetector(key, self.share_config)
        detector.gate.alarms_per_week = self._per_series()
        return self._spend(detector.update(ts, total, negatives))

    def retire(self, key: str) -> None:
        """Forget a series (a closed story) so it stops taking a share of the budget."""
        self.volume.pop(key, None)
        self.share.pop(key, None)

    def _spend(self, alarm: Alarm | None) -> Alarm | None:
        if alarm is None or not self.hard_cap:
            return alarm
        now = to_epoch(alarm.at)
        self.recent = [t for t in self.recent if now - t < WEEK]
        if len(self.recent) >= math.ceil(self.budget.alarms_per_week):
            cap = self.budget.alarms_per_week
            return replace(alarm, suppressed=f"brand budget of {cap:g} alarms a week spent")
        self.recent.append(now)
        return alarm

    def to_state(self) -> dict[str, Any]:
        """JSON-serialisable; detectors' states are also usable one by one."""
        return {
            "budget": self.budget.alarms_per_week,
            "config": self.config.to_state(),
            "share_config": self.share_config.to_state(),
            "hard_cap": self.hard_cap,
            "volume": {k: d.to_state() for k, d in self.volume.items()},
            "share": {k: d.to_state() for k, d in self.share.items()},
            "recent": list(self.recent),
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Self:
        self = cls(
            AlarmBudget(state["budget"]),
            BurstConfig.from_state(state["config"]),
            ShareConfig.from_state(state["share_config"]),
            state["hard_cap"],
        )
        self.volume = {k: BurstDetector.from_state(s) for k, s in state["volume"].items()}
        self.share = {k: NegativeShareDetector.from_state(s) for k, s in state["share"].items()}
        self.recent = list(state["recent"])
        return self
