"""Sources, watch queries, authors and mentions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sentinelle.core.choices import Channel
from sentinelle.core.clock import now


class SourceKind(models.TextChoices):
    RSS = "rss", _("RSS / Atom feed")
    MASTODON = "mastodon", "Mastodon"
    BLUESKY = "bluesky", "Bluesky"
    REDDIT = "reddit", "Reddit"
    IMAP = "imap", _("IMAP mailbox")
    FACEBOOK = "facebook", _("Facebook page (webhook)")
    WEBHOOK = "webhook", _("Signed webhook")
    YOUTUBE = "youtube", "YouTube"
    X = "x", "X"
    FORM = "form", _("Complaint form")
    FILE = "file", _("File import")


class Source(models.Model):
    """One place we listen to, with its connector's cursor and health."""

    brand = models.ForeignKey("brands.Brand", on_delete=models.CASCADE, related_name="sources")
    kind = models.CharField(_("kind"), max_length=20, choices=SourceKind.choices)
    channel = models.CharField(
        _("channel"), max_length=20, choices=Channel.choices, default=Channel.OTHER
    )
    name = models.CharField(_("name"), max_length=120)
    config = models.JSONField(_("configuration"), default=dict, blank=True)
    cursor = models.JSONField(default=dict, blank=True)
    enabled = models.BooleanField(_("enabled"), default=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)
    items_per_hour = models.FloatField(default=0.0)
    # Health (listening/health.py): consecutive failures, when the next fetch may happen
    # (backoff, Retry-After, rate limits), and since when the source is marked unhealthy.
    failures = models.PositiveIntegerField(default=0)
    next_fetch_at = models.DateTimeField(null=True, blank=True)
    unhealthy_since = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [models.UniqueConstraint(fields=["brand", "name"], name="source_unique_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def last_gap(self) -> SourceGap | None:
        """The latest stretch whose items may be lost (shown on the sources page)."""
        return self.gaps.order_by("-detected_at", "-pk").first()

    @property
    def pending_dead_letters(self) -> int:
        return self.dead_letters.filter(status=DeadLetterStatus.PENDING).count()


class WatchQuery(models.Model):
    """A boolean query saying which items concern the brand."""

    brand = models.ForeignKey(
        "brands.Brand", on_delete=models.CASCADE, related_name="watch_queries"
    )
    name = models.CharField(_("name"), max_length=120)
    query = models.TextField(_("query"))
    enabled = models.BooleanField(_("enabled"), default=True)
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("watch query")
        verbose_name_plural = _("watch queries")

    def __str__(self) -> str:
        return self.name


class Author(models.Model):
    """The account that wrote a mention, on one platform."""

    brand = models.ForeignKey("brands.Brand", on_delete=models.CASCADE, related_name="authors")
    platform = models.CharField(_("platform"), max_length=20, choices=Channel.choices)
    handle = models.CharField(_("handle"), max_length=255)
    display_name = models.CharField(_("display name"), max_length=255, blank=True)
    profile_url = models.URLField(_("profile URL"), max_length=1000, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    followers = models.PositiveBigIntegerField(_("followers or audience"), null=True, blank=True)
    is_brand = models.BooleanField(_("the brand's own account"), default=False)
    first_seen_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["handle"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        constraints = [
            models.UniqueConstraint(
                fields=["brand", "platform", "handle"], name="author_unique_handle"
            )
        ]

    def __str__(self) -> str:
        return self.display_name or self.handle


class Mention(models.Model):
    """One item about the brand: a post, comment, article, e-mail or form submission."""

    brand = models.ForeignKey("brands.Brand", on_delete=models.CASCADE, related_name="mentions")
    # RESTRICT: a source with mentions cannot be deleted alone, but its brand can be.
    source = models.ForeignKey(Source, on_delete=models.RESTRICT, related_name="mentions")
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    external_id = models.CharField(max_length=512)
    url = models.URLField(_("URL"), max_length=2000, blank=True)
    author = models.ForeignKey(
        Author, on_delete=models.SET_NULL, null=True, blank=True, related_name="mentions"
    )
    title = models.CharField(_("title"), max_length=500, blank=True)
    text_raw = models.TextField(_("text as received"))
    content_type = models.CharField(max_length=40, default="text/plain")
    text = models.TextField(_("plain text"))
    language = models.CharField(_("language"), max_length=8, default="und", db_index=True)
    published_at = models.DateTimeField(_("published"))
    fetched_at = models.DateTimeField(_("fetched"), default=now)
    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replies"
    )
    is_from_brand = models.BooleanField(default=False)
    engagement = models.JSONField(default=dict, blank=True)
    engagement_at = models.DateTimeField(null=True, blank=True)
    references = models.JSONField(default=dict, blank=True)
    fingerprint = models.CharField(max_length=32, db_index=True)
    raw = models.JSONField(default=dict, blank=True)

    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(max_length=20, blank=True)
    hidden_note = models.TextField(blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    analysis = models.JSONField(default=dict, blank=True)
    analyzed_at = models.DateTimeField(null=True, blank=True)
    is_complaint = models.BooleanField(null=True, blank=True)
    complaint_score = models.FloatField(null=True, blank=True)
    severity = models.PositiveSmallIntegerField(null=True, blank=True)
    sentiment = models.CharField(max_length=10, blank=True)
    sentiment_score = models.FloatField(null=True, blank=True)
    topic = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["-published_at"]
        verbose_name = _("mention")
        verbose_name_plural = _("mentions")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"], name="mention_unique_external_id"
            )
        ]
        indexes = [
            models.Index(fields=["brand", "-published_at"]),
            models.Index(fields=["brand", "is_complaint", "-published_at"]),
            models.Index(fields=["brand", "channel", "-published_at"]),
            models.Index(fields=["brand", "severity"]),
            models.Index(fields=["brand", "sentiment"]),
            models.Index(fields=["brand", "topic"]),
        ]

    def __str__(self) -> str:
        return f"{self.channel}:{self.external_id}"

    @property
    def author_label(self) -> str:
        """Who wrote it, for display ('' when the source gave no author)."""
        return (self.author.display_name or self.author.handle) if self.author_id else ""

    @property
    def hidden_by_label(self) -> str:
        user = self.hidden_by
        return (user.get_full_name() or user.get_username()) if user else ""


class Attachment(models.Model):
    """A file that came with a mention (form upload, e-mail attachment), never served publicly."""

    brand = models.ForeignKey("brands.Brand", on_delete=models.CASCADE, related_name="+")
    mention = models.ForeignKey(Mention, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="attachments/%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name


class LabelCorrection(models.Model):
    """An agent's correction of an automatic label: shown at once, and a training input."""

    class Field(models.TextChoices):
        COMPLAINT = "complaint", _("complaint")
        SEVERITY = "severity", _("severity")
        SENTIMENT = "sentiment", _("sentiment")
        TOPIC = "topic", _("topic")

    brand = models.ForeignKey("brands.Brand", on_delete=models.CASCADE, related_name="+")
    mention = models.ForeignKey(Mention, on_delete=models.CASCADE, related_name="corrections")
    field = models.CharField(max_length=20, choices=Field.choices)
    old_value = models.CharField(max_length=40, blank=True)
    new_value = models.CharField(max_length=40)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("label correction")
        verbose_name_plural = _("label corrections")

    def __str__(self) -> str:
        return f"{self.mention_id} {self.field}: {self.old_value} → {self.new_value}"


class SourceGap(models.Model):
    """A stretch of time whose items may be lost: the source was down for longer than its
    platform keeps items (`retention`), or a platform that lists only its latest items listed
    none seen before (`window`)."""

    class Kind(models.TextChoices):
        RETENTION = "retention", _("down longer than the platform keeps items")
        WINDOW = "window", _("none of the items listed had been seen before")

    brand = models.ForeignKey("brands.Brand", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.RETENTION)
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="gaps")
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    detected_at = models.DateTimeField(default=now)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-detected_at", "-pk"]
        verbose_name = _("gap in a source")
        verbose_name_plural = _("gaps in sources")

    def __str__(self) -> str:
        return f"{self.source}: {self.starts_at:%Y-%m-%d %H:%M} → {self.ends_at:%Y-%m-%d %H:%M}"


class DeadLetterStage(models.TextChoices):
    FETCH = "fetch", _("read by the connector")
    PARSE = "parse", _("validated by the worker")
    STORE = "store", _("stored")


class DeadLetterStatus(models.TextChoices):
    PENDING = "pending", _("waiting")
    RETRIED = "retried", _("retried, stored")
    DISCARDED = "discarded", _("discarded")


class DeadLetter(models.Model):
    """An item that could not be read or stored, kept with the reason and the raw payload."""

    brand = models.ForeignKey("brands.Brand", on_delete=models.CASCADE, related_name="+")
    source = models.ForeignKey(
        Source, on_delete=models.SET_NULL, null=True, blank=True, related_name="dead_letters"
    )
    stage = models.CharField(_("failed when"), max_length=10, choices=DeadLetterStage.choices)
    reason = models.TextField(_("reason"))
    payload = models.TextField(_("payload as received"))
    external_id = models.CharField(max_length=512, blank=True)
    # The same bad item seen again (a feed re-read, a batch replayed) counts as one more attempt.
    digest = models.CharField(max_length=64, db_index=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DeadLetterStatus.choices,
        default=DeadLetterStatus.PENDING,
    )
    attempts = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=now)
    last_attempt_at = models.DateTimeField(default=now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("dead letter")
        verbose_name_plural = _("dead letters")
        indexes = [models.Index(fields=["brand", "status", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_stage_display()}: {self.reason[:80]}"


class BusEntry(models.Model):
    """One raw item on the embedded bus (a durable log in the database), deleted when stored."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="+")
    payload = models.JSONField()
    published_at = models.DateTimeField(default=now)

    class Meta:
        verbose_name = _("bus entry")
        verbose_name_plural = _("bus entries")

    def __str__(self) -> str:
        return f"#{self.pk} ({self.source_id})"
