"""Date resolution: absolute dates, relative phrases, tense, weeks, and what cannot be placed."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.extract.dates import resolve_date

# Thursday 5 March 2026
PUBLISHED = "2026-03-05"


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("3 March 2026", ("2026-03-03", "day")),
        ("on 2 March", ("2026-03-02", "day")),
        ("March 2", ("2026-03-02", "day")),
        ("Tuesday 3rd March", ("2026-03-03", "day")),
        ("the 3rd of March", ("2026-03-03", "day")),
        ("Feb. 11, 2026", ("2026-02-11", "day")),
        ("2026-02-11", ("2026-02-11", "day")),
        ("March 2026", ("2026-03", "month")),
        ("in 2019", ("2019", "year")),
    ],
)
def test_absolute_dates_resolve_at_the_granularity_they_state(phrase: str, expected: tuple[str, str]) -> None:
    assert resolve_date(phrase, PUBLISHED) == expected


def test_a_day_and_month_without_year_takes_the_year_nearest_publication() -> None:
    assert resolve_date("December 28", "2026-01-04") == ("2025-12-28", "day")
    assert resolve_date("January 3", "2025-12-30") == ("2026-01-03", "day")


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("yesterday", "2026-03-04"),
        ("last night", "2026-03-04"),
        ("today", "2026-03-05"),
        ("this morning", "2026-03-05"),
        ("tomorrow", "2026-03-06"),
        ("two days ago", "2026-03-03"),
        ("a fortnight ago", "2026-02-19"),
        ("three weeks ago", "2026-02-12"),
    ],
)
def test_relative_days_count_from_publication(phrase: str, expected: str) -> None:
    assert resolve_date(phrase, PUBLISHED) == (expected, "day")


def test_a_bare_weekday_is_the_latest_one_on_or_before_publication() -> None:
    assert resolve_date("Monday", PUBLISHED) == ("2026-03-02", "day")
    assert resolve_date("on Thursday", PUBLISHED) == ("2026-03-05", "day")
    assert resolve_date("Friday", PUBLISHED) == ("2026-02-27", "day")
    assert resolve_date("Tuesday night", PUBLISHED) == ("2026-03-03", "day")


def test_a_weekday_in_a_clause_that_looks_ahead_is_the_next_one() -> None:
    assert resolve_date("Monday", PUBLISHED, future=True) == ("2026-03-09", "day")
    assert resolve_date("Friday", PUBLISHED, future=True) == ("2026-03-06", "day")


def test_last_and_next_weekday() -> None:
    assert resolve_date("last Thursday", PUBLISHED) == ("2026-02-26", "day")
    assert resolve_date("next Tuesday", PUBLISHED) == ("2026-03-10", "day")


def test_weeks_resolve_to_the_month_holding_most_of_the_week() -> None:
    assert resolve_date("this week", PUBLISHED) == ("2026-03", "week")
    assert resolve_date("last week", PUBLISHED) == ("2026-02", "week")
    assert resolve_date("next week", PUBLISHED) == ("2026-03", "week")
    # the week of Monday 2 February to Sunday 8 February, seen from Monday 9 February
    assert resolve_date("last week", "2026-02-09") == ("2026-02", "week")


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("this month", ("2026-03", "month")),
        ("earlier this month", ("2026-03", "month")),
        ("last month", ("2026-02", "month")),
        ("two months ago", ("2026-01", "month")),
        ("last year", ("2025", "year")),
        ("earlier this year", ("2026", "year")),
        ("late last year", ("2025", "year")),
        ("last autumn", ("2025", "year")),
    ],
)
def test_relative_months_and_years(phrase: str, expected: tuple[str, str]) -> None:
    assert resolve_date(phrase, PUBLISHED) == expected


def test_a_month_without_a_year_looks_back_unless_the_clause_looks_ahead() -> None:
    assert resolve_date("in December", PUBLISHED) == ("2025-12", "month")
    assert resolve_date("in December", PUBLISHED, future=True) == ("2026-12", "month")
    assert resolve_date("the end of June", PUBLISHED, future=True) == ("2026-06", "month")
    assert resolve_date("mid-February", PUBLISHED) == ("2026-02", "month")


def test_an_offset_counts_from_the_anchor_date_of_its_sentence() -> None:
    assert resolve_date("two days later", PUBLISHED, anchor="2026-03-02") == ("2026-03-04", "day")
    # "two days after X" dates X, two days before the anchor
    assert resolve_date("two days after", PUBLISHED, anchor="2026-03-04") == ("2026-03-02", "day")
    assert resolve_date("two days after", PUBLISHED) == (None, "unknown")


@pytest.mark.parametrize(
    "phrase", ["recently", "in recent weeks", "in the past", "three days", "54", "the 1990s"]
)
def test_phrases_no_calendar_can_place_give_none(phrase: str) -> None:
    assert resolve_date(phrase, PUBLISHED) == (None, "unknown")


@pytest.mark.parametrize(
    "phrase", ["Monday", "yesterday", "last week", "March 2", "in December", "this year"]
)
def test_relative_phrases_without_a_publication_date_give_none(phrase: str) -> None:
    assert resolve_date(phrase, None) == (None, "unknown")


def test_absolute_dates_need_no_publication_date() -> None:
    assert resolve_date("3 March 2026", None) == ("2026-03-03", "day")
    assert resolve_date("in 2019", None) == ("2019", "year")


WORDS = "on last next this Monday March 3 2026 week ago two days in the".split()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5))
def test_any_phrase_gives_a_well_formed_answer_near_publication_or_a_stated_year(words: list[str]) -> None:
    date, granularity = resolve_date(" ".join(words), PUBLISHED)
    assert granularity in ("day", "week", "month", "year", "unknown")
    if date is None:
        assert granularity == "unknown"
        return
    assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", date)
    assert 2024 <= int(date[:4]) <= 2027 or date[:4] in words


def test_a_weekday_ahead_that_is_the_day_of_publication_is_that_day() -> None:
    assert resolve_date("Thursday", PUBLISHED, future=True) == ("2026-03-05", "day")
    assert resolve_date("next Thursday", PUBLISHED, future=True) == ("2026-03-12", "day")


def test_a_decade_is_not_a_year() -> None:
    assert resolve_date("the 2000s", PUBLISHED) == (None, "unknown")
    assert resolve_date("the 1990's", PUBLISHED) == (None, "unknown")


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("the coast Monday", ("2026-03-02", "day")),
        ("coming Sunday", ("2026-03-08", "day")),
        ("past Tuesday", ("2026-03-03", "day")),
        ("a few days ago", ("2026-03-02", "day")),
        ("a couple of weeks from now", ("2026-03-19", "day")),
        ("the previous month", ("2026-02", "month")),
        ("later today", ("2026-03-05", "day")),
    ],
)
def test_relative_phrases_in_other_words_and_vague_counts(phrase: str, expected: tuple[str, str]) -> None:
    assert resolve_date(phrase, PUBLISHED) == expected
