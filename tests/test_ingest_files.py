"""Ingestion of local files and folders: formats, order, containers and bad bytes."""

from __future__ import annotations

import gzip
import io
import json
import os
import types
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.config import Settings
from storyline.ingest import decode_text, read_inputs
from storyline.ingest import files as ingest_files
from storyline.model import InputProblem, RawDocument

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


def read(*inputs: str | Path, **overrides: object) -> list[RawDocument | InputProblem]:
    settings = Settings(jobs=1, **overrides)  # type: ignore[arg-type]
    return list(read_inputs([str(i) for i in inputs], settings))


def only(items: list[RawDocument | InputProblem]) -> RawDocument | InputProblem:
    assert len(items) == 1, items
    return items[0]


def test_text_markdown_and_html_files_keep_their_bytes_and_format(tmp_path: Path) -> None:
    files = {
        "note.txt": b"Plain words about the flood.\n",
        "brief.md": b"# Flood\n\nThe river rose.\n",
        "long.markdown": b"*Water* everywhere.\n",
        "page.html": b"<html><body><p>The river rose.</p></body></html>",
        "page.htm": b"<p>Old suffix.</p>",
        "page.xhtml": b'<html xmlns="http://www.w3.org/1999/xhtml"><body><p>x</p></body></html>',
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    docs = [only(read(tmp_path / name)) for name in files]
    assert [d.format for d in docs] == ["text", "markdown", "markdown", "html", "html", "html"]
    assert all(isinstance(d, RawDocument) for d in docs)
    assert [d.data for d in docs] == list(files.values())
    assert docs[0].source == str(tmp_path / "note.txt")


def test_folder_is_read_recursively_in_path_order_skipping_hidden_and_unknown_files(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "b" / "deeper").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "a-c").mkdir()
    for rel in ["z.txt", "b/deeper/x.md", "b/a.html", "a-c/m.txt", "a.txt", ".hidden.txt", ".git/c.txt"]:
        (root / rel).write_text(f"Text of {rel}.", encoding="utf-8")
    (root / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not text")
    (root / "notes.docx").write_bytes(b"PK\x03\x04")
    given = str(root) + "/"
    items = read(given)
    assert all(isinstance(i, RawDocument) for i in items), items
    assert [i.source for i in items] == [
        given + "a-c/m.txt",
        given + "a.txt",
        given + "b/a.html",
        given + "b/deeper/x.md",
        given + "z.txt",
    ]


def test_folder_with_nothing_readable_is_reported_empty(tmp_path: Path) -> None:
    (tmp_path / "picture.png").write_bytes(PNG)
    problem = only(read(tmp_path))
    assert isinstance(problem, InputProblem)
    assert problem.kind == "empty"


def test_missing_path_is_reported_and_the_rest_goes_on(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("Still here.", encoding="utf-8")
    items = read(tmp_path / "nope.txt", tmp_path / "ok.txt")
    assert isinstance(items[0], InputProblem)
    assert items[0].source == str(tmp_path / "nope.txt")
    assert items[0].reason == "no such file or folder"
    assert isinstance(items[1], RawDocument) and items[1].data == b"Still here."


def test_read_inputs_is_a_lazy_generator(tmp_path: Path) -> None:
    result = read_inputs([str(tmp_path / "missing")], Settings(jobs=1))
    assert isinstance(result, types.GeneratorType)


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n  "])
def test_empty_or_whitespace_file_is_reported_empty(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(data)
    problem = only(read(path))
    assert isinstance(problem, InputProblem)
    assert problem.kind == "empty"
    assert problem.source == str(path)


def test_binary_file_is_rejected_naming_what_it_looks_like(tmp_path: Path) -> None:
    path = tmp_path / "story.html"
    path.write_bytes(PNG)
    problem = only(read(path))
    assert isinstance(problem, InputProblem)
    assert problem.reason == "binary file (looks like PNG image), not text"


def test_file_of_control_bytes_without_magic_is_binary(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    path.write_bytes(bytes(range(1, 9)) * 200)
    problem = only(read(path))
    assert isinstance(problem, InputProblem)
    assert "binary" in problem.reason


def test_file_over_the_size_cap_is_too_large_and_never_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 1000)

    def refuse(*_: object) -> bytes:
        raise AssertionError("a file over the cap must be refused before reading it")

    monkeypatch.setattr(ingest_files, "_read_bytes", refuse)
    problem = only(read(path, max_bytes=1024))
    assert isinstance(problem, InputProblem)
    assert problem.kind == "too_large"
    assert problem.reason.startswith("larger than 1 KB")


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Le ministre a déclaré : « C’est une décision difficile » — après les fêtes.", "cp1252"),
        ("Straße in München, größer als je zuvor.", "latin-1"),
        ("日本語のテキストです。東京都のニュース。", "shift_jis"),
        ("The mayor said “no”. Ça va.", "utf-16"),
    ],
)
def test_legacy_encoded_file_is_decoded_not_crashed(tmp_path: Path, text: str, encoding: str) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(encoding))
    doc = only(read(path))
    assert isinstance(doc, RawDocument)
    assert decode_text(doc.data, doc.encoding)[0] == text


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_reported_with_what_to_check(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("secret", encoding="utf-8")
    path.chmod(0)
    try:
        problem = only(read(path))
    finally:
        path.chmod(0o644)
    assert isinstance(problem, InputProblem)
    assert problem.kind == "unreadable"
    assert "permission" in problem.reason


def test_permission_error_while_reading_is_unreadable_even_as_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root ignores file modes, so the refusal is simulated where the file is read.
    path = tmp_path / "locked.txt"
    path.write_text("secret", encoding="utf-8")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    problem = only(read(path))
    assert isinstance(problem, InputProblem)
    assert (problem.kind, problem.reason) == ("unreadable", "permission denied; check its permissions")


def test_unknown_suffix_is_sniffed_by_content(tmp_path: Path) -> None:
    (tmp_path / "page").write_bytes(b"<!DOCTYPE html><html><body><p>Hi</p></body></html>")
    (tmp_path / "notes.log").write_bytes(b"Just words, nothing else.")
    (tmp_path / "photo.dat").write_bytes(PNG)
    page, notes, photo = read(tmp_path / "page", tmp_path / "notes.log", tmp_path / "photo.dat")
    assert isinstance(page, RawDocument) and page.format == "html"
    assert isinstance(notes, RawDocument) and notes.format == "text"
    assert isinstance(photo, InputProblem) and photo.kind == "unsupported"


def test_jsonl_bad_line_is_one_problem_and_the_other_lines_go_on(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    lines = [
        json.dumps({"text": "First story.", "title": "One"}),
        json.dumps({"html": "<p>Second story.</p>", "url": "https://example.org/2"}),
        '{"text": "broken',
        "",
        json.dumps({"title": "no body"}),
        json.dumps(["not", "a", "record"]),
        json.dumps({"content": "<div><p>Sixth story.</p></div>"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read(path)
    assert [i.source for i in items] == [f"{path}#L{n}" for n in (1, 2, 3, 5, 6, 7)]
    first, second, bad, no_body, not_record, sixth = items
    assert isinstance(first, RawDocument) and first.format == "text" and first.data == b"First story."
    assert isinstance(second, RawDocument) and second.format == "html"
    assert second.hints.url == "https://example.org/2"
    assert isinstance(bad, InputProblem) and bad.reason.startswith("not valid JSON")
    assert isinstance(no_body, InputProblem) and no_body.kind == "unsupported"
    assert isinstance(not_record, InputProblem)
    assert isinstance(sixth, RawDocument) and sixth.format == "html"


def test_record_fields_become_hints(tmp_path: Path) -> None:
    path = tmp_path / "one.jsonl"
    record = {
        "body": "Plain body text.",
        "title": "  The   Title ",
        "date": "2024-03-05T10:00:00Z",
        "source": {"id": "x", "name": "The Daily"},
        "author": "Ana Ruiz",
        "url": "https://example.org/a",
    }
    path.write_text(json.dumps(record), encoding="utf-8")
    doc = only(read(path))
    assert isinstance(doc, RawDocument)
    assert doc.format == "text"
    assert doc.hints.to_dict() == {
        "url": "https://example.org/a",
        "title": "The Title",
        "published": "2024-03-05",
        "outlet": "The Daily",
        "authors": ["Ana Ruiz"],
    }


def test_gzipped_jsonl_is_streamed_too(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for n in range(3):
            out.write(
                json.dumps({"text": f"Story {n}.", "published": "Tue, 05 Mar 2024 10:00:00 GMT"}) + "\n"
            )
    items = read(path)
    assert [i.data for i in items if isinstance(i, RawDocument)] == [b"Story 0.", b"Story 1.", b"Story 2."]
    assert {i.hints.published for i in items if isinstance(i, RawDocument)} == {"2024-03-05"}


def test_jsonl_record_over_the_cap_is_too_large_and_the_rest_go_on(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    big = json.dumps({"text": "word " * 2000})
    path.write_text("\n".join([big, json.dumps({"text": "small"}), "x" * 100_000]) + "\n", encoding="utf-8")
    items = read(path, max_bytes=1024)
    assert [(i.source, getattr(i, "kind", "doc")) for i in items] == [
        (f"{path}#L1", "too_large"),
        (f"{path}#L2", "doc"),
        (f"{path}#L3", "too_large"),
    ]


def test_json_list_items_get_numbered_fragments_and_single_record_none(tmp_path: Path) -> None:
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"text": "A."}, {"nothing": 1}, {"html": "<p>C.</p>"}]), encoding="utf-8")
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"text": "Alone.", "authors": ["A. B", {"name": "C. D"}]}), encoding="utf-8")
    items = read(many, one)
    assert [i.source for i in items] == [f"{many}#1", f"{many}#2", f"{many}#3", str(one)]
    assert isinstance(items[1], InputProblem)
    assert isinstance(items[3], RawDocument) and items[3].hints.authors == ["A. B", "C. D"]


