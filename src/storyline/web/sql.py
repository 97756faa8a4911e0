"""Read-only SQL over an analysis folder's story.duckdb for analysts: one SELECT, named parameters,
a time limit and a row limit, and no way out to the file system or the network.

The database is opened read-only with DuckDB's external access switched off and the configuration
locked, so file readers (read_csv, COPY, ATTACH, a file name in FROM), extension loading and `SET`
fail inside DuckDB itself; the statement check and the list of refused functions below only make the
reason plain before DuckDB is asked.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io
import json
import re
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from storyline.export import _inert

TIME_LIMIT = 5.0  # seconds a query may run before it is interrupted
ROWS = 1000  # rows a result shows when no ?limit= is given
MAX_ROWS = 10_000
RUNNING_AT_ONCE = 2  # queries running together; more wait, then get a 503
RESERVED = ("q", "limit")  # the page's own parameters, not the query's
EXAMPLE = "SELECT section, count(*) AS records\nFROM story\nGROUP BY section\nORDER BY records DESC"

# Strings, quoted names and comments, taken out before looking for parameters and refused names.
_QUOTED = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|--[^\n]*|/\*.*?\*/", re.S)
_PARAMETER = re.compile(r"\$([A-Za-z_]\w*)")
# Table functions that read files or run other SQL; DuckDB refuses the file readers anyway.
_REFUSED = re.compile(
    r"\b(read_\w+|\w+_scan|parquet_\w+|sniff_csv|glob|query|query_table|iceberg_\w+|delta_\w+)\s*\(", re.I
)
_CONFIG = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "memory_limit": "1GB",
    "lock_configuration": True,  # last: after it nothing, not even a query's SET, changes the above
}


_NUMBER_TYPES = {
    "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER",
    "UBIGINT", "UHUGEINT", "FLOAT", "DOUBLE", "DECIMAL",
}  # fmt: skip


class SQLError(Exception):
    """A query that cannot run, with the reason in words (the page answers 400 with it)."""


class Busy(SQLError):
    """Too many queries running at once (the page answers 503)."""


@dataclass
class SQLResult:
    columns: list[str]
    types: list[str]
    rows: list[tuple[Any, ...]]
    truncated: bool  # the query had more rows than the limit
    limit: int
    seconds: float

    @property
    def numeric(self) -> list[bool]:
        """Which columns hold numbers (the page sets them right-aligned)."""
        return [t.split("(")[0] in _NUMBER_TYPES for t in self.types]

    def to_dict(self) -> dict[str, Any]:
        return {
            "columns": self.columns,
            "types": self.types,
            "rows": [[json_value(v) for v in row] for row in self.rows],
            "truncated": self.truncated,
            "limit": self.limit,
            "seconds": round(self.seconds, 3),
        }

    def csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(self.columns)
        for row in self.rows:
            writer.writerow([_inert(csv_value(v)) for v in row])
        return out.getvalue()


def parameter_names(sql: str) -> list[str]:
    """The `$name` parameters a query uses, in order, each once."""
    return list(dict.fromkeys(_PARAMETER.findall(_QUOTED.sub(" ", sql))))


def json_value(v: Any) -> Any:
    if v is None or isinstance(v, bool | int | float | str):
        return v
    if isinstance(v, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(v)).decode("ascii")
    if isinstance(v, dt.date | dt.time | dt.datetime):
        return v.isoformat()
    if isinstance(v, Decimal):
        return float(v)
    if isinstance(v, list | tuple):
        return [json_value(x) for x in v]
    if isinstance(v, dict):
        return {str(k): json_value(x) for k, x in v.items()}
    return str(v)


def csv_value(v: Any) -> Any:
    shown = json_value(v)
    return json.dumps(shown, ensure_ascii=False) if isinstance(shown, list | dict) else shown


def cell_text(v: Any, most: int = 400) -> str:
    """A value as the HTML table shows it: blobs by size, long text cut."""
    if v is None:
        return ""
    if isinstance(v, bytes | bytearray | memoryview):
        return f"({len(bytes(v)):,} bytes)"
    text = str(csv_value(v))
    return text if len(text) <= most else text[:most] + "…"


class Database:
    """story.duckdb in `folder`, opened read-only for each query (a rerun of `analyze` is not locked out)."""

    def __init__(self, folder: Path, time_limit: float = TIME_LIMIT) -> None:
        self.path = Path(folder) / "story.duckdb"
        self.time_limit = time_limit
        self._slots = threading.BoundedSemaphore(RUNNING_AT_ONCE)

    @property
    def exists(self) -> bool:
        return self.path.is_file()

    def connect(self) -> duckdb.DuckDBPyConnection:
        if not self.exists:
            raise SQLError(f"there is no {self.path.name} in this folder; `storyline analyze` writes one")
        try:
            return duckdb.connect(str(self.path), read_only=True, config=dict(_CONFIG))
        except duckdb.Error as exc:
            raise SQLError(f"cannot open {self.path.name}: {exc}") from None

    def check(self, con: duckdb.DuckDBPyConnection, sql: str) -> None:
        """One SELECT (or WITH … SELECT) statement, calling no refused function; else an SQLError."""
        if not sql.strip():
            raise SQLError("no query: write one SELECT statement in ?q=")
        try:
            statements = con.extract_statements(sql)
        except duckdb.Error as exc:
            raise SQLError(_reason(exc)) from None
        if len(statements) != 1:
            raise SQLError(f"one statement at a time, not {len(statements)}")
        if statements[0].type != duckdb.StatementType.SELECT:
            kind = statements[0].type.name.replace("_", " ")
            raise SQLError(f"only a SELECT (or WITH … SELECT) statement can run here, not {kind}")
        refused = _REFUSED.search(_QUOTED.sub(" ", sql))
        if refused:
            raise SQLError(f"{refused.group(1)}() is not allowed here: the SQL page reads story.duckdb only")

    def run(self, sql: str, params: Mapping[str, str], limit: int = ROWS) -> SQLResult:
        if not self._slots.acquire(timeout=self.time_limit):
            raise Busy(f"{RUNNING_AT_ONCE} queries are running already; try again in a moment")
        try:
            with self.connect() as con:
                self.check(con, sql)
                return self._run(con, sql, params, limit)
        finally:
            self._slots.release()

    def _run(
        self, con: duckdb.DuckDBPyConnection, sql: str, params: Mapping[str, str], limit: int
    ) -> SQLResult:
        wanted = parameter_names(sql)
        taken = [p for p in wanted if p in RESERVED]
        if taken:
            raise SQLError(f"${taken[0]} cannot be a parameter: ?{taken[0]}= is the page's own; rename it")
        missing = [p for p in wanted if p not in params]
        if missing:
            raise SQLError("no value for " + ", ".join(f"${p}" for p in missing) + " (give each as ?name=)")
        unused = [p for p in params if p not in wanted]
        if unused:
            raise SQLError("the query has no parameter " + ", ".join(f"${p}" for p in unused))
        timer = threading.Timer(self.time_limit, con.interrupt)
        started = time.monotonic()
        timer.start()
        try:
            con.execute(sql, {p: params[p] for p in wanted} if wanted else None)
            columns = [d[0] for d in con.description or []]
            types = [str(d[1]) for d in con.description or []]
            rows = con.fetchmany(limit + 1)
        except duckdb.InterruptException:
            raise SQLError(f"the query ran longer than {self.time_limit:g} s and was stopped") from None
        except duckdb.Error as exc:
            raise SQLError(_reason(exc)) from None
        finally:
            timer.cancel()
        return SQLResult(columns, types, rows[:limit], len(rows) > limit, limit, time.monotonic() - started)

    def tables(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """Each table of the database and its columns with their types, for the page's side list."""
        if not self.exists:
            return []
        try:
            with self.connect() as con:
                rows = con.execute(
                    "SELECT table_name, column_name, data_type FROM information_schema.columns "
                    "ORDER BY table_name, ordinal_position"
                ).fetchall()
        except (SQLError, duckdb.Error):
            return []
        out: dict[str, list[tuple[str, str]]] = {}
        for table, column, kind in rows:
            out.setdefault(table, []).append((column, kind))
        return list(out.items())


def _reason(exc: Exception) -> str:
    """DuckDB's message without its error-class prefix, on one line."""
    text = str(exc).strip()
    text = re.sub(r"^[A-Za-z ]*Error: ", "", text)
    return " ".join(text.split())
