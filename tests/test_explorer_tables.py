"""The explorer's tables as Datasette users expect them: sort by any column, pages with stable links,
facets, and CSV and JSON downloads of the same rows; a bad parameter is a 400 that says why."""

from __future__ import annotations

import csv
import io
import re
from html import escape, unescape
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from story_builders import disagreeing_story, two_outlet_story, write_story
from storyline.model import Article, Event, Story, content_id
from storyline.web import create_app

# (page, a column to sort by, a facet and one of its values in the stories below)
TABLES = [
    ("/claims", "statement", "status", "conflicting"),
    ("/articles", "title", "outlet", "Valley Post"),
    ("/entities", "name", "type", "PERSON"),
    ("/quotes/table", "speaker", "outlet", "Valley Post"),
    ("/figures/table", "value", "outlet", "Valley Post"),
    ("/events", "date", None, None),
    ("/statements", "text", "outlet", "Valley Post"),
]


def many_articles() -> Story:
    """The two-outlet story and five more articles, one whose title a spreadsheet would run."""
    story = two_outlet_story()
    titles = ["Echo", '=HYPERLINK("http://evil.example","x")', "Alpha", "+1 count", "Delta"]
    for i, title in enumerate(titles):
        text = f"Article {i} about the valley."
        story.articles.append(
            Article(
                content_id("a", text),
                f"extra-{i}.txt",
                text,
                outlet="Ridge Daily" if i % 2 else "Valley Post",
                title=title,
                published=f"2027-01-0{i + 1}" if i < 4 else None,
            )
        )
    return story


def client_for(story: Story, folder: Path) -> TestClient:
    return TestClient(create_app(write_story(story, folder)), base_url="http://127.0.0.1:8765")


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return client_for(many_articles(), tmp_path / "s")


@pytest.fixture
def statements(tmp_path: Path) -> TestClient:
    return client_for(disagreeing_story(), tmp_path / "d")


def hrefs(html: str) -> list[str]:
    return [unescape(h) for h in re.findall(r'href="([^"]+)"', html)]


def test_sort_by_any_column_both_ways(client: TestClient) -> None:
    titles = [a["title"] for a in client.get("/articles.json?sort=title").json()]
    assert titles == sorted(titles, key=str.casefold) and len(titles) == 7
    assert [a["title"] for a in client.get("/articles.json?sort=-title").json()] == titles[::-1]
    dates = [a["published"] for a in client.get("/articles.json?sort=-published").json()]
    assert dates[:2] == ["2027-01-04", "2027-01-03"] and dates[-1] is None  # no date: last either way
    assert [a["published"] for a in client.get("/articles.json?sort=published").json()][-1] is None
    removed = [len(a["removed"]) for a in client.get("/articles.json?sort=removed").json()]
    assert removed == sorted(removed)


@pytest.mark.parametrize(("path", "column", "facet", "value"), TABLES)
def test_every_table_links_each_column_header_to_its_sort(
    client: TestClient, statements: TestClient, path: str, column: str, facet: str | None, value: str | None
) -> None:
    c = statements if path == "/statements" else client
    page = c.get(path).text
    assert f"{path}?sort={column}" in hrefs(page)
    sorted_page = c.get(f"{path}?sort={column}")
    assert sorted_page.status_code == 200
    assert f"{path}?sort=-{column}" in hrefs(sorted_page.text)  # the chosen column's header reverses it
    for suffix in (".json", ".csv"):
        assert c.get(f"{path}{suffix}?sort=-{column}").status_code == 200
    if facet:
        assert f"{path}?{facet}={value.replace(' ', '+')}" in hrefs(page)


def test_a_column_that_is_not_there_is_a_400_naming_the_ones_that_are(client: TestClient) -> None:
    bad = client.get("/claims.json?sort=-colour")
    assert bad.status_code == 400
    assert bad.json()["detail"] == (
        "cannot sort by '-colour'; sort by one of status, statement, kind, outlets"
        " (with a leading - for descending)"
    )
    page = client.get("/articles?sort=nope", headers={"accept": "text/html"})
    assert page.status_code == 400 and "published, title, outlet, kind, removed" in page.text


