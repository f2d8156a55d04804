"""`sentinelle analyze --input`: malformed lines are reported with their number and skipped."""

from __future__ import annotations

import io
import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from sentinelle.analysis.batch import MAX_TEXT_CHARS, run_batch
from sentinelle.analysis.cli import analyze_command
from sentinelle.analysis.pipeline import Pipeline

LINES = [
    json.dumps({"id": "a", "text": "Toujours pas de réponse, je vais résilier."}).encode(),
    b"{this is not json",
    json.dumps({"id": "b", "lang": "en"}).encode(),
    json.dumps({"id": "c", "text": "x" * (MAX_TEXT_CHARS + 1)}).encode(),
    b'{"id": "d", "text": "caf\xe9 froid"}',
    b"",
    b"[1, 2]",
    json.dumps({"id": "e", "text": "My parcel never arrived", "lang": "en"}).encode(),
]


def test_bad_lines_are_reported_and_skipped(pipeline: Pipeline) -> None:
    errors: list[tuple[int, str]] = []
    sink = io.StringIO()
    report = run_batch(pipeline, LINES, sink, lambda n, m: errors.append((n, m)))
    assert report.processed == 2 and report.skipped == 5
    assert [n for n, _ in errors] == [2, 3, 4, 5, 7]
    messages = dict(errors)
    assert "invalid JSON" in messages[2]
    assert "missing 'text'" in messages[3]
    assert "characters" in messages[4]
    assert "invalid UTF-8" in messages[5]
    out = [json.loads(line) for line in sink.getvalue().splitlines()]
    assert [o["id"] for o in out] == ["a", "e"]
    assert {"language", "complaint", "complaint_score", "reasons"} <= set(out[0])


def test_analyze_command_batch_and_explain(tmp_path: Path) -> None:
    app = typer.Typer()
    app.command()(analyze_command)
    source = tmp_path / "mentions.jsonl"
    source.write_bytes(b"\n".join(LINES) + b"\n")
    target = tmp_path / "labelled.jsonl"
    runner = CliRunner()
    result = runner.invoke(app, ["--input", str(source), "--output", str(target)])
    assert result.exit_code == 0, result.output
    assert "mentions.jsonl:2: skipped: invalid JSON" in result.output
    assert "2 analysed, 5 skipped" in result.output
    assert len(target.read_text().splitlines()) == 2
    explained = runner.invoke(app, ["I will sue you, 3rd call and still no refund", "--explain"])
    assert explained.exit_code == 0, explained.output
    assert "legal" in explained.output and "double_deviation" in explained.output
    neither = runner.invoke(app, [])
    assert neither.exit_code == 2
