"""Telling opinion from reporting, and each source's corroborated, exclusive and missing facts."""

from __future__ import annotations

from story_builders import figure_at
from storyline.crosscheck.profiles import SourceProfile, classify, profile_sources
from storyline.crosscheck.run import crosscheck
from storyline.model import Article, Quote, Story, content_id

OPINION = (
    "I have lived beside the Tarrow River for most of my life, and I have never been as angry as I was "
    "this week. The county's flood plan is a disgrace. For years we were told the embankment was safe; "
    "anyone who walked along it could see that was simply wrong.\n"
    "Why did it take a disaster for the council to listen? The answer, I suspect, is that spending money "
    "on mud and concrete wins nobody a ribbon-cutting. That is shameful, and it is reckless.\n"
    "The council should stop commissioning reports and start rebuilding. It must fund the embankment "
    "this year, not in some future budget. Perhaps then my neighbours will sleep at night. Frankly, "
    "they deserve better than another consultation, and so do I."
)
REPORT = (
    "The county council approved 4.5 million dollars on Wednesday to repair the Tarrow River embankment, "
    "two weeks after flooding forced 1,240 residents from their homes in Marlow Creek.\n"
    "\u201cThe work will start before the autumn rains,\u201d council leader Ana Ruiz said after the vote. "
    "She said engineers had found three weak sections near the old mill.\n"
    "According to the county's engineering office, the repairs will take about five months. The "
    "Environment Agency said it would inspect the site in June, and residents told reporters they "
    "welcomed the decision but wanted a timetable."
)


def make_article(text: str, outlet: str, title: str | None = None, url: str | None = None) -> Article:
    return Article(
        id=content_id("a", outlet, text), source=url or f"{outlet}.txt", text=text, outlet=outlet,
        published="2024-03-06", title=title, url=url,
    )  # fmt: skip


def quotes_in(article: Article) -> list[Quote]:
    out = []
    start = article.text.find("\u201c")
    while start >= 0:
        end = article.text.index("\u201d", start)
        out.append(
            Quote(
                content_id("q", article.id, start), article.id, start + 1, end, article.text[start + 1 : end]
            )
        )
        start = article.text.find("\u201c", end)
    return out


def test_opinion_piece_is_recognised() -> None:
    article = make_article(OPINION, "Valley Voice")
    kind, score, evidence = classify(article, quotes_in(article))
    assert kind == "opinion"
    assert evidence.first_person >= 6 and evidence.evaluative >= 3 and evidence.hedges >= 3
    assert evidence.questions == 1 and score > 1.5


def test_news_report_is_not_opinion() -> None:
    article = make_article(REPORT, "Herald")
    kind, score, evidence = classify(article, quotes_in(article))
    assert kind == "news"
    assert evidence.attributions >= 5 and evidence.first_person == 0
    assert score < 0


def test_first_person_inside_quotes_does_not_count() -> None:
    text = REPORT + "\n\u201cI told them I was worried, and I was right to be,\u201d she said."
    article = make_article(text, "Herald")
    kind, _, evidence = classify(article, quotes_in(article))
    assert kind == "news" and evidence.first_person == 0


def test_page_labelled_opinion_by_its_address_counts_as_opinion() -> None:
    article = make_article(REPORT, "Herald", url="https://herald.example/opinion/2024/03/embankment")
    kind, _, evidence = classify(article, quotes_in(article))
    assert evidence.labelled and kind == "opinion"


def test_very_short_text_stays_unknown() -> None:
    kind, _, _ = classify(make_article("Roads reopened on Friday.", "Herald"), [])
    assert kind == "unknown"


def test_crosscheck_sets_article_kinds() -> None:
    opinion, report = make_article(OPINION, "Valley Voice"), make_article(REPORT, "Herald")
    crosscheck(Story(articles=[opinion, report], quotes=quotes_in(report)))
    assert (opinion.kind, report.kind) == ("opinion", "news")


def _fact_story() -> tuple[Story, list[Article]]:
    """Three outlets agree on the evacuation; two report the shelters; one alone reports the bridge."""
    texts = [
        "Floodwater forced 1,240 residents from their homes in Marlow Creek, and crews opened 2 shelters.",
        "Some 1,240 residents left Marlow Creek as the river rose; the county said 2 shelters were open.",
        "The flood in Marlow Creek closed 3 bridges on the valley road after 1,240 residents were moved out.",
    ]
    arts = [make_article(t, o) for t, o in zip(texts, ("Herald", "Tribune", "Gazette"), strict=True)]
    figures = [figure_at(a, "1,240", 1240, "residents", "residents evacuated") for a in arts]
    figures += [figure_at(a, "2", 2, "shelters", "shelters opened") for a in arts[:2]]
    figures.append(figure_at(arts[2], "3", 3, "bridges", "bridges closed"))
    return Story(articles=arts, figures=figures), arts


