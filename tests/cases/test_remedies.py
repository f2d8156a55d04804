"""Consistent remedies: comparable resolved cases, the compensation warning, the lead report."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from sentinelle.cases.actions import (
    do_acknowledge_case,
    do_assign_case,
    do_open_case,
    do_reopen_case,
    do_resolve_case,
)
from sentinelle.cases.models import Case, CaseEventKind, CaseStatus
from sentinelle.cases.precedent_index import get_precedent_index
from sentinelle.cases.remedies import (
    check_compensation,
    list_similar_cases,
    parse_amount,
)
from sentinelle.cases.remedy_report import list_compensation_dispersion
from sentinelle.listening.corrections import do_correct_label
from sentinelle.listening.models import Mention
from tests.conftest import ingest_dicts, make_item

SCREWS = "Mon vélo est arrivé sans les vis de la potence, impossible de rouler avec."
SCREWS_AGAIN = "Vélo livré sans les vis de potence : je ne peux pas rouler, c'est nul."
LATE = "Livraison en retard de trois semaines, toujours pas de colis."
LOCK = "Le cadenas Bastion U s'ouvre avec un simple stylo bille."


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def open_case(brand, agent, n: int, text: str, *, topic: str = "", channel: str = "mastodon"):
    source = "Blog" if channel == "blog" else "Mastodon"
    ingest_dicts(brand, [make_item(n, text=text, channel=channel, source=source)])
    mention = Mention.objects.get(brand=brand, external_id=str(n))
    if topic:
        do_correct_label(mention, field="topic", value=topic, actor=agent)
    case = do_open_case(brand, title=text[:60], mention=mention, actor=agent)
    do_acknowledge_case(case, actor=agent)
    return do_assign_case(case, owner=agent, actor=agent)


def resolved(brand, agent, n: int, text: str, *, topic: str = "", amount=None, words="", **kw):
    case = open_case(brand, agent, n, text, topic=topic, **kw)
    return do_resolve_case(
        case,
        final_answer=f"Réponse finale {n}",
        outcome="positive",
        actor=agent,
        compensation=words,
        compensation_amount=None if amount is None else Decimal(amount),
    )


def test_similar_cases_rank_wording_then_topic_and_stay_in_the_brand(
    brand, other_brand, alice, charlie
):
    same_words = resolved(brand, alice, 1, SCREWS_AGAIN, topic="delivery", amount="40")
    same_topic = resolved(brand, alice, 2, LATE, topic="delivery")
    resolved(brand, alice, 3, LOCK, topic="product_defect")
    open_case(brand, alice, 4, SCREWS_AGAIN + " Toujours rien.", topic="delivery")  # open
    resolved(other_brand, charlie, 5, SCREWS_AGAIN, topic="delivery", amount="999")
    case = open_case(brand, alice, 6, SCREWS, topic="delivery")

    similar = list_similar_cases(case)

    assert [p.case for p in similar] == [same_words, same_topic]
    assert similar[0].score > similar[1].score
    assert any(r.startswith("similar wording") for r in similar[0].reasons)
    assert "same topic: delivery" in similar[0].reasons
    assert similar[1].reasons[0] == "same topic: delivery"
    assert similar[0].case.compensation_amount == Decimal("40.00")


def test_a_new_resolution_joins_the_precedents_and_a_reopened_case_leaves(brand, alice):
    first = resolved(brand, alice, 1, SCREWS_AGAIN, topic="delivery")
    case = open_case(brand, alice, 2, SCREWS, topic="delivery")
    assert [p.case for p in list_similar_cases(case)] == [first]
    second = resolved(brand, alice, 3, SCREWS_AGAIN + " Encore !", topic="delivery")
    assert {p.case for p in list_similar_cases(case)} == {first, second}
    do_reopen_case(first, actor=alice, reason="le client a rappelé")
    assert [p.case for p in list_similar_cases(case)] == [second]


def test_precedents_follow_resolutions_and_refit_after_a_quarter_more(brand, alice):
    for n in range(1, 9):
        resolved(brand, alice, n, f"{LATE} ({n})", topic="delivery")
    case = open_case(brand, alice, 20, SCREWS, topic="delivery")
    assert len(list_similar_cases(case)) == 5
    fitted = get_precedent_index(brand.pk).fitted_ids
    newest = resolved(brand, alice, 21, SCREWS_AGAIN, topic="delivery")
    assert newest in [p.case for p in list_similar_cases(case, k=10)]
    index = get_precedent_index(brand.pk)
    assert index.fitted_ids == fitted, "one more resolution is appended, not refitted"
    assert index.ids[-1] == newest.pk and index.matrix.shape[0] == 9
    for n in range(22, 25):
        resolved(brand, alice, n, f"{LOCK} ({n})", topic="product_defect")
    assert len(get_precedent_index(brand.pk).fitted_ids) == 12


@pytest.fixture
def four_paid(brand, alice):
    """Four comparable delivery cases paid 40, 50, 50 and 60 (quartiles 47.50 and 52.50)."""
    for n, amount in enumerate(["40", "50", "50", "60"], start=1):
        resolved(brand, alice, n, f"{SCREWS_AGAIN} ({n})", topic="delivery", amount=amount)
    return open_case(brand, alice, 10, SCREWS, topic="delivery")


@pytest.mark.parametrize("amount", ["50", "24", "105"])
def test_an_amount_in_line_with_comparable_cases_is_not_flagged(four_paid, amount):
    check = check_compensation(four_paid, amount=Decimal(amount))
    assert len(check.precedents) == 4
    assert check.warning == ""
    assert (check.low, check.high) == (Decimal("23.75"), Decimal("105.00"))


def test_an_amount_out_of_line_is_flagged_with_its_precedents(four_paid):
    high = check_compensation(four_paid, amount=Decimal("106"))
    assert high.differs and "more than twice" in high.warning
    assert high.median == Decimal("50.00")
    low = check_compensation(four_paid, amount=Decimal("20"))
    assert low.differs and "less than half" in low.warning
    nothing = check_compensation(four_paid, amount=None, compensation="")
    assert nothing.warning == "4 of 4 comparable cases got compensation; you propose none."
    data = high.as_event_data()
    assert data["amount"] == "106" and len(data["precedents"]) == 4
    assert {p["amount"] for p in data["precedents"]} == {"40.00", "50.00", "60.00"}


def test_compensating_where_comparable_cases_got_nothing_is_flagged(brand, alice):
    for n in range(1, 4):
        resolved(brand, alice, n, f"{SCREWS_AGAIN} ({n})", topic="delivery")
    case = open_case(brand, alice, 10, SCREWS, topic="delivery")
    check = check_compensation(case, amount=Decimal("30"))
    assert check.warning.startswith("Only 0 of 3 comparable cases got any compensation")
    assert check_compensation(case, amount=None, compensation="").warning == ""
    words_only = check_compensation(case, amount=None, compensation="un cadenas neuf")
    assert words_only.differs


def test_too_few_precedents_never_warn(brand, alice):
    resolved(brand, alice, 1, SCREWS_AGAIN, topic="delivery", amount="10")
    resolved(brand, alice, 2, SCREWS_AGAIN + " bis", topic="delivery", amount="10")
    case = open_case(brand, alice, 10, SCREWS, topic="delivery")
    assert check_compensation(case, amount=Decimal("5000")).warning == ""


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("45", Decimal("45.00")),
        ("45,5 €", Decimal("45.50")),
        ("1 200,00", Decimal("1200.00")),
        ("1.200,00", Decimal("1200.00")),
        ("1,200.00", Decimal("1200.00")),
        ("", None),
    ],
)
def test_amounts_are_read_as_agents_type_them(raw, expected):
    assert parse_amount(raw) == expected


@pytest.mark.parametrize("raw", ["-5", "beaucoup", "1e9", "NaN"])
def test_impossible_amounts_are_refused(raw):
    with pytest.raises(ValueError):
        parse_amount(raw)


def _resolve(client, case, **data):
    url = reverse("web:case_resolve", args=[case.brand.slug, case.reference])
    return client.post(url, {"final_answer": "Un geste pour vous.", "outcome": "positive", **data})


def test_resolving_with_an_amount_in_line_goes_through(client, four_paid, alice):
    client.force_login(alice)
    assert _resolve(client, four_paid, compensation_amount="55").status_code == 302
    four_paid.refresh_from_db()
    assert four_paid.status == CaseStatus.RESOLVED
    assert four_paid.compensation_amount == Decimal("55.00")
    kinds = set(four_paid.events.values_list("kind", flat=True))
    assert CaseEventKind.COMPENSATION_CONFIRMED not in kinds


def test_an_out_of_line_amount_is_held_until_confirmed_and_recorded(client, four_paid, alice):
    client.force_login(alice)
    held = _resolve(client, four_paid, compensation_amount="300", compensation="bon d'achat")
    assert held.status_code == 422
    assert "s’écarte de ceux des dossiers comparables" in held.text
    assert held.context["resolve_held"].precedents
    for precedent in held.context["resolve_held"].precedents:
        assert precedent.case.reference in held.text
    assert Case.objects.get(pk=four_paid.pk).status == CaseStatus.OWNED

    changed = _resolve(
        client, four_paid, compensation_amount="400", confirm="1", warned_amount="300"
    )
    assert changed.status_code == 422, "a different amount is checked again"

    kept = _resolve(
        client,
        four_paid,
        compensation_amount="300",
        compensation="bon d'achat",
        confirm="1",
        warned_amount="300",
    )
    assert kept.status_code == 302
    four_paid.refresh_from_db()
    assert four_paid.status == CaseStatus.RESOLVED
    assert four_paid.compensation_amount == Decimal("300.00")
    confirmed = four_paid.events.get(kind=CaseEventKind.COMPENSATION_CONFIRMED)
    assert confirmed.actor == alice
    assert confirmed.data["amount"] == "300.00"
    assert "plus du double" in confirmed.data["warning"]
    shown = {p["reference"] for p in confirmed.data["precedents"]}
    assert shown == {p.case.reference for p in held.context["resolve_held"].precedents}
    kinds = list(four_paid.events.values_list("kind", flat=True))
    assert kinds[-2:] == [CaseEventKind.COMPENSATION_CONFIRMED, CaseEventKind.RESOLVED]


def test_an_unreadable_amount_resolves_nothing(client, four_paid, alice):
    client.force_login(alice)
    assert _resolve(client, four_paid, compensation_amount="trop").status_code == 302
    assert Case.objects.get(pk=four_paid.pk).status == CaseStatus.OWNED


def test_the_case_page_shows_precedents_escaped(client, brand, alice):
    precedent = open_case(brand, alice, 1, SCREWS_AGAIN, topic="delivery")
    do_resolve_case(
        precedent,
        final_answer='<script>alert("x")</script> Les vis partent ce soir.',
        outcome="positive",
        actor=alice,
        compensation="<b>bon</b> de 20 €",
        compensation_amount=Decimal("20"),
    )
    case = open_case(brand, alice, 2, SCREWS, topic="delivery")
    client.force_login(alice)
    page = client.get(reverse("web:case", args=[brand.slug, case.reference]))
    assert "Dossiers résolus similaires" in page.text
    assert precedent.reference in page.text
    assert '<script>alert("x")</script>' not in page.text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page.text
    assert "&lt;b&gt;bon&lt;/b&gt; de 20 €" in page.text


def _resolved_on(day, brand, agent, n, text, **kw):
    with time_machine.travel(datetime(2026, 10, day, 12, tzinfo=UTC), tick=False):
        return resolved(brand, agent, n, text, **kw)


@pytest.fixture
def october(brand, alice):
    """Delivery: 40, 50, 60, 200 and one without compensation; a lock case compensated in
    words only; one case resolved in September, outside the period."""
    for n, amount in enumerate(["40", "50", "60", "200", None], start=1):
        _resolved_on(n + 2, brand, alice, n, f"{LATE} ({n})", topic="delivery", amount=amount)
    _resolved_on(9, brand, alice, 7, LOCK, topic="product_defect", words="un cadenas neuf")
    with time_machine.travel(datetime(2026, 9, 15, 12, tzinfo=UTC), tick=False):
        resolved(brand, alice, 8, LATE, topic="delivery", amount="5000")


def test_the_dispersion_report_on_a_known_month(brand, october):
    rows = list_compensation_dispersion(
        brand, since=datetime(2026, 10, 1, tzinfo=UTC), until=datetime(2026, 11, 1, tzinfo=UTC)
    )
    delivery, lock, total = rows
    assert (delivery.topic, delivery.count, delivery.compensated, delivery.paid) == (
        "delivery",
        5,
        4,
        4,
    )
    assert delivery.share == 0.8
    assert (delivery.minimum, delivery.q1, delivery.median, delivery.q3, delivery.maximum) == (
        Decimal("40.00"),
        Decimal("47.50"),
        Decimal("55.00"),
        Decimal("95.00"),
        Decimal("200.00"),
    )
    assert delivery.cv == 0.86
    assert delivery.outliers == 1  # 200 is above twice the upper quartile (190)
    assert (lock.topic, lock.count, lock.compensated, lock.paid, lock.median) == (
        "product_defect",
        1,
        1,
        0,
        None,
    )
    assert (total.topic, total.count, total.compensated, total.paid) == ("", 6, 5, 4)


def test_the_report_page_is_for_leads_and_takes_a_period(client, brand, october, alice, dana):
    url = reverse("web:remedies_report", args=[brand.slug])
    client.force_login(alice)
    assert client.get(url).status_code == 403
    client.force_login(dana)
    page = client.get(url, {"since": "2026-10-01", "until": "2026-10-31"})
    assert page.status_code == 200
    assert [r.count for r in page.context["rows"]] == [5, 1, 6]
    september = client.get(url, {"since": "2026-09-01", "until": "2026-09-30"})
    assert [r.count for r in september.context["rows"]] == [1, 1]
    garbled = client.get(url, {"since": "hier", "until": "<script>"})
    assert garbled.status_code == 200 and "<script>" not in garbled.text
    nav = client.get(reverse("web:inbox", args=[brand.slug]))
    assert url in nav.text
