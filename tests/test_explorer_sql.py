"""The explorer's SQL page: one read-only SELECT over story.duckdb, with parameters, a time limit and a
row limit; anything else, and any way to the file system, is a 400 that says why."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from story_builders import disagreeing_story, write_story
from storyline.store import Store
from storyline.web import create_app, sql


def analysed(folder: Path) -> Path:
    story = disagreeing_story()
    write_story(story, folder)
    with Store(folder / "story.duckdb") as store:
        for article in story.articles:
            store.add_article(article)
        store.save_story(story)
    return folder


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return analysed(tmp_path_factory.mktemp("sql"))


@pytest.fixture
def client(folder: Path) -> TestClient:
    return TestClient(create_app(folder, sql_time_limit=0.5), base_url="http://127.0.0.1:8765")


def detail(client: TestClient, query: str, **params: str) -> str:
    r = client.get("/sql.json", params={"q": query, **params})
    assert r.status_code == 400, r.text
    return r.json()["detail"]


def test_a_select_answers_as_a_table_json_and_csv(client: TestClient) -> None:
    q = "SELECT section, count(*) AS n FROM story GROUP BY section ORDER BY section"
    data = client.get("/sql.json", params={"q": q}).json()
    assert data["columns"] == ["section", "n"] and data["truncated"] is False
    assert ["articles", 2] in data["rows"] and ["claims", 4] in data["rows"]
    rows = list(csv.reader(io.StringIO(client.get("/sql.csv", params={"q": q}).text)))
    assert rows[0] == ["section", "n"] and ["claims", "4"] in rows
    page = client.get("/sql", params={"q": q})
    assert page.status_code == 200 and '<td>claims</td><td class="num">4</td>' in page.text
    assert "/sql.csv?q=SELECT" in page.text and "/sql.json?q=SELECT" in page.text


def test_with_and_named_parameters(client: TestClient) -> None:
    q = (
        "WITH s AS (SELECT id, record->>'$.statement' AS text FROM story WHERE section = $section) "
        "SELECT text FROM s WHERE text LIKE $like ORDER BY text"
    )
    data = client.get("/sql.json", params={"q": q, "section": "claims", "like": "%mayor%"}).json()
    assert [r[0] for r in data["rows"]] == ["The mayor ordered the evacuation of the valley."]
    # the page shows a box for each parameter, and waits for them before it runs the query
    page = client.get("/sql", params={"q": q}).text
    assert 'name="section"' in page and 'name="like"' in page and '<table class="result">' not in page
    assert "$section" in detail(client, q, like="%")


def test_article_text_in_results_is_escaped(client: TestClient) -> None:
    q = "SELECT record->>'$.text' AS text FROM story WHERE section = 'articles'"
    page = client.get("/sql", params={"q": q}).text
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_row_limit_cuts_and_says_so(client: TestClient) -> None:
    q = "SELECT * FROM range(50)"
    data = client.get("/sql.json", params={"q": q, "limit": "10"}).json()
    assert len(data["rows"]) == 10 and data["truncated"] is True
    assert "limit must be a whole number" in detail(client, q, limit="0")
    assert "limit must be a whole number" in detail(client, q, limit="lots")


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("DELETE FROM story", "only a SELECT"),
        ("INSERT INTO meta VALUES ('a', 'b')", "only a SELECT"),
        ("CREATE TABLE x AS SELECT 1", "only a SELECT"),
        ("SELECT 1; SELECT 2", "one statement at a time"),
        ("SELECT 1; DROP TABLE story", "one statement at a time"),
        ("COPY story TO 'out.csv'", "only a SELECT"),
        ("ATTACH 'other.duckdb'", "only a SELECT"),
        ("INSTALL fts", "only a SELECT"),
        ("LOAD fts", "only a SELECT"),
        ("SET enable_external_access = true", "only a SELECT"),
        ("PRAGMA version", "only a SELECT"),
        ("SELECT * FROM read_csv('/etc/passwd')", "read_csv() is not allowed"),
        ("SELECT * FROM read_text('/etc/passwd')", "read_text() is not allowed"),
        ("SELECT * FROM READ_PARQUET('x.parquet')", "READ_PARQUET() is not allowed"),
        ("SELECT * FROM glob('/*')", "glob() is not allowed"),
        ("SELECT * FROM query('SELECT 1')", "query() is not allowed"),
        ("SELECT * FROM '/etc/hosts.csv'", "disabled by configuration"),
        ("SELEC 1", "syntax error"),
        ("SELECT nothing FROM story", "nothing"),
        ("   ", "no query"),
    ],
)
def test_anything_but_one_select_over_the_database_is_a_400(
    client: TestClient, query: str, reason: str
) -> None:
    assert reason in detail(client, query)


def test_a_refused_name_inside_a_string_is_just_text(client: TestClient) -> None:
    data = client.get("/sql.json", params={"q": "SELECT 'read_csv(x)' AS s -- glob(\n"}).json()
    assert data["rows"] == [["read_csv(x)"]]


def test_a_query_running_too_long_is_stopped(client: TestClient) -> None:
    q = "SELECT count(*) FROM range(10000000000) t(i) WHERE i % 7 = 3"
    reason = detail(client, q)
    assert "longer than 0.5 s" in reason
    # the page says why with a 400, and the next query runs
    page = client.get("/sql", params={"q": q})
    assert page.status_code == 400 and "longer than 0.5 s" in page.text
    assert client.get("/sql.json", params={"q": "SELECT 1"}).json()["rows"] == [[1]]


def test_the_database_file_is_unchanged(client: TestClient, folder: Path) -> None:
    before = (folder / "story.duckdb").read_bytes()
    for q in ("SELECT * FROM story", "DROP TABLE story", "UPDATE story SET id = 'x'"):
        client.get("/sql.json", params={"q": q})
    assert (folder / "story.duckdb").read_bytes() == before


def test_the_page_lists_tables_and_shows_an_example(client: TestClient) -> None:
    page = client.get("/sql")
    assert page.status_code == 200
    assert "<b>story</b>" in page.text and "section <small>varchar</small>" in page.text
    assert "GROUP BY section" in page.text  # the example query to start from
    twin = client.get("/sql.json").json()
    assert twin["database"] is True and twin["tables"]["story"]["section"] == "VARCHAR"
    assert 'href="/sql"' in client.get("/").text


def test_without_a_database_the_page_says_so(tmp_path: Path) -> None:
    client = TestClient(
        create_app(write_story(disagreeing_story(), tmp_path)), base_url="http://127.0.0.1:8765"
    )
    assert "no story.duckdb" in client.get("/sql").text
    assert "no story.duckdb" in detail(client, "SELECT 1")
    assert client.get("/sql.json").json() == {"database": False, "tables": {}, "example": sql.EXAMPLE}


def test_an_unused_or_repeated_parameter_is_a_400(client: TestClient) -> None:
    assert "no parameter $who" in detail(client, "SELECT 1", who="x")
    assert "$limit cannot be a parameter" in detail(client, "SELECT $limit", limit="3")
    r = client.get("/sql.json?q=SELECT+1&q=SELECT+2")
    assert r.status_code == 400 and "given 2 times" in r.json()["detail"]
