"""Resolving mentions across articles into one entity per actor, and filling references to them."""

from __future__ import annotations

from storyline import nlp
from storyline.crosscheck.entities import resolve_entities
from storyline.extract.entities import find_mentions
from storyline.model import Article, ArticleAnnotations, Entity, Event, Figure, Mention, Quote


def marked(article_id: str, text: str, names: list[tuple[str, str]]) -> ArticleAnnotations:
    """Mentions with labels chosen by the test, found in order through the text."""
    mentions, at = [], 0
    for name, label in names:
        start = text.index(name, at)
        mentions.append(Mention(article_id, start, start + len(name), name, label))
        at = start + len(name)
    return ArticleAnnotations(article_id, mentions)


def article(article_id: str, text: str) -> Article:
    return Article(id=article_id, source=f"{article_id}.txt", text=text)


def parsed(*bodies: str) -> tuple[list[Article], list[ArticleAnnotations]]:
    """Articles run through the real tagger and mention finder."""
    articles = [article(f"a-{i}", body) for i, body in enumerate(bodies)]
    docs = nlp.parse([a.text for a in articles])
    return articles, [
        ArticleAnnotations(a.id, find_mentions(a, d)) for a, d in zip(articles, docs, strict=True)
    ]


def holding(entities: list[Entity], alias: str) -> list[Entity]:
    return [e for e in entities if alias in e.aliases]


def test_full_name_surname_title_possessive_and_curly_apostrophe_make_one_person() -> None:
    a = "Minister Teodora Villanueva visited the dam. Villanueva's team measured the flow."
    b = "Minister Villanueva’s convoy arrived late. Villanueva said the water was safe."
    articles = [article("a-1", a), article("a-2", b)]
    annotations = [
        marked("a-1", a, [("Teodora Villanueva", "PERSON"), ("Villanueva", "PERSON")]),
        marked("a-2", b, [("Villanueva", "PERSON"), ("Villanueva", "PERSON")]),
    ]
    entities = resolve_entities(articles, annotations)
    assert len(entities) == 1
    person = entities[0]
    assert (person.name, person.type) == ("Teodora Villanueva", "PERSON")
    assert set(person.aliases) == {
        "Teodora Villanueva",
        "Villanueva",
        "Minister Teodora Villanueva",
        "Minister Villanueva",
    }
    assert len(person.mentions) == 4


def test_same_person_through_the_real_tagger_is_one_entity() -> None:
    articles, annotations = parsed(
        "Minister Teodora Villanueva visited the dam on Monday. Villanueva's team measured the flow.",
        "Minister Villanueva’s convoy arrived late on Tuesday. Villanueva said the water was safe.",
    )
    entities = resolve_entities(articles, annotations)
    people = holding(entities, "Villanueva")
    assert len(people) == 1
    assert people[0].name == "Teodora Villanueva"
    assert people[0].type == "PERSON"


def test_surname_the_tagger_calls_an_organisation_or_place_is_the_person() -> None:
    text = "Ambrose Kettering led the talks. Kettering walked out at noon. Critics blamed Kettering."
    annotations = [
        marked("a-1", text, [("Ambrose Kettering", "PERSON"), ("Kettering", "ORG"), ("Kettering", "GPE")])
    ]
    entities = resolve_entities([article("a-1", text)], annotations)
    assert [(e.name, e.type, len(e.mentions)) for e in entities] == [("Ambrose Kettering", "PERSON", 3)]


def test_name_after_a_title_is_a_person_even_when_the_tagger_says_place() -> None:
    a = "Mayor Lindqvist closed the bridge."
    b = "Lindqvist reopened it a day later."
    annotations = [marked("a-1", a, [("Lindqvist", "GPE")]), marked("a-2", b, [("Lindqvist", "GPE")])]
    entities = resolve_entities([article("a-1", a), article("a-2", b)], annotations)
    assert [(e.name, e.type) for e in entities] == [("Lindqvist", "PERSON")]


