"""Dashboard URLs: everything an agent sees lives under /b/<brand>/."""

from django.urls import include, path

from sentinelle.web import (
    case_reads,
    case_views,
    playbook_views,
    presence,
    report_views,
    saved_views,
    settings_pages,
    story_views,
    views,
)

app_name = "web"

brand_patterns = [
    path("", views.inbox, name="inbox"),
    path("inbox/counts/", views.inbox_counts, name="inbox_counts"),
    path("mentions/<int:pk>/", views.mention_detail, name="mention"),
    path("mentions/<int:pk>/open-case/", views.mention_open_case, name="mention_open_case"),
    path("mentions/<int:pk>/correct/", views.mention_correct, name="mention_correct"),
    path("mentions/<int:pk>/hide/", views.mention_hide, name="mention_hide"),
    path("cases/<str:reference>/", views.case_detail, name="case"),
    path("cases/<str:reference>/export.json", case_reads.case_export, name="case_export"),
    path("unresolved/", case_reads.unresolved, name="unresolved"),
    path("reports/remedies/", report_views.remedies_report, name="remedies_report"),
    path(
        "cases/<str:reference>/playbook/",
        playbook_views.case_playbook_step,
        name="case_playbook_step",
    ),
    path("cases/<str:reference>/watch/", playbook_views.case_watch_page, name="case_watch_page"),
    path("views/", saved_views.save_view, name="save_view"),
    path("views/<int:pk>/delete/", saved_views.delete_view, name="delete_view"),
    path(
        "cases/<str:reference>/acknowledge/", case_views.case_acknowledge, name="case_acknowledge"
    ),
    path("cases/<str:reference>/take/", case_views.case_take, name="case_take"),
    path("cases/<str:reference>/wait/", case_views.case_wait, name="case_wait"),
    path("cases/<str:reference>/note/", case_views.case_note, name="case_note"),
    path("cases/<str:reference>/call/", case_views.case_log_call, name="case_log_call"),
    path(
        "cases/<str:reference>/suggestions/<int:pk>/",
        case_views.case_suggestion,
        name="case_suggestion",
    ),
    path("cases/<str:reference>/presence/", presence.case_presence, name="case_presence"),
    path("cases/<str:reference>/resolve/", case_views.case_resolve, name="case_resolve"),
    path("cases/<str:reference>/close/", case_views.case_close, name="case_close"),
    path("cases/<str:reference>/consult/", case_views.case_consult, name="case_consult"),
    path("cases/<str:reference>/reply/", case_views.case_reply, name="case_reply"),
    path("cases/<str:reference>/reply/lint/", case_views.case_reply_lint, name="case_reply_lint"),
    path(
        "cases/<str:reference>/revoke-links/",
        case_views.case_revoke_links,
        name="case_revoke_links",
    ),
    path("stories/", story_views.story_list, name="stories"),
    path("stories/<int:pk>/", story_views.story_detail, name="story"),
    path("stories/<int:pk>/split/", story_views.story_split, name="story_split"),
    path("stories/<int:pk>/merge/", story_views.story_merge, name="story_merge"),
    path("stories/<int:pk>/statements/", story_views.statement_save, name="statement_save"),
    path("statements/<int:pk>/approve/", story_views.statement_approve, name="statement_approve"),
    path("alerts/<int:pk>/acknowledge/", story_views.alert_acknowledge, name="alert_acknowledge"),
    path("bursts/<int:pk>/acknowledge/", story_views.burst_acknowledge, name="burst_acknowledge"),
    path("replies/pending/", story_views.replies_pending, name="replies_pending"),
    path("replies/<int:pk>/review/", story_views.reply_review, name="reply_review"),
    path("settings/reply-approval/", settings_pages.reply_policy, name="reply_policy"),
    *settings_pages.settings_urls(),
    path("settings/submissions/", include("sentinelle.portal.desk_urls")),
    path("settings/", include("sentinelle.brands.urls")),
    path("settings/sources/", include("sentinelle.listening.urls")),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("b/<slug:brand_slug>/", include(brand_patterns)),
]
