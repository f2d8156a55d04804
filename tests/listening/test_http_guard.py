"""The guarded HTTP client: a canary on the loopback interface must receive nothing, whatever
form the address takes, including after DNS tricks and redirects; sizes, time and
decompression are capped."""

from __future__ import annotations

import gzip
import socket
import threading
import time
import zlib
from collections.abc import Iterator
from datetime import timedelta
from email.utils import format_datetime
from functools import partial

import pytest

from sentinelle.core.clock import now
from sentinelle.core.http import USER_AGENT, FetchError, fetch, open_socket, parse_retry_after
from tests.listening.fake_http import FakeServer, Reply, static

PUBLIC_IP = "93.184.216.34"  # stands for a public web host; routed to a local server in tests
OTHER_PUBLIC_IP = "151.101.1.69"

DNS = {
    "127.0.0.1.nip.io": ["127.0.0.1"],
    "feeds.example.com": [PUBLIC_IP],
    "cdn.example.net": [OTHER_PUBLIC_IP],
    "innocent.example.org": ["127.0.0.1"],
    "rebind.example.org": [PUBLIC_IP, "127.0.0.1"],
    "v6only.example.org": ["::1"],
    "mapped.example.org": ["::ffff:127.0.0.1"],
    "metadata.example.org": ["169.254.169.254"],
    "intranet.example.org": ["10.1.2.3"],
    "cgnat.example.org": ["100.64.0.7"],
}


def fake_resolver(host: str, port: int, family: int = 0, type: int = 0, *rest: object) -> list:
    """getaddrinfo over the DNS table above; nothing leaves the machine."""
    if host not in DNS:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    result = []
    for address in DNS[host]:
        if ":" in address:
            result.append((socket.AF_INET6, socket.SOCK_STREAM, 6, "", (address, port, 0, 0)))
        else:
            result.append((socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port)))
    return result


@pytest.fixture(scope="module")
def canary() -> Iterator[tuple[FakeServer, FakeServer]]:
    """Servers on 127.0.0.1 and ::1 that answer 200 to anything, and must never be reached."""
    with (
        FakeServer(ipv6=False) as four,
        FakeServer(ipv6=True) as six,
    ):
        four.default = six.default = static(200, b"canary reached")
        yield four, six


def _hits(canary: tuple[FakeServer, FakeServer]) -> int:
    return sum(server.connections + len(server.requests) for server in canary)


