"""Finding mentions in one article: clean spans, names the tagger misses, no junk."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline import nlp
from storyline.extract._name_kinds import (
    relabel_by_head,
    relabel_by_partner,
    relabel_places,
    relabel_teams,
    untagged_places,
)
from storyline.extract.entities import (
    _cut_headline_tails,
    _join_neighbours,
    _relabel_by_shape,
    _Span,
    _split_speech,
    find_mentions,
)
from storyline.model import Article, Mention


def mentions_of(text: str) -> list[Mention]:
    article = Article(id="a-test", source="test.txt", text=text)
    return find_mentions(article, nlp.parse_one(text))


def texts(mentions: list[Mention]) -> list[str]:
    return [m.text for m in mentions]


def labelled(mentions: list[Mention], name: str) -> list[str]:
    return [m.label for m in mentions if m.text == name]


def assert_well_formed(text: str, mentions: list[Mention]) -> None:
    for m in mentions:
        assert text[m.start : m.end] == m.text
    ordered = sorted(mentions, key=lambda m: m.start)
    for a, b in zip(ordered, ordered[1:], strict=False):
        assert a.end <= b.start, f"{a.text!r} overlaps {b.text!r}"


def test_possessive_with_straight_or_curly_apostrophe_is_kept_out_of_the_name() -> None:
    text = "Teodora Villanueva's plan was praised. Later Teodora Villanueva’s aides left the capital."
    found = mentions_of(text)
    assert_well_formed(text, found)
    assert texts(found).count("Teodora Villanueva") == 2


def test_leading_the_is_kept_out_of_an_organisation() -> None:
    text = "The decision was made by the Coastal Fisheries Council on Monday after a long meeting."
    found = mentions_of(text)
    assert "Coastal Fisheries Council" in texts(found)
    assert not any(t.lower().startswith("the ") for t in texts(found))


def test_title_is_kept_out_of_the_span_and_makes_the_name_a_person() -> None:
    text = "Health Minister Dorotea Fanshawe opened the clinic. Mayor Okonkwo attended the ceremony."
    found = mentions_of(text)
    assert_well_formed(text, found)
    assert labelled(found, "Dorotea Fanshawe") == ["PERSON"]
    assert labelled(found, "Okonkwo") == ["PERSON"]
    assert not any("Minister" in t or "Mayor" in t for t in texts(found))


def test_honorific_before_a_word_that_looks_like_a_place_still_gives_a_person() -> None:
    text = "Ms Park and Mr Hall spoke to reporters outside the court in the afternoon."
    found = mentions_of(text)
    assert labelled(found, "Park") == ["PERSON"]
    assert labelled(found, "Hall") == ["PERSON"]


def test_acronym_introduced_in_brackets_is_found_there_and_at_every_later_use() -> None:
    text = (
        "The Lower Valley Irrigation Board (LVIB) cut supplies. Farmers said the LVIB had not warned them. "
        "A spokesperson for LVIB declined to comment."
    )
    found = mentions_of(text)
    assert_well_formed(text, found)
    assert texts(found).count("LVIB") == 3
    assert "Lower Valley Irrigation Board" in texts(found)
    assert set(labelled(found, "LVIB")) == set(labelled(found, "Lower Valley Irrigation Board"))


def test_bare_surname_of_a_person_named_in_full_earlier_is_a_person_mention() -> None:
    text = (
        "Ingrid Maltby, who runs the shelter, said beds were full. "
        "By evening Maltby had found room for twelve more families, and Maltby’s staff stayed late."
    )
    found = mentions_of(text)
    assert_well_formed(text, found)
    assert labelled(found, "Maltby") == ["PERSON", "PERSON"]


@pytest.mark.parametrize(
    "junk",
    [
        "Read more at https://www.example-news.test/river-report today.",
        "Follow the campaign at @RiverWatchers for updates.",
        "The hashtag #SaveTheDelta spread quickly.",
        "Write to Desk Editors at desk@example-news.test with tips.",
    ],
)
def test_links_handles_hashtags_and_addresses_give_no_mention(junk: str) -> None:
    found = mentions_of(junk)
    for name in ("example", "RiverWatchers", "SaveTheDelta", "desk"):
        assert not any(name.lower() in t.lower() for t in texts(found))


def test_emoji_span_gives_no_mention() -> None:
    found = mentions_of("Crowds cheered \U0001f30a\U0001f30a as the gates opened.")
    assert not any(ord(c) >= 0x1F000 for t in texts(found) for c in t)


def test_photo_credit_and_byline_names_give_no_mention() -> None:
    text = (
        "By Marguerite Osei\n"
        "Volunteers filled sandbags near the bridge. Photo: Rafael Quint/Harbour Images\n"
        "Residents of Eastmoor were told to leave."
    )
    found = mentions_of(text)
    assert_well_formed(text, found)
    assert not any("Osei" in t or "Quint" in t or "Harbour" in t for t in texts(found))


def test_a_body_sentence_starting_with_by_is_not_a_byline() -> None:
    text = "By Tuesday, Governor Eleni Stavrou had declared an emergency in the north."
    found = mentions_of(text)
    assert "Eleni Stavrou" in texts(found)


def test_name_cut_by_a_line_break_keeps_only_its_first_line() -> None:
    text = "The report was signed by Anselm Brightwater\nPhoto desk notes follow below."
    found = mentions_of(text)
    assert_well_formed(text, found)
    assert not any("\n" in t for t in texts(found))


def test_parse_of_another_text_is_refused() -> None:
    article = Article(id="a-test", source="test.txt", text="Ana Lind spoke.")
    with pytest.raises(ValueError):
        find_mentions(article, nlp.parse_one("Somebody else spoke."))


FRAGMENTS = [
    "Minister Ana Ortega’s office said.",
    "The Northern Basin Authority (NBA) met.",
    "NBA staff left.",
    " Ortega's aides ",
    "Photo: Jo Lin/Agency\n",
    "@handle #tag https://a.test/x",
    "\U0001f30a",
    "the U.S. and the United States",
    "Dr. Mensah",
    "(",
    ")",
    "’",
    "\n",
    "By Ana Lin\n",
]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=8))
def test_mentions_always_index_the_text_and_never_overlap(parts: list[str]) -> None:
    text = " ".join(parts)
    found = mentions_of(text)
    assert_well_formed(text, found)
    assert all(m.label for m in found)


def test_name_cut_at_a_plural_possessive_is_put_back_together() -> None:
    text = "Her union, the United Harbour Workers' Guild, called the stoppage on Friday."
    found = mentions_of(text)
    assert_well_formed(text, found)
    assert labelled(found, "United Harbour Workers' Guild") == ["ORG"]


def test_ministry_of_two_things_is_one_name() -> None:
    text = "A spokesperson for the Ministry of Transport and Ports declined to comment."
    found = mentions_of(text)
    assert "Ministry of Transport and Ports" in texts(found)


def test_possessive_inside_an_institution_name_stays_in_the_span() -> None:
    text = "Olunde promised to review the St Aldric's Hospital expansion this year."
    found = mentions_of(text)
    assert_well_formed(text, found)
    assert "St Aldric's Hospital" in texts(found)


def test_the_article_author_named_in_the_text_is_not_a_mention() -> None:
    text = "Farmers in Dunmere marched on Monday.\n\nReported by Hesper Valcourt for the Courier"
    article = Article(id="a-test", source="t.txt", text=text, authors=["Hesper Valcourt"])
    found = find_mentions(article, nlp.parse_one(text))
    assert "Hesper Valcourt" not in texts(found)


def test_everyday_word_opening_a_sentence_is_not_a_name() -> None:
    text = "Turnout was low across the district. Officials said turnout fell in every ward."
    assert "Turnout" not in texts(mentions_of(text))


def test_surname_opening_a_sentence_is_still_the_person() -> None:
    text = "Agnieszka Thorne, who lives above the bakery, lost her shop. Thorne said she would rebuild."
    assert labelled(mentions_of(text), "Thorne") == ["PERSON"]


def test_navigation_trail_gives_no_mention() -> None:
    text = "Home > Lowland Gazette > Marsh Valley\nRain fell on Marsh Valley for a week, said Odile Fenwick."
    found = mentions_of(text)
    assert not any(m.start < text.index("\n") for m in found)
    assert "Odile Fenwick" in texts(found)


def with_tagged(text: str, names: list[tuple[str, str]]) -> list[Mention]:
    """Mentions found when the tagger is made to return exactly `names`, in order through the text.

    Real pages showed these shapes from the tagger; fixing its output keeps each test on one shape.
    """
    doc = nlp.parse_one(text)
    spans, at = [], 0
    for name, label in names:
        start = text.index(name, at)
        spans.append(doc.char_span(start, start + len(name), label=label, alignment_mode="expand"))
        at = start + len(name)
    doc.ents = spans
    return find_mentions(Article(id="a-test", source="test.txt", text=text), doc)


def pairs(mentions: list[Mention]) -> list[tuple[str, str]]:
    return [(m.text, m.label) for m in mentions]


def test_a_name_never_runs_past_a_comma_into_the_next_name() -> None:
    text = "A spokeswoman for the state Department of Housing, Ellen Moore, said the shelters were full."
    for found in (
        mentions_of(text),
        with_tagged(text, [("the state Department of Housing, Ellen Moore", "ORG")]),
    ):
        assert_well_formed(text, found)
        assert pairs(found) == [("Department of Housing", "ORG"), ("Ellen Moore", "PERSON")]


def test_a_company_suffix_after_a_comma_stays_in_the_name() -> None:
    text = "Shares in Harwick Tools, Inc. rose on Monday."
    assert texts(with_tagged(text, [("Harwick Tools, Inc.", "ORG")])) == ["Harwick Tools, Inc."]


def test_two_names_joined_by_and_are_two_mentions_when_each_also_stands_alone() -> None:
    text = (
        "The storm around Quillmart and Rowan Ledgerworks grew. Quillmart denied it. "
        "Rowan Ledgerworks said nothing."
    )
    tagged = [
        ("Quillmart and Rowan Ledgerworks", "WORK_OF_ART"),
        ("Quillmart", "ORG"),
        ("Rowan Ledgerworks", "ORG"),
    ]
    found = with_tagged(text, tagged)
    assert_well_formed(text, found)
    assert texts(found) == ["Quillmart", "Rowan Ledgerworks", "Quillmart", "Rowan Ledgerworks"]
    assert "WORK" not in {m.label for m in found}


def test_a_name_with_an_ampersand_stays_whole_without_evidence_of_two_names() -> None:
    text = "Shoppers at Harwell & Brandt stores were told to wait."
    assert texts(with_tagged(text, [("Harwell & Brandt", "ORG")])) == ["Harwell & Brandt"]


def test_a_name_the_tagger_cut_in_two_is_whole_where_it_is_written_in_full_elsewhere() -> None:
    text = "Regulators fined Corvane Ledger in May. Critics said Corvane Ledger paid too little."
    tagged = [("Corvane Ledger", "ORG"), ("Corvane", "GPE"), ("Ledger", "GPE")]
    found = with_tagged(text, tagged)
    assert_well_formed(text, found)
    assert pairs(found) == [("Corvane Ledger", "ORG"), ("Corvane Ledger", "ORG")]


def test_a_possessive_inside_a_span_splits_owner_from_owned() -> None:
    text = "Critics said Ormsby's Tarawhiti would stay away. Ormsby, an elder, was absent."
    found = with_tagged(text, [("Ormsby's Tarawhiti", "PERSON"), ("Ormsby", "PERSON")])
    assert_well_formed(text, found)
    assert texts(found) == ["Ormsby", "Tarawhiti", "Ormsby"]


def test_an_organisation_owning_a_named_body_is_split_from_it() -> None:
    text = "Parliament's Joint Committee on Harbours met on Tuesday."
    found = with_tagged(text, [("Parliament's Joint Committee on Harbours", "ORG")])
    assert texts(found) == ["Parliament", "Joint Committee on Harbours"]


def test_a_possessive_that_belongs_to_one_name_stays_in_it() -> None:
    text = "Crowds filled the square on Founder's Day, as they do every day of the festival."
    assert texts(with_tagged(text, [("Founder's Day", "EVENT")])) == ["Founder's Day"]


def test_a_place_named_after_in_is_split_from_the_organisation_before_it() -> None:
    text = "Carvers met at the Marlow Heritage Centre in Tessaby. Families in Tessaby waited."
    found = with_tagged(text, [("Marlow Heritage Centre in Tessaby", "ORG"), ("Tessaby", "GPE")])
    assert pairs(found) == [("Marlow Heritage Centre", "ORG"), ("Tessaby", "GPE"), ("Tessaby", "GPE")]


def test_a_title_case_headline_with_a_pronoun_in_it_is_no_name() -> None:
    text = "Baker Claims They Took Her Recipe Without Asking\n\nThe hearing opened on Monday."
    found = with_tagged(text, [("Baker Claims They Took Her Recipe", "ORG")])
    assert found == []


def test_a_portfolio_before_a_ministers_title_is_no_organisation() -> None:
    text = "Staff from the office of Fisheries Minister Arlo Penn took part."
    found = with_tagged(text, [("Fisheries", "ORG"), ("Arlo Penn", "PERSON")])
    assert texts(found) == ["Arlo Penn"]


def test_an_acronym_for_lower_case_words_is_no_name() -> None:
    text = (
        'The app kept "personal location data" (PLD) for years. Regulators said PLD was sensitive. '
        "The pills held trimethylbenzol, known as TMB, a solvent. TMB is banned."
    )
    found = with_tagged(text, [("PLD", "ORG"), ("PLD", "ORG"), ("TMB", "ORG"), ("TMB", "ORG")])
    assert found == []


def test_a_given_name_before_a_known_surname_makes_a_second_full_name() -> None:
    text = "An inquest into Lotte Brannagh's death opened. Ivo Brannagh, her father, spoke."
    found = with_tagged(text, [("Brannagh", "ORG"), ("Ivo Brannagh", "PERSON")])
    assert pairs(found) == [("Lotte Brannagh", "PERSON"), ("Ivo Brannagh", "PERSON")]


def test_a_capitalised_word_opening_a_line_is_no_given_name() -> None:
    text = "Opinion\n\nEditorial Brannagh's quiet years\n\nIvo Brannagh died on Sunday."
    found = with_tagged(text, [("Ivo Brannagh", "PERSON")])
    assert "Editorial Brannagh" not in texts(found)
    assert "Brannagh" in texts(found)


def test_a_given_name_the_tagger_left_out_of_a_person_is_put_back() -> None:
    text = "Bassel co-owns the trawler with Rolfe Tannery, his cousin."
    found = with_tagged(text, [("Tannery", "PERSON")])
    assert pairs(found) == [("Rolfe Tannery", "PERSON")]


# datelines, title-case headlines, armed groups, institutions -----------------------------------


def test_a_dateline_glued_to_the_first_sentence_gives_no_name_across_the_dash() -> None:
    text = "LAGOS, Nigeria - Nigeria's president said on Monday that the talks would go on."
    found = mentions_of(text)
    assert_well_formed(text, found)
    assert not any(" - " in m.text for m in found)
    assert "Nigeria" in texts(found)


def test_title_case_headline_words_after_a_title_are_no_name() -> None:
    assert mentions_of("President Just Issued A Warning To Everyone") == []


def test_a_title_case_headline_with_a_capitalised_preposition_is_no_name() -> None:
    assert "Microsoft Launches Fix For Internet Explorer Flaw" not in texts(
        mentions_of("Microsoft Launches Fix For Internet Explorer Flaw")
    )
    kept = texts(mentions_of("The Center for Biological Diversity sued."))
    assert kept == ["Center for Biological Diversity"]


def test_a_title_case_headline_tagged_as_an_organisation_is_dropped() -> None:
    found = texts(mentions_of("Lindsay Lohan Leaves Betty Ford, Checks Into Malibu Rehab"))
    assert "Checks Into Malibu Rehab" not in found
    assert "Lindsay Lohan" in found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Two members of the Avenues Gang were arrested on Friday.", "Avenues Gang"),
        ("He rose to lead the Genovese crime family in the 1980s.", "Genovese crime family"),
        ("The al-Aqsa Martyrs Brigades claimed the attack.", "al-Aqsa Martyrs Brigades"),
    ],
)
def test_gangs_crime_families_and_armed_groups_are_organisations(text: str, name: str) -> None:
    assert labelled(mentions_of(text), name) == ["ORG"]


def test_a_place_and_its_police_force_are_one_organisation() -> None:
    text = "Cumbria Police have not disclosed how the women died."
    found = mentions_of(text)
    assert labelled(found, "Cumbria Police") == ["ORG"]
    assert "Cumbria" not in texts(found)


def test_dotted_initials_with_no_surname_are_an_organisation() -> None:
    text = "Based on tips from informers, F. B. I. and city officials ranked Gigante first."
    assert labelled(mentions_of(text), "F. B. I") == ["ORG"]


def test_a_lone_given_name_of_a_person_named_in_full_is_that_person() -> None:
    spans = [_Span(0, 12, "PERSON"), _Span(30, 35, "ORG")]
    text = "Katie Jenkin studied in town. Katie came home."
    _relabel_by_shape(text, spans)
    assert [s.label for s in spans] == ["PERSON", "PERSON"]


def test_a_name_owning_a_minister_or_an_army_is_a_place() -> None:
    text = "Valdoria’s health minister resigned on Monday. Critics said Valdoria's army was idle."
    found = mentions_of(text)
    assert_well_formed(text, found)
    assert set(labelled(found, "Valdoria")) == {"GPE"}


def test_a_person_owning_a_government_stays_a_person() -> None:
    text = "Prime Minister Ana Kessler formed a cabinet. Kessler's government fell in May."
    assert set(labelled(mentions_of(text), "Kessler")) == {"PERSON"}


def test_a_headline_without_a_full_stop_is_parsed_apart_from_the_paragraph_after_it() -> None:
    text = "Ports shut after storm surge\n\nCrews in Harwick cleared the quay. Work resumed.\n\nMore later"
    doc = nlp.parse_one(text)
    assert doc.text == text
    assert [s.text.strip() for s in doc.sents][:2] == [
        "Ports shut after storm surge",
        "Crews in Harwick cleared the quay.",
    ]
    assert nlp.paragraphs(text) == [
        "Ports shut after storm surge\n\n",
        "Crews in Harwick cleared the quay. Work resumed.\n\nMore later",
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The raiders fled along Rue de Varenne before dawn.", "Rue de Varenne"),
        ("Traders at the Harlow Fish Market closed early.", "Harlow Fish Market"),
        (
            "He was held at the Norbury County House of Correction for a year.",
            "Norbury County House of Correction",
        ),
    ],
)
def test_streets_markets_and_prisons_are_facilities(text: str, name: str) -> None:
    assert labelled(mentions_of(text), name) == ["FAC"]


def test_a_capitalised_plural_after_the_is_a_team_not_a_person() -> None:
    text = "The Kestrels beat the Jaguars on Sunday. Later the Jaguars flew home."
    found = mentions_of(text)
    assert "PERSON" not in labelled(found, "Jaguars")


def test_a_name_paired_with_a_person_is_a_person() -> None:
    text = "The points came from guards Tomas Brennick and Orlando Vell-Marquez."
    first, second = text.index("Tomas"), text.index("Orlando")
    spans = [_Span(first, first + 14, "PERSON"), _Span(second, len(text) - 1, "ORG")]
    relabel_by_partner(text, spans)
    assert [s.label for s in spans] == ["PERSON", "PERSON"]
    company = "Deals came from Tomas Brennick and Harlow Shipping Group."
    at = company.index("Harlow")
    spans = [
        _Span(company.index("Tomas"), company.index("Tomas") + 14, "PERSON"),
        _Span(at, len(company) - 1, "ORG"),
    ]
    relabel_by_partner(company, spans)
    assert spans[1].label == "ORG"


def test_a_company_suffix_a_village_and_a_place_name_decide_the_kind() -> None:
    text = "Harlow Diamond Corp. sold it. Brennick Village flooded. Police sealed Place Vellemont."
    spans = [
        _Span(0, 19, "PERSON"),
        _Span(text.index("Brennick"), text.index("Brennick") + 16, "FAC"),
        _Span(text.index("Place"), len(text) - 1, "ORG"),
    ]
    relabel_by_head(text, spans)
    assert [s.label for s in spans] == ["ORG", "GPE", "FAC"]


def test_a_sports_position_or_a_relative_before_a_name_makes_a_person() -> None:
    from storyline.names import person_cue_before

    text = "The visitors lost linebacker Tomas Brennick and his cousin Ivo Marr."
    assert person_cue_before(text, text.index("Tomas"))
    assert person_cue_before(text, text.index("Ivo"))


def test_a_paragraph_ending_in_a_comma_hands_over_to_the_quote_after_it() -> None:
    text = 'Then the reporter asked her again, and she replied,\n\n"We will not move."\n\nMore later'
    assert nlp.paragraphs(text) == [text]


def spans_at(text: str, names: list[tuple[str, str]]) -> list[_Span]:
    spans, at = [], 0
    for name, label in names:
        start = text.index(name, at)
        spans.append(_Span(start, start + len(name), label))
        at = start + len(name)
    return spans


def test_a_well_known_place_tagged_an_organisation_is_a_place() -> None:
    text = "A rescue crew from Christchurch joined. Traffic to the Maldives stopped. Brennick Marine said so."
    spans = spans_at(text, [("Christchurch", "ORG"), ("Maldives", "ORG"), ("Brennick Marine", "ORG")])
    relabel_places(text, spans)
    assert [s.label for s in spans] == ["GPE", "GPE", "ORG"]


def test_a_city_standing_for_its_team_stays_an_organisation() -> None:
    text = "The Kestrels beat Denver 24-10 on Sunday, and Denver now sits third."
    spans = spans_at(text, [("Denver", "ORG"), ("Denver", "ORG")])
    relabel_places(text, spans)
    assert [s.label for s in spans] == ["ORG", "ORG"]


def test_a_city_name_that_is_a_persons_name_stays_a_person_unless_placed() -> None:
    text = "Charlotte Brennick spoke. Then Charlotte left, and a cable between Talvo and Marseilles broke."
    spans = spans_at(
        text,
        [
            ("Charlotte Brennick", "PERSON"),
            ("Charlotte", "PERSON"),
            ("Talvo", "PERSON"),
            ("Marseilles", "PERSON"),
        ],
    )
    relabel_places(text, spans)
    # "Charlotte" is her given name here; "Marseilles" is an end of the cable, and so is "Talvo"
    assert [s.label for s in spans] == ["PERSON", "PERSON", "GPE", "GPE"]


def test_a_plural_after_the_tagged_a_place_is_a_team_unless_a_known_place() -> None:
    text = "He left the Kestrels' practice squad for the Philippines and the Orkney Islands."
    spans = spans_at(text, [("Kestrels", "GPE"), ("Philippines", "GPE"), ("Orkney Islands", "GPE")])
    relabel_teams(text, spans)
    assert [s.label for s in spans] == ["ORG", "GPE", "GPE"]


def test_a_players_position_in_capitals_is_kept_out_of_the_name() -> None:
    text = "Notes: Kestrels WR Tamsin Okorie (left knee) and DT Brannock Vell (ankle) left early."
    found = mentions_of(text)
    assert labelled(found, "Tamsin Okorie") == ["PERSON"]
    assert labelled(found, "Brannock Vell") == ["PERSON"]
    assert not [m for m in found if m.text.startswith(("WR ", "DT "))]


def test_a_team_before_an_apostrophe_is_not_glued_to_the_player_after_it() -> None:
    text = "Okorie joined the Titans' Chris Johnson as the only players with such a season."
    found = mentions_of(text)
    assert "Chris Johnson" in texts(found)
    assert not [m for m in found if "Titans" in m.text and "Johnson" in m.text]


def test_a_name_opening_with_a_given_name_of_a_person_here_is_a_person() -> None:
    text = "Peyton Okorie ran for 90 yards. Being the heir to Peyton Brannock is no small task."
    at = text.index("Peyton Brannock")
    spans = [_Span(0, 13, "PERSON"), _Span(at, at + 15, "ORG")]
    _relabel_by_shape(text, spans)
    assert spans[1].label == "PERSON"
    shop = "Peyton Okorie opened Peyton Savings Bank."
    spans = [_Span(0, 13, "PERSON"), _Span(21, 40, "ORG")]
    _relabel_by_shape(shop, spans)
    assert spans[1].label == "ORG"


def test_a_crime_family_is_one_organisation_and_so_is_its_short_form() -> None:
    text = (
        "Dario Vell ran the Brannock crime family for years. Later the Brannock family lost its grip, "
        "and the Okorie family moved to Ohio."
    )
    found = mentions_of(text)
    assert labelled(found, "Brannock crime family") == ["ORG"]
    assert labelled(found, "Brannock family") == ["ORG"]
    # a family never called a crime family is a household, not an organisation
    assert "Okorie family" not in texts(found)


def test_a_verb_of_speech_inside_a_tagged_span_splits_speaker_from_audience() -> None:
    text = 'Tamsin Okorie runs the lab. "The threat is real," Okorie told KNR.\n\nMore to come.'
    found = mentions_of(text)
    assert not [m for m in found if " told " in m.text]
    spans = _split_speech("Okorie told KNR", 0, 15, "WORK")
    assert spans == [(0, 6, "PERSON"), (12, 15, "ORG")]


def test_a_headline_verb_after_a_name_is_not_part_of_it() -> None:
    text = "Tamsin Okorie Dies At 75\n\nTamsin Okorie, a harbour pilot, died on Friday in Lisbon."
    spans = [_Span(0, 18, "PERSON"), _Span(26, 39, "PERSON")]
    _cut_headline_tails(text, spans)
    assert [text[s.start : s.end] for s in spans] == ["Tamsin Okorie", "Tamsin Okorie"]
    # a name's own last word stays, though the shorter name is written too
    city = "Floods Reach New York City\n\nNew York is braced."
    spans = [_Span(13, 26, "GPE"), _Span(28, 36, "GPE")]
    _cut_headline_tails(city, spans)
    assert city[spans[0].start : spans[0].end] == "New York City"


def test_a_known_place_listed_beside_a_team_stays_a_team() -> None:
    text = "The week brought victories from Vanderbilt and Tennessee."
    spans = spans_at(text, [("Vanderbilt", "ORG"), ("Tennessee", "ORG")])
    relabel_places(text, spans)
    assert [s.label for s in spans] == ["ORG", "ORG"]


def test_a_city_and_a_plural_on_a_headline_stay_one_team_name() -> None:
    text = "Kestrel City Bears Advance\n\nKestrel City won again."
    spans = [_Span(0, 18, "ORG"), _Span(28, 40, "GPE")]
    _cut_headline_tails(text, spans)
    assert text[spans[0].start : spans[0].end] == "Kestrel City Bears"


def test_a_known_place_the_tagger_missed_after_a_place_preposition_is_found() -> None:
    assert (text := "She moved back after four years living in Cardiff with friends.") and [
        text[a:b] for a, b in untagged_places(text)
    ] == ["Cardiff"]
    # a longer capitalised run is some other name ("Cardiff University"), and a team is no place
    assert untagged_places("She got into Cardiff University.") == []
    assert untagged_places("The Kestrels lost to Denver 24-10 and flew home from Denver.") == []


def test_a_place_and_a_team_plural_are_one_team_and_a_place_and_stadium_one_facility() -> None:
    text = "Brannock Cowboys fans cheered as Okorie City plays in Okorie Stadium tonight."
    spans = spans_at(
        text, [("Brannock", "GPE"), ("Cowboys", "ORG"), ("Okorie City", "GPE"), ("Okorie", "GPE")]
    )
    joined = _join_neighbours(text, spans)
    assert [(text[s.start : s.end], s.label) for s in joined] == [
        ("Brannock Cowboys", "ORG"),
        ("Okorie City", "GPE"),
        ("Okorie Stadium", "FAC"),
    ]


def test_a_given_name_tagged_a_place_or_product_is_the_person_unless_a_known_place() -> None:
    text = "Her daughter, Tamsin Okorie, was hit. She ran back to Tamsin. Later Paris Brannock flew to Paris."
    spans = spans_at(
        text,
        [("Tamsin Okorie", "PERSON"), ("Tamsin", "GPE"), ("Paris Brannock", "PERSON"), ("Paris", "GPE")],
    )
    _relabel_by_shape(text, spans)
    assert [s.label for s in spans] == ["PERSON", "PERSON", "PERSON", "GPE"]
