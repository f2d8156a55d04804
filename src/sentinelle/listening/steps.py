"""What happens to mentions right after they are stored: an explicit list from the settings."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from functools import lru_cache

from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.utils.module_loading import import_string

from sentinelle.listening.models import Mention

log = logging.getLogger(__name__)
Step = Callable[[Sequence[Mention]], object]


@lru_cache(maxsize=1)
def after_store_steps() -> tuple[Step, ...]:
    """SENTINELLE_AFTER_STORE, imported once, in order (a bad path fails at start-up)."""
    return tuple(import_string(path) for path in settings.SENTINELLE_AFTER_STORE)


def run_after_store(mentions: Sequence[Mention]) -> None:
    """Run every step; a failing step is logged and the mentions stay stored. A transient
    database error (lock, deadlock, lost connection) is raised instead: the caller's
    transaction rolls back and the batch is stored again, steps included."""
    if not mentions:
        return
    for step in after_store_steps():
        try:
            with transaction.atomic():
                step(mentions)
        except (OperationalError, InterfaceError):
            raise
        except Exception:
            log.exception("%s failed on %d mentions", step.__qualname__, len(mentions))
