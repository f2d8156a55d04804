"""The crash test's own processes: `python -m tests.listening.ingest.crash_node COMMAND`.

- `setup`: migrate the throw-away database, create the brand, its source, watch query and
  case rule.
- `poll URL TOTAL`: poll the fake paging API through the real `poll_source` until its cursor
  reaches TOTAL (the test kills and restarts it too).
- `report TOTAL`: print, as JSON, what was lost or duplicated.

The workers are real `sentinelle worker` processes. Settings come from the environment
(SENTINELLE_DATABASE_URL, SENTINELLE_BUS…), like any sentinelle process.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sentinelle.settings")
    import django

    django.setup()


def setup() -> None:
    from django.core.management import call_command

    from sentinelle.brands.actions import do_create_brand
    from sentinelle.cases.models import CaseRule
    from sentinelle.listening.models import Source, WatchQuery

    call_command("migrate", interactive=False, verbosity=0)
    brand = do_create_brand(name="Vélonova", slug="velonova", case_prefix="VN")
    Source.objects.create(brand=brand, name="Paging API", kind="mastodon", channel="mastodon")
    WatchQuery.objects.create(brand=brand, name="Nos vélos", query="vélo OR velonova OR bike")
    CaseRule.objects.create(
        brand=brand, name="Plaintes sérieuses", min_complaint_score=0.8, min_severity=3
    )


def poll(url: str, total: int) -> None:
    from sentinelle.listening import health
    from sentinelle.listening.loop import poll_source
    from sentinelle.listening.models import Source
    from tests.listening.ingest.paging import PagingConnector

    connector = PagingConnector(url)
    source = Source.objects.get(name="Paging API")
    while True:
        source.refresh_from_db()
        if int(source.cursor.get("after", 0)) >= total:
            return
        if health.is_due(source):
            poll_source(source, connector=connector, store=False)
        else:
            time.sleep(0.02)


def report(total: int) -> dict:
    from sentinelle.cases.models import Case, CaseEvent, CaseEventKind, CaseMention, CaseRule
    from sentinelle.listening.bus import get_bus
    from sentinelle.listening.models import DeadLetter, Mention
    from sentinelle.stories.engine import track_backlogs
    from sentinelle.stories.models import StoryBacklog
    from tests.listening.ingest.paging import group_of

    # Mentions queued for the stories of a brand whose (killed) holder's lease has not run
    # out yet: grouped here once it has, as any worker would.
    deadline = time.monotonic() + 60
    while StoryBacklog.objects.exists() and time.monotonic() < deadline:
        track_backlogs()
        time.sleep(0.2)

    expected_groups = {group_of(n) for n in range(1, total + 1)}
    stored = list(Mention.objects.values_list("external_id", flat=True))
    per_group = Counter(group_of(int(external_id[1:])) for external_id in stored)
    rule = CaseRule.objects.get()
    matching = [
        m.pk for m in Mention.objects.select_related("author") if rule.matches(m) and m.author_id
    ]
    in_case = set(CaseMention.objects.values_list("mention_id", flat=True))
    open_per_customer = Counter(Case.objects.values_list("customer_id", flat=True))
    return {
        "published": total,
        "mentions": len(stored),
        "lost": len(expected_groups - set(per_group)),
        "duplicated": sum(count - 1 for count in per_group.values()),
        "unexpected": len(set(per_group) - expected_groups),
        "not_analysed": Mention.objects.filter(analyzed_at__isnull=True).count(),
        # A mention has at most one story link (a one-to-one row): none may be left without.
        "without_story": Mention.objects.filter(story_link__isnull=True).count(),
        "cases": Case.objects.count(),
        "complaints_for_cases": len(matching),
        "complaints_without_case": len(set(matching) - in_case),
        "cases_without_mention": Case.objects.filter(mention_links__isnull=True).count(),
        "duplicated_cases": sum(n - 1 for n in open_per_customer.values()),
        "duplicated_open_events": CaseEvent.objects.filter(kind=CaseEventKind.OPENED).count()
        - Case.objects.count(),
        "dead_letters": DeadLetter.objects.count(),
        "backlog": get_bus().backlog(),
    }


def main(argv: list[str]) -> None:
    _setup_django()
    command = argv[0]
    if command == "setup":
        setup()
    elif command == "poll":
        poll(argv[1], int(argv[2]))
    elif command == "report":
        print(json.dumps(report(int(argv[1]))))
    else:
        raise SystemExit(f"unknown command {command!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
