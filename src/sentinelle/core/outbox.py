"""Side effects after commit: queue a message in the outbox, deliver it later with retries."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import smtplib
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F
from django.utils.translation import gettext as _

from sentinelle.core import http
from sentinelle.core.clock import now
from sentinelle.core.models import Outbox, OutboxKind

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 8
LEASE = timedelta(minutes=5)
PERMANENT_ERRORS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, KeyError)


def enqueue(
    kind: str, payload: dict[str, Any], *, brand: Any = None, dedupe_key: str | None = None
) -> Outbox:
    """Queue a message; with a dedupe key, queuing the same message twice queues it once."""
    if dedupe_key:
        message, _ = Outbox.objects.get_or_create(
            dedupe_key=dedupe_key, defaults={"kind": kind, "payload": payload, "brand": brand}
        )
        return message
    return Outbox.objects.create(kind=kind, payload=payload, brand=brand)


def enqueue_email(
    *, to: str, subject: str, body: str, brand: Any = None, dedupe_key: str | None = None
) -> Outbox:
    return enqueue(
        OutboxKind.EMAIL,
        {"to": to, "subject": subject, "body": body},
        brand=brand,
        dedupe_key=dedupe_key,
    )


def _send_email(payload: dict[str, Any]) -> None:
    EmailMessage(
        subject=payload["subject"].replace("\n", " ")[:200],
        body=payload["body"],
        to=[payload["to"]],
    ).send(fail_silently=False)


def _post_json(payload: dict[str, Any]) -> None:
    """POST a JSON body to an incoming webhook through the guarded client.

    With a `secret`, the body is signed: `X-Sentinelle-Timestamp` (Unix seconds) and
    `X-Sentinelle-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`, so the
    receiver can check it came from us and refuse replays older than a few minutes.
    """
    body = json.dumps(payload["json"], ensure_ascii=False, sort_keys=True).encode()
    headers = {"Content-Type": "application/json; charset=utf-8"}
    if payload.get("secret"):
        stamp = str(int(now().timestamp()))
        mac = hmac.new(payload["secret"].encode(), stamp.encode() + b"." + body, hashlib.sha256)
        headers["X-Sentinelle-Timestamp"] = stamp
        headers["X-Sentinelle-Signature"] = "sha256=" + mac.hexdigest()
    http.fetch(
        payload["url"],
        method="POST",
        headers=headers,
        data=body,
        max_bytes=100_000,
        timeout=10,
        allow_private=settings.SENTINELLE_OUTBOUND_ALLOW_PRIVATE,
    )


SENDERS = {
    OutboxKind.EMAIL: _send_email,
    OutboxKind.SLACK: _post_json,
    OutboxKind.TEAMS: _post_json,
    OutboxKind.WEBHOOK: _post_json,
}


def backoff(attempts: int) -> timedelta:
    """Capped exponential backoff: 1, 2, 4… minutes, at most an hour."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 60))


def deliver_pending(*, limit: int = 50) -> int:
    """Send what is due, outside any transaction; returns how many were sent.

    A message is claimed with a lease first, so two loops never send it at the same time;
    if the process dies mid-send, the lease expires and the message goes again (at least once).
    """
    sent = 0
    started = now()
    due = (
        Outbox.objects.filter(
            sent_at__isnull=True,
            failed_permanently=False,
            next_attempt_at__lte=started,
            kind__in=list(SENDERS),
        )
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    for pk in list(due):
        claimed = Outbox.objects.filter(
            pk=pk, sent_at__isnull=True, next_attempt_at__lte=started
        ).update(attempts=F("attempts") + 1, next_attempt_at=started + LEASE)
        if not claimed:
            continue
        message = Outbox.objects.get(pk=pk)
        try:
            SENDERS[OutboxKind(message.kind)](message.payload)
        except Exception as exc:  # every failure is recorded on the row, none is lost
            message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            permanent = isinstance(exc, PERMANENT_ERRORS) or (
                isinstance(exc, http.FetchError) and not exc.retryable
            )
            message.failed_permanently = permanent or message.attempts >= MAX_ATTEMPTS
            wait = backoff(message.attempts)
            if isinstance(exc, http.FetchError) and exc.retry_after:
                wait = max(wait, timedelta(seconds=min(exc.retry_after, 86_400)))
            message.next_attempt_at = now() + wait
            log.warning("outbox %s attempt %s failed: %s", pk, message.attempts, exc)
        else:
            message.sent_at = now()
            message.last_error = ""
            sent += 1
        message.save(
            update_fields=["sent_at", "last_error", "failed_permanently", "next_attempt_at"]
        )
    return sent


def delivery_state(message: Outbox | None) -> tuple[str, str] | None:
    """(state, words for the agent) of a queued message: sent, waiting, or failed and why."""
    if message is None:
        return None
    if message.sent_at is not None:
        return "sent", str(_("sent"))
    if message.failed_permanently:
        return "failed", str(_("not delivered: %(error)s") % {"error": message.last_error[:120]})
    if message.last_error:
        return "retrying", str(_("retrying (%(error)s)") % {"error": message.last_error[:120]})
    return "pending", str(_("waiting to be sent"))
