"""Crash test: items from a misbehaving paging API, workers killed with SIGKILL at random
moments and restarted; in the end nothing is lost and nothing is stored twice, mentions and
cases alike, on both bus backends.

CI runs 20,000 items and 20 kills per backend; `make bench` a larger run through
SENTINELLE_CRASH_ITEMS and SENTINELLE_CRASH_KILLS. The figures are printed (pytest -s).
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.listening.ingest.conftest import redis_url
from tests.listening.ingest.paging import PagingApi

ITEMS = int(os.environ.get("SENTINELLE_CRASH_ITEMS", "20000"))
KILLS = int(os.environ.get("SENTINELLE_CRASH_KILLS", "20"))
WORKERS = 2
DEADLINE_S = 120 + ITEMS // 50  # generous: a loaded machine is slow, not wrong
MUST_BE_ZERO = [
    "lost",
    "without_story",
    "duplicated",
    "unexpected",
    "not_analysed",
    "complaints_without_case",
    "cases_without_mention",
    "duplicated_cases",
    "duplicated_open_events",
    "dead_letters",
    "backlog",
]
ROOT = Path(__file__).resolve().parents[3]
SENTINELLE = Path(sys.executable).with_name("sentinelle")


@pytest.fixture
def database_url(tmp_path):
    """A throw-away database of the suite's engine: a SQLite file, or a new PostgreSQL one."""
    url = os.environ.get("SENTINELLE_DATABASE_URL", "")
    if not url.startswith(("postgres:", "postgresql:")):
        yield f"sqlite:///{tmp_path / 'crash.sqlite3'}"
        return
    import psycopg

    name = f"sentinelle_crash_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base, _, _ = url.rpartition("/")
    yield f"{base}/{name}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["db", "redis"])
def crash_env(request, tmp_path, database_url):
    env = {k: v for k, v in os.environ.items() if not k.startswith("SENTINELLE_")}
    env.update(
        SENTINELLE_VAR_DIR=str(tmp_path / "var"),
        SENTINELLE_DATABASE_URL=database_url,
        SENTINELLE_BUS=request.param,
        SENTINELLE_BUS_BATCH="500",
        SENTINELLE_BUS_CLAIM_IDLE_S="3",
        SENTINELLE_STORY_LEASE_S="3",
        SENTINELLE_FETCH_BACKOFF_S="0.05",
        SENTINELLE_FETCH_BACKOFF_MAX_S="0.5",
        PYTHONPATH=str(ROOT),
    )
    if request.param == "redis":
        env["SENTINELLE_REDIS_URL"] = redis_url()
        env["SENTINELLE_REDIS_STREAM"] = f"crash:{uuid.uuid4().hex}"
    yield env
    if request.param == "redis":
        import redis

        redis.Redis.from_url(env["SENTINELLE_REDIS_URL"]).delete(env["SENTINELLE_REDIS_STREAM"])


class Cluster:
    """The poller and the workers, each a real process that the test kills and restarts."""

    def __init__(self, env: dict[str, str], logs: Path, api_url: str) -> None:
        self.env, self.logs, self.api_url = env, logs, api_url
        self.procs: dict[str, subprocess.Popen] = {}
        self.started: dict[str, float] = {}
        self.starts = 0
        logs.mkdir()

    def command(self, role: str) -> list[str]:
        if role == "poller":
            node = [sys.executable, "-m", "tests.listening.ingest.crash_node"]
            return [*node, "poll", self.api_url, str(ITEMS)]
        return [str(SENTINELLE), "worker"]

    def start(self, role: str) -> None:
        self.starts += 1
        log = (self.logs / f"{role}.{self.starts}.log").open("w")
        self.procs[role] = subprocess.Popen(
            self.command(role), cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
        )
        self.started[role] = time.monotonic()

    def kill(self, role: str) -> None:
        self.procs[role].send_signal(signal.SIGKILL)
        self.procs[role].wait()

    def check_alive(self, role: str) -> None:
        code = self.procs[role].poll()
        if code is not None and not (role == "poller" and code == 0):
            logs = "\n".join(p.read_text()[-3000:] for p in sorted(self.logs.glob(f"{role}.*")))
            pytest.fail(f"{role} exited with {code} on its own:\n{logs}")

    def stop_all(self) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in self.procs.values():
            proc.wait(timeout=60)


