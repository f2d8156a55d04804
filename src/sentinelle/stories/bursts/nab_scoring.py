"""The scoring rules of ``bursts-nab`` (data README): episodes, strict hits, false alarms."""

from __future__ import annotations

from dataclasses import dataclass, field

HOUR = 3600.0
WEEK = 7 * 24 * HOUR
EPISODE_GAP = HOUR  # alert points less than one hour apart form one episode
HIT_BEFORE = HOUR  # a strict hit starts within [label - 1 h, label + 2 h]
HIT_AFTER = 2 * HOUR


def episodes(alert_times: list[float], gap: float = EPISODE_GAP) -> list[tuple[float, float]]:
    """Merge sorted alert times (epoch seconds) into (start, end) episodes."""
    merged: list[tuple[float, float]] = []
    for t in sorted(alert_times):
        if merged and t - merged[-1][1] < gap:
            merged[-1] = (merged[-1][0], t)
        else:
            merged.append((t, t))
    return merged


@dataclass
class SeriesScore:
    """How one series scored."""

    name: str
    labels: int
    windows: int
    label_hits: int
    window_hits: int
    delays_min: list[float]
    episodes: int
    false_alarms: int
    weeks: float
    missed_labels: list[float] = field(default_factory=list)
    false_alarm_times: list[float] = field(default_factory=list)


def score_series(
    name: str,
    alert_times: list[float],
    labels: list[float],
    windows: list[tuple[float, float]],
    scored_from: float,
    scored_to: float,
) -> SeriesScore:
    """Score alert points against labelled points and windows over ``[scored_from, scored_to]``."""
    eps = episodes([t for t in alert_times if scored_from <= t <= scored_to])
    starts = [s for s, _ in eps]
    delays: list[float] = []
    hit_labels: set[float] = set()
    for label in labels:
        inside = [s for s in starts if label - HIT_BEFORE <= s <= label + HIT_AFTER]
        if inside:
            hit_labels.add(label)
            delays.append((min(inside) - label) / 60.0)
    window_hits = sum(1 for lo, hi in windows if any(lo <= label <= hi for label in hit_labels))
    false_times = [s for s in starts if not any(lo <= s <= hi for lo, hi in windows)]
    return SeriesScore(
        name=name,
        labels=len(labels),
        windows=len(windows),
        label_hits=len(hit_labels),
        window_hits=window_hits,
        delays_min=delays,
        episodes=len(eps),
        false_alarms=len(false_times),
        weeks=max(scored_to - scored_from, 0.0) / WEEK,
        missed_labels=[label for label in labels if label not in hit_labels],
        false_alarm_times=false_times,
    )
