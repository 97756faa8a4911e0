"""Figure finding: number grammar, money, shares, ranges, qualifiers, units, what is not a figure, sources."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.extract._numbers import find_numbers
from storyline.extract.figures import find_figures, mask_non_figures
from storyline.model import Article, Figure, Mention, content_id
from storyline.nlp import load


def figures_of(text: str, mentions: list[Mention] | None = None) -> list[Figure]:
    article = Article(id="a-test", source="test.txt", text=text, published="2026-03-05")
    return find_figures(article, load()(text), mentions or [])


def only(figures: list[Figure]) -> Figure:
    assert len(figures) == 1, [f.text for f in figures]
    return figures[0]


def subject_of(text: str, figure: Figure) -> str | None:
    return text[figure.subject_span[0] : figure.subject_span[1]] if figure.subject_span else None


# counts ---------------------------------------------------------------------


def test_count_in_digits_takes_the_counted_noun_as_unit_and_its_verb_as_measure() -> None:
    figure = only(figures_of("By dawn, 1,240 residents were evacuated from the lower town."))
    assert (figure.text, figure.value, figure.unit, figure.qualifier) == ("1,240", 1240, "residents", "exact")
    assert figure.measure == "residents evacuated"


def test_figure_offsets_cover_its_text_and_id_hashes_them() -> None:
    text = "Crews cleared more than 2,000 tonnes of mud."
    figure = only(figures_of(text))
    assert text[figure.start : figure.end] == figure.text == "more than 2,000 tonnes"
    assert figure.id == content_id("f", "a-test", figure.start, figure.end)


def test_adjectives_between_number_and_noun_are_skipped() -> None:
    figure = only(figures_of("The ferry carried 312 weary passengers home."))
    assert figure.unit == "passengers"


def test_noun_compound_is_kept_in_the_unit() -> None:
    figure = only(figures_of("Six rescue boats reached the island."))
    assert (figure.value, figure.unit) == (6, "rescue boats")


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("Two million people watched the final.", "Two million", 2_000_000),
        ("The club sold a dozen tickets.", "a dozen", 12),
        ("Forty-five volunteers turned up.", "Forty-five", 45),
        ("The estate has two hundred and fifty flats.", "two hundred and fifty", 250),
        ("Officials counted half a million votes.", "half a million", 500_000),
    ],
)
def test_numbers_in_words_are_read(sentence: str, text: str, value: float) -> None:
    figure = only(figures_of(sentence))
    assert (figure.text, figure.value) == (text, value)


def test_plural_vague_numbers_give_the_least_they_allow_as_at_least() -> None:
    found = figures_of("Hundreds of homes flooded and tens of thousands of people lost power.")
    assert [(f.text, f.value, f.unit, f.qualifier) for f in found] == [
        ("Hundreds", 200, "homes", "at_least"),
        ("tens of thousands", 20_000, "people", "at_least"),
    ]


def test_a_dozen_is_a_round_number() -> None:
    assert only(figures_of("The ministry sent a dozen engineers.")).qualifier == "about"


def test_count_per_period_names_the_period_in_the_measure() -> None:
    figure = only(figures_of("Some 40 trucks a day now use the quarry road."))
    assert (figure.value, figure.unit, figure.qualifier) == (40, "trucks", "about")
    assert figure.measure == "trucks per day"


def test_bare_count_takes_the_unit_of_the_count_the_paragraph_names() -> None:
    text = "About 900 people left the valley. The official count of people moved has since risen to 1,100."
    assert [f.unit for f in figures_of(text)] == ["people", "people"]


def test_bare_count_put_at_a_number_counts_what_the_verb_puts_there() -> None:
    text = "Wardens seized 38 nets on the river.\n\nOrganisers estimated the crowd at 70 by noon."
    assert [(f.text, f.unit) for f in figures_of(text)] == [("38", "nets"), ("70", "crowd")]


def test_bare_count_of_a_pronoun_or_paragraphs_after_another_count_takes_no_unit() -> None:
    text = (
        "Wardens seized 38 nets on the river.\n\n"
        "By the evening 45 had been counted at the mill.\n\n"
        'The miller said: "They came in, 40 or 50 of them."'
    )
    units = {f.text: f.unit for f in figures_of(text)}
    assert (units["45"], units["40"]) == (None, None)


@pytest.mark.parametrize(
    "sentence",
    [
        "A magnitude 5.9 earthquake shook the hills above Orsk.",
        "An earthquake of magnitude 5.9 shook the hills above Orsk.",
        "The 5.9-magnitude quake shook the hills above Orsk.",
        "The quake measured 5.9 on the Richter scale, the agency said.",
    ],
)
def test_a_quake_s_magnitude_is_the_unit_however_it_is_written(sentence: str) -> None:
    assert [(f.value, f.unit) for f in figures_of(sentence)] == [(5.9, "magnitude")]


def test_a_bare_count_in_a_sentence_about_the_death_toll_counts_deaths() -> None:
    assert [f.unit for f in figures_of("The death toll from the quake has risen to 31, officials said.")] == [
        "deaths"
    ]


# money, shares, ratios, ranges --------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "text", "value", "unit"),
    [
        ("The repairs will cost $4.5 million.", "$4.5 million", 4_500_000, "USD"),
        ("The council set aside €2.3m for the bridge.", "€2.3m", 2_300_000, "EUR"),
        ("The firm lost £3.2bn last year.", "£3.2bn", 3_200_000_000, "GBP"),
        ("Farmers were promised 450,000 euros.", "450,000 euros", 450_000, "EUR"),
        ("The grant was worth US$8 million.", "US$8 million", 8_000_000, "USD"),
    ],
)
def test_money_takes_its_currency_code_and_scale(sentence: str, text: str, value: float, unit: str) -> None:
    figure = only(figures_of(sentence))
    assert (figure.text, figure.value, figure.unit) == (text, value, unit)


@pytest.mark.parametrize("written", ["17%", "17 per cent", "17 percent"])
def test_percentages_in_every_spelling_have_unit_percent(written: str) -> None:
    figure = only(figures_of(f"Turnout fell by {written} in the north."))
    assert (figure.text, figure.value, figure.unit) == (written, 17, "percent")


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("One in five families lost power.", "One in five", 20),
        ("Nine in ten members backed the strike.", "Nine in ten", 90),
        ("A third of the shops stayed shut.", "A third", 100 / 3),
    ],
)
def test_proportions_are_percentages(sentence: str, text: str, value: float) -> None:
    figure = only(figures_of(sentence))
    assert figure.text == text and figure.unit == "percent"
    assert figure.value == pytest.approx(value, rel=0.01)


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("The river ran three times faster than usual.", "three times", 3),
        ("The new hall holds twice as many people.", "twice", 2),
    ],
)
def test_ratios_have_unit_times(sentence: str, text: str, value: float) -> None:
    figure = only(figures_of(sentence))
    assert (figure.text, figure.value, figure.unit) == (text, value, "times")


@pytest.mark.parametrize(
    ("sentence", "text", "low", "high"),
    [
        ("Between 200 and 300 homes were flooded.", "Between 200 and 300", 200, 300),
        ("The storm felled 200-300 trees.", "200-300", 200, 300),
        ("Repairs will take 4-5 million euros.", "4-5 million euros", 4_000_000, 5_000_000),
    ],
)
def test_ranges_give_lower_value_and_upper_value_max(
    sentence: str, text: str, low: float, high: float
) -> None:
    figure = only(figures_of(sentence))
    assert (figure.text, figure.value, figure.value_max) == (text, low, high)


def test_a_change_from_one_figure_to_another_is_two_figures_not_a_range() -> None:
    found = figures_of("Membership rose from 200 to 300 members.")
    assert [(f.value, f.value_max) for f in found] == [(200, None), (300, None)]


# qualifiers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "qualifier"),
    [
        ("more than", "more_than"),
        ("just over", "more_than"),
        ("in excess of", "more_than"),
        ("fewer than", "less_than"),
        ("under", "less_than"),
        ("about", "about"),
        ("roughly", "about"),
        ("an estimated", "about"),
        ("nearly", "almost"),
        ("just under", "almost"),
        ("up to", "up_to"),
        ("as many as", "up_to"),
        ("at least", "at_least"),
        ("no fewer than", "at_least"),
    ],
)
def test_qualifier_words_are_read_and_kept_in_the_text(words: str, qualifier: str) -> None:
    figure = only(figures_of(f"The shelter took in {words} 150 people overnight."))
    assert (figure.text, figure.value, figure.qualifier) == (f"{words} 150", 150, qualifier)


def test_or_more_after_a_number_means_at_least() -> None:
    assert only(figures_of("Anyone owed 500 euros or more can claim.")).qualifier == "at_least"


def test_plus_after_a_number_means_more_than() -> None:
    figure = only(figures_of("The 2,000-plus residents were moved."))
    assert (figure.value, figure.qualifier, figure.unit) == (2000, "more_than", "residents")


# measurements ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "text", "unit"),
    [
        ("He faces up to 12 years in prison.", "up to 12 years", "years"),
        ("The fire burned 40 hectares of forest.", "40 hectares", "hectares"),
        ("Workers built 12km of new track.", "12km", "km"),
        ("The dam released two million cubic metres of water.", "two million cubic metres", "cubic metres"),
        ("The stoppage will last 48 hours.", "48 hours", "hours"),
    ],
)
def test_units_of_measure_are_named_and_kept_in_the_text(sentence: str, text: str, unit: str) -> None:
    figure = only(figures_of(sentence))
    assert (figure.text, figure.unit) == (text, unit)


def test_m_after_digits_is_millions_for_a_count_and_metres_for_a_length() -> None:
    people, strip = figures_of("Some 12m people live along a 300m strip of coast.")
    assert (people.value, people.unit) == (12_000_000, "people")
    assert (strip.value, strip.unit) == (300, "m")


def test_owner_between_of_and_number_is_not_the_unit() -> None:
    first, second = figures_of("The union represents about 2,600 of the firm's 3,100 workers.")
    assert (first.value, first.unit, second.unit) == (2600, "workers", "workers")


def test_over_a_stretch_of_time_after_a_figure_is_when_not_more_than() -> None:
    money, years = figures_of("Leaders pledged $600bn over five years.")
    assert (years.text, years.qualifier) == ("five years", "exact")
    assert only(figures_of("She has lived there for over five years.")).qualifier == "more_than"


# not figures ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The bridge opened in 2019.",
        "The hearing is on March 3.",
        "The vote was held on 3 March 2026.",
        "Talks resumed at 3:30pm.",
        "The meeting starts at 10am.",
        "Mayor Ortega, 54, spoke first.",
        "A 71-year-old man was rescued.",
        "It was the third day of the strike.",
        "Traffic was diverted onto Route 9.",
        "He was charged under Section 12 of the act.",
        "Call 020 7946 0123 for help.",
        "Read more at www.example.org/page12 today.",
        "The council posted the update as @harbour2026.",
        "The two met in the square.",
        "One of the guards was late.",
        "The review came two days after the flood.",
        "The first results came in 2021-2022.",
        "The bill passed 218-214 in the lower house.",
        "Children aged 5 to 11 can enrol.",
        "The firm is among the top 10 employers.",
        "Page 2 of 3",
        "Why are dockers striking? (5 min read)",
    ],
)
def test_dates_times_ages_ordinals_names_and_furniture_are_not_figures(sentence: str) -> None:
    assert figures_of(sentence) == []


def test_a_count_of_the_year_size_with_a_plural_noun_is_a_figure() -> None:
    figure = only(figures_of("Officials say 2000 people signed the petition."))
    assert (figure.value, figure.unit) == (2000, "people")


# who claims it -------------------------------------------------------------------------


def test_according_to_names_the_subject() -> None:
    text = "About 300 homes lost power, according to Northgrid Energy."
    figure = only(figures_of(text))
    assert subject_of(text, figure) == "Northgrid Energy"


def test_the_subject_of_a_speech_verb_governing_the_figure_is_the_subject() -> None:
    text = "Police chief Anna Berg said 14 officers were hurt."
    assert subject_of(text, only(figures_of(text))) == "Anna Berg"


def test_a_figure_in_a_quote_belongs_to_the_quote_speaker_through_a_pronoun() -> None:
    text = 'Doctor Lena Sato runs the ward.\n\n"We treated 40 patients overnight," she said.'
    assert subject_of(text, only(figures_of(text))) == "Lena Sato"


def test_a_figure_with_no_attribution_has_no_subject() -> None:
    assert only(figures_of("The ferry carried 312 passengers.")).subject_span is None


def test_mentions_given_are_the_names_a_subject_can_be() -> None:
    text = "Officials at the harbour board said 80 jobs would go."
    start = text.index("the harbour board")
    mention = Mention("a-test", start, start + len("the harbour board"), "the harbour board", "ORG")
    figure = only(figures_of(text, [mention]))
    assert subject_of(text, figure) == "the harbour board"


# robustness ------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 ,.-%$€£abcmkt\n")), max_size=60))
def test_number_phrases_always_lie_inside_the_text(text: str) -> None:
    masked = mask_non_figures(text)
    assert len(masked) == len(text)
    for phrase in find_numbers(masked):
        assert 0 <= phrase.start <= phrase.core_start < phrase.core_end <= phrase.end <= len(text)
        assert phrase.value >= 0


# read on real pages: ages, names, furniture and the small words around a number ------


def test_ages_in_words_or_in_thousands_of_years_are_not_figures() -> None:
    text = "Ana Ortega was just nine years old when she first sailed. The oak, 1,500 years old, fell."
    assert figures_of(text) == []


def test_an_age_range_is_not_a_figure() -> None:
    assert figures_of("The survey covered workers between the ages of 18 and 30 in the valley.") == []


def test_decades_later_is_a_date_not_a_figure() -> None:
    assert figures_of("Three decades later, the mill reopened with a new owner.") == []


def test_a_number_word_inside_a_name_is_not_a_figure() -> None:
    figures = figures_of("Ten rare terns were counted on Forty Mile Beach this spring.")
    assert [(f.value, f.unit) for f in figures] == [(10, "terns")]


def test_half_the_is_a_share() -> None:
    figure = only(figures_of("The grant covers only half the cost that families pay."))
    assert (figure.value, figure.unit) == (50, "percent")


def test_a_qualifier_before_an_article_and_money_still_counts() -> None:
    figure = only(figures_of("The deal could bring a payment of up to a $5 million to the town."))
    assert (figure.value, figure.qualifier, figure.text) == (5_000_000, "up_to", "up to a $5 million")


def test_digits_grouped_in_thousands_after_a_name_are_a_count() -> None:
    figures = figures_of("Velmar has recorded about 157,000 cases and Norland 143,600.")
    assert [f.value for f in figures] == [157_000, 143_600]


def test_page_furniture_and_numbered_stages_are_not_figures() -> None:
    assert figures_of("Pictures of the week\n\nShow all 12\n\nThe second phase, 2, opened at noon.") == []


def test_a_year_cut_to_two_digits_is_not_a_figure() -> None:
    assert figures_of("The club has not won the cup since ’88, the manager said.") == []


def test_one_counts_a_stretch_of_time_but_not_a_person() -> None:
    figures = figures_of(
        "The judge gave him three years and one year to run concurrently. One resident wept."
    )
    assert [(f.value, f.unit) for f in figures] == [(3, "years"), (1, "years")]


def test_a_range_in_words_counts_the_noun_after_its_upper_end() -> None:
    figure = only(figures_of("A guard noticed him after six to seven minutes in the hall."))
    assert (figure.value, figure.value_max, figure.unit) == (6, 7, "minutes")


def test_hundred_written_once_scales_both_ends_of_a_range() -> None:
    figure = only(figures_of("Between two and three hundred people marched to the dam."))
    assert (figure.value, figure.value_max) == (200, 300)


# numbers and units joined by hyphens ------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "text", "value", "unit"),
    [
        ("Robbers made off with $137-million of diamonds.", "$137-million", 137_000_000, "USD"),
        ("They took a two-million-euro haul from the shop.", "two-million-euro", 2_000_000, "EUR"),
        ("Paris hit by 2 mn-euro jewelry heist", "2 mn-euro", 2_000_000, "EUR"),
    ],
)
def test_a_scale_or_currency_joined_by_a_hyphen_is_part_of_the_figure(
    sentence: str, text: str, value: float, unit: str
) -> None:
    figure = only(figures_of(sentence))
    assert (figure.text, figure.value, figure.unit) == (text, value, unit)


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("The team built an 18-point halftime lead.", "points"),
        ("Tennant was a 28-year veteran of the force.", "years"),
        ("She is serving a 90-day sentence.", "days"),
    ],
)
def test_a_word_joined_to_the_number_by_a_hyphen_is_its_unit(sentence: str, unit: str) -> None:
    assert only(figures_of(sentence)).unit == unit


def test_the_noun_after_a_hyphenated_unit_is_what_the_figure_describes() -> None:
    figure = only(figures_of("The team built an 18-point halftime lead."))
    assert figure.measure is not None and figure.measure.startswith("halftime lead")


def test_a_measure_never_runs_into_the_next_paragraph() -> None:
    found = figures_of("Paris hit by 2 mn-euro jewelry heist\n\nPolice said the men fled.")
    assert found and all("\n" not in (f.measure or "") for f in found)


def test_a_run_of_hundreds_of_digits_is_not_a_figure_and_does_not_stop_extraction() -> None:
    """Found by fuzzing: such a run overflowed a float and lost the whole article's facts."""
    from storyline.extract import extract_article
    from storyline.model import Article
    from storyline.nlp import load

    text = "The council counted " + "9" * 400 + " ballots on Monday, and 12 people were hurt, officials said."
    annotations = extract_article(Article(id="a-digits", source="t.txt", text=text), load()(text))
    assert [f.value for f in annotations.figures] == [12]


