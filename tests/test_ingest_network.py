"""Fetching safely and politely: address policy, total deadline, retries, per-host limits, robots.txt."""

from __future__ import annotations

import ipaddress
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

import storyline.cli
from storyline.clean import clean_document
from storyline.config import Settings
from storyline.ingest import netguard, read_inputs, web
from storyline.model import InputProblem, RawDocument

PAGE = b"<html><body><p>A page on the local server.</p></body></html>"

Route = Callable[["_Handler"], None]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    port: int
    base: str
    routes: dict[str, Route]
    hits: list[str]
    active: int
    most_active: int
    counter_lock: threading.Lock

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients hanging up at the deadline is what some tests provoke


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        with self.server.counter_lock:
            self.server.hits.append(self.path)
            self.server.active += 1
            self.server.most_active = max(self.server.most_active, self.server.active)
        try:
            route = self.server.routes.get(self.path)
            if route is None:
                self.send_error(404)
            else:
                route(self)
        finally:
            with self.server.counter_lock:
                self.server.active -= 1

    def send(self, body: bytes, content_type: str = "text/html", status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the signature http.server uses
        pass


@pytest.fixture
def server() -> Iterator[_Server]:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    httpd.port = httpd.server_address[1]
    httpd.base = f"http://127.0.0.1:{httpd.port}"
    httpd.routes, httpd.hits = {}, []
    httpd.active = httpd.most_active = 0
    httpd.counter_lock = threading.Lock()
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def settings(**overrides: object) -> Settings:
    values: dict[str, object] = {"jobs": 1, "max_bytes": 65536, "timeout": 2.0, "max_redirects": 3}
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


def read(inputs: list[str], **overrides: object) -> list[RawDocument | InputProblem]:
    return list(read_inputs(inputs, settings(**overrides)))


def rss(links: list[str]) -> bytes:
    items = "".join(f"<item><title>T{n}</title><link>{link}</link></item>" for n, link in enumerate(links, 1))
    return f'<rss version="2.0"><channel><title>Local</title>{items}</channel></rss>'.encode()


def serve_feed(server: _Server, links: list[str]) -> str:
    server.routes["/feed"] = lambda h: h.send(rss(links), "application/rss+xml")
    return server.base + "/feed"


# Item 2: feeds reach the user's own network.


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "0.0.0.0",
        "224.0.0.1",
        "240.0.0.1",
        "100.64.0.1",
        "::1",
        "::",
        "fe80::1",
        "fd00::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:169.254.169.254",
        "2002:7f00:1::",
        "64:ff9b::a00:1",
    ],
)
def test_non_public_addresses_are_refused_with_a_reason(address: str) -> None:
    reason = netguard.refusal(ipaddress.ip_address(address))
    assert reason is not None and reason.startswith(str(ipaddress.ip_address(address))), reason


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
def test_public_addresses_are_allowed(address: str) -> None:
    assert netguard.refusal(ipaddress.ip_address(address)) is None


def test_feed_links_to_the_local_network_are_refused_and_the_feed_goes_on(server: _Server) -> None:
    server.routes["/page"] = lambda h: h.send(PAGE)
    port = server.port
    links = [
        f"{server.base}/page",
        f"http://localhost:{port}/page",  # a name: the resolved address is what counts
        f"http://[::ffff:127.0.0.1]:{port}/page",
        "http://169.254.169.254/latest/meta-data/",
        "http://2130706433:80/page",  # 127.0.0.1 as one number
    ]
    feed = serve_feed(server, links)
    items = read([feed])
    assert len(items) == len(links)
    assert all(isinstance(i, InputProblem) and i.kind == "refused" for i in items), items
    for item, link in zip(items, links, strict=True):
        assert item.reason.startswith(f"linked page {link}: refused: "), item.reason
        assert "--allow-private-links" in item.reason
    assert "/page" not in server.hits  # nothing reached the local page
    assert "169.254.169.254 is a link-local address" in items[3].reason


def test_allow_private_links_lets_feed_links_reach_local_pages(server: _Server) -> None:
    server.routes["/page"] = lambda h: h.send(PAGE)
    feed = serve_feed(server, [f"{server.base}/page"])
    (item,) = read([feed], allow_private_links=True)
    assert isinstance(item, RawDocument) and item.data == PAGE