def test_acronym_and_its_expansion_across_articles_are_one_organisation() -> None:
    articles, annotations = parsed(
        "The Lower Valley Irrigation Board (LVIB) cut supplies on Friday.",
        "Farmers blamed the LVIB for the shortage.",
        "The Lower Valley Irrigation Board said rain was coming.",
    )
    entities = resolve_entities(articles, annotations)
    boards = holding(entities, "LVIB")
    assert len(boards) == 1
    assert boards[0].name == "Lower Valley Irrigation Board"
    assert boards[0].type == "ORG"
    assert len(boards[0].mentions) == 4


def test_acronym_without_brackets_joins_the_one_name_its_initials_spell() -> None:
    a = "The Coastal Fisheries Council met in the port."
    b = "The CFC rejected the quota."
    annotations = [
        marked("a-1", a, [("Coastal Fisheries Council", "ORG")]),
        marked("a-2", b, [("CFC", "ORG")]),
    ]
    entities = resolve_entities([article("a-1", a), article("a-2", b)], annotations)
    assert [(e.name, sorted(e.aliases)) for e in entities] == [
        ("Coastal Fisheries Council", ["CFC", "Coastal Fisheries Council"])
    ]


def test_united_states_written_three_ways_is_one_place() -> None:
    text = "Aid came from the U.S. on Monday. The US sent more. Officials in the United States agreed."
    annotations = [marked("a-1", text, [("U.S.", "GPE"), ("US", "GPE"), ("United States", "GPE")])]
    entities = resolve_entities([article("a-1", text)], annotations)
    assert [(e.name, e.type, len(e.mentions)) for e in entities] == [("United States", "GPE", 3)]


def test_organisation_with_and_without_the_is_one_entity() -> None:
    articles, annotations = parsed(
        "The statement came from the Harbour Pilots Guild late on Sunday.",
        "Harbour Pilots Guild members voted to strike.",
    )
    entities = resolve_entities(articles, annotations)
    guilds = holding(entities, "Harbour Pilots Guild")
    assert len(guilds) == 1
    assert guilds[0].name == "Harbour Pilots Guild"
    assert len(guilds[0].mentions) == 2


def test_two_people_sharing_a_surname_stay_apart_and_a_bare_surname_goes_to_the_nearest_before() -> None:
    text = (
        "Marta Oyelaran chairs the board. Her cousin Felix Oyelaran runs the mill. "
        "Oyelaran said the mill would stay open."
    )
    annotations = [
        marked(
            "a-1", text, [("Marta Oyelaran", "PERSON"), ("Felix Oyelaran", "PERSON"), ("Oyelaran", "PERSON")]
        )
    ]
    entities = resolve_entities([article("a-1", text)], annotations)
    by_name = {e.name: e for e in entities}
    assert set(by_name) == {"Marta Oyelaran", "Felix Oyelaran"}
    assert len(by_name["Felix Oyelaran"].mentions) == 2
    assert len(by_name["Marta Oyelaran"].mentions) == 1


def test_bare_surname_in_another_article_joins_only_an_unambiguous_person() -> None:
    a = "Marta Oyelaran chairs the board. Felix Oyelaran runs the mill."
    b = "Oyelaran declined to comment."
    c = "Quentin Adebayo-Rhys opened the school."
    d = "Adebayo-Rhys thanked the parents."
    articles = [article(i, t) for i, t in (("a-1", a), ("a-2", b), ("a-3", c), ("a-4", d))]
    annotations = [
        marked("a-1", a, [("Marta Oyelaran", "PERSON"), ("Felix Oyelaran", "PERSON")]),
        marked("a-2", b, [("Oyelaran", "PERSON")]),
        marked("a-3", c, [("Quentin Adebayo-Rhys", "PERSON")]),
        marked("a-4", d, [("Adebayo-Rhys", "PERSON")]),
    ]
    entities = resolve_entities(articles, annotations)
    names = sorted(e.name for e in entities)
    assert names == ["Felix Oyelaran", "Marta Oyelaran", "Oyelaran", "Quentin Adebayo-Rhys"]
    quentin = holding(entities, "Quentin Adebayo-Rhys")[0]
    assert len(quentin.mentions) == 2


