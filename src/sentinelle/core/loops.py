"""Background loops of `sentinelle run`: a job called every few seconds, never dying."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from django.db import close_old_connections

log = logging.getLogger(__name__)


def start_loop(name: str, job: Callable[[], object], *, interval: float) -> threading.Thread:
    """Run `job` every `interval` seconds in a daemon thread; errors are logged, not fatal."""

    def loop() -> None:
        while True:
            close_old_connections()
            try:
                job()
            except Exception:  # keep the loop alive; the error is logged with its traceback
                log.exception("%s failed", name)
            time.sleep(interval)

    thread = threading.Thread(target=loop, name=f"sentinelle-{name}", daemon=True)
    thread.start()
    return thread
