"""The explorer end to end in headless Chromium: load, search, claim to sentence, hostile input as text."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn

from story_builders import two_outlet_story, write_story
from storyline.web import create_app

CHROMIUM = os.environ.get("STORYLINE_CHROMIUM", "/usr/bin/chromium")
pytestmark = pytest.mark.skipif(
    not shutil.which(CHROMIUM), reason=f"{CHROMIUM} not installed (make test installs Debian's chromium)"
)
# Flags for a closed network: no background calls home, no sandbox as root in a container.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(app: object) -> Iterator[str]:
    """The app served on a free local port in a thread, as its base URL, until the block ends."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = write_story(two_outlet_story(hostile=True), tmp_path_factory.mktemp("story"))
    with serving(create_app(folder)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: object, tmp_path: Path) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1100, "height": 900})  # type: ignore[attr-defined]
    pg = context.new_page()
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.dialogs = dialogs
    yield pg
    context.close()


def test_overview_loads_and_links_to_claims(page: object, base_url: str, tmp_path: Path) -> None:
    page.goto(base_url + "/")  # type: ignore[attr-defined]
    assert page.locator("h1").first.is_visible()  # type: ignore[attr-defined]
    page.click("header >> text=Claims")  # type: ignore[attr-defined]
    assert page.url.endswith("/claims")  # type: ignore[attr-defined]
    page.screenshot(path=str(tmp_path / "claims.png"), full_page=True)  # type: ignore[attr-defined]
    assert (tmp_path / "claims.png").stat().st_size > 1000


def test_search_box_finds_a_quote(page: object, base_url: str) -> None:
    page.goto(base_url + "/")  # type: ignore[attr-defined]
    page.fill("input[name=q]", "everyone reach")  # type: ignore[attr-defined]
    page.press("input[name=q]", "Enter")  # type: ignore[attr-defined]
    page.wait_for_url("**/search?q=*")  # type: ignore[attr-defined]
    hits = page.locator("li.hit")  # type: ignore[attr-defined]
    assert hits.count() >= 2
    assert "quote" in hits.first.inner_text()


def test_click_from_claim_to_sentence_highlighted_in_place(
    page: object, base_url: str, tmp_path: Path
) -> None:
    page.goto(base_url + "/claims?status=conflicting")  # type: ignore[attr-defined]
    page.locator("tr.claim a").first.click()  # type: ignore[attr-defined]
    sentences = page.locator("td.sentence b")  # type: ignore[attr-defined]
    assert sorted(sentences.all_inner_texts()) == ["1,200", "More than 2,000"]
    page.locator("a.in-place").first.click()  # type: ignore[attr-defined]
    focus = page.locator("mark.focus")  # type: ignore[attr-defined]
    assert focus.count() == 1 and focus.inner_text() in ("1,200", "More than 2,000")
    assert focus.is_visible()
    page.screenshot(path=str(tmp_path / "in-place.png"))  # type: ignore[attr-defined]


def test_hostile_article_is_shown_as_text(page: object, base_url: str) -> None:
    page.goto(base_url + "/articles")  # type: ignore[attr-defined]
    page.locator("a", has_text="Flood").first.click()  # type: ignore[attr-defined]
    assert page.title() != "pwned"  # type: ignore[attr-defined]
    assert "<script>" in page.locator("h1").inner_text()  # type: ignore[attr-defined]
    assert page.locator("img").count() == 0  # type: ignore[attr-defined]
    body = page.locator(".body").inner_text()  # type: ignore[attr-defined]
    assert "<img src=x onerror=alert(1)>" in body
    assert page.dialogs == []  # type: ignore[attr-defined]


def test_report_opens_with_the_two_sentences_side_by_side(page: object, tmp_path: Path) -> None:
    from story_builders import disagreeing_story
    from storyline.report import write_report

    path = write_report(disagreeing_story(), tmp_path / "report.html")
    page.goto(path.as_uri())  # type: ignore[attr-defined]
    assert page.locator("#overview h3").first.inner_text() == "Where outlets disagree"  # type: ignore[attr-defined]
    sides = page.locator("#overview .dispute .side")  # type: ignore[attr-defined]
    assert sides.count() == 2
    left, right = sides.nth(0).bounding_box(), sides.nth(1).bounding_box()
    assert left["y"] == right["y"] and left["x"] + left["width"] <= right["x"]  # side by side, not stacked
    assert sides.nth(1).locator("mark.diff").inner_text() == "not"
    assert "<img src=x" in sides.nth(1).inner_text() and page.locator("img").count() == 0  # type: ignore[attr-defined]
    page.screenshot(path=str(tmp_path / "report.png"))  # type: ignore[attr-defined]
    assert page.dialogs == []  # type: ignore[attr-defined]


PHONE_PAGES = [
    "/statements",
    "/events",
    "/quotes/table",
    "/figures/table",
    "/",
    "/claims",
    "/articles",
    "/entities",
    "/quotes",
    "/timeline",
    "/figures",
    "/coverage",
    "/graph",
]