# real-text kinds: what looks like a count and is not, and counts written out ----------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The thieves drove a four-by-four truck through the gate.",
        'The attack used a "zero day" weakness in the software.',
        "The patch covers versions V6 to 10 of the reader.",
        "Attacks on V8 and 9 were reported first.",
        "The club earned the No. 3 seed for the playoffs.",
        "She was 88. Her family was with her.",
        "The striker ran to the 5-yard line before he fell.",
        "The crew landed at 0900 GMT on Monday.",
        "The visitors fell to 0-12 after the defeat.",
        "FIVE MORE CLUBS OUT The league lost more members.",
    ],
)
def test_dimensions_terms_codes_seeds_ages_positions_and_records_are_not_figures(sentence: str) -> None:
    assert figures_of(sentence) == []


def test_a_vague_plural_after_a_number_is_the_counted_noun() -> None:
    figures = figures_of("The rookie caught 30 passes and three scores.")
    assert [(f.value, f.unit) for f in figures] == [(30, "passes"), (3, "scores")]
    assert only(figures_of("The fire destroyed scores of homes.")).value == 40


def test_a_measure_converted_in_brackets_is_one_figure() -> None:
    figure = only(figures_of("The pipeline is 1,200 kilometres (746 miles) long."))
    assert (figure.value, figure.unit) == (1200, "km")
    money = figures_of("The prize was 2 million euros ($2.2 million).")
    assert [f.unit for f in money] == ["EUR", "USD"]


