"""Replays the scenarios through the grouper and the risk scorer, and scores both."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sentinelle.stories.grouping.cluster import GrouperConfig, StoryGrouper
from sentinelle.stories.grouping.risk import ORDER, RiskConfig, RiskLevel, RiskScorer
from sentinelle.stories.grouping.scenarios import DEFAULT_SEED, Scenario, scenarios

HOUR = 3600.0
ALERT = ORDER.index(RiskLevel.ALERT)


@dataclass(slots=True)
class Run:
    """The outcome of one scenario: final story of each mention and every alert raised."""

    story_of: dict[str, int]
    alerts: list[tuple[float, int, str]] = field(default_factory=list)  # epoch, story, majority


def replay(
    s: Scenario, grouping: GrouperConfig | None = None, risk: RiskConfig | None = None
) -> Run:
    """Time-compressed: mentions in time order, an hourly tick so that levels can fall."""
    grouper, scorer = StoryGrouper(grouping), RiskScorer(risk)
    members: dict[int, list[str]] = {}
    run = Run({})
    next_tick = None
    for r in s.records:
        t = r.epoch
        while next_tick is not None and next_tick <= t:
            for change in scorer.tick(next_tick):
                _note(run, change, members, s)
            next_tick += HOUR
        next_tick = next_tick or t + HOUR
        a = grouper.add(r)
        for other in a.merged:
            members.setdefault(a.story_id, []).extend(members.pop(other, []))
        members.setdefault(a.story_id, []).append(r.id)
        change = scorer.observe(a.story_id, r, a.merged)
        if change:
            _note(run, change, members, s)
    run.story_of = {m: sid for sid, ids in members.items() for m in ids}
    return run


def _note(run: Run, change: Any, members: dict[int, list[str]], s: Scenario) -> None:
    if ORDER.index(change.new) >= ALERT > ORDER.index(change.old):
        labels = Counter(s.labels[m] for m in members.get(change.story_id, []))
        top = labels.most_common(1)[0][0] if labels else "?"
        run.alerts.append((change.at.timestamp(), change.story_id, top))


def pair_counts(story_of: dict[str, int], labels: dict[str, str]) -> tuple[int, int, int]:
    """(true-positive pairs, predicted pairs, true pairs)."""

    def pairs(counter: Counter[Any]) -> int:
        return sum(n * (n - 1) // 2 for n in counter.values())

    both = Counter((story_of[m], labels[m]) for m in story_of)
    return pairs(both), pairs(Counter(story_of.values())), pairs(Counter(labels.values()))


def _prf(tp: int, pp: int, tt: int) -> dict[str, float]:
    p, r = (tp / pp if pp else 1.0), (tp / tt if tt else 1.0)
    return {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
    }


def evaluate_incidents(seed: int = DEFAULT_SEED) -> dict[str, Any]:
    """Replays every scenario; the keys of ``sentinelle eval crisis`` plus per-scenario details.

    ``seed`` replays the scenarios built from another demo week (see ``scenarios``)."""
    details, totals, quiet = [], [0, 0, 0], []
    before_news = incidents = 0
    for s in scenarios(seed):
        run = replay(s)
        tp, pp, tt = pair_counts(run.story_of, s.labels)
        totals = [totals[0] + tp, totals[1] + pp, totals[2] + tt]
        false = [a for a in run.alerts if a[2] != s.incident]
        row: dict[str, Any] = {
            "scenario": s.name,
            "shape": s.shape,
            "mentions": len(s.records),
            "pairwise": _prf(tp, pp, tt),
            "false_alarms": len(false),
        }
        if s.incident is None:
            quiet.append(len(false))
        elif s.incident == "spam-wave":
            row["alerted"] = any(a[2] == s.incident for a in run.alerts)
        else:
            incidents += 1
            row.update(_incident_row(s, run))
            before_news += bool(row["alerted_before_news"])
        details.append(row)
    return {
        "incidents_alerted_before_news": before_news,
        "incidents": incidents,
        "story_pairwise_f1": _prf(*totals)["f1"],
        "story_pairwise": _prf(*totals),
        "quiet_false_alarms_per_week": sum(quiet) / max(1, len(quiet)),
        "details": details,
    }


def _incident_row(s: Scenario, run: Run) -> dict[str, Any]:
    mine = [m for m, lab in s.labels.items() if lab == s.incident]
    news = [r.epoch for r in s.records if s.labels[r.id] == s.incident and r.channel == "news"]
    first_news = min(news) if news else None
    hits = [a[0] for a in run.alerts if a[2] == s.incident]
    alert = min(hits) if hits else None
    main, inside = Counter(run.story_of[m] for m in mine).most_common(1)[0]
    size = sum(1 for sid in run.story_of.values() if sid == main)
    lead = (first_news - alert) / HOUR if alert is not None and first_news is not None else None
    start = min(r.epoch for r in s.records if s.labels[r.id] == s.incident)
    return {
        "alert_after_start_h": round((alert - start) / HOUR, 1) if alert is not None else None,
        "first_news_after_start_h": round((first_news - start) / HOUR, 1) if first_news else None,
        "lead_time_h": round(lead, 1) if lead is not None else None,
        "alerted_before_news": lead is not None and lead > 0,
        "main_story_precision": round(inside / size, 3),
        "main_story_recall": round(inside / len(mine), 3),
    }
