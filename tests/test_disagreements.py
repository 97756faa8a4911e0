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
        assert claim.disagreements, claim.note
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


def test_a_clash_already_in_a_quote_or_figure_claim_is_not_repeated_by_its_sentences(sample_story) -> None:  # type: ignore[no-untyped-def]
    claim_of = {m: c.id for c in sample_story.claims if c.kind in ("figure", "quote") for m in c.members}
    statements = {s.id: s for s in sample_story.statements}
    for claim in (c for c in sample_story.claims if c.kind == "statement"):
        for d in claim.disagreements:
            a, b = statements[d.a], statements[d.b]
            if d.kind in ("attribution", "wording"):
                one, other = a.quotes, b.quotes
            elif d.kind == "figure":
                one, other = a.figures, b.figures
            else:
                continue
            shared = {claim_of.get(i) for i in one} & {claim_of.get(i) for i in other} - {None}
            assert not shared, (d.kind, d.note)
    quote_clash = [c for c in sample_story.claims if c.kind == "quote" and c.status == "conflicting"]
    assert quote_clash, "the quote credited to two speakers is a quote claim's conflict"
    assert all(d.kind == "attribution" for c in quote_clash for d in c.disagreements)


def test_each_fact_lies_inside_one_reported_event(sample_story) -> None:  # type: ignore[no-untyped-def]
    """Statement claims (one fact) are parts of event claims (one happening), never across two."""
    events = [set(c.members) for c in sample_story.claims if c.kind == "event"]
    facts = [set(c.members) for c in sample_story.claims if c.kind == "statement"]
    assert facts
    for members in facts:
        assert any(members <= happening for happening in events), members


def story_of(tmp_path: Path, *articles: tuple[str | None, str]):  # type: ignore[no-untyped-def]
    """Made-up articles, one file each: (publication date or None, body)."""
    for n, (published, body) in enumerate(articles):
        stamp = f"Published: {published}\n\n" if published else ""
        (tmp_path / f"outlet{n}.txt").write_text(f"{stamp}{body}\n", "utf-8")
    return analyze([str(tmp_path)])


def compared(story, first: str, second: str):  # type: ignore[no-untyped-def]
    """compare_statements on the statements that hold two sentences of the story."""
    from storyline.crosscheck.claims import build_context
    from storyline.crosscheck.disagreements import compare_statements

    def holding(words: str):  # type: ignore[no-untyped-def]
        return next(s for s in story.statements if words in s.text)

    figures = {f.id: f for f in story.figures}
    quotes = {q.id: q for q in story.quotes}
    return compare_statements(build_context(story), holding(first), holding(second), figures, quotes)


@pytest.mark.parametrize(
    ("published", "days"), [("2026-03-06", ("2026-03-05", "2026-03-06")), (None, ("thursday", "friday"))]
)
def test_one_happening_dated_to_different_days_is_a_date_disagreement(
    tmp_path: Path, published: str | None, days: tuple[str, str]
) -> None:
    """Resolved days when the articles are dated; the days as written when they are not."""
    story = story_of(
        tmp_path,
        (published, "The ferry Marisol sank off the island of Kell on Thursday, the coastguard said."),
        (published, "The ferry Marisol sank off the island of Kell on Friday, according to the coastguard."),
    )
    found = compared(story, "on Thursday", "on Friday")
    assert found is not None and found.kind == "date", found
    assert all(day in found.note for day in days), found.note


def test_a_quotation_given_in_other_words_is_a_wording_disagreement(tmp_path: Path) -> None:
    story = story_of(
        tmp_path,
        (
            "2026-03-06",
            '"We will rebuild every house in this valley before the winter comes," Mayor Varga said.',
        ),
        ("2026-03-06", '"We will repair every home in this valley before winter," Mayor Varga said.'),
    )
    found = compared(story, "rebuild every house", "repair every home")
    assert found is not None and found.kind == "wording", found
    # in the run, the two wordings are one quote whose claim records how they differ
    quote = next(c for c in story.claims if c.kind == "quote")
    assert len(quote.members) == 2 and [d.kind for d in quote.disagreements] == ["wording"], quote
    # the note gives both wordings as quoted, for a reader to compare
    note = quote.disagreements[0].note
    assert "We will rebuild every house in this valley" in note, note
    assert "We will repair every home in this valley" in note, note


