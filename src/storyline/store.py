"""DuckDB persistence: raw bytes, cleaned articles, cached annotations and the story, nothing twice."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from storyline import __version__
from storyline.errors import FolderInUse, OutputFolderError
from storyline.model import Article, ArticleAnnotations, InputProblem, RawDocument, Story

SCHEMA_VERSION = "1"

_TABLES = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
-- every input's bytes exactly as read, once per distinct content
CREATE TABLE IF NOT EXISTS raw (
    sha256 VARCHAR PRIMARY KEY, data BLOB NOT NULL, size BIGINT NOT NULL,
    stored_at TIMESTAMP DEFAULT current_timestamp);
-- where each content came from: one row per (source, content)
CREATE TABLE IF NOT EXISTS inputs (
    source VARCHAR NOT NULL, sha256 VARCHAR NOT NULL, format VARCHAR, encoding VARCHAR,
    hints VARCHAR, article VARCHAR, PRIMARY KEY (source, sha256));
-- articles as cleaning made them, before cross-article boilerplate removal
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, source VARCHAR, outlet VARCHAR, published VARCHAR, title VARCHAR,
    record VARCHAR NOT NULL);
-- extraction results keyed by the exact text and extractor code they came from
CREATE TABLE IF NOT EXISTS annotations (key VARCHAR PRIMARY KEY, article VARCHAR, record VARCHAR NOT NULL);
-- the latest story model, one row per record of each section
CREATE TABLE IF NOT EXISTS story (
    section VARCHAR NOT NULL, id VARCHAR NOT NULL, article VARCHAR, record VARCHAR NOT NULL,
    PRIMARY KEY (section, id));
CREATE TABLE IF NOT EXISTS problems (source VARCHAR, kind VARCHAR, reason VARCHAR,
    first_seen TIMESTAMP DEFAULT current_timestamp, PRIMARY KEY (source, reason));
"""

STORY_SECTIONS = (
    "articles", "entities", "quotes", "figures", "events", "statements", "claims", "duplicates", "profiles"
)  # fmt: skip


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """A fingerprint of the extraction code, so cached annotations die with the code that made them."""
    h = hashlib.sha256(__version__.encode())
    package = Path(__file__).parent
    code = [*sorted((package / "extract").rglob("*.py")), package / "names.py", package / "nlp.py"]
    for path in code:
        if path.is_file():
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


@lru_cache(maxsize=1)
def code_version() -> str:
    """A fingerprint of all of storyline's code and templates: a stored story lives only as long as it."""
    h = hashlib.sha256(__version__.encode())
    package = Path(__file__).parent
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".json", ".j2") and "samples" not in path.relative_to(package).parts:
            h.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


def annotation_key(article: Article) -> str:
    return hashlib.sha256(f"{extractor_version()}\0{article.id}\0{article.text}".encode()).hexdigest()


# Rows held back before one bulk insert; a killed run loses at most these, and reruns them.
BATCH_ROWS = 500
BATCH_BYTES = 64 * 2**20
# DuckDB's memory while it stores the story (see `Store._story_memory_limit`)
STORY_MEMORY = 32 * 2**20
STORY_MEMORY_PER_ROW = 96


