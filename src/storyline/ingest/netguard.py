"""Connections that check where they go: refuse non-public addresses, keep a total deadline."""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import httpcore
import httpx

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# The deadline of the request the current thread is making (time.monotonic()).
# Every socket operation is cut to what is left of it, so a server trickling
# one byte at a time cannot hold a request past --timeout.
_local = threading.local()
# NAT64 gateways map this prefix onto the IPv4 internet; the embedded address decides.
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
# Checked in this order, so 169.254.169.254 is "link-local" rather than merely "private".
_NOT_PUBLIC = (
    ("is_unspecified", "an unspecified"),
    ("is_loopback", "a loopback"),
    ("is_link_local", "a link-local"),
    ("is_multicast", "a multicast"),
    ("is_private", "a private"),
    ("is_site_local", "a private"),
    ("is_reserved", "a reserved"),
)


class RefusedAddress(Exception):
    """A connection the policy forbids: every address the host resolves to is not public."""

    def __init__(self, host: str, reason: str) -> None:
        super().__init__(f"{host}: {reason}")
        self.host = host
        self.reason = reason


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Bound every socket operation of this thread, inside the block, by `seconds` in total.

    A deadline inside another never outlasts it: the robots.txt fetched on the
    way to a page spends the page's time, not time of its own.
    """
    previous = getattr(_local, "deadline", None)
    end = time.monotonic() + seconds
    _local.deadline = end if previous is None else min(previous, end)
    try:
        yield
    finally:
        _local.deadline = previous


def _left(timeout: float | None, expired: type[Exception]) -> float | None:
    """The per-operation timeout cut to what is left of the deadline; raise `expired` when none is."""
    end: float | None = getattr(_local, "deadline", None)
    if end is None:
        return timeout
    left = end - time.monotonic()
    if left <= 0:
        raise expired("the request's total deadline passed")
    return left if timeout is None else min(timeout, left)


def refusal(ip: IPAddress) -> str | None:
    """Why a URL taken from content may not reach `ip` ("127.0.0.1 is a loopback address"), or None."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            # The IPv4 address inside decides where the connection really goes.
            inner = refusal(embedded)
            return f"{ip} maps to {inner}" if inner else None
    for test, words in _NOT_PUBLIC:
        if getattr(ip, test, False):
            return f"{ip} is {words} address"
    if not ip.is_global:
        return f"{ip} is not a public address"
    return None


