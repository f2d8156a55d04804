"""The case workflow: the transition table, its actions and the append-only log."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from sentinelle.cases.actions import (
    CaseError,
    do_acknowledge_case,
    do_assign_case,
    do_attach_mention,
    do_close_case,
    do_consult_department,
    do_open_case,
    do_reopen_case,
    do_resolve_case,
    do_wait_on_customer,
)
from sentinelle.cases.models import AppendOnlyError, Case, CaseEvent, CaseStatus


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def case(brand, mentions, alice):
    return do_open_case(brand, title="Vis manquantes", mention=mentions[0], actor=alice)


def test_a_case_goes_from_new_to_closed_with_one_event_per_step(case, alice, dana):
    do_acknowledge_case(case, actor=alice)
    do_assign_case(case, owner=alice, actor=dana)
    do_wait_on_customer(case, actor=alice)
    do_resolve_case(case, final_answer="Les vis partent ce soir.", outcome="positive", actor=alice)
    do_close_case(case, actor=alice)
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert case.owner == alice
    assert case.acknowledged_at <= case.owned_at <= case.resolved_at <= case.closed_at
    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds == ["opened", "acknowledged", "assigned", "waiting", "resolved", "closed"]


def test_case_references_are_numbered_per_brand(brand, other_brand, mentions, other_mentions):
    first = do_open_case(brand, title="a", mention=mentions[1], actor=None)
    second = do_open_case(brand, title="b", mention=mentions[2], actor=None)
    elsewhere = do_open_case(other_brand, title="c", mention=other_mentions[0], actor=None)
    assert (first.reference, second.reference) == ("VN-000001", "VN-000002")
    assert elsewhere.reference == "SN-000001"


def test_an_owner_is_named_only_after_acknowledgement(case, alice):
    with pytest.raises(CaseError, match="Acknowledge"):
        do_assign_case(case, owner=alice, actor=alice)


def test_the_owner_is_a_member_of_the_brand(case, alice, charlie):
    do_acknowledge_case(case, actor=alice)
    with pytest.raises(CaseError, match="not a member"):
        do_assign_case(case, owner=charlie, actor=alice)


def test_a_case_cannot_skip_steps(case, alice):
    with pytest.raises(CaseError):
        do_resolve_case(case, final_answer="x", outcome="positive", actor=alice)
    with pytest.raises(CaseError):
        do_close_case(case, actor=alice)


def test_resolving_needs_a_final_answer_and_an_outcome(case, alice):
    do_acknowledge_case(case, actor=alice)
    do_assign_case(case, owner=alice, actor=alice)
    with pytest.raises(CaseError, match="final answer"):
        do_resolve_case(case, final_answer="  ", outcome="positive", actor=alice)
    with pytest.raises(CaseError, match="outcome"):
        do_resolve_case(case, final_answer="Non, désolée.", outcome="maybe", actor=alice)


def test_the_database_refuses_an_owned_case_without_owner(case):
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=case.pk).update(status=CaseStatus.OWNED)


def test_the_database_refuses_a_closed_case_without_final_answer(case, alice):
    do_acknowledge_case(case, actor=alice)
    do_assign_case(case, owner=alice, actor=alice)
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED)


def test_a_customer_writing_again_reopens_a_closed_case(case, alice, mentions):
    do_acknowledge_case(case, actor=alice)
    do_assign_case(case, owner=alice, actor=alice)
    do_resolve_case(case, final_answer="Remboursé.", outcome="positive", actor=alice)
    do_close_case(case, actor=alice)
    do_attach_mention(case, mentions[3], actor=None)
    case.refresh_from_db()
    assert case.status == CaseStatus.OWNED
    assert case.events.filter(kind="reopened").exists()


def test_reopen_and_consult_a_department(case, alice, brand, other_brand):
    do_acknowledge_case(case, actor=alice)
    do_assign_case(case, owner=alice, actor=alice)
    do_consult_department(case, department=brand.departments.get(kind="legal"), actor=alice)
    with pytest.raises(CaseError):
        do_consult_department(case, department=other_brand.departments.first(), actor=alice)
    do_resolve_case(case, final_answer="Non.", outcome="negative", actor=alice)
    do_reopen_case(case, actor=alice, reason="nouvel élément")
    case.refresh_from_db()
    assert case.status == CaseStatus.OWNED and case.owner == alice
    assert case.consulted_departments.count() == 1


def test_a_mention_belongs_to_one_case(case, brand, mentions):
    with pytest.raises(CaseError, match="already"):
        do_open_case(brand, title="bis", mention=mentions[0], actor=None)


def test_case_events_are_append_only(case):
    event = case.events.get()
    event.kind = "closed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        CaseEvent.objects.filter(case=case).update(kind="closed")
    with pytest.raises(AppendOnlyError):
        CaseEvent.objects.filter(case=case).delete()
