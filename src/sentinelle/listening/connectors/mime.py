"""Read one e-mail: headers, the body as plain text without the quoted reply, attachments.

Parsed by the standard library's `email` package (policy `default`) after checks that refuse
MIME bombs before they cost anything: too large, too many headers, nesting too deep, too many
parts. Charsets are trusted only as far as the bytes agree: a part that claims UTF-8 but is
not is read as Windows-1252, an unknown charset as UTF-8 then Windows-1252.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import policy
from email.message import Message
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime

from sentinelle.core.text import plain_text
from sentinelle.listening.items import ItemError

MAX_MESSAGE_BYTES = 25_000_000
MAX_HEADER_BYTES = 256_000
MAX_PARTS = 200
MAX_DEPTH = 12
MAX_ATTACHMENTS = 20
MAX_ATTACHMENT_BYTES = 10_000_000
MAX_TOTAL_ATTACHMENT_BYTES = 20_000_000

# Lines that open the quoted message in a reply, in French and English mail clients.
_QUOTE_HEADERS = (
    re.compile(r"^\s*Le\b.{0,200}\ba\s+écrit\s*:\s*$", re.IGNORECASE | re.DOTALL),
    re.compile(r"^\s*On\b.{0,200}\bwrote\s*:\s*$", re.IGNORECASE | re.DOTALL),
    re.compile(
        r"^\s*-{2,}\s*(Original Message|Message d'origine|Message original)\s*-{2,}\s*$", re.I
    ),
    re.compile(r"^\s*-{2,}\s*(Forwarded message|Message transféré)\s*-{2,}\s*$", re.I),
)
# Outlook quotes without a marker line: a "From:"/"De :" line followed by "Sent:"/"Envoyé :".
_OUTLOOK_FROM = re.compile(r"^\s*\*?(From|De)\s*:\s*\S", re.IGNORECASE)
_OUTLOOK_SENT = re.compile(r"^\s*\*?(Sent|Envoyé|Date)\s*:\s*\S", re.IGNORECASE)
_SIGNATURE = re.compile(r"^-- ?$")
_BOUNDARY_DECL = re.compile(rb"boundary\s*=", re.IGNORECASE)
_ENCAPSULATED = re.compile(rb"message/(rfc822|global)", re.IGNORECASE)
_HEADER_END = re.compile(rb"\r?\n\r?\n")
_SINGLE_BYTE = {"latin-1", "iso8859-1", "iso8859-15", "cp1252", "ascii"}
_FILE_NAME_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\]+")


class MimeError(ItemError):
    """A message Sentinelle refuses to read; the message says why."""


@dataclass(frozen=True)
class Limits:
    max_message_bytes: int = MAX_MESSAGE_BYTES
    max_parts: int = MAX_PARTS
    max_depth: int = MAX_DEPTH
    max_attachments: int = MAX_ATTACHMENTS
    max_attachment_bytes: int = MAX_ATTACHMENT_BYTES
    max_total_attachment_bytes: int = MAX_TOTAL_ATTACHMENT_BYTES


@dataclass(frozen=True)
class MailAttachment:
    name: str
    content_type: str
    size: int
    sha256: str
    data: bytes = field(repr=False)


@dataclass
class ParsedMail:
    message_id: str
    subject: str
    from_name: str
    from_address: str
    date: datetime | None
    text: str
    full_text: str
    in_reply_to: str = ""
    references: list[str] = field(default_factory=list)
    language: str = ""
    attachments: list[MailAttachment] = field(default_factory=list)
    skipped_attachments: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _precheck(raw: bytes, limits: Limits) -> None:
    if len(raw) > limits.max_message_bytes:
        raise MimeError(
            f"the message is {len(raw):,} bytes, over the {limits.max_message_bytes:,} limit"
        )
    end = _HEADER_END.search(raw, 0, MAX_HEADER_BYTES + 4)
    if end is None and len(raw) > MAX_HEADER_BYTES:
        raise MimeError(f"the header section is over {MAX_HEADER_BYTES:,} bytes")
    declared = len(_BOUNDARY_DECL.findall(raw)) + len(_ENCAPSULATED.findall(raw))
    if declared > limits.max_parts:
        raise MimeError(
            f"the message declares {declared:,} multiparts or inner messages "
            f"(limit {limits.max_parts}): a MIME bomb?"
        )


def _walk(message: Message, limits: Limits) -> list[Message]:
    """Every part, depth-first, refusing nesting and part counts over the limits."""
    parts: list[Message] = []
    stack: list[tuple[Message, int]] = [(message, 0)]
    while stack:
        part, depth = stack.pop()
        if depth > limits.max_depth:
            raise MimeError(f"parts are nested more than {limits.max_depth} deep: a MIME bomb?")
        parts.append(part)
        if len(parts) > limits.max_parts:
            raise MimeError(f"the message has more than {limits.max_parts} parts: a MIME bomb?")
        payload = part.get_payload() if part.is_multipart() else None
        if isinstance(payload, list):
            stack.extend((child, depth + 1) for child in reversed(payload))
    return parts


def _header(message: Message, name: str, limit: int = 1000) -> str:
    try:
        value = message.get(name)
        text = str(value) if value is not None else ""
    except (ValueError, IndexError, TypeError, AttributeError, LookupError):
        raw = message.get_all(name, failobj=[""])[0] if hasattr(message, "get_all") else ""
        text = str(raw)
    return " ".join(text.replace("\0", "").split())[:limit]


def _charset_ok(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except (LookupError, ValueError):
        return None


def decode_text(data: bytes, declared: str | None) -> tuple[str, str]:
    """The text of a part and a note when its declared charset was missing or false."""
    names = []
    codec = _charset_ok(declared) if declared else None
    if codec in _SINGLE_BYTE and not data.isascii():
        # Valid UTF-8 with accents is almost never meant as Latin-1: mail clients lie that way.
        try:
            return data.decode("utf-8"), f"declared charset {declared[:40]!r} is UTF-8; read so"
        except UnicodeDecodeError:
            pass
    if codec:
        names.append(codec)
    names += [n for n in ("utf-8", "cp1252") if n not in names]
    for name in names:
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        if declared and name != codec:
            return text, f"declared charset {declared[:40]!r} does not match; read as {name}"
        return text, ""
    return data.decode("cp1252", "replace"), "undecodable bytes replaced"


def _part_text(part: Message) -> tuple[str, str]:
    data = part.get_payload(decode=True)
    if not isinstance(data, bytes):
        return "", ""
    charset = part.get_content_charset()
    if charset in (None, "unknown-8bit", "x-unknown"):
        # Unlabelled 8-bit text is nearly always UTF-8 or cp1252.
        return decode_text(data, None)
    return decode_text(data, charset)


def strip_quoted(text: str) -> str:
    """The new part of a reply: quoted lines, quote headers and the signature removed."""
    lines = text.split("\n")
    kept: list[str] = []
    for index, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith(">"):
            continue
        if _SIGNATURE.match(line.rstrip("\r")):
            break
        two = f"{stripped} {lines[index + 1].strip()}" if index + 1 < len(lines) else stripped
        if any(p.match(stripped) for p in _QUOTE_HEADERS):
            break
        # "Le lun. 16 nov. 2026 à 09:14, Camille <c@x.fr>" / "a écrit :" on the next line
        if any(p.match(two) for p in _QUOTE_HEADERS[:2]) and stripped.lower().startswith(
            ("le ", "on ")
        ):
            break
        following = [other.strip() for other in lines[index + 1 : index + 3]]
        if _OUTLOOK_FROM.match(stripped) and any(_OUTLOOK_SENT.match(f) for f in following):
            break
        kept.append(line)
    return "\n".join(kept).strip()


def _file_name(part: Message, number: int) -> str:
    try:
        name = part.get_filename() or ""
    except (ValueError, IndexError, TypeError, LookupError):
        name = ""
    name = _FILE_NAME_UNSAFE.sub("_", str(name)).strip(" .")
    return name[-255:] or f"attachment-{number}"


def _is_attachment(part: Message) -> bool:
    if part.is_multipart():
        return False
    disposition = (part.get_content_disposition() or "").lower()
    if disposition == "attachment":
        return True
    if part.get_content_maintype() == "text" and part.get_content_subtype() in ("plain", "html"):
        return False
    return (
        disposition == "inline"
        or bool(part.get_param("name"))
        or (part.get_content_maintype() not in ("text", "multipart", "message"))
    )


def _body(parts: list[Message], problems: list[str]) -> str:
    """The message's text: the first text/plain part, else the first HTML part as text."""
    for wanted in ("plain", "html"):
        for part in parts:
            if _is_attachment(part) or part.is_multipart():
                continue
            if part.get_content_maintype() != "text" or part.get_content_subtype() != wanted:
                continue
            text, problem = _part_text(part)
            if problem:
                problems.append(problem)
            if text.strip():
                return (
                    plain_text(text, "text/html")
                    if wanted == "html"
                    else plain_text(text, "text/plain")
                )
    return ""


