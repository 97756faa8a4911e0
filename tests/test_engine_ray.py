"""The Ray Data engine: the same story.json as the local engine, with cleaning and extraction on Ray.

Runs on a local Ray instance the engine starts itself (two CPUs); skipped where
Ray is not installed (`pip install storyline[scale]`).
"""

from __future__ import annotations

import json
import sys

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.config import Settings
from storyline.errors import BadArgument
from storyline.pipeline import analyze

# Ray Data warns of its own deprecated settings when its context is first read.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:ray")

ARTICLES = {
    "harbour-gazette-2026-05-02.txt": """Storm surge floods Kessel harbour, 300 homes evacuated
Published May 2, 2026
By Ada Morrow

A storm surge flooded the harbour district of Kessel on Friday night and 300 homes were evacuated, \
the Kessel Fire Service said. The sea wall was breached in two places near the ferry terminal.

"The water came over the wall in minutes," said Lena Ostrova, the harbour master. "We had never seen \
it rise that fast."

Repairs to the sea wall will cost about €4 million, according to the town council.
""",
    "coast-radio-2026-05-02.txt": """Kessel harbour evacuated as surge breaches sea wall
Published May 2, 2026
By Piet Jansen

About 450 homes in Kessel were evacuated overnight after a storm surge broke through the sea wall, \
the Kessel Fire Service said on Saturday.

Harbour master Lena Ostrova said the water came over the wall in minutes. The town council put the \
cost of repairs at €4 million.
""",
    "harbour-gazette-2026-05-04.txt": """Kessel residents return home as waters recede
Published May 4, 2026
By Ada Morrow

Most of the 300 families evacuated from Kessel's harbour district returned home on Sunday, the \
Kessel Fire Service said. Mayor Tomas Brill promised that the sea wall would be rebuilt by autumn.

"We will rebuild it higher and stronger," Brill said at a meeting in the town hall.
""",
    "coast-radio-2026-05-05.txt": """Council meets on Kessel sea wall
Published May 5, 2026
By Piet Jansen

The Kessel town council met on Monday to discuss rebuilding the sea wall. Mayor Tomas Brill said \
the work would start in June and cost €6 million, more than the council's first estimate.
""",
    "empty.txt": "",  # an input that cannot be read: a problem, in the same place for both engines
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, "utf-8")
    return folder


def test_ray_engine_writes_the_story_the_local_engine_writes(corpus, tmp_path, monkeypatch):
    ray = pytest.importorskip("ray")
    analyze(corpus, tmp_path / "local", Settings(jobs=1))
    local = json.loads((tmp_path / "local" / "story.json").read_text("utf-8"))

    # Cleaning and extraction must run in Ray's actors, not here: in this process they would fail.
    def not_here(*args, **kwargs):
        raise AssertionError("ran in the driver, not on Ray")

    monkeypatch.setattr("storyline.clean.clean_document", not_here)
    monkeypatch.setattr("storyline.extract.parallel.extract_batch", not_here)
    monkeypatch.setattr("storyline.extract.parallel.extract_stream", not_here)

    result = CliRunner().invoke(
        app, ["analyze", str(corpus), "-o", str(tmp_path / "ray"), "--engine", "ray", "-j", "2", "-q"]
    )
    assert result.exit_code == 0, result.output
    remote = json.loads((tmp_path / "ray" / "story.json").read_text("utf-8"))

    assert len(local["articles"]) == 4
    assert local["claims"] and local["quotes"] and local["figures"]
    assert [s["source"] for s in local["skipped"]] == [str(corpus / "empty.txt")]
    assert remote == local
    assert not ray.is_initialized()  # the engine stops the instance it started


def test_a_callers_ray_instance_is_used_and_left_running_and_a_failure_there_is_one_error(corpus):
    ray = pytest.importorskip("ray")
    from storyline.engines import ray_data
    from storyline.ingest import read_inputs

    settings = Settings(engine="ray", jobs=1)
    raws = list(read_inputs([str(corpus / "coast-radio-2026-05-02.txt")], settings))
    ray.init(address="local", num_cpus=1, include_dashboard=False, log_to_driver=False)
    try:
        (article,) = ray_data.run_stage(settings, raws, ray_data.Cleaner, batch=1)
        assert article.title == "Kessel harbour evacuated as surge breaches sea wall"
        # something that is no document makes clean_document fail in the actor, not with an InputError
        with pytest.raises(ray_data.RayEngineError, match="Cleaner actors failed on Ray: .*AttributeError"):
            list(ray_data.run_stage(settings, ["not a document"], ray_data.Cleaner, batch=1))
        ray_data.shutdown()
        assert ray.is_initialized()
    finally:
        ray.shutdown()


def test_without_ray_the_engine_says_how_to_get_it(corpus, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray fails, as where it is not installed
    result = CliRunner().invoke(app, ["analyze", str(corpus), "-o", str(tmp_path), "--engine", "ray", "-q"])
    assert result.exit_code == 1
    assert "storyline[scale]" in result.output


def test_an_unknown_engine_is_refused():
    with pytest.raises(BadArgument, match="engine"):
        Settings(engine="spark")
    result = CliRunner().invoke(app, ["analyze", "x", "--engine", "spark"])
    assert result.exit_code == 2
    assert "engine" in result.output
