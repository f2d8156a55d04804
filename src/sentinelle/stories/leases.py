"""Story leases: which process groups a brand's stories now (see `stories.engine`).

The process that groups a brand holds its lease (`StoryEngineState.holder`, `held_until`),
renewed by each of its batches, so the brand's engine stays in that process's memory. Other
processes storing the brand's mentions meanwhile queue them (`StoryBacklog`) for the holder.

Balance: a worker that took every brand first (it started first) would group all of them
while the others only store. Between its batches a holder that sees other workers queueing
for its brands, and holds more brands than some other holder plus one, gives one brand back
(the one most queued for) and leaves it alone for `GIVE_AWAY_S`, so another worker takes it.
"""

from __future__ import annotations

import time
from collections import Counter
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from sentinelle.core.clock import now
from sentinelle.listening.bus import consumer_name
from sentinelle.stories.models import StoryBacklog, StoryEngineState

#: This process as a lease holder: host, process and a random part (pids are reused).
HOLDER = consumer_name()[:120]
#: How long a process leaves a brand it gave back to the others before taking it again.
GIVE_AWAY_S = 5.0
_GIVEN_AWAY: dict[int, float] = {}  # brand → monotonic time until which it is left to others


def held_elsewhere(brand_id: int, holder: str, until: datetime | None) -> bool:
    """Whether this process must queue the brand's mentions rather than group them."""
    if _GIVEN_AWAY.get(brand_id, 0.0) > time.monotonic():
        return True
    return bool(holder) and holder != HOLDER and until is not None and until > timezone.now()


def forget_given_away() -> None:
    _GIVEN_AWAY.clear()


def lease_of(brand_id: int) -> tuple[str, datetime | None]:
    row = StoryEngineState.objects.filter(brand_id=brand_id)
    return row.values_list("holder", "held_until").first() or ("", None)


def release_leases() -> int:
    """A worker that stops hands its brands back at once (instead of when the lease ends),
    each with a snapshot of its engine when links were added since the last one: the next
    holder loads it instead of replaying them all (thousands, at a busy time). Returns how
    many brands it handed back."""
    from sentinelle.stories.engine import _ENGINES

    handed = 0
    for brand_id in StoryEngineState.objects.filter(holder=HOLDER).values_list(
        "brand_id", flat=True
    ):
        with transaction.atomic():
            state = StoryEngineState.objects.select_for_update().get(brand_id=brand_id)
            fields: dict[str, object] = {"holder": "", "held_until": None}
            engine = _ENGINES.get(brand_id)
            fresh = engine is not None and engine.version == state.version
            if fresh and state.snapshot_link_id < engine.last_link_id:
                fields.update(
                    snapshot=engine.to_state(),
                    snapshot_link_id=engine.last_link_id,
                    snapshot_at=now(),
                )
                engine.links_since_snapshot = 0
            handed += StoryEngineState.objects.filter(pk=state.pk, holder=HOLDER).update(**fields)
    return handed


def rebalance() -> int | None:
    """Give one brand back when this process holds more than its share; returns it, or None.

    Other workers show themselves by holding brands or by queueing for ours; one that holds
    nothing counts as holding nothing only while it queues."""
    live = StoryEngineState.objects.filter(held_until__gt=timezone.now()).exclude(holder="")
    mine = list(live.filter(holder=HOLDER).values_list("brand_id", flat=True))
    if len(mine) < 2:
        return None
    queued = Counter(
        StoryBacklog.objects.filter(brand_id__in=mine).values_list("brand_id", flat=True)
    )
    if not queued:  # nobody else stores our brands' mentions: nobody to give one to
        return None
    others = Counter(live.exclude(holder=HOLDER).values_list("holder", flat=True))
    least = min(others.values(), default=0)
    if len(mine) <= least + 1:
        return None
    brand_id = queued.most_common(1)[0][0]
    StoryEngineState.objects.filter(brand_id=brand_id, holder=HOLDER).update(
        holder="", held_until=None
    )
    _GIVEN_AWAY[brand_id] = time.monotonic() + GIVE_AWAY_S
    return brand_id
