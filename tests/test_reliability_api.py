"""The Python API takes paths as `os.PathLike`, and every mistake a caller can make is a StorylineError
that names the argument and the reason."""

from __future__ import annotations

from pathlib import Path

import pytest

import storyline
from storyline.errors import BadArgument, NothingToAnalyze, OutputFolderError, StorylineError

GOOD = (
    "Harbour ferry service resumes after storm\n\n"
    "The ferry between Port Anselm and the island of Kell resumed on Tuesday after a storm "
    "closed the crossing for three days, the operator said.\n\n"
    '"We are glad to have our passengers back," said Tomas Brandt, the director.\n'
)


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(GOOD, "utf-8")
    return path


def test_paths_are_accepted_as_path_objects(good: Path, tmp_path: Path) -> None:
    settings = storyline.Settings(jobs=1)
    story = storyline.analyze([good], tmp_path / "out", settings=settings)
    assert [a.source for a in story.articles] == [str(good)]
    assert (tmp_path / "out" / "story.json").is_file()
    assert len(storyline.analyze(good, settings=settings).articles) == 1


@pytest.mark.parametrize(
    ("inputs", "named"),
    [
        (None, "inputs (None)"),
        (42, "inputs (42)"),
        (b"good.txt", "inputs (b'good.txt')"),
        ([None], "inputs[0] (None)"),
        (["good.txt", 7], "inputs[1] (7)"),
        ([], "inputs ([])"),
    ],
)
def test_inputs_that_are_not_paths_are_named(inputs: object, named: str) -> None:
    with pytest.raises(BadArgument) as caught:
        storyline.analyze(inputs)  # type: ignore[arg-type]
    assert isinstance(caught.value, StorylineError) and isinstance(caught.value, TypeError)
    assert str(caught.value).startswith(named + ": ")
    assert "os.PathLike" in str(caught.value) or "no input given" in str(caught.value)


def test_an_output_folder_that_is_a_file_is_named(good: Path, tmp_path: Path) -> None:
    taken = tmp_path / "taken"
    taken.write_text("not a folder", "utf-8")
    with pytest.raises(OutputFolderError, match=r"taken: the output folder is a file"):
        storyline.analyze([good], taken)
    with pytest.raises(OutputFolderError, match=r"cannot create the output folder"):
        storyline.analyze([good], taken / "inside")
    assert taken.read_text("utf-8") == "not a folder"


@pytest.mark.parametrize(
    ("kwargs", "named"),
    [
        ({"output_dir": 3}, "output_dir (3): not a folder path"),
        ({"settings": {"jobs": 1}}, "settings ({'jobs': 1}): not a Settings"),
        ({"progress": "bars"}, "progress ('bars'): has no task() and problem() methods"),
    ],
)
def test_other_arguments_of_the_wrong_kind_are_named(
    good: Path, kwargs: dict[str, object], named: str
) -> None:
    with pytest.raises(BadArgument) as caught:
        storyline.analyze([good], **kwargs)  # type: ignore[arg-type]
    assert str(caught.value).startswith(named)


def test_nothing_readable_names_each_input_and_why(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(NothingToAnalyze) as caught:
        storyline.analyze([empty, tmp_path / "missing.txt"])
    message = str(caught.value)
    assert "none of the 2 inputs could be read" in message
    assert f"{empty}: " in message and f"{tmp_path / 'missing.txt'}: " in message


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("timeout", "20", "not a positive number of seconds"),
        ("timeout", 0, "not a positive number of seconds"),
        ("timeout", float("inf"), "not a positive number of seconds"),
        ("jobs", 0, "not a whole number of at least 1"),
        ("max_bytes", 2.5, "not a whole number of at least 1"),
        ("max_redirects", -1, "not a whole number of at least 0"),
        ("follow_links", "yes", "not True or False"),
        ("user_agent", "storyline\r\nX-Injected: 1", "not one line of text"),
    ],
)
def test_settings_no_run_could_use_are_named_when_made(field: str, value: object, reason: str) -> None:
    with pytest.raises(BadArgument) as caught:
        storyline.Settings(**{field: value})  # type: ignore[arg-type]
    assert str(caught.value) == f"settings.{field} ({value!r}): {reason}"


def test_settings_at_their_limits_are_accepted() -> None:
    settings = storyline.Settings(timeout=1, max_redirects=0, jobs=1, max_bytes=1)
    assert (settings.timeout, settings.max_redirects) == (1, 0)


def test_an_empty_output_folder_name_is_refused_not_taken_as_here(
    good: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(BadArgument, match=r"^output_dir \(''\): empty"):
        storyline.analyze([good], "")
    assert not (tmp_path / "story.json").exists()


def test_an_empty_input_name_is_named_as_empty(good: Path) -> None:
    story = storyline.analyze([good, ""], settings=storyline.Settings(jobs=1))
    (problem,) = story.problems
    assert (problem.source, problem.reason) == ("", "an empty name names no file, folder or URL")
