"""Attachment checks: the bytes decide the type, never the name or the claimed content type."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")
MAX_FILES = 5
MAX_FILE_BYTES = 5 * 1024 * 1024
SIGNATURES: list[tuple[bytes, int, str, str]] = [
    (b"\x89PNG\r\n\x1a\n", 0, "image/png", ".png"),
    (b"\xff\xd8\xff", 0, "image/jpeg", ".jpg"),
    (b"GIF87a", 0, "image/gif", ".gif"),
    (b"GIF89a", 0, "image/gif", ".gif"),
    (b"%PDF-", 0, "application/pdf", ".pdf"),
]


@dataclass(frozen=True)
class CheckedFile:
    upload: UploadedFile
    content_type: str
    extension: str
    name: str


def sniff(head: bytes) -> tuple[str, str] | None:
    """(content type, extension) from the first bytes, or None when not an accepted type."""
    for magic, offset, content_type, extension in SIGNATURES:
        if head[offset : offset + len(magic)] == magic:
            return content_type, extension
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp", ".webp"
    return None


def safe_name(name: str, extension: str) -> str:
    """A display name without paths, control or bidi characters, with the true extension."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(
        ch
        for ch in base
        if ch.isprintable() and ch not in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    )
    stem = base.rsplit(".", 1)[0].strip()[:100] or "fichier"
    return stem + extension


def check_files(files: list[UploadedFile]) -> tuple[list[CheckedFile], list[str]]:
    """The accepted files and a message for each refused one."""
    accepted, errors = [], []
    if len(files) > MAX_FILES:
        errors.append(_("At most %(n)s files.") % {"n": MAX_FILES})
        files = files[:MAX_FILES]
    for upload in files:
        shown = safe_name(upload.name or "", "")
        if upload.size > MAX_FILE_BYTES:
            errors.append(_("%(name)s is larger than 5 MB.") % {"name": shown})
            continue
        upload.seek(0)
        kind = sniff(upload.read(16))
        upload.seek(0)
        if kind is None:
            errors.append(
                _("%(name)s is not a photo (JPEG, PNG, GIF, WebP) or a PDF.") % {"name": shown}
            )
            continue
        accepted.append(
            CheckedFile(upload, kind[0], kind[1], safe_name(upload.name or "", kind[1]))
        )
    return accepted, errors
