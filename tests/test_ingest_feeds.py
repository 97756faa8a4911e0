"""Ingestion of RSS and Atom feeds given as files: one document per entry, with the feed's hints."""

from __future__ import annotations

from pathlib import Path

from storyline.config import Settings
from storyline.ingest import read_inputs
from storyline.model import InputProblem, RawDocument

LONG_SUMMARY = " ".join(["The council met again on Tuesday to discuss the bridge."] * 12)

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>The Valley Courier</title>
  <link>https://courier.example/</link>
  <item>
    <title>Bridge closed after  flood</title>
    <link>https://courier.example/bridge</link>
    <dc:creator>Mara Lind</dc:creator>
    <pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>
    <description>Short teaser.</description>
    <content:encoded><![CDATA[<p>The bridge closed on Monday.</p><p>Crews came.</p>]]></content:encoded>
  </item>
  <item>
    <title>Council meets</title>
    <link>https://courier.example/council</link>
    <author>desk@courier.example (Ola Berg)</author>
    <pubDate>Wed, 06 Mar 2024 08:30:00 +0100</pubDate>
    <description>{LONG_SUMMARY}</description>
  </item>
  <item>
    <title>Teaser only</title>
    <link>https://courier.example/teaser</link>
    <description>Read more on our site.</description>
  </item>
  <item>
    <title>Nothing at all</title>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Harbour Notes</title>
  <id>urn:uuid:feed</id>
  <updated>2024-04-02T12:00:00Z</updated>
  <entry>
    <title>Ferry returns</title>
    <id>urn:uuid:1</id>
    <link href="https://harbour.example/ferry"/>
    <updated>2024-04-02T12:00:00Z</updated>
    <published>2024-04-01T09:00:00Z</published>
    <author><name>Ines Kahl</name></author>
    <content type="html">&lt;p&gt;The ferry is back in service.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Plain words</title>
    <id>urn:uuid:2</id>
    <updated>2024-04-03T12:00:00Z</updated>
    <content type="text">Just text here.</content>
  </entry>
