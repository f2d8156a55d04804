"""The NAB scoring rules on hand-made cases, and the evaluation end to end when data exist."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from sentinelle.stories.bursts.nab import OTHER_KEYS, default_data_dir, eval_crisis_command
from sentinelle.stories.bursts.nab_scoring import WEEK, episodes, score_series

H = 3600.0
LABEL = 100 * H
WINDOW = [(LABEL - 12 * H, LABEL + 12 * H)]


def score(alerts: list[float], start: float = 0.0, end: float = WEEK) -> object:
    return score_series("s", alerts, [LABEL], WINDOW, start, end)


def test_hit_at_minus_59_minutes_counts_and_at_minus_61_does_not() -> None:
    assert score([LABEL - 59 * 60]).label_hits == 1
    assert score([LABEL - 61 * 60]).label_hits == 0
    assert score([LABEL + 2 * H]).label_hits == 1
    assert score([LABEL + 2 * H + 60]).label_hits == 0


def test_delay_is_episode_start_minus_label() -> None:
    # Points 30 min apart merge: the episode starts at -50 min, a hit 50 min early.
    result = score([LABEL - 50 * 60, LABEL - 20 * 60, LABEL + 10 * 60])
    assert result.delays_min == [-50.0] and result.episodes == 1


def test_alerts_under_an_hour_apart_merge_into_one_episode() -> None:
    assert episodes([0.0, 59 * 60.0, 118 * 60.0]) == [(0.0, 118 * 60.0)]
    assert len(episodes([0.0, 60 * 60.0])) == 2


def test_an_episode_starting_before_the_hit_range_is_no_hit() -> None:
    # It starts at -90 min and is still going at the label: the start decides.
    result = score([LABEL - 90 * 60, LABEL - 45 * 60, LABEL])
    assert result.label_hits == 0 and result.false_alarms == 0


def test_false_alarms_are_episodes_outside_every_window_per_series_week() -> None:
    outside = [10 * H, 10 * H + 20 * 60, 30 * H, 150 * H]  # three episodes, none in the window
    result = score([*outside, LABEL], end=2 * WEEK)
    assert result.false_alarms == 3 and result.window_hits == 1
    assert result.false_alarms / result.weeks == pytest.approx(1.5)


needs_data = pytest.mark.skipif(
    not (default_data_dir() / "bursts-nab" / "labels.json").exists(), reason="no bursts-nab data"
)


@needs_data
def test_eval_crisis_json_has_the_stable_key_set() -> None:
    app = typer.Typer()
    app.command("crisis")(eval_crisis_command)
    result = CliRunner().invoke(app, ["--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    for key in (
        "nab_strict_hits",
        "nab_windows",
        "nab_median_delay_min",
        "nab_false_alarms_per_series_week",
        *OTHER_KEYS,
    ):
        assert key in report
    assert all(report[key] is None for key in OTHER_KEYS)
    assert report["nab_windows"] == 19 and report["nab_labels"] == 20
    assert 0 <= report["nab_strict_hits"] <= report["nab_windows"]
    assert report["nab_false_alarms_per_series_week"] >= 0
    assert len(report["nab_series_details"]) == 6
