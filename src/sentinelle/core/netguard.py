"""Which addresses an outbound fetch may reach: URL parsing and the address blocklist.

Checks are made on the addresses a name resolves to, never on the name alone, so that a
public-looking name pointing at 127.0.0.1 or a cloud metadata service is refused.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[..., Sequence[tuple[Any, ...]]]

ALLOWED_SCHEMES = {"http": 80, "https": 443}

# Ranges that `ipaddress` does not flag in every Python version, or flags only as "not global".
_BLOCKED_NETWORKS = tuple(
    ipaddress.ip_network(net)
    for net in (
        "0.0.0.0/8",  # "this network": 0.0.0.0 reaches the local host on Linux
        "100.64.0.0/10",  # carrier-grade NAT
        "169.254.0.0/16",  # link-local, includes the 169.254.169.254 metadata service
        "192.0.0.0/24",  # IETF protocol assignments
        "198.18.0.0/15",  # benchmarking
        "224.0.0.0/4",  # multicast
        "240.0.0.0/4",  # reserved, includes 255.255.255.255
        "fc00::/7",  # unique local (fd00:ec2::254 is the AWS metadata service)
        "fec0::/10",  # site-local (deprecated, still routed by some stacks)
        "fe80::/10",  # link-local
        "ff00::/8",  # multicast
        "::/96",  # IPv4-compatible (deprecated) and the unspecified/loopback addresses
        "100::/64",  # discard-only
        "2001:db8::/32",  # documentation
    )
)
_METADATA = {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_SAFE_PATH = "/%:@!$&'()*+,;=-._~?"
_HOST_NAME = re.compile(r"^[a-z0-9_-]+(\.[a-z0-9_-]+)*$")
_IPV4_PART = re.compile(r"^(0[xX][0-9a-fA-F]*|0[0-7]*|[1-9][0-9]*)$")


class BlockedError(ValueError):
    """A URL or address that Sentinelle refuses to fetch; the message says why."""


@dataclass(frozen=True)
class Target:
    """A validated URL, split into what the connection needs."""

    scheme: str
    host: str  # ASCII (IDNA) host name or address literal, without brackets
    port: int
    path: str  # path and query as sent on the request line
    literal: IPAddress | None  # set when the URL names an address rather than a host

    @property
    def origin(self) -> tuple[str, str, int]:
        return (self.scheme, self.host, self.port)


def embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, compatible, 6to4, Teredo, NAT64)."""
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in _NAT64 or int(address) >> 32 == 0:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def blocked_reason(address: IPAddress) -> str | None:
    """Why this address may not be fetched, or None for an ordinary public address."""
    if address in _METADATA:
        return f"cloud metadata address {address}"
    checks = (
        ("loopback", address.is_loopback),
        ("unspecified", address.is_unspecified),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("private", address.is_private),
        ("reserved", address.is_reserved),
        ("site-local", getattr(address, "is_site_local", False)),
    )
    for name, flagged in checks:
        if flagged:
            return f"{name} address {address}"
    inner = embedded_ipv4(address)
    if inner is not None:
        reason = blocked_reason(inner)
        if reason:
            return f"{reason} (embedded in {address})"
    if any(address in net for net in _BLOCKED_NETWORKS if net.version == address.version):
        return f"non-public address {address}"
    if not address.is_global:
        return f"non-public address {address}"
    return None


