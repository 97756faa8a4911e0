"""Event finding: dated sentences, tense, clauses with their own dates, summaries, non-events."""

from __future__ import annotations

from storyline.extract.events import find_events
from storyline.model import Article, Event, Mention, content_id
from storyline.nlp import load

# Thursday 5 March 2026
PUBLISHED = "2026-03-05"


def events_of(
    text: str, mentions: list[Mention] | None = None, published: str | None = PUBLISHED
) -> list[Event]:
    article = Article(id="a-test", source="test.txt", text=text, published=published)
    return find_events(article, load()(text), mentions or [])


def only(events: list[Event]) -> Event:
    assert len(events) == 1, [(e.date_text, e.summary) for e in events]
    return events[0]


def test_a_sentence_with_a_dated_action_is_one_event_spanning_the_sentence() -> None:
    text = "Rain fell all week.\n\nThe council closed the harbour road on Monday."
    event = only(events_of(text))
    assert text[event.start : event.end] == "The council closed the harbour road on Monday."
    assert (event.date_text, event.date) == ("Monday", "2026-03-02")
    assert event.id == content_id("v", "a-test", event.start, event.end)


def test_date_text_drops_the_leading_preposition() -> None:
    event = only(events_of("The bridge reopened on 2 March after repairs."))
    assert (event.date_text, event.date) == ("2 March", "2026-03-02")


def test_a_clause_that_looks_ahead_takes_the_next_weekday() -> None:
    assert only(events_of("Talks will resume on Tuesday.")).date == "2026-03-10"
    assert only(events_of("The first stoppage is due to begin on Monday.")).date == "2026-03-09"
    assert only(events_of("She said the ferry would sail on Saturday.")).date == "2026-03-07"


def test_relative_phrases_resolve_against_publication() -> None:
    text = "Engineers inspected the wall yesterday. The mayor visited the site last week."
    assert [(e.date_text, e.date) for e in events_of(text)] == [
        ("yesterday", "2026-03-04"),
        ("last week", "2026-02"),
    ]


def test_an_action_said_to_be_recent_is_an_event_without_a_date() -> None:
    event = only(events_of("The union has recently threatened further walkouts."))
    assert (event.date_text, event.date) == ("recently", None)


def test_without_a_publication_date_relative_dates_are_none_but_the_event_stays() -> None:
    event = only(events_of("Officials met on Monday to discuss the dam.", published=None))
    assert (event.date_text, event.date) == ("Monday", None)


def test_a_clause_with_its_own_date_gives_a_second_event() -> None:
    text = "Members first reported the leak in 2024, the union leader said on Wednesday."
    found = events_of(text)
    assert [(e.date_text, e.date) for e in found] == [("Wednesday", "2026-03-04"), ("2024", "2024")]
    assert text[found[1].start : found[1].end].startswith("Members first reported the leak in 2024")


def test_two_days_after_dates_the_clause_it_introduces_from_the_main_date() -> None:
    text = "The minister ordered an inquiry on Wednesday, two days after residents were evacuated."
    dates = {e.date_text: e.date for e in events_of(text)}
    assert dates == {"Wednesday": "2026-03-04", "two days after": "2026-03-02"}


def test_datelines_and_bylines_are_not_events() -> None:
    text = "By Ana Reyes\n5 March 2026\n\nThe harbour froze on Tuesday."
    assert [e.date_text for e in events_of(text)] == ["Tuesday"]


def test_a_duration_or_an_age_is_not_a_date() -> None:
    assert events_of("The strike lasted three days. Reyes, 54, chairs the board.") == []


def test_a_capitalised_month_is_a_date_but_may_the_verb_is_not() -> None:
    assert events_of("The committee may publish its report soon.") == []
    assert only(events_of("The committee published its report in May.")).date == "2025-05"


def test_short_sentence_is_its_own_summary() -> None:
    text = "Crews restored power to the valley on Sunday."
    assert only(events_of(text)).summary == text


def test_long_sentence_is_summarised_to_its_main_clause() -> None:
    text = (
        "The regional council, which has faced criticism from residents, farmers and two opposition "
        "parties for months over its handling of the floods that swept the valley, approved a new "
        "budget for flood defences on Tuesday after a heated four-hour debate in the chamber."
    )
    summary = only(events_of(text)).summary
    assert len(summary.split()) <= 27
    assert "approved" in summary and "council" in summary


def test_entity_spans_are_the_mentions_inside_the_sentence() -> None:
    text = "Ana Reyes spoke first. Reyes met Tom Kerr in Lisbon on Friday."
    mentions = [
        Mention("a-test", 0, 9, "Ana Reyes", "PERSON"),
        Mention("a-test", 23, 28, "Reyes", "PERSON"),
        Mention("a-test", 33, 41, "Tom Kerr", "PERSON"),
    ]
    event = only(events_of(text, mentions))
    assert event.entity_spans == [(23, 28), (33, 41)]


def test_entity_spans_fall_back_on_the_tagger_without_mentions() -> None:
    text = "Police in Lisbon arrested Tom Kerr on Friday."
    event = only(events_of(text))
    names = {text[a:b] for a, b in event.entity_spans}
    assert "Tom Kerr" in names


# read on real pages -----------------------------------------------------------------


def test_a_weekday_ahead_on_the_day_of_publication_is_that_day() -> None:
    assert only(events_of("The minister flies to Lisbon later on Thursday.")).date == "2026-03-05"


def test_until_and_ahead_of_point_past_the_time_of_writing_unless_the_clause_is_past() -> None:
    assert only(events_of("The hearing has been postponed until July.")).date == "2026-07"
    assert only(events_of("Talks stalled ahead of Tuesday's vote on the budget.")).date == "2026-03-10"
    assert only(events_of("The harbour road stayed shut until July.")).date == "2025-07"


def test_an_upcoming_event_in_a_month_is_this_years() -> None:
    text = "Officials are preparing for the upcoming trade fair in June."
    assert only(events_of(text)).date == "2026-06"


def test_a_forecast_dates_what_it_forecasts() -> None:
    assert only(events_of("The weather agency forecast heavy rain on the coast Monday.")).date == "2026-03-09"


def test_a_possessive_date_is_not_read_ahead_from_a_present_verb() -> None:
    assert only(events_of("Tuesday's vote leaves the council without a budget.")).date == "2026-03-03"


def test_date_words_inside_names_are_not_dates() -> None:
    text = (
        "She told Channel 9's Today programme the plan was sound. "
        "Candidates toured the Super Tuesday states by bus. "
        "The port is regulated under the Harbour Safety Act of 1962."
    )
    assert events_of(text) == []


def test_a_decade_is_not_a_date() -> None:
    assert events_of("Rents along the river were far lower in the 2000's than they are now.") == []


def test_a_month_takes_the_year_its_sentence_names() -> None:
    event = only(events_of("After a dry summer in 2011, the paper mill closed in mid-August."))
    assert (event.date_text, event.date) == ("mid-August", "2011-08")


def test_a_day_without_a_year_follows_the_day_dated_in_full_just_before_it() -> None:
    text = (
        "The bridge opened on March 2, 2019, after years of delay.\n\nIt flooded on March 20 after a storm."
    )
    assert [e.date for e in events_of(text)] == ["2019-03-02", "2019-03-20"]
