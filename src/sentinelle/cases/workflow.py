"""The case workflow as a table: which status may follow which."""

from __future__ import annotations

from sentinelle.cases.models import CaseStatus as S

TRANSITIONS: dict[str, frozenset[str]] = {
    S.NEW: frozenset({S.ACKNOWLEDGED}),
    S.ACKNOWLEDGED: frozenset({S.OWNED}),
    S.OWNED: frozenset({S.WAITING, S.RESOLVED}),
    S.WAITING: frozenset({S.OWNED, S.RESOLVED}),
    S.RESOLVED: frozenset({S.CLOSED, S.OWNED}),
    S.CLOSED: frozenset({S.OWNED}),
}

OPEN_STATUSES = frozenset({S.NEW, S.ACKNOWLEDGED, S.OWNED, S.WAITING})
NEEDS_OWNER = frozenset({S.OWNED, S.WAITING, S.RESOLVED, S.CLOSED})


def can_transition(current: str, target: str) -> bool:
    """Whether the table allows going from `current` to `target`."""
    return target in TRANSITIONS.get(current, frozenset())