def test_one_speaker_s_words_recast_in_other_grammar_are_one_quote_given_two_ways(tmp_path: Path) -> None:
    story = story_of(
        tmp_path,
        ("2026-03-06", '"We will not be stopped by a judge in the capital," Mayor Varga told reporters.'),
        ("2026-03-06", 'Mayor Varga said: "No judge in the capital will stop us."'),
        ("2026-03-06", '"A judge in the capital ruled on the bridge in May," Mayor Varga said later.'),
    )
    quotes = [c for c in story.claims if c.kind == "quote" and len(c.members) > 1]
    assert len(quotes) == 1 and len(quotes[0].members) == 2, quotes
    assert [d.kind for d in quotes[0].disagreements] == ["wording"], quotes[0]


def test_the_one_count_of_a_unit_on_each_side_is_compared(tmp_path: Path) -> None:
    story = story_of(
        tmp_path,
        ("2026-03-06", "Pirates attacked the tanker Orla in the strait from two boats, the navy said."),
        ("2026-03-06", "Pirates attacked the tanker Orla in the strait from three boats, the navy said."),
    )
    found = compared(story, "two boats", "three boats")
    assert found is not None and found.kind == "figure", found


def test_a_later_report_that_it_happened_updates_an_earlier_one_that_it_had_not(tmp_path: Path) -> None:
    story = story_of(
        tmp_path,
        ("2026-03-03", "The coast road between Kell and Anselm has not reopened after the storm."),
        ("2026-03-07", "The coast road between Kell and Anselm reopened after the storm."),
    )
    found = compared(story, "has not reopened", "Anselm reopened")
    assert found is not None and found.kind == "update", found


def test_sentences_that_say_different_things_about_one_event_are_not_one_fact(tmp_path: Path) -> None:
    day = "2026-03-06"
    story = story_of(
        tmp_path,
        (day, "The ferry Marisol sank off Kell on Thursday. Rescuers pulled 40 passengers from the sea."),
        (day, "The ferry Marisol sank off Kell on Thursday. The harbour master blamed a loose cargo door."),
        (day, "The Marisol ferry sank off Kell on Thursday. Divers will search the wreck next week."),
    )
    by_text = {s.id: s.text for s in story.statements}
    facts = [c for c in story.claims if c.kind == "statement"]
    sinking = [c for c in facts if all("sank" in by_text[m] for m in c.members)]
    assert sinking and len({a for c in sinking for a in c.articles}) == 3
    for claim in facts:
        texts = {by_text[m] for m in claim.members}
        assert all("sank" in t for t in texts) or len(texts) == 1, texts


@pytest.mark.parametrize(
    ("first", "second", "keys"),
    [
        (
            "The ferry Marisol sank off Kell, officials said Friday.",
            "On Thursday the ferry Marisol sank off Kell.",
            ("said Friday", "On Thursday"),
        ),
        (
            "The ferry Marisol sank off Kell on Dec. 2, the coastguard said.",
            "On December 2 the ferry Marisol sank off Kell.",
            ("Dec. 2", "On December 2"),
        ),
    ],
)
def test_the_day_a_report_was_made_and_a_day_written_two_ways_are_no_date_disagreement(
    tmp_path: Path, first: str, second: str, keys: tuple[str, str]
) -> None:
    story = story_of(tmp_path, (None, first), (None, second))
    assert compared(story, *keys) is None


def test_what_one_outlet_states_and_another_calls_alleged_is_a_framing_disagreement(tmp_path: Path) -> None:
    """The doubted words ("allegedly started the fire") appear plainly in the other sentence,
    even though the two sentences are told around different verbs."""
    story = story_of(
        tmp_path,
        (
            "2026-03-06",
            "The man who allegedly started the fire at the grain depot in Anselm will appear in court.",
        ),
        ("2026-03-06", "A farmhand started the fire at the grain depot in Anselm late on Tuesday night."),
    )
    found = compared(story, "allegedly started", "farmhand started")
    assert found is not None and found.kind == "framing", found


@pytest.mark.parametrize(
    ("doubting", "plain"),
    [
        (  # the hedge doubts a sprain; the other sentence states only the knee surgery
            "Ferrand missed the spring after knee surgery, and apparently a knee sprain will end his season.",
            "Ferrand had knee surgery in March and missed the first six games of the season.",
        ),
        (  # a charge of arson states no arson: both leave the deed unproven
            "The fire at the grain depot in Anselm may have been arson, the brigade said.",
            "A farmhand was charged with arson over the fire at the grain depot in Anselm.",
        ),
        (  # the other sentence reports the police's allegation, it does not make it
            "Ferrand allegedly pointed a rifle at the officers outside the grain depot in Anselm.",
            "Neighbours in Anselm dispute police allegations that Ferrand pointed a rifle at the officers.",
        ),
    ],
)
def test_a_hedge_the_other_sentence_does_not_state_as_fact_is_no_framing_disagreement(
    tmp_path: Path, doubting: str, plain: str
) -> None:
    story = story_of(tmp_path, ("2026-03-06", doubting), ("2026-03-06", plain))
    found = compared(story, doubting[:30], plain[:30])
    assert found is None or found.kind != "framing", found


