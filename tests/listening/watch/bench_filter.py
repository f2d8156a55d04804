"""How fast watch queries filter items at ingestion and preview a draft (not a test).

SENTINELLE_VAR_DIR=/tmp/sv_bench .venv/bin/python -m tests.listening.watch.bench_filter
"""

from __future__ import annotations

import os
import random
import time
from datetime import timedelta

QUERIES = {
    "Marque": 'velonova OR "vélo nova" OR @velonova OR #velonova',
    "Cadenas": '("bastion u" OR cadenas) NEAR/8 (stylo OR ouvert OR cassé) -promo',
    "Service": '("service client" OR sav) (velonova OR vélonova) lang:fr',
    "Livraison": "(livraison OR colis OR livré) NEAR/5 (retard OR jamais OR abîmé)",
    "Avocat": "(avocat OR plainte OR tribunal OR 60millions) -concours",
    "English": '(velonova OR "bastion lock") (refund OR broken OR support) lang:en',
    "Forum": "site:forum.example (vélo OR velo) -vente",
    "Presse": 'source:"Le Parisien" OR source:"Les Échos" OR site:leparisien.fr',
}
WORDS = [
    "le",
    "la",
    "les",
    "un",
    "une",
    "des",
    "de",
    "du",
    "et",
    "ou",
    "mais",
    "donc",
    "car",
    "je",
    "tu",
    "il",
    "elle",
    "nous",
    "vous",
    "ils",
    "mon",
    "vélo",
    "livraison",
    "colis",
    "retard",
    "jamais",
    "cadenas",
    "ouvert",
    "stylo",
    "promo",
    "service",
    "client",
    "sav",
    "avocat",
    "plainte",
    "velonova",
    "bike",
    "refund",
    "broken",
    "support",
    "delivery",
    "the",
    "a",
    "of",
    "to",
    "and",
    "is",
    "it",
    "lock",
    "l'opérateur",
]


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sentinelle.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0)

    from sentinelle.brands.actions import do_create_brand
    from sentinelle.core.clock import now
    from sentinelle.listening.items import AuthorInfo, RawItem
    from sentinelle.listening.models import Source, WatchQuery
    from sentinelle.listening.watchquery import parse
    from sentinelle.listening.watchquery_filter import filter_items
    from sentinelle.listening.watchquery_preview import preview_query

    rng = random.Random(7)
    brand = do_create_brand(name="Bench", slug="bench", case_prefix="BE")
    for name, text in QUERIES.items():
        WatchQuery.objects.create(brand=brand, name=name, query=text)
    source = Source.objects.create(brand=brand, kind="mastodon", name="Bench")

    def text(n: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(n))

    def items(count: int, html: bool) -> list[RawItem]:
        return [
            RawItem(
                external_id=str(i),
                text=f"<p>{text(60)}</p><p>{text(20)}</p>" if html else text(80),
                content_type="text/html" if html else "text/plain",
                published_at=now(),
                channel="mastodon",
                lang=rng.choice(["fr", "en"]),
                url=f"https://forum.example/t/{i}",
                author=AuthorInfo(handle=f"@user{i}@mastodon.example"),
            )
            for i in range(count)
        ]

    for html in (False, True):
        batch = items(5_000, html)
        filter_items(source, batch[:10])  # compile once
        started = time.process_time()
        kept = filter_items(source, batch)
        spent = time.process_time() - started
        kind = "html " if html else "plain"
        print(
            f"filter_items, {kind}: {len(batch):,} items ({len(QUERIES)} queries, ~80 words each)"
            f" in {spent:.2f} s of CPU = {len(batch) / spent:,.0f} items/s; {len(kept):,} kept"
        )

    from sentinelle.listening.models import Mention

    hour_ago = now() - timedelta(hours=1)
    Mention.objects.bulk_create(  # stored directly: the analysis steps are not measured here
        Mention(
            brand=brand,
            source=source,
            channel="mastodon",
            external_id=str(i),
            text=text(80),
            text_raw="",
            language="fr",
            published_at=hour_ago,
            fingerprint="",
        )
        for i in range(20_000)
    )
    started = time.process_time()
    preview = preview_query(brand, parse("(livraison OR colis) NEAR/3 retard"), days=7)
    spent = time.process_time() - started
    print(
        f"preview_query: {preview.scanned:,} mentions scanned, {preview.matched:,} matched, "
        f"{preview.also_matched:,} also matched by the {preview.other_queries} others, "
        f"in {spent:.2f} s"
    )


if __name__ == "__main__":
    main()
