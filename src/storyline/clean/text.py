"""Turning saved plain text or Markdown into blocks: one per paragraph, heading, list item or table row."""

from __future__ import annotations

import re

from storyline.clean.shape import Block, ends_sentence, normalize_space, word_count
from storyline.model import Removal

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^(=+|-+)\s*$")
_BULLET = re.compile(r"^\s*[-*+•▪►]\s+(?=\S)")
_NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+(?=\S)")
_QUOTE = re.compile(r"^\s*>\s?")
_FENCE = re.compile(r"^\s*(```|~~~)")
_RULE = re.compile(r"^\s*(?:[-*_=~#•·]\s*){3,}$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)|\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_CODE = re.compile(r"`([^`]+)`")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_LINK_DEFINITION = re.compile(r"^\s*\[[^\]]+\]:\s*\S+")


def _inline_markdown(line: str, removed: list[Removal]) -> str:
    for alt in _IMAGE.findall(line):
        if alt.strip():
            removed.append(Removal(normalize_space(alt), "caption", "image"))
    line = _IMAGE.sub(" ", line)
    line = _LINK.sub(lambda m: m.group(1) or m.group(2), line)
    line = _AUTOLINK.sub(r"\1", line)
    line = _STRONG.sub(r"\2", line)
    line = _EMPHASIS.sub(r"\2", line)
    line = _CODE.sub(r"\1", line)
    return _TAG.sub(" ", line)


def _table_row(line: str) -> str | None:
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if all(re.fullmatch(r":?-{2,}:?", c) or not c for c in cells):
        return None
    return " | ".join(c for c in cells if c)


def _line_kind(line: str, markdown: bool) -> tuple[str, str, int]:
    """(kind, text without its marker, heading level) of one source line."""
    if markdown:
        heading = _HEADING.match(line)
        if heading:
            return "head", heading.group(2), len(heading.group(1))
        if _QUOTE.match(line):
            return "quote", _QUOTE.sub("", line), 0
        if line.lstrip().startswith("|"):
            return "cell", line, 0
    if _BULLET.match(line):
        return "item", _BULLET.sub("", line), 0
    if _NUMBERED.match(line):
        return "item", line.strip(), 0
    return "p", line, 0


def _raw_groups(text: str, markdown: bool) -> list[list[str]]:
    """Lines grouped by blank lines; a fenced code block stays one group."""
    groups: list[list[str]] = [[]]
    fence: list[str] | None = None
    for line in text.split("\n"):
        if markdown and _FENCE.match(line):
            if fence is None:
                fence = []
                continue
            groups.extend([["\x00code " + " ".join(fence)], []])
            fence = None
            continue
        if fence is not None:
            fence.append(line)
        elif line.strip():
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    if fence:
        groups.append(["\x00code " + " ".join(fence)])
    return [g for g in groups if g]


def _wrap_width(groups: list[list[str]]) -> int | None:
    """The column the text was hard-wrapped at, or None when each line is its own paragraph.

    Wrapping cuts sentences anywhere, so most long lines followed by another line of the same
    block end mid-sentence; a text with one paragraph per line ends nearly every line with a stop.
    """
    inner = [line.rstrip() for g in groups if len(g) > 1 for line in g[:-1] if not line.startswith("\x00")]
    if len(inner) < 2:
        return None
    # a hard-wrapped text has no line of prose longer than its wrap column
    if max((len(line.rstrip()) for g in groups for line in g if line.count(" ") >= 3), default=0) > 100:
        return None
    width = max(len(line) for line in inner)
    long_lines = [line for line in inner if len(line) >= 0.6 * width]
    if width > 100 or len(long_lines) < 2:
        return None
    mid_sentence = sum(1 for line in long_lines if not ends_sentence(line))
    return width if mid_sentence / len(long_lines) >= 0.5 else None


def _starts_lower(line: str) -> bool:
    first = line.lstrip()[:1]
    return first.isalpha() and first.islower()


def _broken_lines(group: list[str]) -> bool:
    """Most lines of the group end mid-sentence and the next goes on in lower case: a paragraph broken
    at line breaks (<br> in a copied page), to be read as one even where a line starts with a name."""
    pairs = list(zip(group, group[1:], strict=False))
    if len(pairs) < 2:
        return False
    broken = sum(1 for a, b in pairs if not ends_sentence(a) and _starts_lower(b))
    return broken / len(pairs) >= 0.5


def _continues(prev_line: str, line: str, broken_group: bool) -> bool:
    """The line carries on the sentence the previous line of its group left open."""
    if ends_sentence(prev_line) or prev_line.rstrip().endswith(":"):
        return False
    return _starts_lower(line) or (broken_group and word_count(prev_line) >= 4)


def _group_blocks(group: list[str], markdown: bool, width: int | None, removed: list[Removal]) -> list[Block]:
    blocks: list[Block] = []
    broken_group = width is None and _broken_lines(group)
    for index, line in enumerate(group):
        if line.startswith("\x00code "):
            blocks.append(Block(normalize_space(line[6:]), "code"))
            continue
        if markdown and index + 1 < len(group) and _SETEXT.match(group[index + 1]) and blocks == []:
            blocks.append(
                Block(normalize_space(_inline_markdown(line, removed)), "head", 1, source=line.strip())
            )
            continue
        if _RULE.match(line) or (markdown and _LINK_DEFINITION.match(line)):
            continue
        kind, body, level = _line_kind(line, markdown)
        if kind == "cell":
            row = _table_row(body)
            if row is None:
                continue
            body = row
        body = normalize_space(_inline_markdown(body, removed) if markdown else body)
        if not body:
            continue
        prev = blocks[-1] if blocks else None
        if prev is not None and kind == "p" and prev.kind in ("p", "quote", "item") and width:
            if len(group[index - 1].rstrip()) >= 0.6 * width:
                prev.text, prev.source = f"{prev.text} {body}", f"{prev.source} {line.strip()}"
                continue
        if prev is not None and kind == "p" and prev.kind == "p" and width is None and not markdown:
            if _continues(group[index - 1], line, broken_group):
                prev.text, prev.source = f"{prev.text} {body}", f"{prev.source} {line.strip()}"
                continue
        if prev is not None and kind == "quote" and prev.kind == "quote" and width:
            prev.text, prev.source = f"{prev.text} {body}", f"{prev.source} {line.strip()}"
            continue
        blocks.append(Block(body, kind, level, source=line.strip()))
    return blocks


def text_blocks(text: str, markdown: bool = False) -> tuple[list[Block], list[Removal]]:
    """The blocks of a plain-text or Markdown document, and the images Markdown named (as removals)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    groups = _raw_groups(text, markdown)
    width = _wrap_width(groups)
    removed: list[Removal] = []
    blocks: list[Block] = []
    for group in groups:
        blocks.extend(_group_blocks(group, markdown, width, removed))
    return [b for b in blocks if any(ch.isalnum() for ch in b.text)], removed