@pytest.mark.parametrize(
    ("sentence", "text", "value", "unit"),
    [
        ("He spent four and a half months in custody.", "four and a half months", 4.5, "months"),
        ("They spoke for about half an hour.", "about half an hour", 0.5, "hours"),
        ("She finished with a pair of goals.", "a pair", 2, "goals"),
        ("One of her three dogs ran off.", "three dogs", 3, "dogs"),
        ("He stayed for all four years of the course.", "four years", 4, "years"),
        ("The other two boats sank.", "two boats", 2, "boats"),
    ],
)
def test_counts_in_words_after_a_possessive_and_halves_are_read(
    sentence: str, text: str, value: float, unit: str
) -> None:
    figure = only(figures_of(sentence))
    assert (figure.value, figure.unit) == (value, unit)
    assert text.startswith(figure.text) or figure.text.startswith(text)


def test_a_number_standing_alone_after_all_or_other_is_a_group() -> None:
    assert figures_of("All three were closed, and the other two stayed open.") == []


@pytest.mark.parametrize(
    ("sentence", "measure"),
    [
        ("The new bridge is 900 metres long.", "bridge length"),
        ("Thieves took paintings worth 40 million euros.", "paintings"),
        ("She studied there for three years of her degree.", "years of her degree"),
        ("He was jailed for 18 months.", "months jail"),
    ],
)
def test_the_measure_says_what_is_measured(sentence: str, measure: str) -> None:
    assert only(figures_of(sentence)).measure == measure


