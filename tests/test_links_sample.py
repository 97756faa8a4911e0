"""No link to nowhere in what the bundled sample gives: its report.html and every explorer page."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storyline import Settings, Story, analyze
from storyline.web import create_app
from test_explorer_claims import crawl

_ANALYSED: dict[Path, tuple[Path, Story]] = {}


def analysed_sample(tmp_path_factory: pytest.TempPathFactory, samples_dir: Path) -> tuple[Path, Story]:
    """The sample corpus analysed the way `storyline demo` does, once per test session: the other
    test modules over the sample take it from here."""
    root = tmp_path_factory.getbasetemp()
    if root not in _ANALYSED:
        out = tmp_path_factory.mktemp("sample") / "story"
        _ANALYSED[root] = out, analyze(samples_dir / "corpus", out, Settings(jobs=1))
    return _ANALYSED[root]


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory, samples_dir: Path) -> tuple[Path, Story]:
    return analysed_sample(tmp_path_factory, samples_dir)


def test_every_link_in_the_sample_report_has_its_target(sample: tuple[Path, Story]) -> None:
    html = (sample[0] / "report.html").read_text("utf-8")
    targets = set(re.findall(r'\bid="([^"]+)"', html))
    links = [unescape(h) for h in re.findall(r'href="([^"]*)"', html)]
    assert len(links) > 200, "the sample report should link its facts, claims and articles"
    assert all(h.startswith("#") for h in links), "the report is one file: every link stays in it"
    dead = sorted({h for h in links if h[1:] not in targets})
    assert not dead, f"links without a target: {dead}"


def test_every_claim_and_article_of_the_sample_is_a_link_target_in_the_report(
    sample: tuple[Path, Story],
) -> None:
    out, story = sample
    html = (out / "report.html").read_text("utf-8")
    targets = set(re.findall(r'\bid="([^"]+)"', html))
    assert {c.id for c in story.claims} <= targets
    assert {a.id for a in story.articles} <= targets


def test_every_explorer_page_of_the_sample_answers_and_every_anchor_is_there(
    sample: tuple[Path, Story],
) -> None:
    out, story = sample
    client = TestClient(create_app(out), base_url="http://127.0.0.1:8765")
    pages = crawl(client, limit=5000)  # asserts every page it reaches answers 200 and stays local
    assert len(pages) < 5000, "the crawl stopped before it saw every page"
    for prefix, records in (
        ("/claims/", story.claims),
        ("/articles/", story.articles),
        ("/entities/", story.entities),
        ("/quotes/", story.quotes),
        ("/figures/", story.figures),
        ("/events/", story.events),
    ):
        reached = {p.split("?")[0].removeprefix(prefix) for p in pages if p.startswith(prefix)}
        missing = {r.id for r in records} - reached
        assert not missing, f"no page links to {prefix}{sorted(missing)[:3]}"
    for url, html in pages.items():
        for href in re.findall(r'href="([^"]+#[^"]+)"', html):
            path, _, anchor = unescape(href).partition("#")
            target = pages[path] if path in pages else client.get(path).text if path else pages[url]
            assert f'id="{anchor}"' in target, f"{url} links to {href}, which has no such anchor"


def test_each_highlighted_fact_of_the_sample_links_to_its_claim_and_says_its_status(
    sample: tuple[Path, Story],
) -> None:
    out, story = sample
    claim_of = {m: c for c in story.claims for m in c.members}
    client = TestClient(create_app(out), base_url="http://127.0.0.1:8765")
    pages = {
        "report": [(out / "report.html").read_text("utf-8")],
        "explorer": [client.get(f"/articles/{a.id}").text for a in story.articles],
    }
    mark = re.compile(r'<mark class="[^"]+" id="([^"]+)">(?:<a class="fact" href="([^"]+)" title="([^"]*)")?')
    for where, htmls in pages.items():
        marked = [m.groups() for html in htmls for m in mark.finditer(html) if m.group(1) in claim_of]
        assert len(marked) > 50, where
        for fact, href, title in marked:
            claim = claim_of[fact]
            assert href and href.endswith(claim.id), f"{where}: {fact} does not link to {claim.id}"
            assert unescape(title).startswith(claim.status.replace("_", " ")), f"{where}: {fact} {title}"