def _backlog(env: dict[str, str]) -> int:
    """Items published and not yet stored, read from outside the processes."""
    if env["SENTINELLE_BUS"] == "redis":
        import redis

        client = redis.Redis.from_url(env["SENTINELLE_REDIS_URL"])
        return int(client.xlen(env["SENTINELLE_REDIS_STREAM"]))
    url, query = env["SENTINELLE_DATABASE_URL"], "SELECT count(*) FROM listening_busentry"
    if url.startswith("sqlite:"):
        with contextlib.closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as db:
            return db.execute(query).fetchone()[0]
    import psycopg

    with psycopg.connect(url) as db:
        return db.execute(query).fetchone()[0]


def _node(env: dict[str, str], *args: str) -> str:
    out = subprocess.run(
        [sys.executable, "-m", "tests.listening.ingest.crash_node", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    return out.stdout


def test_killed_workers_lose_nothing_and_store_nothing_twice(crash_env, tmp_path):
    rng = random.Random(20261123)
    api = PagingApi(total=ITEMS)
    begun = time.monotonic()
    _node(crash_env, "setup")
    kills = poller_kills = 0
    polled_s = last_kill_s = None
    with api.server:
        cluster = Cluster(crash_env, tmp_path / "logs", api.server.url("/items"))
        roles = ["poller"] + [f"worker{i}" for i in range(1, WORKERS + 1)]
        for role in roles:
            cluster.start(role)
        polling = True
        while polling or kills < KILLS or _backlog(crash_env):
            assert time.monotonic() - begun < DEADLINE_S, f"not done after {kills} kills"
            time.sleep(rng.uniform(0.5, 2.5))
            for role in roles:
                cluster.check_alive(role)
            polling = cluster.procs["poller"].poll() is None
            polled_s = polled_s or (None if polling else round(time.monotonic() - begun, 1))
            # A victim that has been up long enough to be in the middle of its work.
            ready = [
                r
                for r in roles
                if cluster.procs[r].poll() is None
                and time.monotonic() - cluster.started[r] > rng.uniform(1.5, 3.5)
                and (r != "poller" or rng.random() < 0.25)
            ]
            if not ready or (kills >= KILLS and not polling):
                continue  # enough: let the workers empty the bus
            victim = rng.choice(ready)
            cluster.kill(victim)
            cluster.start(victim)
            kills += 1
            last_kill_s = round(time.monotonic() - begun, 1)
            poller_kills += victim == "poller"
        cluster.stop_all()
        requests = len(api.server.requests)
    emptied_s = round(time.monotonic() - begun, 1)
    # Nothing should be left; a last worker would take it (it stops once the bus is empty).
    final = subprocess.run(
        [str(SENTINELLE), "worker", "--exit-when-idle"],
        cwd=ROOT,
        env=crash_env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert final.returncode == 0, final.stderr
    report = json.loads(_node(crash_env, "report", str(ITEMS)))
    report |= {
        "bus": crash_env["SENTINELLE_BUS"],
        "database": crash_env["SENTINELLE_DATABASE_URL"].split(":")[0],
        "kills": kills,
        "poller_kills": poller_kills,
        "api_requests": requests,
        "all_polled_after_s": polled_s,
        "last_kill_after_s": last_kill_s,
        "bus_empty_after_s": emptied_s,
        "seconds": round(time.monotonic() - begun, 1),
    }
    print("\ncrash test:", json.dumps(report))
    assert kills >= KILLS
    assert report["mentions"] > 0 and report["cases"] > 0
    assert {key: report[key] for key in MUST_BE_ZERO} == dict.fromkeys(MUST_BE_ZERO, 0)
