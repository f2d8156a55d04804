"""Story: one incident told across sources, with its risk level and reasons."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from sentinelle.core.choices import RiskLevel
from sentinelle.core.clock import now


class Story(models.Model):
    """The mentions about one incident across sources: the thing that spreads."""

    brand = models.ForeignKey("brands.Brand", on_delete=models.CASCADE, related_name="stories")
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    risk_level = models.CharField(
        _("risk level"), max_length=10, choices=RiskLevel.choices, default=RiskLevel.QUIET
    )
    risk_score = models.FloatField(default=0.0)
    risk_reasons = models.JSONField(default=list, blank=True)
    first_seen_at = models.DateTimeField(default=now)
    last_seen_at = models.DateTimeField(default=now)
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["-last_seen_at"]
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        indexes = [models.Index(fields=["brand", "risk_level", "-last_seen_at"])]

    def __str__(self) -> str:
        return self.title


class StoryMention(models.Model):
    """A mention's place in a story (a mention belongs to at most one story)."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="links")
    mention = models.OneToOneField(
        "listening.Mention", on_delete=models.CASCADE, related_name="story_link"
    )
    added_at = models.DateTimeField(default=now)
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("story mention")
        verbose_name_plural = _("story mentions")
