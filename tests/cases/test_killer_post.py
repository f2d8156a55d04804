"""The killer-post playbook on a case, and the page watcher against a local HTTP server."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import partial

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from sentinelle.cases.actions import do_acknowledge_case, do_assign_case, do_open_case
from sentinelle.cases.killer_post import do_mark_playbook_step, do_watch_page
from sentinelle.cases.models import CaseEventKind, KillerPostStep, PageWatch
from sentinelle.cases.pagewatch import (
    INTERVAL,
    RETRY_BASE,
    added_paragraphs,
    find_update_note,
    watch_due_pages,
)
from sentinelle.core import http
from sentinelle.core.models import Outbox
from sentinelle.listening.models import Mention
from tests.conftest import ingest_dicts, make_item
from tests.listening.fake_http import FakeServer, Reply

local = partial(http.fetch, allow_private=True)
START = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
HTML = "text/html; charset=utf-8"

ARTICLE = """<!DOCTYPE html><html><head><title>Carnet</title><style>p{color:red}</style></head>
<body><nav><a href="/">Accueil</a> · visites : {visits}</nav>
<article><h1>Vélonova : trois semaines pour un accusé de réception</h1>
<p>J'ai acheté un cadenas Bastion U qui s'ouvre avec un stylo.</p>
<p>Le service client ne m'a jamais répondu.</p>{extra}</article>
<aside>Articles récents</aside></body></html>"""


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def page(extra: str = "", visits: int = 1) -> bytes:
    return ARTICLE.replace("{extra}", extra).replace("{visits}", str(visits)).encode()


class Site:
    """The blog: serves whatever `reply` is, and answers 304 to a matching If-None-Match."""

    def __init__(self) -> None:
        self.reply = Reply(200, {"Content-Type": HTML, "ETag": '"v1"'}, page())

    def __call__(self, request) -> Reply:
        etag = self.reply.headers.get("ETag")
        if etag and request.headers.get("if-none-match") == etag:
            return Reply(304, {"ETag": etag}, b"")
        return self.reply

    def serve(self, status: int, body: bytes, etag: str = "") -> None:
        headers = {"Content-Type": HTML} | ({"ETag": etag} if etag else {})
        self.reply = Reply(status, headers, body)


def article_case(brand, agent, url: str, n: int = 99, channel: str = "blog"):
    ingest_dicts(
        brand,
        [make_item(n, channel=channel, source=f"Le Carnet ({channel})", url=url, title="Trois")],
    )
    mention = Mention.objects.get(brand=brand, external_id=str(n))
    case = do_open_case(brand, title="Article de blog", mention=mention, actor=agent)
    do_acknowledge_case(case, actor=agent)
    return do_assign_case(case, owner=agent, actor=agent)


@pytest.fixture
def site():
    blog = Site()
    with FakeServer({"/2026/11/velonova-sav/": blog}) as server:
        blog.url = server.url("/2026/11/velonova-sav/")
        blog.server = server
        yield blog


def _step(client, case, step: str, done: str):
    url = reverse("web:case_playbook_step", args=[case.brand.slug, case.reference])
    return client.post(url, {"step": step, "done": done})


def test_an_article_case_shows_the_playbook_and_other_cases_do_not(client, brand, alice):
    case = article_case(brand, alice, "https://carnet.example/2026/11/velonova-sav/")
    other = article_case(brand, alice, "https://mastodon.example/@a/1", n=5, channel="mastodon")
    client.force_login(alice)
    shown = client.get(reverse("web:case", args=[brand.slug, case.reference])).text
    assert "Contacter l’auteur en privé" in shown
    assert "Régler le problème" in shown
    assert "Demander poliment une note de mise à jour en bas de l’article" in shown
    assert "Ne demandez jamais son retrait" in shown
    assert 'href="https://carnet.example/2026/11/velonova-sav/"' in shown
    hidden = client.get(reverse("web:case", args=[brand.slug, other.reference])).text
    assert "Contacter l’auteur en privé" not in hidden
    assert _step(client, other, "contact_author", "1").status_code == 302
    assert not KillerPostStep.objects.filter(case=other).exists()


def test_steps_are_tracked_with_who_and_when_in_the_history(client, brand, alice, bob):
    case = article_case(brand, alice, "https://carnet.example/a")
    client.force_login(bob)
    with time_machine.travel(START, tick=False):
        assert _step(client, case, "contact_author", "1").status_code == 302
    step = KillerPostStep.objects.get(case=case, step="contact_author")
    assert (step.done_at, step.done_by) == (START, bob)
    page_text = client.get(reverse("web:case", args=[brand.slug, case.reference])).text
    assert "fait par Bob" in page_text
    assert PageWatch.objects.filter(case=case, url="https://carnet.example/a").exists()

    _step(client, case, "contact_author", "0")
    _step(client, case, "contact_author", "0")  # already undone: nothing new in the history
    step.refresh_from_db()
    assert step.done_at is None and step.done_by is None
    events = case.events.filter(kind=CaseEventKind.PLAYBOOK_STEP).order_by("pk")
    assert [(e.actor, e.data) for e in events] == [
        (bob, {"step": "contact_author", "done": True}),
        (bob, {"step": "contact_author", "done": False}),
    ]
    assert case.events.filter(kind=CaseEventKind.PAGE_WATCH_STARTED).count() == 1
    assert _step(client, case, "ask_for_removal", "1").status_code == 302
    assert not KillerPostStep.objects.filter(step="ask_for_removal").exists()


def test_the_watcher_sees_a_change_then_an_update_note_then_the_page_gone(
    client, brand, alice, site
):
    case = article_case(brand, alice, site.url)
    with time_machine.travel(START, tick=False) as clock:
        watch = do_watch_page(case, actor=alice)
        assert watch_due_pages(fetcher=local) == 1
        watch.refresh_from_db()
        assert watch.baseline_hash and "s'ouvre avec un stylo" in watch.baseline_text
        assert "Articles récents" not in watch.baseline_text  # only the <article>
        assert watch.etag == '"v1"' and watch.changed_at is None

        assert watch_due_pages(fetcher=local) == 0, "not due again before the interval"
        clock.shift(INTERVAL)
        assert watch_due_pages(fetcher=local) == 1
        assert site.server.requests[-1].headers["if-none-match"] == '"v1"'
        watch.refresh_from_db()
        assert watch.last_status == 304 and watch.changed_at is None

        site.serve(200, page(visits=2), etag='"v2"')  # only the menu changed
        clock.shift(INTERVAL)
        watch_due_pages(fetcher=local)
        watch.refresh_from_db()
        assert watch.changed_at is None and watch.etag == '"v2"'

        site.serve(200, page("<p>Photo du cadenas ajoutée.</p>"), etag='"v3"')
        clock.shift(INTERVAL)
        watch_due_pages(fetcher=local)
        watch.refresh_from_db()
        assert watch.changed_at == START + 3 * INTERVAL and watch.update_note_at is None
        changed = case.events.get(kind=CaseEventKind.PAGE_CHANGED)
        assert changed.data["added"] == "Photo du cadenas ajoutée."

        note = (
            "<p><strong>Mise à jour du 21/11 :</strong> Vélonova m'a rappelé et a remplacé "
            "le cadenas &lt;script&gt;alert(1)&lt;/script&gt;</p>"
        )
        site.serve(200, page("<p>Photo du cadenas ajoutée.</p>" + note), etag='"v4"')
        clock.shift(INTERVAL)
        watch_due_pages(fetcher=local)
        watch.refresh_from_db()
        assert watch.update_note_at == START + 4 * INTERVAL
        assert watch.update_note_excerpt.startswith("Mise à jour du 21/11 : Vélonova m'a rappelé")
        assert case.events.get(kind=CaseEventKind.PAGE_UPDATE_NOTE).data["excerpt"] == (
            watch.update_note_excerpt
        )
        told = Outbox.objects.get(dedupe_key__startswith=f"pagewatch-{watch.pk}-note")
        assert told.payload["to"] == "alice@example.org"

        site.serve(404, b"not found")
        clock.shift(INTERVAL)
        watch_due_pages(fetcher=local)
        watch.refresh_from_db()
        assert watch.gone_at == START + 5 * INTERVAL and watch.last_status == 404
        assert "gone" in watch.error and "404" in watch.error
        assert case.events.filter(kind=CaseEventKind.PAGE_GONE).count() == 1
        assert Outbox.objects.filter(dedupe_key__startswith=f"pagewatch-{watch.pk}-gone").exists()

    client.force_login(alice)
    shown = client.get(reverse("web:case", args=[brand.slug, case.reference])).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
    assert "<script>alert(1)</script>" not in shown
    assert "The page is gone (HTTP 404)." in shown


def test_errors_back_off_and_a_refusal_by_the_guard_is_recorded(brand, alice, site):
    case = article_case(brand, alice, site.url)
    with time_machine.travel(START, tick=False) as clock:
        watch = do_watch_page(case, actor=alice)
        watch_due_pages()  # the real guard: 127.0.0.1 is not a public address
        watch.refresh_from_db()
        assert site.server.connections == 0
        assert watch.error.startswith("Refused by the network guard")
        failed = case.events.get(kind=CaseEventKind.PAGE_WATCH_FAILED)
        assert failed.data["refused"] is True and failed.data["url"] == site.url
        assert watch.next_fetch_at == START + timedelta(days=1)

        site.serve(503, b"busy")
        clock.shift(timedelta(days=1))
        watch_due_pages(fetcher=local)
        watch.refresh_from_db()
        assert watch.failures == 2 and watch.last_status == 503
        assert watch.next_fetch_at == START + timedelta(days=1) + 2 * RETRY_BASE
        assert case.events.filter(kind=CaseEventKind.PAGE_WATCH_FAILED).count() == 1

        site.serve(200, page(), etag='"v1"')
        clock.shift(2 * RETRY_BASE)
        watch_due_pages(fetcher=local)
        watch.refresh_from_db()
        assert (watch.failures, watch.error, watch.last_status) == (0, "", 200)
        assert watch.baseline_hash


def test_an_article_that_comes_back_is_recorded(brand, alice, site):
    case = article_case(brand, alice, site.url)
    with time_machine.travel(START, tick=False) as clock:
        watch = do_watch_page(case, actor=alice)
        watch_due_pages(fetcher=local)
        site.serve(410, b"gone")
        clock.shift(INTERVAL)
        watch_due_pages(fetcher=local)
        site.serve(200, page(), etag='"v1"')
        clock.shift(timedelta(days=1))
        watch_due_pages(fetcher=local)
    watch.refresh_from_db()
    assert watch.gone_at is None and watch.error == ""
    back = case.events.get(kind=CaseEventKind.PAGE_CHANGED)
    assert back.data["back"] is True


@pytest.mark.parametrize(
    "note",
    [
        "EDIT: the brand called me and replaced the lock.",
        "Update (Nov 21): Vélonova sent a new lock.",
        "Édit : tout est réglé.",
        "MAJ : le SAV m'a recontacté.",
        "Addendum — they apologised.",
        "Vélonova got in touch and fixed it, thanks.",
    ],
)
def test_update_notes_in_french_and_english(note):
    before = "Mon cadenas s'ouvre avec un stylo.\nLe SAV ne répond pas."
    after = f"{before}\n{note}"
    added = added_paragraphs(before, after)
    assert added == [note]
    assert find_update_note(added, after, brand_name="Vélonova") == note


def test_a_new_paragraph_is_not_always_an_update_note():
    before = "Mon cadenas s'ouvre avec un stylo.\nLe SAV ne répond pas."
    middle = "Mon cadenas s'ouvre avec un stylo.\nLa mise à jour du firmware n'a rien changé."
    after = f"{middle}\nLe SAV ne répond pas."
    added = added_paragraphs(before, after)
    assert find_update_note(added, after, brand_name="Vélonova") == ""


def test_do_mark_playbook_step_refuses_what_is_not_in_the_playbook(brand, alice):
    from sentinelle.cases.actions import CaseError

    case = article_case(brand, alice, "https://carnet.example/b")
    with pytest.raises(CaseError):
        do_mark_playbook_step(case, step="ask_for_removal", done=True, actor=alice)