def test_a_light_verb_is_never_the_measure() -> None:
    assert only(figures_of("Last week he had only 12 yards.")).measure == "yards"


@pytest.mark.parametrize(
    "sentence",
    [
        "Former harbour master dead at 91",
        "The old bandleader died in hospital at 84 on Sunday.",
        "The scheme began in the early nineteen sixties.",
        "The keeper finished 21-of-30 on the day.",
        "The flaw affects Reader 8 and 9 on older machines.",
        "The update covers Reader 7, 8 and 9.",
    ],
)
def test_ages_at_death_decades_in_words_rates_and_listed_versions_are_not_figures(sentence: str) -> None:
    assert figures_of(sentence) == []


def test_a_count_after_a_listed_version_is_still_a_count() -> None:
    figure = only(figures_of("Works were done on Route 9 and 12 houses were rebuilt."))
    assert (figure.value, figure.unit) == (12, "houses")


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("He is serving a five-year term.", 5, "years"),
        ("She has trained hard the last two weeks.", 2, "weeks"),
        ("The line stays shut for the next three days.", 3, "days"),
    ],
)
def test_stretches_of_time_in_words_are_figures(sentence: str, value: float, unit: str) -> None:
    figure = only(figures_of(sentence))
    assert (figure.value, figure.unit) == (value, unit)


