"""The lead's settings lists for stories and replies, and the reply approval policy."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from sentinelle.brands.access import brand_view
from sentinelle.brands.models import Role
from sentinelle.replies.actions import get_reply_policy
from sentinelle.replies.forms import BrandReplyTermForm, ReplyPolicyForm, SavedReplyForm
from sentinelle.replies.lint.linter import lint
from sentinelle.replies.models import BrandReplyTerm, SavedReply
from sentinelle.replies.saved import describe_variables
from sentinelle.stories.forms import AlertChannelForm, PlaybookForm
from sentinelle.stories.models import AlertChannel, Playbook
from sentinelle.web.form_pages import model_form_page
from sentinelle.web.settings_crud import Crud, crud_urls

ALERT_CHANNELS = Crud(
    name="alerts",
    model=AlertChannel,
    form=AlertChannelForm,
    title=gettext_lazy("Alert channels"),
    intro=gettext_lazy(
        "When a story's level rises, an alert with its explanation goes to each enabled "
        "channel from its level: e-mail, Slack or Teams incoming webhooks, or a signed webhook."
    ),
    columns=[
        (gettext_lazy("Name"), lambda c: c.name),
        (gettext_lazy("Kind"), lambda c: c.get_kind_display()),
        (gettext_lazy("From level"), lambda c: c.get_min_level_display()),
        (gettext_lazy("Enabled"), lambda c: _("yes") if c.enabled else _("no")),
    ],
)

PLAYBOOKS = Crud(
    name="playbooks",
    model=Playbook,
    form=PlaybookForm,
    title=gettext_lazy("Playbooks"),
    intro=gettext_lazy(
        "Offered on a story from their level, for their topics: the steps, who to involve, "
        "and the holding statement a lead approves. Without one, Sentinelle offers its default "
        "playbook from the alert level."
    ),
    columns=[
        (gettext_lazy("Name"), lambda p: p.name),
        (gettext_lazy("From level"), lambda p: p.get_min_level_display()),
        (gettext_lazy("Topics"), lambda p: ", ".join(p.topics) or _("every topic")),
        (gettext_lazy("Steps"), lambda p: len(p.step_list)),
    ],
)

SAVED_REPLIES = Crud(
    name="saved-replies",
    model=SavedReply,
    form=SavedReplyForm,
    title=gettext_lazy("Saved replies"),
    intro=gettext_lazy(
        "Agents insert them in a reply with the case's values filled in; they are linted "
        "like any reply, so write them personal, concrete and with a next step."
    ),
    columns=[
        (gettext_lazy("Title"), lambda r: r.title),
        (gettext_lazy("Language"), lambda r: r.get_language_display()),
        (gettext_lazy("Reply score"), lambda r: f"{lint(r.text).score}/100"),
    ],
    more_context=lambda request: {"extra_note": describe_variables()},
)

REPLY_TERMS = Crud(
    name="reply-terms",
    model=BrandReplyTerm,
    form=BrandReplyTermForm,
    title=gettext_lazy("Words to avoid in replies"),
    intro=gettext_lazy(
        "The reply linter flags these phrases in every reply of the brand, with your reason "
        "and what to write instead."
    ),
    columns=[
        (gettext_lazy("Phrase"), lambda t: t.phrase),
        (gettext_lazy("Why"), lambda t: t.message),
        (gettext_lazy("Write instead"), lambda t: t.suggestion),
    ],
)

CRUDS = (ALERT_CHANNELS, PLAYBOOKS, SAVED_REPLIES, REPLY_TERMS)


def settings_urls() -> list:
    return [url for crud in CRUDS for url in crud_urls(crud)]


@require_http_methods(["GET", "POST"])
@brand_view(Role.LEAD)
def reply_policy(request: HttpRequest) -> HttpResponse:
    policy = get_reply_policy(request.brand)
    return model_form_page(
        request,
        ReplyPolicyForm(request.POST or None, instance=policy),
        template="web/reply_policy.html",
        context={},
        saved=_("Saved."),
        back_to="web:reply_policy",
    )
