"""Figures, quotes and events from several articles aligned into claims, with their status and notes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.crosscheck.claims import build_context
from storyline.crosscheck.claims_figures import align_figures, unit_class
from storyline.crosscheck.claims_quotes import align_quotes, same_words
from storyline.crosscheck.run import crosscheck
from storyline.model import Article, Claim, Entity, Event, Figure, Mention, Quote, Story, content_id


def make_article(text: str, outlet: str, published: str = "2024-03-04") -> Article:
    return Article(
        id=content_id("a", outlet, text),
        source=f"{outlet}.txt",
        text=text,
        outlet=outlet,
        published=published,
    )


def span(article: Article, phrase: str) -> tuple[int, int]:
    start = article.text.index(phrase)
    return start, start + len(phrase)


def figure(
    article: Article, text: str, value: float, unit: str, measure: str, qualifier: str = "exact"
) -> Figure:
    start, end = span(article, text)
    return Figure(
        content_id("f", article.id, start), article.id, start, end, text, value, unit, qualifier, measure
    )


def quote(article: Article, text: str, speaker: Entity | None) -> Quote:
    start, end = span(article, text)
    return Quote(
        content_id("q", article.id, start), article.id, start, end, text,
        speaker.id if speaker else None, speaker.name if speaker else None, "said",
    )  # fmt: skip


def event(
    article: Article, summary: str, date: str, entities: list[Entity], date_text: str = "Monday"
) -> Event:
    start, end = span(article, summary)
    ids = [e.id for e in entities]
    return Event(content_id("v", article.id, start), article.id, start, end, date, date_text, summary, ids)


def person(name: str, *articles: Article) -> Entity:
    entity = Entity(content_id("e", name, "PERSON"), name, "PERSON", [name])
    for a in articles:
        short = name.split()[-1]
        if short in a.text:
            start, end = span(a, short)
            entity.mentions.append(Mention(a.id, start, end, short))
    return entity


def figure_claims(*pairs: tuple[Article, Figure]) -> list[Claim]:
    story = Story(articles=[a for a, _ in pairs], figures=[f for _, f in pairs])
    return align_figures(build_context(story), story.figures)


# --- figures -----------------------------------------------------------------------------------

EVAC_A = "County officials said about 1,200 residents were evacuated from Marlow Creek on Monday."
EVAC_B = "In all, 1,240 people were evacuated from Marlow Creek, the county said."
EVAC_C = "More than 2,000 people were evacuated from the town, the mayor said."


def test_figures_that_agree_after_rounding_are_corroborated() -> None:
    a, b = make_article(EVAC_A, "Herald"), make_article(EVAC_B, "Tribune")
    [claim] = figure_claims(
        (a, figure(a, "about 1,200", 1200, "residents", "residents evacuated", "about")),
        (b, figure(b, "1,240", 1240, "people", "people evacuated")),
    )
    assert claim.status == "corroborated"
    assert claim.articles == sorted([a.id, b.id])
    assert "(2 outlets)" in claim.statement and "evacuated" in claim.statement
    assert claim.note is None


def test_exact_figures_within_five_percent_agree() -> None:
    a, b = make_article(EVAC_B, "Herald"), make_article(EVAC_B.replace("1,240", "1,200"), "Tribune")
    [claim] = figure_claims(
        (a, figure(a, "1,240", 1240, "people", "people evacuated")),
        (b, figure(b, "1,200", 1200, "people", "people evacuated")),
    )
    assert claim.status == "corroborated"


def test_figures_that_cannot_both_be_true_conflict_with_a_note_naming_both() -> None:
    a, c = make_article(EVAC_B, "Tribune"), make_article(EVAC_C, "Gazette")
    [claim] = figure_claims(
        (a, figure(a, "1,240", 1240, "people", "people evacuated")),
        (c, figure(c, "More than 2,000", 2000, "people", "people evacuated", "more_than")),
    )
    assert claim.status == "conflicting"
    assert claim.note is not None
    for part in ("1,240", "More than 2,000", a.id, c.id, "Tribune", "Gazette"):
        assert part in claim.note
    assert "1,240" in claim.statement and "More than 2,000" in claim.statement


def test_lower_bound_agrees_with_a_larger_exact_count() -> None:
    a = make_article("At least 300 homes were flooded in the valley, the agency said.", "Herald")
    b = make_article("Some 350 homes were flooded across the valley.", "Tribune")
    [claim] = figure_claims(
        (a, figure(a, "At least 300", 300, "homes", "homes flooded", "at_least")),
        (b, figure(b, "350", 350, "houses", "houses flooded")),
    )
    assert claim.status == "corroborated"


def test_paraphrased_measure_is_matched() -> None:
    a = make_article("There are 412 people held in the prison, according to the state.", "Herald")
    b = make_article("The facility houses about 400 inmates, officials said.", "Tribune")
    [claim] = figure_claims(
        (a, figure(a, "412", 412, "people", "people held in the prison")),
        (b, figure(b, "about 400", 400, "inmates", "inmates at the facility", "about")),
    )
    assert claim.status == "corroborated"
    assert len(claim.members) == 2


def test_counts_described_with_different_verbs_of_one_kind_are_matched() -> None:
    a = make_article("About 1,200 people were evacuated overnight.", "Herald")
    b = make_article("Officials said 1,240 residents had been moved out by dawn.", "Tribune")
    [claim] = figure_claims(
        (a, figure(a, "About 1,200", 1200, "people", "people evacuated", "about")),
        (b, figure(b, "1,240", 1240, "residents", "residents moved")),
    )
    assert claim.status == "corroborated"


def test_bare_numbers_match_only_when_specific() -> None:
    a = make_article("Total damage reached €18 million; the river ran three times its usual flow.", "Herald")
    b = make_article(
        "The ministry put damage at €18 million. The bill could be three times higher.", "Tribune"
    )
    claims = figure_claims(
        (a, figure(a, "€18 million", 18_000_000, "EUR", "")),
        (b, figure(b, "€18 million", 18_000_000, "EUR", "")),
        (a, figure(a, "three times", 3, "times", "")),
        (b, figure(b, "three times", 3, "times", "")),
    )
    assert sorted((c.status, c.statement) for c in claims) == [
        ("corroborated", "€18 million (2 outlets)"),
        ("single_source", "three times (1 outlet)"),
        ("single_source", "three times (1 outlet)"),
    ]


def test_different_things_counted_in_the_same_unit_stay_apart() -> None:
    a = make_article("The storm destroyed 300 homes along the coast.", "Herald")
    b = make_article("About 1,200 homes were damaged by the storm.", "Tribune")
    claims = figure_claims(
        (a, figure(a, "300", 300, "homes", "homes destroyed")),
        (b, figure(b, "About 1,200", 1200, "homes", "homes damaged", "about")),
    )
    assert sorted(c.status for c in claims) == ["single_source", "single_source"]


def test_numbers_that_say_nothing_of_what_they_count_are_never_rivals() -> None:
    """A headline's "Quake kills 12" and "a quake of 6.1" share the word quake, not a measure."""
    a = make_article("Quake kills 12 in the hills", "Herald")
    b = make_article("A quake of 6.1 shook the hills on Sunday.", "Tribune")
    claims = figure_claims(
        (a, figure(a, "12", 12, None, "Quake kills")),  # type: ignore[arg-type]
        (b, figure(b, "6.1", 6.1, None, "quake")),  # type: ignore[arg-type]
    )
    assert sorted(c.status for c in claims) == ["single_source", "single_source"]


