"""A small HTTP server on the loopback interface that records every connection and request."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes = b""


@dataclass
class Reply:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | Iterable[bytes] = b""


Route = Callable[[Request], Reply]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[Any, ...], family: socket.AddressFamily, owner: FakeServer):
        self.address_family = family
        self.owner = owner
        super().__init__(address, _Handler)

    def get_request(self) -> tuple[socket.socket, Any]:
        # Counted at accept time: a connection that never sends a request still counts.
        conn = super().get_request()
        with self.owner.lock:
            self.owner.connections += 1
        return conn


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _serve(self) -> None:
        owner = self.server.owner
        headers = {k.lower(): v for k, v in self.headers.items()}
        length = int(headers.get("content-length") or 0)
        body = self.rfile.read(min(length, 10_000_000)) if length > 0 else b""
        request = Request(self.command, self.path, headers, body)
        with owner.lock:
            owner.requests.append(request)
        route = owner.routes.get(self.path.split("?")[0], owner.default)
        reply = route(request)
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if isinstance(reply.body, bytes) and "Content-Length" not in reply.headers:
            self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        if self.command == "HEAD":
            return
        try:
            chunks = [reply.body] if isinstance(reply.body, bytes) else reply.body
            for chunk in chunks:
                self.wfile.write(chunk)
                self.wfile.flush()
        except OSError:  # the client hung up, which is what a capped fetch does
            pass

    do_GET = do_POST = do_HEAD = _serve


def _not_found(request: Request) -> Reply:
    return Reply(404, {"Content-Type": "text/plain"}, b"not found")


class FakeServer:
    """Serve `routes` (path → Reply factory) on 127.0.0.1 or ::1 until stopped."""

    def __init__(self, routes: dict[str, Route] | None = None, *, ipv6: bool = False) -> None:
        self.routes = dict(routes or {})
        self.default: Route = _not_found
        self.requests: list[Request] = []
        self.connections = 0
        self.lock = threading.Lock()
        family = socket.AF_INET6 if ipv6 else socket.AF_INET
        self.host = "::1" if ipv6 else "127.0.0.1"
        self._server = _Server((self.host, 0), family, self)
        self.port: int = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def __enter__(self) -> FakeServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def url(self, path: str = "/") -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}{path}"


def static(status: int = 200, body: bytes = b"", **headers: str) -> Route:
    """A route that always answers the same thing (header names use _ for -)."""
    named = {k.replace("_", "-"): v for k, v in headers.items()}
    return lambda request: Reply(status, named, body)


def public_names(names: dict[str, FakeServer]) -> dict[str, Any]:
    """`resolver` and `opener` for fetch() that make each name a public host served locally.

    Each name resolves to its own public-looking address, which the guard lets through; the
    opener then routes that address, and only that one, to the local server.
    """
    addresses = {name: f"93.184.216.{10 + i}" for i, name in enumerate(names)}
    servers = {addresses[name]: server for name, server in names.items()}

    def resolver(host: str, port: int, *rest: object) -> list:
        if host not in addresses:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (addresses[host], port))]

    def opener(family: socket.AddressFamily, address: tuple[Any, ...], timeout: float):
        server = servers[address[0]]
        return socket.create_connection(("127.0.0.1", server.port), timeout=timeout)

    return {"resolver": resolver, "opener": opener}
