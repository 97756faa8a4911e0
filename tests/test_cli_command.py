"""The command as a new user meets it: -h, standard input and output, formats, one-line messages, plurals."""

from __future__ import annotations

import json
import os
import pty
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import storyline
from story_builders import two_outlet_story, write_story
from storyline.cli import app

runner = CliRunner()

ARTICLE = (
    "Harbour wall repaired before winter\n\n"
    "Date: 2026-10-02\n\n"
    "Workers in the port town of Kessa finished repairing the harbour wall on Thursday, "
    "three weeks before the first winter storms are expected.\n\n"
    '"The wall will hold this year," said harbour master Lene Aas.\n'
)


@pytest.fixture
def one_article(tmp_path: Path) -> Path:
    path = tmp_path / "harbour.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def sample_story(tmp_path_factory: pytest.TempPathFactory, samples_dir: Path) -> Iterator[tuple[Path, str]]:
    """The bundled sample corpus analysed once: its folder and what the command printed."""
    out = tmp_path_factory.mktemp("sample") / "story"
    result = runner.invoke(app, ["analyze", str(samples_dir / "corpus"), "-o", str(out), "-q", "-j", "1"])
    assert result.exit_code == 0, result.output
    yield out, result.stdout


@pytest.mark.parametrize("command", [[], ["analyze"], ["export"], ["serve"], ["demo"], ["bench"]])
def test_dash_h_is_help_for_every_command(command: list[str]) -> None:
    short = runner.invoke(app, [*command, "-h"])
    long = runner.invoke(app, [*command, "--help"])
    assert short.exit_code == 0, short.output
    assert short.stdout == long.stdout
    assert "Usage:" in short.stdout


def test_json_lines_on_stdin_and_story_json_on_stdout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    records = [
        {"text": ARTICLE, "outlet": "Kessa Post"},
        {"text": ARTICLE.replace("Thursday", "Friday"), "outlet": "Coast Radio"},
    ]
    stdin = "".join(json.dumps(r) + "\n" for r in records)
    result = runner.invoke(app, ["analyze", "-", "-o", "-", "-q", "-j", "1"], input=stdin)
    assert result.exit_code == 0, result.output
    story = json.loads(result.stdout)  # standard output is story.json and nothing else
    assert story["schema"] == "storyline/1"
    assert sorted(a["source"] for a in story["articles"]) == ["<stdin>#L1", "<stdin>#L2"]
    assert sorted(a["outlet"] for a in story["articles"]) == ["Coast Radio", "Kessa Post"]
    assert "Story: 2 articles" in result.stderr
    assert list(tmp_path.iterdir()) == []  # no folder named "-", no store