def test_middle_name_and_initial_forms_join_the_full_name() -> None:
    a = "Ana Lucia Ferreira-Diaz spoke first."
    b = "Ana Ferreira-Diaz spoke again. A. Ferreira-Diaz signed the letter."
    annotations = [
        marked("a-1", a, [("Ana Lucia Ferreira-Diaz", "PERSON")]),
        marked("a-2", b, [("Ana Ferreira-Diaz", "PERSON"), ("A. Ferreira-Diaz", "PERSON")]),
    ]
    entities = resolve_entities([article("a-1", a), article("a-2", b)], annotations)
    assert [(e.name, len(e.mentions)) for e in entities] == [("Ana Lucia Ferreira-Diaz", 3)]


def test_junk_in_an_article_gives_no_entity() -> None:
    articles, annotations = parsed(
        "Volunteers filled sandbags. Photo: Rafael Quint/Harbour Images\n"
        "Follow @RiverWatchers and #SaveTheDelta at https://river.example.test \U0001f30a\n"
        "Governor Eleni Stavrou thanked them."
    )
    entities = resolve_entities(articles, annotations)
    names = " ".join(alias for e in entities for alias in e.aliases)
    for junk in ("Quint", "Harbour", "RiverWatchers", "SaveTheDelta", "river.example", "\U0001f30a"):
        assert junk not in names
    assert holding(entities, "Eleni Stavrou")


def test_speaker_subject_and_event_spans_become_entity_ids() -> None:
    text = (
        "Mayor Ingrid Maltby said the shelter was full. "
        "A spokesperson for the Ministry of Water said 300 homes were dry. Maltby opened a hall on Monday."
    )
    annotations = marked(
        "a-1", text, [("Ingrid Maltby", "PERSON"), ("Ministry of Water", "ORG"), ("Maltby", "PERSON")]
    )
    speaker_start = text.index("A spokesperson")
    speaker_span = (speaker_start, text.index(" said 300"))
    annotations.quotes = [
        Quote("q-1", "a-1", 0, 10, "the shelter was full", speaker_span=(6, 19)),
        Quote("q-2", "a-1", 0, 10, "300 homes were dry", speaker_span=speaker_span),
        Quote("q-3", "a-1", 0, 10, "nobody named", speaker_span=None),
    ]
    annotations.figures = [Figure("f-1", "a-1", 0, 3, "300", 300, subject_span=speaker_span)]
    last = text.rindex("Maltby")
    annotations.events = [
        Event("v-1", "a-1", 0, 10, None, "Monday", "opened a hall", entity_spans=[(last, last + 6), (0, 2)])
    ]
    entities = resolve_entities([article("a-1", text)], [annotations])
    ids = {e.name: e.id for e in entities}
    assert annotations.quotes[0].speaker == ids["Ingrid Maltby"]
    assert annotations.quotes[1].speaker == ids["Ministry of Water"]
    assert annotations.quotes[2].speaker is None
    assert annotations.figures[0].subject == ids["Ministry of Water"]
    assert annotations.events[0].entities == [ids["Ingrid Maltby"]]


def test_entities_are_sorted_by_mention_count_and_ids_are_stable() -> None:
    text = "Rhodes met Okafor. Okafor met Okafor's aide. Rhodes left."
    names = [("Rhodes", "PERSON"), ("Okafor", "PERSON"), ("Okafor", "PERSON"), ("Okafor", "PERSON")]
    first = resolve_entities([article("a-1", text)], [marked("a-1", text, names)])
    again = resolve_entities([article("a-1", text)], [marked("a-1", text, names)])
    assert [e.name for e in first] == ["Okafor", "Rhodes"]
    assert [e.id for e in first] == [e.id for e in again]


def one_article(text: str, names: list[tuple[str, str]]) -> list[Entity]:
    return resolve_entities([article("a-1", text)], [marked("a-1", text, names)])


def test_formal_country_name_and_short_name_are_one_place() -> None:
    text = "The Republic of Varnesia signed. Varnesia later withdrew."
    entities = one_article(text, [("Republic of Varnesia", "GPE"), ("Varnesia", "GPE")])
    assert [(e.name, e.type, len(e.mentions)) for e in entities] == [("Republic of Varnesia", "GPE", 2)]