def test_claims_sort_by_status_in_the_order_of_urgency(statements: TestClient) -> None:
    statuses = [c["status"] for c in statements.get("/claims.json?sort=status").json()]
    assert statuses == ["conflicting", "updated", "corroborated", "single_source"]
    assert [c["status"] for c in statements.get("/claims.json?sort=-status").json()] == statuses[::-1]


def test_pages_link_to_each_other_keeping_the_other_parameters(client: TestClient) -> None:
    first = client.get("/articles?outlet=Valley+Post&sort=title&limit=2").text
    assert "Rows 1–2 of 4" in first
    (following,) = [h for h in hrefs(first) if "page=" in h and h.startswith("/articles?")]
    assert following == "/articles?outlet=Valley+Post&sort=title&limit=2&page=2"
    second = client.get(following).text
    assert "Rows 3–4 of 4" in second and 'rel="next"' not in second
    back = [h for h in hrefs(second) if h.startswith("/articles?") and "limit=2" in h and "sort=title" in h]
    assert (
        "/articles?outlet=Valley+Post&sort=title&limit=2" in back
    )  # previous: page 1 is the page without page=
    # the two pages hold every row once, in order
    rows = [a["title"] for a in client.get("/articles.json?outlet=Valley+Post&sort=title").json()]
    shown = re.findall(r'<a href="/articles/a-[0-9a-f]+">([^<]+)</a>', first + second)
    assert [unescape(t) for t in shown] == rows


def test_the_json_download_pages_the_same_way_and_says_where_the_next_page_is(client: TestClient) -> None:
    response = client.get("/articles.json?sort=title&limit=3")
    assert len(response.json()) == 3 and response.headers["x-total-count"] == "7"
    assert response.headers["link"] == '</articles.json?sort=title&limit=3&page=2>; rel="next"'
    last = client.get("/articles.json?sort=title&limit=3&page=3")
    assert len(last.json()) == 1 and 'rel="prev"' in last.headers["link"]
    assert len(client.get("/articles.json").json()) == 7  # a download without ?page= or ?limit= has every row


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("page=0", "page must be a whole number from 1 up, not '0'"),
        ("page=two", "page must be a whole number from 1 up, not 'two'"),
        ("page=9", "page 9 is past the end: 7 rows at 100 a page make 1 page(s)"),
        ("limit=3&page=4", "page 4 is past the end: 7 rows at 3 a page make 3 page(s)"),
        ("limit=-1", "limit must be a whole number from 1 to 10000, not '-1'"),
        ("limit=10001", "limit must be a whole number from 1 to 10000, not '10001'"),
        (
            "outlet=Nowhere",
            "unknown outlet 'Nowhere'; choose one of <i>Hill</i> Times, Ridge Daily, Valley Post",
        ),
        ("kind=poem", "unknown kind 'poem'; choose one of unknown"),
        (
            "colour=red",
            "unknown parameter 'colour'; articles takes outlet, kind, published, sort, limit, page",
        ),
    ],
)
def test_a_bad_value_is_a_400_that_says_why(client: TestClient, query: str, reason: str) -> None:
    for suffix in ("", ".json", ".csv"):
        bad = client.get(f"/articles{suffix}?{query}")
        assert bad.status_code == 400 and bad.json()["detail"] == reason, suffix


