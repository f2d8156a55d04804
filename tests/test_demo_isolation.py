"""The demo brand loads in full, and another brand's user sees none of it."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from rich.console import Console

from sentinelle.cases.models import Case
from sentinelle.demo.replay import load_demo
from sentinelle.listening.models import Mention


@pytest.fixture
def demo(db):
    return load_demo(console=Console(file=io.StringIO()))


def test_the_demo_week_is_replayed_with_cases_for_customers(demo):
    assert 1900 <= Mention.objects.filter(brand=demo).count() <= 2200
    cases = Case.objects.filter(brand=demo)
    assert cases.count() >= 8
    assert all(case.customer is not None for case in cases)
    # the rebate customers wrote privately, then in public: their case holds both
    channels = {c: set(c.mention_links.values_list("mention__channel", flat=True)) for c in cases}
    assert any(
        {"email", "form"} & found and found - {"email", "form"} for found in channels.values()
    )
    assert cases.filter(owner__isnull=False).exists()
    assert cases.filter(status="new").exists()


def test_a_second_brands_user_sees_none_of_the_demo_brands_data(
    client, demo, charlie, other_brand, other_mentions
):
    client.force_login(charlie)
    home = client.get(reverse("web:home"), follow=True)
    assert demo.name not in home.text
    inbox = client.get(reverse("web:inbox", kwargs={"brand_slug": other_brand.slug}))
    assert inbox.context["counts"]["mentions"] == len(other_mentions)
    assert inbox.context["counts"]["open_cases"] == 0
    for mention in Mention.objects.filter(brand=demo).order_by("?")[:25]:
        for slug in (demo.slug, other_brand.slug):
            url = reverse("web:mention", kwargs={"brand_slug": slug, "pk": mention.pk})
            assert client.get(url).status_code == 404
    for case in Case.objects.filter(brand=demo):
        for slug in (demo.slug, other_brand.slug):
            url = reverse("web:case", kwargs={"brand_slug": slug, "reference": case.reference})
            assert client.get(url).status_code == 404
    for model in ["listening_mention", "listening_source", "cases_case", "brands_membership"]:
        page = client.get(reverse(f"admin:{model}_changelist"))
        assert page.status_code == 200
        assert demo.name not in page.text
