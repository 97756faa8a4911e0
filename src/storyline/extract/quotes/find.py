"""Finding the quotations in one article, and who said or wrote each one.

A quote is a passage between quotation marks that the text presents as
someone's speech or writing, or a social-media post embedded in the article.
Labels in quotes ("the so-called 'green corridor'") and titles of works are
left out. Each quote's `speaker_span` points at the name its speaker stands
for, after following pronouns ("she") and descriptors ("the minister") back
to a name; entity resolution turns that span into `speaker`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storyline.extract.quotes.attribution import Cue, find_cue, is_cue_verb, subject_of
from storyline.extract.quotes.cues import PLATFORM_WORDS, POST_VERBS, cue_base
from storyline.extract.quotes.marks import Marked, Part, find_marked
from storyline.extract.quotes.people import NameIndex
from storyline.extract.quotes.posts import Post, find_posts
from storyline.extract.quotes.speakers import Resolver, Speaker, continued_speaker
from storyline.extract.quotes.speech import TERMINAL, in_headline, is_speech, stands_alone, word_count
from storyline.model import Article, Mention, Quote, content_id

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# The longest gap, in words, an attribution between two halves of a split quote may fill.
_SPLIT_GAP_WORDS = 12
# A name with its title (up to six capitalised words: "Deputy Public Defender Ana Lin") and the verb
# that attributes a question or an exclamation.
_ATTRIBUTION_NEXT = re.compile(r"(?:[A-Z][\w.'’-]*\s+){1,6}(?P<verb>[a-z]+)\b")
# A short subject with its title and the speech verb that ends the sentence ("Colts interim coach
# Ana Lin asked.").
_ATTRIBUTION_TAIL = re.compile(r"[A-Z](?:[\w.'’-]*\s+){1,7}?(?P<verb>[a-z]+)\s*[.,;]")
_CLOSERS = "\"'”’»"
_OPENERS = "\"'“‘«"


@dataclass
class _Candidate:
    marked: Marked
    cue: Cue | None
    speaker: Speaker | None


def find_quotes(article: Article, doc: Doc, mentions: list[Mention]) -> list[Quote]:
    """Every quotation in the article, with its cue verb, kind and speaker; offsets index `article.text`."""
    text = article.text
    if doc.text != text:
        raise ValueError(f"article {article.id}: the parse is not of this article's text")
    posts = find_posts(article)
    marked = [m for m in find_marked(text) if not any(_inside(m, p.region) for p in posts)]
    marked = [piece for m in marked for piece in _split_at_attribution(text, m)]
    quoted = _Quoted(marked, posts)
    names = NameIndex(doc, mentions)
    resolver = Resolver(doc, names, quoted)
    cues = [find_cue(doc, [(p.start, p.end) for p in m.parts], _window(doc, text, m), quoted) for m in marked]
    speakers = _speakers(doc, cues, resolver, quoted)
    candidates = [_Candidate(m, c, s) for m, c, s in zip(marked, cues, speakers, strict=True)]
    quotes = [_post_quote(article, p, names) for p in posts]
    for cand in _merge_split(text, candidates):
        quote = _to_quote(article, doc, cand, resolver, names)
        if quote is not None:
            quotes.append(quote)
    quotes.sort(key=lambda q: (q.start, q.end))
    _credit_headlines(text, quotes)
    return quotes


def _credit_headlines(text: str, quotes: list[Quote]) -> None:
    """A headline or subhead quoting words that a later, attributed quote says ("'Untimely death'"
    above "…sad to hear of the untimely death of Katie," the dean said) is that speaker's."""
    for i, quote in enumerate(quotes):
        if quote.speaker_span is not None or not in_headline(text, quote.start, quote.end):
            continue
        words = " ".join(quote.text.lower().split())
        if len(words.split()) < 2:
            continue
        for later in quotes[i + 1 :]:
            if later.speaker_span is not None and words in " ".join(later.text.lower().split()):
                quote.speaker_span, quote.speaker_text = later.speaker_span, later.speaker_text
                break


