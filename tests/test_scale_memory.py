"""What a large story is never held whole for: the story.json text and the store's rows; made a record
at a time, they are exactly what the whole would have been."""

from __future__ import annotations

import json
from pathlib import Path

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
