"""Evaluate the burst detector online on the NAB tweet-volume series (``bursts-nab``)."""

from __future__ import annotations

import csv
import json
import os
import statistics
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import typer

from sentinelle.stories.bursts.detector import BurstConfig, BurstDetector
from sentinelle.stories.bursts.nab_scoring import SeriesScore, score_series

MUTED_SECONDS = 2 * 24 * 3600  # the protocol mutes alarms for the first two days
# One NAB series is one brand with one series: it gets the goal as its whole budget.
# Chosen a priori; nothing here is fitted to the labels.
NAB_ALARMS_PER_WEEK = 0.5

PUBLISHED = [  # all ten NAB tweet series, 33 windows (data README)
    ("ARTime", "29/33", "0.88"),
    ("Twitter S-H-ESD", "27/33", "1.47"),
    ("numenta HTM", "26/33", "1.22"),
    ("EWMA / CUSUM", "22-25/33", "4.4-8.7"),
]
OTHER_KEYS = (
    "incidents_alerted_before_news",
    "incidents",
    "story_pairwise_f1",
    "quiet_false_alarms_per_week",
)


def default_data_dir() -> Path:
    """``$SENTINELLE_DATA_DIR``, else ``<repo root>/../shared/data``."""
    repo_root = Path(__file__).resolve().parents[4]
    return Path(os.environ.get("SENTINELLE_DATA_DIR", repo_root.parent / "shared" / "data"))


def _epoch(text: str) -> float:
    # NAB timestamps are naive UTC, sometimes with microseconds.
    return datetime.fromisoformat(text.strip()).replace(tzinfo=UTC).timestamp()


def load_series(path: Path) -> tuple[list[float], list[float]]:
    """Timestamps (epoch seconds) and values of one NAB csv."""
    times: list[float] = []
    values: list[float] = []
    with path.open(newline="") as fh:
        for row in csv.DictReader(fh):
            times.append(_epoch(row["timestamp"]))
            values.append(float(row["value"]))
    return times, values


def run_series(
    name: str,
    times: list[float],
    values: list[float],
    alarms_per_week: float = NAB_ALARMS_PER_WEEK,
    config: BurstConfig | None = None,
) -> list[float]:
    """Alert times of one online pass: each point seen once, in order."""
    detector = BurstDetector(name, config, alarms_per_week=alarms_per_week)
    muted_until = times[0] + MUTED_SECONDS
    alerts = []
    for t, v in zip(times, values, strict=True):
        if detector.update(t, v) is not None and t >= muted_until:
            alerts.append(t)
    return alerts


def evaluate_nab(
    data_dir: Path | str | None = None, alarms_per_week: float = NAB_ALARMS_PER_WEEK
) -> dict[str, Any]:
    """Run the detector on every series of ``bursts-nab`` and score it by the README rules."""
    root = Path(data_dir) if data_dir is not None else default_data_dir()
    nab = root / "bursts-nab" if (root / "bursts-nab").is_dir() else root
    labels = json.loads((nab / "labels.json").read_text())
    windows = json.loads((nab / "windows.json").read_text())
    scores: list[SeriesScore] = []
    for key in sorted(labels):
        times, values = load_series(nab / Path(key).name)
        alerts = run_series(Path(key).stem, times, values, alarms_per_week)
        scores.append(
            score_series(
                Path(key).stem.removeprefix("Twitter_volume_"),
                alerts,
                [_epoch(t) for t in labels[key]],
                [(_epoch(lo), _epoch(hi)) for lo, hi in windows.get(key, [])],
                times[0] + MUTED_SECONDS,
                times[-1],
            )
        )
    delays = [d for s in scores for d in s.delays_min]
    weeks = sum(s.weeks for s in scores)
    false_alarms = sum(s.false_alarms for s in scores)
    result: dict[str, Any] = {
        "nab_strict_hits": sum(s.window_hits for s in scores),
        "nab_windows": sum(s.windows for s in scores),
        "nab_median_delay_min": round(statistics.median(delays), 1) if delays else None,
        "nab_false_alarms_per_series_week": round(false_alarms / weeks, 3) if weeks else None,
        "nab_labels": sum(s.labels for s in scores),
        "nab_label_hits": sum(s.label_hits for s in scores),
        "nab_series": len(scores),
        "nab_series_weeks": round(weeks, 2),
        "nab_false_alarms": false_alarms,
        "nab_alarms_per_week_budget": alarms_per_week,
        "nab_counting": (
            "hits are counted per NAB window (as the published x/33): a window is hit when an "
            "episode starts within [label - 1 h, label + 2 h] of a labelled point in it; "
            "labels.json has 20 points in 19 windows (CVS has two labels in one window)"
        ),
        "nab_series_details": [
            {
                "series": s.name,
                "windows": s.windows,
                "window_hits": s.window_hits,
                "labels": s.labels,
                "label_hits": s.label_hits,
                "delays_min": [round(d, 1) for d in s.delays_min],
                "episodes": s.episodes,
                "false_alarms": s.false_alarms,
                "weeks": round(s.weeks, 2),
                "missed_labels": [_iso(t) for t in s.missed_labels],
                "false_alarm_starts": [_iso(t) for t in s.false_alarm_times],
            }
            for s in scores
        ],
    }
    return result


def _iso(t: float) -> str:
    return datetime.fromtimestamp(t, tz=UTC).strftime("%Y-%m-%d %H:%M")


def crisis_report(data_dir: Path | str | None = None) -> dict[str, Any]:
    """The ``eval crisis`` JSON: NAB keys filled, the other issue-5 keys null for now."""
    report = evaluate_nab(data_dir)
    for key in OTHER_KEYS:
        report.setdefault(key, None)
    return report


def format_table(report: dict[str, Any]) -> str:
    """The side-by-side table printed by ``sentinelle eval crisis``."""
    ours = (
        f"{report['nab_strict_hits']}/{report['nab_windows']}",
        f"{report['nab_false_alarms_per_series_week']}",
    )
    rows = [(f"Sentinelle ({report['nab_series']} of 10 series)", *ours), *PUBLISHED]
    lines = [f"{'detector':<28} {'strict hits':>12} {'false alarms / series-week':>28}"]
    lines += [f"{name:<28} {hits:>12} {fa:>28}" for name, hits, fa in rows]
    lines.append(
        f"median delay {report['nab_median_delay_min']} min; labelled points hit "
        f"{report['nab_label_hits']}/{report['nab_labels']}; "
        f"{report['nab_series_weeks']} series-weeks scored"
    )
    for d in report["nab_series_details"]:
        lines.append(
            f"  {d['series']:<5} hits {d['window_hits']}/{d['windows']} "
            f"delays {d['delays_min']} false alarms {d['false_alarms']} "
            f"missed {d['missed_labels']}"
        )
    return "\n".join(lines)


def eval_crisis_command(json_output: bool = typer.Option(False, "--json")) -> None:
    """Evaluate crisis early warning: NAB tweet bursts beside the published detectors."""
    report = crisis_report()
    if json_output:
        typer.echo(json.dumps(report, indent=2))
    else:
        typer.echo(format_table(report))
