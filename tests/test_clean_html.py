"""Cleaning of HTML pages: only the article body reaches the text, with the page's own metadata."""

from __future__ import annotations

import pytest

from storyline.clean import clean_document
from storyline.errors import UnreadableInput
from storyline.model import Article, Hints, RawDocument

PARAGRAPHS = [
    "The harbour board of Example Bay voted on Tuesday to close the old ferry pier after divers found "
    "deep cracks in three of its concrete piles, ending ninety years of crossings from the town quay.",
    "Board chair Irma Velt said the decision had not been easy. “People have walked this pier since their "
    "grandparents were children, but we will not gamble with anyone’s safety,” she told the meeting.",
    "Engineers told the board that repairs would cost more than a new landing stage further along the "
    "shore, which could be built within two years if the regional fund agreed to pay half of the bill.",
    "Ferry passengers will board from a temporary pontoon beside the fish market from next Monday, and "
    "timetables will not change, the operator said in a statement published after the vote.",
    "Local traders, who depend on day visitors arriving by boat, asked the board to keep them informed "
    "about the works and to put up clear signs on the seafront so that visitors can find the new stop.",
]

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Old ferry pier to close after divers find cracks | Example Bay Gazette</title>
<meta property="og:site_name" content="Example Bay Gazette">
<meta property="og:title" content="Old ferry pier to close after divers find cracks">
<meta name="author" content="Petra Lund">
<meta property="article:published_time" content="2026-02-17T09:30:00+00:00">
<script>window.analytics = {{track: function() {{ return "tracking code"; }}}};</script>
<style>.nav {{ color: red; }}</style>
</head><body>
<header><nav class="nav"><ul>
<li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/weather">Weather</a></li></ul></nav></header>
<main><article>
<h1>Old ferry pier to close after divers find cracks</h1>
<p class="byline">By Petra Lund</p>
<figure><img src="pier.jpg" alt="The pier">
<figcaption>The old pier at low tide. Photo: Ann Poe/Example Agency</figcaption></figure>
<div class="body">
<p>{}</p>
<p>{}</p>
<aside class="related"><h2>Related</h2><ul>
<li><a href="/a">Lifeboat crew honoured for winter rescue</a></li>
<li><a href="/b">Harbour fees to rise in April</a></li></ul></aside>
<p>{}</p>
<p>{}</p>
<p>{}</p>
</div>
<div class="share-tools"><span>Share this story</span><a href="#">Facebook</a><a href="#">Email</a></div>
</article></main>
<footer><p>Contact the newsroom</p><p>Privacy policy</p><p>© 2026 Example Bay Gazette</p></footer>
<script>console.log("more script text that must never be read");</script>
</body></html>
""".format(*PARAGRAPHS)


def clean_page(html: str, hints: Hints | None = None, encoding: str = "utf-8") -> Article:
    return clean_document(RawDocument("pages/pier.html", html.encode(encoding), "html", hints or Hints()))


def test_html_page_gives_only_the_body_paragraphs() -> None:
    article = clean_page(PAGE)
    assert article.text.split("\n\n") == PARAGRAPHS
    for noise in ("tracking code", "script text", "Related", "Lifeboat crew", "Privacy policy", "Share this"):
        assert noise not in article.text


def test_html_page_metadata_comes_from_the_page() -> None:
    article = clean_page(PAGE)
    assert article.title == "Old ferry pier to close after divers find cracks"
    assert article.authors == ["Petra Lund"]
    assert article.published == "2026-02-17"
    assert article.outlet == "Example Bay Gazette"


def test_html_lines_left_out_inside_the_article_are_recorded() -> None:
    article = clean_page(PAGE)
    reasons = {r.text: r.reason for r in article.removed}
    assert reasons["The old pier at low tide. Photo: Ann Poe/Example Agency"] == "caption"
    assert reasons["Lifeboat crew honoured for winter rescue"] == "promo"
    assert reasons["Share this story"] == "navigation"
    assert "Privacy policy" not in reasons  # the site footer is outside the article


def test_html_hints_win_over_page_metadata() -> None:
    hints = Hints(
        url="https://gazette.example/pier", title="Pier closes", published="2026-02-18", outlet="Gazette"
    )
    article = clean_page(PAGE, hints)
    assert (article.title, article.published, article.outlet, article.url) == (
        "Pier closes",
        "2026-02-18",
        "Gazette",
        "https://gazette.example/pier",
    )


def test_html_noise_inside_the_body_goes_through_the_line_rules() -> None:
    noisy = PAGE.replace(
        f"<p>{PARAGRAPHS[3]}</p>",
        f"<p>Advertisement</p><p>{PARAGRAPHS[3]}</p><p>Sam Lee contributed to this report.</p>",
    )
    article = clean_page(noisy)
    assert article.text.split("\n\n") == PARAGRAPHS
    reasons = {r.text: r.reason for r in article.removed}
    assert reasons["Advertisement"] == "promo"
    assert reasons["Sam Lee contributed to this report."] == "credit"


def test_html_declared_legacy_charset_is_decoded() -> None:
    legacy = PAGE.replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    article = clean_page(legacy, encoding="cp1252")
    assert "“People have walked this pier" in article.text


def test_html_without_a_body_is_unreadable() -> None:
    empty = (
        "<html><head><title>Nothing here</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    )
    with pytest.raises(UnreadableInput, match="no article body found in the HTML"):
        clean_page(empty)


def _dated_page(head: str, stamp_line: str) -> str:
    page = PAGE.replace('<meta property="article:published_time" content="2026-02-17T09:30:00+00:00">', head)
    byline = '<p class="byline">By Petra Lund</p>'
    return page.replace(byline, byline + stamp_line)


def test_printed_publication_label_wins_over_a_stale_date_tag() -> None:
    page = _dated_page('<meta name="date" content="2026-03-02">', "<p>Erschienen am: 14.02.2026</p>")
    assert clean_page(page).published == "2026-02-14"


def test_day_first_slashes_after_a_label_in_a_day_first_language() -> None:
    page = _dated_page("", "<p>Publié le 03/02/2026 à 10h15</p>")
    assert clean_page(page).published == "2026-02-03"


def test_several_labelled_days_leave_the_markup_date() -> None:
    sidebar = "<ul><li>Posted on 2 January 2026</li><li>Posted on 9 January 2026</li></ul>"
    head = '<meta property="article:published_time" content="2026-02-17T09:30:00+02:00">'
    page = _dated_page(head, sidebar)
    assert clean_page(page).published == "2026-02-17"


def test_utc_stamp_gives_the_publishers_own_day() -> None:
    head = '<meta property="article:published_time" content="2026-02-18T02:40:00+00:00">'
    shown = '<time datetime="2026-02-17T21:40:00-05:00">February 17, 2026</time>'
    assert clean_page(_dated_page(head, shown)).published == "2026-02-17"


def test_dotted_dates_are_day_first() -> None:
    from storyline.clean.metadata import normalize_date

    assert normalize_date("Monday, 06.10.2025") == "2025-10-06"
    assert normalize_date("31.02.2025") is None


def test_date_shown_under_the_headline_wins_over_a_header_tag() -> None:
    shown = '<p class="meta"><time datetime="2026-02-12">12. Februar 2026</time></p>'
    page = _dated_page('<meta name="date" content="2026-02-20">', shown)
    assert clean_page(page).published == "2026-02-12"


def test_time_text_gives_the_local_day_but_not_a_numeric_date_read_backwards() -> None:
    late = '<time datetime="2026-02-11T23:05:00Z">12 February 2026</time>'
    assert clean_page(_dated_page("", late)).published == "2026-02-12"
    numeric = '<time datetime="2026-02-03T10:00:00Z">03/02/2026 10:00</time>'
    assert clean_page(_dated_page("", numeric)).published == "2026-02-03"


def test_update_stamps_and_comment_stamps_under_the_headline_are_skipped() -> None:
    shown = (
        '<time class="last-updated" datetime="2026-02-19">19 February 2026</time>'
        '<div class="comment-box"><time datetime="2026-02-21">21 February 2026</time></div>'
    )
    head = '<meta property="article:published_time" content="2026-02-17T09:30:00+01:00">'
    assert clean_page(_dated_page(head, shown)).published == "2026-02-17"


def test_a_number_glued_to_the_slug_is_not_the_day_in_the_url() -> None:
    head = '<meta property="article:published_time" content="2026-02-17T09:30:00+01:00">'
    page = _dated_page(head, "")
    url = "https://gazette.example/2026/02/3-questions-about-the-pier/"
    assert clean_page(page, Hints(url=url)).published == "2026-02-17"


def test_a_numbered_gallery_inside_the_article_is_removed() -> None:
    slides = "".join(
        f"<p>{n}/12 Harbour scene number {n}</p><p>Boats rest at the quay while gulls circle above, "
        f"picture {n} of the harbour series.</p><p>Example Agency</p>"
        for n in range(1, 6)
    )
    page = PAGE.replace(f"<p>{PARAGRAPHS[1]}</p>\n<aside", f"<p>{PARAGRAPHS[1]}</p>{slides}\n<aside")
    article = clean_page(page)
    assert "Harbour scene" not in article.text and "gulls circle" not in article.text
    assert PARAGRAPHS[4] in article.text
    assert any(r.rule == "gallery" for r in article.removed)


def test_numbered_steps_far_apart_are_not_a_gallery() -> None:
    from storyline.clean.gallery import gallery_blocks
    from storyline.clean.shape import Block

    text = [Block(f"{n}/3 Step {n}", "p") for n in (1, 2, 3)]
    spaced = [text[0], *[Block("prose", "p")] * 5, text[1], *[Block("prose", "p")] * 5, text[2]]
    assert gallery_blocks(spaced, list(range(len(spaced)))) == []