def test_organisation_with_and_without_plural_apostrophe_is_one() -> None:
    text = "The Coastal Dockworkers’ Federation struck. The Coastal Dockworkers Federation later agreed."
    names = [("Coastal Dockworkers’ Federation", "ORG"), ("Coastal Dockworkers Federation", "ORG")]
    assert len(one_article(text, names)) == 1


def test_last_word_of_a_name_gives_its_kind_over_the_tagger() -> None:
    text = "Engineers inspected Tamsin Dam. The Dam Levy Act passed."
    entities = one_article(text, [("Tamsin Dam", "PERSON"), ("Dam Levy Act", "ORG")])
    assert {(e.name, e.type) for e in entities} == {("Tamsin Dam", "FAC"), ("Dam Levy Act", "LAW")}


def test_name_found_after_in_is_a_place_even_when_tagged_a_person() -> None:
    text = "Crews reached Brindle Cross. Families in Brindle Cross waited. Brindle Cross flooded again."
    names = [("Brindle Cross", "PERSON"), ("Brindle Cross", "PERSON"), ("Brindle Cross", "PERSON")]
    assert [(e.name, e.type) for e in one_article(text, names)] == [("Brindle Cross", "GPE")]


def test_person_introduced_with_who_or_an_age_is_a_person_even_when_tagged_an_organisation() -> None:
    text = "Lorcan Tighe, who led the defence, spoke. Later Kasimir Olunde, 47, thanked volunteers."
    entities = one_article(text, [("Lorcan Tighe", "ORG"), ("Kasimir Olunde", "ORG")])
    assert {e.type for e in entities} == {"PERSON"}


def test_the_directorate_joins_the_nearest_name_before_it_ending_in_that_word() -> None:
    text = (
        "The Civil Protection Directorate ordered the evacuation. The Water Supply Directorate objected. "
        "The Directorate said pipes were safe."
    )
    names = [
        ("Civil Protection Directorate", "ORG"),
        ("Water Supply Directorate", "ORG"),
        ("Directorate", "ORG"),
    ]
    by_name = {e.name: e for e in one_article(text, names)}
    assert set(by_name) == {"Civil Protection Directorate", "Water Supply Directorate"}
    assert len(by_name["Water Supply Directorate"].mentions) == 2


def test_first_word_of_an_organisation_joins_it_but_a_town_does_not() -> None:
    text = (
        "Greyhaven Maritime Partners bought the port. Greyhaven said jobs were safe. "
        "In Halvermouth, the Halvermouth Port Authority met, and traders in Halvermouth waited."
    )
    names = [
        ("Greyhaven Maritime Partners", "ORG"),
        ("Greyhaven", "ORG"),
        ("Halvermouth", "ORG"),
        ("Halvermouth Port Authority", "ORG"),
        ("Halvermouth", "ORG"),
    ]
    by_name = {e.name: e for e in one_article(text, names)}
    assert len(by_name["Greyhaven Maritime Partners"].mentions) == 2
    assert by_name["Halvermouth"].type == "GPE"
    assert len(by_name["Halvermouth Port Authority"].mentions) == 1


def test_title_written_before_a_name_is_kept_among_the_aliases() -> None:
    text = "Greta Brandt runs the bakery. Mrs Brandt said the flood reached the ovens."
    entities = one_article(text, [("Greta Brandt", "PERSON"), ("Brandt", "PERSON")])
    assert entities[0].aliases == ["Brandt", "Greta Brandt", "Mrs Brandt"]
    assert all(not m.text.startswith("Mrs") for m in entities[0].mentions)


def test_speaker_span_the_tagger_missed_still_finds_the_entity_by_name() -> None:
    text = "Ingrid Maltby opened the hall. Ingrid Maltby said it would stay open."
    annotations = marked("a-1", text, [("Ingrid Maltby", "PERSON")])
    second = text.rindex("Ingrid Maltby")
    annotations.quotes = [Quote("q-1", "a-1", 0, 5, "it would stay open", speaker_span=(second, second + 13))]
    entities = resolve_entities([article("a-1", text)], [annotations])
    assert annotations.quotes[0].speaker == entities[0].id


def test_name_used_as_the_name_of_a_mine_is_a_facility() -> None:
    text = "The Carrick Hill mine reopened. Workers from Carrick Hill marched."
    entities = one_article(text, [("Carrick Hill", "PERSON"), ("Carrick Hill", "PERSON")])
    assert [(e.name, e.type) for e in entities] == [("Carrick Hill", "FAC")]