def test_last_or_this_week_alone_is_a_date() -> None:
    assert figures_of("Sales fell last week and rose this week.") == []


def test_a_plural_the_tagger_read_as_a_verb_still_ends_the_counted_noun() -> None:
    figure = only(figures_of("The firm had to redo three of its safety checks after the audit."))
    assert figure.unit.endswith("checks")


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("The ferry captain was sentenced to 2 1/2 years in prison.", 2.5, "years"),
        ("The rescue took about 3 1/2 hours in heavy seas.", 3.5, "hours"),
    ],
)
def test_a_whole_number_with_a_fraction_after_it_is_one_value(sentence: str, value: float, unit: str) -> None:
    figure = only(figures_of(sentence))
    assert figure.value == value and figure.unit == unit, figure
    assert figure.text.endswith(("1/2 years", "1/2 hours"))


@pytest.mark.parametrize(
    "sentence",
    [
        "The ferry left at 11.30 p. m. local time.",
        "Lights went out at 2 A. M. on the pier.",
        "The next council vote is three weeks away.",
        "The alarm sounded just 13 minutes after the shift ended.",
        "The guard finished 6-for-15 from the field.",
        "The visitors broke open a 12-all game late on.",
    ],
)
def test_spaced_clock_times_spans_that_place_an_event_shooting_lines_and_ties_are_not_figures(
    sentence: str,
) -> None:
    assert figures_of(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "A ferryman met his daughter, 11, at the quay.",
        "The court heard from Dana Vale, 48-a former tenant of the flat.",
        "Marco Reyes, who was 19 at the time, drove the van.",
    ],
)
def test_an_age_after_a_word_for_a_person_a_dash_or_a_relative_clause_is_not_a_figure(sentence: str) -> None:
    assert figures_of(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The patch covers only the 64-bit editions.",
        "Attackers used a zero-day hole in the reader.",
        "The note was tucked into page twenty of the ledger.",
        "The Hawks lost in week 15, a defeat that ended their run.",
        "The Owls slipped to 14-16.",
        "They shot well for the night (24-51) and won.",
    ],
)
def test_word_sizes_unnumbered_kinds_numbered_pages_and_weeks_and_bare_records_are_not_figures(
    sentence: str,
) -> None:
    assert figures_of(sentence) == []