def labelled(story, first: str, second: str):  # type: ignore[no-untyped-def]
    """labelled_apart on the statements that hold two sentences of the story."""
    from storyline.crosscheck.claims import build_context
    from storyline.crosscheck.disagreements import labelled_apart

    def holding(words: str):  # type: ignore[no-untyped-def]
        return next(s for s in story.statements if words in s.text)

    return labelled_apart(build_context(story), holding(first), holding(second))


@pytest.mark.parametrize(
    ("doubting", "plain", "found"),
    [
        (
            "Eleven alleged smuggling gang members were flown to the island prison at Sarn on Sunday.",
            "Eleven smuggling gang members were flown to the island prison at Sarn on Sunday night.",
            True,
        ),
        (  # the other sentence credits its label to the police: both tell it at one remove
            "Eleven alleged smuggling gang members were flown to the island prison at Sarn on Sunday.",
            "Eleven smuggling gang members were flown to the island prison at Sarn, police said.",
            False,
        ),
        (  # a suspected man is not a label: the capital says it is a name
            "Prosecutors long suspected Harlow of running the smuggling gang from the island prison.",
            "Harlow ran the smuggling gang from the island prison at Sarn for a decade.",
            False,
        ),
        (  # the same label in a sentence about something else
            "Eleven alleged gang members were flown to the island prison at Sarn on Sunday.",
            "Rival gang members clashed in the market of Dunmore during the harvest fair.",
            False,
        ),
    ],
)
def test_a_label_one_outlet_doubts_and_another_states_is_a_framing_disagreement(
    tmp_path: Path, doubting: str, plain: str, found: bool
) -> None:
    story = story_of(tmp_path, ("2026-03-06", doubting), ("2026-03-06", plain))
    finding = labelled(story, doubting[:30], plain[:30])
    assert (finding is not None and finding.kind == "framing") == found, finding


@pytest.mark.parametrize(
    ("second", "conflict"),
    [
        (
            "Harbour police sent 261 members of the Rook Street gang to the island jail at Sarn on Saturday.",
            True,
        ),
        # told of another happening: the counts need not be of one thing
        ("Harbour police had arrested 261 members of the Rook Street gang in Dunmore during March.", False),
    ],
)
def test_the_one_count_of_a_unit_in_sentences_told_alike_is_one_figure_whatever_the_verb(
    tmp_path: Path, second: str, conflict: bool
) -> None:
    first = (
        "Harbour police flew 238 members of the Rook Street gang to the island prison at Sarn on Saturday."
    )
    story = story_of(tmp_path, ("2026-03-06", first), ("2026-03-06", second))
    claims = [c for c in story.claims if c.kind == "figure" and c.disagreements]
    assert [d.kind for c in claims for d in c.disagreements] == (["figure"] if conflict else []), claims


def test_a_sentence_and_its_denial_in_other_words_are_one_fact_in_polarity_disagreement(
    tmp_path: Path,
) -> None:
    """Less alike to the embeddings than two tellings of one fact, but one verb of one subject."""
    story = story_of(
        tmp_path,
        (
            "2026-03-05",
            "The Hollin dam was inspected by state engineers last autumn, the water authority said on "
            "Thursday.\n\nThe reservoir rose to 97 per cent of its capacity on Wednesday night.",
        ),
        (
            "2026-03-05",
            "The Hollin dam had not been inspected since 2019, according to documents seen by the Valley "
            "Courier.\n\nThe reservoir reached 97% of capacity late on Wednesday.",
        ),
    )
    kinds = [d.kind for c in story.claims if c.kind == "statement" for d in c.disagreements]
    assert kinds == ["polarity"], [(c.kind, c.statement, c.disagreements) for c in story.claims]


def test_a_lower_bound_and_a_larger_count_are_no_conflict(tmp_path: Path) -> None:
    """ "At least three dead" and "ten dead" both hold: a lower bound sets no ceiling."""
    story = story_of(
        tmp_path,
        (
            "2026-03-06",
            "The quake in the hills above Orsk killed at least three people on Sunday, police said.",
        ),
        ("2026-03-06", "The quake in the hills above Orsk killed 10 people on Sunday, police said."),
    )
    assert not [d for c in story.claims for d in c.disagreements], story.claims