REFUSED_FORMS = [
    "http://127.0.0.1:{p4}/",
    "http://127.0.0.1:{p4}/feed.xml?x=1",
    "HTTP://127.0.0.1:{p4}/",
    "https://127.0.0.1:{p4}/",
    "http://localhost:{p4}/",
    "http://LOCALHOST:{p4}/",
    "http://localhost.:{p4}/",
    "http://api.localhost:{p4}/",
    "http://2130706433:{p4}/",
    "http://0x7f000001:{p4}/",
    "http://0x7f.0x0.0x0.0x1:{p4}/",
    "http://0177.0.0.1:{p4}/",
    "http://0177.0000.0000.0001:{p4}/",
    "http://127.1:{p4}/",
    "http://127.0.1:{p4}/",
    "http://127.000.000.001:{p4}/",
    "http://127.0.0.1.:{p4}/",
    "http://127。0。0。1:{p4}/",
    "http://①②⑦.0.0.1:{p4}/",
    "http://%31%32%37.0.0.1:{p4}/",
    "http://[::1]:{p6}/",
    "http://[0:0:0:0:0:0:0:1]:{p6}/",
    "http://[::ffff:127.0.0.1]:{p4}/",
    "http://[0:0:0:0:0:ffff:7f00:1]:{p4}/",
    "http://[::ffff:7f00:1]:{p4}/",
    "http://[::127.0.0.1]:{p4}/",
    "http://[2002:7f00:1::]:{p4}/",
    "http://[::1%25lo]:{p6}/",
    "http://0.0.0.0:{p4}/",
    "http://0:{p4}/",
    "http://[::]:{p6}/",
    "http://example.com@127.0.0.1:{p4}/",
    "http://127.0.0.1:{p4}@example.com/",
    "http://127.0.0.1:{p4}\\@example.com/",
    " http://127.0.0.1:{p4}/",
    "http://127.0.0.1.nip.io:{p4}/",
    "http://innocent.example.org:{p4}/",
    "http://rebind.example.org:{p4}/",
    "http://v6only.example.org:{p6}/",
    "http://mapped.example.org:{p4}/",
    "http://metadata.example.org/latest/meta-data/",
    "http://intranet.example.org/",
    "http://cgnat.example.org/",
    "http://10.0.0.1:{p4}/",
    "http://10.255.255.254/",
    "http://172.16.0.1:{p4}/",
    "http://172.31.255.254/",
    "http://192.168.0.1:{p4}/",
    "http://192.168.1.254/admin",
    "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
    "http://[fd00:ec2::254]/latest/meta-data/",
    "http://100.64.0.1:{p4}/",
    "http://100.127.255.254/",
    "http://[fc00::1]/",
    "http://[fd12:3456::1]/",
    "http://[fe80::1]/",
    "http://[fec0::1]/",
    "http://224.0.0.1/",
    "http://[ff02::1]/",
    "http://255.255.255.255/",
    "http://240.0.0.1/",
    "http://198.18.0.1/",
    "file:///etc/passwd",
    "file://127.0.0.1/etc/passwd",
    "ftp://127.0.0.1:{p4}/",
    "gopher://127.0.0.1:{p4}/_GET%20/",
    "dict://127.0.0.1:{p4}/info",
    "javascript:alert(1)",
    "data:text/plain,hello",
    "feed://127.0.0.1:{p4}/",
    "//127.0.0.1:{p4}/",
    "http://:{p4}/",
    "http://127.0.0.1:99999/",
]


@pytest.mark.parametrize("form", REFUSED_FORMS)
def test_the_canary_receives_nothing(canary, form):
    four, six = canary
    url = form.format(p4=four.port, p6=six.port)
    with pytest.raises(FetchError) as refused:
        fetch(url, resolver=fake_resolver, timeout=2)
    assert not refused.value.retryable, refused.value
    assert refused.value.status is None
    assert _hits(canary) == 0


@pytest.mark.parametrize("form", ["http://localhost:{p4}/", "http://2130706433:{p4}/"])
def test_the_real_resolver_is_guarded_too(canary, form):
    with pytest.raises(FetchError):
        fetch(form.format(p4=canary[0].port), timeout=2)
    assert _hits(canary) == 0


def test_the_canary_would_notice_a_request():
    """Control: the same kind of server records a fetch that is allowed through."""
    with FakeServer({"/": static(200, b"hello")}) as server:
        response = fetch(server.url("/"), allow_private=True, timeout=2)
    assert response.body == b"hello"
    assert server.connections == 1
    assert server.requests[0].headers["user-agent"] == USER_AGENT


@pytest.fixture
def gateway() -> Iterator[FakeServer]:
    """A loopback server that plays the public host feeds.example.com."""
    with FakeServer() as server:
        yield server


def routed(*servers: FakeServer):
    """An opener that routes the fake public addresses to local servers, and nothing else."""
    table = dict(zip((PUBLIC_IP, OTHER_PUBLIC_IP), servers, strict=False))

    def opener(family, address, timeout):
        server = table.get(address[0])
        if server is not None:
            return open_socket(socket.AF_INET, ("127.0.0.1", server.port), timeout)
        return open_socket(family, address, timeout)  # the canary is the judge of this path

    return opener


def redirect(location: str):
    return static(302, b"", Location=location)


