"""Consistent remedies: comparable resolved cases, the compensation warning, and the
dispersion of compensation by topic that leads read.

Comparable cases treat customers alike ("one single discourse"): before an agent resolves a
case, they see how similar cases ended and are warned when the compensation they propose is
out of line with what those cases got. See docs/remedies.md for the rule.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from sentinelle.cases.actions import do_resolve_case
from sentinelle.cases.models import Case, CaseEvent, CaseEventKind, CaseStatus, Outcome
from sentinelle.cases.precedent_index import (
    OTHER_TOPIC,
    RESOLVED,
    Profile,
    get_precedent_index,
    get_profile,
)
from sentinelle.cases.workflow import can_transition
from sentinelle.core.choices import Channel

#: The report reads at most this many resolved cases per period.
MAX_REPORT_CASES = 20_000
SHOWN = 5
WEIGHED = 10
MIN_TEXT_SIMILARITY = 0.15
MIN_PRECEDENTS = 3
#: A proposal is out of line below LOWER quartile / WIDEN or above UPPER quartile × WIDEN.
WIDEN = Decimal(2)
RARELY, MOSTLY = 0.25, 0.75
WEIGHTS = {"text": 0.6, "topic": 0.2, "severity": 0.1, "channel": 0.1}
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Precedent:
    """A resolved case like this one, with why it is alike."""

    case: Case
    score: float
    topic: str
    reasons: list[str]


def was_compensated(amount: Decimal | None, text: str) -> bool:
    """An amount, when given, decides; otherwise a compensation described in words counts."""
    return amount > 0 if amount is not None else bool(text.strip())


def _severity_agreement(a: int | None, b: int | None) -> float:
    if a is None or b is None:
        return 0.0
    return {0: 1.0, 1: 0.5}.get(abs(a - b), 0.0)


def _reasons(mine: Profile, theirs: Profile, text: float) -> list[str]:
    reasons = []
    if text >= MIN_TEXT_SIMILARITY:
        reasons.append(_("similar wording (%(pct)d %%)") % {"pct": round(text * 100)})
    if mine.topic != OTHER_TOPIC and mine.topic == theirs.topic:
        reasons.append(_("same topic: %(topic)s") % {"topic": mine.topic})
    agreement = _severity_agreement(mine.severity, theirs.severity)
    if agreement == 1.0:
        reasons.append(_("same severity (%(level)s/4)") % {"level": theirs.severity})
    elif agreement:
        reasons.append(_("close severity (%(level)s/4)") % {"level": theirs.severity})
    if mine.channel == theirs.channel and mine.channel != Channel.OTHER:
        reasons.append(_("same channel: %(channel)s") % {"channel": Channel(mine.channel).label})
    return reasons


def list_similar_cases(case: Case, *, k: int = SHOWN) -> list[Precedent]:
    """The k resolved or closed cases of the brand most like this one, best first.

    Comparable means similar wording or the same topic; severity and channel add to the score.
    """
    index = get_precedent_index(case.brand_id)
    if index is None:
        return []
    mine = get_profile(case)
    scored = []
    rows = zip(index.ids, index.resolved_at, index.profiles, strict=True)
    for (pk, resolved_at, theirs), text in zip(rows, index.similarities(mine.text), strict=True):
        same_topic = mine.topic != OTHER_TOPIC and mine.topic == theirs.topic
        if pk == case.pk or (text < MIN_TEXT_SIMILARITY and not same_topic):
            continue
        score = (
            WEIGHTS["text"] * text
            + WEIGHTS["topic"] * same_topic
            + WEIGHTS["severity"] * _severity_agreement(mine.severity, theirs.severity)
            + WEIGHTS["channel"] * (mine.channel == theirs.channel)
        )
        # Ties: the most recently resolved first.
        scored.append((-round(score, 6), -resolved_at.timestamp(), pk, theirs, text))
    best = sorted(scored)[:k]
    cases = Case.objects.filter(
        pk__in=[row[2] for row in best], brand_id=case.brand_id, status__in=RESOLVED
    ).in_bulk()
    return [
        Precedent(cases[pk], round(-negative, 3), theirs.topic, _reasons(mine, theirs, text))
        for negative, _, pk, theirs, text in best
        if pk in cases
    ]


_AMOUNT_NOISE = re.compile(r"[\s\u00a0\u202f€$£]|eur|cad|usd|chf", re.IGNORECASE)


def parse_amount(raw: str) -> Decimal | None:
    """An amount as agents type it ("45", "45,50 €", "1 200,00", "1,200.00"); None when blank.

    Raises ValueError on anything else, negative amounts included."""
    text = _AMOUNT_NOISE.sub("", raw or "")
    if not text:
        return None
    if "," in text and "." in text:
        decimal_comma = text.rfind(",") > text.rfind(".")
        text = text.replace(".", "").replace(",", ".") if decimal_comma else text.replace(",", "")
    else:
        text = text.replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(raw) from None
    if not value.is_finite() or value < 0 or value >= Decimal(10) ** 8:
        raise ValueError(raw)
    return value.quantize(CENT)


def money(value: Decimal) -> str:
    """An amount as the reader's language writes it (45,50 or 45.50)."""
    return number_format(value, 2)