def parse_ipv4_number(host: str) -> ipaddress.IPv4Address | None:
    """Read a host the way browsers do (`127.1`, `0x7f000001`, `0177.0.0.1`, `2130706433`).

    Such forms are turned into the address they mean rather than handed to a resolver, so
    the address that is checked is the address that is connected to.
    """
    parts = host.split(".")
    if parts and parts[-1] == "":
        parts.pop()
    if not 1 <= len(parts) <= 4 or not all(_IPV4_PART.match(p) for p in parts):
        return None
    numbers = []
    for part in parts:
        if part[:2].lower() == "0x":
            numbers.append(int(part[2:] or "0", 16))
        elif len(part) > 1 and part.startswith("0"):
            numbers.append(int(part, 8))
        else:
            numbers.append(int(part))
    last_limit = 256 ** (5 - len(numbers))
    if any(n > 255 for n in numbers[:-1]) or numbers[-1] >= last_limit:
        raise BlockedError(f"invalid IPv4 address {host!r}")
    value = numbers[-1]
    for index, number in enumerate(numbers[:-1]):
        value += number << (8 * (3 - index))
    return ipaddress.IPv4Address(value)


def parse_target(url: str) -> Target:
    """Split and validate a URL: http(s) only, no credentials, no odd characters."""
    if not isinstance(url, str) or not url or len(url) > 8000:
        raise BlockedError("the URL must be a non-empty string of at most 8,000 characters")
    if any(ch.isspace() or ord(ch) < 32 or ch == "\\" for ch in url):
        raise BlockedError("the URL contains spaces, control characters or backslashes")
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise BlockedError(f"only http and https URLs are fetched, not {scheme or 'this'!r}")
    if "@" in parts.netloc:
        raise BlockedError("URLs with credentials (user@host) are not fetched")
    try:
        port = parts.port or ALLOWED_SCHEMES[scheme]
    except ValueError:
        raise BlockedError("the URL's port is not a number from 1 to 65535") from None
    if port == 0:
        raise BlockedError("the URL's port is not a number from 1 to 65535")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise BlockedError("the URL has no host")
    literal: IPAddress | None
    if parts.netloc.split(":")[0].startswith("[") or ":" in host:
        if "%" in host:
            raise BlockedError("IPv6 zone identifiers are not fetched")
        try:
            literal = ipaddress.IPv6Address(host)
        except ValueError:
            raise BlockedError(f"invalid IPv6 address {host!r}") from None
    else:
        try:
            host = host.encode("idna").decode("ascii").lower()
        except UnicodeError:
            raise BlockedError(f"invalid host name {host!r}") from None
        if not _HOST_NAME.match(host):
            raise BlockedError(f"invalid host name {host!r}")
        literal = parse_ipv4_number(host)
        if literal is not None:
            host = str(literal)
        elif host == "localhost" or host.endswith(".localhost"):
            raise BlockedError("localhost is not fetched")
    path = quote(parts.path or "/", safe=_SAFE_PATH)
    if parts.query:
        path += "?" + quote(parts.query, safe=_SAFE_PATH)
    return Target(scheme=scheme, host=host, port=port, path=path, literal=literal)


def resolve(
    target: Target, *, resolver: Resolver, allow_private: bool
) -> list[tuple[socket.AddressFamily, tuple[Any, ...]]]:
    """The socket addresses to connect to, each checked; one bad address refuses them all.

    Refusing the whole name (rather than skipping its private addresses) is deliberate: a name
    that resolves to both a public and an internal address is a DNS-rebinding attempt.
    """
    if target.literal is not None:
        addresses: list[IPAddress] = [target.literal]
    else:
        try:
            infos = resolver(target.host, target.port, 0, socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:
            raise LookupError(f"cannot resolve {target.host}: {exc}") from None
        addresses = []
        for info in infos:
            try:
                address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
            except (ValueError, IndexError, TypeError):
                raise BlockedError(f"{target.host} resolved to an unreadable address") from None
            if address not in addresses:
                addresses.append(address)
        if not addresses:
            raise LookupError(f"cannot resolve {target.host}: no address")
    result = []
    for address in addresses:
        if not allow_private:
            reason = blocked_reason(address)
            if reason:
                raise BlockedError(f"{target.host} is refused: {reason}")
        if isinstance(address, ipaddress.IPv4Address):
            result.append((socket.AF_INET, (str(address), target.port)))
        else:
            result.append((socket.AF_INET6, (str(address), target.port, 0, 0)))
    return result