def test_a_kind_of_people_and_people_moved_by_other_verbs_are_one_count() -> None:
    """ "deported 238 migrants" and "flew 261 people" to one prison: one count, told two ways."""
    a = make_article("Valmont deported 238 migrants to the island prison at Sarn on Sunday.", "Herald")
    b = make_article("Valmont flew 261 people to the island prison at Sarn on Sunday.", "Tribune")
    claims = figure_claims(
        (a, figure(a, "238", 238, "migrants", "migrants deported")),
        (b, figure(b, "261", 261, "people", "people flew")),
    )
    assert [(c.status, len(c.members)) for c in claims] == [("conflicting", 2)], claims


def test_units_are_normalised() -> None:
    assert unit_class("$") == unit_class("USD") == unit_class("dollars") == "USD"
    assert unit_class("per cent") == unit_class("%") == "percent"
    assert unit_class("residents") == unit_class("inhabitants")
    assert unit_class("families") == unit_class("family")


def test_one_article_figure_is_single_source_with_readable_statement() -> None:
    a = make_article(EVAC_B, "Tribune")
    [claim] = figure_claims((a, figure(a, "1,240 people", 1240, "people", "people evacuated")))
    assert claim.status == "single_source"
    assert claim.statement == "1,240 people evacuated (1 outlet)"


