"""The `sentinelle` command: one entry point for the demo, the server and the tools.

Heavy modules (Django, scikit-learn) load inside each command, so `--help` stays instant.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    name="sentinelle",
    help="Catch online complaints before they become crises, and handle each one to closure.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_show_locals=False,
)
Host = Annotated[str, typer.Option(help="Address to listen on.")]
Port = Annotated[int, typer.Option(help="Port to listen on.")]


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sentinelle.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as exc:
        typer.secho(f"Configuration error: {exc}", fg="red", err=True)
        raise typer.Exit(2) from None


def _require_migrated() -> None:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise _fail("The database is not up to date: run `sentinelle migrate` first.", 2)


def start_background_jobs(*, ingest_interval: float) -> None:
    """The loops of the one-process deployment: ingest, outbox, SLA clocks, watched pages."""
    from sentinelle.cases.escalation import refresh_open_cases
    from sentinelle.cases.pagewatch import watch_due_pages
    from sentinelle.core.loops import start_loop
    from sentinelle.core.outbox import deliver_pending
    from sentinelle.listening.bus.worker import drain_embedded
    from sentinelle.listening.loop import poll_all
    from sentinelle.stories.engagement import repoll_active_stories
    from sentinelle.stories.engine import tick_stories
    from sentinelle.stories.volume import check_bursts

    start_loop("ingest", poll_all, interval=ingest_interval)
    start_loop("bus", drain_embedded, interval=2.0)
    start_loop("outbox", deliver_pending, interval=5.0)
    start_loop("stories", tick_stories, interval=60.0)
    start_loop("bursts", check_bursts, interval=60.0)
    start_loop("engagement", repoll_active_stories, interval=300.0)
    start_loop("sla", refresh_open_cases, interval=60.0)
    start_loop("pagewatch", watch_due_pages, interval=60.0)


def _fail(message: str, code: int = 1) -> typer.Exit:
    typer.secho(message, fg="red", err=True)
    return typer.Exit(code)


@app.command()
def migrate(verbose: bool = typer.Option(False, "--verbose", "-v")) -> None:
    """Create or update the database tables."""
    _django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=1 if verbose else 0)
    typer.echo("Database is up to date.")


@app.command()
def serve(host: Host = "127.0.0.1", port: Port = 8000, threads: int = 8) -> None:
    """Serve the dashboard (production-grade WSGI server, static files included)."""
    _django()
    _require_migrated()
    from sentinelle.web.server import serve_forever

    serve_forever(host=host, port=port, threads=threads)


@app.command()
def run(host: Host = "127.0.0.1", port: Port = 8000, interval: float = 30.0) -> None:
    """The long-running process: the dashboard plus the ingest loop over enabled sources."""
    _django()
    _require_migrated()
    from sentinelle.web.server import serve_forever

    start_background_jobs(ingest_interval=interval)
    serve_forever(host=host, port=port)


@app.command()
def worker(
    batch: Annotated[int, typer.Option(help="Items per batch (default SENTINELLE_BUS_BATCH).")] = 0,
    exit_when_idle: Annotated[
        bool, typer.Option("--exit-when-idle", help="Stop once the bus is empty.")
    ] = False,
) -> None:
    """Store items from the bus (SENTINELLE_BUS): start as many as you like, on any machine."""
    _django()
    _require_migrated()
    from sentinelle.listening.bus.worker import serve_worker

    taken = serve_worker(batch_size=batch or None, exit_when_idle=exit_when_idle)
    typer.echo(f"{taken} items taken from the bus.")


@app.command()
def createuser(
    username: str,
    brand: Annotated[str, typer.Option(help="Slug of the brand the user joins.")],
    role: Annotated[str, typer.Option(help="agent, lead or admin.")] = "agent",
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    create_brand: Annotated[str, typer.Option(help="Create the brand with this name.")] = "",
    password_stdin: Annotated[bool, typer.Option(help="Read the password from stdin.")] = False,
) -> None:
    """Create a user and add them to a brand with a role."""
    _django()
    _require_migrated()
    from sentinelle.cli_admin import create_user

    if role not in {"agent", "lead", "admin"}:
        raise _fail("--role must be agent, lead or admin.", 2)
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        message = create_user(
            username=username,
            brand_slug=brand,
            role=role,
            email=email,
            first_name=first_name,
            last_name=last_name,
            password=password,
            create_brand=create_brand,
        )
    except ValueError as exc:
        raise _fail(str(exc)) from None
    typer.echo(message)


@app.command("import")
def import_(
    path: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
    brand: Annotated[str, typer.Option(help="Slug of the brand the mentions belong to.")],
    source: Annotated[str, typer.Option(help="Source name for lines without one.")] = "",
    fmt: Annotated[str, typer.Option("--format", help="jsonl or csv (default: by suffix).")] = "",
) -> None:
    """Import mentions from a JSONL or CSV file (see docs/connectors.md for the columns)."""
    _django()
    _require_migrated()
    from sentinelle.cli_admin import import_file

    try:
        report = import_file(path, brand_slug=brand, source_name=source, fmt=fmt or None)
    except ValueError as exc:
        raise _fail(str(exc)) from None
    for number, error in report.skipped[:50]:
        typer.secho(f"{path.name}:{number}: skipped: {error}", fg="yellow", err=True)
    if len(report.skipped) > 50:
        typer.secho(f"… and {len(report.skipped) - 50} more skipped lines", fg="yellow", err=True)
    typer.echo(
        f"{report.created} mentions imported, {report.duplicates} duplicates ignored, "
        f"{len(report.skipped)} lines skipped."
    )


@app.command()
def demo(
    host: Host = "127.0.0.1",
    port: Port = 8000,
    no_serve: Annotated[bool, typer.Option("--no-serve", help="Load, then exit.")] = False,
    reset: Annotated[bool, typer.Option(help="Delete the demo brand first.")] = False,
) -> None:
    """Set up the demo brand with a week of mentions, then serve the dashboard."""
    _django()
    from django.conf import settings
    from django.core.management import call_command

    from sentinelle.demo.replay import load_demo

    call_command("migrate", interactive=False, verbosity=0)
    load_demo(reset=reset)
    typer.echo(
        f"\nDemo ready. Open http://{host}:{port}/ and log in as dana (lead), alice or bob "
        f"(agents), password: {settings.SENTINELLE_DEMO_PASSWORD}"
    )
    if not no_serve:
        from sentinelle.web.server import serve_forever

        start_background_jobs(ingest_interval=30.0)
        serve_forever(host=host, port=port)


@app.command(
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    add_help_option=False,
)
def manage(ctx: typer.Context) -> None:
    """Run a Django management command (createsuperuser, shell, check…)."""
    _django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["sentinelle manage", *ctx.args])


def export_corrections(
    brand: Annotated[str, typer.Option(help="Slug of the brand.")],
    output: Annotated[Path, typer.Option(help="JSON Lines file to write.")],
) -> None:
    """Write a brand's label corrections as training rows {text, lang, label, value}."""
    _django()
    _require_migrated()
    from sentinelle.cli_admin import write_corrections

    try:
        count = write_corrections(brand, output)
    except ValueError as exc:
        raise _fail(str(exc)) from None
    typer.echo(f"{count} corrections written to {output}")