</feed>
"""


def read(*inputs: Path, follow: bool = False, private: bool = False) -> list[RawDocument | InputProblem]:
    settings = Settings(jobs=1, follow_feed_links=follow, allow_private_links=private)
    return list(read_inputs([str(i) for i in inputs], settings))


def test_rss_entries_become_documents_with_feed_hints(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(RSS, encoding="utf-8")
    items = read(path)
    assert [i.source for i in items] == [f"{path}#entry{n}" for n in (1, 2, 3, 4)]
    full, summary, teaser, nothing = items
    assert isinstance(full, RawDocument)
    assert full.format == "html"
    assert b"The bridge closed on Monday." in full.data
    assert full.hints.to_dict() == {
        "url": "https://courier.example/bridge",
        "title": "Bridge closed after flood",
        "published": "2024-03-05",
        "outlet": "The Valley Courier",
        "authors": ["Mara Lind"],
    }
    assert isinstance(summary, RawDocument)
    assert b"The council met again" in summary.data
    assert summary.hints.authors == ["Ola Berg"]
    assert summary.hints.published == "2024-03-06"
    # Link following is off here, so a teaser is kept as it is.
    assert isinstance(teaser, RawDocument) and teaser.data == b"Read more on our site."
    assert isinstance(nothing, InputProblem) and nothing.kind == "empty"


def test_atom_entries_become_documents(tmp_path: Path) -> None:
    path = tmp_path / "notes.atom"
    path.write_text(ATOM, encoding="utf-8")
    ferry, plain = read(path)
    assert isinstance(ferry, RawDocument) and isinstance(plain, RawDocument)
    assert ferry.source == f"{path}#entry1"
    assert ferry.format == "html" and b"<p>The ferry is back in service.</p>" in ferry.data
    assert ferry.hints.to_dict() == {
        "url": "https://harbour.example/ferry",
        "title": "Ferry returns",
        "published": "2024-04-01",
        "outlet": "Harbour Notes",
        "authors": ["Ines Kahl"],
    }
    assert plain.format == "text" and plain.data == b"Just text here."


def test_feed_with_unknown_suffix_is_recognised_by_content(tmp_path: Path) -> None:
    path = tmp_path / "download"
    path.write_text(ATOM, encoding="utf-8")
    items = read(path)
    assert [i.source for i in items] == [f"{path}#entry1", f"{path}#entry2"]


def test_feed_saved_as_a_text_file_is_still_read_as_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "saved.txt"
    path.write_text(ATOM, encoding="utf-8")
    items = read(path)
    assert [i.source for i in items] == [f"{path}#entry1", f"{path}#entry2"]


def test_html_page_saved_as_xml_is_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_text("<!DOCTYPE html><html><body><p>Subscribe!</p></body></html>", encoding="utf-8")
    (problem,) = read(path)
    assert isinstance(problem, InputProblem)
    assert problem.kind == "not_a_feed"
    assert "HTML page" in problem.reason


def test_broken_xml_is_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text("<?xml version='1.0'?><catalog><book>unclosed</catalog>", encoding="utf-8")
    (problem,) = read(path)
    assert isinstance(problem, InputProblem)
    assert problem.kind == "not_a_feed"
    assert problem.source == str(path)


def test_feed_without_entries_is_reported_empty(tmp_path: Path) -> None:
    path = tmp_path / "quiet.xml"
    path.write_text('<rss version="2.0"><channel><title>Quiet</title></channel></rss>', encoding="utf-8")
    (problem,) = read(path)
    assert isinstance(problem, InputProblem)
    assert problem.kind == "empty"


def test_teaser_with_a_link_to_a_dead_host_gives_an_entry_problem_when_following(tmp_path: Path) -> None:
    # Port 9 on 127.0.0.1 ("discard") is closed on test machines: the fetch fails fast.
    feed = RSS.replace("https://courier.example/teaser", "http://127.0.0.1:9/teaser")
    path = tmp_path / "feed.xml"
    path.write_text(feed, encoding="utf-8")
    items = read(path, follow=True, private=True)
    teaser = items[2]
    assert isinstance(teaser, InputProblem)
    assert teaser.source == f"{path}#entry3"
    assert teaser.reason.startswith("linked page http://127.0.0.1:9/teaser: could not connect")
    assert isinstance(items[0], RawDocument) and isinstance(items[1], RawDocument)


def _feed_of(items: list[str]) -> str:
    body = "".join(f"<item>{item}</item>" for item in items)
    return f'<rss version="2.0"><channel><title>Flood</title>{body}</channel></rss>'


def test_many_blank_entries_are_one_problem_naming_the_feed(tmp_path: Path) -> None:
    story = (
        "<title>Dam holds</title><description>The dam held through the night, engineers said.</description>"
    )
    blank = [
        "<title>Empty</title>",
        "<description>  </description>",
        "<description>&lt;p&gt;&lt;/p&gt;</description>",
    ]
    items = [story] + [blank[n % 3] for n in range(500)] + [story.replace("night", "weekend")]
    path = tmp_path / "flood.xml"
    path.write_text(_feed_of(items), encoding="utf-8")

    read_items = read(path)

    documents = [i for i in read_items if isinstance(i, RawDocument)]
    assert [d.source for d in documents] == [f"{path}#entry1", f"{path}#entry502"]
    (problem,) = [i for i in read_items if isinstance(i, InputProblem)]
    assert problem.source == str(path)
    assert problem.kind == "empty"
    assert (
        problem.reason
        == "500 of its 502 entries have no text and no link to follow (entries 2, 3, 4, 5, 6 and 495 more)"
    )


def test_one_blank_entry_keeps_its_own_problem_line(tmp_path: Path) -> None:
    story = "<title>Dam holds</title><description>The dam held through the night.</description>"
    path = tmp_path / "feed.xml"
    path.write_text(_feed_of([story, "<title>Empty</title>"]), encoding="utf-8")
    document, problem = read(path)
    assert isinstance(document, RawDocument)
    assert isinstance(problem, InputProblem) and problem.source == f"{path}#entry2"
