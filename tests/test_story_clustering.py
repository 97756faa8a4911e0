"""Telling the stories of a mixed input apart, and aligning claims only within one story."""

from __future__ import annotations

from pathlib import Path

from storyline.crosscheck.run import crosscheck
from storyline.crosscheck.stories import cluster_stories, story_index
from storyline.model import Article, Entity, Figure, Mention, Story, content_id

FLOOD = [
    "The Tarrow River burst its banks in Marlow Creek on Monday, and 12 people were injured as floodwater "
    "swept through the mill district. Governor Elena Varga ordered an evacuation of the low streets.",
    "Governor Elena Varga visited flooded Marlow Creek on Tuesday, where the Tarrow River left the mill "
    "district under water. Officials said 12 people were injured and hundreds of homes were evacuated.",
    "Repairs to the Tarrow River embankment at Marlow Creek will cost millions, engineers said, as "
    "floodwater receded from the mill district and evacuated residents began to return home.",
]
TRANSIT = [
    "A commuter bus crashed into a barrier on the Northgate ring road in Port Aubrey on Monday morning, "
    "and 12 people were injured, the transit authority said. Driver fatigue is being investigated.",
    "The Port Aubrey transit authority suspended two bus routes on the Northgate ring road after "
    "Monday's crash, which injured 12 people. Transport commissioner Lena Hart promised a review.",
]


def make_article(text: str, n: int) -> Article:
    return Article(id=content_id("a", n, text), source=f"{n}.txt", text=text, outlet=f"Outlet {n}")


def entity(name: str, kind: str, articles: list[Article]) -> Entity:
    e = Entity(content_id("e", name, kind), name, kind, [name])
    for a in articles:
        if name in a.text:
            start = a.text.index(name)
            e.mentions.append(Mention(a.id, start, start + len(name), name))
    return e


def mixed_story(with_entities: bool = True) -> tuple[Story, list[Article], list[Article]]:
    flood = [make_article(t, i) for i, t in enumerate(FLOOD)]
    transit = [make_article(t, 10 + i) for i, t in enumerate(TRANSIT)]
    # interleaved, as a feed would give them
    articles = [flood[0], transit[0], flood[1], transit[1], flood[2]]
    names = [("Tarrow River", "LOC"), ("Marlow Creek", "GPE"), ("Elena Varga", "PERSON"),
             ("Port Aubrey", "GPE"), ("Northgate", "FAC"), ("Lena Hart", "PERSON")]  # fmt: skip
    entities = [entity(n, k, articles) for n, k in names] if with_entities else []
    return Story(articles=articles, entities=entities), flood, transit


def as_sets(groups: list[list[str]]) -> set[frozenset[str]]:
    return {frozenset(g) for g in groups}


def test_two_unrelated_stories_are_clustered_apart() -> None:
    story, flood, transit = mixed_story()
    groups = cluster_stories(story)
    assert as_sets(groups) == {frozenset(a.id for a in flood), frozenset(a.id for a in transit)}
    index = story_index(groups)
    assert index[flood[0].id] == 0 and index[transit[0].id] == 1


def test_words_alone_separate_stories_without_entities() -> None:
    story, flood, transit = mixed_story(with_entities=False)
    assert as_sets(cluster_stories(story)) == {
        frozenset(a.id for a in flood),
        frozenset(a.id for a in transit),
    }


def test_one_story_is_one_group() -> None:
    story, flood, _ = mixed_story()
    story.articles = flood
    assert cluster_stories(story) == [[a.id for a in flood]]


def test_linked_articles_always_share_a_story() -> None:
    story, flood, transit = mixed_story()
    groups = cluster_stories(story, [(flood[0].id, transit[0].id)])
    assert len(groups) == 1


def test_same_figure_in_two_stories_is_not_one_claim() -> None:
    story, flood, transit = mixed_story()
    for a in (flood[0], flood[1], transit[0], transit[1]):
        start = a.text.index("12 people")
        story.figures.append(
            Figure(
                content_id("f", a.id, start),
                a.id,
                start,
                start + 9,
                "12 people",
                12,
                "people",
                "exact",
                "people injured",
            )  # fmt: skip
        )
    claims = crosscheck(story).claims
    assert sorted(sorted(c.articles) for c in claims) == sorted(
        [sorted([flood[0].id, flood[1].id]), sorted([transit[0].id, transit[1].id])]
    )
    assert all(c.status == "corroborated" for c in claims)


