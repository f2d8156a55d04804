"""Customer, case, and the append-only case event log."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sentinelle.core.choices import RISK_ORDER, Channel, RiskLevel
from sentinelle.core.clock import now


class CaseStatus(models.TextChoices):
    NEW = "new", _("new")
    ACKNOWLEDGED = "acknowledged", _("acknowledged")
    OWNED = "owned", _("taken in charge")
    WAITING = "waiting", _("waiting on customer")
    RESOLVED = "resolved", _("resolved")
    CLOSED = "closed", _("closed")


class Outcome(models.TextChoices):
    POSITIVE = "positive", _("positive")
    NEGATIVE = "negative", _("negative")


class Customer(models.Model):
    """One person behind several authors, e-mails and order or account numbers."""

    brand = models.ForeignKey("brands.Brand", on_delete=models.CASCADE, related_name="customers")
    display_name = models.CharField(_("name"), max_length=255, blank=True)
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["display_name"]
        verbose_name = _("customer")
        verbose_name_plural = _("customers")

    def __str__(self) -> str:
        return self.display_name or f"#{self.pk}"


class IdentifierKind(models.TextChoices):
    EMAIL = "email", _("e-mail")
    PHONE = "phone", _("phone")
    ORDER = "order", _("order number")
    ACCOUNT = "account", _("account number")


class CustomerIdentifier(models.Model):
    """An e-mail, phone, order or account number that points to one customer."""

    brand = models.ForeignKey("brands.Brand", on_delete=models.CASCADE, related_name="+")
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="identifiers")
    kind = models.CharField(max_length=10, choices=IdentifierKind.choices)
    value = models.CharField(max_length=255)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["brand", "kind", "value"], name="customer_identifier_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}"


class CustomerAuthor(models.Model):
    """The link between a platform account and the customer behind it."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="author_links")
    author = models.OneToOneField(
        "listening.Author", on_delete=models.CASCADE, related_name="customer_link"
    )
    confirmed = models.BooleanField(default=True)
    reason = models.CharField(max_length=200, blank=True)
    linked_at = models.DateTimeField(default=now)


