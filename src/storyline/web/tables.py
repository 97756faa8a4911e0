"""The explorer's tables, as Datasette users expect them: sort by any column, facets, pages, CSV and JSON.

A `Table` says what its rows are (model records in their default order), which columns can be sorted,
and which columns are facets. `query` reads `?sort=`, `?page=`, `?limit=` and the facet parameters
(a facet given twice, `?outlet=a&outlet=b`, keeps the rows with either value),
answers a 400 that says why for any value that cannot be one, and returns the rows and the links a page
needs (sort links in the headers, facet counts as links, previous/next) built from the same parameters,
so a link keeps everything but what it changes.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from fastapi import HTTPException

from storyline.export import _inert

MAX_LIMIT = 10_000
PAGE_SIZE = 100  # rows per page when no ?limit= is given
PAGING = ("sort", "limit", "page")
FACET_VALUES = 20  # a facet shows its most frequent values; "and N more" counts the rest


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    value: Callable[[Any], Any]  # what the column sorts by: a string, a number or None, one kind per column
    show: Callable[[Any], Any] | None = None  # what the cell says, when not the sort value
    link: Callable[[Any], str | None] | None = None  # where the cell leads

    def text(self, row: Any) -> Any:
        shown = (self.show or self.value)(row)
        return "" if shown is None else shown


@dataclass(frozen=True)
class Facet:
    key: str
    label: str
    value: Callable[[Any], str | tuple[str, ...]]  # a row's value, or its values (a claim's outlets)
    choices: tuple[str, ...] | None = None  # every value it can take, when fixed; else the values present

    def values(self, row: Any) -> tuple[str, ...]:
        v = self.value(row)
        return v if isinstance(v, tuple) else (v,)


@dataclass
class Table:
    name: str
    path: str  # the HTML page; `path`.json and `path`.csv are its downloads
    title: str
    rows: list[Any]  # in the default order
    columns: list[Column]
    record: Callable[[Any], dict[str, Any]]  # the row as JSON
    facets: list[Facet] = field(default_factory=list)
    template: str = "table.html.j2"
    note: str = ""
    flat: Callable[[Any], dict[str, Any]] | None = None  # the row for CSV, when not `record`

    def csv(self, rows: list[Any]) -> str:
        return to_csv([(self.flat or self.record)(r) for r in rows])

    def column(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.key == key), None)


@dataclass
class Link:
    text: str
    href: str
    count: int | None = None
    selected: bool = False


@dataclass
class Result:
    table: Table
    rows: list[Any]  # this page's rows
    total: int  # rows after the filters, on every page
    page: int
    pages: int
    limit: int
    sort: str
    params: dict[str, list[str]]  # the query, canonical: facets in table order, then sort, limit, page
    facets: list[tuple[Facet, list[Link]]]
    headers: list[tuple[Column, Link]]
    previous: str | None
    next: str | None

    def href(self, suffix: str = "") -> str:
        """This same query at the page (`suffix` ""), or its `.json` or `.csv` download."""
        return self.table.path + suffix + _query(self.params)

    facet_values = FACET_VALUES

    @property
    def first_row(self) -> int:
        return (self.page - 1) * self.limit + 1 if self.total else 0


def _query(params: Mapping[str, list[str]]) -> str:
    kept = [(k, v) for k, values in params.items() for v in values if v not in ("", None)]
    return "?" + urlencode(kept) if kept else ""


def _values(given: Mapping[str, str], name: str) -> list[str]:
    """Every value `given` has for `name`, in order, each once: a request's `?outlet=a&outlet=b`."""
    getlist = getattr(given, "getlist", None)
    values = getlist(name) if getlist is not None else [given[name]] if name in given else []
    return list(dict.fromkeys(v for v in values if v != ""))


def _whole(name: str, raw: str, most: int | None = None) -> int:
    if not raw.isdigit() or int(raw) < 1 or (most is not None and int(raw) > most):
        bound = f"from 1 to {most}" if most is not None else "from 1 up"
        raise HTTPException(400, f"{name} must be a whole number {bound}, not {raw!r}")
    return int(raw)


def _choices(values: list[str]) -> str:
    shown = values[:20]
    more = f" and {len(values) - 20} more" if len(values) > 20 else ""
    return ", ".join(shown) + more if shown else "none (the table is empty)"


