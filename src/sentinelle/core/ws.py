"""The guarded WebSocket client: the same address checks as the HTTP client, bounded reads.

A `ws://` or `wss://` URL is checked as its `http://`/`https://` twin by `core.netguard`:
the name is resolved once, every address must be public (unless `allow_private`, for tests
on 127.0.0.1), and the socket connects to the address that was checked. TLS is verified
against the host name. Messages are capped in size, the whole session in time and bytes;
compression is not negotiated, so no message can inflate past its cap.
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import time
from collections.abc import Iterator, Mapping
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from sentinelle.core.http import (
    USER_AGENT,
    FetchError,
    SocketOpener,
    open_socket,
    parse_retry_after,
)
from sentinelle.core.netguard import BlockedError, Resolver, parse_target, resolve

MAX_MESSAGE_BYTES = 1_000_000
MAX_SESSION_BYTES = 50_000_000
_SCHEMES = {"ws": "http", "wss": "https"}


class WsError(FetchError):
    """A WebSocket session that could not open or broke; the same fields as FetchError."""


class WsSession:
    """An open, checked WebSocket connection; read it with `messages()`, then close it."""

    def __init__(
        self, connection: Any, url: str, max_message_bytes: int, max_session_bytes: int
    ) -> None:
        self._connection = connection
        self.url = url
        self.max_message_bytes = max_message_bytes
        self.max_session_bytes = max_session_bytes
        self.received_bytes = 0
        self.closed_by_server = False

    def messages(self, *, max_messages: int, max_seconds: float) -> Iterator[str | bytes]:
        """Yield messages until `max_messages`, `max_seconds` or the server closes.

        A message over the size cap or a broken connection raises WsError; messages already
        yielded stay with the caller.
        """
        from websockets.exceptions import ConnectionClosed, ConnectionClosedOK, PayloadTooBig

        deadline = time.monotonic() + max_seconds
        for _ in range(max_messages):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return
            try:
                message = self._connection.recv(timeout=remaining)
            except TimeoutError:
                return
            except ConnectionClosedOK:
                self.closed_by_server = True
                return
            except ConnectionClosed as exc:
                self.closed_by_server = True
                cause = exc.__cause__ or exc.__context__
                codes = {frame.code for frame in (exc.sent, exc.rcvd) if frame is not None}
                if isinstance(cause, PayloadTooBig) or 1009 in codes:
                    raise WsError(
                        f"a message from {self.url[:200]} exceeds {self.max_message_bytes:,} bytes",
                        retryable=False,
                    ) from None
                raise WsError(
                    f"the connection to {self.url[:200]} broke: {exc}", retryable=True
                ) from None
            self.received_bytes += len(message)
            yield message
            if self.received_bytes > self.max_session_bytes:
                return

    def send(self, message: str) -> None:
        from websockets.exceptions import ConnectionClosed

        try:
            self._connection.send(message)
        except ConnectionClosed as exc:
            raise WsError(
                f"the connection to {self.url[:200]} broke: {exc}", retryable=True
            ) from None

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._connection.close()

    def __enter__(self) -> WsSession:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def _http_twin(url: str) -> str:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in _SCHEMES:
        raise BlockedError(f"only ws and wss URLs are opened, not {scheme or 'this'!r}")
    return urlunsplit((_SCHEMES[scheme], *parts[1:]))


def connect(
    url: str,
    *,
    headers: Mapping[str, str] | None = None,
    timeout: float = 10,
    max_message_bytes: int = MAX_MESSAGE_BYTES,
    max_session_bytes: int = MAX_SESSION_BYTES,
    allow_private: bool = False,
    resolver: Resolver = socket.getaddrinfo,
    opener: SocketOpener = open_socket,
) -> WsSession:
    """Open a WebSocket through the guard, or raise WsError saying why not.

    `allow_private` exists for tests against 127.0.0.1 and must never come from user input.
    """
    from websockets.exceptions import InvalidHandshake, InvalidStatus
    from websockets.sync.client import connect as ws_connect

    for name, value in (headers or {}).items():
        if any(ch in f"{name}{value}" for ch in "\r\n\0") or not name or ":" in name:
            raise WsError(f"invalid request header {name[:40]!r}", retryable=False)
    deadline = time.monotonic() + timeout
    try:
        target = parse_target(_http_twin(url))
        addresses = resolve(target, resolver=resolver, allow_private=allow_private)
    except BlockedError as exc:
        raise WsError(f"refused {url[:200]}: {exc}", retryable=False) from None
    except LookupError as exc:
        raise WsError(str(exc), retryable=True) from None
    sock = None
    last: OSError | None = None
    for family, address in addresses:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        try:
            sock = opener(family, address, remaining)
            break
        except OSError as exc:
            last = exc
    if sock is None:
        raise WsError(f"cannot connect to {url[:200]}: {last or 'timed out'}", retryable=True)
    context = ssl.create_default_context() if target.scheme == "https" else None
    try:
        connection = ws_connect(
            url,
            sock=sock,
            ssl=context,
            server_hostname=target.host if context else None,
            additional_headers=dict(headers or {}),
            user_agent_header=USER_AGENT,
            compression=None,
            proxy=None,
            open_timeout=max(deadline - time.monotonic(), 0.01),
            close_timeout=2,
            max_size=max_message_bytes,
            max_queue=16,
            legacy=True,  # a connection handed to WsSession, which closes it
        )
    except InvalidStatus as exc:
        sock.close()
        status = exc.response.status_code
        received = {k.lower(): v for k, v in exc.response.headers.raw_items()}
        raise WsError(
            f"HTTP {status} from {url[:200]}",
            retryable=status in (408, 425, 429) or status >= 500,
            status=status,
            retry_after=parse_retry_after(received.get("retry-after")),
            headers=received,
        ) from None
    except ssl.SSLCertVerificationError as exc:
        sock.close()
        raise WsError(f"TLS certificate refused: {exc.verify_message}", retryable=False) from None
    except (InvalidHandshake, OSError, TimeoutError, ValueError) as exc:
        sock.close()
        raise WsError(f"cannot open {url[:200]}: {exc!r}", retryable=True) from None
    return WsSession(connection, url, max_message_bytes, max_session_bytes)