def test_a_number_before_a_weekday_is_still_a_count() -> None:
    assert only(figures_of("The centre scored 31 Friday night.")).value == 31


def test_a_hyphenated_range_with_a_unit_is_still_a_range() -> None:
    figure = only(figures_of("Repairs will take 6-8 weeks."))
    assert (figure.value, figure.value_max, figure.unit) == (6, 8, "weeks")


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("Divers found 14 9-mm cartridges in the canal.", 14, "cartridges"),
        ("She has thrown nine match-winning passes this year.", 9, "passes"),
        ("A 30 second delay followed the blast.", 30, "seconds"),
    ],
)
def test_the_unit_skips_a_hyphenated_modifier_and_reads_a_unit_taken_for_an_ordinal(
    sentence: str, value: float, unit: str
) -> None:
    figure = next(f for f in figures_of(sentence) if f.value == value)
    assert figure.unit == unit


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("It took another five years to finish the tunnel.", 5, "years"),
        ("Her three FIFA tournaments ended early.", 3, "tournaments"),
    ],
)
def test_another_and_a_possessive_count_the_noun_after_a_name(sentence: str, value: float, unit: str) -> None:
    figure = only(figures_of(sentence))
    assert (figure.value, figure.unit) == (value, unit)


def test_another_alone_is_still_a_group() -> None:
    assert figures_of("The guards left, and another two stayed behind.") == []


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("The verdict came from a 9 woman, 3 man panel.", 9, "women"),
        ("The verdict came from a 9 woman, 3 man panel.", 3, "men"),
        ("They joined a 16 team league last spring.", 16, "teams"),
        ("The app reached 40 retailers' shelves by June.", 40, "retailers"),
    ],
)
def test_a_count_written_in_the_singular_before_a_noun_counts_its_first_noun_in_the_plural(
    sentence: str, value: float, unit: str
) -> None:
    figure = next(f for f in figures_of(sentence) if f.value == value)
    assert figure.unit == unit


@pytest.mark.parametrize(
    "sentence",
    [
        "The bodies were found at 24 Harbour Street on Monday.",
        "A neighbour called 911 at once.",
        "The 999 call came in just after dawn.",
        "The victims, who were 57 and 43 years old, lived nearby.",
        "The quarterback completed 21 of 30 passes.",
        "She hit a 3-pointer from the corner.",
        "He scored from three-point range in the second half.",
        "The Hawks ended with a 3-13 record.",
        "It was a 27-3 Nov. 2 win at home.",
        "The Owls (2-13,1-7 away) travel next.",
        "He returned a pick-six in the third quarter.",
        "Nora Vale, 31 and from Leeds, was charged.",
    ],
)
def test_addresses_emergency_numbers_listed_ages_passing_lines_shot_kinds_and_records_are_not_figures(
    sentence: str,
) -> None:
    assert figures_of(sentence) == []


def test_a_parent_of_a_number_counts_children() -> None:
    figure = only(figures_of("The court heard that the victim was a mother of 9."))
    assert (figure.value, figure.unit) == (9, "children")


def test_a_count_of_the_last_few_counts_the_noun_after_them() -> None:
    figure = next(f for f in figures_of("The team has lost four of its last five games.") if f.value == 4)
    assert figure.unit == "games"


def test_a_number_before_in_and_a_year_is_still_read() -> None:
    figure = only(figures_of("The old mark was set when Rowe had 38 in 1994."))
    assert figure.value == 38


