"""`sentinelle eval crisis --json` keeps every key the crisis issue names, all measured."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from sentinelle.stories.bursts.nab import default_data_dir
from sentinelle.stories.evaluate import eval_crisis_command

KEYS = (
    "nab_strict_hits",
    "nab_windows",
    "nab_median_delay_min",
    "nab_false_alarms_per_series_week",
    "incidents_alerted_before_news",
    "incidents",
    "story_pairwise_f1",
    "quiet_false_alarms_per_week",
)


@pytest.mark.skipif(
    not (default_data_dir() / "bursts-nab" / "labels.json").exists(), reason="no bursts-nab data"
)
def test_eval_crisis_reports_bursts_and_incident_replays():
    app = typer.Typer()
    app.command("crisis")(eval_crisis_command)
    result = CliRunner().invoke(app, ["--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert all(report[key] is not None for key in KEYS)
    assert report["incidents"] == 4
    assert 0 <= report["incidents_alerted_before_news"] <= 4
    assert 0 < report["story_pairwise_f1"] <= 1
    names = {d["scenario"] for d in report["details"]}
    assert {"blog-to-news", "viral-video", "slow-burn", "spam-wave", "quiet-week-1"} <= names