def test_articles_stating_the_same_specific_facts_share_a_story() -> None:
    # the same facts written differently, so only extraction can see they are the same
    one = make_article("Crews moved 1,240 families overnight; fixing the wall will take €2.35 million.", 1)
    two = make_article("A bulletin listed 1240 evacuees and set aside 2,350,000 euros for works.", 2)
    story = Story(articles=[one, two])
    assert len(cluster_stories(story)) == 2
    facts = [
        (one, "1,240", 1240, "families"),
        (two, "1240", 1240, "evacuees"),
        (one, "€2.35 million", 2.35e6, "EUR"),
        (two, "2,350,000 euros", 2.35e6, "EUR"),
    ]
    for a, text, value, unit in facts:
        start = a.text.index(text)
        story.figures.append(
            Figure(content_id("f", a.id, start), a.id, start, start + len(text), text, value, unit)
        )
    # the counts differ in unit, so only the money is shared: one fact alone is not enough
    assert len(cluster_stories(story)) == 2
    story.figures[1].unit = "families"
    assert cluster_stories(story) == [[one.id, two.id]]


def test_earlier_stories_stay_and_new_articles_join_the_one_they_tell_of() -> None:
    """Articles arriving later are placed into the stories an earlier run made, or open their own."""
    story, flood, transit = mixed_story()
    earlier = {flood[0].id: 0, flood[1].id: 0, transit[0].id: 1}
    groups = cluster_stories(story, previous=earlier)
    assert as_sets(groups) == {frozenset(a.id for a in flood), frozenset(a.id for a in transit)}
    assert story_index(groups)[transit[0].id] == 1  # numbers of earlier stories are kept


def test_a_new_article_of_another_story_opens_its_own() -> None:
    story, flood, transit = mixed_story()
    story.articles = [*flood, transit[0]]
    groups = cluster_stories(story, previous={a.id: 0 for a in flood})
    assert as_sets(groups) == {frozenset(a.id for a in flood), frozenset([transit[0].id])}


def test_earlier_stories_are_never_regrouped() -> None:
    """Even two stories that words alone would join stay apart once a run has told them apart."""
    story, flood, _ = mixed_story()
    story.articles = flood
    groups = cluster_stories(story, previous={flood[0].id: 0, flood[1].id: 1, flood[2].id: 1})
    assert groups == [[flood[0].id], [flood[1].id, flood[2].id]]


def test_a_later_run_into_the_same_folder_places_new_articles_into_its_stories(tmp_path: Path) -> None:
    from storyline.pipeline import analyze

    first, later, out = tmp_path / "monday", tmp_path / "tuesday", tmp_path / "out"
    for folder, texts in ((first, [FLOOD[0], FLOOD[1], *TRANSIT]), (later, [FLOOD[2]])):
        folder.mkdir()
        for n, text in enumerate(texts):
            (folder / f"{folder.name}-{n}.txt").write_text(text, "utf-8")

    def stories(story: Story) -> dict[str, int]:
        return {a.source.rsplit("/", 1)[-1]: p["story"] for a in story.articles for p in story.profiles
                if p["article"] == a.id}  # fmt: skip

    before = stories(analyze([str(first)], out))
    after = stories(analyze([str(later)], out))
    assert before["monday-0.txt"] != before["monday-2.txt"]  # a flood and a bus crash
    assert {k: after[k] for k in before} == before
    assert after["tuesday-0.txt"] == before["monday-0.txt"]  # the flood story


def test_a_fragment_that_names_little_rejoins_the_happening_whose_words_it_shares() -> None:
    """The names pass cuts off an article that names nobody; its words still say which story it tells."""
    from storyline.crosscheck.stories import _rejoin_fragments

    texts = [*FLOOD, *TRANSIT, TRANSIT[0].replace("Port Aubrey", "the city").replace("Northgate", "the")]
    texts.append("The floodwater in the mill district receded and evacuated residents began to return home.")
    texts.append("Cellists and violinists rehearsed a new symphony for the autumn concert season.")
    parts = [[0, 1, 2], [3, 4, 5], [6], [7]]
    joined = _rejoin_fragments(texts, parts)
    assert sorted(map(sorted, joined)) == [[0, 1, 2, 6], [3, 4, 5], [7]]