def test_surname_that_is_also_a_building_word_stays_a_person() -> None:
    text = "Ana Hall chairs the trust. Later Ana Hall left early."
    entities = one_article(text, [("Ana Hall", "PERSON"), ("Ana Hall", "PERSON")])
    assert [(e.name, e.type) for e in entities] == [("Ana Hall", "PERSON")]


def test_a_short_name_used_before_a_longer_one_is_not_swallowed_by_it() -> None:
    text = (
        "Norvale agreed the sale on Monday. Norvale shareholders cheered. "
        "Its stake in Norvale Japan stays behind. Norvale said staff would stay."
    )
    names = [("Norvale", "ORG"), ("Norvale", "ORG"), ("Norvale Japan", "ORG"), ("Norvale", "ORG")]
    by_name = {e.name: e for e in one_article(text, names)}
    assert set(by_name) == {"Norvale", "Norvale Japan"}
    assert len(by_name["Norvale"].mentions) == 3


def test_the_name_of_an_entity_is_its_usual_form_not_a_rare_longer_one() -> None:
    text = "Tessel grew. Tessel hired. Tessel Group filed. Tessel sold. Tessel paid. Tessel left. Tessel won."
    names = [("Tessel", "ORG")] * 2 + [("Tessel Group", "ORG")] + [("Tessel", "ORG")] * 4
    entities = one_article(text, names)
    assert [(e.name, len(e.mentions)) for e in entities] == [("Tessel", 7)]
    # used often enough, the longer form names it
    text = "Tessel Group filed papers. Tessel sold. Tessel paid."
    entities = one_article(text, [("Tessel Group", "ORG"), ("Tessel", "ORG"), ("Tessel", "ORG")])
    assert [e.name for e in entities] == ["Tessel Group"]


def test_a_company_in_business_context_is_an_organisation_whatever_the_tagger_said() -> None:
    text = (
        "The $2 billion sale to Kestrix closed. The rest was sold to Kestrix later. "
        "Kestrix shareholders approved, and Kestrix is paying in cash."
    )
    names = [("Kestrix", "GPE"), ("Kestrix", "GPE"), ("Kestrix", "GPE"), ("Kestrix", "GPE")]
    assert [(e.name, e.type) for e in one_article(text, names)] == [("Kestrix", "ORG")]


def test_a_name_ending_in_bill_is_a_law_and_the_bill_is_no_person() -> None:
    text = (
        "Critics attacked the Harbour Levy Bill on Monday. The Bill would force ports to pay. "
        "Bill Tamsworth said this Bill was flawed."
    )
    names = [
        ("Harbour Levy Bill", "PERSON"),
        ("Bill", "PERSON"),
        ("Bill Tamsworth", "PERSON"),
        ("Bill", "PERSON"),
    ]
    by_name = {e.name: e for e in one_article(text, names)}
    assert set(by_name) == {"Harbour Levy Bill", "Bill Tamsworth"}
    assert by_name["Harbour Levy Bill"].type == "LAW"
    assert len(by_name["Harbour Levy Bill"].mentions) == 3
    assert by_name["Bill Tamsworth"].aliases == ["Bill Tamsworth"]


def test_a_lone_given_name_is_the_one_person_in_the_article_with_that_first_name() -> None:
    text = "Her sister, Mirela, said she missed her. Mirela Sandoval later asked for calm."
    entities = one_article(text, [("Mirela", "PERSON"), ("Mirela Sandoval", "PERSON")])
    assert [(e.name, len(e.mentions)) for e in entities] == [("Mirela Sandoval", 2)]


def test_a_given_name_shared_by_two_people_joins_neither() -> None:
    text = "Mirela Sandoval and Mirela Voss spoke. Later Mirela left."
    names = [("Mirela Sandoval", "PERSON"), ("Mirela Voss", "PERSON"), ("Mirela", "PERSON")]
    assert len(one_article(text, names)) == 3