def query(table: Table, given: Mapping[str, str], paged_by_default: bool = True) -> Result:
    """The rows `given` (a request's query parameters) asks for, or a 400 that says what is wrong.

    Without `?page=` or `?limit=`, the HTML page shows the first `PAGE_SIZE` rows and a download
    (`paged_by_default` False) has every row.
    """
    known = [f.key for f in table.facets] + list(PAGING)
    for name in given:
        if name not in known:
            raise HTTPException(400, f"unknown parameter {name!r}; {table.name} takes {', '.join(known)}")
    params = {k: _values(given, k) for k in known if _values(given, k)}
    for name in PAGING:
        if len(params.get(name, [])) > 1:
            raise HTTPException(400, f"{name} is given {len(params[name])} times; give it once")

    # a facet given several values keeps the rows with any of them; different facets all must match
    chosen: dict[str, list[str]] = {}
    for f in table.facets:
        if f.key not in params:
            continue
        allowed = (
            list(f.choices) if f.choices is not None else sorted({v for r in table.rows for v in f.values(r)})
        )
        for value in params[f.key]:
            if value not in allowed:
                raise HTTPException(400, f"unknown {f.key} {value!r}; choose one of {_choices(allowed)}")
        chosen[f.key] = params[f.key]

    def keep(row: Any, but: str | None = None) -> bool:
        return all(
            any(v in chosen[f.key] for v in f.values(row))
            for f in table.facets
            if f.key in chosen and f.key != but
        )

    rows = [r for r in table.rows if keep(r)]

    sort = params.get("sort", [""])[0]
    if sort:
        column = table.column(sort.removeprefix("-"))
        if column is None:
            keys = ", ".join(c.key for c in table.columns)
            raise HTTPException(
                400, f"cannot sort by {sort!r}; sort by one of {keys} (with a leading - for descending)"
            )
        rows = sort_rows(rows, column.value, descending=sort.startswith("-"))

    paged = paged_by_default or "page" in params or "limit" in params
    limit = _whole("limit", params["limit"][0], MAX_LIMIT) if "limit" in params else PAGE_SIZE
    page = _whole("page", params["page"][0]) if "page" in params else 1
    if not paged:
        limit = max(1, len(rows))
    pages = max(1, math.ceil(len(rows) / limit))
    if page > pages:
        raise HTTPException(
            400, f"page {page} is past the end: {len(rows)} rows at {limit} a page make {pages} page(s)"
        )
    shown = rows[(page - 1) * limit : page * limit]

    def link(**changes: str | list[str]) -> str:
        """This query with `changes` ("" drops a parameter), its parameters always in the same order."""
        merged = {**params, **{k: [v] if isinstance(v, str) else v for k, v in changes.items()}}
        return table.path + _query({k: merged[k] for k in known if k in merged})

    def toggle(f: Facet, value: str) -> list[str]:
        """The facet's values with `value` taken off when chosen, added when not."""
        now = chosen.get(f.key, [])
        return [v for v in now if v != value] if value in now else [*now, value]

    facets = []
    for f in table.facets:
        counts = Counter(v for r in table.rows if keep(r, but=f.key) for v in f.values(r))
        order = list(f.choices) if f.choices is not None else sorted(counts, key=lambda v: (-counts[v], v))
        links = [
            Link(v, link(**{f.key: toggle(f, v), "page": ""}), counts[v], v in chosen.get(f.key, []))
            for v in order
            if counts[v] or v in chosen.get(f.key, [])  # a chosen value stays, so it can be taken off
        ]
        facets.append((f, links))

    headers = []
    for c in table.columns:
        if sort == c.key:
            headers.append((c, Link(c.label + " ▲", link(sort="-" + c.key, page=""), selected=True)))
        elif sort == "-" + c.key:
            headers.append((c, Link(c.label + " ▼", link(sort=c.key, page=""), selected=True)))
        else:
            headers.append((c, Link(c.label, link(sort=c.key, page=""))))

    return Result(
        table=table,
        rows=shown,
        total=len(rows),
        page=page,
        pages=pages,
        limit=limit,
        sort=sort,
        params=params,
        facets=facets,
        headers=headers,
        previous=link(page=str(page - 1) if page > 2 else "") if page > 1 else None,
        next=link(page=str(page + 1)) if page < pages else None,
    )


def sort_rows(rows: list[Any], value: Callable[[Any], Any], descending: bool = False) -> list[Any]:
    """Rows by `value`, stable (ties keep the default order); rows without a value come last either way."""
    present = [r for r in rows if value(r) is not None]
    missing = [r for r in rows if value(r) is None]

    def key(r: Any) -> Any:
        v = value(r)
        return v.casefold() if isinstance(v, str) else v

    return sorted(present, key=key, reverse=descending) + missing


def to_csv(records: list[dict[str, Any]]) -> str:
    """The records as CSV: lists and nested records as JSON text, and no cell a spreadsheet would run."""
    columns: list[str] = []
    for r in records:
        columns += [k for k in r if k not in columns]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for r in records:
        flat = {
            k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v for k, v in r.items()
        }
        writer.writerow({k: _inert(v) for k, v in flat.items()})
    return out.getvalue()