def test_redirects_to_internal_addresses_are_refused(canary, gateway):
    four, six = canary
    targets = {
        "/to-loopback": four.url("/"),
        "/to-decimal": f"http://2130706433:{four.port}/",
        "/to-v6": six.url("/"),
        "/to-name": f"http://innocent.example.org:{four.port}/",
        "/to-metadata": "http://169.254.169.254/latest/meta-data/",
        "/to-file": "file:///etc/passwd",
        "/to-gopher": f"gopher://127.0.0.1:{four.port}/",
    }
    gateway.routes.update({path: redirect(location) for path, location in targets.items()})
    guarded = partial(fetch, resolver=fake_resolver, opener=routed(gateway), timeout=2)
    for path in targets:
        with pytest.raises(FetchError) as refused:
            guarded(f"http://feeds.example.com:{gateway.port}{path}")
        assert not refused.value.retryable
        assert "refused" in str(refused.value) or "only http" in str(refused.value)
    assert len(gateway.requests) == len(targets)  # the first hop was allowed each time
    assert _hits(canary) == 0


def test_public_redirects_are_followed_and_credentials_stay_home(gateway):
    with FakeServer({"/final": static(200, b"moved here")}) as cdn:
        gateway.routes["/start"] = redirect("/middle")
        gateway.routes["/middle"] = static(301, Location=f"http://cdn.example.net:{cdn.port}/final")
        response = fetch(
            f"http://feeds.example.com:{gateway.port}/start",
            headers={"Authorization": "Bearer secret"},
            resolver=fake_resolver,
            opener=routed(gateway, cdn),
            timeout=2,
        )
    assert response.body == b"moved here"
    assert response.url == f"http://cdn.example.net:{cdn.port}/final"
    assert len(response.redirects) == 2
    assert gateway.requests[0].headers["authorization"] == "Bearer secret"
    assert "authorization" not in cdn.requests[0].headers
    assert cdn.requests[0].headers["host"] == f"cdn.example.net:{cdn.port}"


def test_a_redirect_loop_stops(gateway):
    gateway.routes["/loop"] = redirect("/loop")
    with pytest.raises(FetchError, match="more than 3 redirects"):
        fetch(
            f"http://feeds.example.com:{gateway.port}/loop",
            max_redirects=3,
            resolver=fake_resolver,
            opener=routed(gateway),
        )
    assert len(gateway.requests) == 4


local = partial(fetch, allow_private=True, timeout=2)


def test_a_body_over_the_cap_is_refused_with_or_without_a_length():
    def endless(request):
        return Reply(200, {"Content-Type": "text/plain"}, iter(lambda: b"x" * 65_536, None))

    with FakeServer({"/declared": static(200, b"x" * 300_000), "/streamed": endless}) as server:
        for path in ("/declared", "/streamed"):
            with pytest.raises(FetchError, match="100,000") as refused:
                local(server.url(path), max_bytes=100_000)
            assert not refused.value.retryable


def test_a_gzip_bomb_is_refused():
    bomb = gzip.compress(b"\0" * 10_000_000, compresslevel=9)
    headers = {"Content-Encoding": "gzip", "Content-Type": "application/xml"}
    with FakeServer({"/bomb": lambda r: Reply(200, headers, bomb)}) as server:
        with pytest.raises(FetchError, match="decompresses more than 100×") as by_ratio:
            local(server.url("/bomb"), max_bytes=50_000_000)
        with pytest.raises(FetchError, match="exceeds") as by_size:
            local(server.url("/bomb"), max_bytes=500_000)
    assert not by_ratio.value.retryable and not by_size.value.retryable


