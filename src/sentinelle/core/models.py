"""Shared tables: the outbox of side effects to send after commit."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from sentinelle.core.clock import now


class OutboxKind(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SLACK = "slack", "Slack"
    TEAMS = "teams", "Teams"
    WEBHOOK = "webhook", _("Webhook")
    PLATFORM_REPLY = "platform_reply", _("Reply on a platform")


class Outbox(models.Model):
    """A side effect (e-mail, chat message, webhook, platform reply) waiting to be sent."""

    brand = models.ForeignKey(
        "brands.Brand", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=32, choices=OutboxKind.choices)
    payload = models.JSONField(default=dict)
    dedupe_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=now, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    failed_permanently = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=now)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox")
        indexes = [models.Index(fields=["sent_at", "failed_permanently", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"