# --- quotes ------------------------------------------------------------------------------------

WORDS = "We will rebuild every home that the river took from us"


def test_same_quote_from_three_outlets_is_one_claim() -> None:
    arts = [make_article(f"“{WORDS},” Governor Elena Varga said on {day}.", o) for o, day in
            (("Herald", "Monday"), ("Tribune", "Tuesday"), ("Gazette", "Monday night"))]  # fmt: skip
    varga = person("Elena Varga", *arts)
    story = Story(articles=arts, entities=[varga], quotes=[quote(a, WORDS, varga) for a in arts])
    [claim] = align_quotes(build_context(story), story.quotes)
    assert claim.kind == "quote" and claim.status == "corroborated"
    assert claim.articles == sorted(a.id for a in arts)
    assert claim.statement.startswith("Elena Varga: “We will rebuild") and "(3 outlets)" in claim.statement


def test_partial_quote_matches_its_full_version() -> None:
    full = make_article(f"“{WORDS}, and we will do it this year,” Elena Varga said.", "Herald")
    part = make_article("Varga vowed to “rebuild every home that the river took” within a year.", "Tribune")
    varga = person("Elena Varga", full, part)
    story = Story(
        articles=[full, part],
        entities=[varga],
        quotes=[
            quote(full, f"{WORDS}, and we will do it this year", varga),
            quote(part, "rebuild every home that the river took", varga),
        ],
    )
    [claim] = align_quotes(build_context(story), story.quotes)
    assert claim.status == "corroborated" and len(claim.members) == 2


def test_same_words_from_different_speakers_conflict() -> None:
    a = make_article(f"“{WORDS},” Governor Elena Varga said.", "Herald")
    b = make_article(f"“{WORDS},” Mayor Tomas Reyes said.", "Tribune")
    varga, reyes = person("Elena Varga", a), person("Tomas Reyes", b)
    story = Story(
        articles=[a, b], entities=[varga, reyes], quotes=[quote(a, WORDS, varga), quote(b, WORDS, reyes)]
    )
    [claim] = align_quotes(build_context(story), story.quotes)
    assert claim.status == "conflicting"
    assert claim.note is not None and "Elena Varga" in claim.note and "Tomas Reyes" in claim.note
    assert a.id in claim.note and b.id in claim.note


def test_two_speakers_words_held_together_by_a_third_uncredited_quote_are_no_clash() -> None:
    """One outlet quotes the governor, another her spokesman, a third runs both lines as one
    uncredited quote: the claim holds all three, but no one's words were credited to another."""
    first = "the church will be rebuilt before the winter comes to the valley"
    second = "the governor has faith that the town will stand together through this"
    a = make_article(f"“{first},” Governor Elena Varga said.", "Herald")
    b = make_article(f"“{second},” spokesman Tomas Reyes said.", "Tribune")
    c = make_article(f"Supporters read out: “{first}, {second}.”", "Gazette")
    varga, reyes = person("Elena Varga", a), person("Tomas Reyes", b)
    quotes = [quote(a, first, varga), quote(b, second, reyes), quote(c, f"{first}, {second}", None)]
    story = Story(articles=[a, b, c], entities=[varga, reyes], quotes=quotes)
    claims = align_quotes(build_context(story), story.quotes)
    assert not [d for c in claims for d in c.disagreements if d.kind == "attribution"], claims