def test_one_kind_of_happening_in_two_years_is_two_stories() -> None:
    """Two council elections in Kell are told in the same words; their year sets them apart."""
    earlier = [
        "Voters in Kell elected a new town council on Sunday in the 2019 election, officials said. "
        "Turnout was high in the harbour district, and the count finished late in the evening.",
        "The 2019 Kell council election ended on Sunday with a new council, the election office said. "
        "Officials reported a high turnout in the harbour district and a late count.",
        "Kell chose its town council in a 2019 vote on Sunday. Election officials said turnout in the "
        "harbour district was high and counting went on late into the evening.",
    ]
    later = [
        "Residents of Kell picked a new town council on Sunday in the 2024 election. Officials said "
        "turnout in the harbour district was high and the count ran late.",
        "In the 2024 election, Kell voted for its town council on Sunday; the election office reported "
        "high turnout in the harbour district and a count that finished late.",
        "Sunday's 2024 council election in Kell drew a high turnout in the harbour district, "
        "election officials said, and counting went on late into the evening.",
    ]
    first = [make_article(t, n) for n, t in enumerate(earlier)]
    second = [make_article(t, 10 + n) for n, t in enumerate(later)]
    story = Story(articles=[first[0], second[0], first[1], second[1], first[2], second[2]])
    assert as_sets(cluster_stories(story)) == {
        frozenset(a.id for a in first),
        frozenset(a.id for a in second),
    }


def _arrests(player: str, teammate: str | None, day: str) -> list[str]:
    """Three made-up reports of one player's arrest, told in the same words as any other's."""
    earlier = f" It is the team's second such arrest this season, after {teammate}'s." if teammate else ""
    return [
        f"Kell Harbour wing {player} was arrested on suspicion of drunk driving early {day} on the coast "
        f"road, the highway patrol said. {player} was released on bail.{earlier}",
        f"Highway patrol officers stopped {player} of Kell Harbour on the coast road early {day} and "
        f"arrested him on suspicion of drunk driving. {player} said he would contest it.{earlier}",
        f"{player}, a wing for Kell Harbour, faces a drunk-driving charge after his arrest on the coast "
        f"road early {day}, the patrol said. The club said it was aware of {player}'s arrest.{earlier}",
    ]


def _named_people(articles: list[Article], *names: str) -> Story:
    """The articles with a PERSON entity per name, every place it is written a mention."""
    people = []
    for name in names:
        e = Entity(content_id("e", name), name, "PERSON", [name])
        for a in articles:
            at = a.text.find(name)
            while at >= 0:
                e.mentions.append(Mention(a.id, at, at + len(name), name))
                at = a.text.find(name, at + 1)
        people.append(e)
    return Story(articles=articles, entities=people)


def test_a_group_centred_on_two_people_one_never_named_by_the_other_is_two_stories() -> None:
    """Two players' arrests share every word and place; the later reports name the earlier arrest,
    the earlier never name the later player, so each arrest is a happening of its own."""
    from storyline.crosscheck.stories import _by_protagonist, _people_named

    first = [make_article(t, n) for n, t in enumerate(_arrests("Ivo Marr", None, "Tuesday"))]
    second = [make_article(t, 10 + n) for n, t in enumerate(_arrests("Tomas Brandt", "Ivo Marr", "Sunday"))]
    articles = [first[0], second[0], first[1], second[1], first[2], second[2]]
    story = _named_people(articles, "Ivo Marr", "Tomas Brandt")
    parts = _by_protagonist(articles, list(range(6)), _people_named(story))
    assert sorted(map(sorted, parts)) == [[0, 2, 4], [1, 3, 5]]
    # told as one story end to end as well
    assert as_sets(cluster_stories(story)) == {
        frozenset(a.id for a in first),
        frozenset(a.id for a in second),
    }


def test_people_who_name_each_other_or_share_a_name_stay_one_story() -> None:
    """A victim and a suspect each named in the other's reports are one happening; so are "Ivo Marr"
    and "Marr", one man whom resolution kept as two."""
    from storyline.crosscheck.stories import _by_protagonist, _people_named

    first = [make_article(t, n) for n, t in enumerate(_arrests("Ivo Marr", "Tomas Brandt", "Tuesday"))]
    second = [make_article(t, 10 + n) for n, t in enumerate(_arrests("Tomas Brandt", "Ivo Marr", "Tuesday"))]
    both = [*first, *second]
    assert _by_protagonist(
        both, list(range(6)), _people_named(_named_people(both, "Ivo Marr", "Tomas Brandt"))
    ) == [list(range(6))]
    alone = [make_article(t, 20 + n) for n, t in enumerate(_arrests("Marr", None, "Tuesday"))]
    one_man = [
        *first[:0],
        *[make_article(t, 30 + n) for n, t in enumerate(_arrests("Ivo Marr", None, "Tuesday"))],
    ]
    story = _named_people([*one_man, *alone], "Ivo Marr")
    story.entities.append(
        Entity(
            content_id("e", "Marr"),
            "Marr",
            "PERSON",
            ["Marr"],
            [
                Mention(a.id, a.text.find("Marr"), a.text.find("Marr") + 4, "Marr")
                for a in alone
                for _ in range(3)
            ],
        )
    )
    assert _by_protagonist([*one_man, *alone], list(range(6)), _people_named(story)) == [list(range(6))]


