"""The explorer's claims: disagreements first, statement claims with every sentence, no link to nowhere."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from fastapi.testclient import TestClient

from story_builders import HOSTILE_SENTENCE, disagreeing_story, two_outlet_story, write_story
from storyline.model import Story
from storyline.web import create_app


def client_for(story: Story, folder: Path) -> TestClient:
    return TestClient(create_app(write_story(story, folder)), base_url="http://127.0.0.1:8765")


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return client_for(disagreeing_story(), tmp_path / "story")


def test_overview_json_leads_with_disagreements(client: TestClient) -> None:
    data = client.get("/index.json").json()
    (dispute,) = data["disagreements"]
    assert dispute["kind"] == "polarity"
    assert [(s["outlet"], s["published"]) for s in dispute["sides"]] == [
        ("Valley Post", "2026-03-03"),
        ("Hill <i>Times</i>", "2026-03-05"),
    ]
    marked = [text for text, cls in dispute["sides"][1]["segments"] if cls == "diff"]
    assert marked == ["not"]
    (updated,) = data["updated"]
    assert [(r["date"], r["value"]) for r in updated["timeline"]] == [
        ("2026-03-03", "1,240"),
        ("2026-03-05", "2,100"),
    ]
    assert [c["statement"] for c in data["corroborated"]] == [
        "The mayor ordered the evacuation of the valley."
    ]
    assert data["counts"]["statements"] == 5


def test_overview_page_shows_disagreements_before_agreement(client: TestClient) -> None:
    page = client.get("/").text
    order = [
        page.index(h)
        for h in ("Where outlets disagree", "Updated over time", "Corroborated", "Only one outlet says")
    ]
    assert order == sorted(order)
    assert page.count('<div class="side">') == 2
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and "<img" not in page


def test_statement_claim_page_lists_each_sentence_with_date_and_attribution(client: TestClient) -> None:
    claim = client.get("/claims.json?status=conflicting").json()[0]
    assert claim["kind"] == "statement"
    view = client.get(f"/claims/{claim['id']}.json").json()
    assert [s["sentence"]["fact"] for s in view["sentences"]] == [
        "The dam was inspected last year, officials said.",
        HOSTILE_SENTENCE,
    ]
    assert [s["attributed_to"] for s in view["sentences"]] == ["officials", "the union"]
    assert [s["published"] for s in view["sentences"]] == ["2026-03-03", "2026-03-05"]
    assert view["disagreements"][0]["kind"] == "polarity"
    page = client.get(f"/claims/{claim['id']}").text
    assert "<th>Date stated</th><th>Attributed to</th>" in page
    first = view["sentences"][0]
    link = f"/articles/{first['article']}?focus={first['fact']}#{first['fact']}"
    assert f'href="{link.replace("&", "&amp;")}"' in page
    article = client.get(link.split("#")[0]).text
    # the focused sentence is drawn, and says that its claim is disputed
    assert f'<span class="focus-sentence conflicting" id="{first["fact"]}">' in article
    assert f'class="claim-flag conflicting" href="/claims/{claim["id"]}"' in article


def test_updated_claim_page_shows_its_timeline(client: TestClient) -> None:
    (claim,) = client.get("/claims.json?status=updated").json()
    view = client.get(f"/claims/{claim['id']}.json").json()
    assert [r["value"] for r in view["timeline"]] == ["1,240", "2,100"]
    assert "How it changed" in client.get(f"/claims/{claim['id']}").text


def test_claims_filter_knows_updated_and_refuses_an_unknown_status(client: TestClient) -> None:
    assert "status=updated" in client.get("/claims").text
    bad = client.get("/claims.json?status=bogus")
    assert bad.status_code == 400 and "updated" in bad.json()["detail"]
    assert client.get("/claims?status=bogus").status_code == 400


def test_focus_on_a_figure_inside_a_quote_is_drawn(tmp_path: Path) -> None:
    story = two_outlet_story()
    quote, figure = story.quotes[0], story.figures[0]
    figure.article, figure.start, figure.end = quote.article, quote.start + 3, quote.start + 9
    client = client_for(story, tmp_path / "s")
    page = client.get(f"/articles/{quote.article}?focus={figure.id}").text
    assert f'<mark class="focus conflicting" id="{figure.id}">' in page


# A table's sort, page, limit and facet links make many variants of one page: the crawl follows one
# link for each set of these parameters a table page takes, which still reaches every kind of link.
TABLE_PARAMETERS = {"sort", "page", "limit", "status", "kind", "outlet", "type", "published", "date"}


def crawl(client: TestClient, start: str = "/", limit: int = 300) -> dict[str, str]:
    """Every explorer page reachable from `start` by its own links, by path and query."""
    pages: dict[str, str] = {}
    seen: set[tuple[str, frozenset[str]]] = set()
    todo = [start]
    while todo and len(pages) < limit:
        url = todo.pop()
        if url in pages:
            continue
        parts = urlsplit(url)
        names = frozenset(name for name, _ in parse_qsl(parts.query))
        if names and names <= TABLE_PARAMETERS:
            if (parts.path, names) in seen:
                continue
            seen.add((parts.path, names))
        response = client.get(url)
        assert response.status_code == 200, f"{url} answers {response.status_code}"
        pages[url] = response.text
        if not response.headers["content-type"].startswith("text/html"):
            continue
        for href in re.findall(r'href="([^"]+)"', response.text):
            parts = urlsplit(unescape(href))
            assert not parts.scheme and not parts.netloc, f"{url} links outside: {href}"
            target = (parts.path or url.split("?")[0]) + (f"?{parts.query}" if parts.query else "")
            todo.append(target)
    return pages


@pytest.mark.parametrize("build", [disagreeing_story, lambda: two_outlet_story(hostile=True)])
def test_every_explorer_link_reaches_a_page_and_its_anchor(tmp_path: Path, build: object) -> None:
    client = client_for(build(), tmp_path / "s")  # type: ignore[operator]
    pages = crawl(client)
    assert len(pages) < 300, "the crawl stopped before it saw every page"
    assert any("sort=" in p for p in pages) and any(p.startswith("/statements") for p in pages)
    assert any("/claims/" in p for p in pages) and any("focus=s-" in p for p in pages) == bool(
        client.get("/index.json").json()["counts"]["statements"]
    )
    for url, html in pages.items():
        for href in re.findall(r'href="([^"]+#[^"]+)"', html):
            path, _, anchor = unescape(href).partition("#")
            target = pages[path] if path in pages else client.get(path).text if path else pages[url]
            assert f'id="{anchor}"' in target, f"{url} links to {href}, which has no such anchor"
