"""`sentinelle bench ingest`: items per second through the whole ingest path (parse → dedupe →
match → analyse → store, case rules and stories included) and the time from receipt to stored.

Each measure runs in processes of its own against a throw-away database: a SQLite file with the
embedded bus (one worker: one core), and, when SENTINELLE_DATABASE_URL is PostgreSQL and Redis
answers at SENTINELLE_REDIS_URL, a new PostgreSQL database with Redis Streams (1 and 2
workers). A backlog of items is published first, then the workers start together; the rate is
items / (last commit − first take); the items go to 4 brands. Latency is measured apart,
with items published at half the measured rate: receipt (publish) → commit of the batch that
stored them, p95. `items_per_s_sqlite_without_after_store_steps` is the same run without the
after-store steps (analysis, case rules, stories), and `items_per_s_sqlite_store_and_analysis`
with the analysis only (the path parse → dedupe → match → analyse → store, without case rules
and stories), to tell the steps' costs apart.

`python -m sentinelle.bench_ingest ROLE …` runs one of those processes (a tool, not an app).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

SLUG = "bench-ingest"
BRANDS = 4
COMPLAINT = (
    "Commande {n} : mon vélo est arrivé avec le cadre fissuré, le service client ne répond "
    "plus depuis trois semaines, je veux être remboursé"
)
OTHERS = [
    "Great ride today on bike {n}, the new saddle is really comfortable for long trips",
    "Love my Velonova bike {n}, smooth gears and a great battery, highly recommended",
    "Livraison rapide du vélo {n} et montage très simple, merci pour les explications",
    "Just finished a 40 km loop on my bike {n}, beautiful weather and great company",
]
START = datetime(2026, 11, 16, tzinfo=UTC)


def make_item(run: str, n: int) -> dict[str, Any]:
    """One item in the import format: 1 in 20 a complaint, 1 in 100 a repost of the one before."""
    m = n - 1 if n % 100 == 0 else n
    text = (COMPLAINT if m % 20 == 0 else OTHERS[m % 4]).format(n=f"{run}-{m}")
    return {
        "external_id": f"{run}-{n}",
        "channel": "mastodon",
        "text": text,
        "published_at": (START + timedelta(seconds=n)).isoformat(),
        "url": f"https://social.example/@u{n % 5000}/{run}{n}",
        "author": {"handle": f"@{run}u{n % 5000}@social.example", "name": f"{run}{n % 5000}"},
    }


# --- the processes (each one a fresh Django on the database its environment names) ---------


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sentinelle.settings")
    import django

    django.setup()


def prepare() -> None:
    """Migrate the throw-away database; the brands, each with a source, a watch query and a
    case rule (several brands: what a scaled-out deployment serves)."""
    from django.core.management import call_command

    from sentinelle.brands.actions import do_create_brand
    from sentinelle.cases.models import CaseRule
    from sentinelle.listening.models import Source, WatchQuery

    call_command("migrate", interactive=False, verbosity=0)
    for number in range(BRANDS):
        brand = do_create_brand(name=f"Bench {number}", slug=f"{SLUG}-{number}")
        Source.objects.create(brand=brand, name="Bench", kind="mastodon", channel="mastodon")
        WatchQuery.objects.create(brand=brand, name="Vélos", query="vélo OR velonova OR bike")
        CaseRule.objects.create(
            brand=brand, name="Sérieuses", min_complaint_score=0.8, min_severity=3
        )


def publish(run: str, count: int, rate: float = 0.0) -> None:
    """Publish `count` items at once, or `rate` items per second in tenths of a second."""
    from django.db import transaction

    from sentinelle.listening.bus import get_bus
    from sentinelle.listening.models import Source

    bus = get_bus()
    sources = list(Source.objects.filter(brand__slug__startswith=SLUG).order_by("pk"))
    chunk = max(int(rate / 10), 1) if rate else 1000
    begun = time.monotonic()
    for sent, first in enumerate(range(1, count + 1, chunk)):
        if rate:
            time.sleep(max(begun + sent / 10 - time.monotonic(), 0))
        numbers = range(first, min(first + chunk, count + 1))
        with transaction.atomic():
            for i, source in enumerate(sources):
                items = [make_item(run, n) for n in numbers if n % len(sources) == i]
                bus.publish(source, items)


def work(ready: str, go: str, done: str, steps: str = "steps") -> None:
    """Consume with the real handler; print {first, last, taken, latencies}. With
    `no-steps`, the after-store steps (analysis, cases, stories) are left out; with
    `analysis`, only the analysis runs after the store."""
    from django.conf import settings

    from sentinelle.listening.analyze import get_pipeline
    from sentinelle.listening.bus import consumer_name, get_bus
    from sentinelle.listening.bus.worker import BetweenBatches, store_envelopes
    from sentinelle.listening.steps import after_store_steps

    if steps in {"no-steps", "analysis"}:
        settings.SENTINELLE_AFTER_STORE = [
            path
            for path in settings.SENTINELLE_AFTER_STORE
            if steps == "analysis" and ".analyze." in path
        ]
        after_store_steps.cache_clear()
    get_pipeline()
    bus, consumer, between = get_bus(), consumer_name(), BetweenBatches()
    Path(ready).touch()
    while not Path(go).exists():
        time.sleep(0.01)
    first = last = 0.0
    taken, latencies = 0, []
    while True:
        received: list[float] = []

        def handler(envelopes: Any, received: list[float] = received) -> None:
            store_envelopes(envelopes)
            received.extend(e.published_at for e in envelopes)

        started = time.time()
        count = bus.process(
            handler, consumer=consumer, batch_size=settings.SENTINELLE_BUS_BATCH, wait_s=0.05
        )
        between.run()
        if count:
            last = time.time()
            first = first or started
            taken += count
            latencies += [last - r for r in received]
        elif Path(done).exists() and bus.backlog() == 0:
            break
    between.stop()  # as a worker that stops: its brands' stories handed back
    print(json.dumps({"first": first, "last": last, "taken": taken, "latencies": latencies}))


# --- the orchestration, in the `sentinelle bench ingest` process ----------------------------


def _node(env: dict[str, str], *args: str) -> subprocess.Popen:
    # Our own module with arguments we wrote, not user input.
    return subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "sentinelle.bench_ingest", *args],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )


def _wait(proc: subprocess.Popen) -> str:
    out, _ = proc.communicate(timeout=3600)
    if proc.returncode:
        raise RuntimeError(f"bench process failed ({proc.returncode})")
    return out


def _measure(
    env: dict[str, str], workers: int, items: int, rate: float = 0.0, steps: str = "steps"
) -> dict:
    """Start the workers, let them get ready, publish, and collect their figures."""
    run = uuid.uuid4().hex[:6]
    with tempfile.TemporaryDirectory() as flags:
        ready, go, done = (str(Path(flags) / name) for name in ("ready", "go", "done"))
        if not rate:  # a backlog first: the workers find it all there
            _wait(_node(env, "publish", run, str(items)))
        procs = [_node(env, "work", f"{ready}{i}", go, done, steps) for i in range(workers)]
        while not all(Path(f"{ready}{i}").exists() for i in range(workers)):
            if any(p.poll() is not None for p in procs):
                raise RuntimeError("a bench worker died while starting")
            time.sleep(0.05)
        Path(go).touch()
        if rate:
            _wait(_node(env, "publish", run, str(items), str(rate)))
        Path(done).touch()
        results = [json.loads(_wait(p)) for p in procs]
    taken = sum(r["taken"] for r in results)
    span = max(r["last"] for r in results) - min(r["first"] for r in results if r["first"])
    latencies = sorted(x for r in results for x in r["latencies"])
    return {
        "items_per_s": round(taken / span) if span > 0 else None,
        "taken": taken,
        "p95_ms": round(statistics.quantiles(latencies, n=20)[-1] * 1000)
        if len(latencies) > 20
        else None,
    }


def _engine(env: dict[str, str], items: int, runs: dict[str, int], say: Callable) -> dict:
    _wait(_node(env, "prepare"))
    out: dict[str, Any] = {}
    for key, workers in runs.items():
        say(f"{key}: {items:,} items, {workers} worker(s)…")
        out[key] = _measure(env, workers, items)
    rate = max(out[next(iter(runs))]["items_per_s"] or 100, 20) / 2
    seconds = 10
    say(f"latency: {int(rate * seconds):,} items at {rate:.0f} items/s…")
    out["latency"] = _measure(env, 1, int(rate * seconds), rate=rate)
    return out


def _fewer_steps(env: dict[str, str], items: int, steps: str, say: Callable) -> dict:
    """The same path with fewer after-store steps: none (`no-steps`: what parse, dedupe, match
    and store cost) or the analysis only (`analysis`)."""
    say(f"{steps}: {items:,} items, 1 worker…")
    return _measure(env, 1, items, steps=steps)


def _base_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SENTINELLE_")}
    keep = ("SENTINELLE_ANALYSIS", "SENTINELLE_ANALYSIS_ARTIFACTS", "SENTINELLE_BUS_BATCH")
    return env | {k: os.environ[k] for k in keep if k in os.environ}


def _postgres_database(url: str) -> tuple[str, Callable[[], None]]:
    import psycopg

    name = f"sentinelle_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return f"{url.rpartition('/')[0]}/{name}", drop


def run_bench(*, items: int, say: Callable[[str], object] = print) -> dict:
    """All the measures; keys items_per_s_sqlite, items_per_s_pg_1worker,
    items_per_s_pg_2workers, p95_ingest_to_stored_ms (SQLite, one worker)."""
    from django.conf import settings

    result: dict[str, Any] = {"items": items, "cpus": os.cpu_count()}
    with tempfile.TemporaryDirectory() as tmp:
        env = _base_env() | {
            "SENTINELLE_VAR_DIR": tmp,
            "SENTINELLE_DATABASE_URL": f"sqlite:///{Path(tmp) / 'bench.sqlite3'}",
            "SENTINELLE_BUS": "db",
        }
        say("SQLite, embedded bus")
        sqlite = _engine(env, items, {"sqlite": 1}, say)
        bare = _fewer_steps(env, items, "no-steps", say)
        analysed = _fewer_steps(env, items, "analysis", say)
    result["items_per_s_sqlite"] = sqlite["sqlite"]["items_per_s"]
    result["items_per_s_sqlite_without_after_store_steps"] = bare["items_per_s"]
    result["items_per_s_sqlite_store_and_analysis"] = analysed["items_per_s"]
    result["p95_ingest_to_stored_ms"] = sqlite["latency"]["p95_ms"]
    result["latency_rate_sqlite"] = sqlite["latency"]["items_per_s"]

    url = settings.DATABASES["default"]
    result |= dict.fromkeys(
        ["items_per_s_pg_1worker", "items_per_s_pg_2workers", "p95_ingest_to_stored_ms_pg"]
    )
    pg_url = os.environ.get("SENTINELLE_DATABASE_URL", "")
    if "postgresql" not in url["ENGINE"]:
        result["pg_skipped"] = "SENTINELLE_DATABASE_URL is not PostgreSQL"
        return result
    import redis

    redis_url = settings.SENTINELLE_REDIS_URL
    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        result["pg_skipped"] = f"no Redis at {redis_url}: {exc}"
        return result
    database, drop = _postgres_database(pg_url)
    stream = f"bench:{uuid.uuid4().hex}"
    try:
        with tempfile.TemporaryDirectory() as tmp:
            env = _base_env() | {
                "SENTINELLE_VAR_DIR": tmp,
                "SENTINELLE_DATABASE_URL": database,
                "SENTINELLE_BUS": "redis",
                "SENTINELLE_REDIS_URL": redis_url,
                "SENTINELLE_REDIS_STREAM": stream,
            }
            say("PostgreSQL, Redis Streams")
            pg = _engine(env, items, {"pg_1worker": 1, "pg_2workers": 2}, say)
    finally:
        redis.Redis.from_url(redis_url).delete(stream)
        drop()
    result["items_per_s_pg_1worker"] = pg["pg_1worker"]["items_per_s"]
    result["items_per_s_pg_2workers"] = pg["pg_2workers"]["items_per_s"]
    result["p95_ingest_to_stored_ms_pg"] = pg["latency"]["p95_ms"]
    return result


def main(argv: list[str]) -> None:
    _setup()
    role, args = argv[0], argv[1:]
    if role == "prepare":
        prepare()
    elif role == "publish":
        publish(args[0], int(args[1]), float(args[2]) if len(args) > 2 else 0.0)
    elif role == "work":
        work(*args)
    else:
        raise SystemExit(f"unknown role {role!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
