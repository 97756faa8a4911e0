"""DuckDB persistence: raw bytes, cleaned articles, cached annotations and the story, nothing twice."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb

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

STORY_SECTIONS = ("articles", "entities", "quotes", "figures", "events", "claims", "duplicates", "profiles")


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """A fingerprint of the extraction code, so cached annotations die with the code that made them."""
    h = hashlib.sha256(__version__.encode())
    for path in sorted((Path(__file__).parent / "extract").glob("*.py")):
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def annotation_key(article: Article) -> str:
    return hashlib.sha256(f"{extractor_version()}\0{article.id}\0{article.text}".encode()).hexdigest()


class Store:
    """One analysis folder's database. Writes are idempotent: the same input twice stores one copy."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self.con = _connect(self.path)
        self.con.execute(_TABLES)
        self.con.execute(
            "INSERT OR REPLACE INTO meta VALUES ('schema', ?), ('storyline', ?)",
            [SCHEMA_VERSION, __version__],
        )

    @staticmethod
    def remove(path: Path) -> None:
        for p in (path, path.with_name(path.name + ".wal")):
            p.unlink(missing_ok=True)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # inputs and articles

    def add_raw(self, raw: RawDocument, article_id: str) -> None:
        sha = raw.sha256
        self.con.execute(
            "INSERT OR IGNORE INTO raw (sha256, data, size) VALUES (?, ?, ?)", [sha, raw.data, len(raw.data)]
        )
        self.con.execute(
            "INSERT OR IGNORE INTO inputs VALUES (?, ?, ?, ?, ?, ?)",
            [raw.source, sha, raw.format, raw.encoding, json.dumps(raw.hints.to_dict()), article_id],
        )

    def add_article(self, article: Article) -> bool:
        """Store a cleaned article; False when it was already there."""
        exists = self.con.execute("SELECT 1 FROM articles WHERE id = ?", [article.id]).fetchone()
        if exists:
            return False
        self.con.execute(
            "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?)",
            [
                article.id,
                article.source,
                article.outlet,
                article.published,
                article.title,
                json.dumps(article.to_dict(), ensure_ascii=False),
            ],
        )
        return True

    def article_ids(self) -> list[str]:
        return [r[0] for r in self.con.execute("SELECT id FROM articles ORDER BY id").fetchall()]

    def load_articles(self) -> list[Article]:
        rows = self.con.execute("SELECT record FROM articles ORDER BY id").fetchall()
        return [Article.from_dict(json.loads(r[0])) for r in rows]

    def raw_bytes(self, sha256: str) -> bytes | None:
        row = self.con.execute("SELECT data FROM raw WHERE sha256 = ?", [sha256]).fetchone()
        return bytes(row[0]) if row else None

    def counts(self) -> dict[str, int]:
        tables = ("raw", "inputs", "articles", "annotations", "story", "problems")
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}  # type: ignore[index]

    # annotations

    def load_annotations(self, articles: Sequence[Article]) -> dict[str, ArticleAnnotations]:
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
        self.con.execute(
            "INSERT OR REPLACE INTO annotations VALUES (?, ?, ?)",
            [annotation_key(article), article.id, json.dumps(annotations.to_dict(), ensure_ascii=False)],
        )

    # the story

    def save_story(self, story: Story) -> None:
        data = story.to_dict()
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.execute("DELETE FROM story")
            for section in STORY_SECTIONS:
                rows = [_story_row(section, i, r) for i, r in enumerate(data[section])]
                if rows:
                    self.con.executemany("INSERT INTO story VALUES (?, ?, ?, ?)", rows)
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise

    def load_story(self) -> Story:
        data: dict[str, Any] = {"schema": "storyline/1"}
        for section in STORY_SECTIONS:
            rows = self.con.execute(
                "SELECT record FROM story WHERE section = ? ORDER BY rowid", [section]
            ).fetchall()
            data[section] = [json.loads(r[0]) for r in rows]
        return Story.from_dict(data)

    def save_problems(self, problems: Iterable[InputProblem]) -> None:
        rows = [[p.source, p.kind, p.reason] for p in problems]
        if rows:
            self.con.executemany(
                "INSERT OR IGNORE INTO problems (source, kind, reason) VALUES (?, ?, ?)", rows
            )


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


def _story_row(section: str, index: int, record: dict[str, Any]) -> list[Any]:
    # duplicates have no id of their own; their place in the list is stable for the same input
    rid = record.get("id") or f"{section}-{index}"
    return [section, rid, record.get("article"), json.dumps(record, ensure_ascii=False)]
