"""Risk levels: hysteresis, reasons, and the replay's report shape."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime, timedelta

from sentinelle.stories.grouping import MentionRecord, RiskConfig, RiskLevel, RiskScorer

T0 = datetime(2026, 11, 17, tzinfo=UTC)


def complaint(
    k: int, at: datetime, url: str | None = None, channel: str = "forum"
) -> MentionRecord:
    return MentionRecord(
        id=str(k),
        text="x",
        url=url,
        channel=channel,
        author=f"a{k}",
        followers=800,
        published_at=at,
        is_complaint=True,
        severity=3,
        engagement=30,
    )


def test_level_rises_with_reasons() -> None:
    scorer = RiskScorer()
    changes = [
        c
        for k in range(30)
        if (
            c := scorer.observe(
                1,
                complaint(
                    k,
                    T0 + timedelta(minutes=10 * k),
                    channel=["forum", "blog", "reddit", "youtube"][k % 4],
                ),
            )
        )
    ]
    assert changes and changes[-1].new in (RiskLevel.ALERT, RiskLevel.CRISIS)
    assert all(c.reasons for c in changes)


def test_news_outlet_is_recognised() -> None:
    scorer = RiskScorer(RiskConfig(media=("journal-local.example",)))
    scorer.observe(1, complaint(1, T0, url="https://www.lemonde.fr/a/1"))
    scorer.observe(1, complaint(2, T0, url="https://journal-local.example/x"))
    assert set(scorer.stats[1].outlets) == {"lemonde.fr", "journal-local.example"}


def test_no_flapping_on_oscillating_input() -> None:
    """Bursts every other hour around the thresholds: each level change is at least dwell apart."""
    cfg = RiskConfig(dwell_h=6.0)
    scorer = RiskScorer(cfg)
    changes, k = [], 0
    for hour in range(48):
        at = T0 + timedelta(hours=hour)
        burst = 8 if hour % 2 == 0 else 0
        for j in range(burst):
            k += 1
            if c := scorer.observe(
                1, complaint(k, at + timedelta(minutes=j), channel="forum" if j % 2 else "blog")
            ):
                changes.append(c)
        changes += scorer.tick(at + timedelta(minutes=59))
    assert changes
    for before, after in itertools.pairwise(changes):
        if ORDER_RANK[after.new] < ORDER_RANK[before.new]:
            assert (after.at - before.at) >= timedelta(hours=cfg.dwell_h)
    assert len(changes) <= 6


ORDER_RANK = {RiskLevel.QUIET: 0, RiskLevel.WATCH: 1, RiskLevel.ALERT: 2, RiskLevel.CRISIS: 3}


def test_level_falls_after_silence() -> None:
    scorer = RiskScorer()
    for k in range(30):
        scorer.observe(1, complaint(k, T0 + timedelta(minutes=5 * k)))
    assert scorer.level(1) != RiskLevel.QUIET
    for h in range(1, 60):
        scorer.tick(T0 + timedelta(hours=h))
    assert scorer.level(1) == RiskLevel.QUIET


def test_state_round_trip() -> None:
    scorer = RiskScorer()
    for k in range(10):
        scorer.observe(1, complaint(k, T0 + timedelta(minutes=k)))
    again = RiskScorer.from_state(json.loads(json.dumps(scorer.to_state())))
    t = (T0 + timedelta(hours=2)).timestamp()
    assert again.score(1, t) == scorer.score(1, t)
    assert again.level(1) == scorer.level(1)


def test_evaluate_incidents_keys() -> None:
    from sentinelle.stories.grouping.replay import evaluate_incidents

    report = evaluate_incidents()
    for key in (
        "incidents_alerted_before_news",
        "incidents",
        "story_pairwise_f1",
        "quiet_false_alarms_per_week",
    ):
        assert key in report
    assert report["incidents"] >= 4
    assert {d["scenario"] for d in report["details"]} >= {
        "spam-wave",
        "quiet-week-1",
        "quiet-week-2",
    }