def test_one_kind_of_happening_published_years_apart_is_two_stories() -> None:
    """The same council election told in the same words, no year written: the publication year
    sets the two apart; published days apart, they stay one story."""
    texts = [
        "Kell elected a new town council on Sunday, officials said, after a high turnout in the "
        "harbour district and a count that finished late in the evening.",
        "Kell has a new town council after the vote on Sunday, the election office said, with a high "
        "turnout in the harbour district and a late count.",
        "Kell chose its town council on Sunday; election officials said turnout in the harbour district "
        "was high and counting went on late into the evening.",
    ]

    def reports(first: int, published: list[str]) -> list[Article]:
        out = []
        for n, (text, day) in enumerate(zip(texts, published, strict=True)):
            article = make_article(text, first + n)
            article.published = day
            out.append(article)
        return out

    earlier = reports(0, ["2019-05-06", "2019-05-06", "2019-05-07"])
    later = reports(10, ["2024-05-06", "2024-05-07", "2024-05-07"])
    story = Story(articles=[earlier[0], later[0], earlier[1], later[1], earlier[2], later[2]])
    assert as_sets(cluster_stories(story)) == {
        frozenset(a.id for a in earlier),
        frozenset(a.id for a in later),
    }
    same_week = reports(20, ["2024-05-06", "2024-05-07", "2024-05-08"]) + reports(30, ["2024-05-07"] * 3)
    assert len(cluster_stories(Story(articles=same_week))) == 1


def _quake_reports(town: str, day: str, first: int, mayor: str | None = None) -> list[Article]:
    """Three made-up reports of one quake in Tarvia, told in the words any quake report uses."""
    said = f" Mayor {mayor} said rescuers were still searching." if mayor else ""
    texts = [
        f"A strong earthquake struck near {town} in Tarvia, the disaster agency said, and houses "
        f"collapsed.{said}",
        f"Houses collapsed when an earthquake hit {town} in Tarvia, the disaster agency said.{said}",
        f"The earthquake near {town} in Tarvia damaged houses, the disaster agency said.{said}",
    ]
    out = []
    for n, text in enumerate(texts):
        article = make_article(text, first + n)
        article.published = day
        out.append(article)
    return out


def _placed(articles: list[Article], *names: tuple[str, str]) -> Story:
    entities = []
    for name, kind in names:
        e = Entity(content_id("e", name), name, kind, [name])
        for a in articles:
            if name in a.text:
                at = a.text.index(name)
                e.mentions.append(Mention(a.id, at, at + len(name), name))
        entities.append(e)
    return Story(articles=articles, entities=entities)


def test_one_kind_of_happening_months_apart_in_other_places_is_two_stories() -> None:
    """A quake in Orsk in May and one in Velm in August share the country and every word; months
    apart and naming no town or person of the other, they are two stories. A follow-up months later
    that names the same mayor is the same story."""
    from storyline.crosscheck.stories import _by_time, _people_named

    may = _quake_reports("Orsk", "2026-05-11", 0)
    august = _quake_reports("Velm", "2026-08-20", 10)
    articles = [*may, *august]
    story = _placed(articles, ("Tarvia", "GPE"), ("Orsk", "GPE"), ("Velm", "GPE"))
    assert _by_time(articles, list(range(6)), _people_named(story)) == [[0, 1, 2], [3, 4, 5]]
    may = _quake_reports("Orsk", "2026-05-11", 20, mayor="Mila Resh")
    later = _quake_reports("Velm", "2026-08-20", 30, mayor="Mila Resh")
    articles = [*may, *later]
    story = _placed(articles, ("Tarvia", "GPE"), ("Orsk", "GPE"), ("Velm", "GPE"), ("Mila Resh", "PERSON"))
    assert _by_time(articles, list(range(6)), _people_named(story)) == [list(range(6))]
