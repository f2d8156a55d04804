"""Command-line faces of the analysis library, as plain functions for the Typer app.

Heavy imports stay inside the bodies so that `sentinelle --help` remains instant.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from sentinelle.analysis.types import AnalysisError

PUBLISHED = {
    "en_complaint_macro_f1": "79.0 LR (ACL 2019) · 87 transformer · 88.2 multi-task (NAACL 2021)",
    "en_complaint_accuracy": "— (not in data README)",
    "en_complaint_auc": "—",
    "en_severity_macro_f1": "55.7 (NAACL 2021)",
    "fr_complaint_macro_f1": "none published",
    "fr_sentiment_macro_f1": "72.0 XLM-T (test split)",
    "en_sentiment_macro_f1": "70.6 XLM-T (test split)",
}


def _fail(exc: Exception) -> typer.Exit:
    typer.echo(f"error: {exc}", err=True)
    return typer.Exit(1)


def _explain(result: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table("label", "value", "score", "reasons", show_lines=True)
    scores = {"complaint": "complaint_score", "sentiment": "sentiment_score"}
    for key in ("language", "complaint", "severity", "sentiment", "topic"):
        score = result.get(scores.get(key, ""))
        reasons = escape("\n".join(result["reasons"].get(key, [])))
        table.add_row(key, str(result[key]), "" if score is None else f"{score:.2f}", reasons)
    for signal in result["signals"]:
        label = signal["kind"] + (f" ({signal['target']})" if signal["target"] else "")
        spans = escape(
            "\n".join(f"{e['start']}–{e['end']}: {e['text']!r}" for e in signal["evidence"])
        )
        table.add_row("signal", label, f"{signal['score']:.2f}", spans)
    for pii in result["pii"]:
        table.add_row("personal data", pii["kind"], "", f"{pii['start']}–{pii['end']}")
    Console().print(table)


def analyze_command(
    text: Annotated[str | None, typer.Argument(help="Text to analyse (omit with --input).")] = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="Show every label with its reasons.")
    ] = False,
    input: Annotated[
        Path | None,
        typer.Option("--input", help="JSON Lines file: one {id, text, lang?} per line."),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", help="Where to write the labelled lines.")
    ] = None,
) -> None:
    """Label a text, or every line of a JSON Lines file, with the analysis pipeline."""
    from sentinelle.analysis.batch import run_batch
    from sentinelle.analysis.pipeline import build_pipeline

    if (text is None) == (input is None):
        typer.echo("error: give a text or --input FILE (not both)", err=True)
        raise typer.Exit(2)
    try:
        pipeline = build_pipeline()
    except AnalysisError as exc:
        raise _fail(exc) from None
    if text is not None:
        result = pipeline.analyze_text(text).to_dict()
        if explain:
            _explain(result)
        else:
            typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    assert input is not None

    def report(number: int, message: str) -> None:
        typer.echo(f"{input}:{number}: skipped: {message}", err=True)

    try:
        with input.open("rb") as source:
            if output is None:
                summary = run_batch(pipeline, source, sys.stdout, report)
            else:
                with output.open("w", encoding="utf-8") as sink:
                    summary = run_batch(pipeline, source, sink, report)
    except OSError as exc:
        raise _fail(exc) from None
    typer.echo(f"{summary.processed} analysed, {summary.skipped} skipped", err=True)


def _read_corrections(path: Path) -> list[dict[str, Any]]:
    """Corrections exported by the app: one JSON object {text, lang, label, value} a line."""
    rows = []
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    try:
                        rows.append(json.loads(line))
                    except json.JSONDecodeError:
                        typer.echo(f"{path.name}:{number}: skipped: invalid JSON", err=True)
    except (OSError, UnicodeDecodeError) as exc:
        raise AnalysisError(f"cannot read corrections from {path}: {exc}") from None
    return [r for r in rows if isinstance(r, dict)]


def model_train_command(
    data: Annotated[Path | None, typer.Option("--data", help="Shared data directory.")] = None,
    output: Annotated[Path | None, typer.Option("--output", help="Artifacts directory.")] = None,
    seed: Annotated[int, typer.Option("--seed", help="Random seed (deterministic).")] = 20261123,
    corrections: Annotated[
        Path | None,
        typer.Option("--corrections", help="JSON Lines of agents' corrections to add."),
    ] = None,
    if_stale: Annotated[
        bool, typer.Option("--if-stale", help="Only if the data, seed or code changed.")
    ] = False,
) -> None:
    """Train the complaint, severity and sentiment models and write the artifacts."""
    from sentinelle.analysis.paths import ARTIFACTS_DIR, data_dir
    from sentinelle.analysis.training.train import TrainConfig, is_stale, train

    try:
        rows = _read_corrections(corrections) if corrections else []
        root, target = data or data_dir(), output or ARTIFACTS_DIR
        if if_stale and not rows and not is_stale(root, target, seed):
            typer.echo(f"artifacts in {target} are up to date", err=True)
            return
        summary = train(root, target, TrainConfig(seed=seed), corrections=rows)
    except AnalysisError as exc:
        raise _fail(exc) from None
    typer.echo(json.dumps(summary["training"], indent=2))
    typer.echo(
        f"artifacts written to {output or ARTIFACTS_DIR} "
        f"({summary.get('corrections', 0)} agents' corrections added)",
        err=True,
    )


def eval_analysis_command(
    json_output: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Evaluate with the published protocols (10-fold CV); slow: minutes."""
    from sentinelle.analysis.training.evaluate import evaluate

    try:
        metrics = evaluate()
    except AnalysisError as exc:
        raise _fail(exc) from None
    if json_output:
        typer.echo(json.dumps(metrics, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    full = metrics.get("full") or {}
    table = Table("metric", "default", "full", "published")
    for key, published in PUBLISHED.items():
        cell = f"{full[key]:.1f}" if key in full else "—"
        table.add_row(key, f"{metrics[key]:.1f}", cell, published)
    for kind, values in metrics["signals"].items():
        cells = ", ".join(f"{k} {v}" for k, v in values.items())
        table.add_row(f"signal {kind}", cells, "", "—")
    Console().print(table)


def bench_analysis_command(
    json_output: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Posts per second of the default and full pipelines on one core, and peak memory."""
    from sentinelle.analysis.bench import bench

    try:
        results = bench()
    except AnalysisError as exc:
        raise _fail(exc) from None
    if json_output:
        typer.echo(json.dumps(results, indent=2))
        return
    for key, value in results.items():
        typer.echo(f"{key}: {value}")
