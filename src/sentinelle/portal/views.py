"""The brand's public complaint page and the customer's tracking page (no login, no JS)."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from sentinelle.brands.models import Brand
from sentinelle.portal.followup import do_add_follow_up, list_customer_timeline
from sentinelle.portal.forms import ComplaintForm, FollowUpForm
from sentinelle.portal.intake import (
    client_hash,
    do_mark_submission_failed,
    do_process_submission,
    do_receive_submission,
    spam_reason,
)
from sentinelle.portal.models import PortalSettings, SubmissionStatus
from sentinelle.portal.theme import theme_css
from sentinelle.portal.tracking import get_tracked_case
from sentinelle.portal.uploads import check_files, sniff

MAX_LOGO_BYTES = 500_000

log = logging.getLogger(__name__)
LANGS = {"fr", "en"}


def _portal(brand_slug: str) -> tuple[Brand, PortalSettings]:
    brand = get_object_or_404(Brand, slug=brand_slug)
    portal, _created = PortalSettings.objects.get_or_create(brand=brand)
    if not portal.enabled:
        raise Http404
    return brand, portal


def _language(request: HttpRequest, brand: Brand) -> str:
    wanted = request.GET.get("lang")  # forms post to ?lang=…: the body may be too big to read
    return wanted if wanted in LANGS else brand.default_language


def _frameable(response: HttpResponse, portal: PortalSettings) -> HttpResponse:
    """Public pages may be embedded by the brand's own sites, and by no one else."""
    ancestors = " ".join(["'self'", *portal.origins()])
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; "
        f"form-action 'self'; frame-ancestors {ancestors}; base-uri 'none'; object-src 'none'"
    )
    response.xframe_options_exempt = True
    return response


def _render(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    *,
    portal: PortalSettings,
    status: int = 200,
) -> HttpResponse:
    context = {"portal": portal, "brand": portal.brand, **context}
    return _frameable(render(request, template, context, status=status), portal)


@require_GET
def theme(request: HttpRequest, brand_slug: str) -> HttpResponse:
    _brand, portal = _portal(brand_slug)
    return HttpResponse(theme_css(portal.primary_color), content_type="text/css")


@require_GET
def logo(request: HttpRequest, brand_slug: str) -> HttpResponse:
    _brand, portal = _portal(brand_slug)
    if not portal.logo:
        raise Http404
    with portal.logo.open("rb") as handle:
        data = handle.read(MAX_LOGO_BYTES + 1)
    kind = sniff(data[:16])
    if kind is None or len(data) > MAX_LOGO_BYTES:
        raise Http404
    response = HttpResponse(data, content_type=kind[0])
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


@csrf_exempt  # public form with no session to ride on; abuse is handled by limits and honeypot
@require_http_methods(["GET", "POST"])
def complaint_form(request: HttpRequest, brand_slug: str) -> HttpResponse:
    brand, portal = _portal(brand_slug)
    lang = _language(request, brand)
    with translation.override(lang):
        if request.method == "GET":
            form = ComplaintForm()
            return _render(request, "portal/form.html", {"form": form, "lang": lang}, portal=portal)
        try:
            form = ComplaintForm(request.POST)
            files = request.FILES.getlist("attachments")
        except (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent):
            return _render(
                request,
                "portal/form.html",
                {
                    "form": ComplaintForm(),
                    "lang": lang,
                    "too_big": _(
                        "Your message is too large: keep the text under 10,000 characters "
                        "and send at most 5 files of 5 MB, then send it again."
                    ),
                },
                portal=portal,
                status=413,
            )
        checked, file_errors = check_files(files)
        if not form.is_valid() or file_errors:
            context = {"form": form, "file_errors": file_errors, "lang": lang}
            return _render(request, "portal/form.html", context, portal=portal, status=400)
        data = {k: v for k, v in form.cleaned_data.items() if k != "website"}
        data["language"] = lang
        client = client_hash(request.META.get("REMOTE_ADDR", ""))
        reason = spam_reason(
            brand, email=data["email"], client=client, honeypot=form.cleaned_data["website"]
        )
        submission = do_receive_submission(
            brand, data=data, files=checked, client=client, reason=reason
        )
        if submission.status == SubmissionStatus.SPAM:
            context = {"held": "honeypot" not in reason, "lang": lang}
            status = 200 if "honeypot" in reason else 429
            return _render(request, "portal/held.html", context, portal=portal, status=status)
        base = request.build_absolute_uri(reverse("portal:form", args=[brand.slug])) + "suivi"
        try:
            outcome = do_process_submission(submission, tracking_base_url=base)
        except Exception as exc:  # the submission is kept; a lead retries it from the desk
            log.exception("form submission %s could not be processed", submission.pk)
            do_mark_submission_failed(submission, exc)
            return _render(request, "portal/held.html", {"held": True, "lang": lang}, portal=portal)
        link = f"{base}/{outcome.token}/"
        context = {"case": outcome.case, "tracking_url": link, "lang": lang}
        return _render(request, "portal/received.html", context, portal=portal)


@csrf_exempt  # the unguessable token in the address is the customer's credential
@require_http_methods(["GET", "POST"])
def tracking(request: HttpRequest, brand_slug: str, token: str) -> HttpResponse:
    brand, portal = _portal(brand_slug)
    lang = _language(request, brand)
    with translation.override(lang):
        case = get_tracked_case(brand_slug, token)
        if case is None:
            return _render(
                request, "portal/invalid.html", {"lang": lang}, portal=portal, status=404
            )
        form = FollowUpForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            client = client_hash(request.META.get("REMOTE_ADDR", ""))
            do_add_follow_up(case, message=form.cleaned_data["message"], client=client)
            return redirect(f"{request.path}?lang={lang}&sent=1")
        context = {
            "case": case,
            "form": form,
            "lang": lang,
            "sent": request.GET.get("sent") == "1",
            "timeline": list_customer_timeline(case),
            "owner_first_name": case.owner.first_name if case.owner_id else "",
        }
        return _render(request, "portal/tracking.html", context, portal=portal)
