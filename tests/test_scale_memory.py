"""What a large story is never held whole for: the story.json text, the store's rows, the output files
read back for their hashes; made or read a piece at a time, they are exactly what the whole would give."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from story_builders import story_with_every_section
from storyline.model import Story
from storyline.pipeline import write_outputs
from storyline.progress import NullProgress


def test_story_json_written_record_by_record_is_the_whole_dump() -> None:
    story = story_with_every_section()
    story.articles[0].title = "Ünïcode — “quoted” \u2028 line\nbreak"
    whole = json.dumps(story.to_dict(), ensure_ascii=False, indent=1)
    assert "".join(story.json_chunks()) == whole
    empty = Story()
    assert "".join(empty.json_chunks()) == json.dumps(empty.to_dict(), ensure_ascii=False, indent=1)


def test_write_outputs_writes_the_whole_dump_to_story_json(tmp_path: Path) -> None:
    story = story_with_every_section()
    write_outputs(story, tmp_path, NullProgress())
    written = (tmp_path / "story.json").read_bytes()
    assert written == json.dumps(story.to_dict(), ensure_ascii=False, indent=1).encode("utf-8")


def test_output_hashes_are_read_a_block_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    story = story_with_every_section()

    def whole_file(self: Path) -> bytes:
        raise AssertionError(f"{self} read whole")

    monkeypatch.setattr(Path, "read_bytes", whole_file)
    written = write_outputs(story, tmp_path, NullProgress())
    monkeypatch.undo()
    for name, digest in written.items():
        assert digest == hashlib.sha256((tmp_path / name).read_bytes()).hexdigest()
