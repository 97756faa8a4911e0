"""HTTPS through the guarded transport: certificates checked, address policy and deadline kept over TLS."""

from __future__ import annotations

import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import trustme

from storyline.config import Settings
from storyline.ingest import read_inputs
from storyline.model import InputProblem, RawDocument

PAGE = b"<html><body><p>A page served over TLS on the local machine.</p></body></html>"

Route = Callable[["_Handler"], None]


class _TLSServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    port: int
    base: str
    routes: dict[str, Route]
    hits: list[str]

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients hanging up at the deadline is what some tests provoke


class _Handler(BaseHTTPRequestHandler):
    server: _TLSServer

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        self.server.hits.append(self.path)
        route = self.server.routes.get(self.path)
        if route is None:
            self.send_error(404)
        else:
            route(self)

    def send(self, body: bytes, content_type: str = "text/html") -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the signature http.server uses
        pass


@pytest.fixture(scope="module")
def authority() -> trustme.CA:
    """A throwaway certificate authority, made for this test run only."""
    return trustme.CA()


@pytest.fixture
def trusted(authority: trustme.CA, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the test authority the one storyline trusts, the way a user names their own (SSL_CERT_FILE)."""
    bundle = tmp_path / "test-ca.pem"
    authority.cert_pem.write_to_path(str(bundle))
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)


@pytest.fixture
def server(authority: trustme.CA) -> Iterator[_TLSServer]:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("localhost", "127.0.0.1").configure_cert(context)
    httpd = _TLSServer(("127.0.0.1", 0), _Handler)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    httpd.port = httpd.server_address[1]
    httpd.base = f"https://127.0.0.1:{httpd.port}"
    httpd.routes, httpd.hits = {}, []
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def read(inputs: list[str], **overrides: object) -> list[RawDocument | InputProblem]:
    values: dict[str, object] = {"jobs": 1, "max_bytes": 65536, "timeout": 2.0, "max_redirects": 3}
    values.update(overrides)
    return list(read_inputs(inputs, Settings(**values)))  # type: ignore[arg-type]


def rss(links: list[str]) -> bytes:
    items = "".join(f"<item><title>T{n}</title><link>{link}</link></item>" for n, link in enumerate(links, 1))
    return f'<rss version="2.0"><channel><title>Local TLS</title>{items}</channel></rss>'.encode()


@pytest.mark.usefixtures("trusted")
def test_https_page_is_fetched_with_its_certificate_checked(server: _TLSServer) -> None:
    server.routes["/page"] = lambda h: h.send(PAGE)
    for url in (f"{server.base}/page", f"https://localhost:{server.port}/page"):
        (doc,) = read([url])
        assert isinstance(doc, RawDocument), doc
        assert doc.data == PAGE
        assert doc.hints.url == url
    assert server.hits == ["/robots.txt", "/page", "/robots.txt", "/page"]


def test_https_certificate_from_an_unknown_authority_is_one_problem(
    server: _TLSServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    server.routes["/page"] = lambda h: h.send(PAGE)
    url = f"https://localhost:{server.port}/page"
    (problem,) = read([url])
    assert isinstance(problem, InputProblem)
    assert problem.source == url and problem.kind == "unreachable"
    assert problem.reason.startswith("could not connect: ")
    assert "CERTIFICATE_VERIFY_FAILED" in problem.reason
    assert server.hits == []  # no request went over the unverified connection


@pytest.mark.usefixtures("trusted")
def test_https_feed_links_to_loopback_are_refused_when_connecting(server: _TLSServer) -> None:
    server.routes["/page"] = lambda h: h.send(PAGE)
    server.routes["/feed"] = lambda h: h.send(
        rss([f"{server.base}/page", f"https://localhost:{server.port}/page"]), "application/rss+xml"
    )
    feed = f"{server.base}/feed"

    refused = read([feed])
    assert [type(i) for i in refused] == [InputProblem, InputProblem]
    assert all(isinstance(i, InputProblem) and i.kind == "refused" for i in refused)
    assert "127.0.0.1 is a loopback address" in refused[1].reason  # the name resolved, then checked
    assert "/page" not in server.hits

    allowed = read([feed], allow_private_links=True)
    assert [i.data for i in allowed if isinstance(i, RawDocument)] == [PAGE, PAGE]


@pytest.mark.usefixtures("trusted")
def test_https_redirect_to_another_local_host_is_refused(server: _TLSServer) -> None:
    server.routes["/page"] = lambda h: h.send(PAGE)
    target = f"https://localhost:{server.port}/page"
    server.routes["/away"] = lambda h: h.redirect(target)
    (problem,) = read([f"{server.base}/away"])
    assert isinstance(problem, InputProblem) and problem.kind == "refused"
    assert problem.reason.startswith(f"redirect to {target} refused: 127.0.0.1 is a loopback address")
    assert "/page" not in server.hits


@pytest.mark.usefixtures("trusted")
def test_https_timeout_is_a_total_deadline_for_a_server_that_trickles(server: _TLSServer) -> None:
    def trickle(handler: _Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        for _ in range(40):  # 8 s in all if nobody hangs up
            handler.wfile.write(b"x")
            handler.wfile.flush()
            time.sleep(0.2)

    server.routes["/trickle"] = trickle
    started = time.monotonic()
    (problem,) = read([f"{server.base}/trickle"], timeout=1.0, ignore_robots=True)
    assert isinstance(problem, InputProblem)
    assert (problem.kind, problem.reason) == ("unreachable", "timed out after 1s")
    assert time.monotonic() - started < 2.5


@pytest.mark.usefixtures("trusted")
def test_https_server_that_never_answers_the_handshake_is_cut_off_at_the_deadline() -> None:
    # The kernel accepts the connection into the backlog; nobody ever speaks TLS on it.
    with socket.create_server(("127.0.0.1", 0)) as silent:
        url = f"https://127.0.0.1:{silent.getsockname()[1]}/page"
        started = time.monotonic()
        (problem,) = read([url], timeout=1.0, ignore_robots=True)
    assert isinstance(problem, InputProblem)
    assert (problem.kind, problem.reason) == ("unreachable", "timed out after 1s")
    assert time.monotonic() - started < 2.5


@pytest.mark.usefixtures("trusted")
def test_proxies_named_in_the_environment_are_not_used(
    server: _TLSServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A proxy would hide the real destination from the address check; port 9 is closed.
    for name in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")
    server.routes["/page"] = lambda h: h.send(PAGE)
    (doc,) = read([f"{server.base}/page"])
    assert isinstance(doc, RawDocument) and doc.data == PAGE