def test_redirect_from_a_typed_url_to_another_local_host_is_refused(server: _Server) -> None:
    server.routes["/page"] = lambda h: h.send(PAGE)
    target = f"http://localhost:{server.port}/page"
    server.routes["/away"] = lambda h: _redirect(h, target)
    server.routes["/here"] = lambda h: _redirect(h, "/page")
    away, here = read([server.base + "/away", server.base + "/here"])
    assert isinstance(away, InputProblem) and away.kind == "refused"
    assert away.reason.startswith(f"redirect to {target} refused: 127.0.0.1 is a loopback address")
    # A redirect within the host the user typed is as trusted as that host.
    assert isinstance(here, RawDocument) and here.data == PAGE


def _redirect(handler: _Handler, location: str) -> None:
    handler.send_response(302)
    handler.send_header("Location", location)
    handler.send_header("Content-Length", "0")
    handler.end_headers()


def test_allow_private_links_option_reaches_the_settings(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen: list[Settings] = []

    def fake_run(inputs: list[str], output: Path, settings: Settings, **kwargs: object) -> object:
        seen.append(settings)
        raise storyline.cli.NothingToAnalyze("stop here")

    monkeypatch.setattr(storyline.cli, "run", fake_run)
    flags = ["--allow-private-links", "--ignore-robots", "--follow-links", "-q"]
    result = CliRunner().invoke(storyline.cli.app, ["analyze", "x.html", "-o", str(tmp_path), *flags])
    assert result.exit_code == 1
    assert (seen[0].allow_private_links, seen[0].ignore_robots, seen[0].follow_links) == (True, True, True)


# Item 4: --timeout is a total deadline.


def _trickle(handler: _Handler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    for _ in range(40):  # 8 s in all if nobody hangs up
        handler.wfile.write(b"x")
        handler.wfile.flush()
        time.sleep(0.2)


def test_timeout_is_a_total_deadline_for_a_server_that_trickles(server: _Server) -> None:
    server.routes["/trickle"] = _trickle
    started = time.monotonic()
    (problem,) = read([server.base + "/trickle"], timeout=1.0)
    took = time.monotonic() - started
    assert isinstance(problem, InputProblem)
    assert (problem.kind, problem.reason) == ("unreachable", "timed out after 1s")
    assert took < 2.5


# Polite fetching: retries, per-host limit, robots.txt.


def test_busy_server_is_asked_again_after_the_wait_it_names(server: _Server) -> None:
    answers = iter([503, 200])

    def busy_once(handler: _Handler) -> None:
        if next(answers) == 503:
            handler.send_response(503)
            handler.send_header("Retry-After", "1")
            handler.send_header("Content-Length", "0")
            handler.end_headers()
        else:
            handler.send(PAGE)

    server.routes["/busy"] = busy_once
    started = time.monotonic()
    (doc,) = read([server.base + "/busy"])
    assert isinstance(doc, RawDocument) and doc.data == PAGE
    assert time.monotonic() - started >= 0.9


def test_busy_server_that_asks_for_too_long_a_wait_is_a_problem_at_once(server: _Server) -> None:
    server.routes["/later"] = lambda h: _busy(h, 429, "3600")
    (problem,) = read([server.base + "/later"])
    assert isinstance(problem, InputProblem) and problem.kind == "http_error"
    assert problem.reason.startswith("HTTP 429 Too Many Requests; the server asks to retry after 3600s")
    assert server.hits.count("/later") == 1


def test_busy_server_without_retry_after_gets_a_bounded_number_of_tries(
    server: _Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(web, "BACKOFF_S", 0.01)
    server.routes["/down"] = lambda h: _busy(h, 503, None)
    (problem,) = read([server.base + "/down"])
    assert isinstance(problem, InputProblem)
    assert problem.reason == f"HTTP 503 Service Unavailable (tried {web.RETRIES + 1} times)"
    assert server.hits.count("/down") == web.RETRIES + 1


def _busy(handler: _Handler, status: int, retry_after: str | None) -> None:
    handler.send_response(status)
    if retry_after is not None:
        handler.send_header("Retry-After", retry_after)
    handler.send_header("Content-Length", "0")
    handler.end_headers()


def test_feed_pages_of_one_host_are_fetched_a_few_at_a_time(server: _Server) -> None:
    def slow_page(handler: _Handler) -> None:
        time.sleep(0.15)
        handler.send(PAGE)

    links = [f"{server.base}/slow/{n}" for n in range(6)]
    for n in range(6):
        server.routes[f"/slow/{n}"] = slow_page
    items = read([serve_feed(server, links)], allow_private_links=True)
    assert all(isinstance(i, RawDocument) for i in items), items
    assert 1 <= server.most_active <= web.HOST_CONNECTIONS


ROBOTS = b"User-agent: *\nDisallow: /private/\n"


def test_robots_txt_is_respected_for_pages_reached_from_feeds(server: _Server) -> None:
    server.routes["/robots.txt"] = lambda h: h.send(ROBOTS, "text/plain")
    server.routes["/private/a"] = lambda h: h.send(PAGE)
    server.routes["/public/b"] = lambda h: h.send(PAGE)
    feed = serve_feed(server, [f"{server.base}/private/a", f"{server.base}/public/b"])
    # --ignore-robots is for URLs the user typed; it does not reach feed links.
    private, public = read([feed], allow_private_links=True, ignore_robots=True)
    assert isinstance(private, InputProblem) and private.kind == "refused"
    assert "robots.txt" in private.reason and f"{server.base}/private/a" in private.reason
    assert isinstance(public, RawDocument)
    assert "/private/a" not in server.hits
    assert server.hits.count("/robots.txt") == 1  # fetched once per site


def test_typed_urls_respect_robots_txt_unless_told_to_ignore_it(server: _Server) -> None:
    server.routes["/robots.txt"] = lambda h: h.send(ROBOTS, "text/plain")
    server.routes["/private/c"] = lambda h: h.send(PAGE)
    url = server.base + "/private/c"
    (refused,) = read([url])
    (fetched,) = read([url], ignore_robots=True)
    assert isinstance(refused, InputProblem) and refused.kind == "refused"
    assert isinstance(fetched, RawDocument)


def test_robots_txt_that_fails_on_the_server_side_means_do_not_fetch(server: _Server) -> None:
    server.routes["/robots.txt"] = lambda h: h.send(b"oops", "text/plain", status=500)
    server.routes["/page"] = lambda h: h.send(PAGE)
    feed = serve_feed(server, [f"{server.base}/page"])
    (problem,) = read([feed], allow_private_links=True, ignore_robots=True)
    assert isinstance(problem, InputProblem) and problem.kind == "refused"
    assert problem.source == feed + "#entry1" and "robots.txt" in problem.reason
    assert "/page" not in server.hits


def test_timeout_bounds_a_redirects_robots_txt_with_the_rest_of_the_request(server: _Server) -> None:
    # The first host answers late with a redirect to a second host, whose robots.txt is slow too:
    # the robots.txt fetched on the way spends what is left of the request's time, no more.
    def robots(handler: _Handler) -> None:
        if handler.headers.get("Host", "").startswith("localhost"):
            time.sleep(0.9)
        handler.send(b"User-agent: *\nAllow: /\n", "text/plain")

    def late_redirect(handler: _Handler) -> None:
        time.sleep(0.8)
        _redirect(handler, f"http://localhost:{server.port}/page")

    server.routes["/robots.txt"] = robots
    server.routes["/away"] = late_redirect
    server.routes["/page"] = lambda h: h.send(PAGE)
    started = time.monotonic()
    (problem,) = read([server.base + "/away"], timeout=1.0, allow_private_links=True)
    took = time.monotonic() - started
    assert isinstance(problem, InputProblem)
    assert (problem.kind, problem.reason) == ("unreachable", "timed out after 1s")
    assert took < 1.45
    assert "/page" not in server.hits


def test_a_page_that_starts_with_a_url_never_makes_a_library_fetch_it(server: _Server) -> None:
    # htmldate downloads a str that starts with "http" and holds no space; a page can be written so.
    inside = b"<html><head><meta name='date' content='2001-02-03'></head></html>"
    server.routes["/inside"] = lambda h: h.send(inside)
    sentence = "\u00a0".join("The council met on Monday to approve the new bridge over the river.".split())
    paragraph = f"<p>{chr(9).join([sentence] * 8)}</p>"
    page = f"{server.base}/inside\n<html><body><article>{paragraph * 2}</article></body></html>"
    assert " " not in page
    article = clean_document(RawDocument("page.html", page.encode(), "html", encoding="utf-8"))
    assert "council met on Monday" in article.text
    assert article.published != "2001-02-03"
    assert server.hits == []


def test_a_server_that_hangs_up_mid_page_is_one_problem(server: _Server) -> None:
    def cut(handler: _Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", "5000")
        handler.end_headers()
        handler.wfile.write(PAGE[:20])
        handler.wfile.flush()
        handler.close_connection = True

    server.routes["/cut"] = cut
    server.routes["/page"] = lambda h: h.send(PAGE)
    cut_short, whole = read([server.base + "/cut", server.base + "/page"])
    assert isinstance(cut_short, InputProblem) and cut_short.kind == "unreachable"
    assert cut_short.reason.startswith("download failed: ")
    assert "internal error" not in cut_short.reason
    assert isinstance(whole, RawDocument) and whole.data == PAGE
