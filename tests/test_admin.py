"""The Django admin: leads manage their own brand only."""

from __future__ import annotations

from django.urls import reverse

from sentinelle.listening.models import Source


def test_an_agent_has_no_admin(client, alice):
    client.force_login(alice)
    response = client.get(reverse("admin:index"), follow=True)
    assert response.status_code == 403


def test_anonymous_admin_visitors_use_the_product_login(client, db):
    response = client.get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("login"))
    assert response.status_code == 200


def test_a_lead_sees_only_their_brands_sources(client, dana, brand, other_brand):
    Source.objects.create(brand=brand, name="Blog Vélonova", kind="rss")
    Source.objects.create(brand=other_brand, name="Blog Lune", kind="rss")
    client.force_login(dana)
    page = client.get(reverse("admin:listening_source_changelist"))
    assert page.status_code == 200
    assert "Blog Vélonova" in page.text
    assert "Blog Lune" not in page.text
    other = Source.objects.get(name="Blog Lune")
    assert client.get(reverse("admin:listening_source_change", args=[other.pk])).status_code in {
        302,
        403,
        404,
    }


def test_a_lead_cannot_grant_admin_in_the_admin(client, dana, bob, brand):
    client.force_login(dana)
    membership = brand.memberships.get(user=bob)
    url = reverse("admin:brands_membership_change", args=[membership.pk])
    response = client.post(
        url,
        {
            "user": bob.pk,
            "brand": brand.pk,
            "role": "admin",
            "created_at_0": "2026-11-16",
            "created_at_1": "10:00:00",
        },
    )
    assert response.status_code == 200
    membership.refresh_from_db()
    assert membership.role == "agent"


def test_users_and_brands_are_the_operators_only(client, dana):
    client.force_login(dana)
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:brands_brand_changelist")).status_code == 403
