"""Settings from the environment, and the `sentinelle` command, run as a user runs them."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

SENTINELLE = Path(sys.executable).with_name("sentinelle")


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SENTINELLE_")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update({"SENTINELLE_VAR_DIR": str(tmp_path / "var"), **extra})
    return env


def _run(args: list[str], env: dict[str, str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(SENTINELLE), *args], env=env, capture_output=True, text=True, timeout=300, **kwargs
    )


def test_help_answers_without_loading_django_or_models():
    code = "import sys, sentinelle.cli; print('django' in sys.modules, 'sklearn' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"


def test_help_lists_the_commands(tmp_path):
    out = _run(["--help"], _env(tmp_path))
    assert out.returncode == 0
    for command in ["demo", "serve", "run", "migrate", "createuser", "import"]:
        assert command in out.stdout


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"SENTINELLE_ENV": "production", "SENTINELLE_DEBUG": "false"}, "SENTINELLE_SECRET_KEY"),
        (
            {
                "SENTINELLE_ENV": "production",
                "SENTINELLE_SECRET_KEY": "k" * 50,
                "SENTINELLE_DEBUG": "true",
            },
            "SENTINELLE_DEBUG must be off",
        ),
        ({"SENTINELLE_DATABASE_URL": "mysql://x@y/z"}, "must start with sqlite:// or postgresql"),
        ({"SENTINELLE_DEBUG": "perhaps"}, "is not a boolean"),
    ],
)
def test_bad_configuration_is_refused_with_a_clear_message(tmp_path, extra, message):
    out = _run(["migrate"], _env(tmp_path, **extra))
    assert out.returncode == 2
    assert message in out.stderr
    assert "Traceback" not in out.stderr


def test_production_starts_with_a_real_key_and_debug_off(tmp_path):
    env = _env(tmp_path, SENTINELLE_ENV="production", SENTINELLE_SECRET_KEY="s" * 50)
    assert _run(["migrate"], env).returncode == 0


def test_the_default_database_is_sqlite_in_wal_mode_under_var(tmp_path):
    env = _env(tmp_path)
    assert _run(["migrate"], env).returncode == 0
    database = tmp_path / "var" / "sentinelle.sqlite3"
    with sqlite3.connect(database) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_createuser_with_a_new_brand(tmp_path):
    env = _env(tmp_path)
    early = _run(["createuser", "dana", "--brand", "acme", "--password-stdin"], env, input="x\n")
    assert early.returncode == 2
    assert "run `sentinelle migrate` first" in early.stderr
    assert _run(["migrate"], env).returncode == 0
    out = _run(
        [
            "createuser",
            "dana",
            "--brand",
            "acme",
            "--create-brand",
            "ACME",
            "--role",
            "lead",
            "--password-stdin",
        ],
        env,
        input="a-long-enough-passphrase\n",
    )
    assert out.returncode == 0, out.stderr
    assert "dana is now lead of ACME" in out.stdout
    weak = _run(["createuser", "eve", "--brand", "acme", "--password-stdin"], env, input="123\n")
    assert weak.returncode == 1
    assert "Password refused" in weak.stderr


def test_demo_loads_a_week_of_mentions_and_cases(tmp_path):
    env = _env(tmp_path)
    out = _run(["demo", "--no-serve"], env)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "log in as dana" in out.stdout
    database = tmp_path / "var" / "sentinelle.sqlite3"
    with sqlite3.connect(database) as conn:
        mentions = conn.execute("SELECT count(*) FROM listening_mention").fetchone()[0]
        channels = conn.execute("SELECT count(DISTINCT channel) FROM listening_mention").fetchone()
        cases = conn.execute("SELECT count(*) FROM cases_case").fetchone()[0]
    assert 1900 <= mentions <= 2200
    assert channels[0] == 10
    assert cases >= 8
    again = _run(["demo", "--no-serve"], env)
    assert "already loaded" in again.stdout
