"""Finding the passages of a text that sit between quotation marks, paragraph by paragraph."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

DOUBLE_OPENERS = "“„«"
DOUBLE_CLOSERS = "”»"
STRAIGHT_DOUBLE = '"'
SINGLE_OPENERS = "‘'"
SINGLE_CLOSERS = "’'"

# Characters after which a mark can open a quote, or before which one can close it.
_OPEN_AFTER = set(" \t([{—–-/\u00a0“\"‘'")
_CLOSE_BEFORE = set(" \t.,;:!?)]}—–-…\u00a0”\"’'")
_SENTENCE_END = set(".,!?…;:")

# Elisions that start with an apostrophe look like an opening single quote ('90s, rock 'n' roll).
_ELISION = re.compile(r"(?:\d\ds?\b|em\b|til\b|n\b|cause\b|twas\b|tis\b|bout\b)", re.IGNORECASE)

# A real quotation rarely runs longer than this; a stray mark pairing far away would. A quote
# carried over paragraphs reopens with a mark on each, so a long statement read out in court
# (a dozen paragraphs) is still one quote.
MAX_QUOTE_CHARS = 6000
MAX_QUOTE_PARAGRAPHS = 20
# Text with one sentence a line carries a quote over lines with no mark of their own; past this
# many such lines, an unclosed mark is taken as stray.
MAX_UNMARKED_LINES = 4


@dataclass(frozen=True)
class Part:
    """The words between one opening mark and the matching closing mark (or the paragraph's end)."""

    start: int
    end: int
    open_at: int
    close_at: int  # the closing mark, or the paragraph end when the quote runs on


@dataclass
class Marked:
    """One quoted passage: one part, or several when it runs over paragraphs or is split."""

    parts: list[Part] = field(default_factory=list)
    style: str = "double"

    @property
    def start(self) -> int:
        return self.parts[0].start

    @property
    def end(self) -> int:
        return self.parts[-1].end

    @property
    def open_at(self) -> int:
        return self.parts[0].open_at

    @property
    def close_at(self) -> int:
        return self.parts[-1].close_at

    def text(self, source: str) -> str:
        return " ".join(source[p.start : p.end] for p in self.parts)

    def contains(self, pos: int) -> bool:
        return any(p.start <= pos < p.end for p in self.parts)


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every non-empty line; cleaned text puts one paragraph on a line."""
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            yield pos, pos + len(line)
        pos += len(line) + 1


def _inner(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _neighbours(text: str, i: int, lo: int, hi: int) -> tuple[str, str]:
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    return prev, nxt


def _double_role(text: str, i: int, lo: int, hi: int) -> str:
    ch = text[i]
    prev, nxt = _neighbours(text, i, lo, hi)
    if ch in DOUBLE_OPENERS:
        return "close" if nxt in _CLOSE_BEFORE and not prev.isspace() else "open"
    if ch in DOUBLE_CLOSERS:
        return "close"
    can_open = prev in _OPEN_AFTER and not nxt.isspace()
    can_close = not prev.isspace() and nxt in _CLOSE_BEFORE
    if prev.isspace() and nxt.isspace() and text[lo:i].rstrip()[-1:] in (",", ":"):
        return "open"  # `he added, " The levy …"`: a stray space, but only a quote opens after ", "
    if can_open and can_close:
        return "either"
    return "open" if can_open else "close" if can_close else "none"


def _single_opens(text: str, i: int, lo: int, hi: int) -> bool:
    prev, nxt = _neighbours(text, i, lo, hi)
    if text[i] not in SINGLE_OPENERS or prev not in _OPEN_AFTER:
        return False
    if not (nxt.isalnum() or nxt in '“"…'):
        return False
    return not _ELISION.match(text, i + 1)


def _single_close_strength(text: str, i: int, lo: int, hi: int) -> int:
    """2: surely a closing mark; 1: perhaps (a plural possessive looks the same); 0: not one."""
    prev, nxt = _neighbours(text, i, lo, hi)
    if text[i] in SINGLE_CLOSERS and prev == " " and nxt.isspace() and text[lo:i].rstrip()[-1:] in ",.!?…":
        return 2  # "there was nothing there, ' he said": a closing mark detokenised after a space
    if text[i] not in SINGLE_CLOSERS or prev.isspace() or nxt not in _CLOSE_BEFORE:
        return 0
    if prev in _SENTENCE_END or not nxt.isspace():
        return 2
    return 1 if prev.lower() == "s" else 2


def _spaced_close(text: str, i: int, lo: int) -> bool:
    """A straight mark after "word, " or "word. ": a closing mark typed (or detokenised) after a space."""
    return text[i] == STRAIGHT_DOUBLE and text[i - 1 : i] == " " and text[lo:i].rstrip()[-1:] in ",.!?…"


def _pair_double(
    text: str, lo: int, hi: int, carried: bool = False
) -> tuple[list[tuple[int, int]], int | None, int | None]:
    """Matched (open, close) mark positions in one paragraph, an opening mark left open, and the
    closing mark of a quote carried in from an earlier paragraph (`carried`), if it closes here."""
    pairs: list[tuple[int, int]] = []
    open_at: int | None = None
    closes_carried: int | None = None
    waiting = carried
    first = _inner(text, lo, hi)[0]
    for i in range(lo, hi):
        if text[i] not in DOUBLE_OPENERS + DOUBLE_CLOSERS + STRAIGHT_DOUBLE:
            continue
        role = _double_role(text, i, lo, hi)
        if waiting:
            waiting = False
            if i != first and (role in ("close", "either") or _spaced_close(text, i, lo)):
                closes_carried = i
                continue
        if open_at is None:
            if role in ("open", "either"):
                open_at = i
        elif role in ("close", "either") or _spaced_close(text, i, lo):
            pairs.append((open_at, i))
            open_at = None
        elif role == "open" and not (text[open_at] in DOUBLE_OPENERS and text[i] in DOUBLE_OPENERS):
            open_at = i  # the earlier mark had no partner: treat it as stray
        # a curly opening mark inside an open curly quote is a slip: the quote goes on
    return pairs, open_at, closes_carried


def _pair_single(
    text: str, lo: int, hi: int, blocked: list[tuple[int, int]]
) -> tuple[list[tuple[int, int]], int | None]:
    """Like `_pair_double` for single marks, skipping regions already inside double quotes."""

    starts = [a for a, _ in blocked]

    def free(i: int) -> bool:
        k = bisect.bisect_right(starts, i) - 1
        return k < 0 or i > blocked[k][1]

    pairs: list[tuple[int, int]] = []
    i = lo
    while i < hi:
        if not (free(i) and _single_opens(text, i, lo, hi)):
            i += 1
            continue
        close = _find_single_close(text, i, lo, hi)
        if close is None:
            return pairs, i
        pairs.append((i, close))
        i = close + 1
    return pairs, None


def _single_closes_carried(text: str, lo: int, hi: int, blocked: list[tuple[int, int]]) -> int | None:
    """The first sure closing single mark of a paragraph, when no single quote opens before it."""
    for i in range(lo, hi):
        if _single_opens(text, i, lo, hi):
            return None
        if _single_close_strength(text, i, lo, hi) == 2 and not any(a <= i <= b for a, b in blocked):
            return i
    return None


def _find_single_close(text: str, open_at: int, lo: int, hi: int) -> int | None:
    maybe: int | None = None
    for j in range(open_at + 2, hi):
        strength = _single_close_strength(text, j, lo, hi)
        if strength == 2:
            return j
        if strength == 1 and maybe is None:
            maybe = j
    return maybe


def _part(text: str, open_at: int, close_at: int) -> Part | None:
    start, end = _inner(text, open_at + 1, close_at)
    if not any(ch.isalnum() for ch in text[start:end]):
        return None
    return Part(start, end, open_at, close_at)


def _find_style(text: str, style: str, blocked: list[tuple[int, int]]) -> list[Marked]:
    found: list[Marked] = []
    carried: Marked | None = None  # a quote whose paragraph ended before its closing mark
    unmarked = 0  # paragraphs without marks that a carried quote has taken in
    for lo, hi in paragraphs(text):
        if style == "double":
            pairs, dangling, closes = _pair_double(text, lo, hi, carried is not None)
        else:
            pairs, dangling = _pair_single(text, lo, hi, blocked)
            closes = _single_closes_carried(text, lo, hi, blocked) if carried is not None else None
        if carried is not None:
            if closes is not None:
                # one sentence a line: the quote goes on without a new opening mark and closes here
                part = _part(text, lo - 1, closes)
                if part is not None:
                    carried.parts.append(part)
                    found.append(carried)
                pairs, carried = [p for p in pairs if p[0] > closes], None
            elif not pairs and dangling is None and unmarked < MAX_UNMARKED_LINES and _unmarked(text, lo, hi):
                part = _part(text, lo - 1, hi)
                if part is not None:
                    carried.parts.append(part)
                unmarked += 1
                continue
            else:
                pairs, dangling, carried = _continue(text, carried, pairs, dangling, (lo, hi), found)
        for a, b in pairs:
            part = _part(text, a, b)
            if part is not None:
                found.append(Marked([part], style))
        if dangling is not None:
            part = _part(text, dangling, hi)
            carried = Marked([part], style) if part is not None else None
            unmarked = 0
    return [m for m in found if _sane(m)]


def _unmarked(text: str, lo: int, hi: int) -> bool:
    return not any(ch in DOUBLE_OPENERS + DOUBLE_CLOSERS + STRAIGHT_DOUBLE for ch in text[lo:hi])


def _continue(
    text: str,
    carried: Marked,
    pairs: list[tuple[int, int]],
    dangling: int | None,
    bounds: tuple[int, int],
    found: list[Marked],
) -> tuple[list[tuple[int, int]], int | None, Marked | None]:
    """Join a paragraph to the quote left open before it, when it opens with a mark of its own.

    News style repeats the opening mark at each new paragraph of a long quote and
    closes it only at the end; anything else means the earlier mark was stray.
    """
    lo, hi = bounds
    first = _inner(text, lo, hi)[0]
    if pairs and pairs[0][0] == first:
        part = _part(text, pairs[0][0], pairs[0][1])
        if part is not None:
            carried.parts.append(part)
            found.append(carried)
        return pairs[1:], dangling, None
    if not pairs and dangling == first:
        part = _part(text, first, hi)
        if part is not None:
            carried.parts.append(part)
        return pairs, None, carried
    return pairs, dangling, None


def _sane(marked: Marked) -> bool:
    if len(marked.parts) > MAX_QUOTE_PARAGRAPHS:
        return False
    return sum(p.end - p.start for p in marked.parts) <= MAX_QUOTE_CHARS


# Two apostrophes typed for a double mark (''Yes," she said): read as one mark, same length.
_TWO_APOSTROPHES = re.compile(r"(?<![\w'])''(?=\w)|(?<=[\w.,!?])''(?![\w'])")


def _as_double_mark(m: re.Match[str]) -> str:
    return ' "' if m.end() < len(m.string) and m.string[m.end()].isalnum() else '" '


def find_marked(text: str) -> list[Marked]:
    """Every passage between quotation marks, double first; a quote nested inside another is dropped."""
    text = _TWO_APOSTROPHES.sub(_as_double_mark, text)
    doubles = _find_style(text, "double", [])
    singles = _find_style(text, "single", sorted((m.open_at, m.close_at) for m in doubles))
    every = sorted(doubles + singles, key=lambda m: (m.open_at, -m.close_at))
    kept: list[Marked] = []
    reach = -1  # the furthest closing mark of a quote kept so far, all of which opened earlier
    for m in every:
        if m.close_at <= reach:
            continue
        kept.append(m)
        reach = m.close_at
    return kept
