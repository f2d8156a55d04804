"""The write path for files received with a mention."""

from __future__ import annotations

from sentinelle.listening.models import Attachment, Mention


def do_attach_stored_file(
    mention: Mention, *, path: str, name: str, content_type: str, size: int, sha256: str
) -> Attachment:
    """Record a checked file, already in storage, as an attachment of the mention."""
    attachment, _ = Attachment.objects.get_or_create(
        mention=mention,
        sha256=sha256,
        original_name=name[:255],
        defaults={
            "brand_id": mention.brand_id,
            "file": path,
            "content_type": content_type,
            "size": size,
        },
    )
    return attachment
