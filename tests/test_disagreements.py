"""Disagreements between outlets on the sample corpus, and their absence between a figure and its revision."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.pipeline import analyze

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "storyline" / "samples" / "corpus"


@pytest.fixture(scope="module")
def sample_story():  # type: ignore[no-untyped-def]
    return analyze([str(SAMPLES)])


def test_revised_count_and_moved_level_read_as_updated_with_a_timeline(sample_story) -> None:  # type: ignore[no-untyped-def]
    figures = {f.id: f for f in sample_story.figures}
    updated = [c for c in sample_story.claims if c.kind == "figure" and c.status == "updated"]
    values = [{figures[e["member"]].value for e in c.timeline} for c in updated]
    assert any({1240, 2100} <= v for v in values), values  # the evacuation count revised upwards
    assert any({97, 82} <= v for v in values), values  # the reservoir level after a release
    for claim in updated:
        dates = [e["date"] for e in claim.timeline]
        assert dates == sorted(dates)
        assert not claim.disagreements


def test_every_conflict_names_both_members_and_says_what_differs(sample_story) -> None:  # type: ignore[no-untyped-def]
    conflicting = [c for c in sample_story.claims if c.status == "conflicting"]
    assert conflicting
    for claim in conflicting:
        if claim.kind in ("figure", "statement"):
            assert claim.disagreements
        for d in claim.disagreements:
            assert d.a in claim.members and d.b in claim.members and d.a != d.b
            assert d.note
    money = [
        c for c in conflicting if c.kind == "figure" and any(d.kind == "figure" for d in c.disagreements)
    ]
    assert money, "the repair estimates (€2.3m against €7 million) are a figure conflict"


def test_statement_claims_join_sentences_of_different_outlets(sample_story) -> None:  # type: ignore[no-untyped-def]
    by_id = {s.id: s for s in sample_story.statements}
    claims = [c for c in sample_story.claims if c.kind == "statement"]
    assert claims
    for claim in claims:
        assert len({by_id[m].article for m in claim.members}) >= 2
        assert claim.statement in {" ".join(by_id[m].text.split()) for m in claim.members}