def test_facets_count_each_value_and_link_to_it(client: TestClient, statements: TestClient) -> None:
    page = statements.get("/claims").text
    facet = re.search(r'<p class="facet" data-facet="status">.*?</p>', page, re.S).group()
    assert re.findall(r'href="([^"]+)">([^<]+)</a> <span class="muted">(\d+)', facet) == [
        ("/claims?status=conflicting", "conflicting", "1"),
        ("/claims?status=updated", "updated", "1"),
        ("/claims?status=corroborated", "corroborated", "1"),
        ("/claims?status=single_source", "single source", "1"),
    ]
    # a facet's counts follow the other filters; choosing a value again takes the filter off
    narrowed = statements.get("/claims?kind=statement&sort=statement").text
    status = re.search(r'data-facet="status">.*?</p>', narrowed, re.S).group()
    assert "updated" not in status  # the updated claim is a figure
    chosen = statements.get("/claims?status=conflicting&kind=statement").text
    assert '<a href="/claims?kind=statement" class="selected"' in chosen
    assert len(statements.get("/claims.json?status=conflicting&kind=statement").json()) == 1
    outlets = re.search(r'data-facet="outlet">.*?</p>', client.get("/articles").text, re.S).group()
    assert re.findall(r">([^<]+)</a> <span class=\"muted\">(\d+)", outlets) == [
        ("Valley Post", "4"),
        ("Ridge Daily", "2"),
        ("&lt;i&gt;Hill&lt;/i&gt; Times", "1"),
    ]
    assert len(client.get("/articles.json?outlet=Ridge+Daily").json()) == 2
    assert [e["name"] for e in client.get("/entities.json?type=PERSON").json()] == ["Mara Lind"]


def test_a_facet_value_that_does_not_exist_is_a_400(client: TestClient) -> None:
    for path, reason in (
        ("/claims?status=bogus", "unknown status 'bogus'; choose one of"),
        ("/entities.json?type=ALIEN", "unknown type 'ALIEN'; choose one of PERSON"),
        ("/quotes/table.csv?kind=sung", "unknown kind 'sung'"),
    ):
        bad = client.get(path)
        assert bad.status_code == 400 and bad.json()["detail"].startswith(reason), path
    # a status no claim has is still a status: an empty table, not an error
    assert client.get("/claims.json?status=updated").json() == []


def test_csv_has_the_same_rows_and_order_as_json(client: TestClient, statements: TestClient) -> None:
    for c, path in ((client, "/articles"), (client, "/claims"), (statements, "/statements")):
        query = "?sort=-" + ("title" if path == "/articles" else "kind" if path == "/claims" else "text")
        as_json = c.get(path + ".json" + query).json()
        response = c.get(path + ".csv" + query)
        assert response.headers["content-type"] == "text/csv; charset=utf-8"
        assert response.headers["content-disposition"] == f'attachment; filename="{path[1:]}.csv"'
        rows = list(csv.DictReader(io.StringIO(response.text)))
        assert [r["id"] for r in rows] == [r["id"] for r in as_json]
    rows = list(csv.DictReader(io.StringIO(statements.get("/claims.csv?status=updated").text)))
    assert len(rows) == 1 and rows[0]["status"] == "updated"


def test_csv_cells_cannot_run_as_spreadsheet_formulas(client: TestClient) -> None:
    rows = list(csv.DictReader(io.StringIO(client.get("/articles.csv?sort=title").text)))
    titles = [r["title"] for r in rows]
    assert "'+1 count" in titles and '\'=HYPERLINK("http://evil.example","x")' in titles
    assert not any(cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r.values())
    assert "Alpha" in titles  # other cells as they are


def test_every_page_download_links_carry_the_query(client: TestClient) -> None:
    page = client.get("/articles?outlet=Ridge+Daily&sort=-title").text
    links = hrefs(page)
    assert "/articles.csv?outlet=Ridge+Daily&sort=-title" in links
    assert "/articles.json?outlet=Ridge+Daily&sort=-title" in links


def test_table_cells_are_escaped(tmp_path: Path) -> None:
    client = client_for(two_outlet_story(hostile=True), tmp_path / "h")
    page = client.get("/articles?sort=title").text
    assert "<script>document.title" not in page and "&lt;script&gt;document.title" in page
    assert "<i>Hill</i>" not in page
    assert "default-src 'none'" in client.get("/articles.csv").headers["content-security-policy"]


