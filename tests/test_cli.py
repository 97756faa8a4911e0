"""The `storyline` command: exit codes, the closing summary, errors that name the input."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from storyline import __version__
from storyline.cli import app

runner = CliRunner()

ARTICLE = (
    "Council approves new bridge over the Orla\n\n"
    "Date: 2026-05-12\n\n"
    "The city council of Vessen approved a new footbridge over the Orla river on Monday, "
    "with 31 votes in favour and 9 against.\n\n"
    '"This connects two halves of the city," said Mayor Petra Lind.\n'
)


def test_version_prints_the_package_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.stdout


def test_help_lists_every_command() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("analyze", "demo"):
        assert command in result.stdout


def test_analyze_names_bad_inputs_and_still_succeeds(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bridge.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "in" / "blank.md").write_text("   \n\n", encoding="utf-8")
    missing = tmp_path / "nowhere.txt"
    result = runner.invoke(
        app, ["analyze", str(tmp_path / "in"), str(missing), "-o", str(tmp_path / "out"), "-q"]
    )
    assert result.exit_code == 0, result.output
    assert "blank.md" in result.stderr
    assert "nowhere.txt" in result.stderr
    assert "read 1 new" in result.stdout
    assert "skipped 2" in result.stdout
    story = json.loads((tmp_path / "out" / "story.json").read_text("utf-8"))
    assert len(story["articles"]) == 1
    assert {Path(s["source"]).name for s in story["skipped"]} == {"blank.md", "nowhere.txt"}


def test_analyze_exits_non_zero_when_nothing_could_be_read(tmp_path: Path) -> None:
    (tmp_path / "blank.txt").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(tmp_path / "blank.txt"), "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 1
    assert "blank.txt" in result.stderr
    assert "story.json and report.html were not written" in result.stderr


def test_command_reference_in_docs_matches_the_code() -> None:
    import importlib.util

    script = Path(__file__).resolve().parents[1] / "scripts" / "cli_reference.py"
    spec = importlib.util.spec_from_file_location("cli_reference", script)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.DOC.read_text("utf-8") == module.render(), "run: python scripts/cli_reference.py"
