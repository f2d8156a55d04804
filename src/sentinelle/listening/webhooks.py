"""Webhook sources: the platform calls us. A Facebook page feed (Graph webhooks) and a generic
signed JSON webhook. Items go to the bus like any connector's; bad items to the dead letters.

An endpoint whose source has no secret configured refuses everything (403). Signatures are
checked in constant time over the exact bytes received; bodies over `MAX_BODY` are refused
before they are read; a signed request older than `REPLAY_WINDOW_S` is refused, and an item
seen before is stored once anyway (unique per source and id).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from datetime import UTC, datetime
from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from sentinelle.core.choices import Channel
from sentinelle.listening.bus import encode_item, get_bus
from sentinelle.listening.deadletter import do_record_dead_letter
from sentinelle.listening.items import AuthorInfo, ItemError, RawItem, item_from_dict
from sentinelle.listening.models import DeadLetterStage, Source, SourceKind

log = logging.getLogger(__name__)
MAX_BODY = 1_000_000
MAX_ITEMS = 1000
REPLAY_WINDOW_S = 300


def _refuse(status: int, message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def _body(request: HttpRequest) -> bytes | None:
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not length.isdigit() or int(length) > MAX_BODY:
        return None
    return request.body


def _signed(secret: str, message: bytes, given: str) -> bool:
    expected = "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), given.strip().encode())


def _publish(source: Source, items: list[RawItem], rejects: list[tuple[str, Any]]) -> None:
    with transaction.atomic():
        for reason, payload in rejects:
            do_record_dead_letter(
                source, stage=DeadLetterStage.FETCH, reason=reason, payload=payload
            )
        if items:
            get_bus().publish(source, [encode_item(i) for i in items])


@csrf_exempt
@require_http_methods(["GET", "POST"])
def facebook_webhook(request: HttpRequest, source_id: int) -> HttpResponse:
    """Graph webhooks for a page's feed: the verify-token handshake (GET) and events (POST,
    `X-Hub-Signature-256` with the app secret)."""
    source = get_object_or_404(Source, pk=source_id, kind=SourceKind.FACEBOOK, enabled=True)
    config = source.config or {}
    app_secret, verify_token = config.get("app_secret"), config.get("verify_token")
    if not isinstance(app_secret, str) or not app_secret or not isinstance(verify_token, str):
        return _refuse(403, "this source has no app_secret and verify_token configured")
    if request.method == "GET":
        given = request.GET.get("hub.verify_token", "")
        if request.GET.get("hub.mode") != "subscribe" or not hmac.compare_digest(
            given.encode(), verify_token.encode()
        ):
            return _refuse(403, "wrong verify token")
        return HttpResponse(request.GET.get("hub.challenge", "")[:200], content_type="text/plain")
    body = _body(request)
    if body is None:
        return _refuse(413, f"body over {MAX_BODY} bytes")
    if not _signed(app_secret, body, request.headers.get("X-Hub-Signature-256", "")):
        return _refuse(403, "bad or missing X-Hub-Signature-256")
    try:
        document = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        _publish(source, [], [("the body is not JSON", body)])
        return _refuse(400, "the body is not JSON")
    items, rejects = facebook_items(document)
    _publish(source, items, rejects)
    return JsonResponse({"received": len(items), "rejected": len(rejects)})


def facebook_items(document: Any) -> tuple[list[RawItem], list[tuple[str, Any]]]:
    """Items of a `page` feed event: posts and comments added or edited; the rest is skipped."""
    items: list[RawItem] = []
    rejects: list[tuple[str, Any]] = []
    if not isinstance(document, dict) or document.get("object") != "page":
        return items, [("not a page event (object is not 'page')", document)]
    entries = document.get("entry")
    if not isinstance(entries, list):
        return items, [("entry is not a list", document)]
    now_s = time.time()
    for entry in entries[:MAX_ITEMS]:
        if not isinstance(entry, dict):
            rejects.append(("an entry is not an object", entry))
            continue
        stamp = entry.get("time")
        if (
            isinstance(stamp, int | float)
            and now_s - stamp / (1000 if stamp > 1e11 else 1) > 86_400
        ):
            rejects.append(("event older than a day (a replay?)", entry))
            continue
        for change in entry.get("changes") or []:
            value = change.get("value") if isinstance(change, dict) else None
            if not isinstance(change, dict) or change.get("field") != "feed":
                continue
            if not isinstance(value, dict) or value.get("verb") not in {"add", "edited"}:
                continue
            if value.get("item") not in {"post", "status", "comment", "photo", "video"}:
                continue
            try:
                items.append(_facebook_item(value))
            except (ItemError, TypeError, ValueError) as exc:
                rejects.append((f"feed change: {exc}", change))
    return items, rejects


def _facebook_item(value: dict[str, Any]) -> RawItem:
    is_comment = value.get("item") == "comment"
    external_id = value.get("comment_id") if is_comment else value.get("post_id")
    if not isinstance(external_id, str) or not external_id:
        raise ItemError("comment_id/post_id missing")
    text = value.get("message")
    if not isinstance(text, str) or not text.strip():
        raise ItemError("message missing or empty")
    created = value.get("created_time")
    if isinstance(created, int | float):
        published = datetime.fromtimestamp(created, tz=UTC)
    elif isinstance(created, str):
        published = datetime.fromisoformat(created.replace("Z", "+00:00"))
        if published.tzinfo is None:
            raise ItemError("created_time has no time zone")
    else:
        raise ItemError("created_time missing")
    sender = value.get("from") if isinstance(value.get("from"), dict) else {}
    parent = value.get("parent_id") if is_comment else None
    return RawItem(
        external_id=external_id[:512],
        text=text[:200_000],
        published_at=min(published, datetime.now(tz=UTC)),
        channel=Channel.FACEBOOK,
        url=f"https://www.facebook.com/{external_id}"
        if external_id.replace("_", "").isdigit()
        else "",
        author=AuthorInfo(
            handle=str(sender.get("id"))[:150], name=str(sender.get("name") or "")[:255]
        )
        if sender.get("id")
        else None,
        parent_external_id=parent if isinstance(parent, str) and parent != external_id else None,
    )


@csrf_exempt
@require_http_methods(["POST"])
def json_webhook(request: HttpRequest, source_id: int) -> HttpResponse:
    """A generic signed webhook: `X-Sentinelle-Timestamp` (Unix seconds) and
    `X-Sentinelle-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`; the body is one
    item in the import format, a list of them, or `{"items": [...]}`."""
    source = get_object_or_404(Source, pk=source_id, kind=SourceKind.WEBHOOK, enabled=True)
    secret = (source.config or {}).get("secret")
    if not isinstance(secret, str) or len(secret) < 16:
        return _refuse(403, "this source has no secret configured (16 characters or more)")
    body = _body(request)
    if body is None:
        return _refuse(413, f"body over {MAX_BODY} bytes")
    stamp = request.headers.get("X-Sentinelle-Timestamp", "")
    if not stamp.isdigit() or abs(time.time() - int(stamp)) > REPLAY_WINDOW_S:
        return _refuse(403, "missing or stale X-Sentinelle-Timestamp (5 minutes at most)")
    if not _signed(
        secret, stamp.encode() + b"." + body, request.headers.get("X-Sentinelle-Signature", "")
    ):
        return _refuse(403, "bad or missing X-Sentinelle-Signature")
    try:
        document = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        _publish(source, [], [("the body is not JSON", body)])
        return _refuse(400, "the body is not JSON")
    raw = document.get("items") if isinstance(document, dict) and "items" in document else document
    raw = raw if isinstance(raw, list) else [raw]
    items, rejects = [], []
    for entry in raw[:MAX_ITEMS]:
        try:
            items.append(item_from_dict(entry))
        except (ItemError, TypeError, AttributeError) as exc:
            rejects.append((f"item: {exc}", entry))
    if len(raw) > MAX_ITEMS:
        rejects.append((f"more than {MAX_ITEMS} items in one request: the rest was refused", ""))
    _publish(source, items, rejects)
    return JsonResponse({"received": len(items), "rejected": len(rejects)})
