"""Playbooks and holding statements: what a brand does, and says, once a story is serious."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sentinelle.core.choices import RISK_ORDER, RiskLevel
from sentinelle.core.clock import now
from sentinelle.listening.models import Mention
from sentinelle.stories.models import HoldingStatement, Playbook, StatementStatus, Story

MAX_STATEMENT_CHARS = 5000

DEFAULT_STEPS = (
    gettext_lazy("Name one lead in charge of the story and tell PR now."),
    gettext_lazy("Check the facts with the team concerned (product, R&D, logistics, billing)."),
    gettext_lazy("Approve a holding statement in French and in English, within the hour."),
    gettext_lazy(
        "Answer every complainant personally: the statement, then their own case, with a name "
        "and a time."
    ),
    gettext_lazy("Involve legal when there are threats of legal action or safety issues."),
    gettext_lazy("Give journalists who call the same statement; never a different story."),
    gettext_lazy("Follow the story until it is quiet; close every case with a final answer."),
)
DEFAULT_INVOLVE = gettext_lazy("PR, the department concerned, legal if needed")
DEFAULT_STATEMENT = {
    "fr": (
        "Bonjour, nous avons vu vos messages au sujet de {subject} et nous comprenons votre "
        "inquiétude. Nos équipes vérifient en ce moment ce qui s'est passé. Nous publierons ici "
        "ce que nous avons trouvé d'ici {deadline} et nous répondons à chacun d'entre vous "
        "personnellement. {brand}"
    ),
    "en": (
        "Hello, we have seen your messages about {subject} and we understand your concern. Our "
        "teams are checking what happened right now. We will post what we found here by "
        "{deadline} and we are answering each of you personally. {brand}"
    ),
}


@dataclass(frozen=True)
class Offer:
    """The playbook offered for a story: from the brand's own, or Sentinelle's default."""

    name: str
    steps: list[str]
    involve: str
    statement_fr: str
    statement_en: str
    playbook: Playbook | None


def story_topic(story: Story) -> str:
    """The topic most of the story's mentions carry ('' when none)."""
    topics = Counter(
        Mention.objects.filter(story_link__story=story)
        .exclude(topic="")
        .values_list("topic", flat=True)[:2000]
    )
    return topics.most_common(1)[0][0] if topics else ""


def offer_playbook(story: Story) -> Offer | None:
    """The brand's playbook for this story's level and topic; the default one from alert."""
    level = RISK_ORDER[story.risk_level]
    topic = story_topic(story)
    fitting = [
        p
        for p in Playbook.objects.filter(brand_id=story.brand_id)
        if RISK_ORDER[p.min_level] <= level and (not p.topics or topic in p.topics)
    ]
    if fitting:
        best = max(fitting, key=lambda p: (bool(p.topics), RISK_ORDER[p.min_level], -p.pk))
        return Offer(
            best.name,
            best.step_list,
            best.involve,
            best.statement_fr or DEFAULT_STATEMENT["fr"],
            best.statement_en or DEFAULT_STATEMENT["en"],
            best,
        )
    if level < RISK_ORDER[RiskLevel.ALERT]:
        return None
    return Offer(
        str(_("Sentinelle's default playbook")),
        [str(s) for s in DEFAULT_STEPS],
        str(DEFAULT_INVOLVE),
        DEFAULT_STATEMENT["fr"],
        DEFAULT_STATEMENT["en"],
        None,
    )


def _fill(template: str, values: dict[str, str]) -> str:
    out = template
    for key, value in values.items():
        out = out.replace("{" + key + "}", value)
    return out


def draft_texts(story: Story, offer: Offer) -> tuple[str, str]:
    """The statement template filled with the story's subject; the lead edits the rest."""
    subject = story.title[:80]
    values_fr = {"subject": f"« {subject} »", "deadline": "[heure]", "brand": story.brand.name}
    values_en = {"subject": f"“{subject}”", "deadline": "[time]", "brand": story.brand.name}
    return _fill(offer.statement_fr, values_fr), _fill(offer.statement_en, values_en)


class StatementError(Exception):
    """A statement that cannot be saved or approved; the message says why."""


@transaction.atomic
def do_save_statement(story: Story, *, author: Any, text_fr: str, text_en: str) -> HoldingStatement:
    """A new draft version of the story's statement."""
    text_fr, text_en = text_fr.strip(), text_en.strip()
    if not text_fr and not text_en:
        raise StatementError(_("Write the statement in French, in English or both."))
    if max(len(text_fr), len(text_en)) > MAX_STATEMENT_CHARS:
        raise StatementError(_("A statement is at most 5,000 characters per language."))
    Story.objects.select_for_update().filter(pk=story.pk).first()
    top = story.statements.aggregate(v=Max("version"))["v"] or 0
    return HoldingStatement.objects.create(
        story=story, version=top + 1, text_fr=text_fr, text_en=text_en, created_by=author
    )


@transaction.atomic
def do_approve_statement(statement: HoldingStatement, *, approver: Any) -> HoldingStatement:
    """A lead approves a draft; the version approved before it is superseded."""
    statement = HoldingStatement.objects.select_for_update().get(pk=statement.pk)
    if statement.status != StatementStatus.DRAFT:
        raise StatementError(_("Only a draft can be approved."))
    HoldingStatement.objects.filter(
        story_id=statement.story_id, status=StatementStatus.APPROVED
    ).update(status=StatementStatus.SUPERSEDED)
    statement.status = StatementStatus.APPROVED
    statement.approved_by = approver
    statement.approved_at = now()
    statement.save(update_fields=["status", "approved_by", "approved_at"])
    return statement


def current_statement(story_id: int | None) -> HoldingStatement | None:
    """The approved statement of a story, if any."""
    if not story_id:
        return None
    return (
        HoldingStatement.objects.filter(story_id=story_id, status=StatementStatus.APPROVED)
        .order_by("-version")
        .first()
    )
