"""An IMAP mailbox: new messages by UID, IDLE where the server offers it, nothing marked read.

The cursor is the mailbox's UIDVALIDITY and the last UID read; a changed UIDVALIDITY (the
mailbox was rebuilt) starts again from the newest messages, and Message-IDs keep the repeats
out. The server is reached through the same address checks as every outbound fetch, over TLS
by default. The mailbox is opened read-only unless `mark_seen` is set.
"""

from __future__ import annotations

import base64
import contextlib
import imaplib
import re
import socket
import ssl
import time
from dataclasses import dataclass, field
from typing import Any

from sentinelle.core.choices import Channel
from sentinelle.core.clock import now
from sentinelle.core.http import open_socket
from sentinelle.core.netguard import BlockedError, Target, resolve
from sentinelle.listening.connectors import ConnectorError, FetchResult, Reject, mime
from sentinelle.listening.items import MAX_TEXT_CHARS, AuthorInfo, RawItem

SECURITY = ("tls", "starttls", "none")
DEFAULT_PORTS = {"tls": 993, "starttls": 143, "none": 143}
TIMEOUT_S = 30.0
_UID = re.compile(rb"UID (\d+)")
_SIZE = re.compile(rb"RFC822\.SIZE (\d+)")
_HOST = re.compile(r"^[A-Za-z0-9.-]{1,253}$")


class _GuardedIMAP(imaplib.IMAP4):
    """imaplib over a socket the guard already connected (and wrapped in TLS)."""

    def __init__(self, host: str, port: int, sock: socket.socket, timeout: float) -> None:
        self._guarded_sock = sock
        super().__init__(host, port, timeout)

    def _create_socket(self, timeout: float | None) -> socket.socket:
        return self._guarded_sock


