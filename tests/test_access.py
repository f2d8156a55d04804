"""Every agent route × every role × another brand's objects."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from sentinelle.brands.models import Role
from sentinelle.cases.actions import do_open_case
from sentinelle.cases.models import Customer, LinkSuggestion
from sentinelle.listening.models import WatchQuery
from sentinelle.portal.models import Submission, SubmissionStatus
from sentinelle.web.models import SavedView

# route name → (HTTP method, how to build its object kwargs from a brand's fixtures)
ROUTES = {
    "web:inbox": ("get", lambda objs: {}),
    "web:inbox_counts": ("get", lambda objs: {}),
    "web:mention": ("get", lambda objs: {"pk": objs["mention"].pk}),
    "web:mention_open_case": ("post", lambda objs: {"pk": objs["free_mention"].pk}),
    "web:mention_correct": ("post", lambda objs: {"pk": objs["mention"].pk}),
    "web:mention_hide": ("post", lambda objs: {"pk": objs["mention"].pk}),
    "web:case": ("get", lambda objs: {"reference": objs["case"].reference}),
    "web:case_export": ("get", lambda objs: {"reference": objs["case"].reference}),
    "web:unresolved": ("get", lambda objs: {}),
    "web:remedies_report": ("get", lambda objs: {}),
    "web:case_playbook_step": ("post", lambda objs: {"reference": objs["case"].reference}),
    "web:case_watch_page": ("post", lambda objs: {"reference": objs["case"].reference}),
    "web:save_view": ("post", lambda objs: {}),
    "web:delete_view": ("post", lambda objs: {"pk": objs["saved_views"][objs["who"]].pk}),
    "web:case_acknowledge": ("post", lambda objs: {"reference": objs["case"].reference}),
    "web:case_take": ("post", lambda objs: {"reference": objs["case"].reference}),
    "web:case_wait": ("post", lambda objs: {"reference": objs["case"].reference}),
    "web:case_note": ("post", lambda objs: {"reference": objs["case"].reference}),
    "web:case_log_call": ("post", lambda objs: {"reference": objs["case"].reference}),
    "web:case_suggestion": (
        "post",
        lambda objs: {"reference": objs["case"].reference, "pk": objs["suggestion"].pk},
    ),
    "web:case_presence": ("post", lambda objs: {"reference": objs["case"].reference}),
    "web:case_resolve": ("post", lambda objs: {"reference": objs["case"].reference}),
    "web:case_close": ("post", lambda objs: {"reference": objs["case"].reference}),
    "web:case_consult": ("post", lambda objs: {"reference": objs["case"].reference}),
    "web:case_reply": ("post", lambda objs: {"reference": objs["case"].reference}),
    "web:case_reply_lint": ("post", lambda objs: {"reference": objs["case"].reference}),
    "web:case_revoke_links": ("post", lambda objs: {"reference": objs["case"].reference}),
    "web:portal_desk:submissions": ("get", lambda objs: {}),
    "web:portal_desk:submission_release": ("post", lambda objs: {"pk": objs["submission"].pk}),
    "web:portal_desk:submission_discard": ("post", lambda objs: {"pk": objs["submission"].pk}),
    "web:brands:members": ("get", lambda objs: {}),
    "web:brands:member_edit": ("get", lambda objs: {"pk": objs["membership"].pk}),
    "web:brands:member_remove": ("post", lambda objs: {"pk": objs["membership"].pk}),
    "web:brands:departments": ("get", lambda objs: {}),
    "web:brands:department_edit": ("get", lambda objs: {"pk": objs["department"].pk}),
    "web:brands:department_delete": ("post", lambda objs: {"pk": objs["department"].pk}),
    "web:listening:sources": ("get", lambda objs: {}),
    "web:listening:source_edit": ("get", lambda objs: {"pk": objs["source"].pk}),
    "web:listening:watch_queries": ("get", lambda objs: {}),
    "web:listening:watch_query_check": ("post", lambda objs: {}),
    "web:listening:watch_query_preview": ("post", lambda objs: {}),
    "web:listening:watch_query_edit": ("get", lambda objs: {"pk": objs["watch_query"].pk}),
    "web:listening:watch_query_toggle": ("post", lambda objs: {"pk": objs["watch_query"].pk}),
    "web:listening:watch_query_delete": ("post", lambda objs: {"pk": objs["watch_query"].pk}),
    "web:stories": ("get", lambda objs: {}),
    "web:story": ("get", lambda objs: {"pk": objs["story"].pk}),
    "web:statement_save": ("post", lambda objs: {"pk": objs["story"].pk}),
    "web:story_split": ("post", lambda objs: {"pk": objs["story"].pk}),
    "web:story_merge": ("post", lambda objs: {"pk": objs["story"].pk}),
    "web:statement_approve": ("post", lambda objs: {"pk": objs["statement"].pk}),
    "web:alert_acknowledge": ("post", lambda objs: {"pk": objs["alert"].pk}),
    "web:burst_acknowledge": ("post", lambda objs: {"pk": objs["burst"].pk}),
    "web:replies_pending": ("get", lambda objs: {}),
    "web:reply_review": ("post", lambda objs: {"pk": objs["reply"].pk}),
    "web:reply_policy": ("get", lambda objs: {}),
    **{
        f"web:settings_{name}{suffix}": (
            method,
            lambda objs, name=name, suffix=suffix: (
                {"pk": objs[f"settings_{name}"].pk} if suffix else {}
            ),
        )
        for name in ("alerts", "playbooks", "saved-replies", "reply-terms")
        for suffix, method in (("", "get"), ("_edit", "get"), ("_delete", "post"))
    },
}
PERSONAS = ["alice", "dana", "erin", "charlie"]
ROLE_OF = {"alice": Role.AGENT, "dana": Role.LEAD, "erin": Role.ADMIN}
RANK = {Role.AGENT: 1, Role.LEAD: 2, Role.ADMIN: 3}


def _names(patterns, prefix):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from _names(pattern.url_patterns, namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield prefix + pattern.name


def test_every_brand_route_is_in_the_matrix():
    brand_routes = set()
    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLResolver) and pattern.namespace == "web":
            for inner in pattern.url_patterns:
                if isinstance(inner, URLResolver) and "brand_slug" in str(inner.pattern):
                    brand_routes |= set(_names(inner.url_patterns, "web:"))
    assert brand_routes == set(ROUTES)


def _held_submission(brand):
    return Submission.objects.create(
        brand=brand,
        client_hash="x",
        email="spam@example.org",
        status=SubmissionStatus.SPAM,
        payload={
            "name": "Bot",
            "email": "spam@example.org",
            "problem": "Buy crypto now!!",
            "wish": "other",
            "earlier_contact": "none",
        },
    )


def _suggestion(brand, mentions):
    customer = Customer.objects.create(brand=brand, display_name="Nadia")
    return LinkSuggestion.objects.create(
        brand=brand, author=mentions[2].author, customer=customer, reasons=["même nom"]
    )


def _saved_views(brand):
    users = get_user_model().objects.filter(username__in=[*PERSONAS, "bob"])
    return {
        u.username: SavedView.objects.create(
            user=u, brand=brand, name="Mes dossiers", query="tab=cases&owner=me"
        )
        for u in users
    }


def _story_objects(brand, case):
    from sentinelle.replies.models import BrandReplyTerm, Reply, SavedReply
    from sentinelle.stories.models import (
        AlertChannel,
        BurstAlarm,
        HoldingStatement,
        Playbook,
        Story,
        StoryAlert,
    )

    story = Story.objects.create(brand=brand, title="Cadenas", risk_level="alert")
    lead = brand.memberships.filter(role__in=[Role.LEAD, Role.ADMIN]).first().user
    return {
        "story": story,
        "statement": HoldingStatement.objects.create(
            story=story, version=1, text_fr="Nous vérifions.", created_by=lead
        ),
        "alert": StoryAlert.objects.create(
            brand=brand, story=story, level="alert", previous_level="watch"
        ),
        "reply": Reply.objects.create(
            brand=brand, case=case, author=lead, text="Bonjour", channel="email", status="pending"
        ),
        "burst": BurstAlarm.objects.create(
            brand=brand, series="brand", kind="volume", at=story.created_at
        ),
        "settings_alerts": AlertChannel.objects.create(
            brand=brand, name="PR", kind="email", target="pr@example.com"
        ),
        "settings_playbooks": Playbook.objects.create(brand=brand, name="Crise", steps="Un"),
        "settings_saved-replies": SavedReply.objects.create(brand=brand, title="A", text="B"),
        "settings_reply-terms": BrandReplyTerm.objects.create(
            brand=brand, phrase="conformément", message="Jargon"
        ),
    }


def _objects(brand, mentions):
    case = do_open_case(brand, title="Vis manquantes", mention=mentions[0], actor=None)
    membership = brand.memberships.get(user__username="bob")
    return {
        "mention": mentions[0],
        "free_mention": mentions[1],
        "case": case,
        "membership": membership,
        "department": brand.departments.first(),
        "source": brand.sources.first(),
        "watch_query": WatchQuery.objects.create(brand=brand, name="Marque", query="velonova"),
        "submission": _held_submission(brand),
        "saved_views": _saved_views(brand),
        "suggestion": _suggestion(brand, mentions),
        **_story_objects(brand, case),
    }


@pytest.fixture
def world(brand, other_brand, alice, bob, dana, erin, charlie, mentions, other_mentions):
    from sentinelle.brands.actions import do_add_member

    do_add_member(other_brand, username="bob2", role=Role.AGENT, actor=None)
    return {"own": _objects(brand, mentions), "other": _objects_other(other_brand, other_mentions)}


def _objects_other(brand, mentions):
    case = do_open_case(brand, title="Lune", mention=mentions[0], actor=None)
    return {
        "mention": mentions[0],
        "free_mention": mentions[1],
        "case": case,
        "membership": brand.memberships.get(user__username="bob2"),
        "department": brand.departments.first(),
        "source": brand.sources.first(),
        "watch_query": WatchQuery.objects.create(brand=brand, name="Marque", query="velonova"),
        "submission": _held_submission(brand),
        "saved_views": _saved_views(brand),
        "suggestion": _suggestion(brand, mentions),
        **_story_objects(brand, case),
    }


def _request(client, method, url):
    return client.post(url) if method == "post" else client.get(url)


@pytest.mark.parametrize("route", sorted(ROUTES))
@pytest.mark.parametrize("persona", PERSONAS)
def test_route_by_role(client, world, route, persona, django_user_model):
    method, kwargs_for = ROUTES[route]
    world["own"]["who"] = world["other"]["who"] = persona
    client.force_login(django_user_model.objects.get(username=persona))
    url = reverse(route, kwargs={"brand_slug": "velonova", **kwargs_for(world["own"])})
    response = _request(client, method, url)
    if persona == "charlie":
        assert response.status_code == 404, "an outsider learns nothing about the brand"
        return
    minimum = resolve(url).func.minimum_role
    if RANK[ROLE_OF[persona]] >= RANK[minimum]:
        assert response.status_code in {200, 302}
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("route", sorted(ROUTES))
@pytest.mark.parametrize("persona", ["alice", "dana", "erin"])
def test_other_brands_objects_are_404(client, world, route, persona, django_user_model):
    method, kwargs_for = ROUTES[route]
    world["own"]["who"] = world["other"]["who"] = persona
    client.force_login(django_user_model.objects.get(username=persona))
    # the other brand's object under our own brand's address…
    other_kwargs = kwargs_for(world["other"])
    if other_kwargs:
        url = reverse(route, kwargs={"brand_slug": "velonova", **other_kwargs})
        minimum = resolve(url).func.minimum_role
        expected = 404 if RANK[ROLE_OF[persona]] >= RANK[minimum] else 403
        assert _request(client, method, url).status_code == expected
    # …and under the other brand's address
    url = reverse(route, kwargs={"brand_slug": "lune", **other_kwargs})
    assert _request(client, method, url).status_code == 404


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_anonymous_is_sent_to_login(client, world, route):
    method, kwargs_for = ROUTES[route]
    world["own"]["who"] = "alice"
    url = reverse(route, kwargs={"brand_slug": "velonova", **kwargs_for(world["own"])})
    response = _request(client, method, url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("route", [r for r, (m, _) in ROUTES.items() if m == "post"])
def test_state_changing_routes_refuse_get(client, world, route, django_user_model):
    _, kwargs_for = ROUTES[route]
    world["own"]["who"] = "erin"
    client.force_login(django_user_model.objects.get(username="erin"))
    url = reverse(route, kwargs={"brand_slug": "velonova", **kwargs_for(world["own"])})
    assert client.get(url).status_code == 405