def test_two_people_s_counts_joined_by_their_words_are_two_claims_not_one(tmp_path: Path) -> None:
    """The aligner may join "Echenique finished with 11 points" and "McDermott finished with 23
    points"; the comparison will not call them rivals, so they are two single-source claims, not one
    claim corroborating 11 and 23."""
    story = story_of(
        tmp_path,
        ("2026-03-08", "Gregory Echenique finished with 11 points for Creighton in the win over Drake."),
        ("2026-03-08", "Doug McDermott finished with 23 points for Creighton in the win over Drake."),
    )
    points = [c for c in story.claims if c.kind == "figure"]
    assert sorted((c.status, len(c.members)) for c in points) == [("single_source", 1)] * 2, points


def test_the_one_count_in_each_sentence_of_a_small_happening_is_one_count(tmp_path: Path) -> None:
    """Two sentences that alone make one happening count ships with other verbs: one count, and the
    later "now" makes the larger one an update, not a rival."""
    story = story_of(
        tmp_path,
        (
            "2026-09-02",
            "Dock workers at Brenna stayed out on Tuesday. "
            "The port authority said 14 ships were waiting offshore.",
        ),
        ("2026-09-02", "About 20 ships are now anchored off Brenna, according to the port authority."),
    )
    ships = [c for c in story.claims if c.kind == "figure" and len(c.members) == 2]
    assert [c.status for c in ships] == ["updated"], [c for c in story.claims if c.kind == "figure"]


def test_a_count_in_a_sentence_naming_two_players_is_not_paired_by_unit_alone(tmp_path: Path) -> None:
    """Whose eleven rebounds? The sentence names two players; the other sentence's six are Artino's."""
    story = story_of(
        tmp_path,
        (
            "2026-03-08",
            "Will Artino scored 14 points off the bench and Gregory Echenique had 11 rebounds for Creighton "
            "in the win over Drake.",
        ),
        (
            "2026-03-08",
            "Will Artino scored 14 points and added six rebounds for Creighton in the win over Drake.",
        ),
    )
    found = compared(story, "off the bench", "added six rebounds")
    assert found is None or found.kind != "figure", found


def test_two_magnitudes_written_to_a_decimal_place_conflict_though_close(tmp_path: Path) -> None:
    """5.9 and 6.1 are within rounding of each other, but both look exact: one quake, two readings."""
    story = story_of(
        tmp_path,
        ("2026-05-11", "A magnitude 5.9 earthquake struck the northern hills of Tarvia on Sunday morning."),
        ("2026-05-11", "A strong earthquake of magnitude 6.1 shook the northern hills of Tarvia on Sunday."),
    )
    found = [(c.kind, d.kind) for c in story.claims for d in c.disagreements]
    assert ("figure", "figure") in found, [(c.kind, c.statement, c.status) for c in story.claims]


def test_days_that_date_two_different_verbs_are_no_date_disagreement(tmp_path: Path) -> None:
    story = story_of(
        tmp_path,
        (
            "2026-03-06",
            "The man who started the fire at the grain depot in Anselm will appear in court on Monday.",
        ),
        ("2026-03-06", "A farmhand started the fire at the grain depot in Anselm late on Tuesday night."),
    )
    found = compared(story, "will appear in court", "farmhand started")
    assert found is None or found.kind != "date", found


def test_an_allegation_against_a_sourced_account_is_no_framing_disagreement(tmp_path: Path) -> None:
    """Both tell it at one remove (an estimate, a source that said so): nothing is stated as fact."""
    story = story_of(
        tmp_path,
        (
            "2026-03-06",
            "The man who allegedly started the fire at the grain depot in Anselm will appear in court.",
        ),
        ("2026-03-06", "A farmhand started the fire at the grain depot in Anselm on Tuesday, police said."),
    )
    assert compared(story, "allegedly started", "farmhand started") is None


@pytest.mark.parametrize(
    ("first", "second", "keys"),
    [
        (
            "Police in Kell arrested 52-year-old Tomas Ferrand on Friday over the depot fire.",
            "Tomas Ferrand, 57, was arrested on Friday over the depot fire in Kell.",
            ("52-year-old", "Ferrand, 57"),
        ),
        (
            "Police in Kell arrested Tomas Ferrand, aged 52, over the depot fire.",
            "Police in Kell arrested a 57-year-old farmhand over the depot fire.",
            ("aged 52", "57-year-old"),
        ),
    ],
)
def test_one_person_given_two_ages_is_a_figure_disagreement(
    tmp_path: Path, first: str, second: str, keys: tuple[str, str]
) -> None:
    story = story_of(tmp_path, ("2026-03-06", first), ("2026-03-06", second))
    found = compared(story, *keys)
    assert found is not None and found.kind == "figure", found
    assert "52" in found.note and "57" in found.note


