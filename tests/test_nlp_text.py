"""`nlp.text_of`: a Doc's text, joined once and kept with the Doc."""

from __future__ import annotations

from storyline import nlp


def test_text_of_is_the_docs_text_joined_once() -> None:
    text = "Harbour ferry resumes.\n\nThe crossing to Kell reopened on Tuesday, the operator said."
    doc = nlp.parse_one(text)
    first = nlp.text_of(doc)
    assert first == doc.text == text
    assert nlp.text_of(doc) is first  # kept, not joined again
    assert nlp.text_of(doc[3:8].doc) is first  # a span reaches the same Doc's text


def test_text_of_belongs_to_its_own_doc() -> None:
    one, two = nlp.parse(["One ferry sailed.", "Two ferries sailed on Monday."])
    assert nlp.text_of(one) == "One ferry sailed."
    assert nlp.text_of(two) == "Two ferries sailed on Monday."