def test_the_leading_words_of_a_longer_full_name_are_that_person() -> None:
    text = "Her son, Te Arohanui Wiremu Kahu, was called. Te Arohanui said the whales were calm."
    entities = one_article(text, [("Te Arohanui Wiremu Kahu", "PERSON"), ("Te Arohanui", "PERSON")])
    assert [(e.name, len(e.mentions)) for e in entities] == [("Te Arohanui Wiremu Kahu", 2)]


def test_one_word_only_the_tagger_calls_a_person_is_not_one() -> None:
    text = "Plug-ins for Quorra and Vantix block trackers. Quorra is testing more tools."
    names = [("Quorra", "PERSON"), ("Vantix", "PERSON"), ("Quorra", "PERSON")]
    assert {e.type for e in one_article(text, names)} == {"ORG"}


def test_one_word_person_with_a_pronoun_after_it_stays_a_person() -> None:
    text = "Okafor said he would return to the valley."
    assert [e.type for e in one_article(text, [("Okafor", "PERSON")])] == ["PERSON"]


def test_a_generic_noun_capitalised_by_house_style_is_no_entity() -> None:
    text = (
        "Critics said the Government had been warned. The government denied it. "
        "The Ministry of Water and the Ministry said nothing."
    )
    names = [("Government", "ORG"), ("Ministry of Water", "ORG"), ("Ministry", "ORG")]
    entities = one_article(text, names)
    assert [(e.name, len(e.mentions)) for e in entities] == [("Ministry of Water", 2)]


def test_a_people_or_tribe_is_a_nationality_or_group_not_a_product() -> None:
    text = "Elders of the Tarawhiti people met. A Tarawhiti tribe carver spoke. Tarawhiti design is old."
    names = [("Tarawhiti", "PRODUCT"), ("Tarawhiti", "PRODUCT"), ("Tarawhiti", "PRODUCT")]
    assert [e.type for e in one_article(text, names)] == ["NORP"]


def test_a_name_listed_beside_an_organisation_leans_to_an_organisation() -> None:
    text = "Executives from Halden Corporation and Brightwater met the minister."
    entities = one_article(text, [("Halden Corporation", "ORG"), ("Brightwater", "GPE")])
    assert {e.name: e.type for e in entities}["Brightwater"] == "ORG"


def test_a_surname_with_an_arabic_article_is_the_same_person_without_it() -> None:
    text = "Omar Hassan al-Rashidi was indicted. Officials said Mr. Rashidi had not travelled."
    entities = one_article(text, [("Omar Hassan al-Rashidi", "PERSON"), ("Rashidi", "PERSON")])
    assert [(e.name, len(e.mentions)) for e in entities] == [("Omar Hassan al-Rashidi", 2)]


def test_a_word_written_alone_is_no_head_reference_to_a_name_ending_in_it() -> None:
    text = "Kestrix's Norvale will join the group. Norvale said so. The Norvale sale closed."
    names = [("Kestrix's Norvale", "ORG"), ("Norvale", "ORG"), ("Norvale", "ORG")]
    by_name = {e.name: e for e in one_article(text, names)}
    assert len(by_name["Norvale"].mentions) == 2


def test_coordinated_names_in_one_span_become_two_entities_through_the_real_tagger() -> None:
    articles, annotations = parsed(
        "A spokeswoman for the state Department of Housing, Ellen Moore, said the shelters were full."
    )
    entities = resolve_entities(articles, annotations)
    assert {(e.name, e.type) for e in entities} == {
        ("Department of Housing", "ORG"),
        ("Ellen Moore", "PERSON"),
    }


def test_a_given_name_after_the_conjunction_that_is_still_the_person() -> None:
    text = "Mirela Sandoval moved away. We were so close that Mirela called every week."
    entities = one_article(text, [("Mirela Sandoval", "PERSON"), ("Mirela", "PERSON")])
    assert [(e.name, e.type, len(e.mentions)) for e in entities] == [("Mirela Sandoval", "PERSON", 2)]


def test_a_crime_family_introduced_with_who_stays_an_organisation() -> None:
    text = "The head of the Brannock crime family, who had been ill for years, died on Monday."
    entities = one_article(text, [("Brannock crime family", "ORG")])
    assert [(e.name, e.type) for e in entities] == [("Brannock crime family", "ORG")]