def with_event(story: Story) -> Story:
    """The story and one dated event naming its actor."""
    article, actor = story.articles[0], story.entities[0]
    start = article.text.index("Officials")
    story.events.append(
        Event(
            content_id("v", article.id, start),
            article.id,
            start,
            start + 56,
            "2026-03-02",
            "on Monday",
            "residents left the valley",
            entities=[actor.id],
        )
    )
    return story


def test_each_actor_has_a_page_linked_from_the_tables_the_graph_and_search(tmp_path: Path) -> None:
    story = with_event(two_outlet_story(hostile=True))
    client = client_for(story, tmp_path / "a")
    lind = story.entities[0]
    assert f"/entities/{lind.id}" in hrefs(client.get("/entities").text)
    assert f"/entities/{lind.id}" in hrefs(client.get("/quotes/table").text)  # the speaker column
    assert [h["url"] for h in client.get("/search.json?q=Mara").json() if h["kind"] == "entity"] == [
        f"/entities/{lind.id}"
    ]
    page = client.get(f"/entities/{lind.id}").text
    assert "<h1>Mara Lind</h1>" in page and "named 2 times in 2 articles" in page
    links = hrefs(page)
    assert {f"/quotes/{q.id}" for q in story.quotes} <= set(links)
    assert f"/events/{story.events[0].id}" in links
    assert "&lt;script&gt;" in page and "<script>" not in page  # the hostile title, as text
    data = client.get(f"/entities/{lind.id}.json").json()
    assert data["quotes"] == [q.id for q in story.quotes] and data["events"] == [story.events[0].id]
    assert data["entity"]["name"] == "Mara Lind" and data["mentions"] == 2
    missing = client.get("/entities/e-nobody.json")
    assert missing.status_code == 404 and missing.json() == {"detail": "no actor e-nobody"}


def test_graph_nodes_lead_to_actor_pages(tmp_path: Path) -> None:
    story = two_outlet_story()
    client = client_for(story, tmp_path / "g")
    graph = client.get("/graph").text
    assert "/entities#" not in graph
    nodes = re.findall(r'<a href="(/entities/[^"]+)"><circle', graph)
    assert all(client.get(n).status_code == 200 for n in nodes)


def test_each_quote_figure_and_event_has_a_page_with_its_claim_and_place(tmp_path: Path) -> None:
    story = with_event(two_outlet_story())
    client = client_for(story, tmp_path / "r")
    quote, figure, event = story.quotes[0], story.figures[0], story.events[0]
    quote_claim = next(c for c in story.claims if quote.id in c.members)
    figure_claim = next(c for c in story.claims if figure.id in c.members)
    assert f"/quotes/{quote.id}" in hrefs(client.get("/quotes/table").text)
    assert f"/figures/{figure.id}" in hrefs(client.get("/figures/table").text)
    assert f"/events/{event.id}" in hrefs(client.get("/events").text)
    timeline = hrefs(client.get("/timeline").text)
    assert (
        f"/events/{event.id}" in timeline
        and f"/articles/{event.article}?focus={event.id}#{event.id}" in timeline
    )

    page = client.get(f"/quotes/{quote.id}").text
    assert quote.text in page
    links = hrefs(page)
    assert f"/entities/{quote.speaker}" in links and f"/claims/{quote_claim.id}" in links
    assert f"/articles/{quote.article}?focus={quote.id}#{quote.id}" in links
    assert client.get(f"/quotes/{quote.id}.json").json() == {
        "quote": quote.to_dict(),
        "claim": quote_claim.id,
    }

    page = client.get(f"/figures/{figure.id}").text
    assert "<th>Value</th><td>1200</td>" in page and "<th>Claim status</th><td>conflicting</td>" in page
    assert f"/claims/{figure_claim.id}" in hrefs(page)

    page = client.get(f"/events/{event.id}").text
    assert "<th>Date</th><td>2026-03-02</td>" in page and f"/entities/{event.entities[0]}" in hrefs(page)
    assert client.get(f"/events/{event.id}.json").json()["claim"] is None
    for path in ("/quotes/q-none", "/figures/f-none.json", "/events/v-none"):
        assert client.get(path).status_code == 404


