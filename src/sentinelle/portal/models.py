"""The public complaint form's settings, its submissions and the customers' tracking links."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from sentinelle.core.clock import now

hex_color = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("A colour like #0a5dc2."))


class PortalSettings(models.Model):
    """How a brand's complaint page looks and behaves."""

    brand = models.OneToOneField("brands.Brand", on_delete=models.CASCADE, related_name="portal")
    enabled = models.BooleanField(_("enabled"), default=True)
    primary_color = models.CharField(
        _("main colour"), max_length=7, default="#0a5dc2", validators=[hex_color]
    )
    logo = models.FileField(_("logo (PNG or JPEG)"), upload_to="logos/", blank=True)
    intro_fr = models.TextField(_("introduction (French)"), blank=True)
    intro_en = models.TextField(_("introduction (English)"), blank=True)
    embed_origins = models.TextField(
        _("sites allowed to embed the form"),
        blank=True,
        help_text=_("One origin per line, e.g. https://www.example.com"),
    )
    tracking_days = models.PositiveIntegerField(_("tracking links last (days)"), default=180)

    class Meta:
        verbose_name = _("complaint page")
        verbose_name_plural = _("complaint pages")

    def __str__(self) -> str:
        return str(self.brand)

    def origins(self) -> list[str]:
        return [
            o.strip() for o in self.embed_origins.splitlines() if o.strip().startswith("https://")
        ]


class SubmissionStatus(models.TextChoices):
    RECEIVED = "received", _("received")
    ACCEPTED = "accepted", _("accepted")
    SPAM = "spam", _("spam")
    FAILED = "failed", _("failed, to retry")
    DISCARDED = "discarded", _("discarded")


class Submission(models.Model):
    """Everything a customer sent through the form, kept before anything else happens."""

    brand = models.ForeignKey("brands.Brand", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=now, db_index=True)
    client_hash = models.CharField(max_length=64, db_index=True)
    email = models.EmailField(db_index=True)
    payload = models.JSONField(default=dict)
    status = models.CharField(
        max_length=12, choices=SubmissionStatus.choices, default=SubmissionStatus.RECEIVED
    )
    reason = models.CharField(max_length=200, blank=True)
    mention = models.OneToOneField(
        "listening.Mention", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")

    def __str__(self) -> str:
        return f"{self.email} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def message(self) -> str:
        return str(self.payload.get("problem") or self.payload.get("follow_up") or "")


class TrackingLink(models.Model):
    """A customer's private link to their case: unguessable, expiring, revocable."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("tracking link")
        verbose_name_plural = _("tracking links")

    def __str__(self) -> str:
        return f"{self.case_id} until {self.expires_at:%Y-%m-%d}"