def model_train(
    data: Annotated[Path | None, typer.Option(help="Shared data directory.")] = None,
    output: Annotated[Path | None, typer.Option(help="Artifacts directory.")] = None,
    seed: Annotated[int, typer.Option(help="Random seed (deterministic).")] = 20261123,
    brand: Annotated[
        str | None,
        typer.Option(
            help="Add this brand's agent corrections (artifacts go to "
            "var/models/<brand> unless --output)."
        ),
    ] = None,
    corrections: Annotated[Path | None, typer.Option(help="JSON Lines of corrections.")] = None,
    if_stale: Annotated[bool, typer.Option(help="Only if the data, seed or code changed.")] = False,
) -> None:
    """Train the complaint, severity and sentiment models and write the artifacts."""
    from sentinelle.analysis.cli import model_train_command

    if brand is not None:
        _django()
        _require_migrated()
        from django.conf import settings

        from sentinelle.cli_admin import write_corrections

        target = output or settings.VAR_DIR / "models" / brand
        target.mkdir(parents=True, exist_ok=True)
        corrections = target / "corrections.jsonl"
        try:
            count = write_corrections(brand, corrections)
        except ValueError as exc:
            raise _fail(str(exc)) from None
        typer.echo(f"{count} corrections of {brand} added to the training data", err=True)
        output = target
    model_train_command(
        data=data, output=output, seed=seed, corrections=corrections, if_stale=if_stale
    )


