"""Stories: one incident told across sources, its risk level, its alerts and its playbook."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sentinelle.core.choices import RiskLevel
from sentinelle.core.clock import now


class Story(models.Model):
    """The mentions about one incident across sources: the thing that spreads."""

    brand = models.ForeignKey("brands.Brand", on_delete=models.CASCADE, related_name="stories")
    title = models.CharField(_("title"), max_length=300)
    #: Named after an article (a mention with a title: a post, a thread, a video, a news
    #: story), not after whatever mention came first (a quip, a comment).
    titled_by_article = models.BooleanField(default=False)
    summary = models.TextField(_("summary"), blank=True)
    risk_level = models.CharField(
        _("risk level"), max_length=10, choices=RiskLevel.choices, default=RiskLevel.QUIET
    )
    risk_score = models.FloatField(default=0.0)
    risk_reasons = models.JSONField(default=list, blank=True)
    peak_level = models.CharField(max_length=10, choices=RiskLevel.choices, default=RiskLevel.QUIET)
    level_changed_at = models.DateTimeField(null=True, blank=True)
    mention_count = models.PositiveIntegerField(default=0)
    complaint_count = models.PositiveIntegerField(default=0)
    channels = models.JSONField(default=list, blank=True)
    engine_id = models.PositiveBigIntegerField(null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    #: A lead split this story off another: part of that story was another incident.
    split_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="splits"
    )
    split_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    #: A lead merged this story into `merged_into` (empty when the engine did).
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    first_seen_at = models.DateTimeField(default=now)
    last_seen_at = models.DateTimeField(default=now)
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["-last_seen_at"]
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        indexes = [
            models.Index(fields=["brand", "risk_level", "-last_seen_at"]),
            models.Index(fields=["brand", "engine_id"]),
        ]

    def __str__(self) -> str:
        return self.title


class StoryMention(models.Model):
    """A mention's place in a story (a mention belongs to at most one story).

    The primary key orders the mentions as the story engine saw them: replaying them in that
    order from a snapshot rebuilds the engine's state exactly.
    """

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="links")
    mention = models.OneToOneField(
        "listening.Mention", on_delete=models.CASCADE, related_name="story_link"
    )
    added_at = models.DateTimeField(default=now)
    reason = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=12, blank=True)

    class Meta:
        verbose_name = _("story mention")
        verbose_name_plural = _("story mentions")


class StoryEngineState(models.Model):
    """The story engine of one brand: a snapshot, and a version bumped by every batch.

    The row is also the brand's lock: a batch holds it (SELECT … FOR UPDATE) from reading the
    state to writing its links, so workers on several machines group one brand in turn; and
    its lease (`holder`, `held_until`) keeps one process on a brand while it is busy, so that
    the engine stays in that process's memory instead of being replayed by each worker.
    """

    brand = models.OneToOneField("brands.Brand", on_delete=models.CASCADE, related_name="+")
    version = models.PositiveBigIntegerField(default=0)
    snapshot = models.JSONField(default=dict, blank=True)
    snapshot_link_id = models.PositiveBigIntegerField(default=0)
    snapshot_at = models.DateTimeField(null=True, blank=True)
    #: The process grouping this brand now, and until when (renewed by each of its batches):
    #: other processes queue the brand's new mentions in StoryBacklog instead of replaying.
    holder = models.CharField(max_length=120, blank=True)
    held_until = models.DateTimeField(null=True, blank=True)


class StoryBacklog(models.Model):
    """A stored mention waiting for the process that holds its brand's story engine."""

    mention = models.OneToOneField(
        "listening.Mention", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    brand = models.ForeignKey("brands.Brand", on_delete=models.CASCADE, related_name="+")


class AlertChannelKind(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SLACK = "slack", "Slack"
    TEAMS = "teams", "Microsoft Teams"
    WEBHOOK = "webhook", _("Signed webhook")


class AlertChannel(models.Model):
    """Where a brand's story alerts go: an address, or an incoming-webhook URL."""

    brand = models.ForeignKey("brands.Brand", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=AlertChannelKind.choices)
    target = models.CharField(
        _("address or URL"),
        max_length=2000,
        help_text=_("An e-mail address, or the https URL of an incoming webhook."),
    )
    secret = models.CharField(
        _("signing secret"),
        max_length=200,
        blank=True,
        help_text=_("Signed webhooks only: the receiver checks X-Sentinelle-Signature with it."),
    )
    min_level = models.CharField(
        _("from level"), max_length=10, choices=RiskLevel.choices, default=RiskLevel.ALERT
    )
    enabled = models.BooleanField(_("enabled"), default=True)
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("alert channel")
        verbose_name_plural = _("alert channels")

    def __str__(self) -> str:
        return self.name


class StoryAlert(models.Model):
    """A story's level rose: what it rose to, why, and who acknowledged it."""

    brand = models.ForeignKey("brands.Brand", on_delete=models.CASCADE, related_name="+")
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="alerts")
    level = models.CharField(max_length=10, choices=RiskLevel.choices)
    previous_level = models.CharField(max_length=10, choices=RiskLevel.choices)
    score = models.FloatField(default=0.0)
    reasons = models.JSONField(default=list, blank=True)
    explanation = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=now, db_index=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("story alert")
        verbose_name_plural = _("story alerts")
        indexes = [models.Index(fields=["brand", "acknowledged_at", "-created_at"])]


class Playbook(models.Model):
    """What a brand does when a story reaches a level: steps, people, a statement template."""

    brand = models.ForeignKey("brands.Brand", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=120)
    topics = models.JSONField(
        _("topics"), default=list, blank=True, help_text=_("Empty: every topic.")
    )
    min_level = models.CharField(
        _("from level"), max_length=10, choices=RiskLevel.choices, default=RiskLevel.ALERT
    )
    steps = models.TextField(_("steps"), help_text=_("One step per line."))
    involve = models.CharField(
        _("who to involve"), max_length=300, blank=True, help_text=_("e.g. PR, R&D, legal")
    )
    statement_fr = models.TextField(_("holding statement template (French)"), blank=True)
    statement_en = models.TextField(_("holding statement template (English)"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("playbook")
        verbose_name_plural = _("playbooks")

    def __str__(self) -> str:
        return self.name

    @property
    def step_list(self) -> list[str]:
        return [line.strip() for line in self.steps.splitlines() if line.strip()]


class StatementStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    APPROVED = "approved", _("approved")
    SUPERSEDED = "superseded", _("superseded")


class HoldingStatement(models.Model):
    """The brand's one discourse on a story, versioned; a lead approves each version."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="statements")
    version = models.PositiveIntegerField()
    text_fr = models.TextField(_("statement (French)"), blank=True)
    text_en = models.TextField(_("statement (English)"), blank=True)
    status = models.CharField(
        max_length=12, choices=StatementStatus.choices, default=StatementStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("holding statement")
        verbose_name_plural = _("holding statements")
        constraints = [
            models.UniqueConstraint(fields=["story", "version"], name="statement_unique_version")
        ]

    def text_for(self, language: str) -> str:
        """The statement in a language, falling back to the other one."""
        first, second = (
            (self.text_en, self.text_fr)
            if language == "en"
            else (
                self.text_fr,
                self.text_en,
            )
        )
        return first or second


class BurstState(models.Model):
    """The volume and negative-share detectors of one brand, and the last bin they saw."""

    brand = models.OneToOneField("brands.Brand", on_delete=models.CASCADE, related_name="+")
    state = models.JSONField(default=dict, blank=True)
    last_bin_end = models.DateTimeField(null=True, blank=True)


class BurstAlarm(models.Model):
    """Mentions (of the brand, or of one topic) rose beyond their usual level, or turned
    negative; `suppressed` says when the brand's weekly alarm budget was already spent."""

    brand = models.ForeignKey("brands.Brand", on_delete=models.CASCADE, related_name="+")
    series = models.CharField(max_length=80)
    kind = models.CharField(max_length=20)
    at = models.DateTimeField(db_index=True)
    explanation = models.JSONField(default=dict, blank=True)
    suppressed = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=now)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("volume alarm")
        verbose_name_plural = _("volume alarms")
        constraints = [
            models.UniqueConstraint(fields=["brand", "series", "kind", "at"], name="burst_once")
        ]


class ShortLink(models.Model):
    """A shortened link (bit.ly, t.co…) and where it leads, resolved once through the guard."""

    url = models.CharField(max_length=500, unique=True)
    target = models.CharField(max_length=2000, blank=True)
    error = models.CharField(max_length=300, blank=True)
    resolved_at = models.DateTimeField(default=now)


class EngagementSample(models.Model):
    """A mention's counts when they were re-read for its story (stories/engagement.py); a
    count the platform does not give (views on Mastodon, shares on Reddit) is empty."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="engagement_samples")
    mention = models.ForeignKey(
        "listening.Mention", on_delete=models.CASCADE, related_name="engagement_samples"
    )
    at = models.DateTimeField()
    likes = models.PositiveBigIntegerField(null=True, blank=True)
    shares = models.PositiveBigIntegerField(null=True, blank=True)
    replies = models.PositiveBigIntegerField(null=True, blank=True)
    views = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("engagement sample")
        verbose_name_plural = _("engagement samples")
        constraints = [
            models.UniqueConstraint(fields=["mention", "at"], name="engagement_sample_once")
        ]
