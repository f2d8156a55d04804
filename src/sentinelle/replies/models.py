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


class Reply(models.Model):
    """A message to a customer on a case, in the customer's eyes the brand's answer."""

    brand = models.ForeignKey("brands.Brand", on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("reply"))
    channel = models.CharField(max_length=20, choices=ReplyChannel.choices)
    link = models.URLField(_("link to the answer"), max_length=2000, blank=True)
    sent_at = models.DateTimeField(default=now)

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
