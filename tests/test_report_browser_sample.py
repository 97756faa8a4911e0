"""The bundled sample's report in headless Chromium, as an editor opens it: the disagreements first,
each with both sentences side by side."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline import Story
from test_explorer_browser import CHROMIUM, CHROMIUM_ARGS
from test_links_sample import analysed_sample

pytestmark = pytest.mark.skipif(not shutil.which(CHROMIUM), reason=f"{CHROMIUM} not installed")


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory, samples_dir: Path) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    out, _ = analysed_sample(tmp_path_factory, samples_dir)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        pg = browser.new_page(viewport={"width": 1200, "height": 900})
        pg.goto((out / "report.html").as_uri())
        yield pg
        browser.close()


def test_the_first_screen_of_the_sample_report_is_a_disagreement_with_both_sentences(
    page: object, tmp_path: Path
) -> None:
    assert page.locator("#overview h3").first.inner_text() == "Where outlets disagree"  # type: ignore[attr-defined]
    first = page.locator("#overview .dispute").first  # type: ignore[attr-defined]
    box = first.bounding_box()
    assert box["y"] < 400, "the first disagreement starts on the first screen"
    columns = first.locator(".pair").first.locator(":scope > .column, :scope > .side")
    assert columns.count() == 2
    left, right = columns.nth(0).bounding_box(), columns.nth(1).bounding_box()
    assert left["y"] == right["y"] and left["x"] + left["width"] <= right["x"], "side by side"
    for i in (0, 1):
        side = (
            columns.nth(i).locator(".side").first
            if columns.nth(i).locator(".side").count()
            else columns.nth(i)
        )
        assert side.locator(".sentence").inner_text().strip().endswith((".", '."', ".”", "”", '"'))
        assert side.locator(".sentence b").count() >= 1, "the fact is marked in each sentence"
        assert side.locator(".who b").inner_text(), "each sentence names its outlet"
        assert side.bounding_box()["y"] < 900, "both sentences are on the first screen"
    page.screenshot(path=str(tmp_path / "sample-report.png"))  # type: ignore[attr-defined]


def test_the_sample_report_leads_with_every_conflict_then_updates_then_agreement(
    page: object, samples_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    story: Story = analysed_sample(tmp_path_factory, samples_dir)[1]
    heads = page.locator("#overview h3").all_inner_texts()  # type: ignore[attr-defined]
    assert heads[:3] == ["Where outlets disagree", "Updated over time", "Corroborated"]
    conflicting = {c.id for c in story.claims if c.status == "conflicting"}
    shown = page.locator("#overview .dispute .what a").evaluate_all(  # type: ignore[attr-defined]
        "links => links.map(a => a.getAttribute('href').slice(1))"
    )
    assert conflicting and set(shown) == conflicting
