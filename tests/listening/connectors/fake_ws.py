"""A WebSocket server on the loopback interface that replays scripted messages.

`script(request)` is called once per connection with the request's path and headers; it
returns the messages to send (text or bytes) then the connection is closed normally, or a
`Refuse` to answer the handshake with an HTTP status instead.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from websockets.datastructures import Headers
from websockets.sync.server import ServerConnection, serve

from tests.listening.fake_http import Request


@dataclass
class Refuse:
    status: int
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Cut:
    """Stop sending and drop the connection without a closing handshake."""


Script = Callable[[Request], Iterable[str | bytes | Cut] | Refuse]


class FakeWsServer:
    """Serve `script` on ws://127.0.0.1:PORT until stopped; records every handshake."""

    def __init__(self, script: Script, *, max_size: int = 64_000_000) -> None:
        self.script = script
        self.requests: list[Request] = []
        self.lock = threading.Lock()
        self._server = serve(
            self._handle,
            "127.0.0.1",
            0,
            process_request=self._process_request,
            compression=None,
            max_size=max_size,
            close_timeout=1,
        )
        self.port: int = self._server.socket.getsockname()[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> FakeWsServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._thread.join(timeout=5)

    def url(self, path: str = "/") -> str:
        return f"ws://127.0.0.1:{self.port}{path}"

    def _process_request(self, connection: ServerConnection, request: Any) -> Any:
        seen = Request("GET", request.path, {k.lower(): v for k, v in request.headers.raw_items()})
        with self.lock:
            self.requests.append(seen)
        planned = self.script(seen)
        if isinstance(planned, Refuse):
            response = connection.respond(planned.status, "refused\n")
            response.headers = Headers({**dict(response.headers), **planned.headers})
            return response
        connection.planned = planned  # type: ignore[attr-defined]
        return None

    def _handle(self, connection: ServerConnection) -> None:
        for message in connection.planned:  # type: ignore[attr-defined]
            if isinstance(message, Cut):
                connection.close_socket()
                return
            try:
                connection.send(message)
            except Exception:  # the client went away, which is what a capped read does
                return
        with contextlib.suppress(Exception):
            connection.close()
