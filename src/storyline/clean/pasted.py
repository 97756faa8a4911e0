"""Rules for text pasted from a whole web page: where the article runs among the menus, and what repeats.

A page copied as text keeps everything a reader skips: menus above the headline, link lists and site
maps below the story, photo captions given twice (bare, then with the credit), related headlines
given twice (the second time behind their section name). Each rule here looks at the shape of lines
and at what repeats inside the document, never at particular words of one site. Each returns the
blocks it would remove, with a verdict, and leaves the marking to the caller.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.clean import metadata
from storyline.clean.patterns import Verdict, classify_line
from storyline.clean.shape import (
    Block,
    content_words,
    ends_sentence,
    fingerprint,
    is_body,
    is_label,
    looks_headline,
    word_count,
)

_STRUCTURED_KINDS = ("item", "cell", "code", "quote")
# A zone of this many lines before the first paragraph of prose is a page's top (menus, teasers),
# not an article's header (title, byline, date, standfirst), which takes a few lines at most.
LONG_LEAD = 6
LONG_TAIL = 3  # lines after the last paragraph of prose: link lists, site maps, footers
LONG_RUN = 5  # consecutive short lines between paragraphs: a box of links, not subheadings
_MAX_PREFIX_WORDS = 3  # a section name glued before a repeated headline ("World Floods close …")

HEADER_WINDOW = 20  # on a long page, the headline, byline and date sit this close above the body
Marks = list[tuple[int, Verdict]]


def is_sentence(text: str) -> bool:
    """Running prose, a complete sentence of a few words, or a lead-in sentence ending in a colon."""
    n = word_count(text)
    return is_body(text) or (n >= 4 and ends_sentence(text)) or (n >= 6 and text.endswith(":"))


def _is_prose(block: Block) -> bool:
    return block.post is not None or block.kind in _STRUCTURED_KINDS or is_sentence(block.text)


def outside_body(blocks: Sequence[Block], verdicts: Sequence[Verdict | None]) -> Marks:
    """Short lines in the long zones before the first and after the last sentence, and long runs of
    them between sentences: the page around the article, and boxes of links inside it."""
    prose = [i for i, b in enumerate(blocks) if verdicts[i] is None and _is_prose(b)]
    if not prose:
        return []
    first, last = prose[0], prose[-1]
    marks: Marks = []
    if first >= LONG_LEAD:
        marks += [(i, ("navigation", "page-top")) for i in range(first) if verdicts[i] is None]
    if len(blocks) - 1 - last >= LONG_TAIL:
        marks += [
            (i, ("navigation", "page-bottom")) for i in range(last + 1, len(blocks)) if verdicts[i] is None
        ]
    run: list[int] = []
    for i in range(first + 1, last + 1):
        if verdicts[i] is not None:
            continue
        if not _is_prose(blocks[i]):
            run.append(i)
            continue
        if len(run) >= LONG_RUN and not _listing(blocks, run):
            marks += [(j, ("navigation", "link-box")) for j in run]
        run = []
    return marks


_CODE_MARKS = re.compile(r"[(){}\[\];=<>│┃]")


def _code_like(text: str) -> bool:
    """Brackets, operators or column rules, or words in lower case from the start: not link text."""
    return bool(_CODE_MARKS.search(text)) or (text[:1].islower() and len(text.split()) >= 2)


def _listing(blocks: Sequence[Block], run: list[int]) -> bool:
    """A run of short lines that reads as code or a table, not as a box of links."""
    return sum(1 for i in run if _code_like(blocks[i].text)) >= 0.3 * len(run)


def repeated_captions(blocks: Sequence[Block], verdicts: Sequence[Verdict | None]) -> Marks:
    """The bare copy of a caption that was removed with its credit: "X." beside "X. © Agency"."""
    # every leading piece of a credited caption that ends at a word boundary: "x.", "x. ©" …
    bare_forms = {
        c[:end]
        for b, v in zip(blocks, verdicts, strict=True)
        if v is not None and v[0] in ("caption", "credit")
        for c in [fingerprint(b.text)]
        for end in range(1, len(c))
        if not c[end].isalnum()
    }
    if not bare_forms:
        return []
    marks: Marks = []
    for i, block in enumerate(blocks):
        if verdicts[i] is not None or block.post is not None or word_count(block.text) < 3:
            continue
        if fingerprint(block.text) in bare_forms:
            marks.append((i, ("caption", "caption-repeat")))
    return marks


_PICTURE_MARKERS = frozenset({"image", "photo", "picture", "video", "gallery", "enlarge"})
_SHORT_CAPTION = 25  # words; a caption with no credit after it is only taken when this short


def captions_after_pictures(blocks: Sequence[Block], verdicts: Sequence[Verdict | None]) -> Marks:
    """The line after a picture's marker ("Image", "Photo"), when a credit follows it or it is short."""
    marks: Marks = []
    for i in range(1, len(blocks)):
        marker = verdicts[i - 1] is not None and fingerprint(blocks[i - 1].text) in _PICTURE_MARKERS
        if not marker or verdicts[i] is not None or blocks[i].post is not None:
            continue
        following = verdicts[i + 1] if i + 1 < len(blocks) else None
        credited = following is not None and following[0] in ("credit", "caption")
        if credited or word_count(blocks[i].text) <= _SHORT_CAPTION:
            marks.append((i, ("caption", "caption-after-picture")))
    return marks


