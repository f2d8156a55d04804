"""The word lists under data/, loaded once and folded (lower-case, no accents)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from sentinelle.core.text import fold

DATA = Path(__file__).parent / "data"


@cache
def words(name: str) -> frozenset[str]:
    """Every entry of data/<name>.txt; entries are separated by spaces or new lines."""
    return frozenset(fold(w) for line in _lines(name) for w in line.split())


@cache
def phrases(name: str) -> tuple[str, ...]:
    """Every line of data/<name>.txt as one phrase (cues of several words)."""
    return tuple(fold(line) for line in _lines(name))


@cache
def nicknames() -> dict[str, frozenset[str]]:
    """Nickname or short form → the first names it stands for ("alex" → alexandre, alexandra)."""
    table: dict[str, set[str]] = {}
    for line in _lines("nicknames"):
        canonical, _, forms = line.partition(":")
        for form in (canonical, *forms.split()):
            table.setdefault(fold(form.strip()), set()).add(fold(canonical.strip()))
    return {form: frozenset(names) for form, names in table.items()}


def _lines(name: str) -> list[str]:
    text = (DATA / f"{name}.txt").read_text(encoding="utf-8")
    return [s for line in text.splitlines() if (s := line.strip()) and not s.startswith("#")]