def test_dates_are_facets_too_and_a_long_facet_shows_its_most_frequent_values(tmp_path: Path) -> None:
    client = client_for(many_articles(), tmp_path / "f")
    assert [a["title"] for a in client.get("/articles.json?published=2027-01-02").json()] == [
        '=HYPERLINK("http://evil.example","x")'
    ]
    assert [a["title"] for a in client.get("/articles.json?published=undated").json()] == ["Delta"]
    story = many_articles()
    for i in range(25):  # 25 more outlets of one article each, and Valley Post with four
        text = f"Small outlet {i} on the valley."
        story.articles.append(Article(content_id("a", text), f"o{i}.txt", text, outlet=f"Outlet {i:02}"))
    client = client_for(story, tmp_path / "many")
    facet = re.search(r'data-facet="outlet">.*?</p>', client.get("/articles").text, re.S).group()
    assert len(re.findall(r"<a ", facet)) == 20 and "and 8 more" in facet
    assert facet.index("Valley Post") < facet.index("Outlet 00")  # most frequent first
    chosen = re.search(
        r'data-facet="outlet">.*?</p>', client.get("/articles?outlet=Outlet+24").text, re.S
    ).group()
    assert 'class="selected"' in chosen  # a chosen value is shown even when it is not among the first 20


def test_claims_facet_by_each_outlet_that_states_them(statements: TestClient) -> None:
    every = statements.get("/claims.json").json()
    outlets = {c["id"]: statements.get(f"/claims/{c['id']}.json").json()["outlets"] for c in every}
    assert sorted(map(len, outlets.values())) == [1, 2, 2, 2]  # one claim only one outlet carries
    facet = re.search(r'data-facet="outlet">.*?</p>', statements.get("/claims").text, re.S).group()
    counts = dict(re.findall(r">([^<]+)</a> <span class=\"muted\">(\d+)", facet))
    for outlet in ("Valley Post", "Hill <i>Times</i>"):
        chosen = statements.get("/claims.json", params={"outlet": outlet}).json()
        assert {c["id"] for c in chosen} == {c for c, names in outlets.items() if outlet in names}
        assert counts[escape(outlet, quote=False)] == str(len(chosen))


def test_actor_csv_counts_mentions_instead_of_listing_them(client: TestClient) -> None:
    (row,) = csv.DictReader(io.StringIO(client.get("/entities.csv").text))
    assert row["name"] == "Mara Lind" and row["mentions"] == "2" and row["type"] == "PERSON"


def test_the_api_spec_lists_each_tables_parameters(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/claims.json", "/claims.csv", "/claims"):
        params = {p["name"]: p for p in paths[path]["get"]["parameters"]}
        assert set(params) == {"status", "kind", "outlet", "sort", "limit", "page"}
        assert "-statement" in params["sort"]["schema"]["enum"]
        # a facet may be given several times (?status=a&status=b): an array of the allowed values
        assert params["status"]["schema"]["items"]["enum"][0] == "conflicting"


def test_quotes_page_links_speakers_to_their_actor_and_quotes_to_their_claim(client: TestClient) -> None:
    page = client.get("/quotes").text
    lind = client.get("/entities.json").json()[0]
    (claim,) = client.get("/claims.json?kind=quote").json()
    assert f'<h2><a href="/entities/{lind["id"]}">Mara Lind</a></h2>' in page
    assert f'<a href="/claims/{claim["id"]}">“We moved everyone we could reach”</a>' in page
