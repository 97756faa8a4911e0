"""The self-contained HTML report: one file, no outside requests, every article's text escaped."""

from __future__ import annotations

from pathlib import Path

from storyline.report.render import render_report


def write_report(story: object, path: str | Path) -> Path:
    """Render the story to `path` and return it."""
    path = Path(path)
    path.write_text(render_report(story), encoding="utf-8")  # type: ignore[arg-type]
    return path


__all__ = ["render_report", "write_report"]
