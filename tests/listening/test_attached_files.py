"""Files a connector received with an item are stored as attachments, not kept in `raw`."""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, datetime

from sentinelle.listening.ingest import ingest_items
from sentinelle.listening.items import AuthorInfo, RawItem
from sentinelle.listening.models import Attachment, Mention, Source


def test_an_email_attachment_becomes_a_stored_attachment(brand):
    source = Source.objects.create(brand=brand, name="Boîte SAV", kind="imap", channel="email")
    data = b"%PDF-1.4 facture VN-1234"
    item = RawItem(
        external_id="<m1@example.org>",
        text="Bonjour, ma facture est fausse, voir la pièce jointe.",
        published_at=datetime(2026, 11, 17, 9, 0, tzinfo=UTC),
        channel="email",
        author=AuthorInfo(handle="nadia@example.org", email="nadia@example.org"),
        extra={
            "attachments": [
                {
                    "name": "../../facture.pdf",
                    "content_type": "application/pdf",
                    "size": len(data),
                    "sha256": hashlib.sha256(data).hexdigest(),
                    "content_base64": base64.b64encode(data).decode(),
                },
                {"name": "broken.bin", "content_base64": "%%% not base64"},
            ]
        },
    )
    ingest_items(source, [item])
    mention = Mention.objects.get(source=source)
    assert "content_base64" not in str(mention.raw)
    assert mention.raw["attachments"][0]["name"] == "../../facture.pdf"
    attachment = Attachment.objects.get(mention=mention)
    assert attachment.size == len(data) and attachment.content_type == "application/pdf"
    assert ".." not in attachment.file.name and attachment.file.read() == data
