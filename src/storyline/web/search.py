"""Search over articles, quotes, actors and claims with a full-text index: SQLite FTS5, kept in a
cache file next to story.duckdb and built again when the story changes.

DuckDB's own full-text extension is downloaded on first use, which a machine without a network
cannot do; SQLite's FTS5 comes with Python. The index holds each text folded (case and accents
taken off, the thousands separators taken out of numbers, so "2100" finds "2,100"). A query word
finds the words it starts ("Castel" finds "Castell") by a prefix query; a word of four letters or
more also looks up, in a trigram index of the story's words, the words spelled almost the same
("evacuatd" finds "evacuated"). Every query word must match; a number matches whole.
"""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import os
import re
import sqlite3
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from storyline.model import Story
from storyline.report.views import outlet_names

INDEX_FILE = "story.search.sqlite"
SCHEMA = "storyline-search/2"
# How alike (difflib's ratio) a story word must be to a query word to count as a small typo.
TYPO_CUTOFF = 0.84
CANDIDATES = 20  # rows the index hands over per hit asked for, before each is checked word by word
RANKED = 4  # hits checked and ranked per hit shown, taken in the index's order
SNIPPET = 160  # characters a snippet shows, about

# A number with its thousands grouped ("2,100", "12 500" with a no-break or thin space) is one number.
_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:[,\u00a0\u202f\u2009]\d{3})+(?![\d,]\d)")
_SEPARATORS = ",\u00a0\u202f\u2009"
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# A query word: a number (with its decimals) or a run of letters and digits.
_TERM = re.compile(r"\d+(?:\.\d+)?(?!\w)|\w+")
_WORD = re.compile(r"[^\W\d_]{4,}")  # the words the typo index holds


def _ungroup(text: str) -> str:
    return _GROUPED.sub(lambda m: re.sub(r"\D", "", m.group()), text)


def fold(text: str) -> str:
    """`text` as the index holds it: case and accents folded, numbers without thousands separators."""
    return _COMBINING.sub("", unicodedata.normalize("NFKD", _ungroup(text).casefold()))


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    return _COMBINING.sub("", unicodedata.normalize("NFKD", ch.casefold()))


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """`fold(text)` and, for each of its characters, the offset in `text` it came from."""
    drop = {
        m.start() + i for m in _GROUPED.finditer(text) for i, c in enumerate(m.group()) if not c.isdigit()
    }
    parts: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        if i in drop:
            continue
        folded = _fold_char(ch)
        parts.append(folded)
        offsets.extend([i] * len(folded))
    return "".join(parts), offsets


def terms(query: str) -> list[str]:
    return list(dict.fromkeys(_TERM.findall(fold(query))))


@dataclass
class Doc:
    kind: str  # article | quote | entity | claim
    id: str
    title: str
    text: str
    url: str


def story_docs(story: Story) -> list[Doc]:
    outlet = outlet_names(story)
    names = {e.id: e.name for e in story.entities}
    docs = [Doc("article", a.id, a.title or a.source, a.text, f"/articles/{a.id}") for a in story.articles]
    for q in story.quotes:
        who = names.get(q.speaker or "", q.speaker_text or "unattributed")
        title = f"{who} in {outlet.get(q.article, '')}"
        docs.append(Doc("quote", q.id, title, q.text, f"/articles/{q.article}?focus={q.id}#{q.id}"))
    for e in story.entities:
        docs.append(Doc("entity", e.id, e.name, " ".join([e.type, *e.aliases]), f"/entities/{e.id}"))
    for c in story.claims:
        n = len(c.articles)
        title = (
            f"{c.kind.capitalize()} claim, {c.status.replace('_', ' ')}: {n} article{'s' if n != 1 else ''}"
        )
        docs.append(Doc("claim", c.id, title, c.statement, f"/claims/{c.id}"))
    return docs


