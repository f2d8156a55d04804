"""Shared fixtures: two brands and the personas alice and bob (agents), dana (lead),
erin (admin) of Vélonova, and charlie, who belongs to another brand only."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sentinelle.brands.actions import do_add_member, do_create_brand
from sentinelle.brands.models import Brand, Role
from sentinelle.listening.importer import ImportLine
from sentinelle.listening.ingest import ingest_lines
from sentinelle.listening.items import item_from_dict

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def brand(db) -> Brand:
    return do_create_brand(name="Vélonova", slug="velonova", case_prefix="VN")


@pytest.fixture
def other_brand(db) -> Brand:
    return do_create_brand(name="Brasserie Lune", slug="lune", default_language="en")


def _member(brand: Brand, username: str, role: str):
    return do_add_member(
        brand,
        username=username,
        role=role,
        actor=None,
        password=PASSWORD,
        first_name=username.capitalize(),
        email=f"{username}@example.org",
    ).user


@pytest.fixture
def alice(brand):
    return _member(brand, "alice", Role.AGENT)


@pytest.fixture
def bob(brand):
    return _member(brand, "bob", Role.AGENT)


@pytest.fixture
def dana(brand):
    return _member(brand, "dana", Role.LEAD)


@pytest.fixture
def erin(brand):
    return _member(brand, "erin", Role.ADMIN)


@pytest.fixture
def charlie(other_brand):
    return _member(other_brand, "charlie", Role.ADMIN)


def make_item(n: int, **overrides) -> dict:
    item = {
        "channel": "mastodon",
        "source": "Mastodon",
        "external_id": str(n),
        "url": f"https://mastodon.example/@user{n}/{n}",
        "text": f"Mon vélo numéro {n} est arrivé sans les vis, franchement nul.",
        "lang": "fr",
        "published_at": datetime(2026, 11, 16, 9, n % 60, tzinfo=UTC).isoformat(),
        "author": {"handle": f"@user{n}@mastodon.example", "name": f"User {n}", "followers": n},
        "engagement": {"likes": n, "shares": 0, "replies": 1},
    }
    item.update(overrides)
    return item


def ingest_dicts(brand: Brand, items: list[dict]):
    lines = [ImportLine(i, item=item_from_dict(d)) for i, d in enumerate(items, 1)]
    return ingest_lines(brand, lines, default_source="Test")


@pytest.fixture
def mentions(brand):
    """Five mentions of the first brand, one of them hostile HTML."""
    items = [make_item(n) for n in range(1, 5)]
    items.append(
        make_item(
            99,
            channel="blog",
            source="Le Carnet du Cycliste",
            content_type="text/html",
            text='<p>Bastion U <script>alert("pwned")</script><img src=x onerror="alert(1)">'
            " ouvert avec un stylo</p>",
            title="Le cadenas <b>Bastion U</b> ouvert en 10 secondes",
            url="https://carnet.example/a",
        )
    )
    ingest_dicts(brand, items)
    return list(brand.mentions.order_by("pk"))


@pytest.fixture
def other_mentions(other_brand):
    ingest_dicts(other_brand, [make_item(n, text=f"Secret de la Lune {n}") for n in range(1, 4)])
    return list(other_brand.mentions.order_by("pk"))


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Real hashing is deliberately slow; tests only need it to be correct."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings, tmp_path):
    """Uploaded files land in a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_story_engines():
    """Story engines live in memory per process: each test starts from its own database."""
    from sentinelle.stories.engine import forget_engines

    forget_engines()
    yield
    forget_engines()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached inbox counters must not leak from one test's brand to the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