def _resolve(host: str, port: int, timeout: float | None) -> list[str]:
    """The addresses `host` resolves to, in the resolver's order, within `timeout` seconds."""
    found: list[Any] = []
    failure: list[OSError] = []

    def lookup() -> None:
        try:
            found.extend(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except OSError as exc:
            failure.append(exc)

    # getaddrinfo has no timeout of its own; a daemon thread lets a stuck
    # resolver be abandoned without delaying the end of the run.
    worker = threading.Thread(target=lookup, name="storyline-dns", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise httpcore.ConnectTimeout(f"looking up {host} took too long")
    if failure:
        raise httpcore.ConnectError(str(failure[0]))
    addresses: list[str] = []
    for _family, _type, _proto, _name, sockaddr in found:
        if sockaddr[0] not in addresses:
            addresses.append(sockaddr[0])
    return addresses


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose reads, writes and TLS handshake all stop at the thread's deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        # server_hostname is the URL's host, not the address we connected to,
        # so SNI and certificate checks are those of the name.
        upgraded = self._inner.start_tls(
            ssl_context, server_hostname, _left(timeout, httpcore.ConnectTimeout)
        )
        return _DeadlineStream(upgraded)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class GuardedBackend(httpcore.NetworkBackend):
    """Resolve each host once, drop the addresses the policy refuses, and connect to a checked one.

    Connecting to the very address that was checked leaves no gap for DNS
    rebinding between the check and the connection.
    """

    def __init__(self, public_only: bool) -> None:
        self._public_only = public_only
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = _resolve(host, port, _left(timeout, httpcore.ConnectTimeout))
        allowed = addresses
        if self._public_only:
            reasons = {a: refusal(ipaddress.ip_address(a.split("%", 1)[0])) for a in addresses}
            allowed = [a for a in addresses if reasons[a] is None]
            if not allowed:
                raise RefusedAddress(host, next(iter(reasons.values())) or "no address")
        error: Exception = httpcore.ConnectError(f"no address found for {host}")
        for address in allowed:
            try:
                stream = self._inner.connect_tcp(
                    address, port, _left(timeout, httpcore.ConnectTimeout), local_address, socket_options
                )
            except httpcore.ConnectError as exc:
                error = exc
                continue
            return _DeadlineStream(stream)
        raise error

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


# httpcore's errors as the httpx errors callers catch, most specific first.
_HTTPX_ERRORS: tuple[tuple[type[Exception], type[httpx.TransportError]], ...] = (
    (httpcore.ConnectTimeout, httpx.ConnectTimeout),
    (httpcore.ReadTimeout, httpx.ReadTimeout),
    (httpcore.WriteTimeout, httpx.WriteTimeout),
    (httpcore.PoolTimeout, httpx.PoolTimeout),
    (httpcore.TimeoutException, httpx.TimeoutException),
    (httpcore.ConnectError, httpx.ConnectError),
    (httpcore.ReadError, httpx.ReadError),
    (httpcore.WriteError, httpx.WriteError),
    (httpcore.NetworkError, httpx.NetworkError),
    (httpcore.UnsupportedProtocol, httpx.UnsupportedProtocol),
    (httpcore.LocalProtocolError, httpx.LocalProtocolError),
    (httpcore.RemoteProtocolError, httpx.RemoteProtocolError),
    (httpcore.ProtocolError, httpx.ProtocolError),
)


_HTTPCORE_ERRORS = tuple(ours for ours, _theirs in _HTTPX_ERRORS)


@contextmanager
def _as_httpx_errors() -> Iterator[None]:
    try:
        yield
    except _HTTPCORE_ERRORS as exc:
        kind = next(theirs for ours, theirs in _HTTPX_ERRORS if isinstance(exc, ours))
        raise kind(str(exc)) from exc


class _ResponseBody(httpx.SyncByteStream):
    """An httpcore response body as httpx reads it, with httpcore's errors turned into httpx's."""

    def __init__(self, response: httpcore.Response) -> None:
        self._response = response

    def __iter__(self) -> Iterator[bytes]:
        with _as_httpx_errors():
            yield from self._response.iter_stream()

    def close(self) -> None:
        self._response.close()


class GuardedTransport(httpx.BaseTransport):
    """An httpx transport over an httpcore connection pool that connects through a `GuardedBackend`.

    Built from public API only (httpx's custom-transport interface and
    httpcore's `network_backend`), so every connection, plain or TLS, first
    request or redirect, goes through the address check. Giving the client a
    transport also keeps httpx from routing through proxies named in the
    environment, which would hide the real destination from the check.
    Certificates are checked against certifi's bundle, or the authorities
    named by `SSL_CERT_FILE` / `SSL_CERT_DIR` when set.
    """

    def __init__(self, public_only: bool) -> None:
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=100,
            max_keepalive_connections=20,
            keepalive_expiry=5.0,
            network_backend=GuardedBackend(public_only),
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        core_request = httpcore.Request(
            method=request.method,
            url=httpcore.URL(scheme=url.raw_scheme, host=url.raw_host, port=url.port, target=url.raw_path),
            headers=request.headers.raw,
            content=request.stream,  # type: ignore[arg-type] - a client's request body is iterable bytes
            extensions=request.extensions,
        )
        with _as_httpx_errors():
            response = self._pool.handle_request(core_request)
        return httpx.Response(
            status_code=response.status,
            headers=response.headers,
            stream=_ResponseBody(response),
            extensions=response.extensions,
        )

    def close(self) -> None:
        self._pool.close()
