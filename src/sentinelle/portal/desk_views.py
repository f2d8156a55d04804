"""Leads review held form submissions (spam, rate-limited, failed): release or discard."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sentinelle.brands.access import brand_view
from sentinelle.brands.models import Role
from sentinelle.portal.intake import do_discard_submission, do_process_submission
from sentinelle.portal.models import Submission, SubmissionStatus

HELD = [SubmissionStatus.SPAM, SubmissionStatus.FAILED]


@require_GET
@brand_view(Role.LEAD)
def submission_list(request: HttpRequest) -> HttpResponse:
    held = Submission.objects.filter(brand=request.brand, status__in=HELD)
    page = Paginator(held, 50).get_page(request.GET.get("page"))
    return render(request, "portal/desk_submissions.html", {"page": page})


@require_POST
@brand_view(Role.LEAD)
def submission_release(request: HttpRequest, pk: int) -> HttpResponse:
    submission = get_object_or_404(Submission, pk=pk, brand=request.brand, status__in=HELD)
    if "problem" not in submission.payload:
        messages.error(request, _("This submission cannot be released."))
    else:
        base = request.build_absolute_uri(reverse("portal:form", args=[request.brand.slug]))
        outcome = do_process_submission(submission, tracking_base_url=base + "suivi")
        messages.success(request, _("Released as case %(ref)s.") % {"ref": outcome.case.reference})
    return redirect("web:portal_desk:submissions", brand_slug=request.brand.slug)


@require_POST
@brand_view(Role.LEAD)
def submission_discard(request: HttpRequest, pk: int) -> HttpResponse:
    submission = get_object_or_404(Submission, pk=pk, brand=request.brand, status__in=HELD)
    do_discard_submission(submission)
    messages.success(request, _("Submission discarded."))
    return redirect("web:portal_desk:submissions", brand_slug=request.brand.slug)