@pytest.mark.parametrize(
    ("encoding", "encode"),
    [
        ("gzip", gzip.compress),
        ("deflate", zlib.compress),
        ("deflate", lambda data: zlib.compress(data)[2:-4]),  # raw deflate, no zlib header
    ],
)
def test_compressed_bodies_are_decoded(encoding, encode):
    text = "Le vélo est arrivé cassé. ".encode() * 100
    route = static(200, encode(text), Content_Encoding=encoding)
    with FakeServer({"/": route}) as server:
        response = local(server.url("/"))
    assert response.body == text
    assert server.requests[0].headers["accept-encoding"] == "gzip, deflate"


def test_an_unknown_encoding_is_refused():
    route = static(200, b"??", Content_Encoding="br")
    with FakeServer({"/": route}) as server, pytest.raises(FetchError, match="unsupported"):
        local(server.url("/"))


def test_a_server_that_never_answers_times_out():
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)  # the kernel completes the handshake; nobody ever reads or answers
    try:
        with pytest.raises(FetchError, match="timed out") as slow:
            fetch(f"http://127.0.0.1:{listener.getsockname()[1]}/", allow_private=True, timeout=0.5)
    finally:
        listener.close()
    assert slow.value.retryable


def test_a_server_that_drips_is_cut_at_the_total_deadline():
    stop = threading.Event()

    def drip(request):
        def chunks():
            while not stop.is_set():
                yield b"."
                time.sleep(0.05)

        return Reply(200, {"Content-Type": "text/plain"}, chunks())

    with FakeServer({"/": drip}) as server:
        try:
            with pytest.raises(FetchError, match="timed out") as slow:
                local(server.url("/"), timeout=0.5)
        finally:
            stop.set()
    assert slow.value.retryable


def test_429_carries_retry_after_in_seconds_or_as_a_date():
    later = format_datetime(now() + timedelta(minutes=10), usegmt=True)
    routes = {
        "/seconds": static(429, b"slow down", Retry_After="120"),
        "/date": static(503, b"maintenance", Retry_After=later),
        "/gone": static(404, b"no"),
    }
    with FakeServer(routes) as server:
        with pytest.raises(FetchError) as seconds:
            local(server.url("/seconds"))
        with pytest.raises(FetchError) as date:
            local(server.url("/date"))
        with pytest.raises(FetchError) as gone:
            local(server.url("/gone"))
    assert (seconds.value.status, seconds.value.retryable, seconds.value.retry_after) == (
        429,
        True,
        120.0,
    )
    assert date.value.status == 503 and date.value.retryable
    assert 500 < date.value.retry_after <= 600
    assert gone.value.status == 404 and not gone.value.retryable


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", 0.0),
        ("3600", 3600.0),
        ("999999999", 7 * 24 * 3600.0),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),
        ("soon", None),
        ("-5", None),
        ("", None),
        (None, None),
    ],
)
def test_retry_after_values(value, expected):
    assert parse_retry_after(value) == expected


def test_conditional_get_returns_304_cleanly():
    def conditional(request):
        if request.headers.get("if-none-match") == '"v1"':
            return Reply(304, {"ETag": '"v1"'}, b"")
        return Reply(
            200, {"ETag": '"v1"', "Last-Modified": "Mon, 16 Nov 2026 09:00:00 GMT"}, b"feed"
        )

    with FakeServer({"/feed": conditional}) as server:
        first = local(server.url("/feed"))
        again = local(
            server.url("/feed"),
            headers={
                "If-None-Match": first.header("etag"),
                "If-Modified-Since": first.header("last-modified"),
            },
        )
    assert (first.status, first.body) == (200, b"feed")
    assert (again.status, again.body) == (304, b"")
    assert server.requests[1].headers["if-modified-since"] == "Mon, 16 Nov 2026 09:00:00 GMT"


def test_unsupported_methods_and_header_injection_are_refused():
    with pytest.raises(FetchError, match="not supported"):
        fetch("https://feeds.example.com/", method="DELETE")
    with FakeServer() as server, pytest.raises(FetchError, match="invalid request header"):
        local(server.url("/"), headers={"X-Test": "a\r\nHost: evil"})
    assert server.connections == 0