def test_two_people_of_different_ages_are_no_disagreement(tmp_path: Path) -> None:
    story = story_of(
        tmp_path,
        ("2026-03-06", "Tomas Ferrand, 52, and his brother were arrested over the depot fire in Kell."),
        ("2026-03-06", "Police arrested Piet Olsen, 57, and Lena Ferrand, 49, over the depot fire in Kell."),
    )
    assert compared(story, "Ferrand, 52", "Olsen, 57") is None


def test_counts_paired_by_the_words_around_them_are_compared(tmp_path: Path) -> None:
    """Two counts of points on each side: the player named beside each count pairs them."""
    story = story_of(
        tmp_path,
        (
            "2026-03-06",
            "Kell beat Anselm 70-64; guard Mira Solberg scored 21 points and Jonas Pike added 9 points.",
        ),
        ("2026-03-06", "Jonas Pike added 9 points for Kell, while guard Mira Solberg scored 24 points."),
    )
    found = compared(story, "Solberg scored 21", "Solberg scored 24")
    assert found is not None and found.kind == "figure", found
    assert "21" in found.note and "24" in found.note


def test_a_count_told_in_the_same_words_is_compared_whatever_it_is_called(tmp_path: Path) -> None:
    """The words around each count pair them ("on the first kick of the second half"), so what each
    outlet calls the thing counted ("sprint", "scoring dash") need not match."""
    story = story_of(
        tmp_path,
        (
            "2026-03-06",
            "Mira Solberg ran for 212 metres in all, including a 71-metre sprint"
            " on the first kick of the second half.",
        ),
        (
            "2026-03-06",
            "Solberg's day included a 76-metre scoring dash on the first kick of the second half.",
        ),
    )
    found = compared(story, "ran for 212", "day included")
    assert found is not None and found.kind == "figure", found
    assert "71" in found.note and "76" in found.note


def test_of_several_days_the_one_beside_the_verb_dates_the_happening(tmp_path: Path) -> None:
    story = story_of(
        tmp_path,
        (None, "On November 19 the frigate Osk seized a cargo ship, its third seizure since November 2."),
        (None, "The frigate Osk seized the cargo ship on November 18 after a long chase."),
    )
    found = compared(story, "On November 19", "on November 18")
    assert found is not None and found.kind == "date", found
    assert "nov 19" in found.note and "nov 18" in found.note


def test_a_denial_is_compared_on_what_it_denies_not_on_the_word_never(tmp_path: Path) -> None:
    """Denials and crediting verbs ("never", "said") are no content shared or missed."""
    story = story_of(
        tmp_path,
        (
            "2026-03-06",
            "Minister Ruiz had visited the flooded Kell grain depot on Monday morning, but then "
            "left because the roads were closed, her aide said.",
        ),
        ("2026-03-06", "Ana never visited the depot and is back at her desk in Anselm."),
    )
    found = compared(story, "had visited", "never visited")
    assert found is not None and found.kind == "polarity", found


@pytest.mark.parametrize(
    ("first", "second", "keys"),
    [
        (  # outlets convert at their own rates: the sum itself is compared, not its conversion
            "The storm did €110 million ($121 million) of damage to the port of Kell, the insurers said.",
            "The storm did €110 million ($130 million) of damage to the port of Kell, insurers said.",
            ("$121 million", "$130 million"),
        ),
        (  # a value both sentences give is not disputed, whatever else one of them counts
            "Ferry pilot Ivo Marr sailed 205 miles on Sunday, raising his season total to 4,180.",
            "Ferry pilot Ivo Marr set a record for a season with 4,180 miles.",
            ("205 miles", "4,180 miles"),
        ),
        (  # a rank is not a denial
            "The Kell Otters will play No. 5 seed Anselm on Saturday in the semifinal.",
            "The Kell Otters will play Anselm on Saturday in the semifinal.",
            ("No. 5 seed", "play Anselm"),
        ),
        (  # a supposition is no denial
            "The club placed Ivo Marr on the injured list on Wednesday after his knee sprain.",
            "The coach said the club would not have placed Ivo Marr on the injured list if the title "
            "were still in reach.",
            ("placed Ivo Marr on the injured list on Wednesday", "would not have placed"),
        ),
        (  # what "suspected in" doubts is written before it
            "Arson suspected in fire that destroyed the Kell grain depot overnight",
            "Fire destroyed the Kell grain depot overnight, leaving the town without its winter stores.",
            ("Arson suspected", "leaving the town"),
        ),
    ],
)
def test_what_is_not_a_disagreement(tmp_path: Path, first: str, second: str, keys: tuple[str, str]) -> None:
    story = story_of(tmp_path, ("2026-03-06", first), ("2026-03-06", second))
    assert compared(story, *keys) is None


