"""Photo galleries copied into an article: slides numbered "1/50", "2 of 50" …, each with its caption."""

from __future__ import annotations

import re
from statistics import median

from storyline.clean.shape import Block

_COUNTER = re.compile(r"^\s*(\d{1,3})\s*(?:/|of)\s*(\d{1,3})\b")
_MIN_SLIDES = 3


def gallery_blocks(blocks: list[Block], live: list[int]) -> list[int]:
    """Indices of the blocks of a numbered gallery: from its first counter to the last slide's caption.

    A gallery shows at least three counters of one total, counting up; what lies between two counters
    is a slide's caption and credit, and the last slide is given as many blocks as a slide has at most.
    """
    counters: dict[int, list[tuple[int, int]]] = {}
    for position, i in enumerate(live):
        m = _COUNTER.match(blocks[i].text)
        if m and 1 <= int(m.group(1)) <= int(m.group(2)):
            counters.setdefault(int(m.group(2)), []).append((position, int(m.group(1))))
    out: list[int] = []
    for total, found in counters.items():
        slides = _counting_up(found)
        if total < _MIN_SLIDES or len(slides) < _MIN_SLIDES:
            continue
        gaps = [b - a for a, b in zip(slides, slides[1:], strict=False)]
        if max(gaps) > 4:  # slides this far apart are numbered paragraphs of the text, not a gallery
            continue
        end = min(len(live), slides[-1] + round(median(gaps)))
        out.extend(live[slides[0] : end])
    return out


def _counting_up(found: list[tuple[int, int]]) -> list[int]:
    """Positions of the counters that follow one another with numbers going up."""
    positions = [found[0][0]]
    last = found[0][1]
    for position, number in found[1:]:
        if number > last:
            positions.append(position)
            last = number
    return positions
