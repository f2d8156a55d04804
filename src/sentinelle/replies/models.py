"""Replies sent to customers, recorded on their case."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sentinelle.core.clock import now


class ReplyChannel(models.TextChoices):
    EMAIL = "email", _("e-mail")
    PORTAL = "portal", _("tracking page")
    PLATFORM = "platform", _("answered on the platform")


class ReplyStatus(models.TextChoices):
    SENT = "sent", _("sent")
    PENDING = "pending", _("waiting for a lead's approval")
    REJECTED = "rejected", _("rejected by a lead")


class Reply(models.Model):
    """A message to a customer on a case, in the customer's eyes the brand's answer."""

    brand = models.ForeignKey("brands.Brand", on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("reply"))
    channel = models.CharField(max_length=20, choices=ReplyChannel.choices)
    link = models.URLField(_("link to the answer"), max_length=2000, blank=True)
    sent_at = models.DateTimeField(default=now)
    status = models.CharField(max_length=10, choices=ReplyStatus.choices, default=ReplyStatus.SENT)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(_("note to the agent"), blank=True)

    class Meta:
        ordering = ["sent_at", "pk"]
        verbose_name = _("reply")
        verbose_name_plural = _("replies")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.text[:40]}"


class BrandReplyTerm(models.Model):
    """A phrase a brand does not want in its replies, with the reason and a better wording."""

    brand = models.ForeignKey("brands.Brand", on_delete=models.CASCADE, related_name="+")
    phrase = models.CharField(_("phrase"), max_length=200)
    message = models.CharField(_("why"), max_length=300)
    suggestion = models.CharField(_("write instead"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("reply term")
        verbose_name_plural = _("reply terms")

    def __str__(self) -> str:
        return self.phrase


class ReplyPolicy(models.Model):
    """A brand's rules for replies: from which story level a lead approves them first."""

    class Approval(models.TextChoices):
        NEVER = "never", _("never")
        ALERT = "alert", _("stories at alert or crisis level")
        CRISIS = "crisis", _("stories at crisis level")

    brand = models.OneToOneField("brands.Brand", on_delete=models.CASCADE, related_name="+")
    approval = models.CharField(
        _("a lead approves replies on"),
        max_length=10,
        choices=Approval.choices,
        default=Approval.NEVER,
    )

    class Meta:
        verbose_name = _("reply policy")
        verbose_name_plural = _("reply policies")


class SavedReply(models.Model):
    """A brand's reusable reply with variables, in one language, linted like any reply."""

    brand = models.ForeignKey("brands.Brand", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=120)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="fr"
    )
    text = models.TextField(
        _("text"),
        help_text=_("Variables: {customer_name}, {owner_name}, {case_reference}, {deadline}."),
    )
    updated_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["language", "title"]
        verbose_name = _("saved reply")
        verbose_name_plural = _("saved replies")

    def __str__(self) -> str:
        return self.title