def test_one_weekday_resolved_from_two_publication_dates_is_one_day(tmp_path: Path) -> None:
    story = story_of(
        tmp_path,
        ("2026-03-09", "The bodies of two climbers were found below the Kell ridge on Saturday morning."),
        ("2026-03-17", "The bodies of two climbers were found below the Kell ridge on Saturday."),
    )
    assert compared(story, "on Saturday morning", "ridge on Saturday.") is None


def test_unnamed_counts_of_one_measure_in_different_happenings_are_no_conflict(tmp_path: Path) -> None:
    """ "The home guard finished with 16 points" and "a visiting forward … finished with 20 points":
    one measure, nobody named, two different players; only one happening would make them rivals."""
    story = story_of(
        tmp_path,
        (
            "2026-03-06",
            "Kell beat Anselm 70-64 in the river cup final on Friday night at the old harbour arena. "
            "The home guard finished with 16 points after a slow start.",
        ),
        (
            "2026-03-06",
            "Kell won the river cup final against Anselm 70-64 on Friday at the harbour arena. "
            "A visiting forward who came off the bench finished with 20 points.",
        ),
    )
    figures = {f.id: f for f in story.figures}
    for claim in (c for c in story.claims if c.kind == "figure"):
        values = {figures[m].value for m in claim.members}
        if {16, 20} <= values:
            assert not claim.disagreements, [d.note for d in claim.disagreements]


def test_each_agreed_claim_reads_as_a_sentence_one_of_its_articles_wrote(sample_story) -> None:  # type: ignore[no-untyped-def]
    """story.json's statement of a figure, quote or event claim is a member's sentence, not a built
    phrase; a conflict or an update keeps the statement that names both sides."""
    texts = {a.id: " ".join(a.text.split()) for a in sample_story.articles}
    checked = 0
    for claim in sample_story.claims:
        if claim.kind == "statement" or claim.status in ("conflicting", "updated"):
            continue
        statement = claim.statement.removesuffix(" …")
        assert any(statement in texts[a] for a in claim.articles), (claim.kind, claim.statement)
        checked += 1
    assert checked


@pytest.mark.parametrize(
    ("first", "second", "keys"),
    [
        (  # "dozens" allows anything from two dozen up to a hundred
            "Dozens of families were moved out of the flooded streets of Kell overnight, the council said.",
            "Around 60 families were moved out of the flooded streets of Kell overnight, the council said.",
            ("Dozens of families", "Around 60 families"),
        ),
        (  # a season's total and one game's count of the same unit are two things, not two readings
            "Ferry pilot Ivo Marr sailed 4,180 miles this season, the harbour office said.",
            "Ferry pilot Ivo Marr sailed 205 miles this season, the harbour office said.",
            ("4,180 miles", "205 miles"),
        ),
    ],
)
def test_counts_that_can_both_hold_or_count_two_things_are_no_conflict(
    tmp_path: Path, first: str, second: str, keys: tuple[str, str]
) -> None:
    story = story_of(tmp_path, ("2026-03-06", first), ("2026-03-06", second))
    assert compared(story, *keys) is None


def test_two_named_people_s_counts_are_no_conflict_but_one_person_s_are(tmp_path: Path) -> None:
    """The sentence's named subject says whose count it is: Orsolya's 14 points and Brandt's 11 are
    two players' tallies; Orsolya's 14 and Orsolya's 11 cannot both hold."""
    story = story_of(
        tmp_path,
        ("2026-03-06", "Orsolya Varga scored 14 points as Kell beat Anselm in the river cup final."),
        ("2026-03-06", "Tomas Brandt scored 11 points for Anselm, who lost the river cup final to Kell."),
        ("2026-03-06", "Orsolya Varga scored 11 points in Kell's win over Anselm in the river cup final."),
    )
    assert compared(story, "Varga scored 14", "Brandt scored 11") is None
    found = compared(story, "Varga scored 14", "Varga scored 11")
    assert found is not None and found.kind == "figure", found


