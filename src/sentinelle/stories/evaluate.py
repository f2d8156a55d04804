"""`sentinelle eval crisis`: burst detection on real mention volumes (NAB tweet series) and
incident replays through story grouping and risk levels (pure code, no database)."""

from __future__ import annotations

import json
from typing import Any

import typer

from sentinelle.stories.bursts.nab import evaluate_nab, format_table
from sentinelle.stories.grouping.replay import evaluate_incidents

GOALS = (
    "goals: every NAB window within [-1 h, +2 h] at <= 0.5 false-alarm episodes per "
    "series-week; an alert before news pickup in every incident, none on the spam wave, "
    "<= 1 false alarm per quiet week, story-grouping pairwise F1 >= 0.9"
)


def crisis_report(data_dir: str | None = None) -> dict[str, Any]:
    """NAB keys and incident-replay keys in one JSON object (keys tracked release by release)."""
    return {**evaluate_nab(data_dir), **evaluate_incidents()}


def format_incidents(report: dict[str, Any]) -> str:
    lines = [
        f"incidents alerted before news: {report['incidents_alerted_before_news']}/"
        f"{report['incidents']}; story pairwise F1 {report['story_pairwise_f1']}; "
        f"false alarms per quiet week {report['quiet_false_alarms_per_week']}"
    ]
    for d in report["details"]:
        pair = d["pairwise"]
        row = (
            f"  {d['scenario']:<17} P {pair['precision']:.3f} R {pair['recall']:.3f} "
            f"F1 {pair['f1']:.3f}  false alarms {d['false_alarms']}"
        )
        if "lead_time_h" in d:
            row += (
                f"  alert +{d['alert_after_start_h']} h, first news +"
                f"{d['first_news_after_start_h']} h, lead {d['lead_time_h']} h"
            )
        if "alerted" in d:
            row += f"  alerted: {d['alerted']}"
        lines.append(row)
    return "\n".join(lines)


def eval_crisis_command(json_output: bool = typer.Option(False, "--json")) -> None:
    """Evaluate crisis early warning: NAB bursts beside the published detectors, and incident
    replays (alert lead time before news, grouping pairwise F1, false alarms)."""
    report = crisis_report()
    if json_output:
        typer.echo(json.dumps(report, indent=2))
    else:
        typer.echo(format_table(report))
        typer.echo(format_incidents(report))
        typer.echo(GOALS)
