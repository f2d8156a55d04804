"""The guarded WebSocket client: the address checks of the HTTP client, bounded messages."""

from __future__ import annotations

import socket

import pytest

from sentinelle.core import ws
from tests.listening.connectors.fake_ws import FakeWsServer, Refuse

PUBLIC_IP = "93.184.216.34"


def routed(names: dict[str, str], server: FakeWsServer) -> dict:
    """A resolver giving each name its address, and an opener routing public ones locally."""

    def resolver(host: str, port: int, *rest: object) -> list:
        if host not in names:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (names[host], port))]

    def opener(family, address, timeout):
        return socket.create_connection(("127.0.0.1", server.port), timeout=timeout)

    return {"resolver": resolver, "opener": opener}


@pytest.mark.parametrize(
    "url",
    [
        "ws://127.0.0.1:{port}/",
        "ws://localhost:{port}/",
        "ws://[::1]:{port}/",
        "ws://2130706433:{port}/",
        "ws://169.254.169.254:{port}/",
        "ws://10.0.0.8:{port}/",
        "ws://inside.example:{port}/",
    ],
)
def test_internal_addresses_are_refused_and_nothing_connects(url):
    with FakeWsServer(lambda r: ["secret"]) as server:
        names = {"inside.example": "192.168.1.20"}
        with pytest.raises(ws.WsError, match="refused") as error:
            ws.connect(url.format(port=server.port), timeout=2, **routed(names, server))
    assert not error.value.retryable
    assert server.requests == []


@pytest.mark.parametrize(
    "url", ["http://stream.example/", "file:///etc/passwd", "wss://u:p@stream.example/"]
)
def test_other_schemes_and_credentials_in_urls_are_refused(url):
    with pytest.raises(ws.WsError, match="refused") as error:
        ws.connect(url, timeout=2)
    assert not error.value.retryable


def test_a_public_name_connects_to_the_address_that_was_checked():
    with FakeWsServer(lambda r: ["bonjour", b"\x00\x01"]) as server:
        route = routed({"stream.example": PUBLIC_IP}, server)
        with ws.connect(
            f"ws://stream.example:{server.port}/feed?x=1", timeout=2, **route
        ) as session:
            received = list(session.messages(max_messages=10, max_seconds=5))
    assert received == ["bonjour", b"\x00\x01"]
    assert server.requests[0].path == "/feed?x=1"
    assert server.requests[0].headers["host"] == f"stream.example:{server.port}"
    assert server.requests[0].headers["user-agent"].startswith("Sentinelle/")


def test_reads_stop_at_the_message_count_and_the_session_byte_cap():
    with FakeWsServer(lambda r: ["a" * 1_000] * 20) as server:
        with ws.connect(server.url("/"), allow_private=True, timeout=2) as session:
            two = list(session.messages(max_messages=2, max_seconds=5))
        with ws.connect(
            server.url("/"), allow_private=True, timeout=2, max_session_bytes=2_500
        ) as session:
            capped = list(session.messages(max_messages=100, max_seconds=5))
    assert len(two) == 2 and len(capped) == 3


def test_an_oversized_message_ends_the_session_with_a_permanent_error():
    with FakeWsServer(lambda r: ["small", "x" * 5_000]) as server:
        received = []
        with (
            ws.connect(
                server.url("/"), allow_private=True, timeout=2, max_message_bytes=1_000
            ) as session,
            pytest.raises(ws.WsError, match="exceeds 1,000 bytes") as error,
        ):
            received.extend(session.messages(max_messages=10, max_seconds=5))
    assert received == ["small"] and not error.value.retryable


def test_a_refused_handshake_reports_its_status_and_retry_after():
    refusing = FakeWsServer(lambda r: Refuse(429, {"Retry-After": "12"}))
    with refusing as server, pytest.raises(ws.WsError, match="HTTP 429") as error:
        ws.connect(server.url("/"), allow_private=True, timeout=2)
    assert error.value.retryable and error.value.retry_after == 12.0 and error.value.status == 429


def test_header_injection_is_refused():
    with pytest.raises(ws.WsError, match="invalid request header"):
        ws.connect("wss://stream.example/", headers={"Authorization": "Bearer x\r\nEvil: 1"})


def test_a_server_that_does_not_answer_in_time_is_a_retryable_error():
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        with pytest.raises(ws.WsError, match="cannot open") as error:
            ws.connect(f"ws://127.0.0.1:{port}/", allow_private=True, timeout=0.5)
    assert error.value.retryable