def test_short_and_full_name_of_one_speaker_do_not_conflict() -> None:
    a = make_article(f"“{WORDS},” Governor Elena Varga said.", "Herald")
    b = make_article(f"“{WORDS},” Varga said.", "Tribune")
    full, short = person("Elena Varga", a), person("Varga", b)
    story = Story(
        articles=[a, b], entities=[full, short], quotes=[quote(a, WORDS, full), quote(b, WORDS, short)]
    )
    [claim] = align_quotes(build_context(story), story.quotes)
    assert claim.status == "corroborated"


def test_stock_phrase_from_two_speakers_is_neither_shared_nor_conflicting() -> None:
    a = make_article("“It was a difficult day,” Governor Elena Varga said.", "Herald")
    b = make_article("“It was a difficult day,” Mayor Tomas Reyes said.", "Tribune")
    varga, reyes = person("Elena Varga", a), person("Tomas Reyes", b)
    phrase = "It was a difficult day"
    story = Story(
        articles=[a, b], entities=[varga, reyes], quotes=[quote(a, phrase, varga), quote(b, phrase, reyes)]
    )
    claims = align_quotes(build_context(story), story.quotes)
    assert sorted(c.status for c in claims) == ["single_source", "single_source"]


def test_different_quotes_stay_apart() -> None:
    assert not same_words("we will rebuild every home".split(), "we will not rebuild the old bridge".split())
    assert same_words("the river took it all".split(), "he said the river took it all from us".split())


# --- events ------------------------------------------------------------------------------------


def _event_story(date_b: str, summary_b: str) -> tuple[Story, Article, Article]:
    a = make_article("Governor Elena Varga ordered the evacuation of Marlow Creek on Monday.", "Herald")
    b = make_article(f"{summary_b}.", "Tribune")
    varga = person("Elena Varga", a, b)
    town = Entity(content_id("e", "Marlow Creek", "GPE"), "Marlow Creek", "GPE", ["Marlow Creek"])
    story = Story(
        articles=[a, b],
        entities=[varga, town],
        events=[
            event(
                a, "Governor Elena Varga ordered the evacuation of Marlow Creek", "2024-03-04", [varga, town]
            ),
            event(b, summary_b, date_b, [varga, town], "Tuesday"),
        ],
    )
    return story, a, b


def test_same_event_on_same_date_is_corroborated() -> None:
    story, _, _ = _event_story("2024-03-04", "Varga ordered Marlow Creek evacuated on Monday")
    [claim] = [c for c in crosscheck(story).claims if c.kind == "event"]
    assert claim.status == "corroborated"
    events = {e.id: e for e in story.events}
    assert {events[m].date for m in claim.members} == {"2024-03-04"}
    # the claim reads as one of its members' sentences, not as a built summary
    assert any(claim.statement in a.text for a in story.articles)


def test_same_event_on_different_dates_conflicts() -> None:
    story, a, b = _event_story("2024-03-05", "Varga ordered the evacuation of Marlow Creek on Tuesday")
    [claim] = [c for c in crosscheck(story).claims if c.kind == "event"]
    assert claim.status == "conflicting"
    assert claim.note is not None
    for part in ("2024-03-04", "2024-03-05", a.id, b.id):
        assert part in claim.note


def test_different_events_of_the_same_actors_stay_apart() -> None:
    story, _, _ = _event_story(
        "2024-03-05", "Varga visited the new shelter at the Marlow Creek school on Tuesday"
    )
    claims = [c for c in crosscheck(story).claims if c.kind == "event"]
    assert sorted(c.status for c in claims) == ["single_source", "single_source"]


