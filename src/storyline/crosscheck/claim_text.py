"""Each claim's statement as a reader meets it: a sentence one of its members' articles wrote, not a
built phrase ("above 2,000 mayor puts"), unless it names both sides of a disagreement."""

from __future__ import annotations

import re

from storyline.model import Claim, Event, Figure, Quote, Statement, Story

# A sentence this long (in words) reads as a headline; shorter ones are fragments, longer ones a paragraph.
CLEAR_WORDS = (6, 45)
IDEAL_WORDS = 18
MAX_WORDS = 60
BACK = 2000  # characters before a fact searched first for the start of its sentence
# Where a sentence ends: its mark, then a closing quote mark or two, then a space or the end.
_END = re.compile(r"[.?!][\"”’']*(?=\s|$)")
# Statuses whose built statement names both sides ("1,240 vs more than 2,000"): kept as they are.
KEEP_BUILT = {"conflicting", "updated"}


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end): from the last sentence end or paragraph break before it to
    the first sentence end at or after its end, closing quote marks included."""
    left = _last_break(text, start)
    lo = left + 1 if left >= 0 and text[left] == "\n" else max(left, 0)
    after = _END.search(text, max(end - 1, start))
    line_end = text.find("\n", end)
    hi = after.end() if after else len(text)
    if line_end != -1 and line_end < hi:
        hi = line_end
    return lo, hi


def _last_break(text: str, start: int) -> int:
    """Where the last sentence end or line break before `start` is (-1: none): looked for in the
    BACK characters before it first, so one book-length article is not read from its start for
    every claim member; the whole text before it only when they hold neither."""
    for lo in (max(0, start - BACK), 0):
        left = max(text.rfind("\n", lo, start), *(m.end() for m in _END.finditer(text, lo, start)), -1)
        if left >= 0 or lo == 0:
            return left
    return -1


def _words(text: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"\w+", text)}


def _tidy(sentence: str) -> str:
    words = sentence.split()
    if len(words) > MAX_WORDS:
        return " ".join(words[:MAX_WORDS]) + " …"
    return " ".join(words)


class Sources:
    """Each fact and each article's text by id, built once for all of a story's claims."""

    def __init__(self, story: Story) -> None:
        self.facts: dict[str, Quote | Figure | Event | Statement] = {
            x.id: x for x in [*story.quotes, *story.figures, *story.events, *story.statements]
        }
        self.texts = {a.id: a.text for a in story.articles}


def _member_sentences(sources: Sources, claim: Claim) -> list[str]:
    out = []
    for member in claim.members:
        fact = sources.facts.get(member)
        text = sources.texts.get(fact.article) if fact is not None else None
        if fact is None or text is None or not 0 <= fact.start < fact.end <= len(text):
            continue
        lo, hi = _sentence(text, fact.start, fact.end)
        out.append(_tidy(text[lo:hi]))
    return out


def headline(story: Story | Sources, claim: Claim) -> str:
    """The member sentence the built statement was drawn from, else the plainest (of moderate
    length, ending as a sentence does); the built statement itself when it names both sides of a
    disagreement or no member sentence is found."""
    if claim.status in KEEP_BUILT or claim.kind == "statement":
        return claim.statement
    sources = story if isinstance(story, Sources) else Sources(story)
    sentences = _member_sentences(sources, claim)
    if not sentences:
        return claim.statement

    # the built statement comes from one member (the longest quote, the clearest figure, the first
    # event): the sentence sharing most of its words is that member's, then the plainest one
    built = _words(claim.statement)

    def score(s: str) -> tuple[float, bool, int]:
        n = len(s.split())
        plain = CLEAR_WORDS[0] <= n <= CLEAR_WORDS[1] and bool(_END.search(s[-3:]))
        shared = len(built & _words(s)) / len(built) if built else 0.0
        return round(shared, 1), plain, -abs(n - IDEAL_WORDS)

    return max(sentences, key=score)


def readable_statements(story: Story, claims: list[Claim]) -> None:
    """Give each claim the statement a reader should meet (see `headline`), in place."""
    sources = Sources(story)
    for claim in claims:
        claim.statement = headline(sources, claim)
