"""The transition table, exhaustively: every pair of statuses is either allowed or refused."""

from __future__ import annotations

import itertools

import pytest

from sentinelle.cases.models import CaseStatus as S
from sentinelle.cases.workflow import can_transition

ALLOWED = {
    (S.NEW, S.ACKNOWLEDGED),
    (S.ACKNOWLEDGED, S.OWNED),
    (S.OWNED, S.WAITING),
    (S.OWNED, S.RESOLVED),
    (S.WAITING, S.OWNED),
    (S.WAITING, S.RESOLVED),
    (S.RESOLVED, S.CLOSED),
    (S.RESOLVED, S.OWNED),
    (S.CLOSED, S.OWNED),
}


@pytest.mark.parametrize(("current", "target"), list(itertools.product(S.values, S.values)))
def test_every_pair_of_statuses(current, target):
    assert can_transition(current, target) is ((current, target) in ALLOWED)