def quantile(ordered: Sequence[Decimal], q: float) -> Decimal:
    """The q-quantile of sorted values, interpolated linearly between neighbours."""
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    fraction = Decimal(str(position - low))
    return (ordered[low] + (ordered[high] - ordered[low]) * fraction).quantize(CENT)


@dataclass(frozen=True)
class CompensationCheck:
    """A proposed compensation weighed against comparable cases; `warning` is empty when
    it is in line (or when there are too few comparable cases to say)."""

    amount: Decimal | None
    compensated: bool
    precedents: list[Precedent]
    paid_share: float | None = None
    median: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    warning: str = ""

    @property
    def differs(self) -> bool:
        return bool(self.warning)

    def as_event_data(self) -> dict[str, Any]:
        """What the agent was shown, for the case's history."""

        def plain(value: Decimal | None) -> str | None:
            return None if value is None else str(value)

        return {
            "amount": plain(self.amount),
            "warning": self.warning,
            "median": plain(self.median),
            "range": [plain(self.low), plain(self.high)],
            "precedents": [
                {
                    "reference": p.case.reference,
                    "amount": plain(p.case.compensation_amount),
                    "compensation": p.case.compensation,
                    "outcome": p.case.outcome,
                }
                for p in self.precedents
            ],
        }


def check_compensation(
    case: Case,
    *,
    amount: Decimal | None,
    compensation: str = "",
    precedents: list[Precedent] | None = None,
) -> CompensationCheck:
    """Whether a proposed compensation differs markedly from what comparable cases got.

    With at least MIN_PRECEDENTS comparable cases: compensating when at most a quarter of them
    got anything, or not compensating when at least three quarters did, differs markedly; so
    does an amount below half the lower quartile or above twice the upper quartile of the
    amounts they were paid (when at least MIN_PRECEDENTS of them were paid an amount)."""
    if precedents is None:
        precedents = list_similar_cases(case, k=WEIGHED)
    compensated = was_compensated(amount, compensation)
    check = CompensationCheck(amount, compensated, precedents)
    if len(precedents) < MIN_PRECEDENTS:
        return check
    paid_flags = [
        was_compensated(p.case.compensation_amount, p.case.compensation) for p in precedents
    ]
    share = sum(paid_flags) / len(precedents)
    paid = sorted(a for p in precedents if (a := p.case.compensation_amount) is not None and a > 0)
    stats: dict[str, Any] = {"paid_share": share, "median": quantile(paid, 0.5) if paid else None}
    counts = {"paid": sum(paid_flags), "n": len(precedents)}
    warning = ""
    if compensated and share <= RARELY:
        warning = _(
            "Only %(paid)d of %(n)d comparable cases got any compensation; you propose some."
        )
        warning %= counts
    elif not compensated and share >= MOSTLY:
        warning = _("%(paid)d of %(n)d comparable cases got compensation; you propose none.")
        warning %= counts
    elif compensated and amount is not None and len(paid) >= MIN_PRECEDENTS:
        q1, q3 = quantile(paid, 0.25), quantile(paid, 0.75)
        stats |= {"low": (q1 / WIDEN).quantize(CENT), "high": (q3 * WIDEN).quantize(CENT)}
        words = {"amount": money(amount), "q1": money(q1), "q3": money(q3)}
        words["median"] = money(stats["median"])
        if amount < stats["low"]:
            warning = _(
                "%(amount)s is less than half of what comparable cases usually got "
                "(%(q1)s to %(q3)s, median %(median)s)."
            )
            warning %= words
        elif amount > stats["high"]:
            warning = _(
                "%(amount)s is more than twice what comparable cases usually got "
                "(%(q1)s to %(q3)s, median %(median)s)."
            )
            warning %= words
    return CompensationCheck(amount, compensated, precedents, warning=warning, **stats)


@transaction.atomic
def do_resolve_against_precedents(
    case: Case,
    *,
    check: CompensationCheck,
    actor: Any,
    final_answer: str,
    outcome: str,
    compensation: str = "",
) -> Case:
    """Resolve with a compensation the agent kept knowingly despite the warning: the warning
    and the precedents shown go into the case's history with the resolution."""
    CaseEvent.objects.create(
        case=case,
        kind=CaseEventKind.COMPENSATION_CONFIRMED,
        actor=actor,
        data=check.as_event_data(),
    )
    return do_resolve_case(
        case,
        final_answer=final_answer,
        outcome=outcome,
        actor=actor,
        compensation=compensation,
        compensation_amount=check.amount,
    )


def check_before_resolving(
    case: Case, *, amount: Decimal | None, compensation: str, final_answer: str, outcome: str
) -> CompensationCheck | None:
    """The warning to show before resolving, or None: in line, or refused anyway for
    another reason (no final answer, wrong status) that the resolution itself will explain."""
    if (
        not can_transition(case.status, CaseStatus.RESOLVED)
        or not final_answer.strip()
        or outcome not in Outcome.values
    ):
        return None
    check = check_compensation(case, amount=amount, compensation=compensation)
    return check if check.differs else None


def same_amount(raw: str, amount: Decimal | None) -> bool:
    """Whether `raw` (the amount the warning was about) is the amount proposed now."""
    try:
        return parse_amount(raw) == amount
    except ValueError:
        return False
