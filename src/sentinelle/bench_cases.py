"""`sentinelle bench cases`: the inbox's server time with a large brand (a tool, not an app)."""

from __future__ import annotations

import statistics
import time
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import Client

from sentinelle.brands.actions import do_create_brand
from sentinelle.brands.models import Brand, Membership, Role
from sentinelle.cases.models import Case, CaseMention, CaseStatus
from sentinelle.core.choices import RiskLevel
from sentinelle.core.clock import now
from sentinelle.listening.models import Mention, Source

SLUG = "bench-inbox"
BATCH = 5000
STATUSES = [CaseStatus.NEW, CaseStatus.ACKNOWLEDGED, CaseStatus.CLOSED]
RISKS = RiskLevel.values


def _fill(brand: Brand, owner, *, cases: int, mentions: int, progress) -> None:
    source = Source.objects.create(brand=brand, name="Bench", kind="file", channel="forum")
    start = now() - timedelta(days=90)
    for offset in range(0, mentions, BATCH):
        rows = [
            Mention(
                brand=brand,
                source=source,
                channel="forum",
                external_id=str(n),
                text_raw=f"Message {n} : livraison en retard",
                text=f"Message {n}",
                published_at=start + timedelta(seconds=n * 7),
                fingerprint=f"{n:032x}",
                is_complaint=n % 3 == 0,
                language="fr",
            )
            for n in range(offset, min(offset + BATCH, mentions))
        ]
        Mention.objects.bulk_create(rows, batch_size=BATCH)
        progress(len(rows))
    ids = list(Mention.objects.filter(brand=brand).order_by("pk").values_list("pk", flat=True))
    for offset in range(0, cases, BATCH):
        batch = [
            Case(
                brand=brand,
                reference=f"BN-{n:07d}",
                title=f"Dossier {n}",
                status=STATUSES[n % 3],
                risk_level=RISKS[n % 4],
                risk_rank=n % 4,
                channel="forum",
                opened_at=start + timedelta(minutes=n),
                final_answer="Réglé." if n % 3 == 2 else "",
                sla_due_at=start + timedelta(minutes=n + 60) if n % 3 != 2 else None,
                owner=owner if n % 3 == 2 else None,
            )
            for n in range(offset, min(offset + BATCH, cases))
        ]
        made = Case.objects.bulk_create(batch, batch_size=BATCH)
        CaseMention.objects.bulk_create(
            [
                CaseMention(case=c, mention_id=ids[i % len(ids)])
                for i, c in zip(range(offset, offset + len(made)), made, strict=True)
            ],
            batch_size=BATCH,
        )
        progress(len(made))


def run_bench(*, cases: int, mentions: int, requests: int, progress) -> dict:
    """Fill a throw-away brand, time the inbox, then delete the brand."""
    Brand.objects.filter(slug=SLUG).delete()
    user, _ = get_user_model().objects.get_or_create(username="bench-agent")
    with transaction.atomic():
        brand = do_create_brand(name="Bench", slug=SLUG, case_prefix="BN")
        Membership.objects.create(user=user, brand=brand, role=Role.AGENT)
        _fill(brand, user, cases=cases, mentions=mentions, progress=progress)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    client = Client(SERVER_NAME="localhost")  # a host ALLOWED_HOSTS accepts
    client.force_login(user)
    timings = {}
    for name, query in {
        "inbox_cases": "?tab=cases",
        "inbox_open": "?tab=cases&status=open",
        "inbox_mentions": "?tab=mentions&complaint=1",
    }.items():
        samples = []
        for _n in range(requests):
            started = time.perf_counter()
            response = client.get(f"/b/{SLUG}/{query}")
            samples.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise RuntimeError(f"inbox answered {response.status_code}")
        timings[name] = samples
    everything = [t for samples in timings.values() for t in samples]
    result = {
        "database": connection.vendor,
        "cases": cases,
        "mentions": mentions,
        "inbox_ms_p95": round(statistics.quantiles(everything, n=20)[18], 1),
        **{f"{k}_ms_median": round(statistics.median(v), 1) for k, v in timings.items()},
    }
    Brand.objects.filter(slug=SLUG).delete()
    return result