def test_broken_json_file_is_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"text": "unfinished', encoding="utf-8")
    problem = only(read(path))
    assert isinstance(problem, InputProblem)
    assert problem.reason.startswith("not valid JSON")


def test_parquet_rows_become_documents_in_row_order(tmp_path: Path) -> None:
    path = tmp_path / "corpus.parquet"
    table = pa.table(
        {
            "text": ["Row one.", None, "Row three."],
            "title": ["One", "Two", "Three"],
            "outlet": ["Daily", "Daily", "Weekly"],
            "extra": [1, 2, 3],
        }
    )
    pq.write_table(table, path, row_group_size=2)
    items = read(path)
    assert [i.source for i in items] == [f"{path}#1", f"{path}#2", f"{path}#3"]
    assert isinstance(items[0], RawDocument) and items[0].hints.title == "One"
    assert isinstance(items[1], InputProblem) and items[1].kind == "empty"
    assert isinstance(items[2], RawDocument) and items[2].hints.outlet == "Weekly"


def test_file_posing_as_parquet_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "fake.parquet"
    path.write_bytes(b"this is not parquet at all")
    problem = only(read(path))
    assert isinstance(problem, InputProblem)
    assert "Parquet" in problem.reason


def _warc_response(
    writer: WARCWriter, url: str, content_type: str, body: bytes, status: str = "200 OK"
) -> None:
    http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
    writer.write_record(record)


