"""The write path for brands, departments and memberships."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from sentinelle.brands.models import Brand, Department, DepartmentKind, Membership, Role

DEFAULT_DEPARTMENTS = {
    "fr": [
        ("Service client", DepartmentKind.CUSTOMER_CARE),
        ("Relations presse", DepartmentKind.PR),
        ("R&D", DepartmentKind.RND),
        ("Marketing", DepartmentKind.MARKETING),
        ("Juridique", DepartmentKind.LEGAL),
    ],
    "en": [
        ("Customer care", DepartmentKind.CUSTOMER_CARE),
        ("PR", DepartmentKind.PR),
        ("R&D", DepartmentKind.RND),
        ("Marketing", DepartmentKind.MARKETING),
        ("Legal", DepartmentKind.LEGAL),
    ],
}


class MembershipError(Exception):
    """A membership change that the rules refuse."""


@transaction.atomic
def do_create_brand(*, name: str, slug: str, **fields: Any) -> Brand:
    """Create a brand with the five default departments, named in its language."""
    brand = Brand(name=name, slug=slug, **fields)
    brand.full_clean()
    brand.save()
    for dept_name, kind in DEFAULT_DEPARTMENTS.get(
        brand.default_language, DEFAULT_DEPARTMENTS["en"]
    ):
        Department.objects.create(brand=brand, name=dept_name, kind=kind)
    return brand


def _check_grant(actor: Any, brand: Brand, role: str) -> None:
    if actor is None or actor.is_superuser:
        return
    actor_membership = Membership.objects.filter(user=actor, brand=brand).first()
    if actor_membership is None or not actor_membership.has_role(Role.LEAD):
        raise MembershipError(_("Only a lead or an admin of the brand manages its members."))
    if role == Role.ADMIN and not actor_membership.has_role(Role.ADMIN):
        raise MembershipError(_("Only an admin can grant the admin role."))


@transaction.atomic
def do_add_member(
    brand: Brand,
    *,
    username: str,
    role: str,
    actor: Any,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    password: str | None = None,
    departments: list[Department] | None = None,
) -> Membership:
    """Add a user (created if new) to the brand with a role."""
    _check_grant(actor, brand, role)
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=username,
        defaults={"email": email, "first_name": first_name, "last_name": last_name},
    )
    if created:
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
    if Membership.objects.filter(user=user, brand=brand).exists():
        raise MembershipError(
            _("%(user)s already belongs to %(brand)s.") % {"user": username, "brand": brand}
        )
    membership = Membership.objects.create(user=user, brand=brand, role=role)
    if departments:
        membership.departments.set([d for d in departments if d.brand_id == brand.pk])
    return membership


@transaction.atomic
def do_change_member(
    membership: Membership, *, role: str, departments: list[Department], actor: Any
) -> Membership:
    """Change a member's role and departments."""
    _check_grant(actor, membership.brand, role)
    if membership.role == Role.ADMIN and role != Role.ADMIN:
        _check_grant(actor, membership.brand, Role.ADMIN)
    _keep_one_admin(membership, new_role=role)
    membership.role = role
    membership.save(update_fields=["role"])
    membership.departments.set([d for d in departments if d.brand_id == membership.brand_id])
    return membership


@transaction.atomic
def do_remove_member(membership: Membership, *, actor: Any) -> None:
    """Remove a user from the brand (the user account itself stays)."""
    _check_grant(actor, membership.brand, membership.role)
    _keep_one_admin(membership, new_role=None)
    membership.delete()


def _keep_one_admin(membership: Membership, *, new_role: str | None) -> None:
    if membership.role != Role.ADMIN or new_role == Role.ADMIN:
        return
    other_admins = Membership.objects.filter(brand=membership.brand, role=Role.ADMIN).exclude(
        pk=membership.pk
    )
    if not other_admins.exists():
        raise MembershipError(_("A brand keeps at least one admin."))
