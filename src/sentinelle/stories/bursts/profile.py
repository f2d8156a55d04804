"""Hour-of-week seasonal profile learned online with robust (clipped, MAD-scaled) updates."""

from __future__ import annotations

from typing import Any, Self

# 1970-01-01 was a Thursday: weekday (Monday = 0) of epoch day d is (d + 3) % 7.
_EPOCH_WEEKDAY = 3


class SeasonalProfile:
    """Multiplicative factors for hour of day and hour of week around a robust global level.

    A young slot is shrunk towards the coarser estimate (week slot → hour-of-day → 1) so the
    profile falls back to the global level until it has seen enough of each hour.
    """

    __slots__ = ("bph", "day", "dn", "level", "n", "offset", "scale", "week", "wn")

    def __init__(self, bins_per_hour: int, utc_offset_minutes: int = 0) -> None:
        self.bph = bins_per_hour
        self.offset = utc_offset_minutes * 60
        self.level = 0.0  # robust global level of the deseasonalised counts
        self.scale = 0.0  # mean absolute ratio residual (a MAD-like scale for clipping)
        self.n = 0
        self.day = [1.0] * 24
        self.dn = [0] * 24
        self.week = [1.0] * 168
        self.wn = [0] * 168

    def _slots(self, t: float) -> tuple[int, int]:
        hours = int((t - 1.0 + self.offset) // 3600)  # bin ending on the hour belongs to it
        hour = hours % 24
        weekday = (hours // 24 + _EPOCH_WEEKDAY) % 7
        return hour, weekday * 24 + hour

    def factor(self, t: float) -> float:
        """Expected count of a bin at ``t`` relative to the global level."""
        h, w = self._slots(t)
        k = 2.0 * self.bph  # pseudo-observations: two days' worth of one hour-of-day slot
        dn = self.dn[h]
        fd = (dn * self.day[h] + k) / (dn + k)
        wn = self.wn[w]
        f = (wn * self.week[w] + k * fd) / (wn + k)
        return f if f > 0.05 else 0.05

    def learn(self, t: float, x: float, f: float) -> None:
        """Update the level and the bin's slots with count ``x`` (``f``: its factor before)."""
        self.n += 1
        y = x / f
        if self.n == 1:
            self.level = y
            return
        # Huber-style update with a MAD-like scale: a burst moves the baseline only a little.
        lim = 3.0 * self.scale + 1.0
        d = y - self.level
        d = lim if d > lim else (-lim if d < -lim else d)
        alpha = max(1.0 / self.n, 1.0 / (3 * 24 * self.bph))
        self.level += alpha * d
        self.scale += alpha * (min(abs(y - self.level), 2.0 * lim) - self.scale)
        if self.level <= 0.0:
            return
        h, w = self._slots(t)
        r = x / self.level
        rlim = 3.0 * (self.scale / self.level) + 0.5
        for prof, counts, slot, floor in (
            (self.day, self.dn, h, 1.0 / (7 * self.bph)),
            (self.week, self.wn, w, 1.0 / (3 * self.bph)),
        ):
            counts[slot] += 1
            d = r - prof[slot]
            d = rlim if d > rlim else (-rlim if d < -rlim else d)
            prof[slot] += max(1.0 / counts[slot], floor) * d

    def to_state(self) -> dict[str, Any]:
        return {s: getattr(self, s) for s in self.__slots__}

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Self:
        self = cls(state["bph"])
        for s in cls.__slots__:
            value = state[s]
            setattr(self, s, list(value) if isinstance(value, list) else value)
        return self
