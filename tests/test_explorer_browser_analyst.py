"""The analyst's pages in headless Chromium: search with marked hits, the SQL page, a claim's member to
its statement page, and a facet with two values. Screenshots go to $STORYLINE_SCREENSHOTS when set."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from story_builders import HOSTILE_SENTENCE, disagreeing_story, write_story
from storyline.store import STORY_SECTIONS, Store
from storyline.web import create_app
from test_explorer_browser import browser, pytestmark, serving  # noqa: F401


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    story = disagreeing_story()
    folder = write_story(story, tmp_path_factory.mktemp("story"))
    with Store(folder / "story.duckdb") as store:
        for article in story.articles:
            store.add_article(article)
        store.save_story(story)
    with serving(create_app(folder, sql_time_limit=1.0)) as url:
        yield url


@pytest.fixture
def page(browser: object) -> Iterator[object]:  # noqa: F811 (the browser fixture imported above)
    context = browser.new_context(viewport={"width": 1100, "height": 900})  # type: ignore[attr-defined]
    pg = context.new_page()
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.dialogs = dialogs
    yield pg
    assert dialogs == []
    context.close()


def shot(page: object, name: str, tmp_path: Path) -> None:
    folder = Path(os.environ.get("STORYLINE_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]
    assert (folder / f"{name}.png").stat().st_size > 1000


def test_search_marks_the_hit_however_the_number_is_written(
    page: object, base_url: str, tmp_path: Path
) -> None:
    page.goto(base_url + "/")  # type: ignore[attr-defined]
    page.fill("header input[name=q]", "2100")  # type: ignore[attr-defined]
    page.press("header input[name=q]", "Enter")  # type: ignore[attr-defined]
    page.wait_for_url("**/search?q=2100")  # type: ignore[attr-defined]
    marks = page.locator("li.hit mark.hit")  # type: ignore[attr-defined]
    assert "2,100" in marks.all_inner_texts()
    page.goto(base_url + "/search?q=inspectd+dam")  # type: ignore[attr-defined]
    hits = page.locator("li.hit")  # type: ignore[attr-defined]
    assert hits.count() >= 2
    assert page.locator("img").count() == 0  # type: ignore[attr-defined]
    assert "<img src=x onerror=alert(1)>" in page.locator("ol.hits").inner_text()  # type: ignore[attr-defined]
    shot(page, "search", tmp_path)


def test_sql_page_runs_a_query_and_says_why_one_is_refused(
    page: object, base_url: str, tmp_path: Path
) -> None:
    page.goto(base_url + "/sql")  # type: ignore[attr-defined]
    shot(page, "sql-empty", tmp_path)
    page.fill("textarea[name=q]", "SELECT section, count(*) AS n FROM story GROUP BY section ORDER BY n DESC")  # type: ignore[attr-defined]
    page.click("button[type=submit]")  # type: ignore[attr-defined]
    page.wait_for_url("**/sql?q=*")  # type: ignore[attr-defined]
    rows = page.locator("table.result tr")  # type: ignore[attr-defined]
    stored = disagreeing_story().to_dict()
    assert rows.count() == 1 + sum(1 for section in STORY_SECTIONS if stored[section])  # a header, a row each
    assert page.locator("a", has_text="CSV").first.get_attribute("href").startswith("/sql.csv?q=")  # type: ignore[attr-defined]
    shot(page, "sql-result", tmp_path)
    page.fill("textarea[name=q]", "DROP TABLE story")  # type: ignore[attr-defined]
    page.click("button[type=submit]")  # type: ignore[attr-defined]
    page.wait_for_selector("p.error")  # type: ignore[attr-defined]
    assert "only a SELECT" in page.locator("p.error").inner_text()  # type: ignore[attr-defined]
    shot(page, "sql-refused", tmp_path)


def test_from_a_claim_to_its_members_statement_page(page: object, base_url: str, tmp_path: Path) -> None:
    page.goto(base_url + "/claims?status=conflicting")  # type: ignore[attr-defined]
    page.locator("tr.claim a").first.click()  # type: ignore[attr-defined]
    assert page.locator("a.record").count() == 2  # type: ignore[attr-defined]
    shot(page, "claim", tmp_path)
    page.locator("tr.member", has_text="the union").locator("a.record").click()  # type: ignore[attr-defined]
    assert "/statements/s-" in page.url  # type: ignore[attr-defined]
    assert page.locator("h1").inner_text() == HOSTILE_SENTENCE  # type: ignore[attr-defined]
    assert page.locator("img").count() == 0  # type: ignore[attr-defined]
    shot(page, "statement", tmp_path)


def test_a_facet_takes_a_second_value(page: object, base_url: str, tmp_path: Path) -> None:
    page.goto(base_url + "/claims")  # type: ignore[attr-defined]
    facet = page.locator("p.facet[data-facet=status]")  # type: ignore[attr-defined]
    facet.locator("a", has_text="conflicting").click()
    page.locator("p.facet[data-facet=status] a", has_text="updated").click()  # type: ignore[attr-defined]
    assert page.url.endswith("/claims?status=conflicting&status=updated")  # type: ignore[attr-defined]
    assert page.locator("p.facet[data-facet=status] a.selected").count() == 2  # type: ignore[attr-defined]
    assert "Rows 1–2 of 2" in page.locator("p.rows").inner_text()  # type: ignore[attr-defined]
    shot(page, "facets", tmp_path)
