"""Cleaning of saved plain text and Markdown: noise out with its reason, body lines kept, metadata read."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.clean import clean_document
from storyline.errors import EmptyInput, UnsupportedFormat
from storyline.model import Article, Hints, RawDocument

BODY_1 = (
    "Heavy rain pushed the Marrow river over its banks on Monday, forcing more than 300 people "
    "from their homes in the valley, officials said."
)
BODY_2 = "The water reached the market square by noon, and shopkeepers moved their stock to upper floors."
BODY_3 = "Volunteers filled sandbags through the night while the fire brigade pumped out the cellars."
BODY_4 = "The council will meet on Wednesday to decide whether the schools can reopen next week."


def clean(text: str, fmt: str = "text", hints: Hints | None = None) -> Article:
    raw = RawDocument("saved/page.txt", text.encode("utf-8"), fmt, hints or Hints())
    return clean_document(raw)


def page(*middle: str) -> str:
    """A small article with the given lines between its body paragraphs."""
    return "\n\n".join(
        ["Marrow Valley Floods Force Hundreds From Homes", BODY_1, BODY_2, *middle, BODY_3, BODY_4]
    )


def removal_of(article: Article, text: str) -> tuple[str, str | None]:
    matches = [(r.reason, r.rule) for r in article.removed if r.text == text]
    assert matches, f"{text!r} was not removed; removed: {article.removed}"
    return matches[0]


def assert_body_intact(article: Article) -> None:
    paragraphs = article.text.split("\n\n")
    for body in (BODY_1, BODY_2, BODY_3, BODY_4):
        assert body in paragraphs


@pytest.mark.parametrize(
    ("lines", "reason"),
    [
        (["SPORT", "Rovers Snatch Late Winner At Dunmere", "Rovers Snatch Late Winner At Dunmere"], "promo"),
        (["Rovers snatch late winner at Dunmere", "Rovers snatch late winner at Dunmere"], "promo"),
        (["Business", "Bakery chain opens new store on the square"], "promo"),
        (["Rescuers carry a resident across the square. (Photo: Ann Poe/Example Agency)"], "caption"),
        (["Image caption, Water covered the lower streets by midday"], "caption"),
        (["Photograph: Ann Poe/Example Agency"], "credit"),
        (["Credit: Example Images / North Agency"], "credit"),
        (["Image source, Example Agency"], "credit"),
        (["Ann Poe/Example Agency"], "credit"),
        (["More on this story:", "Why the valley floods every spring"], "promo"),
        (["Read more: Why the valley floods every spring"], "promo"),
        (["Related: Bridge repairs to start in May"], "promo"),
        (["Share this article"], "navigation"),
        (["Facebook Twitter Email"], "navigation"),
        (["Advertisement"], "promo"),
        (["Skip to content"], "navigation"),
        (["Follow us on Instagram for the latest updates"], "promo"),
        (["Sign up for our morning newsletter, delivered to your inbox before breakfast."], "promo"),
        (["Home > News > Regional"], "navigation"),
        (
            ["Most read", "Heatwave warning issued for the weekend", "Schools to close early on Friday"],
            "promo",
        ),
        (["Sam Lee contributed to this report."], "credit"),
        (["Additional reporting by Sam Lee"], "credit"),
    ],
)
def test_noise_between_paragraphs_is_removed_with_its_reason(lines: list[str], reason: str) -> None:
    article = clean(page(*lines))
    for line in lines:
        assert line not in article.text.split("\n\n")
        assert removal_of(article, line)[0] == reason
    assert_body_intact(article)


def test_repeated_paragraph_and_repeated_title_are_duplicates() -> None:
    article = clean(page(BODY_1, "Marrow Valley Floods Force Hundreds From Homes"))
    assert article.text.split("\n\n").count(BODY_1) == 1
    reasons = [
        r.reason
        for r in article.removed
        if r.text in (BODY_1, "Marrow Valley Floods Force Hundreds From Homes")
    ]
    assert reasons.count("duplicate") == 2
    assert article.title == "Marrow Valley Floods Force Hundreds From Homes"


@pytest.mark.parametrize(
    "line",
    [
        "It passed.",
        "Read the full council minutes on the city website before Friday's hearing, officials urged.",
        "The Mayor Called It A Historic Day For The City.",
        '"We have never seen it rise this fast," said Tom Ash.',
        "Why did the river rise so fast?",
        "Schools in both towns are closed.",
    ],
)
def test_body_lines_that_look_like_noise_are_kept(line: str) -> None:
    article = clean(page(line))
    assert line in article.text.split("\n\n")
    assert all(r.text != line for r in article.removed)


def test_subheading_that_shares_the_articles_words_is_kept() -> None:
    article = clean(page("Cellars And Sandbags In The Valley"))
    assert "Cellars And Sandbags In The Valley" in article.text


def test_title_is_read_and_kept_as_the_first_paragraph() -> None:
    """A plain-text headline is the title and stays in the text, so the facts it states have a sentence."""
    article = clean(page())
    assert article.title == "Marrow Valley Floods Force Hundreds From Homes"
    first, second = article.text.split("\n\n")[:2]
    assert (first, second) == ("Marrow Valley Floods Force Hundreds From Homes", BODY_1)
    assert all(r.text != first for r in article.removed)


def test_markdown_heading_is_the_title_and_markup_is_dropped() -> None:
    text = (
        "# Bridge Vote Passes\n\n**By Maria Okafor**\n\n"
        + BODY_1
        + "\n\nSee the [minutes](https://x.example/m) here."
    )
    article = clean(text, "markdown")
    assert article.title == "Bridge Vote Passes"
    assert article.authors == ["Maria Okafor"]
    assert article.text.endswith("See the minutes here.")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Date: 2024-03-03", "2024-03-03"),
        ("Published March 3, 2024", "2024-03-03"),
        ("3 March 2024 10:12 GMT", "2024-03-03"),
        ("Updated: Tue 3 Mar 2024", "2024-03-03"),
        ("Tuesday 3rd March 2026", "2026-03-03"),
        ("Published 2 March 2024 | Updated 5 March 2024", "2024-03-02"),
    ],
)
def test_stated_date_in_many_shapes_is_read_and_removed(line: str, expected: str) -> None:
    article = clean("Marrow Valley Floods Force Hundreds\n" + line + "\n\n" + BODY_1)
    assert article.published == expected
    assert removal_of(article, line) == ("other", "date")
    assert article.text == "Marrow Valley Floods Force Hundreds\n\n" + BODY_1


def test_published_date_wins_over_updated_date() -> None:
    article = clean("River Floods The Square\nUpdated: 9 March 2024\nPublished: 2 March 2024\n\n" + BODY_1)
    assert article.published == "2024-03-02"


def test_relative_stamp_is_removed_but_gives_no_date() -> None:
    article = clean("River Floods The Square\nUpdated 3 hours ago\n\n" + BODY_1)
    assert article.published is None
    assert removal_of(article, "Updated 3 hours ago") == ("other", "date")


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("By Jane Doe", ["Jane Doe"]),
        ("By Jane Doe and John Roe, Staff Writers", ["Jane Doe", "John Roe"]),
        ("Jane Doe | Staff Reporter", ["Jane Doe"]),
        ("By Jane Doe in Lisbon", ["Jane Doe"]),
        ("By María de la Cruz, Political Correspondent", ["María de la Cruz"]),
    ],
)
def test_byline_shapes_give_authors(line: str, authors: list[str]) -> None:
    article = clean("River Floods The Square\n" + line + "\n\n" + BODY_1)
    assert article.authors == authors
    assert removal_of(article, line) == ("other", "byline")


def test_byline_with_outlet_and_date_gives_all_three() -> None:
    article = clean(
        "River Floods The Square\nBy Lena Ostrova, Radio Example News · 6 March 2026\n\n" + BODY_1
    )
    assert article.authors == ["Lena Ostrova"]
    assert article.outlet == "Radio Example News"
    assert article.published == "2026-03-06"


def test_outlet_from_source_line_and_from_copyright_footer() -> None:
    stated = clean("River Floods The Square\nSource: Example Ledger\n\n" + BODY_1)
    assert stated.outlet == "Example Ledger"
    footer = clean(page("© 2026 Valley Example Courier. All rights reserved."))
    assert footer.outlet == "Valley Example Courier"
    assert removal_of(footer, "© 2026 Valley Example Courier. All rights reserved.")[0] == "other"


def test_hints_win_over_detected_metadata() -> None:
    hints = Hints(
        url="https://x.example/a",
        title="Given Title",
        published="2020-01-02T08:00:00Z",
        outlet="Given Outlet",
        authors=["Given Author"],
    )
    article = clean("River Floods The Square\nBy Jane Doe\nPublished March 3, 2024\n\n" + BODY_1, hints=hints)
    assert (article.title, article.published, article.outlet, article.authors) == (
        "Given Title",
        "2020-01-02",
        "Given Outlet",
        ["Given Author"],
    )
    assert article.url == "https://x.example/a"


def test_section_label_before_the_title_is_not_the_title() -> None:
    article = clean("POLITICS\nMinister Resigns Over Flood Response\n\n" + BODY_1)
    assert article.title == "Minister Resigns Over Flood Response"
    assert removal_of(article, "POLITICS")[0] == "navigation"


def test_embedded_post_is_kept_and_marked_in_place() -> None:
    post = "We are safe at the sports hall, thank you all — Nadia Fenn (@nadia_fenn) March 3, 2026"
    article = clean(page("One of them posted at first light:", post))
    assert post in article.text
    assert len(article.embeds) == 1
    span = article.embeds[0]
    assert article.text[span.start : span.end] == post
    assert span.kind == "post"


def test_post_with_attribution_on_its_own_line_spans_both_paragraphs() -> None:
    words = "Water is still rising on Weir Street pic.twitter.com/abc123"
    tail = "— Ann Poe (@annpoe) March 3, 2026"
    article = clean(page(words, tail))
    span = article.embeds[0]
    assert article.text[span.start : span.end] == words + "\n\n" + tail


def test_article_ids_and_hashes_come_from_the_raw_document() -> None:
    raw = RawDocument("saved/page.txt", page().encode("utf-8"), "text")
    article = clean_document(raw)
    assert (article.id, article.source, article.raw_sha256) == (raw.id, "saved/page.txt", raw.sha256)


def test_paragraphs_are_single_lines_with_normalised_spaces() -> None:
    article = clean("Title Of The Story\n\nOne   line\twith  gaps.\n\n\n\nAnother line here.")
    assert article.text == "Title Of The Story\n\nOne line with gaps.\n\nAnother line here."


def test_hard_wrapped_text_is_joined_into_paragraphs() -> None:
    text = (
        "Harbour Workers Walk Out\n\n"
        "Dock workers at the northern harbour walked off the job on Monday\n"
        "after talks over a new pay deal collapsed late on Sunday night, union\n"
        "leaders said.\n\n"
        "The strike is the first at the harbour since 1998. Managers said\n"
        "ships would be sent to other ports for the rest of the week.\n"
    )
    article = clean(text)
    assert article.text.split("\n\n")[1:] == [
        "Dock workers at the northern harbour walked off the job on Monday after talks over a new pay deal "
        "collapsed late on Sunday night, union leaders said.",
        "The strike is the first at the harbour since 1998. Managers said ships would be sent to other ports "
        "for the rest of the week.",
    ]


def test_text_of_only_noise_is_empty_input() -> None:
    with pytest.raises(EmptyInput):
        clean("Share this article\n\nAdvertisement\n")
    with pytest.raises(EmptyInput):
        clean("   \n\n")


def test_unknown_format_is_unsupported() -> None:
    with pytest.raises(UnsupportedFormat):
        clean_document(RawDocument("a.pdf", b"%PDF-1.4", "pdf"))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                BODY_1,
                BODY_2,
                "Advertisement",
                "SPORT",
                "Short Headline Here",
                "",
                "  ",
                "— Ann Poe (@annpoe) March 3, 2026",
                "By Jane Doe",
                "Read more: Other news",
                "x\ty",
                "Ünïcode líne — with dashes.",
            ]
        ),
        max_size=12,
    )
)
def test_any_mix_of_lines_gives_single_line_paragraphs_and_spans_inside_the_text(lines: list[str]) -> None:
    try:
        article = clean("\n".join(lines))
    except EmptyInput:
        return
    paragraphs = article.text.split("\n\n")
    assert all(p and p == " ".join(p.split()) for p in paragraphs)
    for span in article.embeds:
        assert 0 <= span.start < span.end <= len(article.text)
        assert article.text[span.start : span.end].strip() == article.text[span.start : span.end]


def test_with_a_given_title_a_short_opening_line_is_not_taken_for_one() -> None:
    standfirst = "Residents were told to leave before the water rose"
    article = clean(standfirst + "\n\n" + BODY_1, hints=Hints(title="Valley Floods"))
    assert article.text.startswith(standfirst)
    assert article.title == "Valley Floods"


def test_caption_given_bare_and_with_its_credit_loses_both_copies() -> None:
    bare = "Rescue teams search the debris near the old bridge."
    credited = "Rescue teams search the debris near the old bridge. © Example Agency"
    article = clean(page(bare, credited))
    assert removal_of(article, credited) == ("caption", "caption-credit")
    assert removal_of(article, bare) == ("caption", "caption-repeat")
    assert_body_intact(article)


def test_related_headline_given_twice_the_second_time_behind_its_section_goes() -> None:
    text = "\n\n".join(
        [
            "Marrow Valley Floods Force Hundreds From Homes",
            BODY_1,
            "Ferry service cut after storm damages pier",
            BODY_2,
            BODY_3,
            "World Ferry service cut after storm damages pier",
            BODY_4,
        ]
    )
    article = clean(text)
    assert removal_of(article, "Ferry service cut after storm damages pier") == ("promo", "promo-repeat")
    assert removal_of(article, "World Ferry service cut after storm damages pier") == (
        "promo",
        "promo-repeat",
    )
    assert_body_intact(article)


def test_lone_teaser_headline_whose_words_do_not_carry_on_goes() -> None:
    # "council" is in the last paragraph: the teaser shares a word with the article, not its neighbours
    article = clean(page("Council approves budget for new harbour crane"))
    assert removal_of(article, "Council approves budget for new harbour crane") == (
        "promo",
        "teaser-headline",
    )
    assert_body_intact(article)


@pytest.mark.parametrize(
    ("stamp", "published"),
    [("Published: 2 May 2024", "2024-05-02"), ("date 2024-05-02", "2024-05-02"), ("Published:", None)],
)
def test_date_label_glued_to_the_first_paragraph_is_read_and_cut_off(
    stamp: str, published: str | None
) -> None:
    article = clean(f"{stamp} {BODY_1}\n\n{BODY_2}")
    assert article.published == published
    assert article.text.split("\n\n")[0] == BODY_1
    assert removal_of(article, stamp) == ("other", "date")


def test_paragraph_that_opens_with_a_label_like_word_keeps_it() -> None:
    line = "Published reports say the dam was inspected twice last year and passed both times."
    article = clean(f"{line}\n\n{BODY_2}")
    assert article.text.split("\n\n")[0] == line
    assert article.published is None


MENU = ["Home", "World", "Business", "Sport", "Weather", "Sign in", "Local News", "Opinion"]
RELATED = [
    "Ferry service cut after storm damages pier",
    "Harbour crane budget wins approval",
    "Five things to know about the new bus lanes",
    "Contact us",
    "Terms of use",
]


def test_whole_page_copied_as_text_keeps_only_the_article() -> None:
    text = "\n".join(
        [
            *MENU,
            "Marrow Valley Floods Force Hundreds From Homes",
            "By Jane Doe",
            "3 March 2026",
            "",
            BODY_1,
            "",
            BODY_2,
            "",
            BODY_3,
            "",
            BODY_4,
            "",
            *RELATED,
        ]
    )
    article = clean(text)
    assert article.text.split("\n\n")[-4:] == [BODY_1, BODY_2, BODY_3, BODY_4]
    assert (article.title, article.authors, article.published) == (
        "Marrow Valley Floods Force Hundreds From Homes",
        ["Jane Doe"],
        "2026-03-03",
    )
    for line in [*MENU, *RELATED]:
        assert removal_of(article, line)[0] in ("navigation", "promo")


def test_short_lines_between_paragraphs_that_are_not_a_box_of_links_stay() -> None:
    items = ["Sandbags: 4,000", "Pumps: 12", "Volunteers: 85"]
    article = clean(page(*items, "Police are investigating."))
    for line in [*items, "Police are investigating."]:
        assert line in article.text.split("\n\n")


def test_paragraph_broken_at_line_breaks_is_read_as_one() -> None:
    broken = (
        "The water reached the market square by noon,\n"
        "and shopkeepers moved their stock to upper floors\n"
        "while the fire brigade pumped out the cellars."
    )
    article = clean("\n\n".join([BODY_1, broken, BODY_3]))
    assert article.text.split("\n\n")[1] == " ".join(broken.split("\n"))


def test_caption_after_a_picture_marker_and_a_credit_glued_to_a_caption_go() -> None:
    caption = "Volunteers carry sandbags along the flooded high street."
    glued = "Water covered the lower streets by midday.CreditAnn Poe for Example News"
    article = clean(page("Photo", caption, "Photograph: Ann Poe/Example Agency", glued))
    assert removal_of(article, caption) == ("caption", "caption-after-picture")
    assert removal_of(article, glued) == ("caption", "caption-credit")
    assert_body_intact(article)


def test_byline_and_date_under_the_standfirst_are_read() -> None:
    standfirst = "Hundreds of residents spent the night in the sports hall as the river kept rising."
    text = "\n\n".join(["Marrow Valley Floods", standfirst, "By Jane Doe", "March 3, 2026", BODY_1, BODY_2])
    article = clean(text)
    assert (article.authors, article.published) == (["Jane Doe"], "2026-03-03")
    assert article.text.split("\n\n")[-3:] == [standfirst, BODY_1, BODY_2]


PASTED_POOL = [
    BODY_1,
    BODY_2,
    BODY_3,
    "Home",
    "World",
    "Sign in",
    "Photo",
    "Volunteers carry sandbags along the flooded high street.",
    "Volunteers carry sandbags along the flooded high street. © Example Agency",
    "Ferry service cut after storm damages pier",
    "World Ferry service cut after storm damages pier",
    "Published: 2 May 2024 " + BODY_4,
    "By Jane Doe",
    "the water kept rising through",
    "x = f(y);",
    "",
]


def _accounted(line: str, article: Article) -> bool:
    """The line is in the text, in the record of removals, or split between a removal and the text."""
    line = " ".join(line.split())
    removed = [r.text for r in article.removed]
    if line in article.text or any(line in r for r in removed):
        return True
    for r in removed:
        rest = line[len(r) :].strip()
        if line.startswith(r) and (rest in article.text or any(rest in other for other in removed)):
            return True
    return False


@settings(max_examples=80, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(PASTED_POOL), min_size=1, max_size=30), st.sampled_from(["\n", "\n\n"]))
def test_every_pasted_line_is_kept_or_recorded_as_removed(lines: list[str], joiner: str) -> None:
    try:
        article = clean(joiner.join(lines))
    except EmptyInput:
        return
    for line in lines:
        if any(ch.isalnum() for ch in line):
            assert _accounted(line, article), (line, article.text, article.removed)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Lea también: Cierran tres escuelas del norte por las lluvias", "promo"),
        ("Lesen Sie auch: Hafenbehörde schließt den alten Anleger", "promo"),
        ("For breaking news as it happens, download the Example Bay Gazette app", "promo"),
        ("To read the full story, please subscribe to the Example Bay Gazette.", "promo"),
        ("This story is the copyrighted property of Example News and may not be reprinted.", "other"),
        ("This material may not be published, broadcast, rewritten or redistributed.", "other"),
        ("We want to hear what you think. Submit a letter to the editor by email.", "other"),
    ],
)
def test_page_furniture_in_several_languages_is_recognised(line: str, reason: str) -> None:
    from storyline.clean.patterns import classify_line

    verdict = classify_line(line)
    assert verdict is not None and verdict[0] == reason


@pytest.mark.parametrize(
    "line",
    [
        "Lee said the pier would reopen once the divers had finished their survey.",
        "Lea: We never expected the board to close the pier this year.",
        "The board may not be reprinting its old timetables, the operator said.",
    ],
)
def test_prose_that_starts_like_furniture_is_kept(line: str) -> None:
    from storyline.clean.patterns import classify_line

    assert classify_line(line) is None
