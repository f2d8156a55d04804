"""Story risk: a score in [0, 1] with its reasons, and levels that rise fast and fall slowly."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Self

from sentinelle.stories.grouping.media import MediaDirectory
from sentinelle.stories.grouping.records import MentionRecord
from sentinelle.stories.grouping.story_stats import StoryStats

HOUR = 3600.0


class RiskLevel(StrEnum):
    QUIET = "quiet"
    WATCH = "watch"
    ALERT = "alert"
    CRISIS = "crisis"


ORDER = [RiskLevel.QUIET, RiskLevel.WATCH, RiskLevel.ALERT, RiskLevel.CRISIS]


@dataclass(frozen=True, slots=True)
class RiskConfig:
    """Rise thresholds per level; a level falls only below ``rise - fall_gap`` after the dwell."""

    rise: tuple[float, float, float] = (0.3, 0.5, 0.75)  # watch, alert, crisis
    fall_gap: float = 0.12
    dwell_h: float = 6.0
    min_mentions_alert: int = 5  # fewer distinct authors never go past watch
    velocity_ref: float = 12.0  # mentions in 6 h that count as full velocity
    reach_ref: float = 6.0  # log10 of the audience that counts as full reach
    media: tuple[str, ...] = ()

    def to_state(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Self:
        return cls(**{**state, "rise": tuple(state["rise"]), "media": tuple(state["media"])})


@dataclass(frozen=True, slots=True)
class LevelChange:
    """A story's level moved; ``reasons`` explain the score at that moment."""

    story_id: int
    at: datetime
    old: RiskLevel
    new: RiskLevel
    score: float
    reasons: tuple[str, ...]


@dataclass(slots=True)
class _Track:
    level: RiskLevel = RiskLevel.QUIET
    since: float = 0.0
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)


def _sat(x: float) -> float:
    return max(0.0, min(1.0, x))


class RiskScorer:
    """Feed each assigned mention with ``observe``; ``tick`` lets quiet stories fall back."""

    def __init__(self, config: RiskConfig | None = None) -> None:
        self.config = config or RiskConfig()
        self.media = MediaDirectory(self.config.media)
        self.stats: dict[int, StoryStats] = {}
        self.tracks: dict[int, _Track] = {}

    def observe(
        self, story_id: int, record: MentionRecord, merged: tuple[int, ...] = ()
    ) -> LevelChange | None:
        stats = self.stats.setdefault(story_id, StoryStats())
        for other in merged:
            if other in self.stats:
                stats.absorb(self.stats.pop(other))
            self.tracks.pop(other, None)
        outlet = self.media.outlet(record.url)
        stats.add(record, outlet, self.media.audience.get(outlet, 0) if outlet else 0)
        return self.evaluate(story_id, record.epoch)

    def tick(self, now: datetime | float) -> list[LevelChange]:
        """Re-score the stories above quiet (levels fall only when someone looks)."""
        t = now.timestamp() if isinstance(now, datetime) else now
        changes = []
        for sid in [s for s, tr in self.tracks.items() if tr.level != RiskLevel.QUIET]:
            change = self.evaluate(sid, t)
            if change:
                changes.append(change)
        return changes

    def level(self, story_id: int) -> RiskLevel:
        track = self.tracks.get(story_id)
        return track.level if track else RiskLevel.QUIET

    def score(self, story_id: int, t: float) -> tuple[float, list[str]]:
        """The score of a story at epoch ``t`` and the reasons, strongest first."""
        cfg = self.config
        s = self.stats[story_id]
        n6, prev6 = s.count_between(t - 6 * HOUR, t), s.count_between(t - 12 * HOUR, t - 6 * HOUR)
        parts: list[tuple[float, float, str]] = []  # weight, value, reason
        parts.append((0.3, _sat(n6 / cfg.velocity_ref), f"{n6} mentions in the last 6 h"))
        if n6 > prev6 + 2:
            parts.append(
                (0.1, _sat((n6 - prev6) / max(3, prev6)), f"up from {prev6} the 6 h before")
            )
        parts.append(
            (0.1, _sat(math.log1p(len(s.authors)) / math.log1p(40)), f"{len(s.authors)} authors")
        )
        reach = s.reach()
        parts.append((0.15, _sat(math.log10(1 + reach) / cfg.reach_ref), f"reach about {reach:,}"))
        parts.append(
            (
                0.15,
                _sat((len(s.channels) - 1) / 4),
                f"on {len(s.channels)} platforms: {', '.join(sorted(s.channels))}",
            )
        )
        eng6 = s.engagement_between(t - 6 * HOUR, t)
        parts.append((0.1, _sat(math.log1p(eng6) / math.log1p(500)), f"{eng6} reactions in 6 h"))
        if s.news_first is not None:
            parts.append((0.35, 1.0, f"picked up by news media: {', '.join(sorted(s.outlets))}"))
        if s.top_followers >= 10_000:
            parts.append(
                (
                    0.1,
                    _sat(s.top_followers / 100_000),
                    f"influential author ({s.top_followers:,} followers)",
                )
            )
        attention = _sat(sum(w * v for w, v, _ in parts))
        complaint = s.complaints / max(1, s.n_public)
        severity = s.severity_sum / max(1, s.complaints) / 3
        signals = _sat(sum(s.signals.values()) / 3)
        negativity = _sat(0.5 * complaint + 0.3 * severity + 0.2 * signals)
        # A story without complaints (praise, news, spam) is not a crisis however loud it is.
        score = round(attention * (0.25 + 0.75 * negativity), 4)
        reasons = [r for w, v, r in sorted(parts, key=lambda p: -p[0] * p[1]) if w * v >= 0.03]
        if complaint > 0:
            reasons.append(f"{complaint:.0%} complaints, severity {severity * 3:.1f}/3")
        reasons += [f"{k.replace('_', ' ')} ×{c}" for k, c in sorted(s.signals.items())]
        return score, reasons

    def evaluate(self, story_id: int, t: float) -> LevelChange | None:
        cfg = self.config
        track = self.tracks.setdefault(story_id, _Track(since=t))
        score, reasons = self.score(story_id, t)
        track.score, track.reasons = score, reasons
        rank = ORDER.index(track.level)
        target = sum(score >= r for r in cfg.rise)
        if len(self.stats[story_id].authors) < cfg.min_mentions_alert:
            target = min(target, 1)
        if target > rank:
            new = ORDER[target]
        elif rank > 0 and t - track.since >= cfg.dwell_h * HOUR:
            # Fall one level at a time, and only well below the threshold that raised it.
            new = ORDER[rank - 1] if score < cfg.rise[rank - 1] - cfg.fall_gap else track.level
        else:
            return None
        if new == track.level:
            return None
        old, track.level, track.since = track.level, new, t
        at = datetime.fromtimestamp(t, tz=UTC)
        return LevelChange(story_id, at, old, new, score, tuple(reasons) or ("score fell",))

    def to_state(self) -> dict[str, Any]:
        return {
            "config": self.config.to_state(),
            "stats": {str(k): v.to_state() for k, v in self.stats.items()},
            "tracks": {
                str(k): [v.level.value, v.since, v.score, v.reasons] for k, v in self.tracks.items()
            },
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Self:
        self = cls(RiskConfig.from_state(state["config"]))
        self.stats = {int(k): StoryStats.from_state(v) for k, v in state["stats"].items()}
        self.tracks = {
            int(k): _Track(RiskLevel(v[0]), v[1], v[2], list(v[3]))
            for k, v in state["tracks"].items()
        }
        return self
