"""Brand, department and membership: the tenancy and role model."""

from __future__ import annotations

from zoneinfo import available_timezones

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from sentinelle.core.clock import now


class Role(models.TextChoices):
    AGENT = "agent", _("agent")
    LEAD = "lead", _("lead")
    ADMIN = "admin", _("admin")


ROLE_RANK = {Role.AGENT: 1, Role.LEAD: 2, Role.ADMIN: 3}


class DepartmentKind(models.TextChoices):
    CUSTOMER_CARE = "customer_care", _("customer care")
    PR = "pr", _("PR")
    RND = "rnd", _("R&D")
    MARKETING = "marketing", _("marketing")
    LEGAL = "legal", _("legal")
    OTHER = "other", _("other")


def validate_timezone(value: str) -> None:
    if value not in available_timezones():
        raise ValidationError(_("%(tz)s is not a known time zone."), params={"tz": value})


def default_business_hours() -> dict[str, list[list[str]]]:
    return {str(day): [["09:00", "18:00"]] for day in range(5)}


class Brand(models.Model):
    """The organisation being watched; every other row belongs to one brand."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    timezone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Paris", validators=[validate_timezone]
    )
    default_language = models.CharField(
        _("default language"), max_length=8, choices=settings.LANGUAGES, default="fr"
    )
    case_prefix = models.CharField(_("case reference prefix"), max_length=8, default="SN")
    business_hours = models.JSONField(
        _("business hours"),
        default=default_business_hours,
        blank=True,
        help_text=_('Per weekday (0 = Monday), e.g. {"0": [["09:00", "18:00"]]}; empty = 24/7.'),
    )
    holidays = models.JSONField(
        _("holidays"), default=list, blank=True, help_text=_('Dates, e.g. ["2026-12-25"].')
    )
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("brand")
        verbose_name_plural = _("brands")

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    """A team a case can consult (PR, R&D, legal…); it never owns a case."""

    brand = models.ForeignKey(Brand, on_delete=models.CASCADE, related_name="departments")
    name = models.CharField(_("name"), max_length=80)
    kind = models.CharField(
        _("kind"), max_length=20, choices=DepartmentKind.choices, default=DepartmentKind.OTHER
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        constraints = [
            models.UniqueConstraint(fields=["brand", "name"], name="department_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's place in a brand: a role and the departments they belong to."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    brand = models.ForeignKey(Brand, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.AGENT)
    departments = models.ManyToManyField(
        Department, blank=True, related_name="members", verbose_name=_("departments")
    )
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["brand__name", "user__username"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "brand"], name="membership_unique_user_brand")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.brand} ({self.role})"

    def has_role(self, minimum: str) -> bool:
        return ROLE_RANK[Role(self.role)] >= ROLE_RANK[Role(minimum)]