def _date(message: Message, problems: list[str]) -> datetime | None:
    value = _header(message, "Date", 200)
    if not value:
        return None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        problems.append(f"unreadable Date {value[:60]!r}")
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)  # RFC 5322 "-0000": UTC, origin unknown
    return moment.astimezone(UTC)


def _message_ids(value: str) -> list[str]:
    return re.findall(r"<[^<>\s]{1,500}>", value)[:50]


def parse(raw: bytes, limits: Limits | None = None) -> ParsedMail:
    """Parse one raw RFC 5322 message; MimeError says why one is refused."""
    limits = limits or Limits()
    _precheck(raw, limits)
    try:
        message = BytesParser(policy=policy.default).parsebytes(raw)
    except RecursionError:
        raise MimeError("parts are nested too deep to read: a MIME bomb?") from None
    except (ValueError, TypeError, IndexError, LookupError, AttributeError) as exc:
        raise MimeError(f"unreadable message: {exc}") from None
    try:
        parts = _walk(message, limits)
        problems: list[str] = []
        full = _body(parts, problems)
        attachments, skipped = _attachments(parts, limits)
        sender = _header(message, "From")
        try:
            (name, address), *_ = getaddresses([sender]) or [("", "")]
        except (ValueError, IndexError, TypeError):
            name, address = "", ""
    except RecursionError:
        raise MimeError("parts are nested too deep to read: a MIME bomb?") from None
    except (ValueError, TypeError, IndexError, LookupError, AttributeError) as exc:
        raise MimeError(f"unreadable message: {exc!r}") from None
    subject = _header(message, "Subject", 500)
    if not any(_header(message, name) for name in ("From", "Date", "Message-ID", "Subject")):
        raise MimeError("no From, Date, Message-ID nor Subject header: not an e-mail")
    if not full and not subject and not attachments:
        raise MimeError("the message has no text, no subject and no attachment")
    message_ids = _message_ids(_header(message, "Message-ID", 600))
    language = _header(message, "Content-Language", 40).split(",")[0].strip()
    return ParsedMail(
        message_id=message_ids[0] if message_ids else "",
        subject=subject,
        from_name=name.strip()[:255],
        from_address=address.strip()[:254] if "@" in address else "",
        date=_date(message, problems),
        text=strip_quoted(full) or full,
        full_text=full,
        in_reply_to=next(iter(_message_ids(_header(message, "In-Reply-To", 600))), ""),
        references=_message_ids(_header(message, "References", 30_000)),
        language=language,
        attachments=attachments,
        skipped_attachments=skipped,
        problems=problems,
    )


def _attachments(parts: list[Message], limits: Limits) -> tuple[list[MailAttachment], list[str]]:
    kept: list[MailAttachment] = []
    skipped: list[str] = []
    total = 0
    for number, part in enumerate((p for p in parts if _is_attachment(p)), 1):
        name = _file_name(part, number)
        if len(kept) >= limits.max_attachments:
            skipped.append(f"{name}: more than {limits.max_attachments} attachments")
            continue
        data = part.get_payload(decode=True)
        if not isinstance(data, bytes):
            skipped.append(f"{name}: unreadable")
            continue
        if len(data) > limits.max_attachment_bytes:
            skipped.append(f"{name}: {len(data):,} bytes, over {limits.max_attachment_bytes:,}")
            continue
        if total + len(data) > limits.max_total_attachment_bytes:
            skipped.append(f"{name}: attachments over {limits.max_total_attachment_bytes:,} bytes")
            continue
        total += len(data)
        kept.append(
            MailAttachment(
                name=name,
                content_type=part.get_content_type()[:100],
                size=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
                data=data,
            )
        )
    return kept, skipped