def test_words_credited_to_a_company_and_to_its_spokesman_are_no_attribution_conflict(tmp_path: Path) -> None:
    said = '"We are checking every ferry in the fleet before the summer timetable starts," '
    story = story_of(
        tmp_path,
        ("2026-03-06", said + "Kell Ferries said in a statement on Friday."),
        ("2026-03-06", said + "said Ivo Marr, a spokesman for Kell Ferries, on Friday."),
        ("2026-03-06", said + "said Tomas Brandt, the harbour master, on Friday."),
    )
    quote = next(c for c in story.claims if c.kind == "quote" and len(c.members) == 3)
    speakers = {q.id: q.speaker_text for q in story.quotes}
    credited = [(speakers[d.a], speakers[d.b]) for d in quote.disagreements if d.kind == "attribution"]
    assert credited, "a person and another person credited with one line disagree"
    assert all({"Kell Ferries", "Ivo Marr"} != {a, b} for a, b in credited), credited


def _dated(article: str, n: int, date: str, date_text: str):  # type: ignore[no-untyped-def]
    from storyline.model import Event

    return Event(f"v-{n}", article, 0, 10, date, date_text, "the dam gate was opened", [])


@pytest.mark.parametrize(
    ("one", "other", "apart"),
    [
        (("2026-03-05", "Thursday"), ("2026-03-06", "Friday"), True),
        # a year may date another part of its sentence: never held against a day
        (("2026-03-05", "Thursday"), ("2025", "in 2025"), False),
        # one written weekday, resolved from publication dates a week apart, is one day as written
        (("2026-03-07", "Saturday morning"), ("2026-03-14", "Saturday"), False),
    ],
)
def test_an_event_claim_dated_two_ways_holds_only_two_different_days(
    one: tuple[str, str], other: tuple[str, str], apart: bool
) -> None:
    from storyline.crosscheck.claims import build_context
    from storyline.crosscheck.claims_events import _dated_apart
    from storyline.model import Article, Story

    articles = [Article(id=f"a-{n}", source=f"{n}.txt", text="x", outlet=f"Outlet {n}") for n in (1, 2)]
    ctx = build_context(Story(articles=articles))
    group = [_dated("a-1", 1, *one), _dated("a-2", 2, *other)]
    assert (_dated_apart(ctx, group) is not None) == apart


def claim_findings(story, kind: str, members: list, happening: list | None = None) -> list[str]:  # type: ignore[no-untyped-def]
    """The disagreement kinds `annotate` records on one claim of `kind` made of `members` (records of
    the story), beside an event claim of the sentences in `happening` when given."""
    from storyline.crosscheck.claims import build_context
    from storyline.crosscheck.disagreements import annotate
    from storyline.model import Claim

    articles = [m.article for m in members]
    claim = Claim("c-test", kind, members[0].text, [m.id for m in members], articles, "corroborated")
    claims = [claim]
    if happening:
        told = [s.id for s in happening]
        claims.append(Claim("c-event", "event", claim.statement, told, articles, "corroborated"))
    annotate(build_context(story), claims)
    return [d.kind for d in claim.disagreements]