def test_profiles_count_corroborated_exclusive_and_missing_facts() -> None:
    story, (herald, tribune, gazette) = _fact_story()
    profiles = profile_sources(crosscheck(story))
    unit_of = {f.id: f.unit for f in story.figures}
    claim_of = {unit_of[c.members[0]]: c.id for c in story.claims if c.kind == "figure"}
    assert set(profiles) == {herald.id, tribune.id, gazette.id}
    assert isinstance(profiles[herald.id], SourceProfile)
    assert (profiles[herald.id].facts_total, profiles[herald.id].facts_corroborated) == (2, 2)
    assert profiles[gazette.id].exclusive == [claim_of["bridges"]]
    assert profiles[gazette.id].missing == [claim_of["shelters"]]
    assert profiles[herald.id].missing == [] and profiles[herald.id].exclusive == []


def test_missing_needs_at_least_two_other_sources() -> None:
    story, arts = _fact_story()
    story.articles = arts[1:]
    story.figures = [f for f in story.figures if f.article != arts[0].id]
    profiles = profile_sources(crosscheck(story))
    assert all(p.missing == [] for p in profiles.values())


def test_title_label_marks_opinion() -> None:
    article = make_article(REPORT, "Herald", title="Opinion: the embankment money is overdue")
    assert classify(article, quotes_in(article))[0] == "opinion"


BLOG = (
    "The new ferry terminal opened on Saturday after three years of work and 12 million dollars of public "
    "money. It is a glass box on a windy quay, and it already leaks. The waiting hall is cold, cramped and "
    "badly signposted, and the single ticket machine was out of order by lunchtime.\n"
    "The mayor said at the opening that the building would put the town on the map. It has, though hardly "
    "in the way she meant: visitors now take pictures of the buckets under the skylights.\n"
    "The real failure is not the cost overrun, bad as it is, but the indifference behind it. Nobody at the "
    "town hall asked the people who ride the ferry every morning what they needed. I ride it most days, "
    "and a bench out of the wind, a clock that works and a roof that keeps the rain off would have done. "
    "Instead the town got an architect's showpiece that serves the architect far better than the "
    "passengers.\n"
    "The old shed it replaces stood for forty years. It had a tin roof, a kiosk that sold tea and a "
    "timetable painted on the wall, and it did its job. The new hall has a screen that shows the weather "
    "in three languages and no timetable at all. The toilets are locked after six, which is when the last "
    "two boats come in. The car park charges by the hour and takes no cash.\n"
    "The harbour committee will meet next month to discuss repairs. It should start by apologising. "
    "Passengers have put up with a draughty shed for a decade, and they were promised something better. "
    "What they have been given is a monument to vanity, and I doubt they will forget it at the next election."
)
MATCH_REPORT = (
    "Harbour Rovers beat Dunmere 3-1 on Saturday to climb to second in the table. Ana Ruiz opened the "
    "scoring after nine minutes with a low shot from the edge of the area, and Tom Ash doubled the lead "
    "before half-time with a header from a corner.\n"
    "Dunmere pulled one back ten minutes after the break when their captain turned in a cross at the far "
    "post. They pressed for an equaliser and hit the bar twice, but Rovers held on, and a third goal in "
    "stoppage time settled it.\n"
    "Rovers have now won five of their last six games. They play away at Marlow Creek next Saturday, "
    "with two of their defenders suspended after collecting a fifth booking of the season."
)


def test_blog_in_its_own_voice_that_attributes_almost_nothing_is_opinion() -> None:
    article = make_article(BLOG, "Harbour Notes")
    kind, score, evidence = classify(article, quotes_in(article))
    assert score < 1.5  # the markers alone are too thin for the length: the attribution share decides
    assert evidence.attributed_share < 0.15 and evidence.first_person == 2
    assert kind == "opinion"


def test_narrated_match_report_without_attribution_stays_news() -> None:
    article = make_article(MATCH_REPORT, "Herald")
    kind, _, evidence = classify(article, quotes_in(article))
    assert evidence.attributed_share == 0 and kind == "news"
