"""Stories: the list by risk, a story's page, its alerts, playbook and holding statement."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import timedelta

from django.contrib import messages
from django.db.models import Avg, Case, IntegerField, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sentinelle.brands.access import brand_view
from sentinelle.brands.models import Role
from sentinelle.cases.actions import CaseError
from sentinelle.core.choices import RISK_ORDER, RiskLevel
from sentinelle.listening.models import Mention
from sentinelle.replies.actions import do_review_reply
from sentinelle.replies.models import Reply, ReplyStatus
from sentinelle.stories.alerts import do_acknowledge_alert, do_acknowledge_burst
from sentinelle.stories.engagement import story_engagement
from sentinelle.stories.forms import StatementForm
from sentinelle.stories.models import BurstAlarm, HoldingStatement, Story, StoryAlert
from sentinelle.stories.playbooks import (
    StatementError,
    current_statement,
    do_approve_statement,
    do_save_statement,
    draft_texts,
    offer_playbook,
)
from sentinelle.stories.split import (
    SplitError,
    do_merge_stories,
    do_split_story,
    merge_candidates,
    story_mentions_matching,
)

MAX_STORY_MENTIONS = 5000
LEVEL_RANK = Case(
    *(When(risk_level=level, then=Value(rank)) for level, rank in RISK_ORDER.items()),
    output_field=IntegerField(),
)


@require_GET
@brand_view()
def story_list(request: HttpRequest) -> HttpResponse:
    level = request.GET.get("level", "")
    stories = Story.objects.filter(brand=request.brand, merged_into__isnull=True)
    if level in RISK_ORDER:
        stories = stories.filter(risk_level=level)
    else:
        stories = stories.exclude(risk_level=RiskLevel.QUIET, mention_count__lt=2)
    stories = stories.annotate(rank=LEVEL_RANK).order_by("-rank", "-last_seen_at")[:200]
    alerts = StoryAlert.objects.filter(
        brand=request.brand, acknowledged_at__isnull=True
    ).select_related("story")[:50]
    bursts = BurstAlarm.objects.filter(
        brand=request.brand, at__gte=timezone.now() - timedelta(days=7)
    )[:30]
    return render(
        request,
        "web/stories.html",
        {
            "stories": stories,
            "alerts": alerts,
            "bursts": bursts,
            "level": level,
            "levels": RiskLevel.choices,
        },
    )


def _timeline(mentions: list[Mention]) -> tuple[list[str], list[dict]]:
    """Mentions per day and channel, channels in the order the story reached them."""
    order: list[str] = []
    per_day: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        if m.channel not in order:
            order.append(m.channel)
        per_day[timezone.localtime(m.published_at).date().isoformat()][m.channel] += 1
    rows = [
        {
            "day": day,
            "counts": [per_day[day][ch] for ch in order],
            "total": sum(per_day[day].values()),
        }
        for day in sorted(per_day)
    ]
    return order, rows


@require_GET
@brand_view()
def story_detail(request: HttpRequest, pk: int) -> HttpResponse:
    story = get_object_or_404(Story, pk=pk, brand=request.brand)
    if story.merged_into_id:
        return redirect("web:story", brand_slug=request.brand.slug, pk=story.merged_into_id)
    mentions = list(
        Mention.objects.filter(story_link__story=story)
        .select_related("author", "source")
        .order_by("published_at", "pk")[:MAX_STORY_MENTIONS]
    )
    channels, timeline = _timeline(mentions)
    firsts = {}
    for m in mentions:
        firsts.setdefault(m.channel, m)
    authors: dict[int, dict] = {}
    for m in mentions:
        if m.author_id:
            row = authors.setdefault(
                m.author_id, {"author": m.author, "mentions": 0, "channel": m.channel}
            )
            row["mentions"] += 1
    top_authors = sorted(
        authors.values(), key=lambda r: (-(r["author"].followers or 0), -r["mentions"])
    )[:15]
    complaints = [m for m in mentions if m.is_complaint]
    # A lead looking for the part of a story that is another incident filters its mentions.
    query = request.GET.get("q", "").strip()[:200]
    can_split = request.membership.has_role(Role.LEAD)
    shown = mentions[-50:][::-1]
    if query:
        shown = list(
            Mention.objects.filter(pk__in=story_mentions_matching(story, query, limit=200))
            .select_related("author", "source")
            .order_by("-published_at", "-pk")
        )
    severity = Mention.objects.filter(story_link__story=story, is_complaint=True).aggregate(
        s=Avg("severity")
    )["s"]
    offer = offer_playbook(story)
    statements = list(story.statements.select_related("created_by", "approved_by"))
    draft_fr, draft_en = ("", "")
    if statements:
        draft_fr, draft_en = statements[0].text_fr, statements[0].text_en
    elif offer:
        draft_fr, draft_en = draft_texts(story, offer)
    context = {
        "story": story,
        "mentions": shown,
        "query": query,
        "can_split": can_split,
        "splits": story.splits.order_by("pk")[:20],
        "merge_candidates": merge_candidates(story) if can_split else [],
        "merged_here": Story.objects.filter(merged_into=story).select_related("merged_by")[:20],
        "mention_total": story.mention_count,
        "channels": channels,
        "timeline": timeline,
        "firsts": list(firsts.values()),
        "authors": top_authors,
        "complaint_share": round(100 * len(complaints) / len(mentions)) if mentions else 0,
        "severity": round(severity, 1) if severity else None,
        "cases": story.cases.select_related("owner").order_by("-opened_at")[:100],
        "alerts": story.alerts.select_related("acknowledged_by")[:20],
        "offer": offer,
        "statements": statements,
        "approved": current_statement(story.pk),
        "statement_form": StatementForm(initial={"text_fr": draft_fr, "text_en": draft_en}),
        "can_approve": request.membership.has_role(Role.LEAD),
        "engagement": story_engagement(story),
    }
    return render(request, "web/story.html", context)


@require_POST
@brand_view()
def alert_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    alert = get_object_or_404(StoryAlert, pk=pk, brand=request.brand)
    do_acknowledge_alert(alert, user=request.user)
    messages.success(request, _("Alert acknowledged."))
    return redirect("web:story", brand_slug=request.brand.slug, pk=alert.story_id)


@require_POST
@brand_view()
def burst_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    alarm = get_object_or_404(BurstAlarm, pk=pk, brand=request.brand)
    do_acknowledge_burst(alarm, user=request.user)
    messages.success(request, _("Alarm acknowledged."))
    return redirect("web:stories", brand_slug=request.brand.slug)


@require_POST
@brand_view()
def statement_save(request: HttpRequest, pk: int) -> HttpResponse:
    """Anyone on the desk may propose a version; only a lead approves it."""
    story = get_object_or_404(Story, pk=pk, brand=request.brand)
    form = StatementForm(request.POST)
    if form.is_valid():
        try:
            statement = do_save_statement(
                story,
                author=request.user,
                text_fr=form.cleaned_data["text_fr"],
                text_en=form.cleaned_data["text_en"],
            )
        except StatementError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("Version %(v)s saved as a draft for a lead to approve.")
                % {"v": statement.version},
            )
    return redirect("web:story", brand_slug=request.brand.slug, pk=story.pk)


@require_POST
@brand_view(Role.LEAD)
def story_split(request: HttpRequest, pk: int) -> HttpResponse:
    """A lead moves the mentions they chose (or all those matching their filter) to a new
    story: part of this one was another incident."""
    story = get_object_or_404(Story, pk=pk, brand=request.brand)
    chosen = [int(v) for v in request.POST.getlist("mentions") if v.isdigit()]
    try:
        new = do_split_story(story, chosen, user=request.user)
    except SplitError as exc:
        messages.error(request, str(exc))
        return redirect("web:story", brand_slug=request.brand.slug, pk=story.pk)
    messages.success(
        request,
        _("%(n)s mentions split off into a new story.") % {"n": new.mention_count},
    )
    return redirect("web:story", brand_slug=request.brand.slug, pk=new.pk)


@require_POST
@brand_view(Role.LEAD)
def story_merge(request: HttpRequest, pk: int) -> HttpResponse:
    """A lead merges another story of the brand into this one: the same incident."""
    story = get_object_or_404(Story, pk=pk, brand=request.brand)
    value = request.POST.get("other", "")
    other = Story.objects.filter(
        pk=int(value) if value.isdigit() else 0, brand=request.brand
    ).first()
    try:
        if other is None:
            raise SplitError(_("Choose another story of this brand to merge into this one."))
        do_merge_stories(story, other, user=request.user)
    except SplitError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The two stories are now one."))
    return redirect("web:story", brand_slug=request.brand.slug, pk=story.pk)


@require_POST
@brand_view(Role.LEAD)
def statement_approve(request: HttpRequest, pk: int) -> HttpResponse:
    statement = get_object_or_404(HoldingStatement, pk=pk, story__brand=request.brand)
    try:
        do_approve_statement(statement, approver=request.user)
    except StatementError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Version %(v)s approved: agents now see it first.") % {"v": statement.version},
        )
    return redirect("web:story", brand_slug=request.brand.slug, pk=statement.story_id)


@require_GET
@brand_view(Role.LEAD)
def replies_pending(request: HttpRequest) -> HttpResponse:
    replies = (
        Reply.objects.filter(brand=request.brand, status=ReplyStatus.PENDING)
        .select_related("case", "author", "case__story")
        .order_by("sent_at")[:200]
    )
    recent = Reply.objects.filter(
        brand=request.brand,
        reviewed_at__gte=timezone.now() - timedelta(days=7),
    ).select_related("case", "author", "reviewed_by")[:50]
    return render(request, "web/replies_pending.html", {"replies": replies, "recent": recent})


@require_POST
@brand_view(Role.LEAD)
def reply_review(request: HttpRequest, pk: int) -> HttpResponse:
    reply = get_object_or_404(Reply, pk=pk, brand=request.brand)
    approve = request.POST.get("decision") == "approve"
    try:
        do_review_reply(
            reply, reviewer=request.user, approve=approve, note=request.POST.get("note", "")
        )
    except CaseError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("Reply approved and sent.") if approve else _("Reply sent back.")
        )
    return redirect("web:replies_pending", brand_slug=request.brand.slug)