def test_paths_on_stdin_are_analysed(one_article: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    listing = f"{one_article}\n{tmp_path / 'missing.txt'}\n"
    result = runner.invoke(app, ["analyze", "-", "-o", str(out), "-q", "-j", "1"], input=listing)
    assert result.exit_code == 0, result.output
    assert f"skipped {tmp_path / 'missing.txt'}: no such file or folder" in result.stderr
    sources = [a["source"] for a in json.loads((out / "story.json").read_text("utf-8"))["articles"]]
    assert sources == [str(one_article)]


def test_export_format_ignores_case(tmp_path: Path) -> None:
    folder = write_story(two_outlet_story(), tmp_path / "story")
    result = runner.invoke(app, ["export", str(folder), "--format", "CSV"])
    assert result.exit_code == 0, result.output
    assert (folder / "export-csv" / "articles.csv").is_file()


@pytest.mark.parametrize(("given", "meant"), [("cvs", "csv"), ("jsnl", "jsonl"), ("GraphXML", "graphml")])
def test_unknown_export_format_suggests_the_nearest(tmp_path: Path, given: str, meant: str) -> None:
    folder = write_story(two_outlet_story(), tmp_path / "story")
    result = runner.invoke(app, ["export", str(folder), "--format", given])
    assert result.exit_code == 2
    assert f"did you mean {meant}?" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_messages_are_not_wrapped_when_piped(tmp_path: Path, one_article: Path) -> None:
    # CliRunner's output is not a terminal, where Rich would otherwise wrap at 80 columns.
    deep = (
        tmp_path / ("a-folder-with-a-rather-long-name-" * 3) / "and-a-missing-file-with-a-long-name-too.txt"
    )
    result = runner.invoke(app, ["analyze", str(one_article), str(deep), "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0, result.output
    assert f"skipped {deep}: no such file or folder\n" in result.stderr
    report = (tmp_path / "out" / "report.html").resolve()
    assert f"Report:      {report}\n" in result.stdout


def test_counts_in_the_summary_are_singular_for_one(one_article: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", str(one_article), "-o", str(tmp_path / "out"), "-q", "-j", "1"])
    assert result.exit_code == 0, result.output
    story_line = next(line for line in result.stdout.splitlines() if line.startswith("Story: "))
    assert story_line.startswith("Story: 1 article, ")
    for word in ("articles", "1 entities", "1 quotes", "1 figures", "1 events", "1 claims"):
        assert word not in story_line


def test_one_unreadable_input_is_not_called_one_of_several(tmp_path: Path) -> None:
    (tmp_path / "blank.txt").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(tmp_path / "blank.txt"), "-o", "-", "-q"])
    assert result.exit_code == 1
    assert "the one input could not be read" in result.stderr
    assert "1 inputs" not in result.stderr


def test_summary_names_the_conflicts_found(sample_story: tuple[Path, str]) -> None:
    folder, printed = sample_story
    story = json.loads((folder / "story.json").read_text("utf-8"))
    conflicts = [c for c in story["claims"] if c["status"] == "conflicting"]
    assert conflicts, "the sample corpus is written to hold disagreements"
    lines = printed.splitlines()
    heading = lines.index(
        f"Conflicts: {len(conflicts)} claim{'s' * (len(conflicts) != 1)} where outlets disagree"
    )
    named = lines[heading + 1 : heading + 1 + min(5, len(conflicts))]
    for line, claim in zip(named, conflicts, strict=False):
        assert line.startswith("  - ")
        assert " ".join(claim["statement"].split())[:40] in line
        assert " ".join(claim["note"].split())[:40] in line


def test_a_failed_run_does_not_claim_nothing_was_written_when_the_store_was(tmp_path: Path) -> None:
    (tmp_path / "blank.txt").write_text("", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["analyze", str(tmp_path / "blank.txt"), "-o", str(out), "-q"])
    assert result.exit_code == 1
    assert (out / "story.duckdb").exists()
    assert "nothing was written" not in result.stderr
    assert f"story.json and report.html were not written; {out / 'story.duckdb'} was" in result.stderr
    assert not (out / "story.json").exists()
    # with -o - nothing at all is stored, and the message says so
    piped = runner.invoke(app, ["analyze", str(tmp_path / "blank.txt"), "-o", "-", "-q"])
    assert piped.exit_code == 1 and "nothing was written" in piped.stderr


def test_serve_on_a_taken_port_says_so_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_story(two_outlet_story(), tmp_path / "story")

    def must_not_start(*args: object, **kwargs: object) -> None:
        raise AssertionError("the server was started on a taken port")

    monkeypatch.setattr("uvicorn.run", must_not_start)
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = runner.invoke(app, ["serve", str(folder), "--port", str(port)])
    assert result.exit_code == 1
    assert result.stderr == f"error: port {port} on 127.0.0.1 is already in use; choose another with --port\n"
    assert "http://" not in result.stdout


def test_control_characters_in_a_file_name_are_shown_not_sent_to_the_terminal(
    tmp_path: Path, one_article: Path
) -> None:
    hostile = tmp_path / "title\x1b]0;owned\x07\x1b[2J.txt"
    hostile.write_bytes(b"")
    result = runner.invoke(
        app, ["analyze", str(one_article), str(hostile), "-o", str(tmp_path / "out"), "-q"]
    )
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "title\\x1b]0;owned\\x07\\x1b[2J.txt: empty file" in result.stderr


def test_load_reads_back_the_story_analyze_wrote(sample_story: tuple[Path, str]) -> None:
    folder, _ = sample_story
    story = storyline.load(folder)
    assert isinstance(story, storyline.Story)
    assert story.to_dict() == json.loads((folder / "story.json").read_text("utf-8"))
    assert storyline.load(str(folder)).to_dict() == story.to_dict()


def test_load_names_the_folder_it_cannot_read(tmp_path: Path) -> None:
    with pytest.raises(storyline.StorylineError, match="no story.json here"):
        storyline.load(tmp_path)
    with pytest.raises(storyline.BadArgument, match=r"^folder \(None\)"):
        storyline.load(None)  # type: ignore[arg-type]


def test_repr_of_a_story_is_one_short_line(sample_story: tuple[Path, str]) -> None:
    story = storyline.load(sample_story[0])
    text = repr(story)
    conflicting = sum(c.status == "conflicting" for c in story.claims)
    assert len(text) < 200 and "\n" not in text
    assert f"articles={len(story.articles)} " in text and f"claims={len(story.claims)} " in text
    assert f"conflicting={conflicting} " in text


def test_package_is_marked_typed() -> None:
    package = Path(storyline.__file__).parent
    assert (package / "py.typed").is_file()
    pyproject = (package.parents[1] / "pyproject.toml").read_text("utf-8")
    assert '"py.typed"' in pyproject  # shipped in the wheel, not only present in the checkout
    assert os.path.getsize(package / "py.typed") == 0


def test_a_bad_option_value_is_one_unwrapped_line_when_piped(one_article: Path) -> None:
    result = runner.invoke(app, ["analyze", str(one_article), "--timeout", "0", "-o", "-"])
    assert result.exit_code == 2
    (error,) = [line for line in result.stderr.splitlines() if "--timeout" in line]
    assert error.startswith("Error: Invalid value for '--timeout': ")
    assert "0.001" in error


def test_a_corpus_of_many_bad_records_is_a_few_lines_and_a_count(tmp_path: Path, one_article: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"text": ARTICLE}) + "\n" + "{broken\n" * 30, encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["analyze", str(corpus), "-o", str(out), "-q", "-j", "1"])
    assert result.exit_code == 0, result.output
    named = [line for line in result.stderr.splitlines() if line.startswith(f"skipped {corpus}#L")]
    assert [line.split(":")[0] for line in named] == [f"skipped {corpus}#L{n}" for n in range(2, 12)]
    assert f"skipped 20 more documents of {corpus}, not listed above; each is in {out / 'story.json'}" in (
        result.stderr
    )
    assert "skipped 30 (30 unreadable)" in result.stdout
    assert len(json.loads((out / "story.json").read_text("utf-8"))["skipped"]) == 30