def test_a_weekday_after_a_number_is_not_its_unit() -> None:
    figure = only(figures_of("The forward scored 26 Tuesday night against the Owls."))
    assert (figure.value, figure.unit) == (26, None)


@pytest.mark.parametrize(
    "sentence",
    [
        "Windows 8, due out soon, ships with the fix.",
        "Helen Marsh was 81, the local paper reported.",
        "The Hawks had a first down on the 6 with 20 seconds left.",
        "The punt pinned them back at their own 9, and the drive stalled.",
    ],
)
def test_a_name_opening_a_sentence_a_reported_age_and_a_place_on_a_field_are_not_figures(
    sentence: str,
) -> None:
    assert [f for f in figures_of(sentence) if f.unit != "seconds"] == []


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("The board had to reissue three of its safety notices only days later.", 3, "notices"),
        ("The injury brings to 9 the number of Hawks players on the list.", 9, "players"),
    ],
)
def test_a_plural_before_an_adverb_and_a_counting_phrase_through_a_name_give_the_unit(
    sentence: str, value: float, unit: str
) -> None:
    figure = next(f for f in figures_of(sentence) if f.value == value)
    assert figure.unit is not None and figure.unit.endswith(unit)


def test_a_size_joined_by_a_times_sign_and_a_record_before_a_team_name_are_not_figures() -> None:
    assert figures_of("The gang drove a 4×4 truck through the gate.") == []
    assert figures_of("The 12-19 Falcons missed a late shot.") == []


def test_a_hyphenated_count_of_men_is_given_in_the_plural() -> None:
    figure = only(figures_of("He was cut from the 53-man roster on Monday."))
    assert figure.unit == "men"


def test_a_fraction_word_counted_past_one_whole_is_a_count_of_periods() -> None:
    figure = only(figures_of("The Owls scored their first goal in seven quarters of play."))
    assert (figure.value, figure.unit) == (7, "quarters")


@pytest.mark.parametrize(
    ("sentence", "value", "qualifier"),
    [
        ("After nearly a quarter-century in office, she stepped down.", 25, "almost"),
        ("The dispute ran for half a century.", 50, "exact"),
    ],
)
def test_a_share_of_a_century_is_a_stretch_of_years(sentence: str, value: float, qualifier: str) -> None:
    figure = only(figures_of(sentence))
    assert (figure.value, figure.unit, figure.qualifier) == (value, "years", qualifier)


def test_a_quarter_of_people_is_still_a_share() -> None:
    figure = only(figures_of("A quarter of the residents left."))
    assert (figure.value, figure.unit) == (25, "percent")


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("A halibut can grow to 400 pounds.", "pounds"),
        ("Agents seized 12 pounds of heroin.", "pounds"),
        ("The guard was a 290-pound lineman.", "pounds"),
        ("Thieves took gems worth 60 million pounds.", "GBP"),
        ("They raised 30-foot-tall masts.", "feet"),
    ],
)
def test_pounds_weigh_after_weighing_before_of_or_in_a_hyphen_and_a_foot_is_feet(
    sentence: str, unit: str
) -> None:
    assert only(figures_of(sentence)).unit == unit


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("She faces three counts of fraud and one count of theft.", "count"),
        ("Four people died and one person was hurt.", "person"),
    ],
)
def test_one_after_a_count_of_the_same_noun_in_its_sentence_is_a_count(sentence: str, unit: str) -> None:
    figure = next(f for f in figures_of(sentence) if f.value == 1)
    assert figure.unit == unit


def test_one_alone_is_still_no_count() -> None:
    assert figures_of("One of the guards was late.") == []


def test_a_wait_measured_before_something_happened_is_a_figure() -> None:
    figure = only(figures_of("It was twenty two years before she spoke of it."))
    assert (figure.value, figure.unit) == (22, "years")
    assert figures_of("The storm came two days before the vote.") == []


def test_a_margin_in_words_is_a_figure() -> None:
    assert only(figures_of("The Owls moved ahead by nine with a minute to go.")).value == 9


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("The Herons extended their six-game winning streak on Friday.", 6, "games"),
        ("The agency keeps its four-step rating scale for such flaws.", 4, "steps"),
        ("The three-day strike closed the port.", 3, "days"),
        ("She is a two-time winner of the regional cup.", 2, "times"),
    ],
)
def test_a_number_in_words_glued_to_a_noun_counts_it_after_any_determiner(
    sentence: str, value: float, unit: str
) -> None:
    figure = only(figures_of(sentence))
    assert (figure.value, figure.unit) == (value, unit)


def test_a_participle_between_a_number_in_words_and_its_plural_noun_is_skipped() -> None:
    figure = only(figures_of("Customs officers found seven stolen bicycles in the van."))
    assert (figure.value, figure.unit) == (7, "bicycles")