@dataclass(frozen=True)
class ImapConnector:
    host: str
    username: str
    password: str = field(repr=False)
    port: int = 993
    security: str = "tls"
    mailbox: str = "INBOX"
    mark_seen: bool = False
    idle_seconds: int = 0
    max_messages: int = 50
    limits: mime.Limits = field(default_factory=mime.Limits)
    allow_private: bool = field(default=False, compare=False)
    ssl_context: ssl.SSLContext | None = field(default=None, compare=False, repr=False)
    kind: str = "imap"

    @classmethod
    def from_config(
        cls,
        config: dict[str, Any],
        *,
        allow_private: bool = False,
        ssl_context: ssl.SSLContext | None = None,
    ) -> ImapConnector:
        """`allow_private` and `ssl_context` are for tests; never take them from a user."""
        missing = [key for key in ("host", "username", "password") if not config.get(key)]
        if missing:
            raise ConnectorError(
                f"imap: {', '.join(missing)} missing; e.g. "
                '{"host": "imap.example.com", "username": "support@example.com", '
                '"password": "an app password"}',
                retryable=False,
            )
        host = str(config["host"]).strip()
        if not _HOST.match(host):
            raise ConnectorError(f"imap: host {host[:80]!r} is not a host name", retryable=False)
        security = config.get("security") or "tls"
        if security not in SECURITY:
            raise ConnectorError(
                f"imap: security must be one of {', '.join(SECURITY)}", retryable=False
            )
        port = config.get("port")
        port = DEFAULT_PORTS[security] if port in (None, "") else port
        if isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536:
            raise ConnectorError("imap: port must be a number from 1 to 65535", retryable=False)
        mailbox = str(config.get("mailbox") or "INBOX")
        if any(ch in mailbox for ch in '\r\n\0"\\') or len(mailbox) > 200:
            raise ConnectorError(f"imap: mailbox {mailbox[:60]!r} is not valid", retryable=False)

        def number(key: str, default: int, high: int) -> int:
            value = config.get(key, default)
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= high:
                raise ConnectorError(f"imap: {key} must be 0 to {high}", retryable=False)
            return value

        limits = mime.Limits(
            max_message_bytes=number("max_message_bytes", mime.MAX_MESSAGE_BYTES, 100_000_000),
            max_attachment_bytes=number(
                "max_attachment_bytes", mime.MAX_ATTACHMENT_BYTES, 50_000_000
            ),
            max_total_attachment_bytes=number(
                "max_total_attachment_bytes", mime.MAX_TOTAL_ATTACHMENT_BYTES, 100_000_000
            ),
        )
        return cls(
            host=host,
            username=str(config["username"]),
            password=str(config["password"]),
            port=port,
            security=security,
            mailbox=mailbox,
            mark_seen=bool(config.get("mark_seen", False)),
            idle_seconds=number("idle_seconds", 0, 1740),  # RFC 2177: renew within 29 min
            max_messages=number("max_messages", 50, 1000) or 50,
            limits=limits,
            allow_private=allow_private,
            ssl_context=ssl_context,
        )

    # -- connection --------------------------------------------------------------------------

    def _connect(self) -> imaplib.IMAP4:
        target = Target("https", self.host.lower().rstrip("."), self.port, "/", None)
        try:
            addresses = resolve(
                target, resolver=socket.getaddrinfo, allow_private=self.allow_private
            )
        except BlockedError as exc:
            raise ConnectorError(f"imap: refused {self.host}: {exc}", retryable=False) from None
        except LookupError as exc:
            raise ConnectorError(f"imap: {exc}", retryable=True) from None
        context = self.ssl_context or ssl.create_default_context()
        last: Exception | None = None
        for family, address in addresses:
            try:
                sock = open_socket(family, address, TIMEOUT_S)
            except OSError as exc:
                last = exc
                continue
            try:
                if self.security == "tls":
                    sock = context.wrap_socket(sock, server_hostname=self.host)
                client = _GuardedIMAP(self.host, self.port, sock, TIMEOUT_S)
                if self.security == "starttls":
                    client.starttls(ssl_context=context)
            except ssl.SSLCertVerificationError as exc:
                sock.close()
                raise ConnectorError(
                    f"imap: TLS certificate of {self.host} refused: {exc.verify_message}",
                    retryable=False,
                ) from None
            except (OSError, imaplib.IMAP4.error) as exc:
                sock.close()
                last = exc
                continue
            return client
        raise ConnectorError(f"imap: cannot connect to {self.host}:{self.port}: {last}")

    def _login(self, client: imaplib.IMAP4) -> None:
        if "LOGINDISABLED" in client.capabilities:
            raise ConnectorError(
                "imap: the server refuses passwords without TLS; use security tls or starttls",
                retryable=False,
            )
        try:
            client.login(self.username, self.password)
        except imaplib.IMAP4.error as exc:
            raise ConnectorError(
                f"imap: login refused for {self.username}: {_text(exc)}", retryable=False
            ) from None

    def _select(self, client: imaplib.IMAP4) -> int:
        status, data = client.select(_quote(self.mailbox), readonly=not self.mark_seen)
        if status != "OK":
            raise ConnectorError(
                f"imap: cannot open mailbox {self.mailbox!r}: {_text(data)}", retryable=False
            )
        validity = client.response("UIDVALIDITY")[1]
        try:
            return int(validity[0])
        except (TypeError, ValueError, IndexError):
            raise ConnectorError("imap: the server gave no UIDVALIDITY", retryable=False) from None

    # -- fetch -------------------------------------------------------------------------------

    def fetch(self, cursor: dict[str, Any]) -> FetchResult:
        client = self._connect()
        try:
            return self._fetch(client, cursor)
        except imaplib.IMAP4.abort as exc:
            raise ConnectorError(f"imap: connection lost: {_text(exc)}") from None
        except imaplib.IMAP4.error as exc:
            raise ConnectorError(f"imap: {_text(exc)}", retryable=False) from None
        except (OSError, EOFError) as exc:
            raise ConnectorError(f"imap: network error: {exc!r}") from None
        finally:
            with contextlib.suppress(Exception):
                client.logout()
            with contextlib.suppress(Exception):
                client.shutdown()

    def _fetch(self, client: imaplib.IMAP4, cursor: dict[str, Any]) -> FetchResult:
        self._login(client)
        validity = self._select(client)
        last = cursor.get("last_uid")
        same_box = cursor.get("uidvalidity") == validity and isinstance(last, int)
        last_uid = last if same_box and last >= 0 else None
        problems = [] if same_box or not cursor else ["the mailbox's UIDVALIDITY changed"]
        uids = self._new_uids(client, last_uid)
        idle = bool(self.idle_seconds) and "IDLE" in client.capabilities
        if not uids and idle and _idle(client, self.idle_seconds):
            uids = self._new_uids(client, last_uid)
        if last_uid is None:
            uids = uids[-self.max_messages :]  # a first look takes the newest messages
        uids = uids[: self.max_messages]
        items: list[RawItem] = []
        rejects: list[Reject] = []
        sizes = self._sizes(client, uids)
        done: list[int] = []
        for uid in uids:
            item, reject = self._message(client, uid, validity, sizes.get(uid))
            if item is not None:
                items.append(item)
            if reject is not None:
                rejects.append(reject)
            done.append(uid)
        if self.mark_seen and done:
            client.uid("STORE", ",".join(map(str, done)), "+FLAGS.SILENT", r"(\Seen)")
        newest = max(done, default=last_uid if last_uid is not None else 0)
        return FetchResult(
            items=items,
            cursor={"uidvalidity": validity, "last_uid": newest},
            problems=problems,
            rejects=rejects,
        )

    def _new_uids(self, client: imaplib.IMAP4, last_uid: int | None) -> list[int]:
        status, data = client.uid("SEARCH", None, f"UID {(last_uid or 0) + 1}:*")
        if status != "OK":
            raise ConnectorError(f"imap: search failed: {_text(data)}")
        found = sorted({int(n) for n in (data[0] or b"").split() if n.isdigit()})
        # "n:*" always includes the highest UID, even one already read.
        return [uid for uid in found if last_uid is None or uid > last_uid]

    def _sizes(self, client: imaplib.IMAP4, uids: list[int]) -> dict[int, int]:
        if not uids:
            return {}
        status, data = client.uid("FETCH", ",".join(map(str, uids)), "(RFC822.SIZE)")
        sizes: dict[int, int] = {}
        for line in data if status == "OK" else []:
            raw = line[0] if isinstance(line, tuple) else line
            uid, size = _UID.search(raw or b""), _SIZE.search(raw or b"")
            if uid and size:
                sizes[int(uid[1])] = int(size[1])
        return sizes

    def _message(
        self, client: imaplib.IMAP4, uid: int, validity: int, size: int | None
    ) -> tuple[RawItem | None, Reject | None]:
        where = f"message UID {uid}"
        if size is not None and size > self.limits.max_message_bytes:
            headers = _part(client, uid, "BODY.PEEK[HEADER]")
            reason = f"{where} is {size:,} bytes, over the {self.limits.max_message_bytes:,} limit"
            return None, Reject.of(reason, headers[:64_000], f"imap:{validity}:{uid}")
        raw = _part(client, uid, "BODY.PEEK[]")
        if not raw:
            return None, Reject.of(f"{where}: the server returned no content", b"")
        try:
            parsed = mime.parse(raw, self.limits)
            return self._item(parsed, uid, validity), None
        except mime.MimeError as exc:
            return None, Reject.of(f"{where}: {exc}", raw, f"imap:{validity}:{uid}")

    def _item(self, parsed: mime.ParsedMail, uid: int, validity: int) -> RawItem:
        external_id = parsed.message_id or f"imap:{validity}:{uid}"
        text = parsed.text or parsed.subject or "(attachments only)"
        author = None
        if parsed.from_address or parsed.from_name:
            handle = parsed.from_address or parsed.from_name
            author = AuthorInfo(
                handle=handle[:255], name=parsed.from_name, email=parsed.from_address
            )
        received = now()
        return RawItem(
            external_id=external_id[:512],
            text=text[:MAX_TEXT_CHARS],
            published_at=min(parsed.date, received) if parsed.date else received,
            channel=Channel.EMAIL,
            title=parsed.subject,
            lang=parsed.language.split("-")[0].lower()[:3] or None,
            author=author,
            parent_external_id=parsed.in_reply_to or None,
            extra={
                "mail": {
                    "uid": uid,
                    "uidvalidity": validity,
                    "references": parsed.references,
                    "full_text": parsed.full_text[:MAX_TEXT_CHARS]
                    if parsed.full_text != parsed.text
                    else "",
                    "problems": parsed.problems[:10],
                },
                "attachments": [
                    {
                        "name": a.name,
                        "content_type": a.content_type,
                        "size": a.size,
                        "sha256": a.sha256,
                        "content_base64": base64.b64encode(a.data).decode("ascii"),
                    }
                    for a in parsed.attachments
                ],
                "skipped_attachments": parsed.skipped_attachments,
            },
        )


