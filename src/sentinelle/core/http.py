"""The guarded HTTP client every outbound fetch goes through.

It refuses internal addresses after DNS resolution and after each redirect, connects to the
exact address it checked (no second lookup), and caps size, time and decompression.
Standard library only; proxies from the environment are deliberately ignored.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin

from sentinelle.core.clock import now
from sentinelle.core.netguard import BlockedError, Resolver, Target, parse_target, resolve

USER_AGENT = "Sentinelle/0.1 (+https://github.com/sentinelle; complaint monitoring)"
MAX_DECOMPRESSION_RATIO = 100
# Below this size a high ratio is harmless (a short, repetitive page compresses very well).
RATIO_FLOOR_BYTES = 1_000_000
MAX_RETRY_AFTER_S = 7 * 24 * 3600
REDIRECTS = {301, 302, 303, 307, 308}
RETRYABLE_STATUSES = {408, 425, 429, 500, 502, 503, 504}
# Credentials must not follow a redirect to another origin.
_ORIGIN_BOUND_HEADERS = {"authorization", "cookie", "proxy-authorization"}
_CHUNK = 65_536
_INFLATE_STEP = 262_144

SocketOpener = Callable[[socket.AddressFamily, tuple[Any, ...], float], socket.socket]


class FetchError(Exception):
    """A fetch that failed; `retryable` says whether trying again later may help."""

    def __init__(
        self,
        message: str,
        *,
        retryable: bool,
        status: int | None = None,
        retry_after: float | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.status = status
        self.retry_after = retry_after
        self.headers = dict(headers or {})


@dataclass(frozen=True)
class HttpResponse:
    """A completed response: status, lower-cased headers, decoded body and the final URL."""

    status: int
    headers: dict[str, str]
    body: bytes
    url: str
    retry_after: float | None = None
    redirects: list[str] = field(default_factory=list)

    def header(self, name: str, default: str = "") -> str:
        return self.headers.get(name.lower(), default)


def parse_retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After value (delta seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(min(int(value), MAX_RETRY_AFTER_S))
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # HTTP dates are GMT by definition
        return None
    return min(max((when - now()).total_seconds(), 0.0), float(MAX_RETRY_AFTER_S))


def open_socket(
    family: socket.AddressFamily, address: tuple[Any, ...], timeout: float
) -> socket.socket:
    """Connect a TCP socket to one already-checked address."""
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.settimeout(timeout)
        sock.connect(address)
    except BaseException:
        sock.close()
        raise
    return sock


class _Decoder:
    """Decompress gzip/deflate bodies with caps on the output size and on the ratio."""

    def __init__(self, encoding: str, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.encoding = encoding
        self.compressed = 0
        self.out = bytearray()
        wbits = {"gzip": 47, "x-gzip": 47, "deflate": 15}.get(encoding)
        self._z = zlib.decompressobj(wbits) if wbits else None
        self._first = True

    def feed(self, data: bytes) -> None:
        if self._z is None:
            self._append(data)
            return
        self.compressed += len(data)
        while data:
            # Inflate in steps so the ratio check fires before a bomb reaches the size cap.
            limit = min(_INFLATE_STEP, self.max_bytes + 1 - len(self.out))
            try:
                chunk = self._z.decompress(data, limit)
            except zlib.error:
                if not (self._first and self.encoding == "deflate"):
                    raise
                # Some servers send raw deflate without the zlib header.
                self._z = zlib.decompressobj(-15)
                chunk = self._z.decompress(data, limit)
            self._first = False
            self._append(chunk)
            data = self._z.unconsumed_tail

    def _append(self, data: bytes) -> None:
        self.out += data
        if len(self.out) > self.max_bytes:
            raise FetchError(f"the body exceeds {self.max_bytes:,} bytes", retryable=False)
        if (
            self._z is not None
            and len(self.out) > RATIO_FLOOR_BYTES
            and len(self.out) > MAX_DECOMPRESSION_RATIO * max(self.compressed, 1)
        ):
            raise FetchError(
                f"the body decompresses more than {MAX_DECOMPRESSION_RATIO}× (a compression bomb?)",
                retryable=False,
            )

    def finish(self) -> bytes:
        if self._z is not None:
            self._append(self._z.flush())
            if not self._z.eof:
                raise FetchError("the compressed body is truncated", retryable=True)
        return bytes(self.out)


def _connect(
    target: Target, addresses: list, deadline: float, opener: SocketOpener
) -> socket.socket:
    last: OSError | None = None
    for family, address in addresses:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        try:
            sock = opener(family, address, remaining)
        except OSError as exc:
            last = exc
            continue
        if target.scheme != "https":
            return sock
        context = ssl.create_default_context()
        try:
            # Certificate and SNI are checked against the name, not the address we dialled.
            return context.wrap_socket(sock, server_hostname=target.host)
        except BaseException:
            sock.close()
            raise
    if last is None:
        raise TimeoutError("no time left to connect")
    raise last


def _abort(sock: socket.socket) -> None:
    """Cut a connection that outlived its deadline (called from a timer thread)."""
    # The plain socket method: SSLSocket.shutdown would unwrap TLS from this thread.
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


def _exchange(
    target: Target,
    addresses: list,
    *,
    method: str,
    headers: dict[str, str],
    data: bytes | None,
    deadline: float,
    max_bytes: int,
    opener: SocketOpener,
) -> tuple[int, dict[str, str], bytes]:
    sock = _connect(target, addresses, deadline, opener)
    timer = threading.Timer(max(deadline - time.monotonic(), 0.0), _abort, args=(sock,))
    timer.daemon = True
    timer.start()
    conn_class = (
        http.client.HTTPSConnection if target.scheme == "https" else http.client.HTTPConnection
    )
    conn = conn_class(target.host, target.port, timeout=max(deadline - time.monotonic(), 0.01))
    conn.sock = sock  # already connected to the checked address: no second DNS lookup
    try:
        conn.request(method, target.path, body=data, headers=headers)
        response = conn.getresponse()
        status = response.status
        received = {k.lower(): v for k, v in response.getheaders()}
        if status in REDIRECTS or method == "HEAD" or status in (204, 304):
            return status, received, b""
        declared = received.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise FetchError(
                f"the body is {int(declared):,} bytes, over the {max_bytes:,} limit",
                retryable=False,
            )
        encodings = [e.strip().lower() for e in received.get("content-encoding", "").split(",")]
        encodings = [e for e in encodings if e and e != "identity"]
        if len(encodings) > 1 or (encodings and encodings[0] not in ("gzip", "x-gzip", "deflate")):
            raise FetchError(
                f"unsupported content encoding {received['content-encoding']!r}", retryable=False
            )
        decoder = _Decoder(encodings[0] if encodings else "", max_bytes)
        wire = 0
        while chunk := response.read1(_CHUNK):
            wire += len(chunk)
            if wire > max_bytes:
                raise FetchError(f"the body exceeds {max_bytes:,} bytes", retryable=False)
            decoder.feed(chunk)
            if time.monotonic() > deadline:
                raise TimeoutError
        if time.monotonic() >= deadline:  # the watchdog cut the body short
            raise TimeoutError
        return status, received, decoder.finish()
    finally:
        timer.cancel()
        conn.close()


def fetch(
    url: str,
    *,
    method: str = "GET",
    headers: Mapping[str, str] | None = None,
    data: bytes | None = None,
    max_bytes: int = 5_000_000,
    timeout: float = 10,
    max_redirects: int = 5,
    allow_private: bool = False,
    resolver: Resolver = socket.getaddrinfo,
    opener: SocketOpener = open_socket,
) -> HttpResponse:
    """Fetch a URL through the guard; 2xx and 304 return, anything else raises FetchError.

    `allow_private` exists for tests against 127.0.0.1 and must never come from user input;
    `resolver` and `opener` let tests simulate DNS and routing without leaving the machine.
    """
    method = method.upper()
    if method not in {"GET", "HEAD", "POST"}:
        raise FetchError(f"method {method} is not supported", retryable=False)
    deadline = time.monotonic() + timeout
    sent = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"}
    for name, value in (headers or {}).items():
        if any(ch in f"{name}{value}" for ch in "\r\n\0") or not name or ":" in name:
            raise FetchError(f"invalid request header {name[:40]!r}", retryable=False)
    # Host follows the URL: a caller-supplied one could point the request elsewhere.
    sent.update({k: v for k, v in (headers or {}).items() if k.lower() != "host"})
    redirects: list[str] = []
    first_origin = None
    while True:
        try:
            target = parse_target(url)
            first_origin = first_origin or target.origin
            if target.origin != first_origin:
                sent = {k: v for k, v in sent.items() if k.lower() not in _ORIGIN_BOUND_HEADERS}
            addresses = resolve(target, resolver=resolver, allow_private=allow_private)
            status, received, body = _exchange(
                target,
                addresses,
                method=method,
                headers=sent,
                data=data,
                deadline=deadline,
                max_bytes=max_bytes,
                opener=opener,
            )
        except BlockedError as exc:
            raise FetchError(f"refused {url[:200]}: {exc}", retryable=False) from None
        except LookupError as exc:
            raise FetchError(str(exc), retryable=True) from None
        except ssl.SSLCertVerificationError as exc:
            raise FetchError(
                f"TLS certificate refused: {exc.verify_message}", retryable=False
            ) from None
        except (OSError, http.client.HTTPException, ValueError) as exc:
            if time.monotonic() >= deadline or isinstance(exc, TimeoutError):
                raise FetchError(
                    f"timed out after {timeout:g} s fetching {url[:200]}", retryable=True
                ) from None
            raise FetchError(
                f"network error fetching {url[:200]}: {exc!r}", retryable=True
            ) from None
        retry_after = parse_retry_after(received.get("retry-after"))
        if status in REDIRECTS:
            location = received.get("location")
            if not location:
                raise FetchError(
                    f"redirect {status} without a Location", retryable=False, status=status
                )
            if len(redirects) >= max_redirects:
                raise FetchError(
                    f"more than {max_redirects} redirects", retryable=False, status=status
                )
            redirects.append(url)
            url = urljoin(url, location.strip())
            if status == 303 or (status in (301, 302) and method == "POST"):
                method, data = ("HEAD" if method == "HEAD" else "GET"), None
            continue
        if 200 <= status < 300 or status == 304:
            return HttpResponse(status, received, body, url, retry_after, redirects)
        raise FetchError(
            f"HTTP {status} from {url[:200]}",
            retryable=status in RETRYABLE_STATUSES or status >= 500,
            status=status,
            retry_after=retry_after,
            headers=received,
        )