def _write_warc(path: Path, gzipped: bool) -> None:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzipped)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        _warc_response(writer, "https://news.example/a", "text/html; charset=windows-1252", b"<p>caf\xe9</p>")
        _warc_response(writer, "https://news.example/logo.png", "image/png", PNG)
        _warc_response(writer, "https://news.example/gone", "text/html", b"<p>gone</p>", "404 Not Found")
        request = writer.create_warc_record(
            "https://news.example/b", "request", payload=io.BytesIO(b"GET /b")
        )
        writer.write_record(request)
        _warc_response(writer, "https://news.example/b.txt", "text/plain", b"Plain page.")


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_warc_html_and_text_responses_become_documents(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    _write_warc(path, gzipped=name.endswith(".gz"))
    items = read(path)
    assert all(isinstance(i, RawDocument) for i in items), items
    page, plain = items
    assert isinstance(page, RawDocument) and isinstance(plain, RawDocument)
    assert page.source == f"{path}#record1"
    assert page.hints.url == "https://news.example/a"
    assert (page.format, page.data, page.encoding) == ("html", b"<p>caf\xe9</p>", "cp1252")
    assert plain.source == f"{path}#record4"
    assert (plain.format, plain.data) == ("text", b"Plain page.")


def test_truncated_warc_keeps_the_records_before_the_break(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc"
    _write_warc(whole, gzipped=False)
    data = whole.read_bytes()
    third_record = data.index(b"WARC/1.", data.index(b"https://news.example/a"))
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[:third_record] + b"this is junk\r\n\r\nmore junk")
    first, damage = read(cut)
    assert isinstance(first, RawDocument) and first.hints.url == "https://news.example/a"
    assert isinstance(damage, InputProblem) and damage.source == str(cut)
    assert damage.reason.startswith("damaged WARC file after response record 1")
