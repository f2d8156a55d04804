"""Leads and admins manage their brand's members and departments."""

from __future__ import annotations

from django.contrib import messages
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sentinelle.brands.access import brand_view
from sentinelle.brands.actions import (
    MembershipError,
    do_add_member,
    do_change_member,
    do_remove_member,
)
from sentinelle.brands.forms import DepartmentForm, MemberForm, NewMemberForm
from sentinelle.brands.models import Department, Membership, Role
from sentinelle.web.form_pages import model_form_page


@require_http_methods(["GET", "POST"])
@brand_view(Role.LEAD)
def member_list(request: HttpRequest) -> HttpResponse:
    brand = request.brand
    form = NewMemberForm(request.POST or None, brand=brand)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            do_add_member(
                brand,
                username=data["username"],
                role=data["role"],
                actor=request.user,
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                password=data["password"] or None,
                departments=list(data["departments"]),
            )
        except MembershipError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("%(user)s added.") % {"user": data["username"]})
            return redirect("web:brands:members", brand_slug=brand.slug)
    members = brand.memberships.select_related("user").prefetch_related("departments")
    return render(request, "brands/members.html", {"members": members, "form": form})


@require_http_methods(["GET", "POST"])
@brand_view(Role.LEAD)
def member_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=pk, brand=request.brand
    )
    initial = {"role": membership.role, "departments": membership.departments.all()}
    form = MemberForm(request.POST or None, brand=request.brand, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            do_change_member(
                membership,
                role=form.cleaned_data["role"],
                departments=list(form.cleaned_data["departments"]),
                actor=request.user,
            )
        except MembershipError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Member updated."))
            return redirect("web:brands:members", brand_slug=request.brand.slug)
    return render(request, "brands/member_edit.html", {"membership": membership, "form": form})


@require_POST
@brand_view(Role.LEAD)
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership, pk=pk, brand=request.brand)
    try:
        do_remove_member(membership, actor=request.user)
    except MembershipError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Member removed."))
    return redirect("web:brands:members", brand_slug=request.brand.slug)


@require_http_methods(["GET", "POST"])
@brand_view(Role.LEAD)
def department_list(request: HttpRequest) -> HttpResponse:
    form = DepartmentForm(request.POST or None, instance=Department(brand=request.brand))
    return model_form_page(
        request,
        form,
        template="brands/departments.html",
        context={"departments": request.brand.departments.all()},
        saved=_("Department added."),
        back_to="web:brands:departments",
    )


@require_http_methods(["GET", "POST"])
@brand_view(Role.LEAD)
def department_edit(request: HttpRequest, pk: int) -> HttpResponse:
    department = get_object_or_404(Department, pk=pk, brand=request.brand)
    return model_form_page(
        request,
        DepartmentForm(request.POST or None, instance=department),
        template="brands/department_edit.html",
        context={"department": department},
        saved=_("Department updated."),
        back_to="web:brands:departments",
    )


@require_POST
@brand_view(Role.LEAD)
def department_delete(request: HttpRequest, pk: int) -> HttpResponse:
    department = get_object_or_404(Department, pk=pk, brand=request.brand)
    try:
        department.delete()
    except IntegrityError:
        messages.error(request, _("This department is still in use."))
    else:
        messages.success(request, _("Department deleted."))
    return redirect("web:brands:departments", brand_slug=request.brand.slug)
