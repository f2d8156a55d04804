"""Story risk: a score in [0, 1] with its reasons, and levels that rise fast and fall slowly.

score = attention × (0.25 + 0.75 × negativity)

attention is how fast and how far a story spreads: bursts of mentions (in the last hour, six
hours or day), growth, distinct authors, platforms, reach, reactions, news pickup and
influential authors. negativity is what the mentions say: the share of complaints, their
severity and escalation signals (customers failed twice, threats, safety). A loud story
without complaints (praise, news, a giveaway spam) stays below the alert line; a story that
looks coordinated (most mentions link to one site from accounts nobody follows) counts half.
Safety reports from several customers are an alert however quietly they come in.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Self

from sentinelle.stories.grouping.media import MediaDirectory
from sentinelle.stories.grouping.records import MentionRecord
from sentinelle.stories.grouping.story_stats import UNKNOWN, StoryStats

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
    min_mentions_alert: int = 5  # fewer distinct authors never go past watch (but see safety)
    burst_ref: tuple[float, float, float] = (4.0, 12.0, 30.0)  # mentions in 1 h, 6 h, 24 h
    reach_ref: float = 6.0  # log10 of the audience that counts as full reach
    safety_reports: int = 3  # safety reports from this many customers are an alert
    coordinated_share: float = 0.6  # this share of mentions linking one site, from accounts
    # most of which nobody follows yet (``story_stats.UNKNOWN``), looks coordinated
    media: tuple[str, ...] = ()

    def to_state(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Self:
        state = {k: v for k, v in state.items() if k in cls.__dataclass_fields__}
        for key in ("rise", "burst_ref", "media"):
            if key in state:
                state[key] = tuple(state[key])
        return cls(**state)


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
        stats = self._absorb(story_id, merged)
        outlet = self.media.outlet(record.url)
        stats.add(record, outlet, self.media.audience.get(outlet, 0) if outlet else 0)
        return self.evaluate(story_id, record.epoch)

    def merge(self, story_id: int, other: int, t: float) -> LevelChange | None:
        """A person merged story ``other`` into ``story_id``: one story, re-scored at ``t``."""
        self._absorb(story_id, (other,))
        return self.evaluate(story_id, t)

    def _absorb(self, story_id: int, merged: tuple[int, ...]) -> StoryStats:
        stats = self.stats.setdefault(story_id, StoryStats())
        track = self.tracks.get(story_id)
        for other in merged:
            if other in self.stats:
                stats.absorb(self.stats.pop(other))
            gone = self.tracks.pop(other, None)
            # The merged story keeps the higher level: an alert does not vanish in a merge.
            if gone is not None and (
                track is None or ORDER.index(gone.level) > ORDER.index(track.level)
            ):
                track = self.tracks[story_id] = gone
        return stats

    def rebuild(
        self, story_id: int, records: Sequence[MentionRecord], t: float
    ) -> LevelChange | None:
        """Counts the story's figures again from its mentions (after a split) and re-scores
        it at ``t``; its level moves as with any evaluation (it falls only after its dwell)."""
        stats = self.stats[story_id] = StoryStats()
        for record in sorted(records, key=lambda r: (r.epoch, r.id)):
            outlet = self.media.outlet(record.url)
            stats.add(record, outlet, self.media.audience.get(outlet, 0) if outlet else 0)
        return self.evaluate(story_id, t)

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
        parts = self._attention(s, t)
        # Spread (authors, platforms, reach) is kept for good; it counts while people still
        # write: fully with two mentions in the last day, not at all after a silent day.
        alive = _sat(s.count_between(t - 24 * HOUR, t) / 2)
        attention = _sat(sum(w * v for w, v, _ in parts)) * alive
        complaint = s.complaints / max(1, s.n_public)
        severity = s.severity_sum / max(1, s.complaints) / 3
        escalation = (
            s.signals.get("double_deviation", 0)
            + s.signals.get("threat", 0)
            + 2 * s.signals.get("safety", 0)
        )
        signals = _sat(escalation / max(3.0, 0.2 * s.n_public))
        negativity = _sat(0.5 * complaint + 0.3 * severity + 0.2 * signals)
        reasons = [r for w, v, r in sorted(parts, key=lambda p: -p[0] * p[1]) if w * v >= 0.03]
        coordinated = self._coordinated(s)
        if coordinated:
            attention *= 0.5
            reasons.append(coordinated)
        # A story without complaints (praise, news, spam) is not a crisis however loud it is.
        score = attention * (0.25 + 0.75 * negativity)
        if complaint > 0:
            reasons.append(f"{complaint:.0%} complaints, severity {severity * 3:.1f}/3")
        reasons += [f"{k.replace('_', ' ')} ×{c}" for k, c in sorted(s.signals.items())]
        if len(s.safety_authors) >= cfg.safety_reports and s.count_between(t - 48 * HOUR, t):
            score = max(score, cfg.rise[1])
            reasons.insert(0, f"safety reports from {len(s.safety_authors)} customers")
        return round(_sat(score), 4), reasons

    def _attention(self, s: StoryStats, t: float) -> list[tuple[float, float, str]]:
        """(weight, value in [0, 1], reason) of each part of the attention."""
        cfg = self.config
        parts: list[tuple[float, float, str]] = []
        bursts = []
        for hours, ref in zip((1, 6, 24), cfg.burst_ref, strict=True):
            n = s.count_between(t - hours * HOUR, t)
            bursts.append((n / ref, f"{n} mentions in the last {hours} h"))
        burst, why = max(bursts, key=lambda b: b[0])
        parts.append((0.3, _sat(burst), why))
        n3, prev3 = s.count_between(t - 3 * HOUR, t), s.count_between(t - 6 * HOUR, t - 3 * HOUR)
        if n3 >= 3 and n3 > 2 * prev3:
            parts.append((0.1, _sat((n3 - prev3) / (prev3 + 3)), f"up from {prev3} the 3 h before"))
        authors = len(s.authors)
        parts.append((0.1, _sat(math.log1p(authors) / math.log1p(40)), f"{authors} authors"))
        reach = s.reach()
        parts.append((0.1, _sat(math.log10(1 + reach) / cfg.reach_ref), f"reach about {reach:,}"))
        public = sorted(s.public_channels)
        parts.append(
            (0.15, _sat((len(public) - 1) / 3), f"on {len(public)} platforms: {', '.join(public)}")
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
        return parts

    def _coordinated(self, s: StoryStats) -> str:
        """Why the story looks like a coordinated campaign rather than people, or ""."""
        cfg = self.config
        if s.n_public < 10 or not s.hosts:
            return ""
        host, linking = max(s.hosts.items(), key=lambda kv: (kv[1], kv[0]))
        if linking >= cfg.coordinated_share * s.n_public and s.unknown >= 0.8 * len(s.authors):
            return (
                f"looks coordinated: {linking} of {s.n_public} mentions link to {host}, "
                f"{s.unknown} of {len(s.authors)} accounts have under {UNKNOWN} followers"
            )
        return ""

    def evaluate(self, story_id: int, t: float) -> LevelChange | None:
        cfg = self.config
        track = self.tracks.setdefault(story_id, _Track(since=t))
        score, reasons = self.score(story_id, t)
        track.score, track.reasons = score, reasons
        rank = ORDER.index(track.level)
        target = sum(score >= r for r in cfg.rise)
        stats = self.stats[story_id]
        if (
            len(stats.authors) < cfg.min_mentions_alert
            and len(stats.safety_authors) < cfg.safety_reports
        ):
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
