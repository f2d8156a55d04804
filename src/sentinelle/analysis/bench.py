"""`sentinelle bench analysis`: throughput on real tweets, one core, in batches."""

from __future__ import annotations

import resource
import time
from typing import Any

from sentinelle.analysis.paths import data_dir
from sentinelle.analysis.pipeline import Pipeline, build_pipeline
from sentinelle.analysis.settings import FULL_SETTINGS, AnalysisSettings
from sentinelle.analysis.training import data

BATCH = 1000
MIN_SECONDS = 3.0
#: The full pipeline is ~10× slower: a smaller sample keeps the bench under a minute.
FULL_TEXTS = 2000


def bench_texts(limit: int = 6000) -> list[str]:
    """A mix of real English and French tweets read from the shared data at bench time."""
    root = data_dir()
    english = [row["tweet"] for row in data.xci(root)]
    french = [row["text"] for row in data.free_unlabelled(root)]
    mixed = [t for pair in zip(english, french, strict=False) for t in pair]
    return mixed[:limit]


def throughput(pipeline: Pipeline, texts: list[str]) -> float:
    """Posts per CPU-second over passes of `texts` in batches, at least MIN_SECONDS.

    CPU time of this process, not wall time, so that other work on a shared machine does
    not count against the pipeline; numpy and BLAS are held to one thread by the caller.
    """
    items = [{"id": str(i), "text": t} for i, t in enumerate(texts)]
    pipeline.analyze_batch(items[:BATCH])  # warm-up: lazy tables, caches
    done, start = 0, time.process_time()
    while True:
        for i in range(0, len(items), BATCH):
            pipeline.analyze_batch(items[i : i + BATCH])
        done += len(items)
        elapsed = time.process_time() - start
        if elapsed >= MIN_SECONDS:
            return done / elapsed


def bench() -> dict[str, Any]:
    """Keys posts_per_s_default, posts_per_s_full, peak_rss_mb.

    `posts_per_s_full` is the pipeline with the sentence encoder (`FULL_SETTINGS`), None
    when the `full` extra is not installed or the artifacts have no full heads;
    `peak_rss_mb` is measured before the full pipeline loads.
    """
    from threadpoolctl import threadpool_limits

    from sentinelle.analysis.encoder import available
    from sentinelle.analysis.types import AnalysisError

    texts = bench_texts()
    full = None
    with threadpool_limits(limits=1):
        default = throughput(build_pipeline(AnalysisSettings()), texts)
        # Memory of the default pipeline (the app's), before the encoder's weights load.
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        if available():
            try:
                pipeline = build_pipeline(AnalysisSettings.from_mapping(FULL_SETTINGS))
            except AnalysisError:
                pipeline = None
            if pipeline is not None:
                full = round(throughput(pipeline, texts[:FULL_TEXTS]), 1)
    return {
        "posts_per_s_default": round(default, 1),
        "posts_per_s_full": full,
        "peak_rss_mb": round(peak, 1),
    }
