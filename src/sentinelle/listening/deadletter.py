"""Dead letters: items that could not be read or stored, kept with the reason and the raw
payload (size-capped) while everything else goes on. An admin retries or discards them."""

from __future__ import annotations

import hashlib
import json
import logging
from typing import Any

from django.db import DatabaseError, transaction

from sentinelle.core.clock import now
from sentinelle.listening.connectors import MAX_REJECT_PAYLOAD, ConnectorError, connector_for
from sentinelle.listening.items import ItemError, RawItem
from sentinelle.listening.models import DeadLetter, DeadLetterStage, DeadLetterStatus, Source

log = logging.getLogger(__name__)


def payload_text(payload: Any) -> str:
    """The payload as text, cut to the cap (JSON for anything that is not text already)."""
    if not isinstance(payload, str):
        payload = json.dumps(payload, ensure_ascii=False, default=str)
    return payload[:MAX_REJECT_PAYLOAD]


def do_record_dead_letter(
    source: Source, *, stage: str, reason: str, payload: Any, external_id: str | None = None
) -> DeadLetter:
    """Keep a bad item; the same item seen again counts as one more attempt, not a new row."""
    text = payload_text(payload)
    digest = hashlib.sha256(f"{source.pk}\0{stage}\0{text}".encode()).hexdigest()
    stamp = now()
    log.warning("dead letter from source %s (%s): %s", source.pk, stage, reason[:200])
    letter = DeadLetter.objects.filter(digest=digest, status=DeadLetterStatus.PENDING).first()
    if letter is not None:
        letter.attempts += 1
        letter.reason = reason[:2000]
        letter.last_attempt_at = stamp
        letter.save(update_fields=["attempts", "reason", "last_attempt_at"])
        return letter
    return DeadLetter.objects.create(
        brand_id=source.brand_id,
        source=source,
        stage=stage,
        reason=reason[:2000],
        payload=text,
        external_id=(external_id or "")[:512],
        digest=digest,
        created_at=stamp,
        last_attempt_at=stamp,
    )


def _read(letter: DeadLetter, source: Source) -> RawItem:
    from sentinelle.listening.bus import decode_item

    if letter.stage == DeadLetterStage.FETCH:
        # A connector may know how to read its platform's raw format again (after a fix).
        connector = connector_for(source.kind, source.config)
        parse = getattr(connector, "parse_payload", None)
        if parse is not None:
            return parse(letter.payload)
    try:
        data = json.loads(letter.payload)
    except ValueError as exc:
        raise ItemError(f"the payload is not JSON in the import format: {exc}") from None
    return decode_item(data)


def do_retry_dead_letter(letter: DeadLetter, *, actor: Any) -> str | None:
    """Read and store the item again: None when it is stored now, else the new reason."""
    from sentinelle.listening.ingest import ingest_items

    if letter.status != DeadLetterStatus.PENDING:
        return None
    source = letter.source
    try:
        if source is None:
            raise ItemError("its source was deleted")
        item = _read(letter, source)
        with transaction.atomic():
            ingest_items(source, [item])
            letter.status = DeadLetterStatus.RETRIED
            letter.resolved_at = letter.last_attempt_at = now()
            letter.resolved_by = actor
            letter.attempts += 1
            letter.save()
    except (ItemError, ConnectorError, ValueError, TypeError, DatabaseError) as exc:
        letter.refresh_from_db()
        letter.attempts += 1
        letter.reason = f"{type(exc).__name__}: {exc}"[:2000]
        letter.last_attempt_at = now()
        letter.save(update_fields=["attempts", "reason", "last_attempt_at"])
        return letter.reason
    return None


def do_discard_dead_letter(letter: DeadLetter, *, actor: Any) -> None:
    """Give up on the item; the row stays, marked, with who discarded it and when."""
    if letter.status != DeadLetterStatus.PENDING:
        return
    letter.status = DeadLetterStatus.DISCARDED
    letter.resolved_at = now()
    letter.resolved_by = actor
    letter.save(update_fields=["status", "resolved_at", "resolved_by"])