class Case(models.Model):
    """One customer's complaint, handled to closure by one named owner."""

    brand = models.ForeignKey("brands.Brand", on_delete=models.CASCADE, related_name="cases")
    reference = models.CharField(_("reference"), max_length=32)
    title = models.CharField(_("title"), max_length=300)
    customer = models.ForeignKey(
        Customer, on_delete=models.SET_NULL, null=True, blank=True, related_name="cases"
    )
    story = models.ForeignKey(
        "stories.Story", on_delete=models.SET_NULL, null=True, blank=True, related_name="cases"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.NEW
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_cases",
        verbose_name=_("owner"),
    )
    consulted_departments = models.ManyToManyField(
        "brands.Department", blank=True, related_name="consulted_cases"
    )
    risk_level = models.CharField(
        _("risk level"), max_length=10, choices=RiskLevel.choices, default=RiskLevel.QUIET
    )
    channel = models.CharField(
        _("channel"), max_length=20, choices=Channel.choices, default=Channel.OTHER
    )
    opened_at = models.DateTimeField(_("opened"), default=now)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    owned_at = models.DateTimeField(_("taken in charge"), null=True, blank=True)
    first_answered_at = models.DateTimeField(_("first answered"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    final_answer = models.TextField(_("final answer"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    compensation = models.CharField(_("compensation"), max_length=300, blank=True)
    compensation_amount = models.DecimalField(
        max_digits=10, decimal_places=2, null=True, blank=True
    )
    updated_at = models.DateTimeField(default=now)
    # The risk level as a number, kept by save(), so the inbox sorts on an index.
    risk_rank = models.PositiveSmallIntegerField(default=0, editable=False)
    sla_due_at = models.DateTimeField(_("next SLA due time"), null=True, blank=True)
    sla_state = models.CharField(_("SLA state"), max_length=12, blank=True)

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [
            models.UniqueConstraint(fields=["brand", "reference"], name="case_unique_reference"),
            models.CheckConstraint(
                condition=Q(status__in=["new", "acknowledged"]) | Q(owner__isnull=False),
                name="case_owned_beyond_acknowledged",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["resolved", "closed"]) | ~Q(final_answer=""),
                name="case_resolved_with_final_answer",
            ),
        ]
        indexes = [
            models.Index(fields=["brand", "status", "risk_level"]),
            models.Index(fields=["brand", "sla_due_at"]),
            models.Index(fields=["brand", "-risk_rank", "sla_due_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.risk_rank = RISK_ORDER.get(self.risk_level, 0)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "risk_level" in update_fields:
            kwargs["update_fields"] = {*update_fields, "risk_rank"}
        super().save(*args, **kwargs)


class CaseMention(models.Model):
    """A mention attached to a case (a mention belongs to at most one case)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="mention_links")
    mention = models.OneToOneField(
        "listening.Mention", on_delete=models.CASCADE, related_name="case_link"
    )
    added_at = models.DateTimeField(default=now)


class CaseEventKind(models.TextChoices):
    OPENED = "opened", _("opened")
    ACKNOWLEDGED = "acknowledged", _("acknowledged")
    ASSIGNED = "assigned", _("owner named")
    DEPARTMENT_CONSULTED = "department_consulted", _("department consulted")
    WAITING = "waiting", _("waiting on customer")
    RESUMED = "resumed", _("customer answered")
    RESOLVED = "resolved", _("resolved")
    CLOSED = "closed", _("closed")
    REOPENED = "reopened", _("reopened")
    MENTION_ATTACHED = "mention_attached", _("mention attached")
    ANSWERED = "answered", _("answer sent")
    NOTE = "note", _("internal note")
    COMPENSATION_CONFIRMED = (
        "compensation_confirmed",
        _("compensation kept despite comparable cases"),
    )
    PLAYBOOK_STEP = "playbook_step", _("killer post step")
    PAGE_WATCH_STARTED = "page_watch_started", _("article watched")
    PAGE_CHANGED = "page_changed", _("article changed")
    PAGE_UPDATE_NOTE = "page_update_note", _("update note on the article")
    PAGE_GONE = "page_gone", _("article gone")
    PAGE_WATCH_FAILED = "page_watch_failed", _("article cannot be fetched")


class AppendOnlyError(Exception):
    """Case events are never changed nor deleted."""


class CaseEventQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("case events are append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("case events are append-only")


class CaseEvent(models.Model):
    """An append-only record of one change to a case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30, choices=CaseEventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=now, db_index=True)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    data = models.JSONField(default=dict, blank=True)

    objects = CaseEventQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("case event")
        verbose_name_plural = _("case events")

    def __str__(self) -> str:
        return f"{self.case_id}:{self.kind}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("case events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("case events are append-only")


class SlaPolicy(models.Model):
    """Time targets for a brand's cases, by risk level and channel (blank = any)."""

    brand = models.ForeignKey("brands.Brand", on_delete=models.CASCADE, related_name="sla_policies")
    name = models.CharField(_("name"), max_length=120)
    risk_level = models.CharField(
        _("risk level"), max_length=10, choices=RiskLevel.choices, blank=True
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, blank=True)
    acknowledge_minutes = models.PositiveIntegerField(
        _("time to acknowledge (minutes)"), default=60
    )
    owner_minutes = models.PositiveIntegerField(_("time to a named owner (minutes)"), default=120)
    first_answer_minutes = models.PositiveIntegerField(
        _("time to a first answer (minutes)"), default=240
    )
    update_minutes = models.PositiveIntegerField(_("time between updates (minutes)"), default=1440)
    resolution_minutes = models.PositiveIntegerField(
        _("time to resolution (minutes)"), default=7 * 540
    )
    warn_before_minutes = models.PositiveIntegerField(
        _("warn before a breach (minutes)"), default=30
    )
    business_hours_only = models.BooleanField(_("count business hours only"), default=True)

    class Meta:
        verbose_name = _("SLA policy")
        verbose_name_plural = _("SLA policies")

    def __str__(self) -> str:
        return self.name


class CaseRule(models.Model):
    """When a stored complaint opens a case (or joins its customer's open case) on its own."""

    brand = models.ForeignKey("brands.Brand", on_delete=models.CASCADE, related_name="case_rules")
    name = models.CharField(_("name"), max_length=120)
    enabled = models.BooleanField(_("enabled"), default=True)
    min_complaint_score = models.FloatField(_("minimum complaint score (0–1)"), default=0.5)
    min_severity = models.PositiveSmallIntegerField(_("minimum severity (1–4)"), default=1)
    channels = models.JSONField(
        _("channels"), default=list, blank=True, help_text=_("Empty means every channel.")
    )

    class Meta:
        verbose_name = _("case rule")
        verbose_name_plural = _("case rules")

    def __str__(self) -> str:
        return self.name

    def matches(self, mention: Any) -> bool:
        return bool(
            self.enabled
            and mention.is_complaint
            and not mention.is_from_brand
            and (mention.complaint_score or 0) >= self.min_complaint_score
            and (mention.severity or 0) >= self.min_severity
            and (not self.channels or mention.channel in self.channels)
        )


class CaseNote(models.Model):
    """An internal note on a case: for the team only, never shown to the customer."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("note"))
    mentioned = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")

    def __str__(self) -> str:
        return self.text[:40]


class LinkSuggestion(models.Model):
    """A weaker match: this author may be that customer; an agent confirms or rejects."""

    class Status(models.TextChoices):
        PENDING = "pending", _("to check")
        CONFIRMED = "confirmed", _("confirmed")
        REJECTED = "rejected", _("rejected")

    brand = models.ForeignKey("brands.Brand", on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey("listening.Author", on_delete=models.CASCADE, related_name="+")
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="suggestions")
    score = models.FloatField(default=0.0)
    reasons = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["author", "customer"], name="suggestion_unique_pair")
        ]


class PlaybookStep(models.TextChoices):
    """The killer-post playbook, in order; removal is never one of its steps."""

    CONTACT_AUTHOR = "contact_author", _("Contact the author privately")
    FIX_PROBLEM = "fix_problem", _("Fix the problem")
    ASK_UPDATE_NOTE = (
        "ask_update_note",
        _("Politely ask for an update note at the bottom of the article"),
    )


class KillerPostStep(models.Model):
    """One step of the killer-post playbook on a case: done (by whom, when) or not yet."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="playbook_steps")
    step = models.CharField(max_length=20, choices=PlaybookStep.choices)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("killer post step")
        verbose_name_plural = _("killer post steps")
        constraints = [
            models.UniqueConstraint(fields=["case", "step"], name="killer_post_step_unique")
        ]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.step}"


class PageWatch(models.Model):
    """An article about a case, fetched again now and then: did it change, gain an update
    note, or disappear?"""

    brand = models.ForeignKey("brands.Brand", on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="page_watches")
    url = models.URLField(_("URL"), max_length=2000)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    etag = models.CharField(max_length=300, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    baseline_at = models.DateTimeField(null=True, blank=True)
    baseline_hash = models.CharField(max_length=64, blank=True)
    baseline_excerpt = models.TextField(blank=True)
    baseline_text = models.TextField(blank=True)
    content_hash = models.CharField(max_length=64, blank=True)
    last_fetched_at = models.DateTimeField(null=True, blank=True)
    last_status = models.PositiveSmallIntegerField(null=True, blank=True)
    changed_at = models.DateTimeField(null=True, blank=True)
    change_count = models.PositiveIntegerField(default=0)
    update_note_at = models.DateTimeField(null=True, blank=True)
    update_note_excerpt = models.TextField(blank=True)
    gone_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    failures = models.PositiveIntegerField(default=0)
    next_fetch_at = models.DateTimeField(default=now)

    class Meta:
        verbose_name = _("watched article")
        verbose_name_plural = _("watched articles")
        constraints = [
            models.UniqueConstraint(fields=["case", "url"], name="page_watch_unique_url")
        ]
        indexes = [models.Index(fields=["active", "next_fetch_at"])]

    def __str__(self) -> str:
        return self.url