def statement_claim_findings(story, first: str, second: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The disagreements recorded on one statement claim made of two sentences of the story."""
    members = [next(s for s in story.statements if words in s.text) for words in (first, second)]
    return claim_findings(story, "statement", members)


@pytest.mark.parametrize(
    ("first", "second", "kinds"),
    [
        (  # "he" may be someone else: counts no figure claim joined are held only to the same names
            "He was sentenced to 12 years in prison for the fire at the grain depot in Anselm.",
            "Tomas Ferrand was sentenced to seven years in prison for the fire at the grain depot in Anselm.",
            [],
        ),
        (
            "Tomas Ferrand was sentenced to 12 years in prison for the fire at the grain depot in Anselm.",
            "On Thursday Tomas Ferrand was sentenced to seven years in prison over the Anselm depot blaze.",
            ["figure"],
        ),
    ],
)
def test_counts_in_one_statement_claim_conflict_only_between_sentences_naming_the_same_people(
    tmp_path: Path, first: str, second: str, kinds: list[str]
) -> None:
    story = story_of(tmp_path, ("2026-03-06", first), ("2026-03-06", second))
    assert statement_claim_findings(story, first[:25], second[:25]) == kinds


def test_a_day_that_dates_a_noun_does_not_date_the_happening(tmp_path: Path) -> None:
    """ "The winner of Friday's semifinal" is not played on Friday."""
    story = story_of(
        tmp_path,
        (None, "The Kestrels will play Dunmore in the cup final in Anselm on Saturday."),
        (None, "The Kestrels will play the winner of Friday's semifinal in the cup final in Anselm."),
    )
    found = compared(story, "will play Dunmore", "winner of Friday")
    assert found is None or found.kind != "date", found


@pytest.mark.parametrize(
    ("dates", "kind"),
    [((None, None), None), (("2026-03-04", "2026-03-08"), "update")],
)
def test_a_span_of_days_still_running_grows_and_is_no_conflict(
    tmp_path: Path, dates: tuple[str | None, str | None], kind: str | None
) -> None:
    """ "Five days of protests" midweek and "eight days of protests" on Sunday: the protests ran on."""
    story = story_of(
        tmp_path,
        (dates[0], "The closure of the Anselm mill set off five days of protests across the valley."),
        (
            dates[1],
            "Anselm was quiet on Sunday after eight days of protests across the valley over the mill.",
        ),
    )
    found = compared(story, "five days", "eight days")
    assert (found.kind if found else None) == kind, found


def test_a_span_of_time_that_is_over_still_conflicts(tmp_path: Path) -> None:
    story = story_of(
        tmp_path,
        ("2026-03-04", "Tomas Ferrand served four months in prison in Kell for the depot fire."),
        (
            "2026-03-04",
            "Tomas Ferrand served five months in prison in Kell for the depot fire, his lawyer said.",
        ),
    )
    found = compared(story, "four months", "five months")
    assert found is not None and found.kind == "figure", found


def test_counts_of_one_verb_in_sentences_worded_apart_are_compared(tmp_path: Path) -> None:
    """ "Holding about a dozen ships" and "17 ships are still held": one verb, few words alike,
    and a count the other sentence's lower bound rules out."""
    story = story_of(
        tmp_path,
        (
            None,
            "Raiders are holding about a dozen cargo ships and their crews in coves along the Dunmore coast.",
        ),
        (None, "At least 17 of the ships are still being held there until their owners pay a ransom."),
    )
    found = compared(story, "about a dozen", "At least 17")
    assert found is not None and found.kind == "figure", found


def test_a_day_that_opens_the_sentence_dates_its_happening(tmp_path: Path) -> None:
    """ "On March 19, the cutter sank a trawler, its third strike since March 2": the opening day is
    the sinking's, so another outlet's March 18 is a different day."""
    story = story_of(
        tmp_path,
        (
            None,
            "On March 19, the cutter Vell sank a smugglers' trawler,"
            " its third strike since its patrol began on March 2.",
        ),
        (
            None,
            "Then, on March 18, the cutter Vell sank the smugglers' trawler after a long chase off Dunmore.",
        ),
    )
    found = compared(story, "On March 19", "Then, on March 18")
    assert found is not None and found.kind == "date", found


def test_a_count_someone_hopes_for_is_no_rival_of_the_count_told(tmp_path: Path) -> None:
    story = story_of(
        tmp_path,
        ("2026-03-04", "The Kell dockers' union signed a four-year deal with the port on Tuesday."),
        ("2026-03-04", "The Kell dockers' union had been hoping it could win a six-year deal from the port."),
    )
    found = compared(story, "signed a four-year", "hoping it could")
    assert found is None or found.kind != "figure", found


def figure_claim_findings(story, first: str, second: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The disagreements recorded on one figure claim of two figures, given as written, their
    sentences told of one happening (an event claim)."""
    members = [next(f for f in story.figures if f.text == written) for written in (first, second)]
    told = [s for f in members for s in story.statements if f.id in s.figures]
    return claim_findings(story, "figure", members, happening=told)


@pytest.mark.parametrize(
    ("first", "second", "kinds"),
    [
        (  # which of the first sentence's two counts of metres the other means, no words say
            "Mira Solberg swam 400 metres in the heats and 200 metres in the relay final at the Kell pool.",
            "Mira Solberg swam 300 metres at the Kell pool on Saturday.",
            [],
        ),
        (  # the words around the count say which: "in the relay final"
            "Mira Solberg swam 400 metres in the heats and 200 metres in the relay final at the Kell pool.",
            "Mira Solberg swam 250 metres in the relay final at the Kell pool on Saturday.",
            ["figure"],
        ),
    ],
)
def test_of_several_counts_of_a_unit_the_one_compared_is_told_by_the_words_around_it(
    tmp_path: Path, first: str, second: str, kinds: list[str]
) -> None:
    story = story_of(tmp_path, ("2026-03-06", first), ("2026-03-06", second))
    other = next(f.text for f in story.figures if f.article != story.figures[0].article)
    assert figure_claim_findings(story, "200 metres", other) == kinds
