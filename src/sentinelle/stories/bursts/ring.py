"""A ring of running totals: any recent window sum in O(1), serialisable as a plain list."""

from __future__ import annotations

from typing import Any, Self


class CumRing:
    """Keeps the running total after each of the last ``size`` pushes."""

    __slots__ = ("buf", "count", "size", "total")

    def __init__(self, size: int) -> None:
        self.size = size
        self.buf = [0.0] * size
        self.count = 0
        self.total = 0.0

    def push(self, x: float) -> None:
        self.total += x
        self.buf[self.count % self.size] = self.total
        self.count += 1

    def cum(self, back: int) -> float:
        """Running total as it was ``back`` pushes ago (0: now); zero before the first push."""
        j = self.count - 1 - back
        if j < 0:
            return 0.0
        if back >= self.size:
            raise IndexError("window reaches past the ring")
        return self.buf[j % self.size]

    def window(self, width: int, lag: int) -> float:
        """Sum of the ``width`` values ending ``lag`` pushes before the latest."""
        return self.cum(lag) - self.cum(lag + width)

    def to_state(self) -> dict[str, Any]:
        return {"size": self.size, "buf": list(self.buf), "count": self.count, "total": self.total}

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Self:
        ring = cls(state["size"])
        ring.buf = [float(v) for v in state["buf"]]
        ring.count = state["count"]
        ring.total = float(state["total"])
        return ring
