"""Ingestion of URLs and feed URLs against a real HTTP server the tests run on 127.0.0.1."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from storyline.config import Settings
from storyline.ingest import read_inputs
from storyline.model import InputProblem, RawDocument

ARTICLE = "<html><head><title>Caf\u00e9</title></head><body><p>The caf\u00e9 reopened.</p></body></html>"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


def _feed(base: str) -> bytes:
    items = "".join(
        f"<item><title>Story {n}</title><link>{link}</link><description>Read more.</description>"
        f"<pubDate>Thu, 0{n} Feb 2024 09:00:00 GMT</pubDate></item>"
        for n, link in [(1, f"{base}/news/1"), (2, "/news/gone"), (3, f"{base}/moved-news")]
    )
    rss = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Local Wire</title>{items}</channel></rss>'
    return rss.encode("utf-8")


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        self.server.agents.append(self.headers.get("User-Agent", ""))
        path = self.path
        if path.startswith("/loop/"):
            self._redirect(f"/loop/{int(path.rsplit('/', 1)[1]) + 1}")
            return
        route = _ROUTES.get(path)
        if route is None:
            self.send_error(404)
            return
        route(self)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.end_headers()

    def _send(self, content_type: str, body: bytes, length: bool = True) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the signature http.server uses
        pass


def _slow(handler: _Handler) -> None:
    time.sleep(2)
    handler._send("text/html", b"<p>late</p>")


_ROUTES: dict[str, Callable[[_Handler], None]] = {
    "/article.html": lambda h: h._send("text/html; charset=ISO-8859-1", ARTICLE.encode("cp1252")),
    "/moved": lambda h: h._redirect("/article.html"),
    "/broken": lambda h: h.send_error(500),
    "/huge": lambda h: h._send("text/html", b"<p>" + b"x" * 20000 + b"</p>", length=False),
    "/huge-declared": lambda h: h._send("text/html", b"<p>" + b"x" * 20000 + b"</p>"),
    "/logo.png": lambda h: h._send("image/png", PNG),
    "/notes.txt": lambda h: h._send("text/plain; charset=utf-8", "Plain notes \u2014 fine.".encode()),
    "/mystery": lambda h: h._send("application/octet-stream", b"<!DOCTYPE html><p>sniffed</p>"),
    "/empty": lambda h: h._send("text/html", b""),
    "/rss": lambda h: h._send("application/rss+xml", _feed(h.server.base)),
    "/news/1": lambda h: h._send(
        "text/html; charset=utf-8", b"<html><body><p>First story.</p></body></html>"
    ),
    "/moved-news": lambda h: h._redirect("/news/3"),
    "/news/3": lambda h: h._send("text/html", b"<html><body><p>Third story.</p></body></html>"),
    "/slow": _slow,
}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    agents: list[str]
    base: str

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients hanging up early (timeouts, size caps) is what several tests provoke


@pytest.fixture(scope="module")
def server() -> Iterator[_Server]:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    httpd.agents = []
    httpd.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def settings(**overrides: object) -> Settings:
    values: dict[str, object] = {"jobs": 1, "max_bytes": 4096, "timeout": 0.5, "max_redirects": 2}
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


def fetch(url: str, **overrides: object) -> RawDocument | InputProblem:
    items = list(read_inputs([url], settings(**overrides)))
    assert len(items) == 1, items
    return items[0]


def test_html_page_is_fetched_with_header_charset_and_user_agent(server: _Server) -> None:
    url = server.base + "/article.html"
    doc = fetch(url, user_agent="storyline-test/1")
    assert isinstance(doc, RawDocument)
    assert (doc.source, doc.format, doc.hints.url) == (url, "html", url)
    assert doc.data == ARTICLE.encode("cp1252")
    assert doc.encoding == "cp1252"  # ISO-8859-1 on the web means windows-1252
    assert "storyline-test/1" in server.agents


def test_redirect_keeps_the_source_as_given_and_the_final_url_as_hint(server: _Server) -> None:
    url = server.base + "/moved"
    doc = fetch(url)
    assert isinstance(doc, RawDocument)
    assert doc.source == url
    assert doc.hints.url == server.base + "/article.html"


def test_plain_text_and_untyped_html_are_read(server: _Server) -> None:
    notes = fetch(server.base + "/notes.txt")
    mystery = fetch(server.base + "/mystery")
    assert isinstance(notes, RawDocument) and notes.format == "text" and notes.encoding == "utf-8"
    assert isinstance(mystery, RawDocument) and mystery.format == "html"


@pytest.mark.parametrize(
    ("path", "reason"),
    [("/missing", "HTTP 404 Not Found"), ("/broken", "HTTP 500 Internal Server Error")],
)
def test_http_error_status_is_a_problem_naming_it(server: _Server, path: str, reason: str) -> None:
    problem = fetch(server.base + path)
    assert isinstance(problem, InputProblem)
    assert (problem.kind, problem.reason, problem.source) == ("http_error", reason, server.base + path)


def test_redirect_chain_longer_than_the_limit_is_unreachable(server: _Server) -> None:
    problem = fetch(server.base + "/loop/0", max_redirects=3)
    assert isinstance(problem, InputProblem)
    assert problem.kind == "unreachable"
    assert problem.reason == "more than 3 redirects"


@pytest.mark.parametrize("path", ["/huge", "/huge-declared"])
def test_body_larger_than_the_cap_is_too_large(server: _Server, path: str) -> None:
    problem = fetch(server.base + path, max_bytes=4096)
    assert isinstance(problem, InputProblem)
    assert problem.kind == "too_large"
    assert problem.reason.startswith("larger than 4 KB")


def test_non_text_content_type_is_unsupported(server: _Server) -> None:
    problem = fetch(server.base + "/logo.png")
    assert isinstance(problem, InputProblem)
    assert (problem.kind, problem.reason) == ("unsupported", "unsupported content type image/png")


def test_empty_page_is_reported_empty(server: _Server) -> None:
    problem = fetch(server.base + "/empty")
    assert isinstance(problem, InputProblem) and problem.kind == "empty"


def test_slow_server_times_out_with_the_limit_in_the_reason(server: _Server) -> None:
    problem = fetch(server.base + "/slow", timeout=0.3)
    assert isinstance(problem, InputProblem)
    assert (problem.kind, problem.reason) == ("unreachable", "timed out after 0.3s")


def test_refused_connection_is_unreachable(server: _Server) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Nothing listens on the port once the probe socket is closed.
    url = f"http://127.0.0.1:{port}/"
    problem = fetch(url)
    assert isinstance(problem, InputProblem)
    assert problem.kind == "unreachable"
    assert problem.reason.startswith("could not connect")


def test_feed_url_with_teasers_fetches_linked_pages_in_feed_order(server: _Server) -> None:
    feed_url = server.base + "/rss"
    # The test server is on loopback, which feed links may reach only when allowed.
    items = list(read_inputs([feed_url], settings(follow_feed_links=True, allow_private_links=True)))
    assert [i.source for i in items] == [f"{feed_url}#entry{n}" for n in (1, 2, 3)]
    first, gone, third = items
    assert isinstance(first, RawDocument)
    assert first.data == b"<html><body><p>First story.</p></body></html>"
    assert first.hints.to_dict() == {
        "url": server.base + "/news/1",
        "title": "Story 1",
        "published": "2024-02-01",
        "outlet": "Local Wire",
    }
    assert first.encoding == "utf-8"
    assert isinstance(gone, InputProblem)
    assert gone.reason == f"linked page {server.base}/news/gone: HTTP 404 Not Found"
    assert isinstance(third, RawDocument) and third.hints.url == server.base + "/news/3"


def test_feed_url_without_following_keeps_the_teasers(server: _Server) -> None:
    items = list(read_inputs([server.base + "/rss"], settings(follow_feed_links=False)))
    assert [i.data for i in items if isinstance(i, RawDocument)] == [b"Read more."] * 3


def test_other_url_schemes_are_unsupported_and_the_batch_goes_on(server: _Server) -> None:
    items = list(read_inputs(["ftp://example.org/a.txt", server.base + "/notes.txt"], settings()))
    assert isinstance(items[0], InputProblem) and items[0].kind == "unsupported"
    assert isinstance(items[1], RawDocument)