def repeated_headlines(blocks: Sequence[Block], verdicts: Sequence[Verdict | None], after: int) -> Marks:
    """Headline-shaped lines given twice after the article has begun, the second time perhaps behind a
    section name ("Floods close schools" … "World Floods close schools"): links to another story."""
    heads = {
        i: fingerprint(b.text)
        for i, b in enumerate(blocks)
        if i > after
        and verdicts[i] is None
        and b.post is None
        and b.kind not in _STRUCTURED_KINDS
        and looks_headline(b.text, 25)
        and not _code_like(b.text)
    }
    by_key: dict[str, list[int]] = {}
    for i, key in heads.items():
        by_key.setdefault(key, []).append(i)
    marks: Marks = []
    for key, places in by_key.items():
        if len(places) > 1 and word_count(key) >= 3:
            marks += [(i, ("promo", "promo-repeat")) for i in places]
    for j, other in heads.items():
        words = other.split()
        for n in range(1, min(_MAX_PREFIX_WORDS, len(words) - 3) + 1):
            rest = " ".join(words[n:])
            if rest in by_key and _section_name(" ".join(words[:n])):
                marks += [(j, ("promo", "promo-repeat"))] + [
                    (i, ("promo", "promo-repeat")) for i in by_key[rest]
                ]
    return marks


def _section_name(text: str) -> bool:
    return word_count(text) <= _MAX_PREFIX_WORDS and (is_label(text) or is_label(text.title()))


def _headlinese(text: str) -> bool:
    """Written as a headline: a few words, no comma, articles left out ("Floods close schools in the north");
    a sentence that only lost its full stop reads "In the evening, the rubble was still smoking"."""
    tokens = text.casefold().split()
    return 4 <= len(tokens) <= 12 and "," not in text and sum(t in ("a", "an", "the") for t in tokens) <= 1


def lone_teaser(blocks: Sequence[Block], verdicts: Sequence[Verdict | None], after: int) -> Marks:
    """The one headline-shaped line between paragraphs of an article with no subheadings, when its words
    do not carry on from the paragraphs around it: a teaser for another story, not a subheading."""
    live = [i for i in range(after + 1, len(blocks)) if verdicts[i] is None and blocks[i].post is None]
    candidates = [
        i
        for i in live
        if blocks[i].kind == "p" and looks_headline(blocks[i].text) and not ends_sentence(blocks[i].text)
    ]
    if len(candidates) != 1:
        return []
    i = candidates[0]
    pos = live.index(i)
    if pos == 0 or pos == len(live) - 1 or not _headlinese(blocks[i].text):
        return []
    before, following = blocks[live[pos - 1]].text, blocks[live[pos + 1]].text
    if not (is_body(before) and is_body(following)):
        return []
    own = content_words(blocks[i].text)
    around = content_words(before) | content_words(following)
    if not own or len(own & around) / len(own) >= 0.5:
        return []
    return [(i, ("promo", "teaser-headline"))]


def _headline_shaped(block: Block) -> bool:
    text = block.text
    return (
        block.post is None
        and block.kind not in _STRUCTURED_KINDS
        and word_count(text) >= 3
        and looks_headline(text, 30)
        and classify_line(text) is None
    )


def headline_above(blocks: Sequence[Block], start: int, end: int) -> int | None:
    """The article's headline among the lines just above its body on a long page: the headline-shaped line
    nearest above the byline or date line, else the longest one (menus are one or two words a line)."""
    window = range(start, end)
    stamp = next(
        (i for i in window if metadata.byline(blocks[i].text) or metadata.date_line(blocks[i].text)), None
    )
    if stamp is not None:
        above = [i for i in range(max(start, stamp - 4), stamp) if _headline_shaped(blocks[i])]
        if above:
            return above[-1]
    shaped = [i for i in window if _headline_shaped(blocks[i])]
    return max(shaped, key=lambda i: word_count(blocks[i].text), default=None)