def test_same_words_at_different_places_are_different_events() -> None:
    story, _, b = _event_story("2024-03-05", "Varga ordered the evacuation of Port Aubrey on Tuesday")
    port = Entity(content_id("e", "Port Aubrey", "GPE"), "Port Aubrey", "GPE", ["Port Aubrey"])
    story.entities.append(port)
    town = story.entities[1].id
    story.events[1].entities = [story.entities[0].id, port.id]
    assert town not in story.events[1].entities
    claims = [c for c in crosscheck(story).claims if c.kind == "event"]
    assert sorted(c.status for c in claims) == ["single_source", "single_source"]


def test_vague_date_never_makes_a_conflict() -> None:
    story, _, _ = _event_story("2023", "Varga ordered the evacuation of Marlow Creek in 2023")
    claims = [c for c in crosscheck(story).claims if c.kind == "event"]
    assert all(c.status != "conflicting" for c in claims)


def test_less_precise_date_agrees() -> None:
    story, _, _ = _event_story("2024-03", "Varga ordered the evacuation of Marlow Creek in March")
    [claim] = [c for c in crosscheck(story).claims if c.kind == "event"]
    assert claim.status == "corroborated"


def test_claim_ids_and_order_are_stable() -> None:
    def run() -> list[dict[str, object]]:
        story, _, _ = _event_story("2024-03-05", "Varga ordered the evacuation of Marlow Creek on Tuesday")
        return [c.to_dict() for c in crosscheck(story).claims]

    assert run() == run()


# --- invariants --------------------------------------------------------------------------------

_MEASURES = ["people evacuated", "residents moved", "homes damaged", "cost of repairs", "", "inmates held"]
_UNITS = ["people", "residents", "homes", "EUR", "percent", "inmates"]
_QUALIFIERS = ["exact", "about", "more_than", "at_least", "up_to", "almost", "less_than"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 3),
            st.sampled_from([3, 12, 300, 350, 1200, 1240, 2000, 2.3e6]),
            st.sampled_from(_UNITS),
            st.sampled_from(_QUALIFIERS),
            st.sampled_from(_MEASURES),
        ),
        max_size=12,
    )
)
def test_every_figure_lands_in_exactly_one_consistent_claim(
    rows: list[tuple[int, float, str, str, str]],
) -> None:
    arts = [make_article(f"Report number {n} on the flood in the valley.", f"Outlet {n}") for n in range(4)]
    figures = []
    for k, (n, value, unit, qualifier, measure) in enumerate(rows):
        figures.append(
            Figure(f"f-{k:03d}", arts[n].id, k, k + 1, str(value), value, unit, qualifier, measure)
        )
    story = Story(articles=arts, figures=figures)
    claims = align_figures(build_context(story), figures)
    members = [m for c in claims for m in c.members]
    assert sorted(members) == sorted(f.id for f in figures)
    by_id = {f.id: f for f in figures}
    for c in claims:
        assert c.articles == sorted({by_id[m].article for m in c.members})
        assert (c.status == "single_source") == (len(c.articles) == 1)
        assert (c.note is not None) == (c.status == "conflicting")


def test_words_whose_speaker_one_outlet_gives_only_as_he_are_no_attribution_clash() -> None:
    """ "he said", resolved by guess to another person, accuses no outlet of misattributing."""
    a = make_article(f"“{WORDS},” Mayor Elena Varga said.", "Herald")
    b = make_article(f"Tomas Reyes visited the valley. “{WORDS},” he said.", "Tribune")
    varga, reyes = person("Elena Varga", a), person("Tomas Reyes", b)
    guessed = quote(b, WORDS, reyes)
    guessed.speaker_text = "he"
    story = Story(articles=[a, b], entities=[varga, reyes], quotes=[quote(a, WORDS, varga), guessed])
    [claim] = align_quotes(build_context(story), story.quotes)
    assert claim.status != "conflicting" and not claim.disagreements, claim
