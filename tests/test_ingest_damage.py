"""Damaged and hostile local inputs: cut archives, links out of a folder, entity bombs, bad bytes."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import duckdb
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import storyline
from storyline.config import Settings
from storyline.ingest import read_inputs
from storyline.ingest.decode import decode_text
from storyline.model import InputProblem, RawDocument

Item = RawDocument | InputProblem


def read(*inputs: Path, **overrides: object) -> list[Item]:
    values: dict[str, object] = {"jobs": 1}
    values.update(overrides)
    return list(read_inputs([str(i) for i in inputs], Settings(**values)))  # type: ignore[arg-type]


def problems(items: list[Item]) -> list[InputProblem]:
    return [i for i in items if isinstance(i, InputProblem)]


def documents(items: list[Item]) -> list[RawDocument]:
    return [i for i in items if isinstance(i, RawDocument)]


# Item 3: a truncated archive is not silent.


def _warc(records: int, gzipped: bool) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    writer.write_record(writer.create_warcinfo_record("crawl", {"software": "tests"}))
    for n in range(records):
        # Varied words, so each gzip member is long enough to be cut in the middle.
        words = " ".join(f"w{n}x{k * 7919 % 10007}" for k in range(600))
        body = f"<html><body><p>Story {n}. {words}</p></body></html>".encode()
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            f"https://news.example/{n}", "response", payload=io.BytesIO(body), http_headers=http
        )
        writer.write_record(record)
    return out.getvalue()


def test_truncated_warc_gz_names_the_archive_and_what_was_lost(tmp_path: Path) -> None:
    data = _warc(10, gzipped=True)
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(data[: len(data) * 55 // 100])
    items = read(path)
    docs, (problem,) = documents(items), problems(items)
    assert 3 <= len(docs) < 10
    # The cut falls inside a record: that record is named, and the reason says the archive is truncated.
    assert problem.source == f"{path}#record{len(docs) + 1}"
    assert problem.reason.startswith("truncated: the archive ends inside this record")
    assert "missing" in problem.reason


def test_warc_gz_cut_in_its_last_gzip_trailer_keeps_the_records_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(_warc(4, gzipped=True)[:-4])
    items = read(path)
    assert len(documents(items)) == 4
    (problem,) = problems(items)
    assert problem.source == str(path)
    assert problem.reason.startswith(
        "truncated: the file ends inside a compressed block after response record 4"
    )


def test_whole_warc_gz_gives_every_record_and_no_problem(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(_warc(10, gzipped=True))
    items = read(path)
    assert len(documents(items)) == 10 and not problems(items)


def test_cut_record_in_an_uncompressed_warc_is_a_problem_not_a_page(tmp_path: Path) -> None:
    data = _warc(4, gzipped=False)
    fourth = data.rindex(b"WARC/1.", 0, data.index(b"https://news.example/3"))
    path = tmp_path / "crawl.warc"
    path.write_bytes(data[: fourth + 1500])
    items = read(path)
    assert len(documents(items)) == 3
    (problem,) = problems(items)
    assert problem.source == f"{path}#record4"
    assert problem.reason.startswith("truncated: the archive ends inside this record")
    assert "no article body" not in problem.reason


def test_warc_cut_inside_a_records_headers_is_reported(tmp_path: Path) -> None:
    data = _warc(3, gzipped=False)
    third = data.rindex(b"WARC/1.", 0, data.index(b"https://news.example/2"))
    path = tmp_path / "crawl.warc"
    path.write_bytes(data[: third + 120])
    items = read(path)
    assert len(documents(items)) == 2
    (problem,) = problems(items)
    assert problem.source == str(path) and problem.reason.startswith("truncated")


# Item 6: symbolic links out of the folder given.


def test_links_leading_out_of_the_folder_are_not_followed_unless_asked(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Private notes that must stay out of a report.", encoding="utf-8")
    folder = tmp_path / "pages"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("A saved article about the bridge.", encoding="utf-8")
    (folder / "sub" / "b.txt").write_text("Another saved article.", encoding="utf-8")
    os.symlink(outside, folder / "etc")
    os.symlink(outside / "secret.txt", folder / "c.txt")
    os.symlink(folder / "sub", folder / "inside")  # stays in the folder: followed (and read once)

    items = read(folder)
    read_paths = sorted(Path(d.source).name for d in documents(items))
    assert read_paths == ["a.txt", "b.txt"]
    refused = {Path(p.source).name: p for p in problems(items)}
    assert set(refused) == {"etc", "c.txt"}
    assert all(p.kind == "refused" and "symbolic link" in p.reason for p in refused.values())
    assert "--follow-links" in refused["etc"].reason and str(outside) in refused["etc"].reason

    followed = read(folder, follow_links=True)
    assert not problems(followed)
    assert "secret.txt" in {Path(d.source).name for d in documents(followed)}


# Item 9: the smaller ones.


def test_too_large_hint_names_the_real_option(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 400, encoding="utf-8")
    (problem,) = read(path, max_bytes=1024)
    assert isinstance(problem, InputProblem) and problem.kind == "too_large"
    assert "--max-mb" in problem.reason and "--max-bytes" not in problem.reason


BOMB = """<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY a "aaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<rss version="2.0"><channel><title>Bomb</title>
<item><title>&c;</title><description>&c;</description></item></channel></rss>
"""


def test_xml_entity_bomb_is_refused_and_described_as_what_it_is(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(BOMB, encoding="utf-8")
    (problem,) = read(path)
    assert isinstance(problem, InputProblem)
    assert "entit" in problem.reason and "HTML" not in problem.reason


@pytest.mark.parametrize(
    ("text", "suffix"),
    [('{"text": "a\nb"}', ".json"), ('{"text": "unterminated', ".jsonl")],
)
def test_json_errors_do_not_stutter(tmp_path: Path, text: str, suffix: str) -> None:
    path = tmp_path / f"records{suffix}"
    path.write_text(text, encoding="utf-8")
    (problem,) = read(path)
    assert isinstance(problem, InputProblem)
    assert problem.reason.startswith("not valid JSON") and "at at" not in problem.reason
    assert "line 1 column" in problem.reason


def test_utf8_with_one_bad_byte_is_read_as_utf8() -> None:
    good = "Caf\u00e9 au lait, cr\u00e8me br\u00fbl\u00e9e et na\u00efvet\u00e9.".encode()
    damaged = good[:20] + b"\xff" + good[20:]
    text, encoding = decode_text(damaged)
    assert encoding == "utf-8"
    assert text.startswith("Caf\u00e9 au lait") and "br\u00fbl\u00e9e" in text and "\ufffd" in text


def test_legacy_text_is_still_read_in_its_code_page() -> None:
    russian = "\u041f\u0440\u0438\u0432\u0435\u0442, \u043a\u0430\u043a \u0434\u0435\u043b\u0430?"
    assert decode_text(russian.encode("cp1251")) == (russian, "cp1251")


def test_local_files_record_their_encoding(tmp_path: Path) -> None:
    utf8 = tmp_path / "a.txt"
    utf8.write_text("Caf\u00e9 society, again.", encoding="utf-8")
    legacy = tmp_path / "b.html"
    legacy.write_bytes('<meta charset="windows-1252"><p>Caf\u00e9 \u2014 again.</p>'.encode("cp1252"))
    damaged = tmp_path / "c.txt"
    damaged.write_bytes("Caf\u00e9 cr\u00e8me".encode() + b"\xff")
    docs = read(utf8, legacy, damaged)
    assert [d.encoding for d in documents(docs)] == ["utf-8", "cp1252", "utf-8"]
    # The recorded name decodes to the same text detection found.
    for doc in documents(docs):
        assert decode_text(doc.data, doc.encoding)[0] == decode_text(doc.data)[0]


def test_json_record_lists_still_read(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text(json.dumps([{"text": "One."}, {"text": "Two."}]), encoding="utf-8")
    assert len(documents(read(path))) == 2


def test_inputs_table_records_the_encoding_of_local_files(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    text = "Caf\u00e9 owners said on Monday that the council raised rents by 12 percent."
    (folder / "a.txt").write_bytes(text.encode("cp1252"))
    storyline.analyze([str(folder)], output_dir=str(tmp_path / "out"), settings=Settings(jobs=1))
    with duckdb.connect(str(tmp_path / "out" / "story.duckdb"), read_only=True) as con:
        rows = con.execute("SELECT source, encoding FROM inputs").fetchall()
    assert rows == [(str(folder / "a.txt"), "cp1252")]


# Found by fuzzing: JSON nested deeper than the parser's recursion.


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_json_nested_too_deep_is_one_problem_and_the_batch_goes_on(tmp_path: Path, depth: int) -> None:
    deep = "[" * depth + "]" * depth
    (tmp_path / "deep.json").write_text(deep, encoding="utf-8")
    good = json.dumps({"text": "The harbour reopened on Friday after the storm."})
    lines = tmp_path / "mixed.jsonl"
    lines.write_text(f"{good}\n{deep}\n{good.replace('Friday', 'Sunday')}\n", encoding="utf-8")
    after = tmp_path / "after.txt"
    after.write_text("A plain article read after the deep ones.", encoding="utf-8")

    items = read(tmp_path / "deep.json", lines, after)

    bad = problems(items)
    assert [p.source for p in bad] == [str(tmp_path / "deep.json"), f"{lines}#L2"]
    for problem in bad:
        assert "internal error" not in problem.reason
        assert "nested deeper" in problem.reason
        assert "\n" not in problem.reason
    assert [d.source for d in documents(items)] == [f"{lines}#L1", f"{lines}#L3", str(after)]
