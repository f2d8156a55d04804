"""Word bursts: a word suddenly far more frequent than usual marks a fresh incident.

An incident's first mentions share its rare words ("Bastion U", "stylo", "bic") within minutes,
long before its story holds much of the traffic. Each word keeps a decaying count of its recent
uses (its heat, with the grouper's attention time constant); it is *bursting* when that heat is
well above what its usual share of mentions predicts from the recent traffic. Everyday
vocabulary ("livraison", a best-selling model's name) comes at its usual rate and never bursts.
"""

from __future__ import annotations

import math
from typing import Any


class TermHeat:
    """Recent uses of each term, as a decaying count: term → [heat, epoch]."""

    def __init__(self, tau: float) -> None:
        self.tau = tau
        self.heat: dict[str, list[float]] = {}

    def add(self, term: str, amount: float, t: float) -> None:
        hit = self.heat.get(term)
        if hit is None:
            self.heat[term] = [amount, t]
        elif t >= hit[1]:
            hit[0] = hit[0] * math.exp(-(t - hit[1]) / self.tau) + amount
            hit[1] = t
        else:  # a late mention: its use has already partly decayed
            hit[0] += amount * math.exp(-(hit[1] - t) / self.tau)

    def at(self, term: str, t: float) -> float:
        hit = self.heat.get(term)
        return hit[0] * math.exp(-max(0.0, t - hit[1]) / self.tau) if hit else 0.0

    def sweep(self, t: float, floor: float = 0.01) -> None:
        """Forget terms whose recent uses have faded: keeps the table as small as the vocabulary
        of the last few time constants."""
        self.heat = {k: hit for k, hit in self.heat.items() if self.at(k, t) >= floor}

    def to_state(self) -> dict[str, list[float]]:
        return self.heat

    @classmethod
    def from_state(cls, tau: float, state: dict[str, Any]) -> TermHeat:
        self = cls(tau)
        self.heat = {k: list(v) for k, v in state.items()}
        return self


def bursting(
    terms: dict[str, float],
    recent: TermHeat,
    usual: tuple[dict[str, float], float, float],
    t: float,
    ratio: float,
    least: float,
) -> list[tuple[str, float]]:
    """The mention's bursting words with their uses, in alphabetical order.

    ``usual`` is (document frequencies, documents, heat of all mentions now): a word's usual
    heat is its share of documents times the stream's heat; it bursts when its heat is at least
    ``least`` and ``ratio`` times that.
    """
    df, docs, stream = usual
    out = []
    for term in sorted(terms):
        heat = recent.at(term, t)
        used = df.get(term, 0.0)
        if heat >= least and heat >= ratio * stream * used / max(1.0, docs):
            out.append((term, used))
    return out


def bursting_share(
    counts: dict[str, float], words: list[tuple[str, float]], smoothing: float
) -> tuple[float, str]:
    """The story's largest share of the uses of one of the bursting ``words``, and that word.

    The share is that of ownership (``evidence``); ties go to the first word alphabetically.
    """
    best, why = 0.0, ""
    for term, used in words:
        k = counts.get(term)
        if k:
            own = k / (max(k, used) + smoothing)
            if own > best:
                best, why = own, term
    return best, why