def bench_cases(
    cases: Annotated[int, typer.Option(help="Cases in the throw-away brand.")] = 100_000,
    mentions: Annotated[int, typer.Option(help="Mentions in the throw-away brand.")] = 1_000_000,
    requests: Annotated[int, typer.Option(help="Timed requests per inbox view.")] = 20,
    json_output: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Inbox server time with a large brand (meant for PostgreSQL); key inbox_ms_p95."""
    import json

    _django()
    _require_migrated()
    from sentinelle.bench_cases import run_bench
    from sentinelle.cli_admin import progress_bar

    with progress_bar() as progress:
        task = progress.add_task("Filling the bench brand", total=cases + mentions)
        result = run_bench(
            cases=cases,
            mentions=mentions,
            requests=requests,
            progress=lambda n: progress.advance(task, n),
        )
    if json_output:
        typer.echo(json.dumps(result))
    else:
        for key, value in result.items():
            typer.echo(f"{key:24} {value}")


def bench_crisis(
    mentions: Annotated[int, typer.Option(help="Mentions through the engine first.")] = 1_000_000,
    timed: Annotated[int, typer.Option(help="The last ones, timed.")] = 100_000,
    batch: Annotated[int, typer.Option(help="Mentions per stored batch (alert latency).")] = 50,
    json_output: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Story grouping + risk speed on one core, and the delay from a stored mention to its
    alert row; keys mentions_per_s, alert_latency_p99_ms."""
    import json

    _django()
    _require_migrated()
    from sentinelle.bench_crisis import run_bench
    from sentinelle.cli_admin import progress_bar

    with progress_bar() as progress:
        task = progress.add_task("Mentions through the story engine", total=mentions)
        result = run_bench(
            mentions=mentions,
            timed=timed,
            batch=batch,
            progress=lambda n: progress.advance(task, n),
        )
    if json_output:
        typer.echo(json.dumps(result))
    else:
        for key, value in result.items():
            typer.echo(f"{key:26} {value}")


def bench_ingest(
    items: Annotated[int, typer.Option(help="Items per measured run.")] = 10_000,
    json_output: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Items per second end to end (parse → dedupe → match → analyse → store) with 1 and 2
    workers, on SQLite and on PostgreSQL with Redis (SENTINELLE_DATABASE_URL, _REDIS_URL)."""
    import json

    _django()
    from sentinelle.bench_ingest import run_bench

    result = run_bench(items=items, say=lambda line: typer.echo(line, err=True))
    if json_output:
        typer.echo(json.dumps(result))
    else:
        for key, value in result.items():
            typer.echo(f"{key:26} {value}")


def _register_analysis_commands() -> None:
    """The analysis library's commands; the library is light to import (models load lazily)."""
    from sentinelle.analysis import cli as analysis
    from sentinelle.cases.linking import evaluate as linking
    from sentinelle.replies.lint import evaluate as replies
    from sentinelle.stories import evaluate as crisis

    app.command("analyze")(analysis.analyze_command)
    model_app = typer.Typer(help="Train and inspect the analysis models.", no_args_is_help=True)
    model_app.command("train")(model_train)
    model_app.command("export-corrections")(export_corrections)
    eval_app = typer.Typer(help="Measure quality against labelled data.", no_args_is_help=True)
    eval_app.command("analysis")(analysis.eval_analysis_command)
    eval_app.command("crisis")(crisis.eval_crisis_command)
    eval_app.command("replies")(replies.eval_replies_command)
    eval_app.command("cases")(linking.eval_cases_command)
    bench_app = typer.Typer(help="Measure speed.", no_args_is_help=True)
    bench_app.command("analysis")(analysis.bench_analysis_command)
    bench_app.command("cases")(bench_cases)
    bench_app.command("ingest")(bench_ingest)
    bench_app.command("crisis")(bench_crisis)
    app.add_typer(model_app, name="model")
    app.add_typer(eval_app, name="eval")
    app.add_typer(bench_app, name="bench")


_register_analysis_commands()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