class _Quoted:
    """Whether a character offset lies inside a quote or a post's words."""

    def __init__(self, marked: list[Marked], posts: list[Post]) -> None:
        ranges = [(p.start, p.end) for m in marked for p in m.parts] + [(p.start, p.end) for p in posts]
        ranges.sort()
        self.starts = [a for a, _ in ranges]
        self.ranges = ranges

    def __call__(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return any(a <= pos < b for a, b in self.ranges[max(i - 2, 0) : i + 1])


def _split_at_attribution(text: str, marked: Marked) -> list[Marked]:
    """A quote carried over paragraphs starts anew at a paragraph that closes with an attribution
    that marks another utterance (`"…course.` / `"The club has always…," Smith added.`): the
    paragraphs before it continue the last speaker. Closed by "she said", the paragraphs are one
    quote of hers."""
    pieces: list[Marked] = []
    start = 0
    for k in range(1, len(marked.parts)):
        part = marked.parts[k]
        if part.close_at >= len(text) or text[part.close_at] not in _CLOSERS:
            continue  # the paragraph ended with the quote still open
        if text[part.open_at] not in _OPENERS:
            continue  # a sentence on a line of its own, no new mark: the quote runs on (ECB+ style)
        rest = text[part.close_at + 1 : _line_end(text, part.close_at)].lstrip(" ,")
        own = Marked([part], marked.style)
        if _hands_over(text, own) and _attribution_base(rest) in _ANOTHER_UTTERANCE:
            pieces.append(Marked(marked.parts[start:k], marked.style))
            start = k
    pieces.append(Marked(marked.parts[start:], marked.style))
    return pieces


def _inside(marked: Marked, region: tuple[int, int]) -> bool:
    return region[0] <= marked.start and marked.end <= region[1]


def _speakers(doc: Doc, cues: list[Cue | None], resolver: Resolver, quoted: _Quoted) -> list[Speaker | None]:
    """Resolve every attribution in text order, quoted or not, so pronouns can follow earlier speakers."""
    subjects: dict[int, Token] = {}
    sources: set[int] = set()  # "according to" outside any quote's attribution
    for tok in doc:
        if is_cue_verb(tok) and not quoted(tok.idx):
            subject = subject_of(tok, quoted)
            if subject is not None:
                subjects[tok.idx] = subject
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and not quoted(tok.idx):
            # "According to Norvale, the line failed": a source spoke, whom "the company" may repeat
            source = [c for c in doc[tok.i + 1].children if c.dep_ == "pobj" and not quoted(c.idx)]
            if doc[tok.i + 1].lower_ == "to" and source:
                subjects[source[0].idx] = source[0]
                sources.add(source[0].idx)
    for cue in cues:
        if cue is not None and cue.subject is not None:
            subjects[_position(cue)] = cue.subject
            sources.discard(_position(cue))
    said_by = {t.i for t in subjects.values()}
    pronouns = {
        tok.idx: tok
        for tok in doc
        if tok.lower_ in ("he", "she")
        and tok.dep_ in ("nsubj", "nsubjpass")
        and tok.i not in said_by
        and not quoted(tok.idx)
    }
    resolved: dict[int, Speaker] = {}
    for at in sorted([*subjects, *pronouns]):
        if at in subjects:
            resolved[at] = resolver.speaker(subjects[at])
            if at not in sources or resolved[at].label == "ORG" and resolved[at].span is not None:
                resolver.remember(at, resolved[at])  # a source is remembered only as an organisation
        else:
            resolver.follow(pronouns[at])
    return [resolved[_position(c)] if c is not None and c.subject is not None else None for c in cues]


def _position(cue: Cue) -> int:
    anchor = cue.verb if cue.verb is not None else cue.subject
    assert anchor is not None
    return anchor.idx


def _window(doc: Doc, text: str, marked: Marked) -> Span:
    """The sentences a quote touches, kept inside the paragraphs it spans.

    The parser sometimes ends a sentence at a quote's closing mark (`"…," | said Ortega.`)
    or starts one at its opening mark; the sentence on the far side of a mark counts too,
    unless the text itself starts a new sentence there.
    """
    lo, hi = _line_start(text, marked.open_at), _line_end(text, marked.close_at)
    if doc.has_annotation("SENT_START"):
        lo = max(_sentence_before(doc, text, marked, lo), lo)
        hi = min(_sentence_after(doc, text, marked, hi), hi)
    span = doc.char_span(lo, hi, alignment_mode="expand")
    assert span is not None
    return span


def _sentence_before(doc: Doc, text: str, marked: Marked, lo: int) -> int:
    inner = doc.char_span(marked.start, marked.start + 1, alignment_mode="expand")
    assert inner is not None
    before = text[lo : marked.open_at].rstrip()
    if not before or before.endswith((".", "!", "?")):
        return inner.sent.start_char
    outer = doc.char_span(len(before) + lo - 1, len(before) + lo, alignment_mode="expand")
    return min(inner.sent.start_char, outer.sent.start_char) if outer is not None else inner.sent.start_char


def _sentence_after(doc: Doc, text: str, marked: Marked, hi: int) -> int:
    inner = doc.char_span(marked.end - 1, marked.end, alignment_mode="expand")
    assert inner is not None
    after = text[marked.close_at + 1 : hi]
    rest = after.lstrip(" \t\"'”’»")
    ends = marked.text(text).rstrip().endswith((".", "!", "?")) and rest[:1].isupper()
    if ends and marked.text(text).rstrip().endswith(("!", "?")) and _attribution_next(rest):
        ends = False  # `"Why now?" Ortega asked.`: the question mark ends the quote, not the sentence
    if not rest or ends:
        return inner.sent.end_char
    at = hi - len(rest)
    outer = doc.char_span(at, at + 1, alignment_mode="expand")
    if outer is None:
        return inner.sent.end_char
    sent = outer.sent
    tail = [t for t in sent if t.idx > marked.close_at]
    if not any(t.pos_ in ("VERB", "AUX") for t in tail) and sent.end < len(doc) and sent.end_char < hi:
        # `"…," Msgr. | Farmer said`: the parser ended a sentence at a title's full stop, so
        # the words after the quote have no verb and the attribution runs on into the next
        sent = doc[sent.end].sent
    return max(inner.sent.end_char, sent.end_char)


def _attribution_next(rest: str) -> bool:
    return _attribution_base(rest) is not None


# Speech verbs that give a second utterance of someone already quoted.
_ANOTHER_UTTERANCE = frozenset(("add", "continue"))


def _attribution_base(rest: str) -> str | None:
    """The speech verb of a short attribution starting `rest` ("Ortega said."), as its base form."""
    for pattern in (_ATTRIBUTION_NEXT, _ATTRIBUTION_TAIL):
        match = pattern.match(rest)
        if match is not None and cue_base(match.group("verb")) is not None:
            return cue_base(match.group("verb"))
    return None


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _merge_split(text: str, candidates: list[_Candidate]) -> list[_Candidate]:
    """Join `"A," she said. "B."` into one quote: the attribution between the halves belongs to both."""
    merged: list[_Candidate] = []
    for cand in candidates:
        prev = merged[-1] if merged else None
        if prev is not None and _splits(text, prev, cand):
            parts = [*prev.marked.parts, *cand.marked.parts]
            merged[-1] = _Candidate(Marked(parts, prev.marked.style), prev.cue, prev.speaker)
        else:
            merged.append(cand)
    return merged


def _splits(text: str, first: _Candidate, second: _Candidate) -> bool:
    if first.cue is None or first.cue.verb is None or first.marked.style != second.marked.style:
        return False
    gap_lo, gap_hi = first.marked.close_at + 1, second.marked.open_at
    if gap_lo > gap_hi or "\n" in text[gap_lo:gap_hi]:
        return False
    if not _hands_over(text, first.marked):
        return False  # two labels in one sentence ('a "community" paper labelling critics "outsiders"')
    if not gap_lo <= first.cue.verb.idx < gap_hi or len(text[gap_lo:gap_hi].split()) > _SPLIT_GAP_WORDS:
        return False
    if text[gap_lo:gap_hi].rstrip()[-1:].isalnum():
        return False  # '"A," he said, adding that he had "B"': the second half is a phrase of the writer's
    if second.cue is None:
        return True
    # the second half may hang from the same verb, but not have an attribution of its own
    return second.cue.verb is not None and second.cue.verb.i == first.cue.verb.i


def _hands_over(text: str, marked: Marked) -> bool:
    """Whether a quote's first half ends in the punctuation that hands it to an attribution.

    The mark sits inside the quote in American style (`"A," she said`) and just after it
    in British style (`"A", she said`).
    """
    inside = text[marked.start : marked.end].rstrip(_CLOSERS)[-1:]  # "… 'never again,'" ends in a comma
    outside = text[marked.close_at + 1 : marked.close_at + 2]
    return inside in (",", "!", "?", "…", "—", "–", "-", ":", ";") or outside in (",", "—", "–", ":")


def _to_quote(
    article: Article, doc: Doc, cand: _Candidate, resolver: Resolver, names: NameIndex
) -> Quote | None:
    text = article.text
    marked, cue, speaker = cand.marked, cand.cue, cand.speaker
    words = word_count(marked.text(text))
    if not is_speech(doc, text, marked, cue, words, speaker):
        return None
    if cue is None:
        # no speaker named by the sentence: a quote standing alone continues the latest speaker
        last = continued_speaker(resolver, names, marked)
        speaker = last[1] if last is not None else None
    kind = _kind(doc, text, marked, cue)
    trimmed = _trim_punctuation(text, marked, kind)
    return Quote(
        id=content_id("q", article.id, trimmed.start, trimmed.end),
        article=article.id,
        start=trimmed.start,
        end=trimmed.end,
        text=trimmed.text(text),
        speaker_text=speaker.text if speaker else None,
        cue=cue.base if cue is not None else None,
        kind=kind,
        speaker_span=speaker.span if speaker else None,
    )


def _trim_punctuation(text: str, marked: Marked, kind: str) -> Marked:
    """Leave out the comma that hands a quoted part over to its attribution, and the full stop
    that ends the sentence around a partial quote: they belong to the reporter, not the speaker."""
    parts = []
    for k, part in enumerate(marked.parts):
        end = part.end
        strip = ",." if kind == "partial" and k == len(marked.parts) - 1 else ","
        while end > part.start + 1 and (text[end - 1] in strip or text[end - 1].isspace()):
            end -= 1
        parts.append(Part(part.start, end, part.open_at, part.close_at))
    return Marked(parts, marked.style)


def _kind(doc: Doc, text: str, marked: Marked, cue: Cue | None) -> str:
    if cue is not None and cue.base in POST_VERBS and _mentions_platform(doc, text, marked):
        return "post"
    quote = marked.text(text)
    first = next((ch for ch in quote if ch.isalpha()), "")
    after = text[marked.close_at + 1 : marked.close_at + 3].lstrip()
    embedded = not quote.rstrip().endswith(TERMINAL) and after[:1].isalnum()
    if first.islower() or (embedded and not stands_alone(text, marked)):
        return "partial"
    return "direct"


def _mentions_platform(doc: Doc, text: str, marked: Marked) -> bool:
    window = _window(doc, text, marked)
    words = {t.lower_ for t in window if not marked.contains(t.idx)}
    return bool(words & PLATFORM_WORDS) or "social media" in window.text.lower()


def _post_quote(article: Article, post: Post, names: NameIndex) -> Quote:
    text = article.text
    speaker_text, span = None, None
    if post.name is not None:
        speaker_text = text[post.name[0] : post.name[1]].strip()
        name = names.covering(*post.name)
        span = (name.start, name.end) if name is not None else post.name
    return Quote(
        id=content_id("q", article.id, post.start, post.end),
        article=article.id,
        start=post.start,
        end=post.end,
        text=text[post.start : post.end],
        speaker_text=speaker_text,
        cue="post",
        kind="post",
        speaker_span=span,
    )


__all__ = ["find_quotes"]