def fingerprint(docs: list[Doc]) -> str:
    h = hashlib.sha256(SCHEMA.encode())
    for d in docs:
        h.update("\0".join((d.kind, d.id, d.title, d.text, d.url, "\1")).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


_TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE docs (rowid INTEGER PRIMARY KEY, kind TEXT, id TEXT, title TEXT, text TEXT, url TEXT);
CREATE VIRTUAL TABLE fts USING fts5(title, body, prefix = '2 3');
"""
# Trigrams look up the words a typo is close to; SQLite before 3.34 has no trigram tokenizer, and
# there the words are looked up by their first two letters instead.
_VOCAB = "CREATE VIRTUAL TABLE vocab USING fts5(word, tokenize = 'trigram')"
_VOCAB_PLAIN = "CREATE VIRTUAL TABLE vocab USING fts5(word, prefix = '2')"


def build(con: sqlite3.Connection, docs: list[Doc], stamp: str) -> None:
    con.executescript(_TABLES)
    try:
        con.execute(_VOCAB)
    except sqlite3.OperationalError:
        con.execute(_VOCAB_PLAIN)
    rows = [(n, d.kind, d.id, d.title, d.text, d.url) for n, d in enumerate(docs, 1)]
    con.executemany("INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?)", rows)
    words: set[str] = set()
    folded = []
    for n, d in enumerate(docs, 1):
        title, body = fold(d.title), fold(d.text)
        folded.append((n, title, body))
        words.update(_WORD.findall(title))
        words.update(_WORD.findall(body))
    con.executemany("INSERT INTO fts (rowid, title, body) VALUES (?, ?, ?)", folded)
    con.executemany("INSERT INTO vocab (word) VALUES (?)", ((w,) for w in sorted(words)))
    con.execute("INSERT INTO fts (fts) VALUES ('optimize')")
    con.executemany("INSERT INTO meta VALUES (?, ?)", [("schema", SCHEMA), ("story", stamp)])
    con.commit()


def _stamp(con: sqlite3.Connection) -> str | None:
    try:
        row = con.execute("SELECT value FROM meta WHERE key = 'story'").fetchone()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None


def _read_only(path: Path) -> sqlite3.Connection:
    # a URI, so the file is opened read-only; quoted, so a folder named with ? or # is still a path
    return sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, check_same_thread=False)


def open_index(folder: Path | None, docs: list[Doc]) -> sqlite3.Connection:
    """The index for `docs`: the cache file in `folder` when it is theirs, else built (into the file
    when the folder can be written, else in memory)."""
    stamp = fingerprint(docs)
    path = folder / INDEX_FILE if folder is not None else None
    if path is not None and path.is_file():
        try:
            con = _read_only(path)
            if _stamp(con) == stamp:
                return con
            con.close()
        except sqlite3.Error:
            pass
    if path is not None:
        partial = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        try:
            with contextlib.closing(sqlite3.connect(partial)) as con:
                build(con, docs, stamp)
            os.replace(partial, path)  # a reader sees the old index or the whole new one
            return _read_only(path)
        except (OSError, sqlite3.Error):
            with contextlib.suppress(OSError):
                partial.unlink()
    con = sqlite3.connect(":memory:", check_same_thread=False)
    build(con, docs, stamp)
    return con


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _token_query(form: str) -> str:
    """One query word as FTS5 asks for it: its tokens as a phrase, open at the end unless a number."""
    tokens = re.findall(r"[^\W_]+", form)
    if not tokens:
        return ""
    return _phrase(" ".join(tokens)) + ("" if form[:1].isdigit() else "*")


class SearchIndex:
    """The story's search index, opened or built in the background from the start (a large story
    takes a while to index the first time), so the explorer answers its other pages meanwhile; a
    search waits until it is ready."""

    def __init__(self, story: Story, folder: Path | None = None, background: bool = True) -> None:
        self.lock = threading.Lock()
        self._con: sqlite3.Connection | None = None
        self._failed: BaseException | None = None
        self._ready = threading.Event()
        docs = story_docs(story)
        if background:
            threading.Thread(target=self._open, args=(folder, docs), daemon=True, name="search-index").start()
        else:
            self._open(folder, docs)

    def _open(self, folder: Path | None, docs: list[Doc]) -> None:
        try:
            self._con = open_index(folder, docs)
        except BaseException as exc:  # handed to the search that waits for the index
            self._failed = exc
        finally:
            self._ready.set()

    @property
    def trigram(self) -> bool:
        """Whether the story's words are indexed by trigrams (SQLite 3.34 and later)."""
        (sql,) = self.con.execute("SELECT sql FROM sqlite_master WHERE name = 'vocab'").fetchone()
        return "trigram" in sql

    @property
    def con(self) -> sqlite3.Connection:
        self._ready.wait()
        if self._con is None:
            raise RuntimeError("the search index could not be built") from self._failed
        return self._con

    def forms(self, term: str) -> list[str]:
        """The query word and the story's words that differ from it by a small typo."""
        if len(term) < 4 or not term.isalpha():
            return [term]
        if self.trigram:
            grams = {term[i : i + 3] for i in range(len(term) - 2)}
            query = " OR ".join(_phrase(g) for g in sorted(grams))
        else:
            query = _phrase(term[:2]) + "*"
        rows = self.con.execute(
            "SELECT word FROM vocab WHERE vocab MATCH ? ORDER BY rank LIMIT 300", (query,)
        ).fetchall()
        close = difflib.get_close_matches(term, [w for (w,) in rows], n=5, cutoff=TYPO_CUTOFF)
        return [term, *(w for w in close if w != term)]

    def candidates(self, wanted: list[list[str]], limit: int) -> list[int]:
        """Rows the index says may hold every word (in any of its forms), best first: a word as the
        start of a word, a number as a whole word."""
        clauses = []
        for forms in wanted:
            queries = [_token_query(f) for f in forms]
            if any(queries):
                clauses.append("(" + " OR ".join(q for q in queries if q) + ")")
        if not clauses:
            return []
        sql = "SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rank LIMIT ?"
        return [r for (r,) in self.con.execute(sql, (" AND ".join(clauses), limit)).fetchall()]

    def search(self, query: str, limit: int = 50) -> list[dict[str, Any]]:
        asked = terms(query)[:12]
        if not asked:
            return []
        with self.lock:
            wanted = [self.forms(t) for t in asked]
            rows = self.candidates(wanted, limit * CANDIDATES)
            docs = self._docs(rows)
        patterns = [_pattern(forms) for forms in wanted]
        exact = [_pattern([t]) for t in asked]
        hits = []
        for order, doc in enumerate(docs):
            body = fold(doc.text)
            folded = fold(doc.title) + "\n" + body
            if all(p.search(folded) for p in patterns):
                # an exact spelling ranks above a typo's match, then the text the words fill most
                # (a quote above the article around it), then the index's own rank
                filled = sum(len(m.group()) for p in patterns for m in p.finditer(body)) / (1 + len(body))
                hits.append((-sum(1 for p in exact if p.search(folded)), -filled, order, doc))
                if len(hits) >= limit * RANKED:
                    break  # enough of the index's best to rank; a one-letter query matches nearly all
        hits.sort(key=lambda h: h[:3])
        out = []
        for *_, d in hits[:limit]:
            parts = snippet(d.text, patterns)
            out.append(
                {
                    "kind": d.kind,
                    "id": d.id,
                    "title": d.title,
                    "snippet": "".join(p["text"] for p in parts),
                    "parts": parts,
                    "url": d.url,
                }
            )
        return out

    def _docs(self, rows: list[int]) -> list[Doc]:
        if not rows:
            return []
        found: dict[int, Doc] = {}
        for start in range(0, len(rows), 500):
            chunk = rows[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for rowid, *fields in self.con.execute(
                f"SELECT rowid, kind, id, title, text, url FROM docs WHERE rowid IN ({marks})", chunk
            ):
                found[rowid] = Doc(*fields)
        return [found[r] for r in rows if r in found]


def _pattern(forms: list[str]) -> re.Pattern[str]:
    """A word starting with any of `forms`: a number whole, a word to its end (so the whole word shows)."""
    alts = "|".join(re.escape(f) + (r"(?![\d])" if f[:1].isdigit() else r"\w*") for f in forms)
    return re.compile(rf"(?<![\w.])(?:{alts})" if forms[0][:1].isdigit() else rf"(?<!\w)(?:{alts})")


def snippet(text: str, patterns: list[re.Pattern[str]], width: int = SNIPPET) -> list[dict[str, Any]]:
    """About `width` characters of `text` around its first matching word, cut at word edges, as parts
    that say which are hits (plain text: templates escape it)."""
    folded, offsets = fold_with_offsets(text)
    spans = sorted(
        (offsets[m.start()], offsets[m.end() - 1] + 1)
        for p in patterns
        for m in p.finditer(folded)
        if m.end() > m.start()
    )
    first = spans[0][0] if spans else 0
    start = 0
    if first > width // 3:
        start = max(0, first - width // 3)
        while start < first and not text[start - 1].isspace():
            start += 1  # forward to the next word's start
    end = min(len(text), start + width)
    if end < len(text):
        cut = end
        while cut > start and not text[cut].isspace():
            cut -= 1
        end = cut if cut > start else end
    # no paragraph break or space at either edge
    while start < first and text[start].isspace():
        start += 1
    while end > max(start, first) and text[end - 1].isspace():
        end -= 1
    parts: list[dict[str, Any]] = [{"text": "…", "hit": False}] if text[:start].strip() else []
    at = start
    for a, b in spans:
        if a < at or a >= end:
            continue
        if a > at:
            parts.append({"text": text[at:a], "hit": False})
        parts.append({"text": text[a : min(b, end)], "hit": True})
        at = min(b, end)
    if at < end:
        parts.append({"text": text[at:end], "hit": False})
    if text[end:].strip():
        parts.append({"text": "…", "hit": False})
    return parts