def test_every_explorer_page_and_the_report_fit_a_400px_phone(
    browser: object, base_url: str, tmp_path: Path
) -> None:
    from story_builders import disagreeing_story
    from storyline.report import write_report

    context = browser.new_context(viewport={"width": 400, "height": 800})  # type: ignore[attr-defined]
    pg = context.new_page()
    report = write_report(disagreeing_story(), tmp_path / "report.html").as_uri()
    for url in [base_url + p for p in PHONE_PAGES] + [report]:
        pg.goto(url)
        # the page itself never scrolls sideways: wide tables and charts scroll inside their own box
        width = pg.evaluate("document.documentElement.scrollWidth")
        assert width <= 400, f"{url} is {width}px wide"
    pg.goto(base_url + "/claims")
    pg.screenshot(path=str(tmp_path / "phone.png"), full_page=True)
    context.close()


def test_dark_mode_follows_the_system_setting(browser: object, base_url: str, tmp_path: Path) -> None:
    from story_builders import disagreeing_story
    from storyline.report import write_report

    report = write_report(disagreeing_story(), tmp_path / "report.html").as_uri()
    for scheme, dark in (("light", False), ("dark", True)):
        context = browser.new_context(color_scheme=scheme)  # type: ignore[attr-defined]
        pg = context.new_page()
        for url in (base_url + "/claims", report):
            pg.goto(url)
            rgb = pg.evaluate("getComputedStyle(document.body).backgroundColor")
            channels = [int(c) for c in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
            assert (sum(channels) < 200) == dark, f"{url} in {scheme} mode has background {rgb}"
        context.close()


def test_printed_report_has_no_navigation(page: object, tmp_path: Path) -> None:
    from story_builders import disagreeing_story
    from storyline.report import write_report

    page.goto(write_report(disagreeing_story(), tmp_path / "report.html").as_uri())  # type: ignore[attr-defined]
    assert page.locator("nav.toc").is_visible()  # type: ignore[attr-defined]
    page.emulate_media(media="print")  # type: ignore[attr-defined]
    assert not page.locator("nav.toc").is_visible()  # type: ignore[attr-defined]
    assert page.locator("#overview .dispute").first.is_visible()  # type: ignore[attr-defined]


def test_a_missing_page_is_an_html_page_in_a_browser_and_json_for_json(page: object, base_url: str) -> None:
    response = page.goto(base_url + "/claims/c-nonexistent")  # type: ignore[attr-defined]
    assert response.status == 404 and response.headers["content-type"].startswith("text/html")
    assert "404" in page.locator("h1").inner_text()  # type: ignore[attr-defined]
    assert "no claim c-nonexistent" in page.locator("main").inner_text()  # type: ignore[attr-defined]
    assert page.locator("header a", has_text="Claims").is_visible()  # type: ignore[attr-defined]
    response = page.goto(base_url + "/no/such/page")  # type: ignore[attr-defined]
    assert response.status == 404 and page.locator("h1").inner_text().startswith("404")  # type: ignore[attr-defined]
    response = page.goto(base_url + "/claims/c-nonexistent.json")  # type: ignore[attr-defined]
    assert response.status == 404 and response.json() == {"detail": "no claim c-nonexistent"}


def test_sort_facet_and_page_by_clicking(page: object, base_url: str, tmp_path: Path) -> None:
    page.goto(base_url + "/claims")  # type: ignore[attr-defined]
    page.click("th >> text=Claim")  # type: ignore[attr-defined]
    assert page.url.endswith("/claims?sort=statement")  # type: ignore[attr-defined]
    claims = page.locator("tr.claim td:nth-child(2) a")  # type: ignore[attr-defined]
    ascending = claims.all_inner_texts()
    assert ascending == sorted(ascending, key=str.casefold) and len(ascending) == 2
    page.click("th >> text=Claim")  # type: ignore[attr-defined]
    assert page.url.endswith("/claims?sort=-statement")  # type: ignore[attr-defined]
    assert claims.all_inner_texts() == ascending[::-1]
    page.click(".facet >> text=corroborated")  # type: ignore[attr-defined]
    assert page.url.endswith("/claims?status=corroborated&sort=-statement")  # type: ignore[attr-defined]
    assert page.locator("tr.claim .pill").first.inner_text() == "corroborated"  # type: ignore[attr-defined]
    assert claims.count() == 1
    page.goto(base_url + "/claims?sort=statement&limit=1")  # type: ignore[attr-defined]
    page.click("text=next →")  # type: ignore[attr-defined]
    assert page.url.endswith("/claims?sort=statement&limit=1&page=2")  # type: ignore[attr-defined]
    assert claims.all_inner_texts() == ascending[1:]
    page.screenshot(path=str(tmp_path / "claims-page-2.png"), full_page=True)  # type: ignore[attr-defined]
    page.click("text=← previous")  # type: ignore[attr-defined]
    assert claims.all_inner_texts() == ascending[:1]
    assert page.dialogs == []  # type: ignore[attr-defined]