def _quote(mailbox: str) -> str:
    """The mailbox name quoted, in IMAP's modified UTF-7 (RFC 3501 §5.1.3)."""
    out: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            packed = base64.b64encode("".join(pending).encode("utf-16-be")).decode("ascii")
            out.append("&" + packed.rstrip("=").replace("/", ",") + "-")
            pending.clear()

    for char in mailbox:
        if 0x20 <= ord(char) <= 0x7E:
            flush()
            out.append("&-" if char == "&" else char)
        else:
            pending.append(char)
    flush()
    return '"' + "".join(out) + '"'


def _text(value: Any) -> str:
    if isinstance(value, list | tuple):
        value = b" ".join(v for v in value if isinstance(v, bytes))
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return str(value)[:300]


def _part(client: imaplib.IMAP4, uid: int, item: str) -> bytes:
    status, data = client.uid("FETCH", str(uid), f"({item})")
    if status != "OK":
        return b""
    for entry in data:
        if isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[1], bytes):
            return entry[1]
    return b""


def _idle(client: imaplib.IMAP4, seconds: float) -> bool:
    """Wait up to `seconds` in IDLE (RFC 2177); True when the server announced new mail."""
    tag = client._new_tag()  # imaplib before Python 3.14 has no idle(): speak it directly
    client.send(tag + b" IDLE\r\n")
    first = client.readline()
    if not first.startswith(b"+"):
        return False
    news = False
    deadline = time.monotonic() + seconds
    sock = client.sock
    try:
        while not news and (remaining := deadline - time.monotonic()) > 0:
            sock.settimeout(remaining)
            try:
                line = client.readline()
            except TimeoutError:
                # A socket file that timed out refuses further reads; nothing was pending in
                # it (the wait was for a new line), so a fresh one loses nothing.
                client.file = sock.makefile("rb")
                break
            if not line:
                raise imaplib.IMAP4.abort("the server closed the connection during IDLE")
            news = line.startswith(b"*") and (b"EXISTS" in line or b"RECENT" in line)
    finally:
        sock.settimeout(TIMEOUT_S)
    client.send(b"DONE\r\n")
    while True:
        line = client.readline()
        if not line:
            raise imaplib.IMAP4.abort("the server closed the connection after IDLE")
        if line.startswith(tag):
            return news


def connector_from_config(config: dict[str, Any]) -> ImapConnector:
    return ImapConnector.from_config(config)
