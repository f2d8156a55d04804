"""Login, throttling, session rotation, CSRF and the language switch."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD


def test_login_page_speaks_french_first(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert '<html lang="fr">' in response.text
    assert "Connexion" in response.text


def test_language_switch_to_english_and_back(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Log in" in client.get(reverse("login")).text
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    assert "Connexion" in client.get(reverse("login")).text


def test_login_rotates_the_session_key(client, alice):
    session = client.session
    session["pre_login"] = True
    session.save()
    before = session.session_key
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session.session_key != before
    assert client.session.get("_auth_user_id") == str(alice.pk)


def test_wrong_password_is_refused_without_saying_which_field(client, alice):
    response = client.post(reverse("login"), {"username": "alice", "password": "nope-nope-nope"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_repeated_failures_lock_the_account_for_that_address(client, alice, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "alice", "password": "wrong-password-1"})
    locked = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    # another account from the same address is not locked
    other = Client()
    assert other.post(reverse("login"), {"username": "bob", "password": "x"}).status_code == 200


def test_logout_needs_a_post(client, alice):
    client.force_login(alice)
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_posts_without_csrf_token_are_refused(alice, brand, mentions):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    url = reverse("web:mention_open_case", kwargs={"brand_slug": brand.slug, "pk": mentions[0].pk})
    assert client.post(url).status_code == 403
    assert not brand.cases.exists()


def test_responses_carry_a_strict_content_security_policy(client, db):
    policy = client.get(reverse("login"))["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
