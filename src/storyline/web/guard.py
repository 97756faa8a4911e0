"""ASGI middleware for the explorer: answer only the host names it serves, and answer HEAD like GET."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# The names a browser on this machine uses for a server on loopback.
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
# Addresses that mean "every interface": no client sends them as a host name.
ANY_ADDRESS = ("0.0.0.0", "::", "")


def split_host(value: str) -> tuple[str, int | None]:
    """A Host header as (lower-case name, port or None): `[::1]:8765` -> ("::1", 8765)."""
    value = value.strip().lower()
    if value.startswith("["):
        name, _, rest = value[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else ""
    elif value.count(":") == 1:
        name, _, port = value.partition(":")
    else:
        name, port = value, ""
    if port and not port.isdigit():
        return "", None
    return name.rstrip("."), int(port) if port else None


class HostPolicy:
    """Which Host headers to answer.

    The loopback names and the address listened on, at the port listened on
    (any port when none is given); and the names the user allowed, at any port
    unless one is given with the name, since a proxy in front may serve 443.
    """

    def __init__(
        self, listen_host: str | None = None, port: int | None = None, allowed: Iterable[str] = ()
    ) -> None:
        self.port = port
        self.local = set(LOOPBACK_NAMES)
        if listen_host is not None and listen_host.strip("[]") not in ANY_ADDRESS:
            self.local.add(listen_host.strip("[]").lower().rstrip("."))
        self.extra = {split_host(a) for a in allowed if a.strip()}

    def allows(self, header: str | None) -> bool:
        name, port = split_host(header or "")
        if not name:
            return False
        if name in self.local:
            # a header without a port means the scheme's default, which is port 80 only here
            return self.port is None or (port if port is not None else 80) == self.port
        return (name, None) in self.extra or port is not None and (name, port) in self.extra


class GuardMiddleware:
    """Rejects requests for other hosts (DNS rebinding) with 400, and serves HEAD as a GET without a body."""

    def __init__(self, app: ASGIApp, policy: HostPolicy) -> None:
        self.app = app
        self.policy = policy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if not self.policy.allows(_header(scope, b"host")):
            await _reject(send, head=scope["method"] == "HEAD")
            return
        if scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers_only(message: Message) -> None:
            # Content-Length stays what GET would send; only the body goes.
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_headers_only)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return value.decode("latin-1")
    return None


async def _reject(send: Send, head: bool) -> None:
    body = b"Invalid Host header: this explorer answers only the names it listens on (see --allowed-host)\n"
    headers = [
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
        (b"x-content-type-options", b"nosniff"),
    ]
    await send({"type": "http.response.start", "status": 400, "headers": headers})
    await send({"type": "http.response.body", "body": b"" if head else body})