def test_reading_stdin_from_a_terminal_says_how_to_end_it() -> None:
    terminal, their_end = pty.openpty()
    command = [sys.executable, "-m", "storyline.cli", "analyze", "-", "-o", "-", "-q", "-j", "1"]
    proc = subprocess.Popen(command, stdin=their_end, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    os.close(their_end)
    try:
        os.write(terminal, json.dumps({"text": ARTICLE}).encode() + b"\n\x04")  # a record, then Ctrl+D
        out, err = proc.communicate(timeout=180)
    finally:
        os.close(terminal)
    assert proc.returncode == 0, err.decode()
    assert "Reading paths, URLs or JSON Lines from standard input; end with Ctrl+D" in err.decode()
    assert json.loads(out)["articles"][0]["source"] == "<stdin>#L1"


def test_demo_to_stdout_is_story_json_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["demo", "-o", "-", "-q", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["schema"] == "storyline/1"
    assert "Analysing the bundled sample corpus" in result.stderr
    assert list(tmp_path.iterdir()) == []


def free_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return probe.getsockname()[1]


def test_serve_passes_its_sql_time_limit_to_the_explorer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import storyline.web

    folder = write_story(two_outlet_story(), tmp_path / "story")
    made: dict[str, object] = {}
    real_create_app = storyline.web.create_app

    def create_app(*args: Any, **kwargs: Any) -> Any:
        made.update(kwargs)
        return real_create_app(*args, **kwargs)

    monkeypatch.setattr(storyline.web, "create_app", create_app)
    monkeypatch.setattr("uvicorn.run", lambda *args, **kwargs: None)
    port = str(free_port())
    result = runner.invoke(app, ["serve", str(folder), "--port", port, "--sql-time-limit", "0.5"])
    assert result.exit_code == 0, result.output
    assert made["sql_time_limit"] == 0.5
    runner.invoke(app, ["serve", str(folder), "--port", port])
    assert made["sql_time_limit"] == 5.0


@pytest.mark.parametrize("value", ["0", "-2", "nan", "inf", "3601"])
def test_serve_refuses_a_sql_time_limit_that_is_not_a_positive_number_of_seconds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    folder = write_story(two_outlet_story(), tmp_path / "story")

    def must_not_start(*args: object, **kwargs: object) -> None:
        raise AssertionError("the server was started with a bad --sql-time-limit")

    monkeypatch.setattr("uvicorn.run", must_not_start)
    result = runner.invoke(app, ["serve", str(folder), "--sql-time-limit", value])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --sql-time-limit takes seconds above 0 and at most 3600, not ")
    assert result.stderr.count("\n") == 1 and "http://" not in result.stdout
    words = runner.invoke(app, ["serve", str(folder), "--sql-time-limit", "soon"])
    assert words.exit_code == 2 and "--sql-time-limit" in words.stderr
