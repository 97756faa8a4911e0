"""The self-contained HTML report: one file, no outside requests, every article's text escaped."""

from __future__ import annotations

from pathlib import Path

from storyline.report.render import render_report, report_pieces


def write_report(story: object, path: str | Path) -> Path:
    """Render the story to `path`, piece by piece (the same text `render_report` returns), and
    return it."""
    path = Path(path)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.writelines(report_pieces(story))  # type: ignore[arg-type]
    return path


__all__ = ["render_report", "write_report"]
