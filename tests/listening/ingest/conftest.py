"""Fixtures of the ingestion tests: both bus backends, and Redis when it can be reached.

CI starts redis-server on 127.0.0.1 and sets SENTINELLE_REQUIRE_REDIS=1, so that a missing
Redis fails the Redis tests there instead of skipping them.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, field
from typing import Any

import pytest
import redis

from sentinelle.listening.bus.db import DbBus
from sentinelle.listening.bus.redis_streams import RedisBus
from sentinelle.listening.connectors import FetchResult, Reject
from sentinelle.listening.items import RawItem
from sentinelle.listening.models import Source


def redis_url() -> str:
    """SENTINELLE_REDIS_URL if that server answers; skip (fail in CI) otherwise."""
    url = os.environ.get("SENTINELLE_REDIS_URL", "redis://127.0.0.1:6379/0")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError as exc:
        message = f"no Redis at {url} ({exc}); set SENTINELLE_REDIS_URL"
        if os.environ.get("SENTINELLE_REQUIRE_REDIS") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return url


def redis_bus(claim_idle_s: float = 60.0) -> RedisBus:
    return RedisBus(redis_url(), stream=f"test:{uuid.uuid4().hex}", claim_idle_s=claim_idle_s)


@pytest.fixture
def make_redis_bus():
    made: list[RedisBus] = []

    def make(claim_idle_s: float = 60.0) -> RedisBus:
        made.append(redis_bus(claim_idle_s))
        return made[-1]

    yield make
    for bus in made:
        bus.client.delete(bus.stream)


@pytest.fixture(params=["db", "redis"])
def bus(request, make_redis_bus):
    return DbBus() if request.param == "db" else make_redis_bus()


@pytest.fixture
def source(brand) -> Source:
    return Source.objects.create(brand=brand, name="Mastodon", kind="mastodon", channel="mastodon")


@dataclass
class ListConnector:
    """A connector that returns what it is given: the platform side of these tests."""

    items: list[RawItem] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    retry_after: float | None = None
    kind: str = "list"
    calls: int = 0

    def fetch(self, cursor: dict[str, Any]) -> FetchResult:
        self.calls += 1
        return FetchResult(
            items=list(self.items),
            cursor={"page": int(cursor.get("page", 0)) + 1},
            rejects=list(self.rejects),
            retry_after=self.retry_after,
        )