class Store:
    """One analysis folder's database. Writes are idempotent: the same input twice stores one copy.

    Input rows are collected and written in bulk (one Arrow insert per table per batch, not
    one statement per row); every read and `close` writes what is pending first. The story
    goes in through DuckDB's appender, its memory bounded (`save_story`).
    """

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self.con = _connect(self.path)
        self.con.execute(_TABLES)
        self.con.execute(
            "INSERT OR REPLACE INTO meta VALUES ('schema', ?), ('storyline', ?)",
            [SCHEMA_VERSION, __version__],
        )
        self._raw: dict[str, bytes] = {}
        self._inputs: dict[tuple[str, str], tuple[str | None, ...]] = {}
        self._articles: list[tuple[str | None, ...]] = []
        self._annotations: dict[str, tuple[str, str]] = {}
        self._pending_bytes = 0
        self._article_ids: set[str] | None = None

    @staticmethod
    def remove(path: Path) -> None:
        for p in (path, path.with_name(path.name + ".wal")):
            p.unlink(missing_ok=True)

    def close(self) -> None:
        try:
            self.flush()
        finally:
            self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def flush(self) -> None:
        """Write every pending row, each table in one insert, all in one transaction."""
        if not (self._raw or self._inputs or self._articles or self._annotations):
            return
        raw = _columns(("sha256", "data", "size"), [(k, v, len(v)) for k, v in self._raw.items()])
        raw["data"] = pa.array(raw["data"], pa.large_binary())
        annotations = [(key, article, record) for key, (article, record) in self._annotations.items()]
        batches = [
            ("INSERT OR IGNORE INTO raw (sha256, data, size) SELECT * FROM batch", raw),
            (
                "INSERT OR IGNORE INTO inputs SELECT * FROM batch",
                _columns(_INPUTS, list(self._inputs.values())),
            ),
            ("INSERT OR IGNORE INTO articles SELECT * FROM batch", _columns(_ARTICLES, self._articles)),
            ("INSERT OR REPLACE INTO annotations SELECT * FROM batch", _columns(_ANNOTATIONS, annotations)),
        ]
        self._bulk([(sql, columns) for sql, columns in batches if len(columns[next(iter(columns))])])
        self._raw, self._inputs, self._articles, self._annotations = {}, {}, [], {}
        self._pending_bytes = 0

    def _bulk(self, batches: Iterable[tuple[str, dict[str, Any]]]) -> None:
        """Each insert reading its columns as the table `batch`, all in one transaction."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            for sql, columns in batches:
                arrays = {k: v if isinstance(v, pa.Array) else pa.array(list(v)) for k, v in columns.items()}
                self.con.register("batch", pa.table(arrays))
                try:
                    self.con.execute(sql)
                finally:
                    self.con.unregister("batch")
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise

    def _pending(self, size: int = 0) -> None:
        self._pending_bytes += size
        rows = len(self._raw) + len(self._inputs) + len(self._articles) + len(self._annotations)
        if rows >= BATCH_ROWS or self._pending_bytes >= BATCH_BYTES:
            self.flush()

    # inputs and articles

    def add_raw(self, raw: RawDocument, article_id: str) -> None:
        sha = raw.sha256
        if sha not in self._raw:
            self._raw[sha] = raw.data
            self._pending_bytes += len(raw.data)
        self._inputs.setdefault(
            (raw.source, sha),
            (raw.source, sha, raw.format, raw.encoding, json.dumps(raw.hints.to_dict()), article_id),
        )
        self._pending()

    def add_article(self, article: Article) -> bool:
        """Store a cleaned article; False when it was already there."""
        ids = self._stored_ids()
        if article.id in ids:
            return False
        ids.add(article.id)
        record = json.dumps(article.to_dict(), ensure_ascii=False)
        self._articles.append(
            (article.id, article.source, article.outlet, article.published, article.title, record)
        )
        self._pending(len(record))
        return True

    def has_article(self, article_id: str) -> bool:
        """Whether an article of this id is stored (or waiting to be)."""
        return article_id in self._stored_ids()

    def _stored_ids(self) -> set[str]:
        if self._article_ids is None:
            self._article_ids = {r[0] for r in self.con.execute("SELECT id FROM articles").fetchall()}
        return self._article_ids

    def article_ids(self) -> list[str]:
        self.flush()
        return [r[0] for r in self.con.execute("SELECT id FROM articles ORDER BY id").fetchall()]

    def load_articles(self) -> list[Article]:
        self.flush()
        rows = self.con.execute("SELECT record FROM articles ORDER BY id").fetchall()
        return [Article.from_dict(json.loads(r[0])) for r in rows]

    def raw_bytes(self, sha256: str) -> bytes | None:
        if sha256 in self._raw:
            return self._raw[sha256]
        row = self.con.execute("SELECT data FROM raw WHERE sha256 = ?", [sha256]).fetchone()
        return bytes(row[0]) if row else None

    def counts(self) -> dict[str, int]:
        self.flush()
        tables = ("raw", "inputs", "articles", "annotations", "story", "problems")
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}  # type: ignore[index]

    # annotations

    def load_annotations(self, articles: Sequence[Article]) -> dict[str, ArticleAnnotations]:
        self.flush()
        keys = {annotation_key(a): a.id for a in articles}
        if not keys:
            return {}
        found: dict[str, ArticleAnnotations] = {}
        for key, record in self.con.execute(
            "SELECT key, record FROM annotations WHERE key IN (SELECT unnest(?))", [list(keys)]
        ).fetchall():
            found[keys[key]] = ArticleAnnotations.from_dict(json.loads(record))
        return found

    def save_annotations(self, article: Article, annotations: ArticleAnnotations) -> None:
        record = json.dumps(annotations.to_dict(), ensure_ascii=False)
        self._annotations[annotation_key(article)] = (article.id, record)
        self._pending(len(record))

    # the story

    def save_story(self, story: Story, key: str | None = None) -> None:
        """Replace the stored story in one transaction, appended a row at a time.

        `key` names what the story was made from (see `pipeline.story_key`); a later run
        from the same articles and code may take the stored story instead of making it
        again. The old key goes before the new story is written and the new one after,
        so a run killed in between leaves no key, never a key beside the wrong story.
        """
        self.flush()
        self.con.execute(f"DELETE FROM meta WHERE key IN {_STORY_META}")
        try:
            self._replace_story(story, self._story_memory_limit(story) if self.path != ":memory:" else None)
        except duckdb.OutOfMemoryException:
            # The rows did not fit under the limit and were rolled back, nothing stored:
            # storing the story at DuckDB's usual memory beats not storing it.
            self._replace_story(story, None)
        if key is not None:
            self.set_meta("story_key", key)

    def _story_memory_limit(self, story: Story) -> int:
        """DuckDB's memory while the story's rows go in: a fixed part, and room for key indexes.

        The rows themselves can go to disk as they come; what DuckDB must hold is the index
        of the primary keys appended so far and of those deleted, which grows with the rows
        (measured: a million new rows do not fit in 32 MB and do in 64 MB; replacing 500,000
        rows by as many does not fit in 80 MB). This allows about twice that.
        """
        stored = self.con.execute("SELECT count(*) FROM story").fetchone()[0]  # type: ignore[index]
        rows = stored + sum(len(getattr(story, section)) for section in STORY_SECTIONS)
        return STORY_MEMORY + STORY_MEMORY_PER_ROW * rows

    def _replace_story(self, story: Story, memory_limit: int | None) -> None:
        """Delete the stored story and append the new one's rows, in one transaction.

        Each row is made from its record as it is appended. With `memory_limit` (bytes),
        DuckDB keeps its buffers under it while the rows go in and writes what it cannot
        hold to disk; without one it keeps about 1 KB a row in memory (measured). The limit is lifted
        before the commit, which holds the primary key's index whole: a commit that fails
        for memory leaves that index wrong until the database is opened again.
        """
        if memory_limit is not None:
            self.con.execute(f"SET memory_limit = '{max(1, memory_limit // 2**20)}MiB'")
        try:
            self.con.execute("BEGIN TRANSACTION")
            try:
                self.con.execute("DELETE FROM story")
                with self.con.appender("story") as appender:
                    for row in _story_rows(story):
                        appender.append_row(*row)
            except Exception:
                self.con.execute("ROLLBACK")
                raise
        finally:
            if memory_limit is not None:
                self.con.execute("RESET memory_limit")
        self.con.execute("COMMIT")

    def meta(self, key: str) -> str | None:
        row = self.con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])

    def load_story(self) -> Story:
        self.flush()
        data: dict[str, Any] = {"schema": "storyline/1"}
        for section in STORY_SECTIONS:
            rows = self.con.execute(
                "SELECT record FROM story WHERE section = ? ORDER BY rowid", [section]
            ).fetchall()
            data[section] = [json.loads(r[0]) for r in rows]
        return Story.from_dict(data)

    def story_numbers(self) -> dict[str, int]:
        """Article id -> the story the stored story model put it in (empty before the first run)."""
        self.flush()
        rows = self.con.execute("SELECT record FROM story WHERE section = 'profiles'").fetchall()
        numbers = {}
        for (record,) in rows:
            profile = json.loads(record)
            if isinstance(profile.get("story"), int) and profile.get("article"):
                numbers[profile["article"]] = profile["story"]
        return numbers

    def save_problems(self, problems: Iterable[InputProblem]) -> None:
        rows = [[p.source, p.kind, p.reason] for p in problems]
        if rows:
            self.con.executemany(
                "INSERT OR IGNORE INTO problems (source, kind, reason) VALUES (?, ?, ?)", rows
            )


# What meta says about the stored story: what it was made from, and the hashes of the
# story.json and report.html written from it.
_STORY_META = "('story_key', 'story.json', 'report.html')"
_INPUTS = ("source", "sha256", "format", "encoding", "hints", "article")
_ARTICLES = ("id", "source", "outlet", "published", "title", "record")
_ANNOTATIONS = ("key", "article", "record")


def _columns(names: Sequence[str], rows: Sequence[Sequence[Any]]) -> dict[str, Any]:
    """Rows turned into named columns, the shape an Arrow table is built from."""
    return {name: [row[n] for row in rows] for n, name in enumerate(names)}


def _connect(path: str) -> duckdb.DuckDBPyConnection:
    """Open the database, turning what DuckDB says about the file into one line a user can act on."""
    try:
        return duckdb.connect(path)
    except duckdb.IOException as exc:
        folder = str(Path(path).parent)
        message = str(exc)
        if "lock" in message.lower():
            # DuckDB lets one process write a database file; a second run would
            # otherwise die with its lock error, a traceback and no hint.
            holder = re.search(r"\(PID (\d+)\)", message)
            pid = f" (PID {holder.group(1)})" if holder else ""
            raise FolderInUse(
                folder,
                f"the folder is in use by another run{pid}; wait for it to end or choose another folder",
            ) from None
        if "not a valid DuckDB database" in message:
            reason = f"{Path(path).name} is not a storyline database; use --fresh to replace it"
            raise OutputFolderError(folder, reason) from None
        raise OutputFolderError(folder, f"cannot open {Path(path).name}: {message}") from None


def _story_rows(story: Story) -> Iterator[list[Any]]:
    """The story's rows in order, each made from its record only when it is read."""
    sections = dict(story.sections())  # each section's records are made as they are read
    for section in STORY_SECTIONS:
        for i, record in enumerate(sections[section]):
            yield _story_row(section, i, record)


def _story_row(section: str, index: int, record: dict[str, Any]) -> list[Any]:
    # duplicates have no id of their own; their place in the list is stable for the same input
    rid = record.get("id") or f"{section}-{index}"
    return [section, rid, record.get("article"), json.dumps(record, ensure_ascii=False)]
