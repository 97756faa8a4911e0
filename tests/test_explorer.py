"""The explorer's routes: read-only, a JSON twin for every page, search, claim to sentence, escaping."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from story_builders import two_outlet_story, write_story
from storyline.web import create_app


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    app = create_app(write_story(two_outlet_story(hostile=True), tmp_path / "story"))
    # the explorer answers only the names it serves; TestClient's own "testserver" is not one
    return TestClient(app, base_url="http://127.0.0.1:8765")


PAGES = [
    "/",
    "/claims",
    "/articles",
    "/entities",
    "/quotes",
    "/timeline",
    "/figures",
    "/coverage",
    "/graph",
    "/search?q=residents",
]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_has_a_json_twin(client: TestClient, page: str) -> None:
    html = client.get(page)
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    path, _, query = page.partition("?")
    twin = ("/index" if path == "/" else path) + ".json" + (f"?{query}" if query else "")
    assert twin in html.text
    data = client.get(twin)
    assert data.status_code == 200 and data.headers["content-type"] == "application/json"


def test_claims_list_puts_conflicts_first(client: TestClient) -> None:
    statuses = [c["status"] for c in client.get("/claims.json").json()]
    assert statuses == sorted(statuses, key=lambda s: s != "conflicting")
    assert statuses[0] == "conflicting"


def test_claim_page_shows_the_sentence_in_each_article(client: TestClient) -> None:
    claim = client.get("/claims.json?status=conflicting").json()[0]
    view = client.get(f"/claims/{claim['id']}.json").json()
    facts = {s["sentence"]["fact"] for s in view["sentences"]}
    assert facts == {"1,200", "More than 2,000"}
    page = client.get(f"/claims/{claim['id']}").text
    assert "read it in place" in page and "?focus=" in page


def test_search_finds_quotes_and_entities(client: TestClient) -> None:
    kinds = {h["kind"] for h in client.get("/search.json", params={"q": "lind"}).json()}
    assert {"quote", "entity"} <= kinds
    assert client.get("/search.json", params={"q": "nonexistentword"}).json() == []


def test_hostile_text_is_shown_as_text(client: TestClient) -> None:
    articles = client.get("/articles.json").json()
    hostile = next(a for a in articles if "Flood" in (a["title"] or ""))
    page = client.get(f"/articles/{hostile['id']}")
    assert "<script>document.title" not in page.text
    assert "&lt;script&gt;" in page.text
    assert "<img src=x" not in page.text
    assert "default-src 'none'" in page.headers["content-security-policy"]


def test_explorer_is_read_only(client: TestClient) -> None:
    assert client.post("/claims.json").status_code == 405
    assert client.delete("/articles.json").status_code == 405


def test_openapi_spec_lists_the_json_routes(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/claims.json", "/search.json", "/articles/{article_id}.json"} <= set(paths)


def test_coverage_marks_each_article_that_states_a_claim(client: TestClient) -> None:
    coverage = client.get("/coverage.json").json()
    assert len(coverage["columns"]) == 2
    for row in coverage["rows"]:
        assert all(cell and cell.startswith(("f-", "q-")) for cell in row["cells"])


def test_figures_page_lists_every_outlets_value(client: TestClient) -> None:
    rows = client.get("/figures.json").json()
    assert [sorted(v["text"] for v in r["values"]) for r in rows] == [["1,200", "More than 2,000"]]


def test_search_finds_numbers_however_their_thousands_are_written(client: TestClient) -> None:
    for query in ("2000", "2,000", "1200"):
        hits = client.get("/search.json", params={"q": query}).json()
        assert any(h["kind"] == "article" for h in hits), query
    snippet = client.get("/search.json", params={"q": "1200"}).json()[0]["snippet"]
    assert "1,200" in snippet


def test_search_forgives_a_small_typo_in_a_longer_word(client: TestClient) -> None:
    kinds = {h["kind"] for h in client.get("/search.json", params={"q": "Lnid"}).json()}
    assert kinds == set()  # two letters swapped in a four-letter word is too far
    hits = client.get("/search.json", params={"q": "evacuatd"}).json()
    assert {h["kind"] for h in hits} == {"article", "claim"}  # "evacuated", one letter left out
    assert "evacuated" in hits[0]["snippet"]
    assert client.get("/search.json", params={"q": "Lindd"}).json()  # one letter too many


def test_claims_honour_kind_and_limit_and_say_why_a_value_is_bad(client: TestClient) -> None:
    figures = client.get("/claims.json?kind=figure").json()
    assert [c["kind"] for c in figures] == ["figure"]
    assert len(client.get("/claims.json?limit=1").json()) == 1
    assert len(client.get("/claims.json").json()) == 2
    for query, reason in (
        ("kind=poem", "unknown kind 'poem'; choose one of statement, figure, quote, event"),
        ("limit=0", "limit must be a whole number from 1 to 10000, not '0'"),
        ("limit=ten", "limit must be a whole number from 1 to 10000, not 'ten'"),
        ("status=bogus", "unknown status 'bogus'"),
    ):
        bad = client.get(f"/claims.json?{query}")
        assert bad.status_code == 400 and bad.json()["detail"].startswith(reason), query
    page = client.get("/claims?kind=poem", headers={"accept": "text/html"})
    assert page.status_code == 400 and "unknown kind" in page.text and "<h1>400" in page.text
