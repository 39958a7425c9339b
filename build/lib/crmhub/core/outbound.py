"""Outbound HTTP to addresses an admin typed in (trigger webhooks, alert webhooks), kept off the inside network.

A destination is allowed when every address its name resolves to is public, or is named by the
`OUTBOUND_ALLOWED_NETWORKS` setting (networks such as 10.1.2.0/24 or 127.0.0.1, or host names). The check
runs where the socket is opened: the name is resolved once, every address is checked, and the connection
goes to a checked address, so a second DNS answer (rebinding) never reaches a socket. Redirects are
followed only through the same check. TLS still verifies the certificate against the host name.
"""

from __future__ import annotations

import hashlib
import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass

import httpcore
import httpx
from django.conf import settings

from crmhub.core.backoff import parse_retry_after

MAX_REDIRECTS = 3
BODY_READ_LIMIT = 1024 * 1024

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]


class DestinationRefused(Exception):
    """The URL leads to an address outside the public internet that no allow-list entry names."""


@dataclass(frozen=True)
class AllowList:
    networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()
    hosts: frozenset[str] = frozenset()

    @classmethod
    def parse(cls, entries) -> AllowList:
        networks, hosts = [], set()
        for entry in entries or ():
            text = str(entry).strip()
            if not text:
                continue
            try:
                networks.append(ipaddress.ip_network(text, strict=False))
            except ValueError:
                hosts.add(text.lower().rstrip("."))
        return cls(tuple(networks), frozenset(hosts))

    @classmethod
    def from_settings(cls) -> AllowList:
        return cls.parse(getattr(settings, "OUTBOUND_ALLOWED_NETWORKS", ()))

    def names(self, host: str, address: Address) -> bool:
        return host.lower().rstrip(".") in self.hosts or any(address in net for net in self.networks)


def is_public(address: Address) -> bool:
    """Globally routable unicast: not loopback, private, link-local, shared (CGNAT), reserved or multicast."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def system_resolve(host: str, port: int) -> list[str]:
    try:
        answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise DestinationRefused(f"{host} does not resolve: {exc}") from exc
    return [answer[4][0] for answer in answers]


def checked_addresses(host: str, port: int, *, allow: AllowList, resolve: Resolver) -> list[str]:
    """Every address `host` resolves to, if all of them may be called; DestinationRefused otherwise."""
    addresses = []
    for text in dict.fromkeys(resolve(host, port)):
        address = ipaddress.ip_address(text.split("%", 1)[0])
        if not (is_public(address) or allow.names(host, address)):
            raise DestinationRefused(
                f"{host} resolves to {address}, which is not a public address "
                "(an admin can allow it with OUTBOUND_ALLOWED_NETWORKS)."
            )
        addresses.append(str(address))
    if not addresses:
        raise DestinationRefused(f"{host} resolves to no address.")
    return addresses


class CheckedNetworkBackend(httpcore.NetworkBackend):
    """Opens TCP connections only to checked addresses (the hook httpcore gives for exactly this)."""

    def __init__(self, *, allow: AllowList, resolve: Resolver):
        self._inner = httpcore.SyncBackend()
        self._allow = allow
        self._resolve = resolve

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        addresses = checked_addresses(host, port, allow=self._allow, resolve=self._resolve)
        last_error: Exception | None = None
        for address in addresses:
            try:
                return self._inner.connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last_error = exc
        raise last_error  # type: ignore[misc]

    def connect_unix_socket(self, path, timeout=None, socket_options=None):
        raise DestinationRefused("Unix sockets are not an outbound destination.")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class CheckedTransport(httpx.HTTPTransport):
    """httpx's own transport with the connection pool opening sockets through `CheckedNetworkBackend`.
    No proxy from the environment: a proxy would make the checked address the proxy's."""

    def __init__(self, *, allow: AllowList | None = None, resolve: Resolver = system_resolve):
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            network_backend=CheckedNetworkBackend(allow=allow or AllowList.from_settings(), resolve=resolve),
        )


@dataclass(frozen=True)
class OutboundResponse:
    """What is kept of an answer: its status, size and SHA-256, never its text (it may be anyone's page)."""

    status_code: int
    body_bytes: int
    body_sha256: str
    truncated: bool
    retry_after: float | None = None  # the receiver's Retry-After, when it asked us to wait

    @property
    def is_success(self) -> bool:
        return 200 <= self.status_code < 300

    def summary(self) -> dict:
        return {
            "status_code": self.status_code,
            "body_bytes": self.body_bytes,
            "body_sha256": self.body_sha256,
            **({"body_truncated": True} if self.truncated else {}),
        }

    def describe(self) -> str:
        more = "+" if self.truncated else ""
        return f"HTTP {self.status_code} ({self.body_bytes}{more} bytes, sha256 {self.body_sha256[:16]}…)"


def post(
    url: str,
    *,
    content: bytes,
    headers: dict,
    timeout: float,
    transport: httpx.BaseTransport | None = None,
) -> OutboundResponse:
    """POST through the checked transport (or a test's `transport`); redirects are followed only to
    checked addresses, at most MAX_REDIRECTS times. Raises DestinationRefused or httpx.HTTPError."""
    with (
        httpx.Client(
            transport=transport or CheckedTransport(),
            timeout=timeout,
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
            trust_env=False,
        ) as client,
        client.stream("POST", url, content=content, headers=headers) as response,
    ):
        return _digest(response)


def _digest(response: httpx.Response) -> OutboundResponse:
    digest, size, truncated = hashlib.sha256(), 0, False
    for chunk in response.iter_bytes():
        room = BODY_READ_LIMIT - size
        digest.update(chunk[:room])
        size += min(len(chunk), room)
        if len(chunk) > room:
            truncated = True
            break
    retry_after = parse_retry_after(response.headers.get("Retry-After"))
    return OutboundResponse(response.status_code, size, digest.hexdigest(), truncated, retry_after)