def test_a_number_after_whose_counts_the_noun_after_it() -> None:
    figure = only(figures_of("The Otters, whose four defeats all came away from home, play tonight."))
    assert (figure.value, figure.unit) == (4, "defeats")


@pytest.mark.parametrize("sentence", ["The Otters lost three straight.", "The Otters won three in a row."])
def test_a_run_in_words_with_no_noun_is_a_figure(sentence: str) -> None:
    assert only(figures_of(sentence)).value == 3


def test_a_won_or_lost_run_counts_games_and_borrows_no_unit_from_the_count_before() -> None:
    figures = figures_of("Lund scored 20 points, and the Otters have now won four in a row.")
    assert [(f.value, f.unit) for f in figures] == [(20, "points"), (4, "games")]
    other = figures_of("Lund scored 20 points, and she has now hit the crossbar three in a row.")
    assert [(f.value, f.unit) for f in other] == [(20, "points"), (3, None)]


def test_a_seed_is_a_place_in_a_draw_not_a_count() -> None:
    assert figures_of("The Otters enter the tournament as the four seed.") == []


def test_a_dash_typed_as_two_hyphens_leaves_the_unit_and_the_number_after_it_alone() -> None:
    figures = figures_of("Ines Lund now has 1,210 points--14 more than Mia Berg.")
    assert [(f.value, f.unit) for f in figures] == [(1210, "points"), (14, "points")]


def test_a_score_written_with_two_hyphens_is_no_figure() -> None:
    assert figures_of("The Otters were ahead 3--2 at the break.") == []


def test_a_plural_joined_by_a_hyphen_to_the_next_word_is_still_the_unit() -> None:
    figure = figures_of("She finished with 3,020 yards-beating the record set last year.")[0]
    assert (figure.value, figure.unit) == (3020, "yards")


def test_part_of_a_count_just_before_it_takes_that_counts_unit() -> None:
    figures = figures_of("The home side conceded 410 yards, 260 of them in the second half.")
    assert [(f.value, f.unit) for f in figures] == [(410, "yards"), (260, "yards")]


def test_part_of_them_with_no_count_before_it_has_no_unit() -> None:
    figure = only(figures_of("Then 40 of them walked out."))
    assert figure.unit is None


def test_half_a_kilometre_is_a_measure() -> None:
    figure = only(figures_of("The climber fell over half a kilometre from the ridge."))
    assert (figure.value, figure.unit, figure.qualifier) == (0.5, "km", "more_than")


def test_a_plural_the_tagger_reads_as_a_verb_after_a_number_is_still_its_unit() -> None:
    figures = figures_of("She caught 39 passes for 302 yards last season.")
    assert [(f.value, f.unit) for f in figures][:2] == [(39, "passes"), (302, "yards")]


def test_a_participle_between_a_number_and_its_plural_is_skipped_whatever_it_hangs_on() -> None:
    figures = figures_of("She has 548 rushing yards, 28 receptions and 258 receiving yards this season.")
    assert [(f.value, f.unit) for f in figures] == [(548, "yards"), (28, "receptions"), (258, "yards")]


def test_about_one_is_a_preposition_before_one_not_a_rounded_count() -> None:
    assert figures_of("The coach said it was never about one player.") == []


def test_the_second_half_of_a_match_is_no_share() -> None:
    figures = figures_of("They scored twice in the second half and lost half the season to injury.")
    assert [(f.text, f.value) for f in figures if f.unit == "percent"] == [("half", 50)]


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("Police said the two incidents were not related.", "incidents"),
        ("These three circuits carry most of the traffic.", "circuits"),
        ("The two Harbour Gazette reporters broke the story.", "reporters"),
    ],
)
def test_a_number_in_words_after_the_counts_the_noun_after_it(sentence: str, unit: str) -> None:
    figure = only(figures_of(sentence))
    assert (figure.value, figure.unit) == (figure.value, unit)
    assert figure.value in (2, 3)


@pytest.mark.parametrize("sentence", ["The two were arrested at dawn.", "Those three left before the vote."])
def test_a_number_in_words_after_the_with_no_noun_is_a_group(sentence: str) -> None:
    assert figures_of(sentence) == []


def test_zero_before_a_singular_noun_is_a_term_not_a_count() -> None:
    figures = figures_of("The zero day flaw caused zero deaths.")
    assert [(f.value, f.unit) for f in figures] == [(0, "deaths")]


def test_for_decades_is_at_least_twenty_years_and_other_decades_are_not_counted() -> None:
    figure = only(figures_of("The family ran the harbour for decades. The decades-old feud ended."))
    assert (figure.text, figure.value, figure.unit, figure.qualifier) == ("decades", 20, "years", "at_least")
