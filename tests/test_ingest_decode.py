"""decode_text: BOM, declared charset, in-document declaration, UTF-8, detection, and never a crash."""

from __future__ import annotations

import codecs

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.ingest import decode_text


@settings(max_examples=150, deadline=None)
@given(
    data=st.binary(max_size=600),
    declared=st.sampled_from([None, "", "utf-8", "latin-1", "utf-16", "shift_jis", "no-such-codec", "rot13"]),
)
def test_decode_text_never_raises_and_returns_text(data: bytes, declared: str | None) -> None:
    text, encoding = decode_text(data, declared)
    assert isinstance(text, str)
    assert isinstance(encoding, str) and encoding


def test_byte_order_mark_wins_over_a_declared_charset() -> None:
    data = codecs.BOM_UTF8 + "naïve".encode()
    assert decode_text(data, "shift_jis") == ("naïve", "utf-8-sig")
    assert decode_text("naïve".encode("utf-16"), "latin-1")[0] == "naïve"


def test_declared_charset_is_used_when_the_bytes_fit_it() -> None:
    text = "東京のニュース"
    assert decode_text(text.encode("shift_jis"), "Shift_JIS") == (text, "shift_jis")


def test_latin1_label_is_read_as_windows_1252_like_browsers_do() -> None:
    data = "“Quoted” — café".encode("cp1252")
    assert decode_text(data, "ISO-8859-1") == ("“Quoted” — café", "cp1252")


def test_meta_charset_in_the_document_is_honoured() -> None:
    html = '<html><head><meta charset="shift_jis"></head><body>東京</body></html>'
    assert decode_text(html.encode("shift_jis"))[0] == html


def test_xml_encoding_declaration_is_honoured() -> None:
    xml = '<?xml version="1.0" encoding="windows-1251"?><rss><title>Новости</title></rss>'
    assert decode_text(xml.encode("cp1251")) == (xml, "cp1251")


def test_utf8_mislabelled_as_latin1_is_read_as_utf8() -> None:
    data = "ŝ – “ok”".encode()
    assert decode_text(data, "iso-8859-1") == ("ŝ – “ok”", "utf-8")
    assert decode_text(b'<meta charset="iso-8859-1">' + data)[1] == "utf-8"


def test_bytes_that_do_not_fit_the_declared_charset_fall_back_to_utf8() -> None:
    text = "naïve café — “ok”"
    assert decode_text(text.encode(), "shift_jis") == (text, "utf-8")


def test_unknown_declared_charset_is_ignored() -> None:
    assert decode_text("plain café".encode(), "x-no-such") == ("plain café", "utf-8")


def test_utf16_without_bom_is_recognised() -> None:
    assert decode_text("The mayor spoke.".encode("utf-16-le"))[0] == "The mayor spoke."


def test_empty_bytes_give_empty_text() -> None:
    assert decode_text(b"") == ("", "utf-8")
