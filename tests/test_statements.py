"""Statements read from the parse: what a sentence asserts, whether it denies or hedges it, who says it."""

from __future__ import annotations

from storyline import nlp
from storyline.extract import extract_article
from storyline.model import Article, content_id


def statements_of(text: str) -> list:
    article = Article(id=content_id("a", text), source="t.txt", text=text)
    return extract_article(article, nlp.parse_one(text)).statements


def test_each_asserting_sentence_is_one_statement_with_offsets_into_the_text() -> None:
    text = "The council closed the bridge on Monday.\n\nWill it reopen soon?\n\nFlood news"
    found = statements_of(text)
    assert [s.text for s in found] == ["The council closed the bridge on Monday."]
    assert all(text[s.start : s.end] == s.text for s in found)
    assert found[0].predicate == "close"


def test_denied_and_hedged_statements_are_marked() -> None:
    denied, hedged, plain = statements_of(
        "The dam had not been inspected since 2019.\n\n"
        "The driver allegedly ignored a red signal at the crossing.\n\n"
        "The driver ignored a red signal at the crossing."
    )
    assert denied.negated and not denied.hedged
    assert hedged.hedged and not hedged.negated
    assert not plain.hedged and not plain.negated


def test_a_rank_written_no_and_a_number_is_no_denial() -> None:
    rank, denial = statements_of(
        "The Kell Otters will play No. 5 seed Anselm on Saturday in the semifinal.\n\n"
        "No one was hurt when the ferry ran aground off Kell on Monday."
    )
    assert not rank.negated
    assert denial.negated


def test_reported_clause_is_what_the_statement_asserts_and_the_speaker_is_credited() -> None:
    (s,) = statements_of("Police said the suspect was arrested at the harbour on Friday.")
    assert s.predicate == "arrest"
    assert s.attributed_text == "Police"
    (t,) = statements_of("The plant was shut for repairs, according to the energy ministry.")
    assert t.attributed_text == "the energy ministry"


def test_a_hedge_in_an_aside_does_not_hedge_what_the_sentence_asserts() -> None:
    aside, subject = statements_of(
        "Ilse Varga, who was once rumoured to run for mayor, opened the new harbour bridge on Monday.\n\n"
        "An allegedly drunk driver hit the harbour gate on Monday night."
    )
    assert not aside.hedged  # the rumour is about her, in passing; the opening is stated as fact
    assert subject.hedged  # "allegedly" qualifies who did what the sentence asserts


def _grouped(bridges: list[tuple[int, int]]) -> list[list[int]]:
    """Two tight threes of sentences (0-2 and 3-5), all alike to the embeddings, and some likely
    pairs across them, grouped into happenings."""
    from types import SimpleNamespace

    import numpy as np

    from storyline.crosscheck.claims_statements import group_statements

    space = SimpleNamespace(embeddings=np.ones((6, 4)), statements=[None] * 6)
    inside = [(0.95, a, b) for group in ((0, 1, 2), (3, 4, 5)) for a in group for b in group if a < b]
    across = [(0.9, a, b) for a, b in bridges]
    return sorted(sorted(g) for g in group_statements(space, inside + across))


def test_one_likely_pair_does_not_chain_two_happenings_into_one() -> None:
    assert _grouped([(2, 3)]) == [[0, 1, 2], [3, 4, 5]]


def test_two_happenings_with_several_likely_pairs_across_are_one() -> None:
    assert _grouped([(2, 3), (1, 4)]) == [[0, 1, 2, 3, 4, 5]]
