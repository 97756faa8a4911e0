"""Bytes to text for cleaning, with the same decoder ingestion uses, so every stage reads a page alike."""

from __future__ import annotations

from storyline.errors import UnreadableInput
from storyline.ingest.decode import binary_kind, decode_text


def decode(source: str, data: bytes, declared: str | None) -> str:
    """The document's text (BOM, declared charset, <meta> charset, then detection).

    Raises UnreadableInput for bytes that are not text at all (an image, an archive).
    """
    kind = binary_kind(data)
    if kind:
        raise UnreadableInput(source, f"this is {kind}, not text; give a text, Markdown or HTML file")
    text, _encoding = decode_text(data, declared)
    return text.lstrip("\ufeff")
