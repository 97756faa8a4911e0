"""Claim pages lead to each member's own page (statement, figure, quote, event); statements have pages;
a facet given several values keeps the rows with any of them."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from story_builders import HOSTILE_SENTENCE, disagreeing_story, two_outlet_story, write_story
from storyline.model import Claim, Event, Story, content_id
from storyline.web import create_app


def client_for(story: object, folder: Path) -> TestClient:
    return TestClient(create_app(write_story(story, folder)), base_url="http://127.0.0.1:8765")  # type: ignore[arg-type]


@pytest.fixture
def dam(tmp_path: Path) -> TestClient:
    return client_for(disagreeing_story(), tmp_path / "d")


def with_event_claim(story: Story) -> Story:
    """The story with "left the valley on Monday" as a dated event, a claim of its own."""
    article = story.articles[0]
    start = article.text.index("left the valley on Monday")
    event = Event(
        content_id("v", article.id, start),
        article.id,
        start,
        start + len("left the valley on Monday"),
        "2026-03-02",
        "Monday",
        "residents left the valley",
    )
    story.events.append(event)
    story.claims.append(
        Claim(content_id("c", "left"), "event", event.summary, [event.id], [article.id], "single_source")
    )
    return story


@pytest.fixture
def valley(tmp_path: Path) -> TestClient:
    return client_for(with_event_claim(two_outlet_story()), tmp_path / "v")


def member_links(html: str) -> dict[str, str]:
    """Each member row's id and where its "this …" link leads."""
    rows = re.findall(r'<tr class="member" data-member="([^"]+)">(.*?)</tr>', html, re.S)
    return {m: unescape(re.search(r'<a class="record" href="([^"]+)"', row).group(1)) for m, row in rows}


def test_every_claim_member_links_to_its_own_page_and_the_page_answers(
    dam: TestClient, valley: TestClient
) -> None:
    seen = set()
    for client in (dam, valley):
        for claim in client.get("/claims.json").json():
            links = member_links(client.get(f"/claims/{claim['id']}").text)
            assert set(links) == set(claim["members"])
            sentences = client.get(f"/claims/{claim['id']}.json").json()["sentences"]
            assert {s["fact"]: s["page"] for s in sentences} == links  # the JSON twin says the same
            for member, href in links.items():
                kind = {"s": "statements", "f": "figures", "q": "quotes", "v": "events"}[member[0]]
                assert href == f"/{kind}/{member}"
                assert client.get(href).status_code == 200
                seen.add(kind)
    assert seen == {"statements", "figures", "quotes", "events"}


def test_statement_page_shows_the_sentence_its_claim_and_where_to_read_it(dam: TestClient) -> None:
    statements = dam.get("/statements.json").json()
    denied = next(s for s in statements if s["negated"])
    page = dam.get(f"/statements/{denied['id']}")
    assert page.status_code == 200
    html = page.text
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html  # article text is escaped
    assert "the union" in html and "Negated" in html
    claim = dam.get("/claims.json?status=conflicting").json()[0]
    assert f'href="/claims/{claim["id"]}"' in html
    assert f'href="/articles/{denied["article"]}?focus={denied["id"]}#{denied["id"]}"' in unescape(html)
    twin = dam.get(f"/statements/{denied['id']}.json").json()
    assert twin["statement"]["text"] == HOSTILE_SENTENCE and twin["claim"] == claim["id"]


def test_statements_table_links_each_row_to_its_page(dam: TestClient) -> None:
    html = dam.get("/statements").text
    for s in dam.get("/statements.json").json():
        assert f'href="/statements/{s["id"]}"' in html


def test_an_unknown_statement_is_a_404(dam: TestClient) -> None:
    assert dam.get("/statements/s-nothing").status_code == 404
    assert dam.get("/statements/s-nothing.json").status_code == 404


def test_a_facet_given_twice_keeps_rows_with_either_value(dam: TestClient) -> None:
    every = dam.get("/claims.json").json()
    both = dam.get("/claims.json?status=conflicting&status=updated").json()
    assert {c["status"] for c in both} == {"conflicting", "updated"}
    assert [c["id"] for c in both] == [c["id"] for c in every if c["status"] in ("conflicting", "updated")]
    # the CSV and the page agree, and other facets still narrow
    assert dam.get("/claims.csv?status=conflicting&status=updated").text.count("\r\n") == len(both) + 1
    assert len(dam.get("/claims.json?status=conflicting&status=updated&kind=figure").json()) == 1


def test_multi_value_facet_links_add_and_remove_one_value_each(dam: TestClient) -> None:
    html = dam.get("/claims?status=conflicting&status=updated").text
    facet = re.search(r'data-facet="status">.*?</p>', html, re.S).group()
    links = dict(
        (text, unescape(href)) for href, text in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', facet)
    )
    assert links["conflicting"] == "/claims?status=updated"  # chosen: the link takes it off
    assert links["updated"] == "/claims?status=conflicting"
    assert links["corroborated"] == "/claims?status=conflicting&status=updated&status=corroborated"
    assert facet.count('class="selected"') == 2
    assert "Rows 1–2 of 2" in html


def test_a_bad_value_among_several_is_a_400_naming_it(dam: TestClient) -> None:
    r = dam.get("/claims.json?status=conflicting&status=bogus")
    assert r.status_code == 400 and "'bogus'" in r.json()["detail"]
    r = dam.get("/claims.json?sort=status&sort=kind")
    assert r.status_code == 400 and "once" in r.json()["detail"]


def test_an_alias_is_listed_under_one_actor_and_a_guessed_speaker_is_marked_unsure(tmp_path: Path) -> None:
    from test_report import brandt_story

    client = client_for(brandt_story(), tmp_path / "b")
    table = client.get("/entities").text
    rows = dict(re.findall(r'<tr id="(e-[a-z]+)">(.*?)</tr>', table, re.S))
    aliases = {
        eid: re.search(r'<td class="muted">([^<]*)', row).group(1).strip() for eid, row in rows.items()
    }
    assert aliases == {"e-daniel": "Brandt", "e-greta": ""}
    assert "unsure: also written ‘Brandt’, which is listed under Daniel Brandt" in rows["e-greta"]
    assert "also written as Brandt" not in client.get("/entities/e-greta").text
    assert client.get("/entities/e-greta.json").json()["aliases"] == []
    assert "also written as Brandt" in client.get("/entities/e-daniel").text
    quotes = client.get("/quotes").text
    assert "unsure: speaker ‘the hall’ is not matched to any actor" in quotes
    assert re.findall(r"<h2>([^<]+)</h2>", quotes) == ["Speaker not identified"]
