"""SLA clocks with controlled time: business hours, holidays, time zones, pauses, reopen."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from sentinelle.cases.actions import (
    do_acknowledge_case,
    do_assign_case,
    do_open_case,
    do_reopen_case,
    do_resolve_case,
    do_wait_on_customer,
)
from sentinelle.cases.models import SlaPolicy
from sentinelle.cases.sla import ClockState, case_clocks, next_due, policy_for
from sentinelle.replies.actions import do_send_reply

PARIS = ZoneInfo("Europe/Paris")


def paris(*args) -> datetime:
    return datetime(*args, tzinfo=PARIS)


def _clocks(case, at):
    case.refresh_from_db()
    return {c.target: c for c in case_clocks(case, at=at)}


@pytest.fixture
def around_the_clock(brand):
    return SlaPolicy.objects.create(
        brand=brand,
        name="24/7",
        business_hours_only=False,
        acknowledge_minutes=60,
        owner_minutes=120,
        first_answer_minutes=180,
        update_minutes=600,
        resolution_minutes=24 * 60,
        warn_before_minutes=15,
    )


@pytest.fixture
def office_hours(brand):
    return SlaPolicy.objects.create(
        brand=brand, name="Bureau", acknowledge_minutes=60, warn_before_minutes=10
    )


def _open(brand, mentions, when):
    with time_machine.travel(when, tick=False):
        return do_open_case(brand, title="Roue voilée", mention=mentions[0], actor=None)


def test_clocks_run_met_and_warn(brand, mentions, alice, around_the_clock):
    start = datetime(2026, 11, 16, 10, 0, tzinfo=UTC)
    case = _open(brand, mentions, start)
    with time_machine.travel(start + timedelta(minutes=40), tick=False):
        do_acknowledge_case(case, actor=alice)
    clocks = _clocks(case, start + timedelta(minutes=110))
    assert clocks["acknowledge"].state == ClockState.MET
    assert clocks["owner"].state == ClockState.WARNING
    assert clocks["owner"].due_at == start + timedelta(minutes=120)
    assert _clocks(case, start + timedelta(minutes=130))["owner"].state == ClockState.BREACHED
    assert "update" not in clocks


def test_business_hours_carry_a_friday_evening_case_to_monday_morning(
    brand, mentions, office_hours
):
    case = _open(brand, mentions, paris(2026, 11, 20, 17, 30))  # a Friday
    ack = _clocks(case, paris(2026, 11, 21, 12, 0))["acknowledge"]
    assert ack.state == ClockState.RUNNING
    assert ack.due_at == paris(2026, 11, 23, 9, 30)


def test_holidays_are_not_business_time(brand, mentions, office_hours):
    brand.holidays = ["2026-11-23"]
    brand.save()
    case = _open(brand, mentions, paris(2026, 11, 20, 17, 30))
    assert _clocks(case, paris(2026, 11, 22, 8, 0))["acknowledge"].due_at == paris(
        2026, 11, 24, 9, 30
    )


def test_business_hours_follow_the_brands_clock_across_a_time_change(brand, mentions, office_hours):
    case = _open(brand, mentions, paris(2026, 10, 23, 17, 30))  # Paris leaves summer time on 25th
    due = _clocks(case, paris(2026, 10, 24, 12, 0))["acknowledge"].due_at
    assert due == paris(2026, 10, 26, 9, 30)
    assert due.astimezone(UTC).hour == 8


def test_waiting_on_the_customer_pauses_the_clock(brand, mentions, alice, around_the_clock):
    start = datetime(2026, 11, 16, 10, 0, tzinfo=UTC)
    case = _open(brand, mentions, start)
    with time_machine.travel(start + timedelta(minutes=10), tick=False):
        do_acknowledge_case(case, actor=alice)
        do_assign_case(case, owner=alice, actor=alice)
    with time_machine.travel(start + timedelta(minutes=60), tick=False):
        do_wait_on_customer(case, actor=alice)
    paused = _clocks(case, start + timedelta(days=3))["resolution"]
    assert paused.state == ClockState.PAUSED and paused.due_at is None
    assert paused.used_minutes == pytest.approx(60)


def test_no_clock_runs_after_resolution(brand, mentions, alice, around_the_clock):
    start = datetime(2026, 11, 16, 10, 0, tzinfo=UTC)
    case = _open(brand, mentions, start)
    with time_machine.travel(start + timedelta(minutes=10), tick=False):
        do_acknowledge_case(case, actor=alice)
        do_assign_case(case, owner=alice, actor=alice)
        do_resolve_case(case, final_answer="Remplacée.", outcome="positive", actor=alice)
    clocks = _clocks(case, start + timedelta(days=30))
    assert clocks["resolution"].state == ClockState.MET
    assert all(
        c.state not in {ClockState.RUNNING, ClockState.WARNING, ClockState.BREACHED}
        for c in clocks.values()
    )
    assert next_due(list(clocks.values())) is None


def test_the_update_clock_never_overrides_the_first_answer_clock(
    brand, mentions, alice, around_the_clock
):
    start = datetime(2026, 11, 16, 10, 0, tzinfo=UTC)
    case = _open(brand, mentions, start)
    with time_machine.travel(start + timedelta(minutes=5), tick=False):
        do_acknowledge_case(case, actor=alice)
        do_assign_case(case, owner=alice, actor=alice)
    late = start + timedelta(minutes=200)
    assert _clocks(case, late)["first_answer"].state == ClockState.BREACHED
    with time_machine.travel(late, tick=False):
        do_send_reply(case, author=alice, text="Je m'en occupe, réponse avant 16 h.")
    clocks = _clocks(case, late + timedelta(minutes=30))
    assert clocks["first_answer"].state == ClockState.MISSED
    assert clocks["update"].state == ClockState.RUNNING
    assert clocks["update"].due_at == late + timedelta(minutes=600)


def test_a_reopened_case_resumes_its_resolution_clock(brand, mentions, alice, around_the_clock):
    start = datetime(2026, 11, 16, 10, 0, tzinfo=UTC)
    case = _open(brand, mentions, start)
    with time_machine.travel(start + timedelta(minutes=5), tick=False):
        do_acknowledge_case(case, actor=alice)
        do_assign_case(case, owner=alice, actor=alice)
    with time_machine.travel(start + timedelta(minutes=65), tick=False):
        do_resolve_case(case, final_answer="Réparée.", outcome="positive", actor=alice)
    reopened = start + timedelta(days=2)
    with time_machine.travel(reopened, tick=False):
        do_reopen_case(case, actor=alice, reason="toujours voilée")
    clock = _clocks(case, reopened + timedelta(minutes=30))["resolution"]
    assert clock.state == ClockState.RUNNING
    assert clock.used_minutes == pytest.approx(95)


def test_the_most_specific_policy_applies(brand, mentions, around_the_clock):
    crisis = SlaPolicy.objects.create(brand=brand, name="Crise", risk_level="crisis")
    social = SlaPolicy.objects.create(
        brand=brand, name="Crise Mastodon", risk_level="crisis", channel="mastodon"
    )
    case = _open(brand, mentions, datetime(2026, 11, 16, 10, 0, tzinfo=UTC))
    assert policy_for(case) == around_the_clock
    case.risk_level = "crisis"
    assert policy_for(case) == social
    case.channel = "email"
    assert policy_for(case) == crisis
