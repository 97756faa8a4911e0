"""Standard input as an input (`-`): JSON Lines records, or a list of paths and URLs."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from storyline.config import Settings
from storyline.ingest import read_inputs
from storyline.model import InputProblem, RawDocument


def read_with_stdin(data: bytes, monkeypatch: pytest.MonkeyPatch, *inputs: str) -> list[object]:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    return list(read_inputs(list(inputs) or ["-"], Settings(jobs=1)))


def test_json_lines_on_stdin_are_records_numbered_by_line(monkeypatch: pytest.MonkeyPatch) -> None:
    first = json.dumps({"text": "The ferry ran again on Tuesday.", "outlet": "Harbour Notes"})
    second = json.dumps({"text": "The ferry was late on Wednesday."})
    items = read_with_stdin(f"\n\n{first}\n{{broken\n\n{second}\n".encode(), monkeypatch)
    assert [(type(i).__name__, i.source) for i in items] == [  # type: ignore[attr-defined]
        ("RawDocument", "<stdin>#L3"),
        ("InputProblem", "<stdin>#L4"),
        ("RawDocument", "<stdin>#L6"),
    ]
    assert isinstance(items[0], RawDocument) and items[0].hints.outlet == "Harbour Notes"
    assert items[2].data == b"The ferry was late on Wednesday."  # type: ignore[attr-defined]


def test_paths_on_stdin_are_read_as_if_typed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "a.txt").write_text("The bridge reopened on Friday.", "utf-8")
    (tmp_path / "b.md").write_text("The mayor spoke on Saturday.", "utf-8")
    listing = f"{tmp_path / 'folder'}\n\n  {tmp_path / 'b.md'}  \r\n{tmp_path / 'gone.txt'}\n-\n"
    items = read_with_stdin(listing.encode(), monkeypatch)
    assert [i.source for i in items] == [  # type: ignore[attr-defined]
        str(tmp_path / "folder" / "a.txt"),
        str(tmp_path / "b.md"),
        str(tmp_path / "gone.txt"),
        "<stdin>#L5",
    ]
    gone, dash = items[2], items[3]
    assert isinstance(gone, InputProblem) and gone.reason == "no such file or folder"
    assert isinstance(dash, InputProblem) and "`-`" in dash.reason


def test_stdin_goes_beside_other_inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text("The bridge reopened on Friday.", "utf-8")
    record = json.dumps({"text": "The ferry ran again on Tuesday."})
    items = read_with_stdin(f"{record}\n".encode(), monkeypatch, str(tmp_path / "a.txt"), "-")
    assert [i.source for i in items] == [str(tmp_path / "a.txt"), "<stdin>#L1"]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "nothing on standard input"),
        (b" \n\n\t\n", "nothing on standard input"),
        (b"\x89PNG\r\n\x1a\n" + bytes(64), "binary data"),
    ],
)
def test_empty_or_binary_stdin_is_one_problem(
    data: bytes, reason: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    (problem,) = read_with_stdin(data, monkeypatch)
    assert isinstance(problem, InputProblem)
    assert problem.source == "<stdin>"
    assert problem.reason.startswith(reason)


def test_a_line_too_long_for_a_path_is_one_problem_and_not_held(monkeypatch: pytest.MonkeyPatch) -> None:
    items = read_with_stdin(b"x" * 300_000 + b"\n/no/such/file.txt\n", monkeypatch)
    assert [i.source for i in items] == ["<stdin>#L1", "/no/such/file.txt"]  # type: ignore[attr-defined]
    assert items[0].reason == "a line too long to be a path or URL"  # type: ignore[attr-defined]
